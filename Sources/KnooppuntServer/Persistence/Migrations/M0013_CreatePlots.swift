import Fluent

/// Plots on the incident map, versioned like entries.
struct M0013_CreatePlots: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema(PlotModel.schema)
            .id()
            .field("incident_id", .uuid, .required, .references(IncidentModel.schema, "id"))
            .field("created_at_us", .int64, .required)
            .field("author", .string, .required)
            .field("author_org", .string, .required)
            .create()
        try await database.schema(PlotVersionModel.schema)
            .id()
            .field("plot_id", .uuid, .required, .references(PlotModel.schema, "id"))
            .field("incident_id", .uuid, .required, .references(IncidentModel.schema, "id"))
            .field("version", .int, .required)
            .field("valid_from", .int64, .required)
            .field("valid_to", .int64)
            .field("author", .string, .required)
            .field("author_org", .string, .required)
            .field("kind", .string, .required)
            .field("symbol", .string)
            .field("label", .string)
            .field("colour", .string)
            .field("radius", .double)
            .field("geometry", .string, .required)
            .field("verification", .string, .required)
            .field("verified_by", .string)
            .field("classification", .string, .required)
            .field("removed", .bool, .required)
            .unique(on: "plot_id", "version")
            .create()
    }

    func revert(on database: Database) async throws {
        try await database.schema(PlotVersionModel.schema).delete()
        try await database.schema(PlotModel.schema).delete()
    }
}
