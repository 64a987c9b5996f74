import Foundation

/// The bestuurlijke netwerkkaart digitale ontwrichting (decision 0033, 004:L98-106): who bears which
/// responsibility or power, for each aspect of digital security and each phase, on which legal basis, and
/// where that is not yet clear. Administrators edit it and export it as JSON; an incident shows the part
/// for its scenario (the ministries of its affected vital processes) and its region's phase.
public struct GovernanceNetworkMap: Sendable, Codable, Equatable {
    public var responsibilities: [NetworkResponsibility]

    /// Longest text of one field, counted in Unicode scalars (as elsewhere, decision 0016).
    public static let maxTextLength = 1000
    /// At most this many responsibilities in one map: 5 aspects × 3 phases × 15 actors, with room.
    public static let maxResponsibilities = 500

    public init(responsibilities: [NetworkResponsibility] = []) {
        self.responsibilities = responsibilities
    }

    /// The responsibilities in one cell of the map, in stored order.
    public func cells(aspect: DigitalSecurityAspect, phase: RegionPhase) -> [NetworkResponsibility] {
        responsibilities.filter { $0.aspect == aspect && $0.phase == phase }
    }

    /// One cell of the map with what it lacks.
    public func cell(aspect: DigitalSecurityAspect, phase: RegionPhase) -> NetworkCell {
        NetworkCell(aspect: aspect, phase: phase, responsibilities: cells(aspect: aspect, phase: phase))
    }

    /// Every cell, aspect by aspect and within an aspect koud, lauw, warm: the rows and columns of the page.
    public var grid: [NetworkCell] {
        DigitalSecurityAspect.allCases.flatMap { aspect in
            RegionPhase.allCases.map { cell(aspect: aspect, phase: $0) }
        }
    }

    /// The cells with nobody responsible, or with a responsibility that is onvoldoende helder.
    public var gaps: [NetworkCell] { grid.filter(\.isGap) }

    public func responsibilities(for phase: RegionPhase) -> [NetworkResponsibility] {
        responsibilities.filter { $0.phase == phase }
    }

    public func responsibilities(of actor: NetworkActor) -> [NetworkResponsibility] {
        responsibilities.filter { $0.actor == actor }
    }

    /// The actors that appear in the map, in the order of `NetworkActor.allCases`: the nodes of the graph.
    public var actors: [NetworkActor] {
        let present = Set(responsibilities.map(\.actor))
        return NetworkActor.allCases.filter(present.contains)
    }

    /// The part of the map for a scenario whose affected vital processes fall under `ministries` (codes of
    /// vitale-processen.csv: EZK, IenW, JenV, BZK, FIN, DEF; case does not count), in one phase or all.
    /// Actors bound to no sector (the local, regional and national ones, NCSC, CSIRT's, vital providers)
    /// stay in every scenario; a sector minister stays only when one of its processes is affected.
    public func forScenario(ministries: Set<String>, phase: RegionPhase? = nil) -> GovernanceNetworkMap {
        let wanted = Set(ministries.map { $0.trimmingCharacters(in: .whitespaces).lowercased() })
        return GovernanceNetworkMap(responsibilities: responsibilities.filter { responsibility in
            if let phase, responsibility.phase != phase { return false }
            guard let code = responsibility.actor.sectorMinistry else { return true }
            return wanted.contains(code.lowercased())
        })
    }

    /// Adds a responsibility, or replaces the one with the same aspect, phase and actor in its place.
    public mutating func upsert(_ responsibility: NetworkResponsibility) {
        if let index = responsibilities.firstIndex(where: { $0.key == responsibility.key }) {
            responsibilities[index] = responsibility
        } else {
            responsibilities.append(responsibility)
        }
    }

    /// Removes the responsibility of an actor in a cell; returns it, or nil when there was none.
    @discardableResult
    public mutating func remove(aspect: DigitalSecurityAspect, phase: RegionPhase, actor: NetworkActor) -> NetworkResponsibility? {
        let key = NetworkResponsibility.Key(aspect: aspect, phase: phase, actor: actor)
        guard let index = responsibilities.firstIndex(where: { $0.key == key }) else { return nil }
        return responsibilities.remove(at: index)
    }
}

/// One aspect × phase cell of the map.
public struct NetworkCell: Sendable, Equatable {
    public var aspect: DigitalSecurityAspect
    public var phase: RegionPhase
    public var responsibilities: [NetworkResponsibility]

    public init(aspect: DigitalSecurityAspect, phase: RegionPhase, responsibilities: [NetworkResponsibility]) {
        self.aspect = aspect
        self.phase = phase
        self.responsibilities = responsibilities
    }

    public var unclear: [NetworkResponsibility] { responsibilities.filter { $0.clarity == .unclear } }
    public var hasClearResponsibility: Bool { responsibilities.contains { $0.clarity == .clear } }

    /// What the cell lacks, or nil when someone is clearly responsible and nothing in it is unclear.
    public var gap: NetworkGap? {
        if responsibilities.isEmpty { return .nobody }
        if !unclear.isEmpty || !hasClearResponsibility { return .unclear }
        return nil
    }

    public var isGap: Bool { gap != nil }
}

/// Why a cell of the map is a gap.
public enum NetworkGap: String, CaseIterable, Codable, Sendable {
    /// Nobody is recorded as responsible.
    case nobody
    /// Someone is recorded, but the responsibility or its powers are onvoldoende helder (004:L273-277).
    case unclear

    public var label: LocalizedLabel {
        switch self {
        case .nobody: LocalizedLabel(nl: "Niemand belegd", en: "Nobody responsible")
        case .unclear: LocalizedLabel(nl: "Onvoldoende helder", en: "Not sufficiently clear")
        }
    }
}
