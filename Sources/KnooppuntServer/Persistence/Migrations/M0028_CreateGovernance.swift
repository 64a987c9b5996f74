import Fluent

/// Bestuurlijk gezag (decision 0020): the office register, the mandate register and proposals to the
/// competent authority.
struct M0028_CreateGovernance: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema(OfficeModel.schema)
            .id()
            .field("username", .string, .required)
            .field("code", .string, .required)
            .field("valid_from_us", .int64, .required)
            .field("ended_at_us", .int64)
            .field("recorded_by", .string, .required)
            .field("recorded_at_us", .int64, .required)
            .create()
        try await database.schema(MandateModel.schema)
            .id()
            .field("mandatary", .string, .required)
            .field("office", .string, .required)
            .field("matters", .string, .required)
            .field("valid_from_us", .int64, .required)
            .field("valid_until_us", .int64)
            .field("note", .string)
            .field("granted_by", .string, .required)
            .field("granted_at_us", .int64, .required)
            .field("withdrawn_at_us", .int64)
            .field("withdrawn_by", .string)
            .create()
        try await database.schema(ProposalModel.schema)
            .id()
            .field("incident_id", .uuid, .required)
            .field("base_version", .int, .required)
            .field("grip", .int)
            .field("classification", .string)
            .field("reason", .string, .required)
            .field("addressed_to", .string, .required)
            .field("proposed_by", .string, .required)
            .field("proposed_by_organisation", .string, .required)
            .field("proposed_at_us", .int64, .required)
            .field("status", .string, .required)
            .field("decided_by", .string)
            .field("decided_as", .string)
            .field("under_mandate_of", .string)
            .field("decision_reason", .string)
            .field("decided_at_us", .int64)
            .field("result_version", .int)
            .create()
    }

    func revert(on database: Database) async throws {
        try await database.schema(ProposalModel.schema).delete()
        try await database.schema(MandateModel.schema).delete()
        try await database.schema(OfficeModel.schema).delete()
    }
}
