import Foundation

/// A partner's registration as it stands after the change.
public struct PartnerRegistrationPayload: Codable, Sendable, Equatable {
    public var partner: String
    public var version: Int
    public var registration: PartnerRegistration

    public init(partner: String, version: Int, registration: PartnerRegistration) {
        self.partner = partner
        self.version = version
        self.registration = registration
    }
}

public struct PartnerRegistered: ShapedJournalEvent {
    public static let kind = JournalKind.partnerRegistered
    public let body: PartnerRegistrationPayload
    public init(_ body: PartnerRegistrationPayload) { self.body = body }
}

public struct PartnerUpdated: ShapedJournalEvent {
    public static let kind = JournalKind.partnerUpdated
    public let body: PartnerRegistrationPayload
    public init(_ body: PartnerRegistrationPayload) { self.body = body }
}

/// A step of a toetsing on one agreement of a registration (decision 0027 §3): which agreement, the
/// registration version that holds it, and the outcome given.
public struct ToetsingStepPayload: Codable, Sendable, Equatable {
    public var partner: String
    /// The agreement's index in the registration.
    public var agreement: Int
    public var version: Int
    public var outcome: String

    public init(partner: String, agreement: Int, version: Int, outcome: String) {
        self.partner = partner
        self.agreement = agreement
        self.version = version
        self.outcome = outcome
    }
}

/// The toetsingspartij gave its advice on an agreement (001:L2238-2246).
public struct AdviceGiven: ShapedJournalEvent {
    public static let kind = JournalKind.partnerAdviceGiven
    public let body: ToetsingStepPayload
    public init(_ body: ToetsingStepPayload) { self.body = body }
    public init(partner: String, agreement: Int, version: Int, outcome: String) {
        body = ToetsingStepPayload(partner: partner, agreement: agreement, version: version, outcome: outcome)
    }
}

/// The chair of the regiegroep took the standpoint on an agreement's advice (001:L2266-2270).
public struct StandpointTaken: ShapedJournalEvent {
    public static let kind = JournalKind.partnerStandpointTaken
    public let body: ToetsingStepPayload
    public init(_ body: ToetsingStepPayload) { self.body = body }
    public init(partner: String, agreement: Int, version: Int, outcome: String) {
        body = ToetsingStepPayload(partner: partner, agreement: agreement, version: version, outcome: outcome)
    }
}

/// One partner's alert about an incident, as it stands after the step.
public struct AlertPayload: Codable, Sendable, Equatable {
    public var incident: UUID
    public var alert: UUID
    public var organisation: String
    public var reason: String
    public var escalatedTo: String?

    public init(incident: UUID, alert: UUID, organisation: String, reason: String, escalatedTo: String?) {
        self.incident = incident
        self.alert = alert
        self.organisation = organisation
        self.reason = reason
        self.escalatedTo = escalatedTo
    }
}

/// A partner whose alerting rules an incident matches was alerted.
public struct AlertRaised: ShapedJournalEvent, OrganisationJournalEvent {
    public static let kind = JournalKind.alertRaised
    public let body: AlertPayload
    public init(_ body: AlertPayload) { self.body = body }
    public var aboutOrganisation: String { body.organisation }
}

public struct AlertAcknowledged: ShapedJournalEvent, OrganisationJournalEvent {
    public static let kind = JournalKind.alertAcknowledged
    public let body: AlertPayload
    public init(_ body: AlertPayload) { self.body = body }
    public var aboutOrganisation: String { body.organisation }
}

/// Nobody acknowledged an alert in time; it went to the partner's contact point.
public struct AlertEscalated: ShapedJournalEvent, OrganisationJournalEvent {
    public static let kind = JournalKind.alertEscalated
    public let body: AlertPayload
    public init(_ body: AlertPayload) { self.body = body }
    public var aboutOrganisation: String { body.organisation }
}
