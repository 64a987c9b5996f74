import Fluent

/// Issue 18 point 5 (decision 0031): public risk information per risk, as published CAP.
struct M0048_CreateRiskCommunications: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema(RiskCommunicationModel.schema)
            .id()
            .field("risk_id", .uuid, .required)
            .field("region", .string, .required)
            .field("number", .int, .required)
            .field("identifier", .string, .required)
            .field("sender", .string, .required)
            .field("sent", .string, .required)
            .field("msg_type", .string, .required)
            .field("headline", .string, .required)
            .field("xml", .data, .required)
            .field("content", .string, .required)
            .field("published_at_us", .int64, .required)
            .field("published_by", .string, .required)
            .field("organisation", .string, .required)
            .create()
    }

    func revert(on database: Database) async throws {
        try await database.schema(RiskCommunicationModel.schema).delete()
    }
}
