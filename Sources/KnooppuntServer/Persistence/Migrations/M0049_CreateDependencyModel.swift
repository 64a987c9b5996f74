import Fluent

/// Issue 19 point 1 (decision 0032): the dependency model, one row per version of a node or an edge. Rows
/// are only added: the newest version is the model now. The vital processes are the national list and are
/// not stored.
struct M0049_CreateDependencyModel: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema(DependencyNodeModel.schema)
            .id()
            .field("node_key", .string, .required)
            .field("version", .int, .required)
            .field("kind", .string, .required)
            .field("region", .string)
            .field("owner", .string)
            .field("classification", .string, .required)
            .field("body", .string, .required)
            .field("change", .string, .required)
            .field("reason", .string)
            .field("recorded_at_us", .int64, .required)
            .field("recorded_by", .string, .required)
            .field("recorded_by_name", .string, .required)
            .field("recorded_by_org", .string, .required)
            .unique(on: "node_key", "version")
            .create()
        try await database.schema(DependencyEdgeModel.schema)
            .id()
            .field("node_key", .string, .required)
            .field("depends_on", .string, .required)
            .field("version", .int, .required)
            .field("body", .string, .required)
            .field("change", .string, .required)
            .field("reason", .string)
            .field("recorded_at_us", .int64, .required)
            .field("recorded_by", .string, .required)
            .field("recorded_by_name", .string, .required)
            .field("recorded_by_org", .string, .required)
            .unique(on: "node_key", "depends_on", "version")
            .create()
    }

    func revert(on database: Database) async throws {
        try await database.schema(DependencyEdgeModel.schema).delete()
        try await database.schema(DependencyNodeModel.schema).delete()
    }
}
