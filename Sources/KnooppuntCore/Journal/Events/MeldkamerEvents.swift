import Foundation

/// Meldkamer messages were taken in (decision 0034): per message its id, region and the proposal it joined
/// or opened, with the reason; duplicates and unreadable lines counted. `regions` lets a live stream show the
/// event only to those who see a region named.
public struct MeldkamerMessagesReceived: JournalEvent {
    public static let kind = JournalKind.meldkamerMessagesReceived
    public var meldkamer: String
    public var regions: [String]
    public var messages: [Message]
    public var duplicates: Int
    public var unreadable: Int

    public struct Message: Codable, Equatable, Sendable {
        public var id: UUID
        public var region: String?
        public var proposal: UUID?
        public var reason: String?

        public init(id: UUID, region: String?, proposal: UUID?, reason: String?) {
            self.id = id
            self.region = region
            self.proposal = proposal
            self.reason = reason
        }
    }

    public init(meldkamer: String, regions: [String], messages: [Message], duplicates: Int, unreadable: Int) {
        self.meldkamer = meldkamer
        self.regions = regions
        self.messages = messages
        self.duplicates = duplicates
        self.unreadable = unreadable
    }
}

/// A person acted on an incident proposal: promoted (with the incident made), dismissed, merged into another,
/// or split (with the new proposal and the messages moved).
public struct MeldkamerProposalHandled: JournalEvent {
    public static let kind = JournalKind.meldkamerProposalHandled
    public var proposal: UUID
    public var regions: [String]
    public var action: String
    public var incident: UUID?
    public var other: UUID?
    public var messages: [UUID]
    public var reason: String?

    public init(
        proposal: UUID, regions: [String], action: String, incident: UUID? = nil, other: UUID? = nil, messages: [UUID] = [],
        reason: String? = nil
    ) {
        self.proposal = proposal
        self.regions = regions
        self.action = action
        self.incident = incident
        self.other = other
        self.messages = messages
        self.reason = reason
    }
}

/// The region's IM took an incident's meldkamer theme over from the calamiteitencoördinator.
public struct MeldkamerThemeTakenOver: JournalEvent {
    public static let kind = JournalKind.meldkamerThemeTakenOver
    public var meldkamer: String
    public var version: Int

    public init(meldkamer: String, version: Int) {
        self.meldkamer = meldkamer
        self.version = version
    }
}
