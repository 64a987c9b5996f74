import Foundation
import Testing

@testable import KnooppuntCore

@Suite("Risk pictures, monitoring rules and plans: who writes on which terms, when a rule fires, when a review comes")
struct RiskPictureRulesTests {
    static let vr13 = RegionCode(number: 13)
    static let partners: [String: CollaborationProfile] = [
        "RWS": .kern, "WS-AGV": .structureel, "WATERNET": .koppel, "RODEKRUIS": .standby, "AMSTELHOF": .adHoc,
    ]

    static func region(_ role: Role, _ region: RegionCode = vr13) -> Subject {
        Subject(username: "u", role: role, organisationCode: region.rawValue, organisationKind: .region, regionCode: region)
    }

    static func partner(_ code: String, role: Role = .partnerUser) -> Subject {
        Subject(username: "p", role: role, organisationCode: code, organisationKind: .partner, regionCode: nil)
    }

    @Test("expected effects follow the collaboration profile, each in the partner's own theme; the region writes in the disciplines")
    func effectTerms() {
        func terms(_ subject: Subject, _ theme: Theme) -> EffectTerms? {
            try? RiskPictureRules.addEffect(subject, region: Self.vr13, partners: Self.partners, theme: theme).get()
        }
        #expect(terms(Self.partner("RWS"), .partner("RWS")) == .linked)
        #expect(terms(Self.partner("WS-AGV"), .partner("WS-AGV")) == .awaitingAdmission(viaLiaison: false))
        #expect(terms(Self.partner("WATERNET", role: .liaison), .partner("WATERNET")) == .awaitingAdmission(viaLiaison: true))
        #expect(terms(Self.partner("WATERNET"), .partner("WATERNET")) == nil, "a koppel partner's own users have no access")
        #expect(terms(Self.partner("RODEKRUIS"), .partner("RODEKRUIS")) == nil, "standby reads along")
        #expect(terms(Self.partner("AMSTELHOF"), .partner("AMSTELHOF")) == nil)
        #expect(terms(Self.partner("RWS"), .brandweer) == nil, "a partner writes only its own theme")
        #expect(terms(Self.partner("TENNET"), .partner("TENNET")) == nil, "not invited")
        #expect(terms(Self.region(.informatiemanager), .bevolkingszorg) == .linked)
        #expect(terms(Self.region(.informatiemanager), .partner("RWS")) == nil)
        #expect(terms(Self.region(.informatiemanager, RegionCode(number: 12)), .algemeen) == nil, "another region")
    }

    @Test("the region's IM, HIN, risk advisor, OL and AC keep a picture; partners read as their profile reads; the national node once shared")
    func keepingAndReading() {
        for role in Role.allCases {
            let expected = [.informatiemanager, .hoofdInformatie, .risicoadviseur, .operationeelLeider, .algemeenCommandant].contains(role)
            #expect(RiskPictureRules.keep(Self.region(role), region: Self.vr13).allowed == expected, "\(role)")
        }
        func reads(_ subject: Subject, shared: Bool = false) -> Bool {
            RiskPictureRules.read(subject, region: Self.vr13, partners: Self.partners, shared: shared).allowed
        }
        #expect(reads(Self.region(.voorzitter)) && !reads(Self.region(.voorzitter, RegionCode(number: 12))))
        #expect(reads(Self.partner("RWS")) && reads(Self.partner("WS-AGV")) && reads(Self.partner("RODEKRUIS")))
        #expect(reads(Self.partner("WATERNET", role: .liaison)) && !reads(Self.partner("WATERNET")) && !reads(Self.partner("AMSTELHOF")))
        #expect(!reads(Self.partner("TENNET")))
        let analyst = Subject(username: "a", role: .kcr2Analist, organisationCode: "KCR2", organisationKind: .nationalNode, regionCode: nil)
        #expect(!reads(analyst) && reads(analyst, shared: true))
        #expect(RiskPictureRules.readsOnlyOwnTheme(Self.partner("WATERNET", role: .liaison), partners: Self.partners))
    }

    @Test("a window ends after it starts and lasts at most 60 days; title and description are bounded")
    func windows() {
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        #expect(RiskPictureRules.problems(title: "Storm", description: "Zware storm", from: start, until: start.addingTimeInterval(3600)).isEmpty)
        #expect(RiskPictureRules.problems(title: "Storm", description: "Zware storm", from: start, until: start).map(\.field) == ["expectedUntil"])
        #expect(RiskPictureRules.problems(title: "Storm", description: "Zware storm", from: start, until: start.addingTimeInterval(61 * 86_400))
            .map(\.field) == ["expectedUntil"])
        #expect(RiskPictureRules.problems(title: "x", description: "", from: start, until: start.addingTimeInterval(60)).map(\.field) == ["title", "description"])
    }

    @Test("a CAP rule fires on a warning in the area at its least severity or worse; a measurement rule once, when the value crosses")
    func rules() {
        let cap = MonitoringRule(source: .cap, minimumSeverity: .severe)
        #expect(cap.fires(capSeverity: .severe, touchesArea: true) && cap.fires(capSeverity: .extreme, touchesArea: true))
        #expect(!cap.fires(capSeverity: .moderate, touchesArea: true) && !cap.fires(capSeverity: .extreme, touchesArea: false))
        let level = MonitoringRule(source: .measurement, partner: "WS-AGV", quantity: "Waterstand Amstel", threshold: 0.4)
        #expect(level.fires(partner: "WS-AGV", quantity: "waterstand amstel", value: 0.45, previous: 0.3))
        #expect(level.fires(partner: "WS-AGV", quantity: "Waterstand Amstel", value: 0.4, previous: nil), "the first value at the threshold")
        #expect(!level.fires(partner: "WS-AGV", quantity: "Waterstand Amstel", value: 0.5, previous: 0.45), "stays beyond: no second signal")
        #expect(!level.fires(partner: "RWS", quantity: "Waterstand Amstel", value: 0.5, previous: nil), "another partner's value")
        let falling = MonitoringRule(source: .measurement, partner: "VITENS", quantity: "druk", threshold: 2, above: false)
        #expect(falling.fires(partner: "VITENS", quantity: "druk", value: 1.8, previous: 2.5) && !falling.fires(partner: "VITENS", quantity: "druk", value: 2.5, previous: 1.8))
        #expect(MonitoringRule(source: .cap).problem?.field == "minimumSeverity")
        #expect(MonitoringRule(source: .measurement, partner: "WS-AGV", quantity: "w", threshold: 1).problem?.field == "quantity")
        #expect(MonitoringRule(source: .measurement, partner: "WS-AGV", quantity: "waterstand", threshold: .nan).problem?.field == "threshold")
        #expect(MonitoringRule(source: .advisory).problem == nil)
    }

    @Test("a plan's review is due once its day has come, soon within 60 days; half an adoption is refused")
    func planReviews() {
        let now = DateTimeText.day("2027-01-15")!
        func plan(_ review: String) -> RegionalPlan { RegionalPlan(region: Self.vr13, title: "Crisisplan", kind: .regionaalCrisisplan, owner: "DVR", reviewOn: review) }
        #expect(plan("2027-01-15").reviewState(at: now) == .due)
        #expect(plan("2027-03-15").reviewState(at: now) == .soon)
        #expect(plan("2027-03-17").reviewState(at: now) == .later)
        var half = plan("2028-01-01")
        half.adoptedBy = "Algemeen bestuur"
        #expect(half.problems.map(\.field) == ["adoptedOn"])
        #expect(RegionalPlan(region: Self.vr13, title: "Zorg", kind: .zorgrisicoprofiel, owner: "DPG", reviewOn: "2028-01-01").careProfile)
        #expect(DateTimeText.dayString(now) == "2027-01-15")
    }
}
