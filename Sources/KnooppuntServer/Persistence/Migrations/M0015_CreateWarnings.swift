import Fluent

/// Warnings taken in from other systems (CAP alerts), kept byte-for-byte with what was read from them.
struct M0015_CreateWarnings: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema(WarningModel.schema)
            .id()
            .field("identifier", .string, .required)
            .field("sender", .string, .required)
            .field("sent", .string, .required)
            .field("sent_at_us", .int64)
            .field("cap_version", .string, .required)
            .field("scope", .string, .required)
            .field("headline", .string, .required)
            .field("signature", .string, .required)
            .field("signature_detail", .string, .required)
            .field("content", .string, .required)
            .field("original", .data, .required)
            .field("received_at_us", .int64, .required)
            .field("received_by", .string, .required)
            .field("organisation", .string, .required)
            .field("incident_ids", .string, .required)
            .unique(on: "sender", "identifier", "sent")
            .create()
    }

    func revert(on database: Database) async throws {
        try await database.schema(WarningModel.schema).delete()
    }
}
