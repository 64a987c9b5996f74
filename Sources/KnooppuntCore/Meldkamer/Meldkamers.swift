import Foundation

/// The ten meldkamers (dispatch centres) of the Netherlands and the safety regions each serves. The seeds
/// name «de tien gestandaardiseerde meldkamers» (000:L179-180) but not which region each serves; this
/// division follows the ten regional units of the police, which the meldkamer regions follow since the
/// meldkamers were brought together under the Landelijke Meldkamer Samenwerking (public knowledge; checked by
/// the project against the shared, unverified list in `shared/data/meldkamers_UNVERIFIED.csv`, see decision
/// 0034). Every region is served by exactly one meldkamer (a test checks it).
public struct Meldkamer: Sendable, Equatable, Codable, Hashable {
    /// The organisation code in Knooppunt, e.g. `MK-AA`.
    public let code: String
    public let name: String
    public let regions: [RegionCode]

    public init(code: String, name: String, regions: [RegionCode]) {
        self.code = code
        self.name = name
        self.regions = regions
    }
}

public enum Meldkamers {
    public static let all: [Meldkamer] = [
        Meldkamer(code: "MK-NN", name: "Meldkamer Noord-Nederland", regions: regions(1, 2, 3)),
        Meldkamer(code: "MK-ON", name: "Meldkamer Oost-Nederland", regions: regions(4, 5, 6, 7, 8)),
        Meldkamer(code: "MK-MN", name: "Meldkamer Midden-Nederland", regions: regions(9, 14, 25)),
        Meldkamer(code: "MK-NH", name: "Meldkamer Noord-Holland", regions: regions(10, 11, 12)),
        Meldkamer(code: "MK-AA", name: "Meldkamer Amsterdam-Amstelland", regions: regions(13)),
        Meldkamer(code: "MK-DH", name: "Meldkamer Den Haag", regions: regions(15, 16)),
        Meldkamer(code: "MK-RD", name: "Meldkamer Rotterdam", regions: regions(17, 18)),
        Meldkamer(code: "MK-ZWB", name: "Meldkamer Zeeland-West-Brabant", regions: regions(19, 20)),
        Meldkamer(code: "MK-OB", name: "Meldkamer Oost-Brabant", regions: regions(21, 22)),
        Meldkamer(code: "MK-LB", name: "Meldkamer Limburg", regions: regions(23, 24)),
    ]

    static func regions(_ numbers: Int...) -> [RegionCode] { numbers.map(RegionCode.init(number:)) }

    public static func meldkamer(code: String) -> Meldkamer? { all.first { $0.code == code } }

    /// The meldkamer that serves a region.
    public static func serving(_ region: RegionCode) -> Meldkamer? { all.first { $0.regions.contains(region) } }
}

/// Who may send meldkamer messages, see a region's incident proposals, act on them and take the meldkamer
/// theme over (decision 0034). Proposals are not yet incidents: they are seen by the calamiteitencoördinator
/// of the meldkamer that serves the region and by the region's own information staff and operational leader.
public enum MeldkamerPolicy {
    /// Region roles that see the region's proposals.
    static let regionReaders: Set<Role> = [.informatiemanager, .hoofdInformatie, .operationeelLeider, .algemeenCommandant]
    /// Region roles that promote, dismiss, merge and split proposals and take the meldkamer theme over.
    static let regionKeepers: Set<Role> = [.informatiemanager, .hoofdInformatie]

    /// Sending messages: a meldkamer's calamiteitencoördinator (or the system account a meldkamer's link
    /// signs in with, which holds that role).
    public static func mayIntake(_ subject: Subject) -> AccessDecision {
        if subject.role.isEmergencyAccount { return .deny(FallbackPolicy.onlyFallback) }
        guard subject.organisationKind == .meldkamer, subject.role == .calamiteitencoordinator,
            Meldkamers.meldkamer(code: subject.organisationCode) != nil
        else { return .deny("meldkamer messages are sent by a meldkamer (its calamiteitencoördinator or its link)") }
        return .allow("a meldkamer sends its messages")
    }

    /// The regions whose proposals the subject sees.
    public static func visibleRegions(_ subject: Subject) -> Set<RegionCode> {
        if subject.role.isEmergencyAccount || subject.role.isAdministrator { return [] }
        switch subject.organisationKind {
        case .meldkamer:
            guard subject.role == .calamiteitencoordinator, let meldkamer = Meldkamers.meldkamer(code: subject.organisationCode)
            else { return [] }
            return Set(meldkamer.regions)
        case .region:
            guard let region = subject.regionCode, regionReaders.contains(subject.role) else { return [] }
            return [region]
        case .nationalNode, .partner, .ministry, .other:
            return []
        }
    }

    public static func mayRead(_ subject: Subject, region: RegionCode) -> AccessDecision {
        visibleRegions(subject).contains(region)
            ? .allow("you see the proposals of \(region)")
            : .deny("the proposals of \(region) are seen by its meldkamer's calamiteitencoördinator and the region's IM, HIN, AC and operational leader")
    }

    /// Promote, dismiss, merge, split.
    public static func mayHandle(_ subject: Subject, region: RegionCode) -> AccessDecision {
        guard visibleRegions(subject).contains(region) else { return mayRead(subject, region: region) }
        if subject.organisationKind == .meldkamer { return .allow("the calamiteitencoördinator handles the proposals of the regions its meldkamer serves") }
        return regionKeepers.contains(subject.role)
            ? .allow("the region's information manager handles its proposals")
            : .deny("proposals are promoted, dismissed, merged and split by the calamiteitencoördinator or the region's IM or HIN")
    }

    /// Taking the meldkamer theme over from the calamiteitencoördinator: the IM or HIN of an involved region.
    public static func mayTakeOver(_ subject: Subject, incident: IncidentScope) -> AccessDecision {
        guard subject.organisationKind == .region, let region = subject.regionCode, incident.involvedRegions.contains(region),
            regionKeepers.contains(subject.role)
        else { return .deny("the IM or HIN of an involved region takes the meldkamer theme over") }
        guard incident.meldkamerInCharge else { return .deny("the meldkamer theme has already been taken over") }
        return .allow("the information manager takes the meldkamer theme over")
    }
}
