/// A functional role a user holds within their organisation.
public enum Role: String, CaseIterable, Codable, Sendable {
    case informatiemanager
    case hoofdInformatie = "hoofd-informatie"
    case algemeenCommandant = "algemeen-commandant"
    case operationeelLeider = "operationeel-leider"
    case liaison
    case voorzitter
    case kcr2Analist = "kcr2-analist"
    case partnerUser = "partner-user"
    case beheerder
    /// An emergency account on the national node, bound to one region: it reads only that region's
    /// fallback picture while the region's own node is down (decision 0017).
    case noodaccount

    public var label: LocalizedLabel {
        switch self {
        case .informatiemanager: LocalizedLabel(nl: "Informatiemanager", en: "Information manager")
        case .hoofdInformatie: LocalizedLabel(nl: "Hoofd informatie (HIN)", en: "Head of information (HIN)")
        case .algemeenCommandant: LocalizedLabel(nl: "Algemeen commandant (AC)", en: "General commander (AC)")
        case .operationeelLeider: LocalizedLabel(nl: "Operationeel leider", en: "Operational leader")
        case .liaison: LocalizedLabel(nl: "Liaison", en: "Liaison")
        case .voorzitter: LocalizedLabel(nl: "Voorzitter veiligheidsregio", en: "Chair of the safety region")
        case .kcr2Analist: LocalizedLabel(nl: "KCR2-analist", en: "KCR2 analyst")
        case .partnerUser: LocalizedLabel(nl: "Gebruiker crisispartner", en: "Crisis partner user")
        case .beheerder: LocalizedLabel(nl: "Beheerder", en: "Administrator")
        case .noodaccount: LocalizedLabel(nl: "Noodaccount (terugvalbeeld)", en: "Emergency account (fallback picture)")
        }
    }

    /// Administrators manage organisations, users and nodes.
    public var isAdministrator: Bool { self == .beheerder }

    /// Emergency accounts read their region's fallback picture and nothing else.
    public var isEmergencyAccount: Bool { self == .noodaccount }
}
