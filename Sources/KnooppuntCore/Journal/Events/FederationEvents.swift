import Foundation

/// A signed message between nodes: queued for a peer, received from one, refused, or renumbered.
public struct FederationMessagePayload: Codable, Sendable, Equatable {
    public var node: String
    public var message: UUID?
    public var sequence: Int64?
    /// The message kind.
    public var kind: String?
    public var reason: String?
    /// The client address a refusal came from.
    public var address: String?

    public init(
        node: String, message: UUID? = nil, sequence: Int64? = nil, kind: String? = nil, reason: String? = nil,
        address: String? = nil
    ) {
        self.node = node
        self.message = message
        self.sequence = sequence
        self.kind = kind
        self.reason = reason
        self.address = address
    }
}

public struct FederationQueued: ShapedJournalEvent {
    public static let kind = JournalKind.federationQueued
    public let body: FederationMessagePayload
    public init(_ body: FederationMessagePayload) { self.body = body }
}

public struct FederationReceived: ShapedJournalEvent {
    public static let kind = JournalKind.federationReceived
    public let body: FederationMessagePayload
    public init(_ body: FederationMessagePayload) { self.body = body }
}

public struct FederationRefused: ShapedJournalEvent {
    public static let kind = JournalKind.federationRefused
    public let body: FederationMessagePayload
    public init(_ body: FederationMessagePayload) { self.body = body }
}

/// Messages waiting for a peer were renumbered after the peer's last sequence.
public struct FederationRenumbered: ShapedJournalEvent {
    public static let kind = JournalKind.federationRenumbered
    public let body: FederationMessagePayload
    public init(_ body: FederationMessagePayload) { self.body = body }
}

/// Refused requests from one address, counted instead of journaled one by one.
public struct FederationRefusalsSummarised: JournalEvent {
    public static let kind = JournalKind.federationRefusalsSummarised
    public var address: String
    /// The count, as text (as first written).
    public var refusals: String
    /// Journal times.
    public var from: String
    public var until: String

    public init(address: String, refusals: String, from: String, until: String) {
        self.address = address
        self.refusals = refusals
        self.from = from
        self.until = until
    }
}

/// A national user read an incident's details at its source node.
public struct FederationDetailRead: JournalEvent {
    public static let kind = JournalKind.federationDetailRead
    public var incident: UUID
    public var entries: Int

    public init(incident: UUID, entries: Int) {
        self.incident = incident
        self.entries = entries
    }
}

/// A node: this one's identity, or a peer it trusts.
public struct NodePayload: Codable, Sendable, Equatable {
    public var node: String
    public var publicKey: String
    public var url: String?
    public var reason: String?

    public init(node: String, publicKey: String, url: String?, reason: String?) {
        self.node = node
        self.publicKey = publicKey
        self.url = url
        self.reason = reason
    }
}

public struct NodeInitialised: ShapedJournalEvent {
    public static let kind = JournalKind.nodeInitialised
    public let body: NodePayload
    public init(_ body: NodePayload) { self.body = body }
}

public struct NodeTrusted: ShapedJournalEvent {
    public static let kind = JournalKind.nodeTrusted
    public let body: NodePayload
    public init(_ body: NodePayload) { self.body = body }
}

/// An advisory from the national node to regional nodes.
public struct AdvisoryPayload: Codable, Sendable, Equatable {
    public var advisory: UUID
    /// The advisory kind.
    public var kind: String
    public var title: String
    public var nodes: [String]

    public init(advisory: UUID, kind: String, title: String, nodes: [String]) {
        self.advisory = advisory
        self.kind = kind
        self.title = title
        self.nodes = nodes
    }
}

public struct AdvisorySent: ShapedJournalEvent {
    public static let kind = JournalKind.advisorySent
    public let body: AdvisoryPayload
    public init(_ body: AdvisoryPayload) { self.body = body }
}

public struct AdvisoryAcknowledged: ShapedJournalEvent {
    public static let kind = JournalKind.advisoryAcknowledged
    public let body: AdvisoryPayload
    public init(_ body: AdvisoryPayload) { self.body = body }
}

/// A bovenregionale bundeling of incidents from two or more regions: its members as `node/incident`.
public struct GroupingPayload: Codable, Sendable, Equatable {
    public var grouping: UUID
    public var name: String
    public var members: [String]

    public init(grouping: UUID, name: String, members: [String]) {
        self.grouping = grouping
        self.name = name
        self.members = members
    }
}

public struct NationalGroupingCreated: ShapedJournalEvent {
    public static let kind = JournalKind.nationalGroupingCreated
    public let body: GroupingPayload
    public init(_ body: GroupingPayload) { self.body = body }
}

public struct NationalGroupingChanged: ShapedJournalEvent {
    public static let kind = JournalKind.nationalGroupingChanged
    public let body: GroupingPayload
    public init(_ body: GroupingPayload) { self.body = body }
}

/// A read of the fallback picture: the list (the incidents shown) or one incident's copy.
public struct FallbackRead: JournalEvent {
    public static let kind = JournalKind.fallbackRead
    public var node: String?
    public var incident: UUID?
    public var incidents: [UUID]?
    /// "api" or "page".
    public var via: String

    public init(node: String?, incident: UUID?, incidents: [UUID]?, via: String) {
        self.node = node
        self.incident = incident
        self.incidents = incidents
        self.via = via
    }
}

/// A refusal around the fallback picture: a user's read (region or incident, and by which way), or a
/// copy a peer node sent for a region that is not its own (the node).
public struct FallbackRefused: JournalEvent {
    public static let kind = JournalKind.fallbackRefused
    public var node: String?
    public var region: String?
    public var incident: UUID?
    public var reason: String
    public var via: String?

    /// A user's read refused.
    public init(region: String?, incident: UUID?, reason: String, via: String) {
        self.region = region
        self.incident = incident
        self.reason = reason
        self.via = via
    }

    /// A peer's copy refused.
    public init(node: String, incident: UUID, reason: String) {
        self.node = node
        self.incident = incident
        self.reason = reason
    }
}
