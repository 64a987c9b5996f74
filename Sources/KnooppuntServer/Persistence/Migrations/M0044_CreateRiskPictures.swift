import Fluent

/// Issue 18 point 2 (decision 0029): a region's current risk pictures and the expected effects on them.
struct M0044_CreateRiskPictures: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema(RiskPictureModel.schema)
            .id()
            .field("region", .string, .required)
            .field("title", .string, .required)
            .field("kind", .string, .required)
            .field("description", .string, .required)
            .field("expected_from_us", .int64, .required)
            .field("expected_until_us", .int64, .required)
            .field("area", .string)
            .field("risks", .string, .required)
            .field("partners", .string, .required)
            .field("status", .string, .required)
            .field("incident_id", .uuid)
            .field("incident_reference", .string)
            .field("closed_reason", .string)
            .field("version", .int, .required)
            .field("created_at_us", .int64, .required)
            .field("created_by", .string, .required)
            .field("created_by_name", .string, .required)
            .field("created_by_org", .string, .required)
            .field("updated_at_us", .int64, .required)
            .create()
        try await database.schema(RiskEffectModel.schema)
            .id()
            .field("picture_id", .uuid, .required)
            .field("theme", .string, .required)
            .field("text", .string, .required)
            .field("expected_at_us", .int64)
            .field("status", .string, .required)
            .field("via_liaison", .bool, .required)
            .field("author", .string, .required)
            .field("author_name", .string, .required)
            .field("author_org", .string, .required)
            .field("recorded_at_us", .int64, .required)
            .field("admitted_by_name", .string)
            .field("admitted_at_us", .int64)
            .create()
    }

    func revert(on database: Database) async throws {
        try await database.schema(RiskEffectModel.schema).delete()
        try await database.schema(RiskPictureModel.schema).delete()
    }
}
