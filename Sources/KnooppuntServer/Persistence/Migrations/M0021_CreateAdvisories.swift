import Fluent

/// Advisories the national node sends down to regions, whom each went to and who acknowledged it; and,
/// on a regional node, the advisories it received.
struct M0021_CreateAdvisories: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema(AdvisoryModel.schema)
            .id()
            .field("origin", .string, .required)
            .field("kind", .string, .required)
            .field("title", .string, .required)
            .field("text", .string, .required)
            .field("created_at_us", .int64, .required)
            .field("created_by", .string, .required)
            .field("acknowledged_at_us", .int64)
            .field("acknowledged_by", .string)
            .create()
        try await database.schema(AdvisoryDeliveryModel.schema)
            .id()
            .field("advisory_id", .uuid, .required, .references(AdvisoryModel.schema, "id", onDelete: .cascade))
            .field("node", .string, .required)
            .field("acknowledged_at_us", .int64)
            .field("acknowledged_by", .string)
            .unique(on: "advisory_id", "node")
            .create()
    }

    func revert(on database: Database) async throws {
        try await database.schema(AdvisoryDeliveryModel.schema).delete()
        try await database.schema(AdvisoryModel.schema).delete()
    }
}
