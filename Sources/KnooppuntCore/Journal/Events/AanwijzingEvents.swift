import Foundation

/// The minister of JenV gave an aanwijzing on the national node (decision 0020, "Aanwijzingen register").
public struct AanwijzingGiven: JournalEvent {
    public static let kind = JournalKind.aanwijzingGiven
    public var aanwijzing: UUID
    /// warm or koud.
    public var type: String
    public var addressees: [String]
    /// The incidents concerned as `node/incident`.
    public var incidents: [String]
    public var matters: [String]
    /// Whether consultation was (partly) skipped for urgency; the reason is in the register.
    public var urgency: Bool
    /// The regional nodes it was queued for.
    public var nodes: [String]

    public init(aanwijzing: UUID, type: String, addressees: [String], incidents: [String], matters: [String], urgency: Bool, nodes: [String]) {
        self.aanwijzing = aanwijzing
        self.type = type
        self.addressees = addressees
        self.incidents = incidents
        self.matters = matters
        self.urgency = urgency
        self.nodes = nodes
    }
}

/// A regional node stored an aanwijzing the national node sent; journaled with each incident of this
/// node it concerns (internal information of the incident).
public struct AanwijzingReceived: ClassifiedJournalEvent {
    public static let kind = JournalKind.aanwijzingReceived
    public var aanwijzing: UUID
    public var type: String
    /// The sending node.
    public var from: String
    public var addressees: [String]
    public var matters: [String]

    public init(aanwijzing: UUID, type: String, from: String, addressees: [String], matters: [String]) {
        self.aanwijzing = aanwijzing
        self.type = type
        self.from = from
        self.addressees = addressees
        self.matters = matters
    }

    public var classified: ClassifiedContent { .internal }
}

/// The minister withdrew an aanwijzing (on the national node), or the withdrawal reached a regional node.
public struct AanwijzingWithdrawn: ClassifiedJournalEvent {
    public static let kind = JournalKind.aanwijzingWithdrawn
    public var aanwijzing: UUID
    public var reason: String?

    public init(aanwijzing: UUID, reason: String?) {
        self.aanwijzing = aanwijzing
        self.reason = reason
    }

    public var classified: ClassifiedContent { .internal }
}

/// The voorzitter of an addressed region acknowledged an aanwijzing (on the regional node), or the
/// acknowledgement reached the national node.
public struct AanwijzingAcknowledged: ClassifiedJournalEvent {
    public static let kind = JournalKind.aanwijzingAcknowledged
    public var aanwijzing: UUID
    public var region: String
    /// Who acknowledged, by name.
    public var acknowledgedBy: String

    public init(aanwijzing: UUID, region: String, acknowledgedBy: String) {
        self.aanwijzing = aanwijzing
        self.region = region
        self.acknowledgedBy = acknowledgedBy
    }

    public var classified: ClassifiedContent { .internal }
}
