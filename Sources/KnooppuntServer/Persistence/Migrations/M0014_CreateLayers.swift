import Fluent

/// Map layers uploaded by organisations, and the chair's openings of them (break glass).
struct M0014_CreateLayers: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema(LayerModel.schema)
            .id()
            .field("name", .string, .required)
            .field("category", .string, .required)
            .field("owner_org", .string, .required)
            .field("classification", .string, .required)
            .field("version", .int, .required)
            .field("feature_count", .int, .required)
            .field("geojson", .string, .required)
            .field("updated_at_us", .int64, .required)
            .field("updated_by", .string, .required)
            .create()
        try await database.schema(LayerGrantModel.schema)
            .id()
            .field("layer_id", .uuid, .required, .references(LayerModel.schema, "id", onDelete: .cascade))
            .field("organisation_code", .string, .required)
            .field("reason", .string, .required)
            .field("valid_from_us", .int64, .required)
            .field("valid_until_us", .int64, .required)
            .field("revoked_at_us", .int64)
            .field("granted_by", .string, .required)
            .create()
    }

    func revert(on database: Database) async throws {
        try await database.schema(LayerGrantModel.schema).delete()
        try await database.schema(LayerModel.schema).delete()
    }
}
