import Foundation

/// Something in force from `validFrom` up to, not including, `validUntil` (nil: until withdrawn).
public protocol TimeBound {
    var validFrom: Date { get }
    var validUntil: Date? { get }
}

extension TimeBound {
    public func isInForce(at now: Date) -> Bool {
        validFrom <= now && (validUntil.map { now < $0 } ?? true)
    }
}

/// An aanwijzing (binding directive) of the minister of JenV to one or more voorzitters in a
/// supra-regional crisis, in the warm phase (002:L258-271); it may cover op- en afschaling (002:L891-892).
public struct Aanwijzing: Hashable, Sendable, Codable, TimeBound {
    /// The regions whose voorzitter the aanwijzing is addressed to.
    public var addressees: Set<RegionCode>
    /// What it is about.
    public var matters: Set<GovernanceMatter>
    public var validFrom: Date
    /// When it was withdrawn or lapses; nil while it stands.
    public var validUntil: Date?

    public init(addressees: Set<RegionCode>, matters: Set<GovernanceMatter>, validFrom: Date, validUntil: Date? = nil) {
        self.addressees = addressees
        self.matters = matters
        self.validFrom = validFrom
        self.validUntil = validUntil
    }
}

/// The facts of an incident that decide who holds bestuurlijk gezag now.
public struct AuthorityFacts: Hashable, Sendable {
    public var grip: GRIPLevel
    public var significance: CrisisSignificance
    /// The safety regions involved; the first-listed order does not matter.
    public var involvedRegions: [RegionCode]
    /// The leading (coördinerende) region; its voorzitter coordinates an IRBT.
    public var leadRegion: RegionCode
    public var affectedMunicipalities: [AffectedMunicipality]
    /// Aanwijzingen of the minister of JenV on record; only those in force at the time asked count.
    public var aanwijzingen: [Aanwijzing]
    /// A ramp: the burgemeester or voorzitter has the opperbevel (002:L335-348).
    public var isRamp: Bool
    public var stage: CrisisStage

    public init(
        grip: GRIPLevel, significance: CrisisSignificance, involvedRegions: [RegionCode], leadRegion: RegionCode,
        affectedMunicipalities: [AffectedMunicipality], aanwijzingen: [Aanwijzing] = [], isRamp: Bool = false,
        stage: CrisisStage = .acute
    ) {
        self.grip = grip
        self.significance = significance
        self.involvedRegions = involvedRegions
        self.leadRegion = leadRegion
        self.affectedMunicipalities = affectedMunicipalities
        self.aanwijzingen = aanwijzingen
        self.isRamp = isRamp
        self.stage = stage
    }

    /// The facts an incident's state holds, completed with those it does not record: the affected
    /// gemeenten (from its area) and the aanwijzingen. The significance and stage are the state's
    /// (`effectiveSignificance`, `effectiveStage`) unless given.
    public init(
        _ state: IncidentState, significance: CrisisSignificance? = nil, affectedMunicipalities: [AffectedMunicipality],
        aanwijzingen: [Aanwijzing] = [], stage: CrisisStage? = nil
    ) {
        self.init(
            grip: state.grip, significance: significance ?? state.effectiveSignificance, involvedRegions: state.involvedRegions,
            leadRegion: state.leadRegion, affectedMunicipalities: affectedMunicipalities, aanwijzingen: aanwijzingen,
            isRamp: state.isRamp, stage: stage ?? state.effectiveStage)
    }

    /// More than one safety region involved: bovenregionaal / interregionaal.
    public var isSupraRegional: Bool { Set(involvedRegions).count > 1 }
}
