import Foundation

/// A decision (besluit) of a crisis team.
public struct DecisionBody: Codable, Equatable, Sendable {
    public var team: CrisisTeam
    public var text: String
    public var decidedAt: Date
    /// Who took it (a person or a function, e.g. "voorzitter VR13").
    public var decidedBy: String
    /// A decision is never deleted; it is revoked, and stays in the record.
    public var revoked: Bool
    /// Why it was taken (the motivation the councils read in the art. 40 report); absent in older records.
    public var reason: String?
    /// The authority it was taken under, as recorded when it was taken (C10): the competent authority's
    /// names for a policy team, "operationele leiding" for CoPI and ROT; absent in older records.
    public var authority: String?
    /// A policy team's decision while its team does not hold authority (e.g. a GBT decision while the
    /// voorzitter holds it), or with no competent authority on record.
    public var outsideAuthority: Bool?
    /// The besluitpunt it answers, if any (decision 0024).
    public var decisionPoint: UUID?

    public init(team: CrisisTeam, text: String, decidedAt: Date, decidedBy: String, revoked: Bool = false, reason: String? = nil) {
        self.team = team
        self.text = text
        self.decidedAt = decidedAt
        self.decidedBy = decidedBy
        self.revoked = revoked
        self.reason = reason
    }
}

/// An action (actiepunt): who must do what, by when.
public struct ActionBody: Codable, Equatable, Sendable {
    public var text: String
    /// The organisation that owns it, by code.
    public var owner: String
    public var deadline: Date?
    public var status: ActionStatus
    /// The decision it carries out, if any.
    public var decision: UUID?

    public init(text: String, owner: String, deadline: Date? = nil, status: ActionStatus = .open, decision: UUID? = nil) {
        self.text = text
        self.owner = owner
        self.deadline = deadline
        self.status = status
        self.decision = decision
    }
}

/// The kinds of versioned record an incident keeps besides entries.
public enum RecordKind: String, Codable, Sendable {
    case decision, action
    /// A consultation of the councils on a decision (`ConsultationBody`).
    case consultation
    /// A theme's actueel beeld, knelpunten and verwachting (`ThemeSummaryBody`, decision 0024).
    case summary
    /// A decision the team must take (`DecisionPointBody`).
    case decisionPoint = "decision-point"
}

public enum RecordRules {
    public static func validate(_ decision: DecisionBody) throws(PictureRuleViolation) {
        try text(decision.text, field: "text", maximum: 5000)
        try text(decision.decidedBy, field: "decidedBy", maximum: 200)
        if let reason = decision.reason { try text(reason, field: "reason", maximum: 2000) }
    }

    public static func validate(_ action: ActionBody) throws(PictureRuleViolation) {
        try text(action.text, field: "text", maximum: 2000)
        try text(action.owner, field: "owner", maximum: 40)
    }

    public static func text(_ value: String, field: String, maximum: Int) throws(PictureRuleViolation) {
        guard (1...maximum).contains(value.trimmingCharacters(in: .whitespacesAndNewlines).count) else {
            throw PictureRuleViolation(field: field, "field '\(field)' must be 1 to \(maximum) characters long")
        }
    }
}

/// How current the picture is: when themes were last updated, which entries wait too long for
/// verification, and whether the whole picture has gone stale.
public struct CurrencyPolicy: Sendable, Equatable {
    /// An entry still unverified after this long is flagged.
    public var unverifiedAfter: TimeInterval
    /// A picture with no change for this long is stale.
    public var staleAfter: TimeInterval

    public init(unverifiedAfter: TimeInterval = 30 * 60, staleAfter: TimeInterval = 60 * 60) {
        self.unverifiedAfter = unverifiedAfter
        self.staleAfter = staleAfter
    }

    public func isOverdue(verification: VerificationStatus, reportedAt: Date, now: Date) -> Bool {
        verification == .unverified && now.timeIntervalSince(reportedAt) >= unverifiedAfter
    }

    public func isStale(lastUpdate: Date, status: IncidentStatus, now: Date) -> Bool {
        status == .open && now.timeIntervalSince(lastUpdate) >= staleAfter
    }
}
