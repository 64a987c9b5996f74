import Fluent
import Foundation
import KnooppuntCore
import Testing
import Vapor
import VaporTesting

@testable import KnooppuntServer

@Suite("Partner registry and national overview")
struct PartnerTests {
    static let jenv = #"""
        {"organisation":"JENV","adoptionRegion":"VR13","agreements":[
          {"coreTask":"C","profile":"standby-samenwerking","regions":["VR12","VR13","VR14"],"stage":"uitwerking",
           "contacts":[{"role":"hin","name":"Piket NCTV","phone":"070-0000000"}],
           "preconditions":{"proces.alarmering":"met"}}]}
        """#

    @Test("the overview answers the four questions of §2.5, filtered by region, profile, core task and test")
    func overview() async throws {
        try await withTestApp { app in
            let token = try await HTTP.login(app, "im-vr13")
            func rows(_ query: String) async throws -> [PartnerOverviewRow] {
                let response = try await HTTP.send(app, .GET, "/api/v1/partners/overview\(query)", token: token)
                #expect(response.status == .ok, "\(response.body.string)")
                return try response.content.decode([PartnerOverviewRow].self)
            }
            let all = try await rows("")
            #expect(all.count == DemoPartners.registrations.reduce(0) { $0 + $1.agreements.count })
            let rws = try #require(all.first { $0.partner == "RWS" })
            #expect(rws.profile == .kern && rws.reach == .landelijk && rws.adoptionRegion?.rawValue == "VR09")
            #expect(rws.testOutcome == .gecertificeerd)
            #expect(Set(try await rows("?profile=standby-samenwerking").map(\.partner)) == ["DEFENSIE", "KNMI", "RODEKRUIS"])
            let rijnmond = Set(try await rows("?region=VR17").map(\.partner))
            #expect(rijnmond.contains("HBR") && !rijnmond.contains("SCHIPHOL"))
            #expect(try await rows("?outcome=untested").allSatisfy { $0.testOutcome == nil })
            #expect(try await rows("?outcome=voorwaardelijk").map(\.partner).sorted() == ["KPN", "PRORAIL", "WS-AGV"])
            // Toetsing is required for supra-regional and national agreements (decision 0027): the demo's
            // Vitens and KPN carry one; the only untested agreements in effect are regional.
            let vitens = try #require(try await rows("").first { $0.partner == "VITENS" })
            #expect(vitens.reach == .bovenregionaal && vitens.testOutcome == .gecertificeerd && vitens.inEffect)
            let untestedInEffect = try await rows("?outcome=untested").filter(\.inEffect)
            #expect(!untestedInEffect.isEmpty && untestedInEffect.allSatisfy { $0.reach == .regionaal })
            #expect(untestedInEffect.allSatisfy { $0.effect.nl == "Van kracht, ongetoetst" })
            #expect(try await rows("?coreTask=C&region=VR13").map(\.partner).sorted() == ["DEFENSIE", "KNMI", "RODEKRUIS"])
            let talks = try await rows("").filter(\.inTalks).map(\.partner).sorted()
            #expect(talks == ["SCHIPHOL"])

            let bad = try await HTTP.send(app, .GET, "/api/v1/partners/overview?profile=vriendschap", token: token)
            #expect(bad.status == .badRequest)
            #expect(bad.body.string.contains("vriendschap"))
        }
    }

    @Test("the overview as CSV has a header and one line per agreement, and defuses formulas")
    func csv() async throws {
        try await withTestApp { app in
            let token = try await HTTP.login(app, "analist-kcr2")
            let response = try await HTTP.send(app, .GET, "/api/v1/partners/overview?format=csv&region=VR17", token: token)
            #expect(response.status == .ok)
            #expect(response.headers.contentType?.subType == "csv")
            let lines = response.body.string.split(separator: "\r\n")
            #expect(lines.first?.hasPrefix("partner,name,core_task,profile,regions") == true)
            #expect(lines.contains { $0.hasPrefix("HBR,Havenbedrijf Rotterdam,B,kernsamenwerking,VR17,regionaal,,in-werking,gecertificeerd") })
        }
        #expect(CSV.field("=SUM(A1)") == "'=SUM(A1)")
        #expect(CSV.field("a,b") == "\"a,b\"")
    }

    @Test("partners see their own registration only; the overview is for regions and the national node")
    func partnerAccess() async throws {
        try await withTestApp { app in
            let rws = try await HTTP.login(app, "rws")
            let overview = try await HTTP.send(app, .GET, "/api/v1/partners/overview", token: rws)
            #expect(overview.status == .forbidden)
            #expect(overview.body.string.contains("for the regions and the national node"))
            #expect(try await HTTP.send(app, .GET, "/api/v1/partners", token: rws).status == .forbidden)
            let own = try await HTTP.send(app, .GET, "/api/v1/partners/RWS", token: rws)
            #expect(own.status == .ok)
            #expect(try own.content.decode(PartnerDTO.self).agreements.first?.checklist.count == Preconditions.checklist(for: .kern).count)
            #expect(try await HTTP.send(app, .GET, "/api/v1/partners/TENNET", token: rws).status == .forbidden)
        }
    }

    @Test("registering and changing a partner: admins and the national node only, versioned, journaled")
    func register() async throws {
        try await withTestApp { app in
            let im = try await HTTP.login(app, "im-vr13")
            let refused = try await HTTP.send(app, .POST, "/api/v1/partners", json: Self.jenv, token: im)
            #expect(refused.status == .forbidden)
            let admin = try await HTTP.login(app, "admin")
            let created = try await HTTP.send(app, .POST, "/api/v1/partners", json: Self.jenv, token: admin)
            #expect(created.status == .created, "\(created.body.string)")
            let partner = try created.content.decode(PartnerDTO.self)
            #expect(partner.reach == .bovenregionaal && partner.version == 1)
            #expect(partner.agreements[0].defaultStatus == .monitoring)
            #expect(partner.agreements[0].checklist.first { $0.key == "proces.alarmering" }?.status == .met)
            #expect(!partner.agreements[0].inEffect)

            let again = try await HTTP.send(app, .POST, "/api/v1/partners", json: Self.jenv, token: admin)
            #expect(again.status == .conflict)
            let advanced = Self.jenv.replacingOccurrences(of: #""organisation":"JENV","#, with: #""baseVersion":1,"#)
                .replacingOccurrences(of: "uitwerking", with: "uitvoering")
            let analyst = try await HTTP.login(app, "analist-kcr2")
            let changed = try await HTTP.send(app, .PUT, "/api/v1/partners/JENV", json: advanced, token: analyst)
            #expect(changed.status == .ok, "\(changed.body.string)")
            // Uitvoering is the joint exercise, not "in force" (decision 0027).
            #expect(try !changed.content.decode(PartnerDTO.self).agreements[0].inEffect)
            let stale = try await HTTP.send(app, .PUT, "/api/v1/partners/JENV", json: advanced, token: analyst)
            #expect(stale.status == .conflict)
            #expect(stale.headers.first(name: "X-Current-Version") == "2")
            // Three regions: in werking only after toetsing; nothing changes when refused.
            let untested = advanced.replacingOccurrences(of: #""baseVersion":1,"#, with: #""baseVersion":2,"#)
                .replacingOccurrences(of: "uitvoering", with: "in-werking")
            let refusedStage = try await HTTP.send(app, .PUT, "/api/v1/partners/JENV", json: untested, token: analyst)
            #expect(refusedStage.status == .unprocessableEntity && refusedStage.body.string.contains("only after toetsing"), "\(refusedStage.body.string)")
            // One region: the region and the partner may put it in werking untested; it is in effect, shown untested.
            let regional = untested.replacingOccurrences(of: #""regions":["VR12","VR13","VR14"]"#, with: #""regions":["VR13"]"#)
            let inWerking = try await HTTP.send(app, .PUT, "/api/v1/partners/JENV", json: regional, token: analyst)
            #expect(inWerking.status == .ok, "\(inWerking.body.string)")
            let agreement = try inWerking.content.decode(PartnerDTO.self).agreements[0]
            #expect(agreement.inEffect && agreement.stage == .inWerking && agreement.test == nil)
            let kinds = try await JournalEventModel.query(on: app.db).all().map(\.kind)
            #expect(kinds.filter { $0 == "partner.registered" }.count == DemoPartners.registrations.count + 1)
            #expect(kinds.contains("partner.updated"))
        }
    }

    @Test("bad registrations are refused with the field and the rule, and change nothing", arguments: [
        (#"{"organisation":"JENV","agreements":[{"coreTask":"C","profile":"kernsamenwerking","regions":["VR13"],"stage":"verkenning"}]}"#, "does not fit core task C"),
        (#"{"organisation":"JENV","agreements":[{"coreTask":"B","profile":"kernsamenwerking","regions":["VR01","VR02","VR03"],"stage":"verkenning"}]}"#, "needs an adoption region"),
        (#"{"organisation":"JENV","agreements":[{"coreTask":"B","profile":"koppelsamenwerking","regions":["VR13"],"stage":"verkenning","colour":"red"}]}"#, "agreements[0].colour"),
        (#"{"organisation":"JENV","agreements":[{"coreTask":"B","profile":"koppelsamenwerking","regions":["VR13"],"stage":"verkenning","test":{"verrichting":{"date":"2026-01-01T00:00:00Z","finding":"x"}}}]}"#, "agreements[0].test: a toetsing is recorded by the toetser"),
        (#"{"organisation":"JENV","agreements":[{"coreTask":"E","profile":"koppelsamenwerking","regions":["VR13"],"stage":"verkenning"}]}"#, "agreements[0].coreTask"),
        (#"{"organisation":"JENV","agreements":[{"coreTask":"B","profile":"koppelsamenwerking","regions":["VR99"],"stage":"verkenning"}]}"#, "VR99"),
        (#"{"organisation":"VR12","agreements":[{"coreTask":"B","profile":"koppelsamenwerking","regions":["VR13"],"stage":"verkenning"}]}"#, "not a crisis partner"),
        (#"{"organisation":"JENV","agreements":[]}"#, "at least one agreement"),
        (#"{"organisation":"JENV","agreements":[{"coreTask":"B","profile":"structurele-samenwerking","regions":["VR13"],"stage":"verkenning","contacts":[{"role":"hin-on-call","name":"Piket"}]}]}"#, "contact role hin-on-call does not fit structurele-samenwerking (Tabel 1: hin, ac)"),
    ])
    func badInput(body: String, expected: String) async throws {
        try await withTestApp { app in
            let admin = try await HTTP.login(app, "admin")
            let before = try await JournalEventModel.query(on: app.db).count()
            let response = try await HTTP.send(app, .POST, "/api/v1/partners", json: body, token: admin)
            #expect(response.status.code >= 400 && response.status.code < 500)
            #expect(response.body.string.contains(expected), "\(response.body.string)")
            #expect(try await JournalEventModel.query(on: app.db).count() == before)
        }
    }

    @Test("M0037 moves stored agreements out of uitvoering as decision 0027 reads it, journaled; an untested national one leaves effect")
    func agreementStageMigration() async throws {
        try await withTestApp { app in
            // setup: registrations as a node stored them before the reading: everything carried out in "uitvoering"
            func store(_ code: String, _ change: (inout PartnerAgreement) -> Void) async throws {
                let model = try #require(try await PartnerRegistrationModel.query(on: app.db).filter(\.$organisationCode == code).first())
                var registration = try model.registration()
                registration.agreements = registration.agreements.map { var agreement = $0; change(&agreement); return agreement }
                model.body = try CanonicalJSON.encode(registration)
                try await model.update(on: app.db)
            }
            try await store("KPN") { $0.stage = .uitvoering; $0.test = nil }        // national, untested
            try await store("WATERNET") { $0.stage = .uitvoering }                  // regional, untested
            try await store("HBR") { $0.stage = .uitvoering }                       // regional, certified
            try await store("RWS") { $0.stage = .uitvoering }                       // national, certified
            try await store("SCHIPHOL") { _ in }                                    // verkenning: untouched
            let versions = Dictionary(uniqueKeysWithValues: try await PartnerRegistrationModel.query(on: app.db).all().map { ($0.organisationCode, $0.version) })
            // MUT
            try await M0037_AgreementStages().prepare(on: app.db)
            // validate
            let after = try await PartnerStore(db: app.db, context: app.knooppunt).all()
            func agreement(_ code: String) throws -> PartnerAgreement { try #require(after.first { $0.registration.organisationCode == code }).registration.agreements[0] }
            #expect(try agreement("KPN").stage == .uitvoering && !(try agreement("KPN").inEffect(at: Date())))
            #expect(try agreement("KPN").effectOnRecord == .notInEffect(.stage(.uitvoering)))
            #expect(try agreement("WATERNET").stage == .inWerking && (try agreement("WATERNET").effectOnRecord == .inEffect(.regionalUntested)))
            #expect(try agreement("HBR").stage == .inWerking && (try agreement("RWS").stage == .inWerking))
            #expect(try agreement("SCHIPHOL").stage == .verkenning)
            let bumped = after.filter { $0.version != versions[$0.registration.organisationCode] }.map(\.registration.organisationCode).sorted()
            #expect(bumped == ["HBR", "RWS", "WATERNET"])
            let journaled = try await JournalEventModel.query(on: app.db).all().filter { $0.kind == "partner.updated" && $0.actor == "system" }.count
            #expect(journaled == 3)
        }
    }

    @Test("M0038 gives structural and standby partners Tabel 1's HIN and AC without (piket), journaled")
    func tableOneContactMigration() async throws {
        try await withTestApp { app in
            // setup: WS-AGV (structureel) and KNMI (standby) as stored before, with "on call" contacts
            for code in ["WS-AGV", "KNMI"] {
                let model = try #require(try await PartnerRegistrationModel.query(on: app.db).filter(\.$organisationCode == code).first())
                var registration = try model.registration()
                registration.agreements[0].contacts = [Contact(role: .hinOnCall, name: "HIN"), Contact(role: .acOnCall, name: "AC")]
                model.body = try CanonicalJSON.encode(registration)
                try await model.update(on: app.db)
            }
            // MUT
            try await M0038_TableOneContacts().prepare(on: app.db)
            // validate
            let after = try await PartnerStore(db: app.db, context: app.knooppunt).all()
            func roles(_ code: String) throws -> [ContactRole] {
                try #require(after.first { $0.registration.organisationCode == code }).registration.agreements[0].contacts.map(\.role)
            }
            #expect(try roles("WS-AGV") == [.hin, .ac])
            #expect(try roles("KNMI") == [.hin, .acOnCall])  // standby has no AC in Tabel 1: left for the registry to correct
            #expect(try roles("RWS") == [.hinOnCall])           // kern keeps "(piket)"
            let journaled = try await JournalEventModel.query(on: app.db).all().filter { $0.kind == "partner.updated" && $0.actor == "system" }
            #expect(journaled.count == 2)
        }
    }

    @Test("a conditional collaboration is flagged to its adoptieregio's home and the overview before its re-test, and lapses after it")
    func provisionalRetest() async throws {
        // setup: WS-AGV (structureel, VR09/13/14, adoptieregio VR13) is voorwaardelijk until its re-test date
        let retest = try #require(DemoPartners.conditional.retestDate)
        let clock = ManualClock(retest.addingTimeInterval(-30 * 86_400))
        try await withTestApp(clock: clock) { app in
            let web = try await WebSession.login(app, "im-vr13")
            let home = try await web.get(app, "/").body.string
            #expect(home.contains("id=\"home-partner-deadlines\"") && home.contains("Waterschap Amstel, Gooi en Vecht"))
            #expect(home.contains("Hertoetsing vóór"))
            let other = try await WebSession.login(app, "im-vr12")
            #expect(try await !other.get(app, "/").body.string.contains("home-partner-deadlines"))  // VR12 adopts no conditional partner
            let im = try await HTTP.login(app, "im-vr13")
            let incident = try await Picture.createIncident(app, token: im)
            func link(_ token: String) async throws -> TestingHTTPResponse {
                let body = #"{"organisation":"WS-AGV","purpose":"Dijkbewaking","until":"\#(Access.until(app, hours: 4))"}"#
                return try await HTTP.send(app, .POST, "/api/v1/incidents/\(incident.id)/access", json: body, token: token)
            }
            #expect(try await link(im).status == .created)

            // MUT: the re-test date passes without a new standpoint
            clock.advance(by: 31 * 86_400)
            // validate: no new link, the overview and the home say why (a month on: sessions are new)
            let imLater = try await HTTP.login(app, "im-vr13")
            let refused = try await link(imLater)
            #expect(refused.status == .unprocessableEntity && HTTP.problemDetail(refused).contains("re-test was due by"), "\(refused.body.string)")
            let rows = try await HTTP.send(app, .GET, "/api/v1/partners/overview", token: imLater).content.decode([PartnerOverviewRow].self)
            let row = try #require(rows.first { $0.partner == "WS-AGV" })
            #expect(!row.inEffect && row.retestFlag == .overdue(retest))
            let later = try await WebSession.login(app, "im-vr13").get(app, "/").body.string
            #expect(later.contains("Hertoetsing verlopen sinds"))
        }
    }

    @Test("the adoptieregio records the evaluation moment with its partner: flagged on its home, next date by the interval, journaled; others are refused")
    func evaluationMoment() async throws {
        try await withTestApp { app in
            // setup: the demo's Rode Kruis (standby, national, adoptieregio VR13) has its yearly evaluation due in ten days
            let home = try await WebSession.login(app, "im-vr13").get(app, "/").body.string
            #expect(home.contains("id=\"home-partner-deadlines\"") && home.contains("Evaluatiemoment op"))
            let im13 = try await HTTP.login(app, "im-vr13")
            let before = try await HTTP.send(app, .GET, "/api/v1/partners/RODEKRUIS", token: im13).content.decode(PartnerDTO.self)
            let path = "/api/v1/partners/RODEKRUIS/agreements/0/evaluations"
            let body = #"{"baseVersion":\#(before.version),"regionsHeard":["VR13","VR17"],"outcome":"voortzetten","notes":"Opvang bij ontruiming goed afgestemd"}"#
            let (im12, rodekruis) = (try await HTTP.login(app, "im-vr12"), try await HTTP.login(app, "rodekruis"))
            let journal = try await HTTP.journalLength(app)
            // Refused: another region, the partner itself, a bad agreement number, regions outside the agreement
            #expect(try await HTTP.send(app, .POST, path, json: body, token: im12).status == .forbidden)
            #expect(try await HTTP.send(app, .POST, path, json: body, token: rodekruis).status == .forbidden)
            #expect(try await HTTP.send(app, .POST, "/api/v1/partners/RODEKRUIS/agreements/7/evaluations", json: body, token: im13).status == .notFound)
            let empty = body.replacingOccurrences(of: #"["VR13","VR17"]"#, with: "[]")
            #expect(try await HTTP.send(app, .POST, path, json: empty, token: im13).status == .unprocessableEntity)
            #expect(try await HTTP.journalLength(app) == journal)

            // MUT
            let recorded = try await HTTP.send(app, .POST, path, json: body, token: im13)
            // validate
            #expect(recorded.status == .ok, "\(recorded.body.string)")
            let after = try recorded.content.decode(PartnerDTO.self)
            let schedule = try #require(after.agreements[0].evaluation)
            let held = try #require(schedule.history.last)
            #expect(held.outcome == .voortzetten && held.regionsHeard == [RegionCode(number: 13), RegionCode(number: 17)])
            #expect(held.byName == "Sanne de Vries")
            let months = Calendar(identifier: .gregorian).dateComponents([.month], from: held.date, to: schedule.nextDue).month
            #expect(months == 12)
            let kinds = try await JournalEventModel.query(on: app.db).sort(\.$id).all().map(\.kind)
            #expect(kinds.last == "partner.updated")
            #expect(try await !WebSession.login(app, "im-vr13").get(app, "/").body.string.contains("Evaluatiemoment op"))
            // A change to the registration keeps the evaluations held.
            let admin = try await HTTP.login(app, "admin")
            let encoder = JSONEncoder()
            encoder.dateEncodingStrategy = .iso8601
            func json(_ value: some Encodable) throws -> String { String(decoding: try encoder.encode(value), as: UTF8.self) }
            let change = #"{"baseVersion":\#(after.version),"adoptionRegion":"VR13","agreements":[{"coreTask":"C","profile":"standby-samenwerking","regions":\#(try json(after.agreements[0].regions)),"stage":"in-werking","test":\#(try json(after.agreements[0].test)),"evaluation":{"intervalMonths":6,"nextDue":"2030-01-01T00:00:00Z"}}],"alertRules":[]}"#
            let changed = try await HTTP.send(app, .PUT, "/api/v1/partners/RODEKRUIS", json: change, token: admin)
            #expect(changed.status == .ok, "\(changed.body.string)")
            let kept = try changed.content.decode(PartnerDTO.self).agreements[0].evaluation
            #expect(kept?.intervalMonths == 6 && kept?.history.count == 1)
            // Ending the collaboration takes the agreement out of werking.
            let end = #"{"baseVersion":\#(after.version + 1),"regionsHeard":["VR13"],"outcome":"beeindigen"}"#
            let ended = try await HTTP.send(app, .POST, path, json: end, token: try await HTTP.login(app, "analist-kcr2"))
            #expect(ended.status == .ok, "\(ended.body.string)")
            #expect(try ended.content.decode(PartnerDTO.self).agreements[0].stage == .uitwerking)
        }
    }

    @Test("advice and standpoint are two records by two roles: the toetser advises, the regiegroep's chair decides; both journaled; the registry's keepers write neither")
    func adviceAndStandpoint() async throws {
        try await withTestApp { app in
            // setup: the demo's NS (structureel, national) is in toetsing; the toetser advised voorwaardelijk, no standpoint yet
            let (toetser, chair) = (try await HTTP.login(app, "toetser"), try await HTTP.login(app, "voorzitter-regiegroep"))
            let (admin, im) = (try await HTTP.login(app, "admin"), try await HTTP.login(app, "im-vr13"))
            func ns() async throws -> PartnerDTO {
                try await HTTP.send(app, .GET, "/api/v1/partners/NS", token: im).content.decode(PartnerDTO.self)
            }
            let before = try await ns()
            #expect(before.agreements[0].test?.advice?.outcome == .voorwaardelijk && before.agreements[0].test?.standpoint == nil)
            #expect(!before.agreements[0].inEffect)
            let standpointPath = "/api/v1/partners/NS/agreements/0/standpoint"
            func standpoint(_ outcome: String, retest: String? = nil, version: Int) -> String {
                #"{"baseVersion":\#(version),"outcome":"\#(outcome)","argumentation":"Terugkoppeling is in de werkafspraken geregeld","mandate":"Mandaat RDVR"\#(retest.map { #","retestDate":"\#($0)""# } ?? "")}"#
            }
            let journal = try await HTTP.journalLength(app)
            // Refused, changing nothing: the toetser and the IM take no standpoint; the registry's keepers cannot
            // write a toetsing through the registration; the toetser cannot advise twice; a conditional standpoint
            // without a re-test date; a second part while the advice waits.
            #expect(try await HTTP.send(app, .POST, standpointPath, json: standpoint("gecertificeerd", version: before.version), token: toetser).status == .forbidden)
            #expect(try await HTTP.send(app, .POST, standpointPath, json: standpoint("gecertificeerd", version: before.version), token: im).status == .forbidden)
            let conditional = try await HTTP.send(app, .POST, standpointPath, json: standpoint("voorwaardelijk", version: before.version), token: chair)
            #expect(conditional.status == .unprocessableEntity && Gezag.field(conditional) == "retestDate")
            let again = #"{"baseVersion":\#(before.version),"outcome":"gecertificeerd","reasons":"nogmaals"}"#
            #expect(try await HTTP.send(app, .POST, "/api/v1/partners/NS/agreements/0/toetsing/advice", json: again, token: toetser).status
                == .unprocessableEntity)
            let part = #"{"baseVersion":\#(before.version),"part":"verrichting","finding":"nog een oefening"}"#
            #expect(try await HTTP.send(app, .POST, "/api/v1/partners/NS/agreements/0/toetsing/parts", json: part, token: toetser).status
                == .unprocessableEntity)
            let encoder = JSONEncoder()
            encoder.dateEncodingStrategy = .iso8601
            var forged = try #require(before.agreements[0].test)
            forged.standpoint = Standpoint(
                outcome: .gecertificeerd, argumentation: "zelf", mandate: "geen", by: "admin", byName: "Beheer", at: Date(timeIntervalSince1970: 1_790_000_000),
                followsAdvice: false)
            let put = #"{"baseVersion":\#(before.version),"adoptionRegion":"VR09","agreements":[{"coreTask":"B","profile":"structurele-samenwerking","regions":\#(String(decoding: try encoder.encode(before.agreements[0].regions), as: UTF8.self)),"stage":"toetsing","test":\#(String(decoding: try encoder.encode(forged), as: UTF8.self))}]}"#
            let byAdmin = try await HTTP.send(app, .PUT, "/api/v1/partners/NS", json: put, token: admin)
            #expect(byAdmin.status == .forbidden && HTTP.problemDetail(byAdmin).contains("agreements[0].test"), "\(byAdmin.body.string)")
            #expect(try await HTTP.journalLength(app) == journal)

            // MUT: the chair departs from the advice and certifies
            let taken = try await HTTP.send(app, .POST, standpointPath, json: standpoint("gecertificeerd", version: before.version), token: chair)
            // validate: the standpoint is its own record next to the advice, journaled
            #expect(taken.status == .ok, "\(taken.body.string)")
            let after = try taken.content.decode(PartnerDTO.self)
            let test = try #require(after.agreements[0].test)
            #expect(test.advice?.outcome == .voorwaardelijk && test.advice?.byName == "Hanna Vermeulen")
            #expect(test.standpoint?.outcome == .gecertificeerd && test.standpoint?.followsAdvice == false)
            #expect(test.standpoint?.byName == "Erik van Leeuwen" && test.standpoint?.mandate == "Mandaat RDVR")
            let kinds = try await JournalEventModel.query(on: app.db).sort(\.$id).all().map(\.kind)
            #expect(kinds.suffix(2) == ["partner.updated", "partner.standpoint-taken"])
            // The standpoint, not the advice, lets the keepers put it in werking (with its evaluation moment).
            let regions = String(decoding: try encoder.encode(after.agreements[0].regions), as: UTF8.self)
            let inWerking = #"{"baseVersion":\#(after.version),"adoptionRegion":"VR09","agreements":[{"coreTask":"B","profile":"structurele-samenwerking","regions":\#(regions),"stage":"in-werking","evaluation":{"intervalMonths":12,"nextDue":"2030-01-01T00:00:00Z"}}]}"#
            let live = try await HTTP.send(app, .PUT, "/api/v1/partners/NS", json: inWerking, token: admin)
            #expect(live.status == .ok, "\(live.body.string)")
            let running = try live.content.decode(PartnerDTO.self).agreements[0]
            #expect(running.inEffect && running.test?.standpoint?.outcome == .gecertificeerd)

            // A re-test: the toetser's next part starts a new toetsing; the standpoint stands until the next one.
            let retest = #"{"baseVersion":\#(after.version + 1),"part":"richting","finding":"Hertoetsing na wijziging organisatie"}"#
            let started = try await HTTP.send(app, .POST, "/api/v1/partners/NS/agreements/0/toetsing/parts", json: retest, token: toetser)
            #expect(started.status == .ok, "\(started.body.string)")
            let retesting = try started.content.decode(PartnerDTO.self).agreements[0]
            #expect(retesting.earlierTests?.count == 1 && retesting.test?.richting?.finding == "Hertoetsing na wijziging organisatie")
            #expect(retesting.test?.standpoint == nil && retesting.inEffect)
            let row = try await HTTP.send(app, .GET, "/api/v1/partners/overview", token: im).content.decode([PartnerOverviewRow].self)
                .first { $0.partner == "NS" }
            #expect(row?.testOutcome == .gecertificeerd, "the overview shows the standpoint that stands during the re-test")
        }
    }

    @Test("\"nee, maar\": the chair sets other terms with a narrower profile; the agreement works under it, and a link gets that profile")
    func neeMaar() async throws {
        try await withTestApp { app in
            // setup: NS (structureel, national) awaits the standpoint on its advice
            let (chair, admin, im) = (try await HTTP.login(app, "voorzitter-regiegroep"), try await HTTP.login(app, "admin"), try await HTTP.login(app, "im-vr13"))
            let before = try await HTTP.send(app, .GET, "/api/v1/partners/NS", token: im).content.decode(PartnerDTO.self)
            let path = "/api/v1/partners/NS/agreements/0/standpoint"
            func standpoint(_ outcome: String, _ alternative: String) -> String {
                #"{"baseVersion":\#(before.version),"outcome":"\#(outcome)","argumentation":"Randvoorwaarden structureel niet gehaald","mandate":"Mandaat RDVR","alternative":\#(alternative)}"#
            }
            let koppel = #"{"profile":"koppelsamenwerking","conditions":"Liaison in het ROT; informatie via de regievoerende IM","preconditions":["organisatie.liaison"]}"#
            // Refused, changing nothing: other terms with a certifying standpoint, a profile that is not narrower, an unknown item
            let journal = try await HTTP.journalLength(app)
            let certified = try await HTTP.send(app, .POST, path, json: standpoint("gecertificeerd", koppel), token: chair)
            #expect(certified.status == .unprocessableEntity && Gezag.field(certified) == "alternative")
            let wider = try await HTTP.send(app, .POST, path, json: standpoint("geen-samenwerking", #"{"profile":"kernsamenwerking","conditions":"x"}"#), token: chair)
            #expect(wider.status == .unprocessableEntity && Gezag.field(wider) == "alternative.profile")
            let unknown = try await HTTP.send(
                app, .POST, path, json: standpoint("geen-samenwerking", #"{"profile":"koppelsamenwerking","conditions":"x","preconditions":["proces.organisatiebrede-im"]}"#), token: chair)
            #expect(unknown.status == .unprocessableEntity && Gezag.field(unknown) == "alternative.preconditions")
            #expect(try await HTTP.journalLength(app) == journal)

            // MUT: "nee, maar" with koppelsamenwerking; the keepers put it in werking
            let taken = try await HTTP.send(app, .POST, path, json: standpoint("geen-samenwerking", koppel), token: chair)
            #expect(taken.status == .ok, "\(taken.body.string)")
            let after = try taken.content.decode(PartnerDTO.self)
            let regions = String(decoding: try JSONEncoder().encode(after.agreements[0].regions), as: UTF8.self)
            let inWerking = #"{"baseVersion":\#(after.version),"adoptionRegion":"VR09","agreements":[{"coreTask":"B","profile":"structurele-samenwerking","regions":\#(regions),"stage":"in-werking","evaluation":{"intervalMonths":12,"nextDue":"2030-01-01T00:00:00Z"}}]}"#
            let live = try await HTTP.send(app, .PUT, "/api/v1/partners/NS", json: inWerking, token: admin)
            // validate: in effect under the other terms, working as koppel — in the registry, the overview and a link
            #expect(live.status == .ok, "\(live.body.string)")
            let agreement = try live.content.decode(PartnerDTO.self).agreements[0]
            #expect(agreement.inEffect && agreement.profile == .structureel && agreement.effectiveProfile == .koppel)
            let rows = try await HTTP.send(app, .GET, "/api/v1/partners/overview", token: im).content.decode([PartnerOverviewRow].self)
            #expect(rows.first { $0.partner == "NS" }?.effect.nl == "Van kracht volgens andere randvoorwaarden: koppelsamenwerking")
            let incident = try await Picture.createIncident(app, token: im)
            let link = #"{"organisation":"NS","purpose":"Spoorvervoer stilgelegd","until":"\#(Access.until(app, hours: 4))"}"#
            let linked = try await HTTP.send(app, .POST, "/api/v1/incidents/\(incident.id)/access", json: link, token: im)
            #expect(linked.status == .created, "\(linked.body.string)")
            #expect(try linked.content.decode(AccessGrantDTO.self).profile == .koppel)
        }
    }

    @Test("M0039 turns a stored test into an advice and a standpoint with the same outcome, made by Knooppunt; what was in effect stays so")
    func adviceAndStandpointMigration() async throws {
        try await withTestApp { app in
            // setup: RWS as stored before the two records: one outcome and the standpoint as text
            let model = try #require(try await PartnerRegistrationModel.query(on: app.db).filter(\.$organisationCode == "RWS").first())
            let legacy = #"{"inrichting":{"date":"2026-01-31T00:00:00Z","finding":"Randvoorwaarden ingericht"},"outcome":"gecertificeerd","richting":{"date":"2026-01-01T00:00:00Z","finding":"Profiel past"},"standpoint":"Alle lichten op groen","verrichting":{"date":"2026-03-02T00:00:00Z","finding":"Oefening"}}"#
            let decoder = JSONDecoder()
            decoder.dateDecodingStrategy = .iso8601
            var registration = try model.registration()
            registration.agreements[0].test = try decoder.decode(TestRecord.self, from: Data(legacy.utf8))
            model.body = try CanonicalJSON.encode(registration)
            #expect(model.body.contains(#""outcome":"gecertificeerd","richting""#))
            try await model.update(on: app.db)
            let stored = try model.registration().agreements[0]
            #expect(stored.test?.legacyOutcome == .gecertificeerd && stored.test?.advice == nil)
            // MUT
            try await M0039_AdviceAndStandpoint().prepare(on: app.db)
            // validate
            let after = try #require(try await PartnerStore(db: app.db, context: app.knooppunt).find("RWS")).registration.agreements[0]
            let test = try #require(after.test)
            #expect(test.legacyOutcome == nil && test.advice?.outcome == .gecertificeerd && test.advice?.byName == "Knooppunt")
            #expect(test.standpoint?.outcome == .gecertificeerd && test.standpoint?.argumentation == "Alle lichten op groen")
            #expect(test.standpoint?.at == ISO8601DateFormatter().date(from: "2026-03-02T00:00:00Z"))
            #expect(after.inEffect(at: Date()))
            let journaled = try await JournalEventModel.query(on: app.db).all().filter { $0.kind == "partner.updated" && $0.actor == "system" }
            #expect(journaled.count == 1)
        }
    }

    @Test("the partner page's evaluation form: a Dutch error naming the field and nothing recorded without regions; recorded with them")
    func evaluationForm() async throws {
        try await withTestApp { app in
            // setup
            let web = try await WebSession.login(app, "im-vr13")
            let page = try await web.get(app, "/partners/RODEKRUIS").body.string
            #expect(page.contains("evaluation-0-form"))
            let version = try #require(page.range(of: #"name="baseVersion" value=""#).map { page[$0.upperBound...].prefix { $0 != "\"" } })
            let cookies = web.cookieHeader.first(name: "Cookie") ?? ""
            let path = "/partners/RODEKRUIS/agreements/0/evaluations"
            let journal = try await HTTP.journalLength(app)
            // MUT: no region ticked
            let refused = try await WebSession.postForm(
                app, path, pairs: [("_csrf", web.csrf), ("baseVersion", String(version)), ("outcome", "voortzetten")], cookies: cookies)
            // validate
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.string.contains("Regio&#39;s die inbreng gaven") || refused.body.string.contains("Regio's die inbreng gaven"))
            #expect(try await HTTP.journalLength(app) == journal)
            // MUT: two regions ticked
            let recorded = try await WebSession.postForm(
                app, path,
                pairs: [("_csrf", web.csrf), ("baseVersion", String(version)), ("outcome", "afspraken-bijstellen"),
                        ("regionsHeard[]", "VR13"), ("regionsHeard[]", "VR12"), ("notes", "Alarmering via piket VR12")],
                cookies: cookies)
            #expect(recorded.status == .seeOther)
            let after = try await web.get(app, "/partners/RODEKRUIS").body.string
            #expect(after.contains("Afspraken bijstellen") && after.contains("VR13, VR12") && after.contains("Alarmering via piket VR12"))
            // Another region's IM sees the page without the form.
            #expect(try await !WebSession.login(app, "im-vr12").get(app, "/partners/RODEKRUIS").body.string.contains("evaluation-0-form"))
        }
    }
}
