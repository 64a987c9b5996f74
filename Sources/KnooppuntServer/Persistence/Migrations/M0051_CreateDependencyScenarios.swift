import Fluent

/// Issue 19 point 5 (decision 0032): the scenario library, one row per version of a scenario.
struct M0051_CreateDependencyScenarios: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema(ScenarioModel.schema)
            .id()
            .field("scenario_id", .uuid, .required)
            .field("version", .int, .required)
            .field("scope", .string, .required)
            .field("title", .string, .required)
            .field("body", .string, .required)
            .field("recorded_at_us", .int64, .required)
            .field("recorded_by", .string, .required)
            .field("recorded_by_name", .string, .required)
            .unique(on: "scenario_id", "version")
            .create()
    }

    func revert(on database: Database) async throws {
        try await database.schema(ScenarioModel.schema).delete()
    }
}
