import Fluent

/// The node's own identity (its Ed25519 key pair), the peers it trusts, and the messages it applied.
struct M0018_CreateFederation: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema(NodeIdentityModel.schema)
            .id()
            .field("name", .string, .required)
            .field("private_key", .string, .required)
            .field("public_key", .string, .required)
            .field("created_at_us", .int64, .required)
            .create()
        try await database.schema(NodePeerModel.schema)
            .id()
            .field("name", .string, .required)
            .field("url", .string, .required)
            .field("public_key", .string, .required)
            .field("trusted_at_us", .int64, .required)
            .unique(on: "name")
            .create()
        try await database.schema(NodeInboxModel.schema)
            .id()
            .field("peer", .string, .required)
            .field("message_id", .uuid, .required)
            .field("sequence", .int64, .required)
            .field("kind", .string, .required)
            .field("body", .string, .required)
            .field("envelope", .data, .required)
            .field("received_at_us", .int64, .required)
            .unique(on: "peer", "message_id")
            .unique(on: "peer", "sequence")
            .create()
    }

    func revert(on database: Database) async throws {
        try await database.schema(NodeInboxModel.schema).delete()
        try await database.schema(NodePeerModel.schema).delete()
        try await database.schema(NodeIdentityModel.schema).delete()
    }
}
