import Foundation
import Testing

@testable import KnooppuntCore

@Suite("Alert rules")
struct AlertRuleTests {
    static let vr13 = RegionCode(number: 13)
    static let vr12 = RegionCode(number: 12)
    static let vr17 = RegionCode(number: 17)

    static func incident(_ category: IncidentCategory, grip: GRIPLevel, regions: Set<RegionCode>, status: IncidentStatus = .open)
        -> IncidentState
    {
        IncidentState(
            title: "t", category: category, startedAt: Date(timeIntervalSince1970: 0), grip: grip,
            involvedRegions: regions.sorted(), leadRegion: regions.sorted()[0], status: status)
    }

    static let waterBoard = PartnerRegistration(
        organisationCode: "WS", adoptionRegion: vr13,
        agreements: [
            PartnerAgreement(coreTask: .beheerder, profile: .structureel, regions: [vr12, vr13, RegionCode(number: 14)], stage: .uitvoering),
            PartnerAgreement(coreTask: .dienstverlener, profile: .standby, regions: [vr17], stage: .uitvoering),
        ],
        alertRules: [AlertRule(coreTask: .beheerder, categories: [.overstroming], minimumGRIP: .two)])

    @Test("a rule matches by category, GRIP threshold and area (the core task's agreement regions by default)")
    func matching() {
        let rule = Self.waterBoard.alertRules[0]
        #expect(rule.area(of: Self.waterBoard) == [Self.vr12, Self.vr13, RegionCode(number: 14)])
        #expect(rule.match(Self.incident(.overstroming, grip: .two, regions: [Self.vr13]), for: Self.waterBoard) != nil)
        #expect(rule.match(Self.incident(.overstroming, grip: .three, regions: [Self.vr12, Self.vr17]), for: Self.waterBoard)?
            .contains("VR12") == true)
        #expect(rule.match(Self.incident(.overstroming, grip: .one, regions: [Self.vr13]), for: Self.waterBoard) == nil)
        #expect(rule.match(Self.incident(.brand, grip: .four, regions: [Self.vr13]), for: Self.waterBoard) == nil)
        // VR17 is the standby agreement's region, not the beheerder's.
        #expect(rule.match(Self.incident(.overstroming, grip: .four, regions: [Self.vr17]), for: Self.waterBoard) == nil)
        #expect(rule.match(Self.incident(.overstroming, grip: .four, regions: [Self.vr13], status: .closed), for: Self.waterBoard) == nil)
        let anything = AlertRule(regions: [Self.vr17], minimumGRIP: .routine)
        #expect(anything.match(Self.incident(.terrorisme, grip: .routine, regions: [Self.vr17]), for: Self.waterBoard) != nil)
    }

    @Test("rules are checked with the registration: escalation time, core task, area")
    func validation() {
        var registration = Self.waterBoard
        #expect(throws: Never.self) { try PartnerRules.validate(registration) }
        registration.alertRules = [AlertRule(escalateAfterMinutes: 0)]
        #expect(throws: PartnerRuleViolation.self) { try PartnerRules.validate(registration) }
        registration.alertRules = [AlertRule(coreTask: .hulpdienst)]
        do {
            try PartnerRules.validate(registration)
            Issue.record("a rule for a core task without an agreement was accepted")
        } catch {
            #expect(error.field == "alertRules[0].coreTask")
        }
    }

    @Test("relevance for the monitoring list: what the rules watch, whatever the GRIP; without rules, the regions")
    func relevance() {
        #expect(Self.waterBoard.isRelevant(Self.incident(.overstroming, grip: .routine, regions: [Self.vr13])))
        #expect(!Self.waterBoard.isRelevant(Self.incident(.brand, grip: .five, regions: [Self.vr13])))
        #expect(!Self.waterBoard.isRelevant(Self.incident(.overstroming, grip: .five, regions: [Self.vr17])))
        var noRules = Self.waterBoard
        noRules.alertRules = []
        #expect(noRules.isRelevant(Self.incident(.brand, grip: .routine, regions: [Self.vr17])))
        #expect(!noRules.isRelevant(Self.incident(.brand, grip: .routine, regions: [RegionCode(number: 1)])))
    }
}
