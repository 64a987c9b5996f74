import Fluent

/// Partners' requests to read an incident in their area (decision 0023).
struct M0035_CreateAccessRequests: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema(AccessRequestModel.schema)
            .id()
            .field("incident_id", .uuid, .required, .references(IncidentModel.schema, "id"))
            .field("organisation_code", .string, .required)
            .field("requested_by", .string, .required)
            .field("requested_by_name", .string, .required)
            .field("reason", .string, .required)
            .field("requested_at_us", .int64, .required)
            .field("status", .string, .required)
            .field("decided_by", .string)
            .field("decided_at_us", .int64)
            .field("note", .string)
            .field("grant_id", .uuid)
            .create()
    }

    func revert(on database: Database) async throws {
        try await database.schema(AccessRequestModel.schema).delete()
    }
}
