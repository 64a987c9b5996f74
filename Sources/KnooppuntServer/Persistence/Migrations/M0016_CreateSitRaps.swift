import Fluent

/// Situation reports, numbered per incident and never changed once issued, and their schedules.
struct M0016_CreateSitRaps: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema(SitRapModel.schema)
            .id()
            .field("incident_id", .uuid, .required)
            .field("number", .int, .required)
            .field("moment_us", .int64, .required)
            .field("issued_at_us", .int64, .required)
            .field("issued_by", .string, .required)
            .field("organisation", .string, .required)
            .field("classification", .string, .required)
            .field("scheduled", .bool, .required)
            .field("content", .string, .required)
            .field("map", .string)
            .unique(on: "incident_id", "number")
            .create()
        try await database.schema(SitRapScheduleModel.schema)
            .id()
            .field("incident_id", .uuid, .required)
            .field("interval_minutes", .int, .required)
            .field("unverified", .string, .required)
            .field("next_due_us", .int64, .required)
            .field("set_by", .string, .required)
            .field("set_at_us", .int64, .required)
            .unique(on: "incident_id")
            .create()
    }

    func revert(on database: Database) async throws {
        try await database.schema(SitRapScheduleModel.schema).delete()
        try await database.schema(SitRapModel.schema).delete()
    }
}
