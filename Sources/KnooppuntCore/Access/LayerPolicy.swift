import Foundation

/// The parts of a map layer the access rules need.
public struct LayerScope: Sendable, Equatable {
    public let owner: String
    public let classification: Classification

    public init(owner: String, classification: Classification) {
        self.owner = owner
        self.classification = classification
    }
}

/// What a subject wants to do with a map layer.
public enum LayerAction: String, Sendable, CaseIterable {
    case read
    /// Upload, replace or delete (the owner's people).
    case manage
    /// The chair opens the layer to a named organisation for a limited time.
    case breakGlass
}

/// A break-glass opening of one layer to one organisation.
public struct LayerGrant: Sendable, Equatable {
    public let organisationCode: String
    public let validFrom: Date
    public let validUntil: Date
    public let revokedAt: Date?
    public let reason: String

    public init(organisationCode: String, validFrom: Date, validUntil: Date, revokedAt: Date? = nil, reason: String) {
        self.organisationCode = organisationCode
        self.validFrom = validFrom
        self.validUntil = validUntil
        self.revokedAt = revokedAt
        self.reason = reason
    }

    public func isActive(at time: Date) -> Bool {
        validFrom <= time && time < validUntil && (revokedAt.map { time < $0 } ?? true)
    }
}

extension AccessPolicy {
    /// Map layers: public ones are for everyone; internal ones for the regions, the national node and the
    /// owner; confidential ones (vulnerable objects by default) for the owner only, unless the chair opens
    /// them to an organisation for a limited time. Every read of a confidential layer is journaled.
    public static func decide(
        _ subject: Subject, _ action: LayerAction, layer: LayerScope, grants: [LayerGrant] = [], at time: Date
    ) -> AccessDecision {
        if subject.role.isEmergencyAccount { return .deny(FallbackPolicy.onlyFallback) }
        let own = subject.organisationCode == layer.owner
        let journal: Set<AccessObligation> = layer.classification == .confidential ? [.journalRead] : []
        switch action {
        case .manage:
            if subject.role.isAdministrator { return .deny("administrators manage accounts; layers are kept by their owner") }
            guard own else { return .deny("only \(layer.owner) keeps this layer") }
            return subject.role.worksForPartner
                ? .deny("a liaison enters information but does not keep map layers")
                : .allow("\(layer.owner) keeps its own layers")
        case .breakGlass:
            return subject.role == .voorzitter
                ? .allow("the chair may open a layer to a named organisation for a limited time, and answers for it")
                : .deny("only a chair (voorzitter) may open a layer that is not shared")
        case .read:
            if layer.classification == .public { return .allow("the layer is public") }
            if subject.role.isAdministrator {
                return .deny("administrators manage accounts; layer contents are need-to-know")
            }
            if own { return .allow("\(layer.owner)'s own layer", journal) }
            if let grant = grants.first(where: { $0.organisationCode == subject.organisationCode && $0.isActive(at: time) }) {
                return .allow("opened by the chair: \(grant.reason)", journal)
            }
            if layer.classification == .internal {
                return subject.organisationKind == .region || subject.organisationKind == .nationalNode
                    ? .allow("internal layers are shared with the regions and the national node")
                    : .deny("\(layer.owner)'s internal layer is shared with the regions and the national node, not with partners")
            }
            if grants.contains(where: { $0.organisationCode == subject.organisationCode }) {
                return .deny("the chair's opening of \(layer.owner)'s confidential layer has ended")
            }
            return .deny("\(layer.owner)'s layer is confidential: only its owner, or an organisation the chair opens it to")
        }
    }
}

/// What a map layer holds. Layers of vulnerable objects are confidential by default: «Kaartlagen geven
/// inzicht in de locaties van kwetsbare plekken zoals brandkranen, gasverdeelstations en
/// drinkwatervoorzieningen» (001:L1267-1269). Gasverdeelstations are the gas network's distribution
/// (pressure-reduction) stations, not petrol stations.
public enum LayerCategory: String, Sendable, CaseIterable, Codable {
    case fireHydrants = "fire-hydrants"
    case gasDistributionStations = "gas-distribution-stations"
    case drinkingWater = "drinking-water"
    case vitalInfrastructure = "vital-infrastructure"
    case general

    /// The category a value names, including the name the gas distribution stations had before they were
    /// named for what they are ("gas-stations", stored by nodes before migration M0036).
    public init?(named value: String) {
        if value == "gas-stations" { self = .gasDistributionStations; return }
        self.init(rawValue: value)
    }

    public var isVulnerable: Bool { self != .general }

    public var defaultClassification: Classification { isVulnerable ? .confidential : .internal }

    public var label: LocalizedLabel {
        switch self {
        case .fireHydrants: LocalizedLabel(nl: "Bluswatervoorzieningen", en: "Fire hydrants")
        case .gasDistributionStations: LocalizedLabel(nl: "Gasverdeelstations", en: "Gas distribution stations")
        case .drinkingWater: LocalizedLabel(nl: "Drinkwatervoorziening", en: "Drinking water")
        case .vitalInfrastructure: LocalizedLabel(nl: "Vitale infrastructuur", en: "Vital infrastructure")
        case .general: LocalizedLabel(nl: "Algemeen", en: "General")
        }
    }
}
