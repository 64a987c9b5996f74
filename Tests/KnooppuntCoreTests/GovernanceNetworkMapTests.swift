import Foundation
import Testing

@testable import KnooppuntCore

/// The bestuurlijke netwerkkaart digitale ontwrichting (decision 0033): the seeded map, its gaps, the part
/// for a scenario, the checks on an administrator's edit and the JSON export.
@Suite("Governance network map")
struct GovernanceNetworkMapTests {
    static let map = GovernanceNetworkMap.standard

    static func entry(_ actor: NetworkActor = .burgemeester, duty: String = "Handhaaft de openbare orde",
                      source: String = "004:L197-199") -> NetworkResponsibility {
        NetworkResponsibility(aspect: .publicOrder, phase: .warm, actor: actor, duty: LocalizedLabel(nl: duty, en: "Maintains public order"),
                              legalBasis: "Gemeentewet art. 172 lid 1", clarity: .clear, source: source)
    }

    @Test("the seeded map is valid and names the five aspects in 004's words")
    func seeded() {
        #expect(Self.map.validate().isEmpty)
        #expect(DigitalSecurityAspect.allCases.map { $0.label.nl.lowercased() } == [
            "informatieveiligheid (eigen organisatie)", "risicoanalyse en -beheersing", "openbare orde en veiligheid",
            "bestrijding van digitale criminaliteit", "cybergevolgbestrijding",
        ])
        #expect(Self.map.responsibilities.allSatisfy { !$0.source.isEmpty }, "every entry rests on a seed line or a named source")
    }

    @Test("every aspect × phase cell has an entry or is reported as a gap; an empty cell is a gap of nobody")
    func everyCell() {
        // MUT
        let grid = Self.map.grid
        // validate
        #expect(grid.count == DigitalSecurityAspect.allCases.count * RegionPhase.allCases.count)
        for cell in grid {
            #expect(!cell.responsibilities.isEmpty, "the seeded map leaves no cell empty: \(cell.aspect) \(cell.phase)")
            #expect(cell.isGap == Self.map.gaps.contains(cell))
        }
        var thinned = Self.map
        for responsibility in thinned.cells(aspect: .cybercrime, phase: .lauw) {
            thinned.remove(aspect: responsibility.aspect, phase: responsibility.phase, actor: responsibility.actor)
        }
        let gap = thinned.gaps.first { $0.aspect == .cybercrime && $0.phase == .lauw }
        #expect(gap?.gap == .nobody)
        #expect(GovernanceNetworkMap().gaps.count == 15)
    }

    @Test("what 004 calls unclear stays unclear: cybergevolgbestrijding, digital risks, NCSC partnership")
    func unclearPointsOf004() throws {
        func clarity(_ aspect: DigitalSecurityAspect, _ phase: RegionPhase, _ actor: NetworkActor) -> NetworkClarity? {
            Self.map.cells(aspect: aspect, phase: phase).first { $0.actor == actor }?.clarity
        }
        // 004:L414-418 cybergevolgbestrijding is onontgonnen terrein
        #expect(clarity(.consequenceManagement, .warm, .voorzitterVeiligheidsregio) == .unclear)
        #expect(clarity(.consequenceManagement, .koud, .bestuurVeiligheidsregio) == .unclear)
        // 004:L370-378 responsibility and powers for digital risks
        #expect(clarity(.riskManagement, .koud, .bestuurVeiligheidsregio) == .unclear)
        // 004:L273-277 the boards' responsibilities in the digital environment
        #expect(clarity(.publicOrder, .koud, .bestuurVeiligheidsregio) == .unclear)
        // 004:L527-531 the regions are not alerted by the NCSC
        #expect(clarity(.riskManagement, .lauw, .bestuurVeiligheidsregio) == .unclear)
        // 004:L199-205 powers where the cause is digital are less clear; physical consequences are clear
        #expect(clarity(.publicOrder, .lauw, .burgemeester) == .unclear)
        #expect(clarity(.publicOrder, .warm, .burgemeester) == .clear)

        let warm = try #require(Self.map.gaps.first { $0.aspect == .consequenceManagement && $0.phase == .warm })
        #expect(warm.gap == .unclear, "a cell with a clear and an unclear entry is still a gap")
        #expect(warm.unclear.contains { $0.actor == .voorzitterVeiligheidsregio })
        #expect(NetworkClarity.unclear.label.nl == "Onvoldoende helder")
    }

    @Test("a scenario keeps the sector minister of its vital processes and always the local and regional actors")
    func scenario() {
        // setup: an outage of internet and data services (EZK) against one of drinking water (IenW)
        // MUT
        let ict = Self.map.forScenario(ministries: ["EZK"], phase: .warm)
        let water = Self.map.forScenario(ministries: ["ienw"], phase: .warm)
        // validate
        #expect(ict.actors.contains(.ministerEZK))
        #expect(!water.actors.contains(.ministerEZK))
        #expect(water.actors.contains(.ministerIenW) && !ict.actors.contains(.ministerIenW))
        for map in [ict, water] {
            #expect(map.actors.contains(.burgemeester) && map.actors.contains(.voorzitterVeiligheidsregio))
            #expect(map.actors.contains(.ministerJenV) && map.actors.contains(.ncsc))
            #expect(map.responsibilities.allSatisfy { $0.phase == .warm })
        }
        let allPhases = Self.map.forScenario(ministries: ["EZK"])
        #expect(Set(allPhases.responsibilities.map(\.phase)) == Set(RegionPhase.allCases))
        #expect(allPhases.responsibilities(of: .ministerEZK) == Self.map.responsibilities(of: .ministerEZK))
    }

    @Test("validate names duplicates, missing duties and sources, control characters and over-long texts")
    func validation() {
        var map = GovernanceNetworkMap(responsibilities: [Self.entry(), Self.entry()])
        #expect(map.validate().map(\.field) == ["responsibilities[1]"])

        map.responsibilities = [
            Self.entry(duty: "  "),
            Self.entry(.voorzitterVeiligheidsregio, duty: "Bel\u{07}t"),
            Self.entry(.regioburgemeester, duty: String(repeating: "x", count: 1001)),
            Self.entry(.ministerJenV, source: ""),
        ]
        map.responsibilities[0].legalBasis = ""
        let fields = map.validate().map(\.field)
        #expect(fields == [
            "responsibilities[0].duty.nl", "responsibilities[0].legalBasis", "responsibilities[1].duty.nl",
            "responsibilities[2].duty.nl", "responsibilities[3].source",
        ])
    }

    @Test("an administrator's edit replaces the entry of the same actor in the same cell")
    func upsert() {
        var map = Self.map
        var changed = Self.map.cells(aspect: .consequenceManagement, phase: .warm).first { $0.actor == .voorzitterVeiligheidsregio }!
        changed.clarity = .clear
        // MUT
        map.upsert(changed)
        // validate
        #expect(map.responsibilities.count == Self.map.responsibilities.count)
        #expect(map.cells(aspect: .consequenceManagement, phase: .warm).first { $0.actor == .voorzitterVeiligheidsregio } == changed)
        #expect(map.remove(aspect: .consequenceManagement, phase: .warm, actor: .voorzitterVeiligheidsregio) == changed)
        #expect(map.remove(aspect: .consequenceManagement, phase: .warm, actor: .voorzitterVeiligheidsregio) == nil)
    }

    @Test("JSON export reads back as the same map, with kebab-case codes")
    func jsonRoundTrip() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = try encoder.encode(Self.map)
        let back = try JSONDecoder().decode(GovernanceNetworkMap.self, from: data)
        #expect(back == Self.map)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("\"actor\":\"voorzitter-veiligheidsregio\"") && text.contains("\"aspect\":\"consequence-management\""))
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(GovernanceNetworkMap.self, from: Data(text.replacingOccurrences(of: "\"ncsc\"", with: "\"nsa\"").utf8))
        }
    }
}
