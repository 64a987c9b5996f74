import Foundation
import Testing

@testable import KnooppuntCore

@Suite("Incident phase: respons → nafase; koud, lauw and warm from older versions read as respons")
struct IncidentPhaseTests {
    @Test("an incident can be in respons or nafase only")
    func offered() {
        #expect(IncidentPhase.allCases == [.respons, .nafase])
        #expect(sampleIncident().phase == .respons)
    }

    @Test("a stored version with warm still decodes, reads and shows as respons, and encodes to the same bytes")
    func olderVersionsStayReadable() throws {
        // setup: a state as versions before decision 0021 stored it
        var state = sampleIncident()
        state.phase = .warm
        let stored = try CanonicalJSON.encode(state)
        #expect(stored.contains(#""phase":"warm""#))
        // MUT
        let read = try CanonicalJSON.decode(IncidentState.self, from: stored)
        // validate
        #expect(read.phase.current == .respons)
        #expect(read.phase.label.nl == "Respons")
        #expect(read.phase.predatesRegionPhases)
        #expect(try CanonicalJSON.encode(read) == stored, "stored bytes must not change")
        #expect(IncidentPhase.koud.current == .respons && IncidentPhase.lauw.current == .respons)
        #expect(IncidentPhase.nafase.current == .nafase)
    }

    @Test("filtering on respons finds versions stored as koud, lauw or warm; nafase only itself")
    func storedValues() {
        #expect(Set(IncidentPhase.respons.storedValues) == ["respons", "koud", "lauw", "warm"])
        #expect(IncidentPhase.respons.storedValues.first == "respons")
        #expect(IncidentPhase.nafase.storedValues == ["nafase"])
    }

    @Test("setting koud, lauw or warm on an incident is refused, naming the phase field")
    func refused() {
        for legacy in [IncidentPhase.koud, .lauw, .warm] {
            var created = sampleIncident()
            created.phase = legacy
            do {
                try IncidentRules.validate(created, replacing: nil)
                Issue.record("an incident was opened in \(legacy)")
            } catch {
                #expect(error.field == "phase")
                #expect(error.message.contains("region"))
            }
            var changed = sampleIncident()
            changed.phase = legacy
            #expect(throws: PictureRuleViolation.self) { try IncidentRules.validate(changed, replacing: sampleIncident()) }
        }
    }

    @Test("the next version of an older incident is written with respons; an explicit nafase stays nafase")
    func migratedOnTheNextVersion() throws {
        // setup
        var old = sampleIncident()
        old.phase = .warm
        var retitled = old
        retitled.title = "Grote brand Westpoort, uitslaand"
        // MUT
        let written = IncidentRules.written(retitled, replacing: old)
        // validate
        #expect(written.phase == .respons)
        try IncidentRules.validate(written, replacing: old)
        var ended = old
        ended.phase = .nafase
        #expect(IncidentRules.written(ended, replacing: old).phase == .nafase)
        try IncidentRules.validate(IncidentRules.written(ended, replacing: old), replacing: old)
    }

    @Test("a SitRap's scale history reads an older warm as respons and does not list the move to respons as a change")
    func sitRapHistory() {
        var old = sampleIncident()
        old.phase = .warm
        old.grip = .two
        var next = old
        next.phase = .respons
        let start = old.startedAt
        let report = SitRapComposer.compose(.init(
            number: 1, reference: "VR13-2026-0001", moment: start.addingTimeInterval(120), state: next,
            history: [(start, old), (start.addingTimeInterval(60), next)], entries: [], decisions: [], actions: [], partners: [],
            issuedAt: start.addingTimeInterval(120), issuedBy: "im-vr13", issuedByOrganisation: "VR13", scheduled: false,
            unverified: .mark, ceiling: .internal, summary: nil))
        #expect(report.scaleHistory.count == 1)
        #expect(report.scaleHistory.first?.phase == .respons)
        #expect(report.summary.contains("GRIP 2 (lokaal), fase respons"))
    }
}

@Suite("GRIP labels: lokaal, regionaal, interregionaal; GRIP 0 is no GRIP")
struct GRIPLabelTests {
    @Test("every level reads with its scale, GRIP 0 as geen GRIP / routine")
    func labels() {
        #expect(GRIPLevel.three.scaleLabel.nl == "GRIP 3 (lokaal)")
        #expect(GRIPLevel.four.scaleLabel.nl == "GRIP 4 (regionaal)")
        #expect(GRIPLevel.five.scaleLabel.en == "GRIP 5 (interregional)")
        #expect(GRIPLevel.routine.scaleLabel.nl == "geen GRIP / routine")
    }
}

private func subject(_ role: Role, _ organisation: String, kind: OrganisationKind = .region, region: RegionCode? = nil) -> Subject {
    Subject(username: "u", role: role, organisationCode: organisation, organisationKind: kind, regionCode: region)
}

@Suite("Region phase: koud, lauw, warm per region and for the national level")
struct RegionPhaseRuleTests {
    @Test("a region's crisis staff set its phase; another region, a liaison, a partner and the national analyst do not")
    func whoSetsARegion() {
        for role in [Role.informatiemanager, .hoofdInformatie, .operationeelLeider, .algemeenCommandant, .voorzitter] {
            #expect(RegionPhaseRules.set(subject(role, "VR13", region: vr13), .region(vr13)).allowed, "\(role)")
        }
        #expect(!RegionPhaseRules.set(subject(.informatiemanager, "VR12", region: vr12), .region(vr13)).allowed)
        #expect(!RegionPhaseRules.set(subject(.liaison, "VR13", region: vr13), .region(vr13)).allowed)
        #expect(!RegionPhaseRules.set(subject(.partnerUser, "RWS", kind: .partner), .region(vr13)).allowed)
        #expect(!RegionPhaseRules.set(subject(.kcr2Analist, "KCR2", kind: .nationalNode), .region(vr13)).allowed)
        #expect(!RegionPhaseRules.set(subject(.beheerder, "VR13", region: vr13), .region(vr13)).allowed)
    }

    @Test("the national phase is set by a KCR2 analyst of the national node only")
    func whoSetsTheNation() {
        #expect(RegionPhaseRules.set(subject(.kcr2Analist, "KCR2", kind: .nationalNode), .national).allowed)
        #expect(!RegionPhaseRules.set(subject(.beheerder, "KCR2", kind: .nationalNode), .national).allowed)
        #expect(!RegionPhaseRules.set(subject(.voorzitter, "VR13", region: vr13), .national).allowed)
    }

    @Test("regions and the national node read phases; partners, administrators and emergency accounts do not")
    func whoReads() {
        #expect(RegionPhaseRules.read(subject(.informatiemanager, "VR12", region: vr12)).allowed)
        #expect(RegionPhaseRules.read(subject(.kcr2Analist, "KCR2", kind: .nationalNode)).allowed)
        #expect(!RegionPhaseRules.read(subject(.partnerUser, "RWS", kind: .partner)).allowed)
        #expect(!RegionPhaseRules.read(subject(.beheerder, "KCR2", kind: .nationalNode)).allowed)
        #expect(!RegionPhaseRules.read(subject(.noodaccount, "VR13", region: vr13)).allowed)
    }

    @Test("a change needs a reason and a different phase, each naming its field")
    func validation() throws {
        #expect(try RegionPhaseRules.validate(.lauw, reason: "  Hoogwater verwacht  ", current: .koud) == "Hoogwater verwacht")
        do {
            _ = try RegionPhaseRules.validate(.lauw, reason: " ", current: .koud)
            Issue.record("a phase without a reason was accepted")
        } catch { #expect(error.field == "reason") }
        do {
            _ = try RegionPhaseRules.validate(.koud, reason: "Nog steeds rustig", current: .koud)
            Issue.record("the same phase was accepted")
        } catch { #expect(error.field == "phase") }
    }

    @Test("a region in the cold phase with an incident at GRIP 1 or higher gets a question, never a change")
    func hint() {
        #expect(RegionPhaseRules.hint(.koud, highestOpenGRIP: .two)?.nl.contains("GRIP 2 (lokaal)") == true)
        #expect(RegionPhaseRules.hint(.koud, highestOpenGRIP: .routine) == nil)
        #expect(RegionPhaseRules.hint(.koud, highestOpenGRIP: nil) == nil)
        #expect(RegionPhaseRules.hint(.warm, highestOpenGRIP: .five) == nil)
    }

    @Test("a scope reads and writes as the region code or national")
    func scope() throws {
        #expect(PhaseScope(rawValue: "vr13") == .region(vr13))
        #expect(PhaseScope(rawValue: "national") == .national)
        #expect(PhaseScope(rawValue: "VR26") == nil)
        #expect(try CanonicalJSON.encode(PhaseScope.region(vr13)) == #""VR13""#)
    }
}

@Suite("IRBT: the voorzitters of two or more involved regions")
struct IRBTRuleTests {
    @Test("it is formed with two or more regions and by itself at GRIP 5; one region is refused naming the field")
    func forming() throws {
        var state = sampleIncident()
        do {
            try IRBTRules.checkCanForm(involvedRegions: state.involvedRegions)
            Issue.record("an IRBT of one region was accepted")
        } catch { #expect(error.field == "involvedRegions") }
        state.involvedRegions = [vr13, vr12]
        try IRBTRules.checkCanForm(involvedRegions: state.involvedRegions)
        #expect(!IRBTRules.formsAutomatically(state))
        state.grip = .five
        #expect(IRBTRules.formsAutomatically(state))
    }

    @Test("its members are the involved regions' voorzitters; the lead region's coordinates unless another is chosen")
    func members() throws {
        let lead = IRBTRules.members(involvedRegions: [vr12, vr13], leadRegion: vr13, chosen: nil)
        #expect(lead.map(\.office) == [.voorzitter(region: vr13), .voorzitter(region: vr12)])
        #expect(lead.map(\.coordinating) == [true, false])
        let chosen = IRBTRules.members(involvedRegions: [vr12, vr13], leadRegion: vr13, chosen: vr12)
        #expect(chosen.first?.region == vr12 && chosen.first?.coordinating == true)
        // A chosen region that left the incident: the lead region's voorzitter coordinates again.
        #expect(IRBTRules.coordinator(chosen: RegionCode(number: 17), involvedRegions: [vr12, vr13], leadRegion: vr13) == vr13)
        #expect(throws: PictureRuleViolation.self) {
            try IRBTRules.checkCoordinator(RegionCode(number: 17), involvedRegions: [vr12, vr13])
        }
    }

    @Test("a joint decision names involved regions that agreed, each once")
    func decisions() throws {
        #expect(try IRBTRules.checkDecision(text: " Evacuatie afstemmen ", agreedRegions: [vr13, vr12], involvedRegions: [vr12, vr13])
            == "Evacuatie afstemmen")
        func field(_ text: String, _ agreed: [RegionCode]) -> String? {
            do {
                _ = try IRBTRules.checkDecision(text: text, agreedRegions: agreed, involvedRegions: [vr12, vr13])
                return nil
            } catch { return error.field }
        }
        #expect(field("x", [vr13]) == "text")
        #expect(field("Evacuatie", []) == "agreedRegions")
        #expect(field("Evacuatie", [vr13, vr13]) == "agreedRegions")
        #expect(field("Evacuatie", [RegionCode(number: 17)]) == "agreedRegions")
    }

    @Test("involved regions' staff read and keep the record; partners and other regions do not; forming is for the IM or voorzitter")
    func access() {
        let scope = IncidentScope(involvedRegions: [vr12, vr13], leadRegion: vr13, status: .open)
        #expect(IRBTRules.read(subject(.informatiemanager, "VR12", region: vr12), scope).allowed)
        #expect(IRBTRules.read(subject(.kcr2Analist, "KCR2", kind: .nationalNode), scope).allowed)
        #expect(!IRBTRules.read(subject(.partnerUser, "RWS", kind: .partner), scope).allowed)
        #expect(!IRBTRules.read(subject(.informatiemanager, "VR17", region: RegionCode(number: 17)), scope).allowed)
        #expect(IRBTRules.write(subject(.voorzitter, "VR12", region: vr12), scope, forming: true).allowed)
        #expect(!IRBTRules.write(subject(.hoofdInformatie, "VR13", region: vr13), scope, forming: true).allowed)
        #expect(IRBTRules.write(subject(.hoofdInformatie, "VR13", region: vr13), scope, forming: false).allowed)
        #expect(!IRBTRules.write(subject(.kcr2Analist, "KCR2", kind: .nationalNode), scope, forming: false).allowed)
        let closed = IncidentScope(involvedRegions: [vr12, vr13], leadRegion: vr13, status: .closed)
        #expect(!IRBTRules.write(subject(.informatiemanager, "VR13", region: vr13), closed, forming: false).allowed)
    }
}
