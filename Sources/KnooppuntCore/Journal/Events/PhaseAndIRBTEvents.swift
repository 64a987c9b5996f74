import Foundation

/// An event of the regions' own bestuurlijke work on an incident (the IRBT): partners do not see it in
/// the incident's logbook, as they do not read the IRBT itself (decision 0021).
public protocol RegionsOnlyJournalEvent: JournalEvent {}

/// A region's (or the national level's) phase towards a threat changed, with the reason (decision 0021).
public struct RegionPhaseChanged: JournalEvent {
    public static let kind = JournalKind.regionPhaseChanged
    /// "VR13", or "national".
    public var scope: String
    public var phase: String
    /// The phase before; nil when none was recorded (it read as koud).
    public var previous: String?
    public var reason: String

    public init(scope: PhaseScope, phase: RegionPhase, previous: RegionPhase?, reason: String) {
        self.scope = scope.rawValue
        self.phase = phase.rawValue
        self.previous = previous?.rawValue
        self.reason = reason
    }
}

/// An incident's IRBT was formed: by the step to GRIP 5, or on a region's request.
public struct IRBTFormed: RegionsOnlyJournalEvent {
    public static let kind = JournalKind.irbtFormed
    public var incident: UUID
    /// "grip-5" or "request".
    public var origin: String
    public var regions: [String]
    public var coordinatingRegion: String

    public init(incident: UUID, origin: IRBTRules.Origin, regions: [RegionCode], coordinatingRegion: RegionCode) {
        self.incident = incident
        self.origin = origin.rawValue
        self.regions = regions.map(\.rawValue)
        self.coordinatingRegion = coordinatingRegion.rawValue
    }
}

/// Another voorzitter coordinates the IRBT.
public struct IRBTCoordinatorChanged: RegionsOnlyJournalEvent {
    public static let kind = JournalKind.irbtCoordinatorChanged
    public var incident: UUID
    public var coordinatingRegion: String
    public var previous: String

    public init(incident: UUID, coordinatingRegion: RegionCode, previous: RegionCode) {
        self.incident = incident
        self.coordinatingRegion = coordinatingRegion.rawValue
        self.previous = previous.rawValue
    }
}

/// A joint decision of the IRBT, with the regions whose voorzitter agreed.
public struct IRBTDecisionRecorded: RegionsOnlyJournalEvent {
    public static let kind = JournalKind.irbtDecisionRecorded
    public var incident: UUID
    public var decision: UUID
    public var text: String
    public var decidedAt: Date
    public var agreedRegions: [String]

    public init(incident: UUID, decision: UUID, text: String, decidedAt: Date, agreedRegions: [RegionCode]) {
        self.incident = incident
        self.decision = decision
        self.text = text
        self.decidedAt = decidedAt
        self.agreedRegions = agreedRegions.map(\.rawValue)
    }
}

/// Afstemming met het Rijk: what the IRBT aligned, when, and with whom.
public struct IRBTAlignmentRecorded: RegionsOnlyJournalEvent {
    public static let kind = JournalKind.irbtAlignmentRecorded
    public var incident: UUID
    public var alignment: UUID
    public var text: String
    public var with: String
    public var at: Date

    public init(incident: UUID, alignment: UUID, text: String, with: String, at: Date) {
        self.incident = incident
        self.alignment = alignment
        self.text = text
        self.with = with
        self.at = at
    }
}
