import Fluent

/// The fallback picture (decision 0017): on a regional node, what still has to be sent per incident and
/// national peer; on the national node, the latest copy per source node and incident.
struct M0027_CreateFallbackPictures: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema(FallbackQueueModel.schema)
            .id()
            .field("incident_id", .uuid, .required)
            .field("peer", .string, .required)
            .field("dirty", .bool, .required)
            .field("changed_at_us", .int64, .required)
            .field("message_id", .uuid)
            .field("withdrawn", .bool, .required)
            .unique(on: "incident_id", "peer")
            .create()
        try await database.schema(FallbackPictureModel.schema)
            .id()
            .field("source_node", .string, .required)
            .field("source_incident", .uuid, .required)
            .field("region", .string, .required)
            .field("reference", .string, .required)
            .field("title", .string, .required)
            .field("grip", .int, .required)
            .field("phase", .string, .required)
            .field("body", .string, .required)
            .field("picture_at_us", .int64, .required)
            .field("received_at_us", .int64, .required)
            .unique(on: "source_node", "source_incident")
            .create()
    }

    func revert(on database: Database) async throws {
        try await database.schema(FallbackPictureModel.schema).delete()
        try await database.schema(FallbackQueueModel.schema).delete()
    }
}
