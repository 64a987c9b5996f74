import Fluent

/// Messages queued for peers, each signed once and sent until acknowledged.
struct M0019_CreateOutbox: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema(NodeOutboxModel.schema)
            .id()
            .field("peer", .string, .required)
            .field("message_id", .uuid, .required)
            .field("sequence", .int64, .required)
            .field("kind", .string, .required)
            .field("envelope", .data, .required)
            .field("signature", .string, .required)
            .field("created_at_us", .int64, .required)
            .field("attempts", .int, .required)
            .field("next_attempt_us", .int64, .required)
            .field("delivered_at_us", .int64)
            .field("last_error", .string)
            .unique(on: "peer", "sequence")
            .unique(on: "message_id")
            .create()
    }

    func revert(on database: Database) async throws {
        try await database.schema(NodeOutboxModel.schema).delete()
    }
}
