import Fluent

/// Issue 17, point 7 (decision 0027 §7): a standby link's read scope — what the IM opened to the partner.
/// Existing grants keep nil, which reads as the default of their kind (the totaalbeeld for standby).
struct M0040_GrantReadScope: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema(AccessGrantModel.schema).field("read_scope", .string).update()
    }

    func revert(on database: Database) async throws {
        try await database.schema(AccessGrantModel.schema).deleteField("read_scope").update()
    }
}
