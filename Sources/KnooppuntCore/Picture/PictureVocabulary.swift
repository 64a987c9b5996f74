/// A theme of the picture: the multidisciplinary summary, a discipline, or a linked partner.
public enum Theme: Hashable, Codable, Sendable, CustomStringConvertible {
    case algemeen, brandweer, politie, geneeskundig, bevolkingszorg
    /// What the meldkamer knows of the incident: kept by the calamiteitencoördinator until the region's
    /// information manager takes over (decision 0034).
    case meldkamer
    /// The theme of a partner organisation, by its code.
    case partner(String)

    public static let disciplines: [Theme] = [.algemeen, .brandweer, .politie, .geneeskundig, .bevolkingszorg]

    /// "algemeen", "brandweer", …, or "partner:RWS".
    public var description: String {
        switch self {
        case .algemeen: "algemeen"
        case .brandweer: "brandweer"
        case .politie: "politie"
        case .geneeskundig: "geneeskundig"
        case .bevolkingszorg: "bevolkingszorg"
        case .meldkamer: "meldkamer"
        case .partner(let code): "partner:\(code)"
        }
    }

    public init?(_ text: String) {
        switch text {
        case "algemeen": self = .algemeen
        case "brandweer": self = .brandweer
        case "politie": self = .politie
        case "geneeskundig": self = .geneeskundig
        case "bevolkingszorg": self = .bevolkingszorg
        case "meldkamer": self = .meldkamer
        default:
            guard text.hasPrefix("partner:"), text.count > 8 else { return nil }
            self = .partner(String(text.dropFirst(8)))
        }
    }

    public init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let theme = Theme(text) else {
            throw DecodingError.dataCorrupted(
                .init(
                    codingPath: decoder.codingPath,
                    debugDescription:
                        "'\(text)' is not a theme (algemeen, brandweer, politie, geneeskundig, bevolkingszorg, meldkamer or partner:CODE)"))
        }
        self = theme
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    public func label(partnerName: String? = nil) -> LocalizedLabel {
        switch self {
        case .algemeen: LocalizedLabel(nl: "Algemeen (multidisciplinair)", en: "General (multidisciplinary)")
        case .brandweer: LocalizedLabel(nl: "Brandweer", en: "Fire service")
        case .politie: LocalizedLabel(nl: "Politie", en: "Police")
        case .geneeskundig: LocalizedLabel(nl: "Geneeskundig (GHOR)", en: "Medical (GHOR)")
        case .bevolkingszorg: LocalizedLabel(nl: "Bevolkingszorg", en: "Population care")
        case .meldkamer: LocalizedLabel(nl: "Meldkamer", en: "Dispatch centre (meldkamer)")
        case .partner(let code): LocalizedLabel(nl: partnerName ?? code, en: partnerName ?? code)
        }
    }
}

/// How far an entry has been checked.
public enum VerificationStatus: String, CaseIterable, Codable, Sendable {
    case unverified, verified, contradicted, withdrawn

    public var label: LocalizedLabel {
        switch self {
        case .unverified: LocalizedLabel(nl: "Niet geverifieerd", en: "Unverified")
        case .verified: LocalizedLabel(nl: "Geverifieerd", en: "Verified")
        case .contradicted: LocalizedLabel(nl: "Tegengesproken", en: "Contradicted")
        case .withdrawn: LocalizedLabel(nl: "Ingetrokken", en: "Withdrawn")
        }
    }
}

public enum EntryPriority: String, CaseIterable, Codable, Sendable {
    case laag, normaal, hoog, spoed

    public var label: LocalizedLabel {
        switch self {
        case .laag: LocalizedLabel(nl: "Laag", en: "Low")
        case .normaal: LocalizedLabel(nl: "Normaal", en: "Normal")
        case .hoog: LocalizedLabel(nl: "Hoog", en: "High")
        case .spoed: LocalizedLabel(nl: "Spoed", en: "Urgent")
        }
    }
}

/// The crisis teams that take decisions.
public enum CrisisTeam: String, CaseIterable, Codable, Sendable {
    case copi, rot, gbt, rbt, irbt, other

    public var label: LocalizedLabel {
        switch self {
        case .copi: LocalizedLabel(nl: "CoPI", en: "CoPI (on-scene command)")
        case .rot: LocalizedLabel(nl: "ROT", en: "ROT (regional operational team)")
        case .gbt: LocalizedLabel(nl: "GBT", en: "GBT (municipal policy team)")
        case .rbt: LocalizedLabel(nl: "RBT", en: "RBT (regional policy team)")
        case .irbt: LocalizedLabel(nl: "IRBT", en: "IRBT (interregional policy team)")
        case .other: LocalizedLabel(nl: "Overig", en: "Other")
        }
    }
}

public enum ActionStatus: String, CaseIterable, Codable, Sendable {
    case open, bezig = "in-progress", gereed = "done", vervallen = "cancelled"

    public var label: LocalizedLabel {
        switch self {
        case .open: LocalizedLabel(nl: "Open", en: "Open")
        case .bezig: LocalizedLabel(nl: "In uitvoering", en: "In progress")
        case .gereed: LocalizedLabel(nl: "Gereed", en: "Done")
        case .vervallen: LocalizedLabel(nl: "Vervallen", en: "Cancelled")
        }
    }
}
