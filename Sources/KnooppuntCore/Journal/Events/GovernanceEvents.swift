import Foundation

/// An administrator recorded that a person holds an office of the bestuur (decision 0020).
public struct OfficeAssigned: JournalEvent {
    public static let kind = JournalKind.officeAssigned
    public var office: UUID
    public var username: String
    /// `AuthorityOffice.code`: burgemeester:GM0363, voorzitter:VR13, minister:jenv, cdk:PV27.
    public var code: String
    public var validFrom: String

    public init(office: UUID, username: String, code: String, validFrom: String) {
        self.office = office
        self.username = username
        self.code = code
        self.validFrom = validFrom
    }
}

/// A person no longer holds an office.
public struct OfficeEnded: JournalEvent {
    public static let kind = JournalKind.officeEnded
    public var office: UUID
    public var username: String
    public var code: String

    public init(office: UUID, username: String, code: String) {
        self.office = office
        self.username = username
        self.code = code
    }
}

/// The bearer of an office mandated someone to act for it on some matters, for a period.
public struct MandateGranted: JournalEvent {
    public static let kind = JournalKind.mandateGranted
    public var mandate: UUID
    public var mandatary: String
    public var office: String
    public var matters: [String]
    public var validFrom: String
    public var validUntil: String?
    public var note: String?

    public init(mandate: UUID, mandatary: String, office: String, matters: [String], validFrom: String, validUntil: String?, note: String?) {
        self.mandate = mandate
        self.mandatary = mandatary
        self.office = office
        self.matters = matters
        self.validFrom = validFrom
        self.validUntil = validUntil
        self.note = note
    }
}

public struct MandateWithdrawn: JournalEvent {
    public static let kind = JournalKind.mandateWithdrawn
    public var mandate: UUID
    public var mandatary: String
    public var office: String

    public init(mandate: UUID, mandatary: String, office: String) {
        self.mandate = mandate
        self.mandatary = mandatary
        self.office = office
    }
}

/// A proposal to the competent authority about an incident: scale to a GRIP level, declare a crisis
/// or ramp. What it proposes is internal information of the incident.
public struct ProposalMade: ClassifiedJournalEvent {
    public static let kind = JournalKind.proposalMade
    public var incident: UUID
    public var proposal: UUID
    /// The GRIP level proposed, if any.
    public var grip: Int?
    /// The classification proposed (incident, crisis, ramp), if any.
    public var classification: String?
    public var reason: String
    /// Who decides it, as the authority stood when it was made (Dutch names).
    public var addressedTo: [String]

    public init(incident: UUID, proposal: UUID, grip: Int?, classification: String?, reason: String, addressedTo: [String]) {
        self.incident = incident
        self.proposal = proposal
        self.grip = grip
        self.classification = classification
        self.reason = reason
        self.addressedTo = addressedTo
    }

    public var classified: ClassifiedContent { .internal }
}

/// The competent authority (or its mandatary) accepted or rejected a proposal, or its maker withdrew it.
public struct ProposalDecided: ClassifiedJournalEvent {
    public static let kind = JournalKind.proposalDecided
    public var incident: UUID
    public var proposal: UUID
    /// accepted, rejected or withdrawn.
    public var outcome: String
    public var reason: String?
    /// The office decided as (Dutch name), absent for a withdrawal.
    public var decidedAs: String?
    /// The office whose mandate the decider used, if any (`AuthorityOffice.code`).
    public var underMandateOf: String?
    /// The incident version the accepted proposal produced.
    public var incidentVersion: Int?

    public init(
        incident: UUID, proposal: UUID, outcome: String, reason: String?, decidedAs: String?, underMandateOf: String?,
        incidentVersion: Int?
    ) {
        self.incident = incident
        self.proposal = proposal
        self.outcome = outcome
        self.reason = reason
        self.decidedAs = decidedAs
        self.underMandateOf = underMandateOf
        self.incidentVersion = incidentVersion
    }

    public var classified: ClassifiedContent { .internal }
}

/// The competent authority (or its mandatary) changed an incident directly — a GRIP level from 3 on,
/// significance, stage or a declaration: as which office, and under whose mandate (C10, C13). An
/// accepted proposal says the same in its `ProposalDecided`.
public struct IncidentAuthorityExercised: ClassifiedJournalEvent {
    public static let kind = JournalKind.incidentAuthorityExercised
    public var incident: UUID
    /// The incident version the decision produced.
    public var incidentVersion: Int
    /// What was decided, in words (Dutch): "GRIP 3 (lokaal)", "de ramp verklaren".
    public var decided: [String]
    /// The office decided as (Dutch name).
    public var decidedAs: String
    /// The office whose mandate the decider used, if any (`AuthorityOffice.code`).
    public var underMandateOf: String?

    public init(incident: UUID, incidentVersion: Int, decided: [String], decidedAs: String, underMandateOf: String?) {
        self.incident = incident
        self.incidentVersion = incidentVersion
        self.decided = decided
        self.decidedAs = decidedAs
        self.underMandateOf = underMandateOf
    }

    public var classified: ClassifiedContent { .internal }
}
