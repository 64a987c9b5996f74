import Foundation

/// The two aanwijzingen of the minister of JenV the seed describes (decision 0020, "Aanwijzingen register").
public enum AanwijzingKind: String, CaseIterable, Codable, Sendable {
    /// Warm phase: to the voorzitter(s) in a supra-regional ramp or crisis, when steering is necessary and
    /// proportionate (002:L234-235, L258-271); it may concern op- en afschaling (002:L891-892).
    case warm
    /// Cold phase: to the bestuur of one veiligheidsregio whose task performance falls short
    /// (taakverwaarlozing, 002:L274-295).
    case koud

    public var label: LocalizedLabel {
        switch self {
        case .warm: LocalizedLabel(nl: "Aanwijzing in de warme fase (bovenregionale crisis)", en: "Aanwijzing in the warm phase (supra-regional crisis)")
        case .koud: LocalizedLabel(nl: "Aanwijzing in de koude fase (taakverwaarlozing)", en: "Aanwijzing in the cold phase (neglect of duties)")
        }
    }
}

/// The recorded consultation of one office before an aanwijzing: when, and what came of it.
public struct AanwijzingConsultation: Hashable, Sendable, Codable {
    /// `voorzitter:VRnn` or `cdk:PVnn`.
    public var party: AuthorityOffice
    public var at: Date
    public var outcome: String

    public init(party: AuthorityOffice, at: Date, outcome: String) {
        self.party = party
        self.at = at
        self.outcome = outcome
    }
}

/// An aanwijzing as the minister gives it, with the facts it is checked against.
public struct AanwijzingDraft: Sendable {
    public var kind: AanwijzingKind
    /// The regions whose voorzitter (warm) or bestuur (koud) it is addressed to.
    public var addressees: [RegionCode]
    /// Warm: the facts of each incident concerned, as the national picture knows them.
    public var incidents: [AuthorityFacts]
    public var matters: [GovernanceMatter]
    public var direction: String
    public var legalBasis: String
    /// Why steering is necessary and proportionate (002:L267-268).
    public var justification: String
    public var consultation: [AanwijzingConsultation]
    /// Why the consultation was (partly) skipped: «de vereiste spoed of omvang van de crisis» (002:L269-270).
    public var urgency: String?
    public var validFrom: Date
    public var validUntil: Date?
    /// The province each addressed region lies in (reference data): whose commissaris is consulted.
    public var provinces: [RegionCode: ProvinceCode]

    public init(
        kind: AanwijzingKind, addressees: [RegionCode], incidents: [AuthorityFacts] = [], matters: [GovernanceMatter] = [],
        direction: String, legalBasis: String, justification: String, consultation: [AanwijzingConsultation] = [],
        urgency: String? = nil, validFrom: Date, validUntil: Date? = nil, provinces: [RegionCode: ProvinceCode]
    ) {
        self.kind = kind
        self.addressees = addressees
        self.incidents = incidents
        self.matters = matters
        self.direction = direction
        self.legalBasis = legalBasis
        self.justification = justification
        self.consultation = consultation
        self.urgency = urgency
        self.validFrom = validFrom
        self.validUntil = validUntil
        self.provinces = provinces
    }

    /// The aanwijzing as the authority derivation counts it.
    public var aanwijzing: Aanwijzing {
        Aanwijzing(addressees: Set(addressees), matters: Set(matters), validFrom: validFrom, validUntil: validUntil)
    }

    /// Who must be consulted first: each addressed voorzitter, then the commissaris van de Koning of each
    /// province they lie in (002:L269-271).
    public var requiredConsultation: [AuthorityOffice] {
        let regions = Set(addressees).sorted()
        let concerned = Set(regions.compactMap { self.provinces[$0] }).sorted()
        return regions.map { AuthorityOffice.voorzitter(region: $0) } + concerned.map { AuthorityOffice.commissarisVanDeKoning(province: $0) }
    }
}

/// The rules an aanwijzing must satisfy before it is recorded and sent; each names its seed line.
public enum AanwijzingRules {
    public static let directionLimit = 5000
    public static let legalBasisLimit = 500
    public static let justificationLimit = 2000
    public static let outcomeLimit = 1000
    public static let urgencyLimit = 2000

    /// Who may give it: the bearer of the office of minister of JenV in person. Giving an aanwijzing is not
    /// one of the matters a mandate covers (stricter reading: the minister answers for it to the
    /// Staten-Generaal, 002:L890-891); nil when `actor` may, else why not.
    public static func refusal(_ actor: GovernanceActor) -> LocalizedLabel? {
        let minister = AuthorityOffice.minister(.justitieEnVeiligheid)
        if actor.offices.contains(minister) { return nil }
        if actor.mandates.contains(where: { $0.office == minister }) {
            return LocalizedLabel(
                nl: "Een aanwijzing geeft de minister van Justitie en Veiligheid in persoon; een mandaat van de minister dekt dat niet (002:L258-259, L890-891).",
                en: "The minister of Justice and Security gives an aanwijzing in person; a mandate of the minister does not cover it (002:L258-259, L890-891).")
        }
        return LocalizedLabel(
            nl: "Alleen de minister van Justitie en Veiligheid geeft een aanwijzing (002:L258-259, L287-288).",
            en: "Only the minister of Justice and Security gives an aanwijzing (002:L258-259, L287-288).")
    }

    /// Throws the first rule the draft breaks.
    public static func validate(_ draft: AanwijzingDraft, at now: Date) throws(PictureRuleViolation) {
        if let first = violations(draft, at: now).first { throw first }
    }

    /// Every rule the draft breaks, in the order of its fields.
    public static func violations(_ draft: AanwijzingDraft, at now: Date) -> [PictureRuleViolation] {
        var found: [PictureRuleViolation] = []
        found += addresseeProblems(draft)
        found += incidentProblems(draft)
        found += matterProblems(draft)
        for (text, field, limit) in [
            (draft.direction, "direction", directionLimit), (draft.legalBasis, "legalBasis", legalBasisLimit),
            (draft.justification, "justification", justificationLimit),
        ] where !(1...limit).contains(text.trimmingCharacters(in: .whitespacesAndNewlines).count) {
            let why = field == "justification" ? " (why steering is necessary and proportionate, 002:L267-268)" : ""
            found.append(PictureRuleViolation(field: field, "field '\(field)' must be 1 to \(limit) characters long\(why)"))
        }
        found += consultationProblems(draft, at: now)
        if let until = draft.validUntil, until <= draft.validFrom {
            found.append(PictureRuleViolation(field: "validUntil", "'validUntil' must come after 'validFrom'"))
        } else if let until = draft.validUntil, until <= now {
            found.append(PictureRuleViolation(field: "validUntil", "'validUntil' lies in the past"))
        }
        return found
    }

    static func addresseeProblems(_ draft: AanwijzingDraft) -> [PictureRuleViolation] {
        if draft.addressees.isEmpty {
            return [PictureRuleViolation(field: "addressees", "an aanwijzing names the region(s) it is addressed to")]
        }
        if Set(draft.addressees).count != draft.addressees.count {
            return [PictureRuleViolation(field: "addressees", "a region is listed twice")]
        }
        if draft.kind == .koud, draft.addressees.count != 1 {
            return [PictureRuleViolation(
                field: "addressees", "a cold-phase aanwijzing goes to the bestuur of one veiligheidsregio (002:L277-278); give one per region")]
        }
        return []
    }

    /// Warm: about incidents of a supra-regional crisis of more than local significance, involving every
    /// addressed region (GovernanceRules, 002:L234-235, L258-260). Koud: about no incident.
    static func incidentProblems(_ draft: AanwijzingDraft) -> [PictureRuleViolation] {
        switch draft.kind {
        case .koud:
            return draft.incidents.isEmpty ? [] : [PictureRuleViolation(
                field: "incidents", "a cold-phase aanwijzing concerns the bestuur's tasks (002:L278-280), not an incident; name none")]
        case .warm:
            guard !draft.incidents.isEmpty else {
                return [PictureRuleViolation(
                    field: "incidents", "a warm-phase aanwijzing is about a supra-regional ramp or crisis (002:L234-235): name the incident(s) concerned")]
            }
            // An aanwijzing naming no addressee or matter is refused on those fields, not once more here.
            guard !draft.addressees.isEmpty, !draft.matters.isEmpty else { return [] }
            var facts = draft.incidents
            for index in facts.indices { facts[index].aanwijzingen = [draft.aanwijzing] }
            let at = draft.validFrom
            return facts.flatMap { GovernanceRules.aanwijzingProblems($0, at: at) }
                .map { PictureRuleViolation(field: "incidents", $0.message) }
        }
    }

    static func matterProblems(_ draft: AanwijzingDraft) -> [PictureRuleViolation] {
        if Set(draft.matters).count != draft.matters.count {
            return [PictureRuleViolation(field: "matters", "a matter is listed twice")]
        }
        switch draft.kind {
        case .warm where draft.matters.isEmpty:
            return [PictureRuleViolation(
                field: "matters", "name what the aanwijzing is about: \(GovernanceMatter.allCases.map(\.rawValue).joined(separator: ", ")) (002:L891-892)")]
        case .koud where !draft.matters.isEmpty:
            return [PictureRuleViolation(
                field: "matters", "a cold-phase aanwijzing concerns the bestuur's tasks (002:L278-280), not the decisions in an incident; name no matters")]
        default:
            return []
        }
    }

    /// «Een aanwijzing wordt alleen gegeven – tenzij de vereiste spoed of omvang van de crisis zich daartegen
    /// verzet - na overleg met de betreffende voorzitters en raadpleging van de commissaris van de Koning»
    /// (002:L268-271). The exception names a crisis: in the cold phase there is none (stricter reading).
    static func consultationProblems(_ draft: AanwijzingDraft, at now: Date) -> [PictureRuleViolation] {
        var found: [PictureRuleViolation] = []
        let required = draft.requiredConsultation
        let parties = draft.consultation.map(\.party)
        if Set(parties).count != parties.count {
            found.append(PictureRuleViolation(field: "consultation", "an office is listed twice"))
        }
        for record in draft.consultation {
            if !required.contains(record.party) {
                found.append(PictureRuleViolation(
                    field: "consultation",
                    "\(record.party.code) is not consulted on this aanwijzing: the addressed voorzitters and the commissaris van de Koning of their province are (002:L269-271)"))
            }
            if record.at > now {
                found.append(PictureRuleViolation(field: "consultation", "the consultation of \(record.party.code) lies in the future; record it once held"))
            }
            if !(1...outcomeLimit).contains(record.outcome.trimmingCharacters(in: .whitespacesAndNewlines).count) {
                found.append(PictureRuleViolation(
                    field: "consultation", "the outcome of consulting \(record.party.code) must be 1 to \(outcomeLimit) characters long"))
            }
        }
        if let urgency = draft.urgency {
            if draft.kind == .koud {
                found.append(PictureRuleViolation(
                    field: "urgency",
                    "the exception for «de vereiste spoed of omvang van de crisis» (002:L269-270) is for a crisis; a cold-phase aanwijzing is given after consultation"))
            } else if !(1...urgencyLimit).contains(urgency.trimmingCharacters(in: .whitespacesAndNewlines).count) {
                found.append(PictureRuleViolation(
                    field: "urgency", "field 'urgency' must be 1 to \(urgencyLimit) characters long: why the urgency or size of the crisis prevented consultation"))
            }
            return found
        }
        let missing = required.filter { !parties.contains($0) }
        if !missing.isEmpty {
            found.append(PictureRuleViolation(
                field: "consultation",
                "an aanwijzing is given only after consultation with the voorzitters concerned and the commissaris van de Koning (002:L268-271); not recorded: \(missing.map(\.code).joined(separator: ", ")). Record it, or give 'urgency' with why the urgency or size of the crisis prevented it"))
        }
        return found
    }
}
