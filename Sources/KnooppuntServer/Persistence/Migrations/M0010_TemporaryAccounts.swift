import Fluent

/// Accounts that stop working at a set time: temporary accounts for ad-hoc partners.
struct M0010_TemporaryAccounts: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema(UserModel.schema).field("valid_until", .datetime).update()
    }

    func revert(on database: Database) async throws {
        try await database.schema(UserModel.schema).deleteField("valid_until").update()
    }
}
