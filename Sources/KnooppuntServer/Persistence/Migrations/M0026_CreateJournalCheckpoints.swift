import Fluent

/// Signed journal heads: this node's own, and those its peers send it (the national node keeps them).
struct M0026_CreateJournalCheckpoints: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema(JournalCheckpointModel.schema)
            .id()
            .field("node", .string, .required)
            .field("sequence", .int64, .required)
            .field("hash", .string, .required)
            .field("signed_at", .string, .required)
            .field("public_key", .string, .required)
            .field("signature", .string, .required)
            .field("received_at_us", .int64)
            .unique(on: "node", "sequence")
            .create()
    }

    func revert(on database: Database) async throws {
        try await database.schema(JournalCheckpointModel.schema).delete()
    }
}
