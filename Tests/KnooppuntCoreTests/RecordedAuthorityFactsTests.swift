import Foundation
import Testing

@testable import KnooppuntCore

private let amsterdamAmstelland = RegionCode(number: 13)
private let t0 = Date(timeIntervalSince1970: 1_800_000_000)

private func state(
    grip: GRIPLevel = .two, significance: CrisisSignificance? = nil, stage: CrisisStage? = nil,
    declaration: CrisisDeclaration? = nil, classification: CrisisClassification = .incident, reason: String? = nil,
    status: IncidentStatus = .open, interval: Int? = nil
) -> IncidentState {
    IncidentState(
        title: "Brand bij de haven", category: .brand, startedAt: t0, classification: classification,
        vitalInterests: classification == .incident ? [] : [.physical], grip: grip, gripReason: "start",
        involvedRegions: [amsterdamAmstelland], leadRegion: amsterdamAmstelland, status: status, significance: significance, stage: stage,
        declaration: declaration, authorityReason: reason, reviewIntervalHours: interval)
}

@Suite("Governance: the recorded significance, stage and declaration")
struct RecordedAuthorityFactsCoreTests {
    @Test("until it is recorded the GRIP level stands for the significance; a recorded one decides")
    func effectiveSignificance() {
        #expect(state(grip: .three).effectiveSignificance == .local)
        #expect(state(grip: .four).effectiveSignificance == .moreThanLocal)
        #expect(state(grip: .three, significance: .moreThanLocal).effectiveSignificance == .moreThanLocal)
        let facts = AuthorityFacts(state(grip: .two, stage: .beheer), affectedMunicipalities: [])
        #expect(facts.significance == .local && facts.stage == .beheer)
    }

    @Test("a recorded significance that the GRIP level contradicts is refused, naming the field the change set")
    func contradiction() {
        let local = state(grip: .three, significance: .local, reason: "één gemeente")
        #expect(throws: PictureRuleViolation(field: "grip", GovernanceRules.significanceProblem(
            AuthorityFacts(state(grip: .four), significance: .local, affectedMunicipalities: []))!.message)) {
            var scaled = local
            scaled.grip = .four
            scaled.gripReason = "RBT"
            try IncidentRules.validate(scaled, replacing: local)
        }
        do {
            try IncidentRules.validate(state(grip: .two, significance: .moreThanLocal, reason: "bovenlokaal"), replacing: state(grip: .two))
            Issue.record("more than local significance at GRIP 2 was accepted")
        } catch {
            #expect(error.field == "significance")
        }
    }

    @Test("a declaration is classified as declared, needs a reason, and a declared ramp is a ramp")
    func declaration() throws {
        let ramp = state(declaration: .ramp, classification: .ramp, reason: "explosie")
        #expect(ramp.isRamp && AuthorityFacts(ramp, affectedMunicipalities: []).isRamp)
        try IncidentRules.validate(ramp, replacing: state())
        do {
            try IncidentRules.validate(state(declaration: .ramp, classification: .crisis, reason: "x"), replacing: state())
            Issue.record("a declared ramp classified as crisis was accepted")
        } catch {
            #expect(error.field == "declaration")
        }
        do {
            try IncidentRules.validate(state(declaration: .crisis, classification: .crisis), replacing: state())
            Issue.record("a declaration without a reason was accepted")
        } catch {
            #expect(error.field == "authorityReason")
        }
    }

    @Test("the review is due an interval after the last change of scale or authority, or after the last review")
    func reviewSchedule() throws {
        let opened = (at: t0, state: state(grip: .routine))
        let scaled = (at: t0 + 600, state: state(grip: .one))
        let retitled = (at: t0 + 1200, state: { var s = state(grip: .one); s.title = "Grote brand bij de haven"; return s }())
        #expect(ScaleReview.schedule([opened], lastReview: nil) == nil)
        let due = try #require(ScaleReview.schedule([opened, scaled, retitled], lastReview: nil))
        #expect(due.countedFrom == t0 + 600 && due.intervalHours == 4 && due.dueAt == t0 + 600 + 4 * 3600)
        #expect(!due.isOverdue(at: due.dueAt) && due.isOverdue(at: due.dueAt + 1))
        let reviewed = try #require(ScaleReview.schedule([opened, scaled], lastReview: t0 + 3600))
        #expect(reviewed.basis == .review && reviewed.dueAt == t0 + 3600 + 4 * 3600)
        let managed = (at: t0 + 7200, state: state(grip: .one, stage: .beheer, reason: "onder controle"))
        let daily = try #require(ScaleReview.schedule([opened, scaled, managed], lastReview: t0 + 3600))
        #expect(daily.basis == .change && daily.intervalHours == 24 && daily.countedFrom == t0 + 7200)
        #expect(ScaleReview.schedule([opened, (at: t0 + 60, state: state(grip: .one, status: .closed))], lastReview: nil) == nil)
    }
}
