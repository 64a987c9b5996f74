import Foundation

/// Whether a crisis or ramp is of local significance or of more than local significance; the law ties
/// bestuurlijk gezag to this, not to the GRIP level (002:L1187-1189).
public enum CrisisSignificance: String, CaseIterable, Codable, Sendable {
    /// Van plaatselijke betekenis: one municipality's burgemeester holds authority.
    case local = "plaatselijk"
    /// Van meer dan plaatselijke betekenis (bovenlokaal): the voorzitter of the safety region holds it.
    case moreThanLocal = "meer-dan-plaatselijk"

    public var label: LocalizedLabel {
        switch self {
        case .local: LocalizedLabel(nl: "Van plaatselijke betekenis", en: "Of local significance")
        case .moreThanLocal: LocalizedLabel(nl: "Van meer dan plaatselijke betekenis", en: "Of more than local significance")
        }
    }
}

/// The stage of a crisis in the model borrowed from the Wet publieke gezondheid (002:L848-857).
public enum CrisisStage: String, CaseIterable, Codable, Sendable {
    case acute
    /// The crisis is under control; a return to normal decentral relations may be considered.
    case beheer

    public var label: LocalizedLabel {
        switch self {
        case .acute: LocalizedLabel(nl: "Acute fase", en: "Acute stage")
        case .beheer: LocalizedLabel(nl: "Beheerfase", en: "Management stage")
        }
    }
}

/// The CBS code of a municipality (gemeente), "GM" and four digits, e.g. GM0363 for Amsterdam.
public struct MunicipalityCode: TextCode, Comparable, CustomStringConvertible {
    public let rawValue: String

    /// Accepts "GM0014" and the like (case-insensitive); anything else is nil.
    public init?(_ text: String) {
        guard let code = Self.prefixed(text, "GM", digits: 4) else { return nil }
        rawValue = code
    }

    public var description: String { rawValue }

    public static func < (lhs: MunicipalityCode, rhs: MunicipalityCode) -> Bool { lhs.rawValue < rhs.rawValue }

    public static let expected = "a municipality code GMnnnn"
}

/// The CBS code of a province, "PV" and two digits, e.g. PV27 for Noord-Holland.
public struct ProvinceCode: TextCode, Comparable, CustomStringConvertible {
    public let rawValue: String

    /// Accepts "PV27" and the like (case-insensitive); anything else is nil.
    public init?(_ text: String) {
        guard let code = Self.prefixed(text, "PV", digits: 2) else { return nil }
        rawValue = code
    }

    public var description: String { rawValue }

    public static func < (lhs: ProvinceCode, rhs: ProvinceCode) -> Bool { lhs.rawValue < rhs.rawValue }

    public static let expected = "a province code PVnn"
}

/// A municipality the crisis affects, with the safety region it belongs to.
public struct AffectedMunicipality: Hashable, Sendable, Codable {
    public let code: MunicipalityCode
    public let region: RegionCode

    public init(_ code: MunicipalityCode, in region: RegionCode) {
        self.code = code
        self.region = region
    }
}

/// The matters on which bestuurlijk gezag decides in Knooppunt; mandates and aanwijzingen name them.
public enum GovernanceMatter: String, CaseIterable, Codable, Sendable, Comparable {
    /// Op- en afschaling: the GRIP level (002:L891-892).
    case scaling
    /// Declaring an event a crisis or a ramp (C01).
    case declaration
    /// Crisis communication to the public, such as a public warning (§3.15, 002:L1186-1190).
    case publicWarning = "public-warning"
    /// Asking other regions or the Rijk for assistance.
    case bijstand

    public static func < (a: GovernanceMatter, b: GovernanceMatter) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }

    public var label: LocalizedLabel {
        switch self {
        case .scaling: LocalizedLabel(nl: "op- en afschaling (GRIP)", en: "scaling up and down (GRIP)")
        case .declaration: LocalizedLabel(nl: "crisis of ramp verklaren", en: "declaring a crisis or ramp")
        case .publicWarning: LocalizedLabel(nl: "crisiscommunicatie en publieke waarschuwing", en: "crisis communication and public warnings")
        case .bijstand: LocalizedLabel(nl: "bijstand aanvragen", en: "requesting bijstand")
        }
    }
}

/// A minister who can hold authority over matters of a crisis.
public enum Minister: String, CaseIterable, Codable, Sendable {
    /// Justitie en Veiligheid: system-responsible and coordinating (002:L216-217).
    case justitieEnVeiligheid = "jenv"
    /// Vakministers: each responsible for crisis management within their own policy field (002:L220-224);
    /// they hold no authority over the regional decisions Knooppunt records (decision 0020, ambiguity 11).
    case infrastructuurEnWaterstaat = "ienw"
    case volksgezondheid = "vws"
    case binnenlandseZaken = "bzk"
    case defensie = "def"
    case economischeZaken = "ez"

    public var label: LocalizedLabel {
        switch self {
        case .justitieEnVeiligheid:
            LocalizedLabel(nl: "de minister van Justitie en Veiligheid", en: "the minister of Justice and Security")
        case .infrastructuurEnWaterstaat:
            LocalizedLabel(nl: "de minister van Infrastructuur en Waterstaat", en: "the minister of Infrastructure and Water Management")
        case .volksgezondheid:
            LocalizedLabel(nl: "de minister van Volksgezondheid, Welzijn en Sport", en: "the minister of Health, Welfare and Sport")
        case .binnenlandseZaken:
            LocalizedLabel(nl: "de minister van Binnenlandse Zaken en Koninkrijksrelaties", en: "the minister of the Interior and Kingdom Relations")
        case .defensie:
            LocalizedLabel(nl: "de minister van Defensie", en: "the minister of Defence")
        case .economischeZaken:
            LocalizedLabel(nl: "de minister van Economische Zaken", en: "the minister of Economic Affairs")
        }
    }
}

/// An office a person holds in their own right, and from which a mandate can be given.
public enum AuthorityOffice: Hashable, Sendable, Codable {
    case burgemeester(gemeente: MunicipalityCode)
    case voorzitter(region: RegionCode)
    case minister(Minister)
    /// The commissaris van de Koning of a province (PVnn): consulted before an aanwijzing (002:L269-271),
    /// oversees cooperation in the RBT (art. 41 Wvr, 002:L300-303); decides none of the recorded matters.
    case commissarisVanDeKoning(province: ProvinceCode)

    public var label: LocalizedLabel {
        switch self {
        case .burgemeester(let gemeente):
            LocalizedLabel(nl: "de burgemeester van \(gemeente)", en: "the burgemeester (mayor) of \(gemeente)")
        case .voorzitter(let region):
            LocalizedLabel(nl: "de voorzitter van \(region)", en: "the chair of \(region)")
        case .minister(let minister):
            minister.label
        case .commissarisVanDeKoning(let province):
            LocalizedLabel(nl: "de commissaris van de Koning in \(province)", en: "the King's commissioner in \(province)")
        }
    }

    /// The stored form: `burgemeester:GM0363`, `voorzitter:VR13`, `minister:jenv`, `cdk:PV27`.
    public var code: String {
        switch self {
        case .burgemeester(let gemeente): "burgemeester:\(gemeente)"
        case .voorzitter(let region): "voorzitter:\(region)"
        case .minister(let minister): "minister:\(minister.rawValue)"
        case .commissarisVanDeKoning(let province): "cdk:\(province)"
        }
    }

    /// Reads the stored form; nil for anything else.
    public init?(code: String) {
        guard code.count <= 40, let colon = code.firstIndex(of: ":") else { return nil }
        let kind = code[..<colon]
        let value = String(code[code.index(after: colon)...])
        switch kind {
        case "burgemeester":
            guard let gemeente = MunicipalityCode(value) else { return nil }
            self = .burgemeester(gemeente: gemeente)
        case "voorzitter":
            guard let region = RegionCode(value) else { return nil }
            self = .voorzitter(region: region)
        case "minister":
            guard let minister = Minister(rawValue: value) else { return nil }
            self = .minister(minister)
        case "cdk":
            guard let province = ProvinceCode(value) else { return nil }
            self = .commissarisVanDeKoning(province: province)
        default:
            return nil
        }
    }

    /// Whether this office can hold authority over the matters Knooppunt records (R1–R4, M1).
    public var canHoldAuthority: Bool {
        switch self {
        case .burgemeester, .voorzitter, .minister(.justitieEnVeiligheid): true
        case .minister, .commissarisVanDeKoning: false
        }
    }
}
