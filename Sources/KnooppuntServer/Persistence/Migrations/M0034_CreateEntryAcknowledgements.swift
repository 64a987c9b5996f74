import Fluent

/// Acknowledged urgent entries (decision 0022): one row per entry, the first acknowledgement counts.
struct M0034_CreateEntryAcknowledgements: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema(EntryAcknowledgementModel.schema)
            .id()
            .field("incident_id", .uuid, .required)
            .field("entry_id", .uuid, .required)
            .field("entry_version", .int, .required)
            .field("acknowledged_at_us", .int64, .required)
            .field("acknowledged_by", .string, .required)
            .field("acknowledged_by_name", .string, .required)
            .unique(on: "entry_id")
            .create()
    }

    func revert(on database: Database) async throws {
        try await database.schema(EntryAcknowledgementModel.schema).delete()
    }
}
