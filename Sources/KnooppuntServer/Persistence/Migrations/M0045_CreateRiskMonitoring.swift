import Fluent

/// Issue 18 point 3 (decision 0029): monitoring rules on risk pictures, the signals they raise, and the
/// values partners measure.
struct M0045_CreateRiskMonitoring: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema(MonitoringRuleModel.schema)
            .id()
            .field("picture_id", .uuid, .required)
            .field("body", .string, .required)
            .field("created_at_us", .int64, .required)
            .field("created_by_name", .string, .required)
            .create()
        try await database.schema(RiskSignalModel.schema)
            .id()
            .field("picture_id", .uuid, .required)
            .field("rule_id", .uuid, .required)
            .field("source", .string, .required)
            .field("summary", .string, .required)
            .field("raised_at_us", .int64, .required)
            .field("acknowledged_by_name", .string)
            .field("acknowledged_at_us", .int64)
            .create()
        try await database.schema(RiskMeasurementModel.schema)
            .id()
            .field("picture_id", .uuid, .required)
            .field("partner", .string, .required)
            .field("quantity", .string, .required)
            .field("value", .double, .required)
            .field("unit", .string)
            .field("measured_at_us", .int64, .required)
            .field("recorded_at_us", .int64, .required)
            .field("recorded_by", .string, .required)
            .create()
    }

    func revert(on database: Database) async throws {
        try await database.schema(RiskMeasurementModel.schema).delete()
        try await database.schema(RiskSignalModel.schema).delete()
        try await database.schema(MonitoringRuleModel.schema).delete()
    }
}
