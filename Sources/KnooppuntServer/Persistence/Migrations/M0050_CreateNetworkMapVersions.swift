import Fluent

/// Issue 19 point 4 (decision 0033): the bestuurlijke netwerkkaart as administrators change it, one row per
/// version of the whole map. Without a row the standard map of the Core holds.
struct M0050_CreateNetworkMapVersions: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema(NetworkMapModel.schema)
            .id()
            .field("version", .int, .required)
            .field("body", .string, .required)
            .field("summary", .string, .required)
            .field("recorded_at_us", .int64, .required)
            .field("recorded_by", .string, .required)
            .field("recorded_by_name", .string, .required)
            .unique(on: "version")
            .create()
    }

    func revert(on database: Database) async throws {
        try await database.schema(NetworkMapModel.schema).delete()
    }
}
