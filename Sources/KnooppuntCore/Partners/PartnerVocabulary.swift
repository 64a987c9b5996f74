/// The vocabulary of crisis partners and their collaboration agreements (seed 001, Tabel 1 to 4, §2–4).

/// A partner's core task (kerntaak) category, A to D (001 §2.1).
public enum CoreTask: String, CaseIterable, Codable, Sendable, Comparable {
    /// A — kerntaak als hulpdienst: part of the region's primary staffing.
    case hulpdienst = "A"
    /// B — kerntaak als beheerder: duty of care for a system, area or object (vital partners included).
    case beheerder = "B"
    /// C — kerntaak als dienstverlener: specific capacity, knowledge or skills.
    case dienstverlener = "C"
    /// D — onvoorziene taak als incidentele partner.
    case incidenteel = "D"

    public static func < (lhs: CoreTask, rhs: CoreTask) -> Bool { lhs.rawValue < rhs.rawValue }

    /// The profiles Tabel 1 gives this core task. The profiles are not a ranking: only the fit counts.
    public var fittingProfiles: [CollaborationProfile] {
        switch self {
        case .hulpdienst, .beheerder: [.kern, .structureel, .koppel]
        case .dienstverlener: [.standby]
        case .incidenteel: [.adHoc]
        }
    }

    /// The short form for tables: "B · beheerder".
    public var shortLabel: LocalizedLabel {
        switch self {
        case .hulpdienst: LocalizedLabel(nl: "A · hulpdienst", en: "A · emergency service")
        case .beheerder: LocalizedLabel(nl: "B · beheerder", en: "B · operator")
        case .dienstverlener: LocalizedLabel(nl: "C · dienstverlener", en: "C · service provider")
        case .incidenteel: LocalizedLabel(nl: "D · incidenteel", en: "D · incidental")
        }
    }

    public var label: LocalizedLabel {
        switch self {
        case .hulpdienst: LocalizedLabel(nl: "A · Kerntaak als hulpdienst", en: "A · Core task: emergency service")
        case .beheerder: LocalizedLabel(nl: "B · Kerntaak als beheerder", en: "B · Core task: operator")
        case .dienstverlener: LocalizedLabel(nl: "C · Kerntaak als dienstverlener", en: "C · Core task: service provider")
        case .incidenteel: LocalizedLabel(nl: "D · Incidentele partner", en: "D · Incidental partner")
        }
    }
}

/// The five netcentric collaboration profiles (001 Tabel 1).
public enum CollaborationProfile: String, CaseIterable, Codable, Sendable {
    case kern = "kernsamenwerking"
    case structureel = "structurele-samenwerking"
    case koppel = "koppelsamenwerking"
    case standby = "standby-samenwerking"
    case adHoc = "ad-hoc-aansluiting"

    /// How much a profile lets the partner do in the system (Tabel 1): kern reads and writes the whole
    /// picture, structureel writes under regie, standby reads (limited), koppel and ad hoc work outside it.
    /// Not a ranking of maturity (001:L724-732); used only to keep "nee, maar" terms narrower.
    public var rightsRank: Int {
        switch self {
        case .kern: 4
        case .structureel: 3
        case .standby: 2
        case .koppel: 1
        case .adHoc: 0
        }
    }

    /// The profiles "nee, maar" may allow instead of this one: fitting the core task (or the ad-hoc-aansluiting)
    /// and with fewer rights (decision 0027 §4).
    public func narrowerAlternatives(for task: CoreTask) -> [CollaborationProfile] {
        (task.fittingProfiles + [.adHoc]).filter { $0.rightsRank < rightsRank }
    }

    public var label: LocalizedLabel {
        switch self {
        case .kern: LocalizedLabel(nl: "Kernsamenwerking", en: "Core collaboration")
        case .structureel: LocalizedLabel(nl: "Structurele samenwerking", en: "Structural collaboration")
        case .koppel: LocalizedLabel(nl: "Koppelsamenwerking", en: "Linked collaboration")
        case .standby: LocalizedLabel(nl: "Standby-samenwerking", en: "Standby collaboration")
        case .adHoc: LocalizedLabel(nl: "Ad-hoc-aansluiting", en: "Ad-hoc connection")
        }
    }

    /// Who the region contacts for information and for coordination, as Tabel 1 lists them (decision 0027
    /// §10): kern «HIN (piket) | AC (piket)» (001:L1007-1010), structureel «HIN AC» (L1036), koppel «Liaison |
    /// Liaison of Beslissingsbevoegde» (L1066-1068), standby «HIN | HIN of Beslissingsbevoegde» (L1097-1099),
    /// ad hoc «Liaison of gedetacheerde HIN (vanuit de veiligheidsregio)» for both (L1137-1139).
    public var contacts: (information: [ContactRole], coordination: [ContactRole]) {
        switch self {
        case .kern: ([.hinOnCall], [.acOnCall])
        case .structureel: ([.hin], [.ac])
        case .koppel: ([.liaison], [.liaison, .decisionMaker])
        case .standby: ([.hin], [.hin, .decisionMaker])
        case .adHoc: ([.liaison, .detachedHIN], [.liaison, .detachedHIN])
        }
    }

    /// Every contact role Tabel 1 lists for the profile.
    public var contactRoles: [ContactRole] {
        let both = contacts.information + contacts.coordination
        return ContactRole.allCases.filter(both.contains)
    }
}

/// The contact points a partner names (Tabel 1: information and coordination contact). "(piket)" only
/// where Tabel 1 says it (kernsamenwerking).
public enum ContactRole: String, CaseIterable, Codable, Sendable {
    case hinOnCall = "hin-on-call"
    case acOnCall = "ac-on-call"
    case hin
    case ac
    case liaison
    case decisionMaker = "decision-maker"
    case detachedHIN = "detached-hin"

    public var label: LocalizedLabel {
        switch self {
        case .hinOnCall: LocalizedLabel(nl: "HIN (piket)", en: "HIN (on call)")
        case .acOnCall: LocalizedLabel(nl: "AC (piket)", en: "AC (on call)")
        case .hin: LocalizedLabel(nl: "HIN", en: "HIN")
        case .ac: LocalizedLabel(nl: "AC", en: "AC")
        case .liaison: LocalizedLabel(nl: "Liaison", en: "Liaison")
        case .decisionMaker: LocalizedLabel(nl: "Beslissingsbevoegde", en: "Decision-maker")
        case .detachedHIN: LocalizedLabel(nl: "Gedetacheerde HIN (vanuit de veiligheidsregio)", en: "Detached HIN (from the safety region)")
        }
    }

    /// The same function with or without "(piket)": an alert for the HIN on call reaches a structural
    /// partner's HIN.
    public var equivalents: Set<ContactRole> {
        switch self {
        case .hinOnCall, .hin: [.hinOnCall, .hin]
        case .acOnCall, .ac: [.acOnCall, .ac]
        default: [self]
        }
    }
}

/// How far a partner reaches, derived from the number of regions it works with (001 Tabel 2).
public enum PartnerReach: String, CaseIterable, Codable, Sendable, Comparable {
    case regionaal, bovenregionaal, landelijk

    public static func < (lhs: PartnerReach, rhs: PartnerReach) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }

    /// 1–2 regions regional, 3 or more supra-regional, all 25 national.
    public static func of(regionCount: Int) -> PartnerReach {
        switch regionCount {
        case RegionCode.all.count...: .landelijk
        case 3...: .bovenregionaal
        default: .regionaal
        }
    }

    /// Supra-regional and national partners make their agreements through one adoption region, and
    /// must be tested (001 §2.4, §4).
    public var needsAdoptionRegion: Bool { self != .regionaal }

    public var label: LocalizedLabel {
        switch self {
        case .regionaal: LocalizedLabel(nl: "Regionaal", en: "Regional")
        case .bovenregionaal: LocalizedLabel(nl: "Bovenregionaal", en: "Supra-regional")
        case .landelijk: LocalizedLabel(nl: "Landelijk", en: "National")
        }
    }
}

/// The stage of an agreement, in order (001:L1962-2009, decision 0027): verkenning and uitwerking of the
/// agreements, uitvoering — a joint exercise «om de netcentrische samenwerking … te testen» —, the toetsing
/// with the regiegroep's standpoint, and in werking. Only an agreement in werking can be in effect.
public enum AgreementStage: String, CaseIterable, Codable, Sendable {
    case verkenning, uitwerking, uitvoering, toetsing
    case inWerking = "in-werking"

    public var label: LocalizedLabel {
        switch self {
        case .verkenning: LocalizedLabel(nl: "Verkenning", en: "Exploration")
        case .uitwerking: LocalizedLabel(nl: "Uitwerking", en: "Elaboration")
        case .uitvoering: LocalizedLabel(nl: "Uitvoering (gezamenlijke oefening)", en: "Execution (joint exercise)")
        case .toetsing: LocalizedLabel(nl: "Toetsing", en: "Toetsing (assessment)")
        case .inWerking: LocalizedLabel(nl: "In werking", en: "In operation")
        }
    }
}

/// The tester's advice after richting, inrichting and verrichting (001 §4).
public enum TestOutcome: String, CaseIterable, Codable, Sendable {
    case gecertificeerd
    case voorwaardelijk
    case geenSamenwerking = "geen-samenwerking"

    public var label: LocalizedLabel {
        switch self {
        case .gecertificeerd: LocalizedLabel(nl: "Gecertificeerd", en: "Certified")
        case .voorwaardelijk: LocalizedLabel(nl: "Voorwaardelijk", en: "Conditional")
        case .geenSamenwerking: LocalizedLabel(nl: "Geen samenwerking volgens profiel", en: "Not under this profile")
        }
    }
}

/// The three parts of a test (toetsing).
public enum TestComponent: String, CaseIterable, Codable, Sendable {
    case richting, inrichting, verrichting
}

/// A standby partner's status in an incident (Tabel 3: monitoring or active).
public enum PartnerStatus: String, CaseIterable, Codable, Sendable {
    case monitoring, active

    public var label: LocalizedLabel {
        switch self {
        case .monitoring: LocalizedLabel(nl: "Monitoren", en: "Monitoring")
        case .active: LocalizedLabel(nl: "Actief", en: "Active")
        }
    }
}

/// How sensitive a piece of information is. Profiles and grants decide who sees which level.
public enum Classification: String, CaseIterable, Codable, Sendable, Comparable {
    case `public`, `internal`, confidential

    private var rank: Int {
        switch self {
        case .public: 0
        case .internal: 1
        case .confidential: 2
        }
    }

    public static func < (lhs: Classification, rhs: Classification) -> Bool { lhs.rank < rhs.rank }

    public var label: LocalizedLabel {
        switch self {
        case .public: LocalizedLabel(nl: "Openbaar", en: "Public")
        case .internal: LocalizedLabel(nl: "Intern", en: "Internal")
        case .confidential: LocalizedLabel(nl: "Vertrouwelijk", en: "Confidential")
        }
    }
}
