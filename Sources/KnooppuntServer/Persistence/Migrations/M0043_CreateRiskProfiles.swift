import Fluent

/// Issue 18 point 1 (decision 0028): the regional risk profiles, one row per version of a risk. Rows are
/// only added: the newest version of a risk is the risk now, the versions before it its history and the
/// history of its adoption.
struct M0043_CreateRiskProfiles: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema(RegionalRiskModel.schema)
            .id()
            .field("risk_id", .uuid, .required)
            .field("version", .int, .required)
            .field("region", .string, .required)
            .field("title", .string, .required)
            .field("body", .string, .required)
            .field("change", .string, .required)
            .field("reason", .string)
            .field("recorded_at_us", .int64, .required)
            .field("recorded_by", .string, .required)
            .field("recorded_by_name", .string, .required)
            .field("recorded_by_org", .string, .required)
            .field("source_node", .string)
            .unique(on: "risk_id", "version")
            .create()
    }

    func revert(on database: Database) async throws {
        try await database.schema(RegionalRiskModel.schema).delete()
    }
}
