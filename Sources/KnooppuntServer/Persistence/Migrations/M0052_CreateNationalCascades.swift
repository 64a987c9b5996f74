import Fluent

/// Issue 19 point 3 (decision 0032): on the national node, the cascades that cross regions as the regional
/// nodes share them, the newest per incident.
struct M0052_CreateNationalCascades: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema(NationalCascadeModel.schema)
            .id()
            .field("region", .string, .required)
            .field("body", .string, .required)
            .field("received_at_us", .int64, .required)
            .field("source_node", .string, .required)
            .create()
    }

    func revert(on database: Database) async throws {
        try await database.schema(NationalCascadeModel.schema).delete()
    }
}
