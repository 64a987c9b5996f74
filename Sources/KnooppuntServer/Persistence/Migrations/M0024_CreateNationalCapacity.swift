import Fluent

/// On the national node: the regional nodes' capacity snapshots and assistance requests.
struct M0024_CreateNationalCapacity: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema(NationalCapacityModel.schema)
            .id()
            .field("source_node", .string, .required)
            .field("body", .string, .required)
            .field("received_at_us", .int64, .required)
            .unique(on: "source_node")
            .create()
        try await database.schema(NationalRequestModel.schema)
            .id()
            .field("source_node", .string, .required)
            .field("request_id", .uuid, .required)
            .field("status", .string, .required)
            .field("body", .string, .required)
            .field("received_at_us", .int64, .required)
            .unique(on: "source_node", "request_id")
            .create()
    }

    func revert(on database: Database) async throws {
        try await database.schema(NationalRequestModel.schema).delete()
        try await database.schema(NationalCapacityModel.schema).delete()
    }
}
