import Foundation

/// An aspect of digital security on which a burgemeester can bear a responsibility, in the words of
/// 004:L53-66. The rows of the network map.
public enum DigitalSecurityAspect: String, CaseIterable, Codable, Sendable, Comparable {
    case informationSecurity = "information-security"
    case riskManagement = "risk-management"
    case publicOrder = "public-order"
    case cybercrime
    /// Cybergevolgbestrijding: everything done to normalise the situation after a digital disruption
    /// (004:L384-386).
    case consequenceManagement = "consequence-management"

    public static func < (a: DigitalSecurityAspect, b: DigitalSecurityAspect) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }

    /// The Dutch words are 004:L59-66's, with a capital.
    public var label: LocalizedLabel {
        switch self {
        case .informationSecurity: LocalizedLabel(nl: "Informatieveiligheid (eigen organisatie)", en: "Information security (own organisation)")
        case .riskManagement: LocalizedLabel(nl: "Risicoanalyse en -beheersing", en: "Risk analysis and risk management")
        case .publicOrder: LocalizedLabel(nl: "Openbare orde en veiligheid", en: "Public order and safety")
        case .cybercrime: LocalizedLabel(nl: "Bestrijding van digitale criminaliteit", en: "Fighting cybercrime")
        case .consequenceManagement: LocalizedLabel(nl: "Cybergevolgbestrijding", en: "Dealing with the consequences of a cyber incident")
        }
    }
}

/// Whether a responsibility, and the powers that go with it, are clear. 004 names several that are not
/// (L273-283, L370-378, L414-418): those are recorded as `.unclear`, never papered over.
public enum NetworkClarity: String, CaseIterable, Codable, Sendable {
    case clear
    case unclear

    public var label: LocalizedLabel {
        switch self {
        case .clear: LocalizedLabel(nl: "Helder", en: "Clear")
        case .unclear: LocalizedLabel(nl: "Onvoldoende helder", en: "Not sufficiently clear")
        }
    }
}

/// One entry of the map: what an actor must or may do for one aspect in one phase, on which legal basis,
/// how clear that is, and the seed line or public source it rests on.
public struct NetworkResponsibility: Sendable, Codable, Equatable {
    public var aspect: DigitalSecurityAspect
    public var phase: RegionPhase
    public var actor: NetworkActor
    /// The power or duty, in Dutch and English.
    public var duty: LocalizedLabel
    /// The law and article, e.g. "Gemeentewet art. 172 lid 3"; nil where none is known or verified.
    public var legalBasis: String?
    public var clarity: NetworkClarity
    /// Where the entry comes from: seed lines ("004:L370-378") and public sources marked "[PK]".
    public var source: String

    public init(aspect: DigitalSecurityAspect, phase: RegionPhase, actor: NetworkActor, duty: LocalizedLabel,
                legalBasis: String? = nil, clarity: NetworkClarity, source: String) {
        self.aspect = aspect
        self.phase = phase
        self.actor = actor
        self.duty = duty
        self.legalBasis = legalBasis
        self.clarity = clarity
        self.source = source
    }

    /// An actor has at most one entry per cell.
    public struct Key: Hashable, Sendable {
        public var aspect: DigitalSecurityAspect
        public var phase: RegionPhase
        public var actor: NetworkActor
    }

    public var key: Key { Key(aspect: aspect, phase: phase, actor: actor) }
}
