import Fluent

/// Alerts raised for partners when an incident matches their alert rules.
struct M0011_CreatePartnerAlerts: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema(PartnerAlertModel.schema)
            .id()
            .field("incident_id", .uuid, .required, .references(IncidentModel.schema, "id"))
            .field("organisation_code", .string, .required)
            .field("reason", .string, .required)
            .field("raised_at_us", .int64, .required)
            .field("escalate_after_minutes", .int, .required)
            .field("escalate_to", .string, .required)
            .field("acknowledged_at_us", .int64)
            .field("acknowledged_by", .string)
            .field("escalated_at_us", .int64)
            .field("escalated_to", .string)
            .unique(on: "incident_id", "organisation_code")
            .create()
    }

    func revert(on database: Database) async throws {
        try await database.schema(PartnerAlertModel.schema).delete()
    }
}
