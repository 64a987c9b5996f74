import Fluent

/// Public warnings published from incidents as CAP 1.2: the XML exactly as published, never changed.
struct M0017_CreatePublicWarnings: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema(PublicWarningModel.schema)
            .id()
            .field("incident_id", .uuid, .required)
            .field("number", .int, .required)
            .field("identifier", .string, .required)
            .field("sender", .string, .required)
            .field("sent", .string, .required)
            .field("msg_type", .string, .required)
            .field("status", .string, .required)
            .field("headline", .string, .required)
            .field("xml", .data, .required)
            .field("content", .string, .required)
            .field("published_at_us", .int64, .required)
            .field("published_by", .string, .required)
            .field("organisation", .string, .required)
            .field("cancelled_at_us", .int64)
            .unique(on: "identifier")
            .unique(on: "incident_id", "number")
            .create()
    }

    func revert(on database: Database) async throws {
        try await database.schema(PublicWarningModel.schema).delete()
    }
}
