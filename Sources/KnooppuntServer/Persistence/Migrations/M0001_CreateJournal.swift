import Fluent

/// The append-only, hash-chained journal.
struct M0001_CreateJournal: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema(JournalEventModel.schema)
            .field("seq", .int64, .identifier(auto: false))
            .field("recorded_at", .string, .required)
            .field("actor", .string, .required)
            .field("organisation", .string, .required)
            .field("kind", .string, .required)
            .field("payload", .string, .required)
            .field("prev_hash", .string, .required)
            .field("hash", .string, .required)
            .create()
        try await database.schema(JournalHeadModel.schema)
            .field("id", .int, .identifier(auto: false))
            .field("seq", .int64, .required)
            .field("hash", .string, .required)
            .create()
    }

    func revert(on database: Database) async throws {
        try await database.schema(JournalHeadModel.schema).delete()
        try await database.schema(JournalEventModel.schema).delete()
    }
}
