import Foundation
import Testing

@testable import KnooppuntCore

let vr13 = RegionCode(number: 13)
let vr12 = RegionCode(number: 12)

func sampleIncident() -> IncidentState {
    IncidentState(
        title: "Grote brand Westpoort", category: .brand, startedAt: Date(timeIntervalSince1970: 1_800_000_000),
        involvedRegions: [vr13], leadRegion: vr13)
}

@Suite("Incident rules")
struct IncidentRulesTests {
    @Test("a sensible new incident is accepted")
    func accepted() throws {
        try IncidentRules.validate(sampleIncident(), replacing: nil)
    }

    @Test("each broken rule names its field")
    func violations() {
        func field(_ change: (inout IncidentState) -> Void, old: IncidentState? = nil) -> String? {
            var state = sampleIncident()
            change(&state)
            do {
                try IncidentRules.validate(state, replacing: old)
                return nil
            } catch {
                return error.field
            }
        }
        #expect(field { $0.title = "x" } == "title")
        #expect(field { $0.involvedRegions = [] } == "involvedRegions")
        #expect(field { $0.involvedRegions = [vr13, vr13] } == "involvedRegions")
        #expect(field { $0.leadRegion = vr12 } == "leadRegion")
        #expect(field { $0.classification = .crisis } == "vitalInterests")
        #expect(field { $0.status = .closed } == "status")
        #expect(field({ $0.grip = .two }, old: sampleIncident()) == "gripReason")
        #expect(field({ $0.status = .archived }, old: sampleIncident()) == "status")
    }

    @Test("status moves open → closed → archived, may reopen, and archived is final")
    func statusFlow() throws {
        var state = sampleIncident()
        var closed = state
        closed.status = .closed
        try IncidentRules.validate(closed, replacing: state)
        var reopened = closed
        reopened.status = .open
        try IncidentRules.validate(reopened, replacing: closed)
        var archived = closed
        archived.status = .archived
        try IncidentRules.validate(archived, replacing: closed)
        state = archived
        state.title = "Nog een wijziging"
        #expect(throws: PictureRuleViolation.self) { try IncidentRules.validate(state, replacing: archived) }
    }

    @Test("a GRIP change with a reason is accepted; two regions propose interregional scaling")
    func grip() throws {
        let old = sampleIncident()
        var new = old
        new.grip = .four
        new.gripReason = "Rook over meerdere gemeenten"
        try IncidentRules.validate(new, replacing: old)
        #expect(!IncidentRules.proposesInterregionalScaling(new))
        new.involvedRegions = [vr13, vr12]
        #expect(IncidentRules.proposesInterregionalScaling(new))
    }

    @Test("GRIP 5 needs two or more involved regions: scaling one region to it, or dropping the second region, is refused")
    func gripFiveNeedsTwoRegions() throws {
        let old = sampleIncident()
        var alone = old
        alone.grip = .five
        alone.gripReason = "Landelijke uitval"
        #expect(throws: PictureRuleViolation.self) { try IncidentRules.validate(alone, replacing: old) }
        var joint = alone
        joint.involvedRegions = [vr13, vr12]
        try IncidentRules.validate(joint, replacing: old)
        var shrunk = joint
        shrunk.involvedRegions = [vr13]
        do {
            try IncidentRules.validate(shrunk, replacing: joint)
            Issue.record("GRIP 5 with one region was accepted")
        } catch {
            #expect(error.field == "grip")
            #expect(error.message.contains("two or more involved regions"))
        }
    }
}

@Suite("Versions and edits")
struct VersionTests {
    @Test("a version is valid from its start up to, not including, its end")
    func boundaries() {
        let period = ValidityPeriod(validFrom: 100, validTo: 200)
        #expect(!period.contains(99))
        #expect(period.contains(100))
        #expect(period.contains(199))
        #expect(!period.contains(200))
        #expect(ValidityPeriod(validFrom: 100).contains(.max))
    }

    @Test("microseconds round-trip through dates")
    func microseconds() {
        let value: Int64 = 1_800_000_000_123_456
        #expect(Microseconds.from(Microseconds.date(value)) == value)
    }

    @Test("an edit on an older version is stale and names the current one")
    func stale() {
        #expect(EditCheck.check(baseVersion: 3, currentVersion: 3) == .accept)
        #expect(EditCheck.check(baseVersion: 2, currentVersion: 3) == .stale(current: 3))
    }

    @Test("themes round-trip as text and refuse unknown names")
    func themes() throws {
        #expect(Theme("partner:RWS") == .partner("RWS"))
        #expect(Theme("brandweer") == .brandweer)
        #expect(Theme("partner:") == nil)
        #expect(Theme("marine") == nil)
        let data = try JSONEncoder().encode([Theme.geneeskundig, .partner("TENNET")])
        #expect(String(decoding: data, as: UTF8.self) == #"["geneeskundig","partner:TENNET"]"#)
    }
}
