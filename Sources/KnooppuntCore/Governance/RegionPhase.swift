import Foundation

/// How a safety region, or the national level, stands towards a threat (decision 0021): preventing it or
/// limiting its effect beforehand (koud, risicobeheersing), stepping in when a concrete incident is
/// foreseeable (lauw), fighting its consequences (warm) — 004:L213-217. Not a property of an incident:
/// an incident runs respons → nafase (`IncidentPhase`).
public enum RegionPhase: String, CaseIterable, Codable, Sendable, Comparable {
    case koud, lauw, warm

    /// Where nothing was recorded: the ordinary state of risk management.
    public static let unrecorded = RegionPhase.koud

    public static func < (a: RegionPhase, b: RegionPhase) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }

    public var label: LocalizedLabel {
        switch self {
        case .koud: LocalizedLabel(nl: "Koude fase", en: "Cold phase")
        case .lauw: LocalizedLabel(nl: "Lauwe fase", en: "Lukewarm phase")
        case .warm: LocalizedLabel(nl: "Warme fase", en: "Warm phase")
        }
    }

    /// What the phase means, in the words of 004:L213-217.
    public var meaning: LocalizedLabel {
        switch self {
        case .koud: LocalizedLabel(nl: "risicobeheersing: voorkomen of het effect op voorhand beperken",
                                   en: "risk management: preventing a threat or limiting its effect beforehand")
        case .lauw: LocalizedLabel(nl: "een concreet incident is voorzienbaar: ingrijpen",
                                   en: "a concrete incident is foreseeable: stepping in")
        case .warm: LocalizedLabel(nl: "de gevolgen bestrijden", en: "fighting the consequences")
        }
    }
}

/// Whose phase: one safety region's, or the national level's (the national node).
public enum PhaseScope: Hashable, Sendable, Codable, CustomStringConvertible {
    case region(RegionCode)
    case national

    /// "VR13", or "national".
    public var rawValue: String {
        switch self {
        case .region(let region): region.rawValue
        case .national: "national"
        }
    }

    public init?(rawValue: String) {
        if rawValue == "national" {
            self = .national
        } else if let region = RegionCode(rawValue) {
            self = .region(region)
        } else {
            return nil
        }
    }

    public var description: String { rawValue }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let scope = PhaseScope(rawValue: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "'\(text)' is no phase scope"))
        }
        self = scope
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

/// Who reads and sets a phase, what a change needs, and when the phase deserves a second look.
public enum RegionPhaseRules {
    /// The region's staff who set its phase: they run its crisis organisation.
    public static let regionRoles: Set<Role> = [
        .informatiemanager, .hoofdInformatie, .operationeelLeider, .algemeenCommandant, .voorzitter,
    ]

    public static let reasonLength = 3...1000

    /// Staff of a region or of the national node read every phase; partners, administrators and
    /// emergency accounts do not (need to know, decision 0007; the phase tells of a threat).
    public static func read(_ subject: Subject) -> AccessDecision {
        guard subject.organisationKind == .region || subject.organisationKind == .nationalNode else {
            return .deny("the phase of a region towards a threat is read by the staff of the regions and the national node")
        }
        guard !subject.role.isAdministrator, !subject.role.isEmergencyAccount, !subject.role.belongsToPartner else {
            return .deny("the phase of a region is for the crisis organisation, not for \(subject.role.label.en)")
        }
        return .allow("staff of a region or the national node")
    }

    /// A region's IM, HIN, OL, AC or voorzitter sets that region's phase; the national node's KCR2
    /// analyst sets the national phase.
    public static func set(_ subject: Subject, _ scope: PhaseScope) -> AccessDecision {
        switch scope {
        case .region(let region):
            guard subject.organisationKind == .region, subject.regionCode == region else {
                return .deny("only the staff of \(region) set its phase")
            }
            guard regionRoles.contains(subject.role) else {
                return .deny("a region's phase is set by its IM, HIN, OL, AC or voorzitter, not by a \(subject.role.label.en)")
            }
            return .allow("staff of \(region)")
        case .national:
            guard subject.organisationKind == .nationalNode, subject.role == .kcr2Analist else {
                return .deny("the national phase is set by a KCR2 analyst of the national node")
            }
            return .allow("KCR2 analyst of the national node")
        }
    }

    /// The reason as recorded: trimmed, 3 to 1000 characters; the phase must change.
    public static func validate(_ phase: RegionPhase, reason: String, current: RegionPhase) throws(PictureRuleViolation) -> String {
        let trimmed = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard reasonLength.contains(trimmed.count) else {
            throw PictureRuleViolation(field: "reason", "say why the phase changes: a reason of 3 to 1000 characters")
        }
        guard phase != current else {
            throw PictureRuleViolation(field: "phase", "the phase already is \(phase.rawValue)")
        }
        return trimmed
    }

    /// A region still in the cold phase while one of its open incidents runs at GRIP 1 or higher: a
    /// question to the region, never a change (opening or scaling an incident does not move the phase).
    public static func hint(_ phase: RegionPhase, highestOpenGRIP: GRIPLevel?) -> LocalizedLabel? {
        guard phase == .koud, let grip = highestOpenGRIP, grip >= .one else { return nil }
        return LocalizedLabel(
            nl: "De regio staat in de koude fase terwijl een incident op \(grip.scaleLabel.nl) loopt: is de lauwe of warme fase aan de orde?",
            en: "The region is in the cold phase while an incident runs at \(grip.scaleLabel.en): is the lukewarm or warm phase called for?")
    }
}
