import Foundation
import Testing

@testable import KnooppuntCore

@Suite("Partner registry rules")
struct PartnerRulesTests {
    static func regions(_ numbers: ClosedRange<Int>) -> [RegionCode] { numbers.map(RegionCode.init(number:)) }

    static func agreement(
        _ task: CoreTask = .beheerder, _ profile: CollaborationProfile = .kern, regions: [RegionCode] = [vr13],
        stage: AgreementStage = .inWerking, test: TestRecord? = nil
    ) -> PartnerAgreement {
        PartnerAgreement(coreTask: task, profile: profile, regions: regions, stage: stage, test: test)
    }

    /// A toetsing with its three parts, the tester's advice and the chair's standpoint following it.
    static func decided(_ outcome: TestOutcome, retest: Date? = nil, parts: Bool = true) -> TestRecord {
        let at = Date(timeIntervalSince1970: 1_800_000_000)
        let part = TestRecord.Part(date: at, finding: "oefening")
        return TestRecord(
            richting: parts ? part : nil, inrichting: parts ? part : nil, verrichting: parts ? part : nil,
            advice: TestAdvice(outcome: outcome, reasons: "bevindingen", by: "toetser", byName: "Toetser", organisation: "TOETS", at: at),
            standpoint: Standpoint(
                outcome: outcome, argumentation: "advies overgenomen", mandate: "RDVR", retestDate: retest, by: "vz", byName: "Voorzitter",
                at: at, followsAdvice: true))
    }

    /// A toetsing the regiegroep accepted.
    static let certified = decided(.gecertificeerd)

    /// A yearly evaluation moment with the adoptieregio.
    static let yearly = EvaluationSchedule(intervalMonths: 12, nextDue: Date(timeIntervalSince1970: 1_800_000_000))

    static func violation(_ registration: PartnerRegistration) -> PartnerRuleViolation? {
        do throws(PartnerRuleViolation) {
            try PartnerRules.validate(registration)
            return nil
        } catch {
            return error
        }
    }

    @Test("a profile must fit the core task as Tabel 1 says", arguments: CoreTask.allCases)
    func profileFits(task: CoreTask) {
        let fitting: [CoreTask: Set<CollaborationProfile>] = [
            .hulpdienst: [.kern, .structureel, .koppel], .beheerder: [.kern, .structureel, .koppel],
            .dienstverlener: [.standby], .incidenteel: [.adHoc],
        ]
        for profile in CollaborationProfile.allCases {
            let registration = PartnerRegistration(
                organisationCode: "P", adoptionRegion: nil, agreements: [Self.agreement(task, profile)])
            let error = Self.violation(registration)
            #expect((error == nil) == fitting[task]!.contains(profile), "\(task) \(profile)")
            if let error { #expect(error.message.contains("does not fit core task \(task.rawValue)")) }
        }
    }

    @Test("reach follows the number of regions: 1–2 regional, 3+ supra-regional, all 25 national")
    func reach() {
        #expect(PartnerReach.of(regionCount: 1) == .regionaal)
        #expect(PartnerReach.of(regionCount: 2) == .regionaal)
        #expect(PartnerReach.of(regionCount: 3) == .bovenregionaal)
        #expect(PartnerReach.of(regionCount: 24) == .bovenregionaal)
        #expect(PartnerReach.of(regionCount: 25) == .landelijk)
        // Reach is per agreement (001 Tabel 2): two agreements that together cover 25 regions are not a
        // national agreement; the registration shows the widest of them.
        let wide = PartnerRegistration(
            organisationCode: "RWS", adoptionRegion: vr13,
            agreements: [Self.agreement(regions: Self.regions(1...20)), Self.agreement(.dienstverlener, .standby, regions: Self.regions(15...25))])
        #expect(wide.agreements.map(\.reach) == [.bovenregionaal, .bovenregionaal])
        #expect(wide.reach == .bovenregionaal)
        #expect(wide.regions.count == 25)
        #expect(wide.coreTasks == [.beheerder, .dienstverlener])
    }

    @Test("Defensie's one-region koppel agreement is regional, its 25-region standby agreement national")
    func reachPerAgreement() {
        let defensie = PartnerRegistration(
            organisationCode: "DEFENSIE", adoptionRegion: vr13,
            agreements: [{ var standby = Self.agreement(.dienstverlener, .standby, regions: Self.regions(1...25), test: Self.certified)
                           standby.evaluation = Self.yearly
                           return standby }(),
                         Self.agreement(.beheerder, .koppel, regions: [RegionCode(number: 2)])])
        #expect(defensie.agreements.map(\.reach) == [.landelijk, .regionaal])
        #expect(defensie.reach == .landelijk)
        #expect(Self.violation(defensie) == nil)
        let overview = PartnerOverview.rows([(registration: defensie, name: "Defensie")], at: Date(timeIntervalSince1970: 1_800_000_000))
        #expect(overview.map(\.reach).sorted() == [.regionaal, .landelijk])
    }

    @Test("three or more regions need an adoption region that is one of them")
    func adoption() {
        var registration = PartnerRegistration(
            organisationCode: "VITENS", adoptionRegion: nil, agreements: [Self.agreement(regions: Self.regions(4...6), stage: .uitvoering)])
        #expect(Self.violation(registration)?.field == "adoptionRegion")
        registration.adoptionRegion = vr13
        #expect(Self.violation(registration)?.message.contains("must be one of the regions of agreements[0]") == true)
        registration.adoptionRegion = RegionCode(number: 5)
        #expect(Self.violation(registration) == nil)
        let regional = PartnerRegistration(
            organisationCode: "HBR", adoptionRegion: nil, agreements: [Self.agreement(regions: [vr12, vr13])])
        #expect(Self.violation(regional) == nil)
        // Regional agreements with three regions between them need no adoption region.
        let twoRegional = PartnerRegistration(
            organisationCode: "HBR", adoptionRegion: nil,
            agreements: [Self.agreement(regions: [vr12, vr13]), Self.agreement(.dienstverlener, .standby, regions: [RegionCode(number: 14)])])
        #expect(twoRegional.reach == .regionaal && Self.violation(twoRegional) == nil)
    }

    @Test("one partner can have several core tasks, but one agreement per core task and region")
    func severalTasks() {
        let defensie = PartnerRegistration(
            organisationCode: "DEFENSIE", adoptionRegion: nil,
            agreements: [Self.agreement(.dienstverlener, .standby), Self.agreement(.beheerder, .koppel)])
        #expect(Self.violation(defensie) == nil)
        let twice = PartnerRegistration(
            organisationCode: "DEFENSIE", adoptionRegion: nil,
            agreements: [Self.agreement(.beheerder, .kern), Self.agreement(.beheerder, .koppel)])
        #expect(Self.violation(twice)?.message.contains("same region") == true)
    }

    @Test("a conditional standpoint needs a re-test date, an advice needs the three parts, a standpoint needs an advice")
    func testRecord() {
        var test = Self.decided(.voorwaardelijk)
        #expect(Self.violation(.init(organisationCode: "P", adoptionRegion: nil, agreements: [Self.agreement(test: test)]))?.field
            == "agreements[0].test.retestDate")
        test.standpoint?.retestDate = Date(timeIntervalSince1970: 1_800_000_000 + 86_400 * 180)
        #expect(Self.violation(.init(organisationCode: "P", adoptionRegion: nil, agreements: [Self.agreement(test: test)])) == nil)
        test.verrichting = nil
        #expect(Self.violation(.init(organisationCode: "P", adoptionRegion: nil, agreements: [Self.agreement(test: test)]))?.field
            == "agreements[0].test.verrichting")
        var unadvised = Self.decided(.gecertificeerd)
        unadvised.advice = nil
        #expect(Self.violation(.init(organisationCode: "P", adoptionRegion: nil, agreements: [Self.agreement(test: unadvised)]))?.field
            == "agreements[0].test.advice")
    }

    @Test("the toetser records the parts and then the advice; the chair's standpoint follows the advice or says it departs; a re-test keeps the standing standpoint")
    func adviceThenStandpoint() throws {
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let part = TestRecord.Part(date: now.addingTimeInterval(-86_400), finding: "oefening")
        let advice = TestAdvice(outcome: .voorwaardelijk, reasons: "alarmering traag", by: "t", byName: "T", organisation: "TOETS", at: now)
        func standpoint(_ outcome: TestOutcome, retest: Date? = nil) -> Standpoint {
            Standpoint(outcome: outcome, argumentation: "argumenten", mandate: "RDVR", retestDate: retest, by: "vz", byName: "VZ", at: now, followsAdvice: true)
        }
        func field(_ body: () throws(PartnerRuleViolation) -> PartnerAgreement) -> String? {
            do throws(PartnerRuleViolation) { _ = try body(); return nil } catch { return error.field }
        }
        var agreement = Self.agreement(.beheerder, .koppel, regions: Self.regions(1...25), stage: .toetsing)
        // No standpoint without an advice, no advice without the three parts, no part from the future.
        #expect(field { () throws(PartnerRuleViolation) in try PartnerRules.take(standpoint(.gecertificeerd), on: agreement, at: now) } == "advice")
        agreement = try PartnerRules.record(.richting, part, on: agreement, at: now)
        #expect(field { () throws(PartnerRuleViolation) in try PartnerRules.advise(advice, on: agreement) } == "inrichting")
        #expect(field { () throws(PartnerRuleViolation) in
            try PartnerRules.record(.inrichting, .init(date: now.addingTimeInterval(60), finding: "later"), on: agreement, at: now) } == "date")
        agreement = try PartnerRules.record(.inrichting, part, on: agreement, at: now)
        agreement = try PartnerRules.record(.verrichting, part, on: agreement, at: now)
        agreement = try PartnerRules.advise(advice, on: agreement)
        #expect(agreement.test?.outcome == nil, "an advice alone decides nothing")
        // A conditional standpoint needs a future re-test date; other outcomes have none.
        #expect(field { () throws(PartnerRuleViolation) in try PartnerRules.take(standpoint(.voorwaardelijk), on: agreement, at: now) } == "retestDate")
        #expect(field { () throws(PartnerRuleViolation) in
            try PartnerRules.take(standpoint(.voorwaardelijk, retest: now.addingTimeInterval(-1)), on: agreement, at: now) } == "retestDate")
        #expect(field { () throws(PartnerRuleViolation) in
            try PartnerRules.take(standpoint(.gecertificeerd, retest: now.addingTimeInterval(86_400)), on: agreement, at: now) } == "retestDate")
        let departing = try PartnerRules.take(standpoint(.gecertificeerd), on: agreement, at: now)
        #expect(departing.test?.standpoint?.followsAdvice == false && departing.test?.outcome == .gecertificeerd)
        let following = try PartnerRules.take(standpoint(.voorwaardelijk, retest: now.addingTimeInterval(86_400)), on: agreement, at: now)
        #expect(following.test?.standpoint?.followsAdvice == true)
        #expect(field { () throws(PartnerRuleViolation) in try PartnerRules.take(standpoint(.gecertificeerd), on: departing, at: now) } == "standpoint")
        // A re-test: a new part starts a new toetsing; the earlier standpoint stands.
        var live = departing
        live.stage = .inWerking
        let retesting = try PartnerRules.record(.richting, part, on: live, at: now)
        #expect(retesting.earlierTests?.count == 1 && retesting.test?.advice == nil)
        #expect(retesting.standingTest?.outcome == .gecertificeerd && retesting.inEffect(at: now))
    }

    @Test("\"nee, maar\": other terms allow a narrower profile that fits the core task; the agreement then works under it")
    func neeMaar() throws {
        #expect(CollaborationProfile.kern.narrowerAlternatives(for: .beheerder) == [.structureel, .koppel, .adHoc])
        #expect(CollaborationProfile.structureel.narrowerAlternatives(for: .hulpdienst) == [.koppel, .adHoc])
        #expect(CollaborationProfile.standby.narrowerAlternatives(for: .dienstverlener) == [.adHoc])
        #expect(CollaborationProfile.adHoc.narrowerAlternatives(for: .incidenteel).isEmpty)
        var test = Self.decided(.geenSamenwerking)
        var agreement = Self.agreement(.beheerder, .kern, regions: [vr12, vr13], test: test)
        #expect(!agreement.inEffect(at: Date()) && agreement.effectiveProfile == .kern)
        test.standpoint?.alternative = AlternativeTerms(profile: .koppel, conditions: "Liaison in het ROT", preconditions: ["organisatie.liaison"])
        agreement.test = test
        #expect(agreement.effect(at: Date()) == .inEffect(.alternativeTerms(.koppel)))
        #expect(agreement.effectOnRecord.label.nl == "Van kracht volgens andere randvoorwaarden: koppelsamenwerking")
        let registration = PartnerRegistration(organisationCode: "P", adoptionRegion: nil, agreements: [agreement])
        #expect(Self.violation(registration) == nil, "in werking under the other terms")
        #expect(registration.standing(in: [vr13], at: Date()) == [.koppel])
        #expect(registration.agreement(for: [vr13], lead: vr13, at: Date())?.profile == .koppel)
    }

    @Test("a test stored before the two records reads back as it was written, and moves to an advice and a standpoint")
    func legacyTest() throws {
        let legacy = #"{"outcome":"voorwaardelijk","retestDate":"2027-01-01T00:00:00Z","standpoint":"Voorlopig","verrichting":{"date":"2026-03-02T00:00:00Z","finding":"Oefening"}}"#
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        let test = try decoder.decode(TestRecord.self, from: Data(legacy.utf8))
        #expect(test.outcome == .voorwaardelijk && test.retestDate != nil && test.legacyStandpoint == "Voorlopig")
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = .sortedKeys
        #expect(String(decoding: try encoder.encode(test), as: UTF8.self) == legacy)
        let moved = test.movedToTwoRecords(fallback: Date())
        #expect(moved.advice?.outcome == .voorwaardelijk && moved.standpoint?.retestDate == test.retestDate)
        #expect(moved.standpoint?.argumentation == "Voorlopig" && moved.legacyOutcome == nil && moved.outcome == .voorwaardelijk)
    }

    @Test("the checklist is the profile's Tabel 3/4 preconditions; unknown keys are refused")
    func checklist() {
        #expect(Preconditions.checklist(for: .adHoc).isEmpty)
        #expect(Preconditions.checklist(for: .koppel).map(\.key) == ["organisatie.crisisteams", "organisatie.liaison", "proces.alarmering", "techniek.uitwisseling-buiten"])
        #expect(Preconditions.checklist(for: .kern).contains { $0.key == "proces.organisatiebrede-im" })
        #expect(!Preconditions.checklist(for: .structureel).contains { $0.key == "proces.organisatiebrede-im" })
        for profile in CollaborationProfile.allCases {
            let keys = Preconditions.checklist(for: profile).map(\.key)
            #expect(Set(keys).count == keys.count, "\(profile) has no item twice")
        }
        var agreement = Self.agreement(.beheerder, .koppel)
        agreement.preconditions = ["organisatie.liaison": .met]
        #expect(agreement.checklist.first { $0.precondition.key == "organisatie.liaison" }?.status == .met)
        #expect(agreement.checklist.first { $0.precondition.key == "proces.alarmering" }?.status == .open)
        agreement.preconditions["proces.organisatiebrede-im"] = .met
        #expect(Self.violation(.init(organisationCode: "P", adoptionRegion: nil, agreements: [agreement]))?.message
            == "'proces.organisatiebrede-im' is not a precondition of koppelsamenwerking")
    }

    @Test("standing: only agreements in effect with the incident's regions count")
    func standing() {
        let rejected = Self.decided(.geenSamenwerking)
        let registration = PartnerRegistration(
            organisationCode: "P", adoptionRegion: nil,
            agreements: [
                Self.agreement(.dienstverlener, .standby, regions: [vr13]),
                Self.agreement(.beheerder, .kern, regions: [vr12], stage: .uitwerking),
                Self.agreement(.hulpdienst, .structureel, regions: [vr12], test: rejected),
            ])
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        #expect(registration.standing(in: [vr13], at: now) == [.standby])
        #expect(registration.standing(in: [vr12], at: now).isEmpty)
        #expect(registration.agreement(for: [vr12, vr13], lead: vr12, at: now)?.profile == .standby)
    }

    @Test("contacts are Tabel 1's per profile: (piket) only for kern, HIN or decision-maker for standby, the ad-hoc cell spans both columns")
    func tableOneContacts() {
        #expect(CollaborationProfile.kern.contacts.information == [.hinOnCall] && CollaborationProfile.kern.contacts.coordination == [.acOnCall])
        #expect(CollaborationProfile.structureel.contacts.information == [.hin] && CollaborationProfile.structureel.contacts.coordination == [.ac])
        #expect(CollaborationProfile.koppel.contacts.coordination == [.liaison, .decisionMaker])
        #expect(CollaborationProfile.standby.contacts.information == [.hin] && CollaborationProfile.standby.contacts.coordination == [.hin, .decisionMaker])
        #expect(CollaborationProfile.adHoc.contacts.information == [.liaison, .detachedHIN])
        #expect(CollaborationProfile.adHoc.contacts.coordination == CollaborationProfile.adHoc.contacts.information)
        #expect(ContactRole.hin.label.nl == "HIN" && ContactRole.hinOnCall.label.nl == "HIN (piket)")

        var structural = Self.agreement(.beheerder, .structureel)
        structural.contacts = [Contact(role: .hinOnCall, name: "Piket")]
        #expect(Self.violation(.init(organisationCode: "P", adoptionRegion: nil, agreements: [structural]))?.message
            == "contact role hin-on-call does not fit structurele-samenwerking (Tabel 1: hin, ac)")
        structural.contacts = [Contact(role: .hin, name: "HIN waterschap"), Contact(role: .ac, name: "AC waterschap")]
        let registration = PartnerRegistration(organisationCode: "P", adoptionRegion: nil, agreements: [structural])
        #expect(Self.violation(registration) == nil)
        // An alert escalating to the HIN on call reaches the structural partner's HIN.
        #expect(registration.contact(.hinOnCall)?.name == "HIN waterschap")
        #expect(registration.contact(.acOnCall)?.name == "AC waterschap")
        #expect(registration.contact(.liaison) == nil)
    }

    @Test("voorwaardelijk is provisional: flagged sixty days before its re-test date, and no longer in effect after it")
    func provisionalLapses() {
        // setup: a national koppel agreement admitted provisionally, re-test on day 0
        let retest = Date(timeIntervalSince1970: 1_800_000_000)
        let test = Self.decided(.voorwaardelijk, retest: retest)
        var agreement = Self.agreement(.beheerder, .koppel, regions: Self.regions(1...25), test: test)
        agreement.evaluation = EvaluationSchedule(intervalMonths: 12, nextDue: retest.addingTimeInterval(365 * 86_400))
        let kpn = PartnerRegistration(organisationCode: "KPN", adoptionRegion: RegionCode(number: 17), agreements: [agreement])
        let day: TimeInterval = 86_400
        // validate
        #expect(agreement.inEffect(at: retest - 61 * day) && agreement.retestFlag(at: retest - 61 * day) == nil)
        #expect(agreement.inEffect(at: retest - 10 * day) && agreement.retestFlag(at: retest - 10 * day) == .due(retest))
        #expect(!agreement.inEffect(at: retest + day))
        #expect(agreement.effect(at: retest + day) == .notInEffect(.retestOverdue(retest)))
        #expect(agreement.retestFlag(at: retest + day) == .overdue(retest))
        #expect(agreement.effect(at: retest + day).label.nl.contains("hertoetsing was uiterlijk"))
        #expect(kpn.standing(in: [vr13], at: retest - day) == [.koppel] && kpn.standing(in: [vr13], at: retest + day).isEmpty)
        // The record still says voorwaardelijk: the registry may keep it in werking until the next standpoint.
        #expect(Self.violation(kpn) == nil)
        let rows = PartnerOverview.rows([(registration: kpn, name: "KPN")], at: retest + day)
        #expect(rows.first?.retestFlag == .overdue(retest) && rows.first?.inEffect == false)
        #expect(PartnerOverview.csv(rows).contains(",no,overdue"))
    }
}
