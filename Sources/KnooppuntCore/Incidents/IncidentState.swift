import Foundation

/// Everything about an incident that changes over time; each change is a new version of this value.
public struct IncidentState: Equatable, Sendable, Codable {
    public var title: String
    public var category: IncidentCategory
    /// A GeoJSON geometry (point or area), WGS84, as text; nil when not yet known.
    public var location: String?
    public var startedAt: Date
    public var classification: CrisisClassification
    public var vitalInterests: [VitalInterest]
    public var grip: GRIPLevel
    /// Why the GRIP level was set to its current value.
    public var gripReason: String?
    /// Respons or nafase; older versions may hold koud, lauw or warm, which read as respons.
    public var phase: IncidentPhase
    public var involvedRegions: [RegionCode]
    public var leadRegion: RegionCode
    public var status: IncidentStatus
    /// Partner themes (by organisation code) the region's IM has linked to the shared picture.
    public var linkedPartners: [String]
    /// Of local or more than local significance, as recorded; nil until recorded, while the GRIP level
    /// stands for it (decision 0020). Versions written before it existed read as not recorded.
    public var significance: CrisisSignificance?
    /// Acute or beheerfase; nil reads as acute.
    public var stage: CrisisStage?
    /// Whether the competent authority declared the event a crisis or a ramp; nil reads as not declared.
    public var declaration: CrisisDeclaration?
    /// Why the significance, stage or declaration was set to its current value.
    public var authorityReason: String?
    /// Hours between reviews of the scale and the distribution of authority; nil: the stage's default.
    public var reviewIntervalHours: Int?
    /// Set when the incident was promoted from a meldkamer proposal: which meldkamer, and whether its
    /// calamiteitencoördinator still keeps the meldkamer theme (decision 0034). Nil for other incidents.
    public var meldkamer: MeldkamerCustody?

    public init(
        title: String, category: IncidentCategory, location: String? = nil, startedAt: Date,
        classification: CrisisClassification = .incident, vitalInterests: [VitalInterest] = [],
        grip: GRIPLevel = .routine, gripReason: String? = nil, phase: IncidentPhase = .respons,
        involvedRegions: [RegionCode], leadRegion: RegionCode, status: IncidentStatus = .open,
        linkedPartners: [String] = [], significance: CrisisSignificance? = nil, stage: CrisisStage? = nil,
        declaration: CrisisDeclaration? = nil, authorityReason: String? = nil, reviewIntervalHours: Int? = nil,
        meldkamer: MeldkamerCustody? = nil
    ) {
        self.title = title
        self.category = category
        self.location = location
        self.startedAt = startedAt
        self.classification = classification
        self.vitalInterests = vitalInterests
        self.grip = grip
        self.gripReason = gripReason
        self.phase = phase
        self.involvedRegions = involvedRegions
        self.leadRegion = leadRegion
        self.status = status
        self.linkedPartners = linkedPartners
        self.significance = significance
        self.stage = stage
        self.declaration = declaration
        self.authorityReason = authorityReason
        self.reviewIntervalHours = reviewIntervalHours
        self.meldkamer = meldkamer
    }
}

/// A rule of the picture that a change broke, naming the field.
public struct PictureRuleViolation: Error, Equatable, Sendable, CustomStringConvertible {
    public let field: String
    public let message: String

    public init(field: String, _ message: String) {
        self.field = field
        self.message = message
    }

    public var description: String { message }
}

/// The rules a new incident, or a new version of one, must satisfy.
public enum IncidentRules {
    public static func validate(_ new: IncidentState, replacing old: IncidentState?) throws(PictureRuleViolation) {
        let title = new.title.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (3...200).contains(title.count) else {
            throw PictureRuleViolation(field: "title", "title must be 3 to 200 characters long")
        }
        guard !new.involvedRegions.isEmpty else {
            throw PictureRuleViolation(field: "involvedRegions", "at least one region must be involved")
        }
        guard Set(new.involvedRegions).count == new.involvedRegions.count else {
            throw PictureRuleViolation(field: "involvedRegions", "a region is listed twice")
        }
        guard new.involvedRegions.contains(new.leadRegion) else {
            throw PictureRuleViolation(field: "leadRegion", "the lead region \(new.leadRegion) must be one of the involved regions")
        }
        if new.classification != .incident, new.vitalInterests.isEmpty {
            throw PictureRuleViolation(
                field: "vitalInterests",
                "a \(new.classification.rawValue) affects or threatens at least one vital interest; name it")
        }
        guard Set(new.linkedPartners).count == new.linkedPartners.count, !new.linkedPartners.contains("") else {
            throw PictureRuleViolation(field: "linkedPartners", "linked partners must be distinct organisation codes")
        }
        // GRIP 5 is interregional scaling (002:L914-915): checked whenever the level or the regions are
        // set, so an incident cannot be scaled to it, or keep it while losing its second region.
        if old.map({ $0.grip != new.grip || $0.involvedRegions != new.involvedRegions }) ?? true,
            let problem = GovernanceRules.scaleProblem(new.grip, involvedRegions: new.involvedRegions.count)
        {
            throw problem
        }
        // Koud, lauw and warm are a region's phase towards a threat (decision 0021), not the incident's.
        if new.phase.predatesRegionPhases, old?.phase != new.phase {
            throw PictureRuleViolation(
                field: "phase",
                "an incident is in respons or nafase; koud, lauw and warm are the phase of a region towards a threat (set it with PUT /api/v1/regions/{code}/phase)")
        }
        if new.meldkamer != old?.meldkamer {
            // Set once by the promotion; afterwards it changes only by the IM taking the theme over.
            let takeOver = old?.meldkamer.map { new.meldkamer == MeldkamerCustody(meldkamer: $0.meldkamer, inCharge: false) && $0.inCharge } ?? false
            let promotion = old == nil && new.meldkamer?.inCharge == true
            guard takeOver || promotion else {
                throw PictureRuleViolation(
                    field: "meldkamer", "the meldkamer's custody is set by promoting a proposal and ends when the IM takes the theme over")
            }
        }
        guard let old else {
            guard new.status == .open else {
                throw PictureRuleViolation(field: "status", "a new incident starts open")
            }
            try RecordedAuthorityFacts.validate(new, replacing: nil)
            return
        }
        guard old.status != .archived else {
            throw PictureRuleViolation(field: "status", "the incident is archived and can no longer be changed")
        }
        if new.status != old.status, !old.status.next.contains(new.status) {
            throw PictureRuleViolation(
                field: "status", "status cannot go from \(old.status.rawValue) to \(new.status.rawValue)")
        }
        if new.grip != old.grip {
            let reason = new.gripReason?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            guard !reason.isEmpty, reason != old.gripReason else {
                throw PictureRuleViolation(field: "gripReason", "changing the GRIP level needs a reason")
            }
        }
        if old.status == .closed, new.status == .closed, new != old {
            throw PictureRuleViolation(field: "status", "the incident is closed; reopen it before changing it")
        }
        try RecordedAuthorityFacts.validate(new, replacing: old)
    }

    /// The state a change makes, as it is written: a phase recorded before decision 0021 (koud, lauw,
    /// warm) that the change leaves alone is written as respons, so every new version holds a phase
    /// an incident can have.
    public static func written(_ new: IncidentState, replacing old: IncidentState) -> IncidentState {
        var written = new
        if new.phase == old.phase { written.phase = new.phase.current }
        return written
    }

    /// More than one region affected: propose GRIP 5 and an IRBT (C07).
    public static func proposesInterregionalScaling(_ state: IncidentState) -> Bool {
        state.involvedRegions.count > 1 && state.grip < .five
    }
}

/// Which meldkamer an incident came from, and whether its calamiteitencoördinator still keeps the
/// incident's meldkamer theme (until the region's IM takes it over; decision 0034).
public struct MeldkamerCustody: Equatable, Sendable, Codable {
    public var meldkamer: String
    public var inCharge: Bool

    public init(meldkamer: String, inCharge: Bool) {
        self.meldkamer = meldkamer
        self.inCharge = inCharge
    }
}

extension IncidentScope {
    /// The scope of an incident's current state.
    public init(_ state: IncidentState) {
        self.init(
            involvedRegions: Set(state.involvedRegions), leadRegion: state.leadRegion, status: state.status,
            meldkamerInCharge: state.meldkamer?.inCharge ?? false)
    }
}
