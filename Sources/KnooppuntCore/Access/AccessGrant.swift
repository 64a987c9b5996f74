import Foundation

/// Access of one organisation to one incident: a link under its collaboration profile, a temporary
/// account for an ad-hoc partner, or an opening by the chair (break glass). Every grant has a purpose
/// and an end; ended or revoked grants give nothing.
public struct AccessGrant: Sendable, Equatable, Codable {
    public enum Kind: Sendable, Equatable, Codable {
        /// The region IM links the partner under its profile (standby: admitted or invited).
        case link(CollaborationProfile)
        /// An administrator's temporary account for an ad-hoc partner, bound to this incident.
        case temporaryAccount(username: String)
        /// The chair opened the incident to this organisation.
        case breakGlass

        public var name: String {
            switch self {
            case .link(let profile): "link under \(profile.rawValue)"
            case .temporaryAccount(let username): "temporary account \(username)"
            case .breakGlass: "break glass"
            }
        }
    }

    public var kind: Kind
    public var organisationCode: String
    public var purpose: String
    public var validFrom: Date
    public var validUntil: Date
    public var revokedAt: Date?
    /// Standby partners: monitoring until the IM admits or invites them, then active.
    public var status: PartnerStatus
    /// The most sensitive information this grant shows.
    public var maxClassification: Classification
    /// What of the picture an admitted standby partner reads, as the IM opened it (decision 0027 §7);
    /// nil: the default of the kind (`effectiveReadScope`).
    public var readScope: ReadScope?
    /// A standby partner brought in through another party's process (001:L853-871, decision 0027 §9): the
    /// discipline's theme or the kern partner's theme whose mandate it joins under.
    public var underMandateOf: Theme?
    /// An ad-hoc-aansluiting (decision 0027 §6): the region's HIN detached to the partner (a username), who
    /// enters its information on its behalf, and the conditions the region set (001:L926-929).
    public var detachedHIN: String?
    public var conditions: String?

    public init(
        kind: Kind, organisationCode: String, purpose: String, validFrom: Date, validUntil: Date, revokedAt: Date? = nil,
        status: PartnerStatus = .active, maxClassification: Classification? = nil
    ) {
        self.kind = kind
        self.organisationCode = organisationCode
        self.purpose = purpose
        self.validFrom = validFrom
        self.validUntil = validUntil
        self.revokedAt = revokedAt
        self.status = status
        self.maxClassification = maxClassification ?? Self.defaultClassification(for: kind)
    }

    /// What the grant reads of the picture: a standby link «(beperkte) leestoegang» (001:L1090-1095), by
    /// default only the shared totaalbeeld; every other grant the picture up to its classification.
    public var effectiveReadScope: ReadScope {
        if case .link(.standby) = kind { return readScope ?? underMandateOf.map { .themes([$0]) } ?? .summary }
        return .whole
    }

    /// The grant with `scope` as its read scope.
    public func withReadScope(_ scope: ReadScope?, underMandateOf mandate: Theme? = nil) -> AccessGrant {
        var grant = self
        grant.readScope = scope
        grant.underMandateOf = mandate
        return grant
    }

    /// In force at `time`: started, not ended, not revoked.
    public func isActive(at time: Date) -> Bool {
        validFrom <= time && time < validUntil && (revokedAt.map { time < $0 } ?? true)
    }

    /// What a grant shows unless the one granting it says otherwise: whoever reads the picture sees
    /// public and internal information; confidential information only when the grant says so. Koppel and
    /// ad-hoc links give only the partner's liaison something to read: what it supplied (decision 0027 §8).
    public static func defaultClassification(for kind: Kind) -> Classification {
        .internal
    }
}

/// What of an incident's picture a reader sees (decision 0027 §7): the shared totaalbeeld only, named themes
/// (their entries and summaries, with the totaalbeeld), or the whole picture.
public enum ReadScope: Sendable, Equatable, Hashable, Codable {
    case summary
    case themes([Theme])
    case whole
    /// A koppel or ad-hoc partner's liaison (decision 0027 §8): the entries of its own theme — what it
    /// supplied and whether the IM admitted it — and not even the totaalbeeld; the rest it hears in the
    /// coordinating team, outside the system (001:L1052-1068).
    case supplied(Theme)

    /// Entries of `theme` are read.
    public func readsEntries(of theme: Theme) -> Bool {
        switch self {
        case .whole: true
        case .summary: false
        case .themes(let themes): themes.contains(theme)
        case .supplied(let own): own == theme
        }
    }

    /// The summary of `theme` is read: the totaalbeeld always, the others with their theme; a liaison none.
    public func readsSummary(of theme: Theme) -> Bool {
        if case .supplied = self { return false }
        return theme == .algemeen || readsEntries(of: theme)
    }

    /// Everything else of the picture — decisions, actions, besluitpunten, plots, conflicts, SitRaps — is
    /// read only with the whole picture.
    public var isWhole: Bool { self == .whole }

    /// "summary", "whole", or "themes:brandweer,partner:RWS".
    public var text: String {
        switch self {
        case .summary: "summary"
        case .whole: "whole"
        case .themes(let themes): "themes:" + themes.map(\.description).joined(separator: ",")
        case .supplied(let theme): "supplied:" + theme.description
        }
    }

    public init?(text: String) {
        switch text {
        case "summary": self = .summary
        case "whole": self = .whole
        case _ where text.hasPrefix("supplied:"):
            guard let theme = Theme(String(text.dropFirst(9))) else { return nil }
            self = .supplied(theme)
        default:
            guard text.hasPrefix("themes:") else { return nil }
            let names = text.dropFirst(7).split(separator: ",").map(String.init)
            let themes = names.compactMap(Theme.init)
            guard !themes.isEmpty, themes.count == names.count, themes.count <= 16 else { return nil }
            self = .themes(themes)
        }
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let scope = ReadScope(text: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a read scope: \(text.prefix(60))"))
        }
        self = scope
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(text)
    }

    public var label: LocalizedLabel {
        switch self {
        case .summary: LocalizedLabel(nl: "leest het totaalbeeld", en: "reads the overall picture")
        case .whole: LocalizedLabel(nl: "leest het hele beeld", en: "reads the whole picture")
        case .themes(let themes):
            LocalizedLabel(
                nl: "leest het totaalbeeld en " + themes.map { $0.label().nl.lowercased() }.joined(separator: ", "),
                en: "reads the overall picture and " + themes.map { $0.label().en.lowercased() }.joined(separator: ", "))
        case .supplied(let theme):
            LocalizedLabel(
                nl: "leest alleen wat zelf is aangeleverd (\(theme.label().nl.lowercased()))",
                en: "reads only what it supplied itself (\(theme.label().en.lowercased()))")
        }
    }
}
