import Foundation
import KnooppuntCore

/// The demo's partner registry: real Dutch crisis partners with plausible agreements, stages and tests.
/// The agreements are invented for the demo; they do not describe actual arrangements.
enum DemoPartners {
    static func vr(_ numbers: Int...) -> [RegionCode] { numbers.map(RegionCode.init(number:)) }
    static let all25 = RegionCode.all
    static let testDate = Date(timeIntervalSince1970: 1_767_225_600)  // 2026-01-01
    /// The demo's independent tester and the chair of the regiegroep (decision 0027 §3).
    static let tester = (username: "toetser", name: "Hanna Vermeulen", organisation: "TOETSPARTIJ")
    static let chair = (username: "voorzitter-regiegroep", name: "Erik van Leeuwen")
    static let mandate = "Mandaat directeuren veiligheidsregio's (RDVR)"

    /// A toetsing as the demo records it: the parts on days after `testDate` (as many as given), the
    /// tester's advice a week after the last part, the chair's standpoint following it two weeks later.
    static func toetsing(
        _ findings: [String], days: [Int], advice: TestOutcome? = nil, reasons: String = "", standpoint: String? = nil,
        retestDays: Int? = nil
    ) -> TestRecord {
        let day: TimeInterval = 86_400
        var test = TestRecord()
        for (component, (finding, offset)) in zip(TestComponent.allCases, zip(findings, days)) {
            test.set(component, .init(date: testDate.addingTimeInterval(Double(offset) * day), finding: finding))
        }
        guard let advice, let last = days.last else { return test }
        let advisedAt = testDate.addingTimeInterval(Double(last + 7) * day)
        test.advice = TestAdvice(outcome: advice, reasons: reasons, by: tester.username, byName: tester.name, organisation: tester.organisation, at: advisedAt)
        guard let standpoint else { return test }
        test.standpoint = Standpoint(
            outcome: advice, argumentation: standpoint, mandate: mandate,
            retestDate: retestDays.map { testDate.addingTimeInterval(Double($0) * day) }, by: chair.username, byName: chair.name,
            at: advisedAt.addingTimeInterval(14 * day), followsAdvice: true)
        return test
    }

    static let parts = ["Profiel past bij de kerntaak", "Randvoorwaarden ingericht", "Gezamenlijke oefening"]
    static let tested = toetsing(
        parts, days: [0, 30, 60], advice: .gecertificeerd, reasons: "Richting, inrichting en verrichting voldoen aan het profiel",
        standpoint: "Alle lichten op groen")
    static let conditional = toetsing(
        parts, days: [0, 30, 60], advice: .voorwaardelijk, reasons: "Verrichting op onderdelen onvoldoende",
        standpoint: "Voorlopige samenwerking; hertoets gepland", retestDays: 600)
    /// Vitens: a supra-regional structural agreement, tested in the exercise "Waterkracht" and certified.
    static let vitensTest = toetsing(
        ["Structurele samenwerking past bij de drinkwatertaak (beheerder)",
         "HIN en AC benoemd, alarmering via de adoptieregio VR05 ingericht",
         "Oefening Waterkracht: effecten drinkwater binnen 30 minuten in het beeld"],
        days: [14, 45, 90], advice: .gecertificeerd, reasons: "Alle randvoorwaarden van structurele samenwerking aangetoond in de oefening",
        standpoint: "Regiegroep neemt het advies over: gecertificeerde samenwerking")
    /// KPN: a national koppel agreement, tested and admitted provisionally until its re-test.
    static let kpnTest = toetsing(
        ["Koppelsamenwerking past bij telecom (beheerder)",
         "Liaison benoemd; verbindingen via de adoptieregio VR17 nog niet getest",
         "Oefening Stille Lijn: beeld uitval telefonie compleet, alarmering traag"],
        days: [21, 60, 120], advice: .voorwaardelijk, reasons: "Alarmering duurde 40 minuten; de norm is 15",
        standpoint: "Voorlopige samenwerking; alarmering binnen 15 minuten aantonen bij de hertoetsing", retestDays: 540)
    /// NS: the tester's advice waits for the chair's standpoint.
    static let nsTest = toetsing(
        ["Structurele samenwerking past bij het spoorvervoer (beheerder)", "HIN en AC benoemd; gebruikersovereenkomst getekend",
         "Oefening Spoorknoop: beeld treinverkeer compleet, terugkoppeling naar de meldkamer ontbrak"],
        days: [200, 240, 300], advice: .voorwaardelijk, reasons: "Terugkoppeling naar de meldkamer ontbrak in de oefening; verder voldoende")
    /// Alliander: the joint exercise is under way; the tester recorded richting and inrichting.
    static let allianderTest = toetsing(
        ["Structurele samenwerking past bij de netbeheerder", "HIN benoemd; AC nog niet"], days: [250, 280])

    static func agreement(
        _ task: CoreTask, _ profile: CollaborationProfile, _ regions: [RegionCode], _ stage: AgreementStage = .inWerking,
        test: TestRecord? = nil
    ) -> PartnerAgreement {
        let met = Dictionary(
            uniqueKeysWithValues: Preconditions.checklist(for: profile).map {
                ($0.key, test?.outcome == .gecertificeerd ? PreconditionStatus.met : stage == .inWerking ? .inProgress : .open)
            })
        let contacts = profile.contacts
        return PartnerAgreement(
            coreTask: task, profile: profile, regions: regions, stage: stage,
            contacts: [Contact(role: contacts.information[0], name: "Piketfunctionaris informatie", phone: "088-0000000")],
            preconditions: met, test: test)
    }

    static let registrations: [PartnerRegistration] = [
        .init(organisationCode: "RWS", adoptionRegion: RegionCode(number: 9), agreements: [agreement(.beheerder, .kern, all25, test: tested)],
              alertRules: [AlertRule(categories: [.overstroming, .extreemWeer, .ongeval, .gevaarlijkeStoffen], minimumGRIP: .one)]),
        .init(organisationCode: "TENNET", adoptionRegion: RegionCode(number: 7), agreements: [agreement(.beheerder, .kern, all25, test: tested)],
              alertRules: [AlertRule(categories: [.uitvalNutsvoorziening, .brand], minimumGRIP: .one)]),
        .init(organisationCode: "GASUNIE", adoptionRegion: RegionCode(number: 1), agreements: [agreement(.beheerder, .kern, all25, test: tested)]),
        .init(organisationCode: "POLITIE", adoptionRegion: RegionCode(number: 13), agreements: [agreement(.hulpdienst, .kern, all25, test: tested)]),
        .init(organisationCode: "GGDGHOR", adoptionRegion: RegionCode(number: 13), agreements: [agreement(.hulpdienst, .kern, all25, test: tested)]),
        .init(organisationCode: "WS-AGV", adoptionRegion: RegionCode(number: 13),
              agreements: [agreement(.beheerder, .structureel, vr(9, 13, 14), test: conditional)]),
        .init(organisationCode: "WATERNET", adoptionRegion: nil, agreements: [agreement(.beheerder, .koppel, vr(13))]),
        .init(organisationCode: "ALLIANDER", adoptionRegion: RegionCode(number: 7),
              agreements: [agreement(.beheerder, .structureel, vr(3, 6, 7, 8, 10, 11, 12, 13, 14), .uitvoering, test: allianderTest)]),
        .init(organisationCode: "VITENS", adoptionRegion: RegionCode(number: 5),
              agreements: [agreement(.beheerder, .structureel, vr(2, 4, 5, 6, 7, 9, 25), test: vitensTest)]),
        .init(organisationCode: "DEFENSIE", adoptionRegion: RegionCode(number: 9),
              agreements: [agreement(.dienstverlener, .standby, all25, test: tested), agreement(.beheerder, .koppel, vr(2))]),
        .init(organisationCode: "KNMI", adoptionRegion: RegionCode(number: 9), agreements: [agreement(.dienstverlener, .standby, all25, test: tested)],
              alertRules: [AlertRule(categories: [.extreemWeer, .overstroming, .gevaarlijkeStoffen], minimumGRIP: .one, escalateAfterMinutes: 30)]),
        .init(organisationCode: "PRORAIL", adoptionRegion: RegionCode(number: 9),
              agreements: [agreement(.beheerder, .structureel, all25, test: conditional)]),
        .init(organisationCode: "HBR", adoptionRegion: nil, agreements: [agreement(.beheerder, .kern, vr(17), test: tested)]),
        .init(organisationCode: "SCHIPHOL", adoptionRegion: nil, agreements: [agreement(.beheerder, .kern, vr(12, 13), .verkenning)]),
        .init(organisationCode: "NS", adoptionRegion: RegionCode(number: 9), agreements: [agreement(.beheerder, .structureel, all25, .toetsing, test: nsTest)]),
        .init(organisationCode: "RODEKRUIS", adoptionRegion: RegionCode(number: 13),
              agreements: [agreement(.dienstverlener, .standby, all25, test: tested)],
              alertRules: [AlertRule(minimumGRIP: .two, escalateAfterMinutes: 15)]),
        .init(organisationCode: "KPN", adoptionRegion: RegionCode(number: 17), agreements: [agreement(.beheerder, .koppel, all25, test: kpnTest)]),
    ]

    /// The registrations as the demo seeds them: every supra-regional or national agreement in werking with
    /// its yearly evaluation moment (decision 0027 §12), dated from the moment of seeding — the Red Cross's
    /// (adoptieregio VR13) falls due in ten days, so VR13's home shows it; RWS's was held half a year ago.
    static func seeded(now: Date) -> [PartnerRegistration] {
        let day: TimeInterval = 86_400
        return registrations.map { registration in
            var registration = registration
            registration.agreements = registration.agreements.map { agreement in
                guard agreement.stage == .inWerking, agreement.reach.needsAdoptionRegion else { return agreement }
                var agreement = agreement
                let code = registration.organisationCode
                agreement.evaluation = EvaluationSchedule(
                    intervalMonths: 12, nextDue: now.addingTimeInterval((code == "RODEKRUIS" ? 10 : 200) * day),
                    history: code == "RWS"
                        ? [Evaluation(
                            date: now.addingTimeInterval(-165 * day), regionsHeard: vr(9, 13, 17), outcome: .voortzetten,
                            notes: "Samenwerking bij hoogwater Maas goed verlopen; alarmering via de adoptieregio blijft zo.",
                            by: "im-vr09", byName: "Informatiemanager VR09")]
                        : [])
                return agreement
            }
            return registration
        }
    }
}
