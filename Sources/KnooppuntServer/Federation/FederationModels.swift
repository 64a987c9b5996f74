import Fluent
import Foundation

/// This node: its name among the nodes and its Ed25519 key pair (base64 of the raw keys).
final class NodeIdentityModel: Model, @unchecked Sendable {
    static let schema = "node_identity"

    @ID(key: .id) var id: UUID?
    @Field(key: "name") var name: String
    @Field(key: "private_key") var privateKey: String
    @Field(key: "public_key") var publicKey: String
    @Field(key: "created_at_us") var createdAt: Int64

    init() {}
}

/// A node this node trusts: its name, where it is reached, and the key its messages must be signed with.
final class NodePeerModel: Model, @unchecked Sendable {
    static let schema = "node_peers"

    @ID(key: .id) var id: UUID?
    @Field(key: "name") var name: String
    @Field(key: "url") var url: String
    @Field(key: "public_key") var publicKey: String
    @Field(key: "trusted_at_us") var trustedAt: Int64
    /// "national" for the national node (KCR2), "region" for a regional node, nil when not said.
    @OptionalField(key: "role") var role: String?

    init() {}
}

/// A message applied from a peer: once per message id, in the peer's sequence order.
final class NodeInboxModel: Model, @unchecked Sendable {
    static let schema = "node_inbox"

    @ID(key: .id) var id: UUID?
    @Field(key: "peer") var peer: String
    @Field(key: "message_id") var messageID: UUID
    @Field(key: "sequence") var sequence: Int64
    @Field(key: "kind") var kind: String
    @Field(key: "body") var body: String
    /// The envelope exactly as received, with which its signature verifies.
    @Field(key: "envelope") var envelope: Data
    @Field(key: "received_at_us") var receivedAt: Int64

    init() {}
}

/// An incident as a regional node summarised it, kept by the national node with where it came from.
final class NationalIncidentModel: Model, @unchecked Sendable {
    static let schema = "national_incidents"

    @ID(key: .id) var id: UUID?
    @Field(key: "source_node") var sourceNode: String
    @Field(key: "source_incident") var sourceIncident: UUID
    /// The IncidentSummary as JSON.
    @Field(key: "summary") var summary: String
    @Field(key: "reference") var reference: String
    @Field(key: "grip") var grip: Int
    @Field(key: "status") var status: String
    @Field(key: "lead_region") var leadRegion: String
    @Field(key: "updated_at_us") var updatedAt: Int64
    @Field(key: "received_at_us") var receivedAt: Int64

    init() {}
}
