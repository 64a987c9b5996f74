import Foundation

/// An incident version as its event records it (incident.created, incident.updated).
public struct IncidentVersionPayload: Codable, Sendable, Equatable {
    public var incident: UUID
    public var version: Int
    public var state: IncidentState
    public var exercise: Bool
    /// SHA-256 of the stored version row, so `verify-journal` can name a row edited behind the journal.
    /// Absent from events written before rows were digested.
    public var digest: String?

    public init(incident: UUID, version: Int, state: IncidentState, exercise: Bool, digest: String?) {
        self.incident = incident
        self.version = version
        self.state = state
        self.exercise = exercise
        self.digest = digest
    }
}

/// An incident was opened.
public struct IncidentCreated: ShapedJournalEvent {
    public static let kind = JournalKind.incidentCreated
    public let body: IncidentVersionPayload
    public init(_ body: IncidentVersionPayload) { self.body = body }
}

/// An incident got a new version.
public struct IncidentUpdated: ShapedJournalEvent {
    public static let kind = JournalKind.incidentUpdated
    public let body: IncidentVersionPayload
    public init(_ body: IncidentVersionPayload) { self.body = body }
}

/// The scale and the distribution of authority of an incident were reviewed (C13, 002:L845-848).
public struct IncidentReviewed: JournalEvent {
    public static let kind = JournalKind.incidentReviewed
    public var incident: UUID
    public var review: UUID
    /// The incident version that was reviewed.
    public var version: Int
    public var grip: Int
    public var outcome: String
    public var reason: String

    public init(incident: UUID, review: UUID, version: Int, grip: Int, outcome: String, reason: String) {
        self.incident = incident
        self.review = review
        self.version = version
        self.grip = grip
        self.outcome = outcome
        self.reason = reason
    }
}
