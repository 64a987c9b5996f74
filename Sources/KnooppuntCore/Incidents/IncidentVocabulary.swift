/// The GRIP scaling level: lokaal 1–3, regionaal 4, interregionaal 5 (002:L914-915); 0 is routine work,
/// no GRIP. Shown everywhere as `scaleLabel`.
public enum GRIPLevel: Int, CaseIterable, Codable, Sendable, Comparable {
    case routine = 0, one, two, three, four, five

    public static func < (a: GRIPLevel, b: GRIPLevel) -> Bool { a.rawValue < b.rawValue }

    /// The level as people read it: `scaleLabel` ("GRIP 3 (lokaal)", "geen GRIP / routine").
    @available(*, deprecated, renamed: "scaleLabel", message: "one text for GRIP levels: use scaleLabel (decision 0021)")
    public var label: LocalizedLabel { scaleLabel }
}

/// Where an incident is in the cycle of crisis management: respons, then nafase (002:L521-522
/// «voorbereiding, inclusief risico-inventarisatie en analyse, respons en nafase en herstel»).
///
/// Koud, lauw and warm are not incident phases: they are how a region, or the national level, stands
/// towards a threat (`RegionPhase`, decision 0021). Incident versions and journal events written before
/// that decision hold them; they still decode (stored bytes never change) and read as `respons`
/// (`current`). They are not offered (`allCases`) and a change cannot set them (`IncidentRules`).
public enum IncidentPhase: String, CaseIterable, Codable, Sendable {
    case respons, nafase
    /// Recorded before decision 0021; reads as `respons`.
    case koud, lauw, warm

    /// The phases an incident can be in now.
    public static var allCases: [IncidentPhase] { [.respons, .nafase] }

    /// The phase as it reads now: koud, lauw and warm recorded on older versions are `respons`.
    public var current: IncidentPhase {
        switch self {
        case .respons, .koud, .lauw, .warm: .respons
        case .nafase: .nafase
        }
    }

    /// Recorded before decision 0021, when the region's phase was kept on the incident.
    public var predatesRegionPhases: Bool { current != self }

    /// Every stored value that reads as this phase (to filter stored rows), this one first.
    public var storedValues: [String] {
        [rawValue] + [IncidentPhase.koud, .lauw, .warm].filter { $0.current == self && $0 != self }.map(\.rawValue)
    }

    public var label: LocalizedLabel {
        switch current {
        case .nafase: LocalizedLabel(nl: "Nafase", en: "Aftermath")
        default: LocalizedLabel(nl: "Respons", en: "Response")
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
