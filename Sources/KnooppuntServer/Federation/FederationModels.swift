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

/// On a regional node: an entry the region marked for national sharing. Every later version of it goes
/// to the national node too, until it is unmarked or no longer qualifies.
final class NationalShareModel: Model, @unchecked Sendable {
    static let schema = "national_shares"

    @ID(key: .id) var id: UUID?
    @Field(key: "incident_id") var incidentID: UUID
    @Field(key: "entry_id") var entryID: UUID
    @Field(key: "shared_at_us") var sharedAt: Int64
    @Field(key: "shared_by") var sharedBy: String

    init() {}
}

/// On the national node: an entry or SitRap a regional node shared about one of its incidents.
final class NationalItemModel: Model, @unchecked Sendable {
    static let schema = "national_items"

    @ID(key: .id) var id: UUID?
    @Field(key: "source_node") var sourceNode: String
    @Field(key: "source_incident") var sourceIncident: UUID
    /// "entry" or "sitrap".
    @Field(key: "kind") var kind: String
    /// The entry's or SitRap's id at the source.
    @Field(key: "item_id") var itemID: UUID
    /// The message body as JSON (SharedEntry or SharedSitRap).
    @Field(key: "body") var body: String
    /// When the source changed or issued it.
    @Field(key: "item_at_us") var itemAt: Int64
    @Field(key: "received_at_us") var receivedAt: Int64

    init() {}
}

/// On the national node: the last details a user fetched from a source node, shown with their age when
/// the source cannot be reached. Kept per user, because the source decided what that user may see.
final class NationalDetailCacheModel: Model, @unchecked Sendable {
    static let schema = "national_detail_cache"

    @ID(key: .id) var id: UUID?
    @Field(key: "source_node") var sourceNode: String
    @Field(key: "source_incident") var sourceIncident: UUID
    @Field(key: "username") var username: String
    @Field(key: "body") var body: Data
    @Field(key: "fetched_at_us") var fetchedAt: Int64

    init() {}
}

/// On the national node: a bovenregionale bundeling joining incidents of two or more regions.
final class NationalGroupingModel: Model, @unchecked Sendable {
    static let schema = "national_groupings"

    @ID(key: .id) var id: UUID?
    @Field(key: "name") var name: String
    @Field(key: "description") var description: String
    @Field(key: "created_at_us") var createdAt: Int64
    @Field(key: "created_by") var createdBy: String

    init() {}
}

final class NationalGroupingMemberModel: Model, @unchecked Sendable {
    static let schema = "national_grouping_members"

    @ID(key: .id) var id: UUID?
    @Field(key: "grouping_id") var groupingID: UUID
    @Field(key: "source_node") var sourceNode: String
    @Field(key: "source_incident") var sourceIncident: UUID
    @Field(key: "added_at_us") var addedAt: Int64
    @Field(key: "added_by") var addedBy: String

    init() {}
}
