import Foundation
import KnooppuntCore

/// The demo's partner registry: real Dutch crisis partners with plausible agreements, stages and tests.
/// The agreements are invented for the demo; they do not describe actual arrangements.
enum DemoPartners {
    static func vr(_ numbers: Int...) -> [RegionCode] { numbers.map(RegionCode.init(number:)) }
    static let all25 = RegionCode.all
    static let testDate = Date(timeIntervalSince1970: 1_767_225_600)  // 2026-01-01
    static let tested = TestRecord(
        richting: .init(date: testDate, finding: "Profiel past bij de kerntaak"),
        inrichting: .init(date: testDate.addingTimeInterval(30 * 86_400), finding: "Randvoorwaarden ingericht"),
        verrichting: .init(date: testDate.addingTimeInterval(60 * 86_400), finding: "Gezamenlijke oefening"),
        outcome: .gecertificeerd, standpoint: "Alle lichten op groen")
    static let conditional = TestRecord(
        richting: tested.richting, inrichting: tested.inrichting, verrichting: tested.verrichting, outcome: .voorwaardelijk,
        retestDate: testDate.addingTimeInterval(600 * 86_400), standpoint: "Voorlopige samenwerking; hertoets gepland")
    /// Vitens: a supra-regional structural agreement, tested in the exercise "Waterkracht" and certified.
    static let vitensTest = TestRecord(
        richting: .init(date: testDate.addingTimeInterval(14 * 86_400), finding: "Structurele samenwerking past bij de drinkwatertaak (beheerder)"),
        inrichting: .init(date: testDate.addingTimeInterval(45 * 86_400), finding: "HIN en AC benoemd, alarmering via de adoptieregio VR05 ingericht"),
        verrichting: .init(date: testDate.addingTimeInterval(90 * 86_400), finding: "Oefening Waterkracht: effecten drinkwater binnen 30 minuten in het beeld"),
        outcome: .gecertificeerd, standpoint: "Regiegroep neemt het advies over: gecertificeerde samenwerking")
    /// KPN: a national koppel agreement, tested and admitted provisionally until its re-test.
    static let kpnTest = TestRecord(
        richting: .init(date: testDate.addingTimeInterval(21 * 86_400), finding: "Koppelsamenwerking past bij telecom (beheerder)"),
        inrichting: .init(date: testDate.addingTimeInterval(60 * 86_400), finding: "Liaison benoemd; verbindingen via de adoptieregio VR17 nog niet getest"),
        verrichting: .init(date: testDate.addingTimeInterval(120 * 86_400), finding: "Oefening Stille Lijn: beeld uitval telefonie compleet, alarmering traag"),
        outcome: .voorwaardelijk, retestDate: testDate.addingTimeInterval(540 * 86_400),
        standpoint: "Voorlopige samenwerking; alarmering binnen 15 minuten aantonen bij de hertoetsing")

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
              agreements: [agreement(.beheerder, .structureel, vr(3, 6, 7, 8, 10, 11, 12, 13, 14), .uitwerking)]),
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
        .init(organisationCode: "NS", adoptionRegion: RegionCode(number: 9), agreements: [agreement(.beheerder, .structureel, all25, .uitwerking)]),
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
