import Fluent

/// Decisions and actions (versioned records) and entry conflicts.
struct M0007_CreateRecordsAndConflicts: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema(RecordModel.schema)
            .id()
            .field("incident_id", .uuid, .required, .references(IncidentModel.schema, "id"))
            .field("kind", .string, .required)
            .field("created_at_us", .int64, .required)
            .field("author", .string, .required)
            .create()
        try await database.schema(RecordVersionModel.schema)
            .id()
            .field("record_id", .uuid, .required, .references(RecordModel.schema, "id"))
            .field("incident_id", .uuid, .required, .references(IncidentModel.schema, "id"))
            .field("kind", .string, .required)
            .field("version", .int, .required)
            .field("valid_from", .int64, .required)
            .field("valid_to", .int64)
            .field("author", .string, .required)
            .field("author_org", .string, .required)
            .field("body", .string, .required)
            .unique(on: "record_id", "version")
            .create()
        try await database.schema(ConflictModel.schema)
            .id()
            .field("incident_id", .uuid, .required, .references(IncidentModel.schema, "id"))
            .field("entry_a", .uuid, .required, .references(EntryModel.schema, "id"))
            .field("entry_b", .uuid, .required, .references(EntryModel.schema, "id"))
            .field("note", .string, .required)
            .field("marked_by", .string, .required)
            .field("marked_at_us", .int64, .required)
            .field("resolved_by", .string)
            .field("resolved_at_us", .int64)
            .field("resolution", .string)
            .create()
    }

    func revert(on database: Database) async throws {
        for schema in [ConflictModel.schema, RecordVersionModel.schema, RecordModel.schema] {
            try await database.schema(schema).delete()
        }
    }
}
