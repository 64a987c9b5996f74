/// What kind of body an organisation is in the crisis network.
public enum OrganisationKind: String, CaseIterable, Codable, Sendable {
    /// One of the 25 veiligheidsregio's.
    case region
    /// The national node (KCR2 / LOCC).
    case nationalNode = "national-node"
    /// A crisis partner (Rijkswaterstaat, a water board, a grid operator, …).
    case partner
    /// One of the ten meldkamers (dispatch centres): its calamiteitencoördinator bridges region and
    /// meldkamer during scale-up (000:L470-472, decision 0034).
    case meldkamer
    /// A ministry or another public body.
    case ministry
    case other

    public var label: LocalizedLabel {
        switch self {
        case .region: LocalizedLabel(nl: "Veiligheidsregio", en: "Safety region")
        case .nationalNode: LocalizedLabel(nl: "Landelijk knooppunt", en: "National node")
        case .partner: LocalizedLabel(nl: "Crisispartner", en: "Crisis partner")
        case .meldkamer: LocalizedLabel(nl: "Meldkamer", en: "Dispatch centre (meldkamer)")
        case .ministry: LocalizedLabel(nl: "Ministerie", en: "Ministry")
        case .other: LocalizedLabel(nl: "Overig", en: "Other")
        }
    }
}

/// A text users see, in the two UI languages (Dutch first).
public struct LocalizedLabel: Sendable, Equatable, Codable {
    public let nl: String
    public let en: String

    public init(nl: String, en: String) {
        self.nl = nl
        self.en = en
    }

    public func text(_ language: Language) -> String { language == .nl ? nl : en }
}

/// The UI languages: Dutch is the default, English the second.
public enum Language: String, CaseIterable, Sendable, Codable {
    case nl, en
}
