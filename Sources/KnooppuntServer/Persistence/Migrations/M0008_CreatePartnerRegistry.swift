import Fluent

/// The national partner registry and the grants that give organisations access to incidents.
struct M0008_CreatePartnerRegistry: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema(PartnerRegistrationModel.schema)
            .id()
            .field("organisation_code", .string, .required)
            .field("version", .int, .required)
            .field("body", .string, .required)
            .field("updated_at_us", .int64, .required)
            .field("updated_by", .string, .required)
            .unique(on: "organisation_code")
            .create()
        try await database.schema(AccessGrantModel.schema)
            .id()
            .field("incident_id", .uuid, .required, .references(IncidentModel.schema, "id"))
            .field("organisation_code", .string, .required)
            .field("kind", .string, .required)
            .field("profile", .string)
            .field("username", .string)
            .field("purpose", .string, .required)
            .field("status", .string, .required)
            .field("max_classification", .string, .required)
            .field("valid_from_us", .int64, .required)
            .field("valid_until_us", .int64, .required)
            .field("revoked_at_us", .int64)
            .field("revoked_by", .string)
            .field("granted_by", .string, .required)
            .field("granted_by_org", .string, .required)
            .create()
    }

    func revert(on database: Database) async throws {
        try await database.schema(AccessGrantModel.schema).delete()
        try await database.schema(PartnerRegistrationModel.schema).delete()
    }
}
