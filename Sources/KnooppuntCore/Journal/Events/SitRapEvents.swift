import Foundation

/// A SitRap issued: its number, moment (journal time) and how much it holds.
public struct SitRapIssued: ClassifiedJournalEvent {
    public static let kind = JournalKind.sitrapIssued
    public var incident: UUID
    public var number: Int
    public var moment: String
    public var scheduled: Bool
    public var entries: Int
    public var classification: String

    public init(incident: UUID, number: Int, moment: String, scheduled: Bool, entries: Int, classification: String) {
        self.incident = incident
        self.number = number
        self.moment = moment
        self.scheduled = scheduled
        self.entries = entries
        self.classification = classification
    }

    public var classified: ClassifiedContent { ClassifiedContent(classification: classification) }
}

/// An incident's SitRap schedule: its interval when set, why it ended when it ended.
public struct SitRapSchedulePayload: Codable, Sendable, Equatable {
    public var incident: UUID
    public var intervalMinutes: Int?
    public var reason: String?

    public init(incident: UUID, intervalMinutes: Int?, reason: String?) {
        self.incident = incident
        self.intervalMinutes = intervalMinutes
        self.reason = reason
    }
}

public struct SitRapScheduleSet: ShapedJournalEvent, ClassifiedJournalEvent {
    public static let kind = JournalKind.sitrapScheduleSet
    public let body: SitRapSchedulePayload
    public init(_ body: SitRapSchedulePayload) { self.body = body }
    public var classified: ClassifiedContent { .internal }
}

public struct SitRapScheduleEnded: ShapedJournalEvent, ClassifiedJournalEvent {
    public static let kind = JournalKind.sitrapScheduleEnded
    public let body: SitRapSchedulePayload
    public init(_ body: SitRapSchedulePayload) { self.body = body }
    public var classified: ClassifiedContent { .internal }
}

/// A public warning (CAP) published for an incident.
public struct WarningPublished: JournalEvent {
    public static let kind = JournalKind.warningPublished
    public var incident: UUID
    public var number: Int
    public var identifier: String
    public var msgType: String

    public init(incident: UUID, number: Int, identifier: String, msgType: String) {
        self.incident = incident
        self.number = number
        self.identifier = identifier
        self.msgType = msgType
    }
}

/// A CAP warning taken in, and the incidents it was added to.
public struct WarningReceived: JournalEvent {
    public static let kind = JournalKind.warningReceived
    public var warning: UUID
    public var identifier: String
    public var sender: String
    /// As the warning gives it.
    public var sent: String
    /// How its signature checked out.
    public var signature: String
    public var incidents: [UUID]

    public init(warning: UUID, identifier: String, sender: String, sent: String, signature: String, incidents: [UUID]) {
        self.warning = warning
        self.identifier = identifier
        self.sender = sender
        self.sent = sent
        self.signature = signature
        self.incidents = incidents
    }
}
