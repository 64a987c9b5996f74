import Fluent

/// Issue 18 point 4 (decision 0030): the regions' plans register and plans attached to incidents and risk pictures.
struct M0047_CreatePlans: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema(PlanModel.schema)
            .id()
            .field("region", .string, .required)
            .field("body", .string, .required)
            .field("version", .int, .required)
            .field("recorded_at_us", .int64, .required)
            .field("recorded_by_name", .string, .required)
            .create()
        try await database.schema(PlanAttachmentModel.schema)
            .id()
            .field("plan_id", .uuid, .required)
            .field("incident_id", .uuid)
            .field("picture_id", .uuid)
            .field("attached_at_us", .int64, .required)
            .field("attached_by_name", .string, .required)
            .create()
    }

    func revert(on database: Database) async throws {
        try await database.schema(PlanAttachmentModel.schema).delete()
        try await database.schema(PlanModel.schema).delete()
    }
}
