import Fluent

/// Peers get a role (the national node is the one summaries go to); the national node keeps the
/// incident summaries regional nodes share.
struct M0020_CreateNationalPicture: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema(NodePeerModel.schema)
            .field("role", .string)
            .update()
        try await database.schema(NationalIncidentModel.schema)
            .id()
            .field("source_node", .string, .required)
            .field("source_incident", .uuid, .required)
            .field("summary", .string, .required)
            .field("reference", .string, .required)
            .field("grip", .int, .required)
            .field("status", .string, .required)
            .field("lead_region", .string, .required)
            .field("updated_at_us", .int64, .required)
            .field("received_at_us", .int64, .required)
            .unique(on: "source_node", "source_incident")
            .create()
    }

    func revert(on database: Database) async throws {
        try await database.schema(NationalIncidentModel.schema).delete()
        try await database.schema(NodePeerModel.schema).deleteField("role").update()
    }
}
