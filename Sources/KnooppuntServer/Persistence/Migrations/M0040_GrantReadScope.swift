import Fluent

/// Issue 17, points 7 and 9 (decision 0027 §7, §9): a standby link's read scope — what the IM opened to the
/// partner — and the party whose mandate it joined under. Existing grants keep nil: the default of their
/// kind (the totaalbeeld for standby), under no one's mandate.
struct M0040_GrantReadScope: AsyncMigration {
    func prepare(on database: Database) async throws {
        // One column per statement: SQLite adds one column per ALTER TABLE.
        try await database.schema(AccessGrantModel.schema).field("read_scope", .string).update()
        try await database.schema(AccessGrantModel.schema).field("under_mandate_of", .string).update()
    }

    func revert(on database: Database) async throws {
        try await database.schema(AccessGrantModel.schema).deleteField("under_mandate_of").update()
        try await database.schema(AccessGrantModel.schema).deleteField("read_scope").update()
    }
}
