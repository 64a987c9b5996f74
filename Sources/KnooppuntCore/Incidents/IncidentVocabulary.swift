/// The GRIP scaling level: local 1–3, regional 4, interregional 5; 0 is routine work.
public enum GRIPLevel: Int, CaseIterable, Codable, Sendable, Comparable {
    case routine = 0, one, two, three, four, five

    public static func < (a: GRIPLevel, b: GRIPLevel) -> Bool { a.rawValue < b.rawValue }

    public var label: LocalizedLabel {
        switch self {
        case .routine: LocalizedLabel(nl: "GRIP 0 (routine)", en: "GRIP 0 (routine)")
        case .one: LocalizedLabel(nl: "GRIP 1 (brongebied)", en: "GRIP 1 (incident site)")
        case .two: LocalizedLabel(nl: "GRIP 2 (effectgebied)", en: "GRIP 2 (effect area)")
        case .three: LocalizedLabel(nl: "GRIP 3 (gemeente)", en: "GRIP 3 (municipality)")
        case .four: LocalizedLabel(nl: "GRIP 4 (regio)", en: "GRIP 4 (region)")
        case .five: LocalizedLabel(nl: "GRIP 5 (interregionaal)", en: "GRIP 5 (interregional)")
        }
    }
}

/// The temperature of the crisis organisation, plus the aftermath.
public enum IncidentPhase: String, CaseIterable, Codable, Sendable {
    case koud, lauw, warm, nafase

    public var label: LocalizedLabel {
        switch self {
        case .koud: LocalizedLabel(nl: "Koude fase", en: "Cold phase")
        case .lauw: LocalizedLabel(nl: "Lauwe fase", en: "Lukewarm phase")
        case .warm: LocalizedLabel(nl: "Warme fase", en: "Warm phase")
        case .nafase: LocalizedLabel(nl: "Nafase", en: "Aftermath")
        }
    }
}

/// Open incidents are worked on; closed ones can be reopened; archived ones are read-only for good.
public enum IncidentStatus: String, CaseIterable, Codable, Sendable {
    case open, closed, archived

    public var label: LocalizedLabel {
        switch self {
        case .open: LocalizedLabel(nl: "Open", en: "Open")
        case .closed: LocalizedLabel(nl: "Gesloten", en: "Closed")
        case .archived: LocalizedLabel(nl: "Gearchiveerd", en: "Archived")
        }
    }

    /// The statuses this one may move to.
    public var next: Set<IncidentStatus> {
        switch self {
        case .open: [.closed]
        case .closed: [.open, .archived]
        case .archived: []
        }
    }
}

/// Whether an event is a crisis or a ramp (disaster) in the legal sense (C01), or neither (yet).
public enum CrisisClassification: String, CaseIterable, Codable, Sendable {
    case incident, crisis, ramp

    public var label: LocalizedLabel {
        switch self {
        case .incident: LocalizedLabel(nl: "Incident", en: "Incident")
        case .crisis: LocalizedLabel(nl: "Crisis", en: "Crisis")
        case .ramp: LocalizedLabel(nl: "Ramp", en: "Disaster")
        }
    }
}

/// The six vital interests of national security (C01, §3.13).
public enum VitalInterest: String, CaseIterable, Codable, Sendable {
    case territorial = "territoriale-veiligheid"
    case physical = "fysieke-veiligheid"
    case ecological = "ecologische-veiligheid"
    case economic = "economische-veiligheid"
    case socialPolitical = "sociale-politieke-stabiliteit"
    case internationalOrder = "internationale-rechtsorde"

    public var label: LocalizedLabel {
        switch self {
        case .territorial: LocalizedLabel(nl: "Territoriale veiligheid", en: "Territorial security")
        case .physical: LocalizedLabel(nl: "Fysieke veiligheid", en: "Physical safety")
        case .ecological: LocalizedLabel(nl: "Ecologische veiligheid", en: "Ecological security")
        case .economic: LocalizedLabel(nl: "Economische veiligheid", en: "Economic security")
        case .socialPolitical: LocalizedLabel(nl: "Sociale en politieke stabiliteit", en: "Social and political stability")
        case .internationalOrder: LocalizedLabel(nl: "Internationale rechtsorde", en: "International legal order")
        }
    }
}

/// What kind of event an incident is.
public enum IncidentCategory: String, CaseIterable, Codable, Sendable {
    case brand
    case gevaarlijkeStoffen = "gevaarlijke-stoffen"
    case ongeval
    case overstroming
    case extreemWeer = "extreem-weer"
    case gezondheid
    case uitvalNutsvoorziening = "uitval-nutsvoorziening"
    case digitaleOntwrichting = "digitale-ontwrichting"
    case openbareOrde = "openbare-orde"
    case terrorisme
    case evenement
    case overig

    public var label: LocalizedLabel {
        switch self {
        case .brand: LocalizedLabel(nl: "Brand", en: "Fire")
        case .gevaarlijkeStoffen: LocalizedLabel(nl: "Gevaarlijke stoffen", en: "Hazardous materials")
        case .ongeval: LocalizedLabel(nl: "Ongeval", en: "Accident")
        case .overstroming: LocalizedLabel(nl: "Overstroming", en: "Flooding")
        case .extreemWeer: LocalizedLabel(nl: "Extreem weer", en: "Extreme weather")
        case .gezondheid: LocalizedLabel(nl: "Gezondheid / infectieziekte", en: "Health / infectious disease")
        case .uitvalNutsvoorziening: LocalizedLabel(nl: "Uitval nutsvoorziening", en: "Utility outage")
        case .digitaleOntwrichting: LocalizedLabel(nl: "Digitale ontwrichting", en: "Digital disruption")
        case .openbareOrde: LocalizedLabel(nl: "Openbare orde", en: "Public order")
        case .terrorisme: LocalizedLabel(nl: "Terrorisme", en: "Terrorism")
        case .evenement: LocalizedLabel(nl: "Evenement", en: "Event")
        case .overig: LocalizedLabel(nl: "Overig", en: "Other")
        }
    }
}
