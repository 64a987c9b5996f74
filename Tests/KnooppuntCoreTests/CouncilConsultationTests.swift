import Foundation
import Testing

@testable import KnooppuntCore

/// Consultations of the councils before a decision (C10; 002:L875-877) and who drafts the report to
/// the councils (art. 40 Wvr; 002:L862-865).
@Suite("Council consultations and the art. 40 report")
struct CouncilConsultationTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)
    static let amsterdam = MunicipalityCode("GM0363")!
    static let haarlemmermeer = MunicipalityCode("GM0394")!
    static let utrecht = MunicipalityCode("GM0344")!
    static let vr12 = RegionCode(number: 12)
    static let vr13 = RegionCode(number: 13)
    static let vr09 = RegionCode(number: 9)

    static func body(
        councils: [MunicipalityCode] = [amsterdam], consultedAt: Date? = now, position: String? = "Akkoord", urgent: Bool = false,
        urgencyReason: String? = nil
    ) -> ConsultationBody {
        ConsultationBody(
            decision: UUID(), councils: councils, consultedAt: consultedAt, position: position, urgent: urgent, urgencyReason: urgencyReason)
    }

    static func field(_ body: ConsultationBody) -> String? {
        do {
            try ConsultationRules.validate(body, now: now)
            return nil
        } catch {
            return error.field
        }
    }

    @Test("a consultation has councils, a past moment and a position; urgency has a reason and nothing else")
    func recordRules() {
        #expect(Self.field(Self.body()) == nil)
        #expect(Self.field(Self.body(consultedAt: nil, position: nil, urgent: true, urgencyReason: "Binnen het uur")) == nil)
        #expect(Self.field(Self.body(councils: [])) == "councils")
        #expect(Self.field(Self.body(councils: [Self.amsterdam, Self.amsterdam])) == "councils")
        #expect(Self.field(Self.body(councils: Array(repeating: Self.amsterdam, count: 61))) == "councils")
        #expect(Self.field(Self.body(position: nil)) == "position")
        #expect(Self.field(Self.body(position: " \n ")) == "position")
        #expect(Self.field(Self.body(position: String(repeating: "x", count: 5001))) == "position")
        #expect(Self.field(Self.body(consultedAt: nil)) == "consultedAt")
        #expect(Self.field(Self.body(consultedAt: Self.now.addingTimeInterval(1))) == "consultedAt")
        #expect(Self.field(Self.body(urgencyReason: "Haast")) == "urgencyReason")
        #expect(Self.field(Self.body(consultedAt: nil, position: nil, urgent: true)) == "urgencyReason")
        #expect(Self.field(Self.body(consultedAt: nil, position: nil, urgent: true, urgencyReason: "  ")) == "urgencyReason")
        #expect(Self.field(Self.body(consultedAt: nil, urgent: true, urgencyReason: "Haast")) == "position")
        #expect(Self.field(Self.body(position: nil, urgent: true, urgencyReason: "Haast")) == "consultedAt")
    }

    @Test("the councils are gemeenten of the reference data, affected by the incident or in one of its regions")
    func councilsOfTheIncident() throws {
        let gemeenten = [Self.amsterdam: Self.vr13, Self.haarlemmermeer: Self.vr12, Self.utrecht: Self.vr09]
        func check(_ councils: [MunicipalityCode], affected: Set<MunicipalityCode> = []) -> String? {
            do {
                try ConsultationRules.validate(councils: councils, gemeenten: gemeenten, affected: affected, involvedRegions: [Self.vr13])
                return nil
            } catch {
                return error.message
            }
        }
        #expect(check([Self.amsterdam]) == nil, "in an involved region")
        #expect(check([Self.haarlemmermeer], affected: [Self.haarlemmermeer]) == nil, "affected, in another region")
        #expect(check([Self.amsterdam, Self.haarlemmermeer])?.contains("councils[1]: GM0394 is neither affected") == true)
        #expect(check([Self.utrecht])?.contains("neither affected") == true)
        #expect(check([MunicipalityCode("GM9999")!])?.contains("GM9999 is not a gemeente") == true)
    }

    @Test("staff of an involved region draft the report; liaison, partners, national node, administrators do not")
    func whoDrafts() {
        let scope = IncidentScope(involvedRegions: [Self.vr13], leadRegion: Self.vr13, status: .closed)
        func subject(_ role: Role, _ kind: OrganisationKind, region: RegionCode?) -> Subject {
            Subject(username: "u", role: role, organisationCode: region?.rawValue ?? "X", organisationKind: kind, regionCode: region)
        }
        for role in [Role.voorzitter, .informatiemanager, .hoofdInformatie, .operationeelLeider, .algemeenCommandant] {
            #expect(CouncilReportPolicy.mayDraft(subject(role, .region, region: Self.vr13), incident: scope).allowed, "\(role)")
        }
        #expect(!CouncilReportPolicy.mayDraft(subject(.voorzitter, .region, region: Self.vr12), incident: scope).allowed)
        #expect(!CouncilReportPolicy.mayDraft(subject(.liaison, .region, region: Self.vr13), incident: scope).allowed)
        #expect(!CouncilReportPolicy.mayDraft(subject(.beheerder, .region, region: Self.vr13), incident: scope).allowed)
        #expect(!CouncilReportPolicy.mayDraft(subject(.noodaccount, .region, region: Self.vr13), incident: scope).allowed)
        #expect(!CouncilReportPolicy.mayDraft(subject(.kcr2Analist, .nationalNode, region: nil), incident: scope).allowed)
        #expect(!CouncilReportPolicy.mayDraft(subject(.partnerUser, .partner, region: nil), incident: scope).allowed)
        #expect(!CouncilReportPolicy.mayDraft(subject(.partnerUser, .ministry, region: nil), incident: scope).allowed)
    }
}
