import Fluent

/// The aanwijzingen register (decision 0020): on the national node the aanwijzingen the minister of JenV
/// gave, with a delivery row per addressed regional node; on a regional node those it received.
struct M0033_CreateAanwijzingen: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema(AanwijzingModel.schema)
            .id()
            .field("origin", .string, .required)
            .field("kind", .string, .required)
            .field("addressees", .string, .required)
            .field("incidents", .string, .required)
            .field("matters", .string, .required)
            .field("direction", .string, .required)
            .field("legal_basis", .string, .required)
            .field("justification", .string, .required)
            .field("consultation", .string, .required)
            .field("urgency", .string)
            .field("valid_from_us", .int64, .required)
            .field("valid_until_us", .int64)
            .field("given_by", .string, .required)
            .field("given_by_name", .string, .required)
            .field("given_at_us", .int64, .required)
            .field("withdrawn_at_us", .int64)
            .field("withdrawn_by_name", .string)
            .field("withdrawal_reason", .string)
            .field("acknowledged_at_us", .int64)
            .field("acknowledged_by", .string)
            .field("acknowledged_by_name", .string)
            .create()
        try await database.schema(AanwijzingDeliveryModel.schema)
            .id()
            .field("aanwijzing_id", .uuid, .required, .references(AanwijzingModel.schema, "id", onDelete: .cascade))
            .field("node", .string, .required)
            .field("region", .string, .required)
            .field("message_id", .uuid, .required)
            .field("acknowledged_at_us", .int64)
            .field("acknowledged_by_name", .string)
            .unique(on: "aanwijzing_id", "node")
            .create()
    }

    func revert(on database: Database) async throws {
        try await database.schema(AanwijzingDeliveryModel.schema).delete()
        try await database.schema(AanwijzingModel.schema).delete()
    }
}
