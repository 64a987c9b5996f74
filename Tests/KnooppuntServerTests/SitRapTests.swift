import Fluent
import Foundation
import KnooppuntCore
import KnooppuntTestSupport
import Testing
import Vapor
import VaporTesting

@testable import KnooppuntServer

enum SitReps {
    static func issue(_ app: Application, _ incident: UUID, token: String, json: String = "{}") async throws -> TestingHTTPResponse {
        try await HTTP.send(app, .POST, "/api/v1/incidents/\(incident)/sitraps", json: json, token: token)
    }

    static func report(_ response: TestingHTTPResponse) throws -> SitRap {
        try response.content.decode(SitRapDTO.self).sitrap
    }

    /// An incident on the Dam with a verified and an unverified fire-service entry, a decision, an
    /// open action and an effect area.
    static func incidentWithPicture(_ app: Application, clock: ManualClock) async throws -> (incident: IncidentView, im: String) {
        let im = try await HTTP.login(app, "im-vr13")
        let hin = try await HTTP.login(app, "hin-vr13")
        let incident = try await Picture.createIncident(app, token: im, title: "Brand Damrak", extra: #","location":\#(Plots.damSquare)"#)
        clock.advance(by: 60)
        let verified = try await Picture.addEntry(app, incident.id, token: im, text: "Uitslaande brand, twee panden")
        _ = try await HTTP.send(
            app, .POST, "/api/v1/incidents/\(incident.id)/entries/\(verified.id)/verification",
            json: #"{"baseVersion":1,"status":"verified"}"#, token: hin)
        _ = try await Picture.addEntry(app, incident.id, token: im, text: "Mogelijk asbest vrijgekomen")
        let decided = try await HTTP.send(
            app, .POST, "/api/v1/incidents/\(incident.id)/decisions", json: #"{"team":"copi","text":"Omgeving ontruimen","decidedBy":"OvD"}"#,
            token: im)
        #expect(decided.status == .created, "\(decided.body.string)")
        let acted = try await HTTP.send(
            app, .POST, "/api/v1/incidents/\(incident.id)/actions", json: #"{"text":"Omleiding instellen","owner":"Politie"}"#, token: im)
        #expect(acted.status == .created, "\(acted.body.string)")
        let area = Plots.feature(
            #"{"type":"Polygon","coordinates":[[[4.888,52.371],[4.896,52.371],[4.896,52.375],[4.888,52.375],[4.888,52.371]]]}"#,
            #"{"kind":"effect-area","label":"Rookpluim"}"#)
        let plotted = try await Plots.send(app, .POST, "/api/v1/incidents/\(incident.id)/plots", feature: area, token: im)
        #expect(plotted.status == .created, "\(plotted.body.string)")
        clock.advance(by: 60)
        return (incident, im)
    }
}

@Suite("Situation reports (SitRap)")
struct SitRapTests {
    @Test("a SitRap holds the verified picture per theme, GRIP history, decisions, open actions and a map; it is numbered and journaled")
    func issue() async throws {
        let clock = ManualClock(Picture.start)
        try await withTestApp(clock: clock) { app in
            let (incident, im) = try await SitReps.incidentWithPicture(app, clock: clock)
            let journal = try await HTTP.journalLength(app)
            let response = try await SitReps.issue(app, incident.id, token: im)
            #expect(response.status == .created, "\(response.body.string)")
            #expect(response.headers.first(name: .location) == "/api/v1/incidents/\(incident.id)/sitraps/1")
            let report = try SitReps.report(response)
            #expect(report.number == 1)
            let fire = try #require(report.themes.first { $0.theme == .brandweer })
            #expect(fire.entries.map(\.text) == ["Uitslaande brand, twee panden"])
            #expect(report.entryCount == 1 && report.verifiedCount == 1)
            #expect(report.decisions.map(\.text) == ["Omgeving ontruimen"])
            #expect(report.openActions.map(\.text) == ["Omleiding instellen"])
            #expect(report.scaleHistory.count == 1)
            #expect(report.summary.contains("Brand Damrak"))
            #expect(try await HTTP.journalLength(app) == journal + 1)
            let event = try await JournalEventModel.query(on: app.db).sort(\.$id, .descending).first()
            #expect(event?.kind == "sitrap.issued")

            // Marking unverified entries is a choice; the next report gets the next number.
            let marked = try SitReps.report(try await SitReps.issue(app, incident.id, token: im, json: #"{"unverified":"mark"}"#))
            #expect(marked.number == 2)
            let entries = try #require(marked.themes.first { $0.theme == .brandweer }).entries
            #expect(entries.map(\.verified).sorted { !$0 && $1 } == [false, true])

            let svg = try await HTTP.send(app, .GET, "/api/v1/incidents/\(incident.id)/sitraps/1/map.svg", token: im)
            #expect(svg.headers.contentType?.subType == "svg+xml")
            #expect(svg.body.string.hasPrefix("<svg") && svg.body.string.contains("Rookpluim"))
        }
    }

    @Test("an issued SitRap never changes, and one for a past moment shows the picture as it was then")
    func immutableAndPast() async throws {
        let clock = ManualClock(Picture.start)
        try await withTestApp(clock: clock) { app in
            let (incident, im) = try await SitReps.incidentWithPicture(app, clock: clock)
            let first = try await SitReps.issue(app, incident.id, token: im, json: #"{"unverified":"mark"}"#)
            let before = try SitReps.report(first)
            clock.advance(by: 120)
            _ = try await Picture.addEntry(app, incident.id, token: im, text: "Brand meester")
            let again = try SitReps.report(try await HTTP.send(app, .GET, "/api/v1/incidents/\(incident.id)/sitraps/1", token: im))
            #expect(again.themes == before.themes)
            let past = try SitReps.report(try await SitReps.issue(
                app, incident.id, token: im, json: #"{"unverified":"mark","at":"\#(Picture.rfc3339(Picture.start.addingTimeInterval(30)))"}"#))
            #expect(past.entryCount == 0)
            let future = try await SitReps.issue(
                app, incident.id, token: im, json: #"{"at":"\#(Picture.rfc3339(Picture.start.addingTimeInterval(86_400)))"}"#)
            #expect(future.status == .unprocessableEntity)
            #expect(HTTP.problemDetail(future).contains("future"))
            let unknown = try await SitReps.issue(app, incident.id, token: im, json: #"{"unverified":"sometimes"}"#)
            #expect(unknown.status == .unprocessableEntity)
        }
    }

    @Test("the PDF is a real A4 document with the report's text; Markdown has every section")
    func documents() async throws {
        let clock = ManualClock(Picture.start)
        try await withTestApp(clock: clock) { app in
            let (incident, im) = try await SitReps.incidentWithPicture(app, clock: clock)
            _ = try await SitReps.issue(app, incident.id, token: im)
            let pdf = try await HTTP.send(app, .GET, "/api/v1/incidents/\(incident.id)/sitraps/1/pdf", token: im)
            #expect(pdf.headers.contentType?.subType == "pdf")
            let bytes = Data(pdf.body.readableBytesView)
            #expect(bytes.starts(with: Data("%PDF-1.4".utf8)))
            let extracted = try ExternalTool.pdfText(bytes)
            #expect(extracted.status == 0, "pdftotext could not read the PDF: \(extracted.output)")
            let text = extracted.output
            #expect(text.contains("SitRap 1"))
            #expect(text.contains("Uitslaande brand, twee panden"))
            #expect(text.contains("Omgeving ontruimen"))
            #expect(!text.contains("Mogelijk asbest"), "unverified entries are left out by default")
            let markdown = try await HTTP.send(app, .GET, "/api/v1/incidents/\(incident.id)/sitraps/1/markdown", token: im)
            for heading in ["## Samenvatting", "## Situatie", "## Opschaling (GRIP en fase)", "### Brandweer", "## Besluiten",
                            "## Openstaande acties", "## Kaart"] {
                #expect(markdown.body.string.contains(heading), "\(heading)")
            }
        }
    }

    @Test("who may issue and read: region staff issue; partners without a link see nothing; a missing SitRap is 404")
    func access() async throws {
        let clock = ManualClock(Picture.start)
        try await withTestApp(clock: clock) { app in
            let (incident, im) = try await SitReps.incidentWithPicture(app, clock: clock)
            _ = try await SitReps.issue(app, incident.id, token: im)
            let rws = try await HTTP.login(app, "rws")
            #expect(try await HTTP.send(app, .GET, "/api/v1/incidents/\(incident.id)/sitraps/1", token: rws).status == .notFound)
            #expect(try await SitReps.issue(app, incident.id, token: rws).status == .notFound)
            let other = try await HTTP.login(app, "im-vr12")
            #expect(try await SitReps.issue(app, incident.id, token: other).status == .notFound)
            #expect(try await HTTP.send(app, .GET, "/api/v1/incidents/\(incident.id)/sitraps/9", token: im).status == .notFound)
            let kcr2 = try await HTTP.login(app, "analist-kcr2")
            let list = try await HTTP.send(app, .GET, "/api/v1/incidents/\(incident.id)/sitraps", token: kcr2)
            #expect(try list.content.decode([SitRapSummaryDTO].self).map(\.number) == [1])
            let denied = try await SitReps.issue(app, incident.id, token: kcr2)
            #expect(denied.status == .forbidden)
        }
    }

    @Test("a confidential SitRap stays with who may read confidential information: lists, reads and live events")
    func confidential() async throws {
        let clock = ManualClock(Picture.start)
        try await withTestApp(clock: clock) { app in
            let (incident, im) = try await SitReps.incidentWithPicture(app, clock: clock)
            let hin = try await HTTP.login(app, "hin-vr13")
            let secret = try await HTTP.send(
                app, .POST, "/api/v1/incidents/\(incident.id)/entries",
                json: #"{"theme":"politie","text":"Verdachte bekend","source":"Politie","classification":"confidential"}"#, token: im)
            let secretID = try secret.content.decode(EntryView.self).id
            _ = try await HTTP.send(
                app, .POST, "/api/v1/incidents/\(incident.id)/entries/\(secretID)/verification",
                json: #"{"baseVersion":1,"status":"verified"}"#, token: hin)
            let open = try SitReps.report(try await SitReps.issue(app, incident.id, token: im))
            #expect(open.classification == .internal, "confidential entries stay out by default")
            let closed = try SitReps.report(try await SitReps.issue(app, incident.id, token: im, json: #"{"ceiling":"confidential"}"#))
            #expect(closed.classification == .confidential)
            #expect(closed.themes.flatMap(\.entries).contains { $0.text == "Verdachte bekend" })

            let kcr2 = try await HTTP.login(app, "analist-kcr2")
            let list = try await HTTP.send(app, .GET, "/api/v1/incidents/\(incident.id)/sitraps", token: kcr2).content.decode([SitRapSummaryDTO].self)
            #expect(list.map(\.number) == [1])
            #expect(try await HTTP.send(app, .GET, "/api/v1/incidents/\(incident.id)/sitraps/2/pdf", token: kcr2).status == .forbidden)
            let event = try #require(try await JournalEventModel.query(on: app.db).filter(\.$kind == "sitrap.issued").sort(\.$id, .descending).first())
            let national = EntryReader(organisation: "KCR2", isRegion: false, isPartner: false, ceiling: .internal)
            #expect(!national.sees(event.record))
            let region = EntryReader(organisation: "VR13", isRegion: true, isPartner: false, ceiling: .confidential)
            #expect(region.sees(event.record))
        }
    }

    @Test("a schedule issues SitRaps when due, once per interval, until it is stopped")
    func schedule() async throws {
        let clock = ManualClock(Picture.start)
        try await withTestApp(clock: clock) { app in
            let (incident, im) = try await SitReps.incidentWithPicture(app, clock: clock)
            let path = "/api/v1/incidents/\(incident.id)/sitrap-schedule"
            #expect(try await HTTP.send(app, .PUT, path, json: #"{"intervalMinutes":5}"#, token: im).status == .unprocessableEntity)
            let set = try await HTTP.send(app, .PUT, path, json: #"{"intervalMinutes":60}"#, token: im)
            #expect(set.status == .ok, "\(set.body.string)")
            let service = SitRapService(db: app.db, context: app.knooppunt)
            #expect(try await service.runDueSchedules() == 0)
            clock.advance(by: 3600)
            #expect(try await service.runDueSchedules() == 1)
            #expect(try await service.runDueSchedules() == 0)
            let list = try await HTTP.send(app, .GET, "/api/v1/incidents/\(incident.id)/sitraps", token: im).content.decode([SitRapSummaryDTO].self)
            #expect(list.map(\.scheduled) == [true])
            #expect(list.first?.issuedBy == "im-vr13 (schema)")
            clock.advance(by: 3600)
            #expect(try await service.runDueSchedules() == 1)
            #expect(try await HTTP.send(app, .DELETE, path, token: im).status == .noContent)
            clock.advance(by: 7200)
            #expect(try await service.runDueSchedules() == 0)
            #expect(try await HTTP.send(app, .GET, path, token: im).status == .notFound)
        }
    }

    @Test("a koppel partner's SitRap: its own liaison supplies it for the IM's admission; the region's detached HIN enters it straight; each lands in the partner's theme, marked")
    func partnerIntake() async throws {
        let clock = ManualClock(Picture.start)
        try await withTestApp(clock: clock) { app in
            // setup: an incident with Waternet linked under koppelsamenwerking
            let (incident, _) = try await SitReps.incidentWithPicture(app, clock: clock)
            let im = try await HTTP.login(app, "im-vr13")
            let liaison = try await HTTP.login(app, "liaison-waternet")
            let path = "/api/v1/incidents/\(incident.id)/partner-sitraps"
            let before = try await HTTP.send(app, .POST, path, json: #"{"partner":"WATERNET","situation":"x"}"#, token: liaison)
            #expect(before.status == .notFound, "not linked yet: the incident does not exist for Waternet's liaison")
            #expect(try await Access.link(app, incident.id, "WATERNET", token: im).profile == .koppel)

            // MUT: the liaison supplies Waternet's own SitRap
            let supplied = try await HTTP.send(
                app, .POST, path, json: #"{"partner":"WATERNET","situation":"Persleiding lek","needs":"Twee pompen","measures":"Afsluiters dicht"}"#,
                token: liaison)
            #expect(supplied.status == .created, "\(supplied.body.string)")
            let entry = try supplied.content.decode(EntryView.self)
            #expect(entry.theme == .partner("WATERNET") && entry.onBehalfOf == "WATERNET" && entry.organisation == "WATERNET")
            #expect(entry.awaitingAdmission, "the liaison supplies to the regievoerende IM, who admits it")
            #expect(entry.text.contains("Situatie: Persleiding lek") && entry.text.contains("Behoeften / bijstand: Twee pompen"))

            // MUT: the region's detached HIN enters it for Waternet: straight into the picture
            let hin = try await HTTP.login(app, "hin-gedetacheerd-vr13")
            let entered = try await HTTP.send(app, .POST, path, json: #"{"partner":"WATERNET","situation":"Gemaal draait"}"#, token: hin)
            #expect(entered.status == .created, "\(entered.body.string)")
            let byRegion = try entered.content.decode(EntryView.self)
            #expect(byRegion.onBehalfOf == "WATERNET" && byRegion.organisation == "VR13" && !byRegion.awaitingAdmission)

            // validate: refusals name the problem and store nothing
            let empty = try await HTTP.send(app, .POST, path, json: #"{"partner":"WATERNET","situation":"  "}"#, token: liaison)
            #expect(empty.status == .unprocessableEntity)
            #expect(HTTP.problemDetail(empty).contains("situation"))
            let forOther = try await HTTP.send(app, .POST, path, json: #"{"partner":"RWS","situation":"x"}"#, token: liaison)
            #expect(forOther.status == .forbidden, "a liaison supplies for its own organisation only")
            let rws = try await HTTP.login(app, "rws")
            #expect(try await HTTP.send(app, .POST, path, json: #"{"partner":"RWS","situation":"x"}"#, token: rws).status == .notFound)
        }
    }

    @Test("the page form takes a time as people write it (07-12-2026 14:00, Amsterdam time) and refuses one that is no time, naming it")
    func partnerIntakeDutchTime() async throws {
        let clock = ManualClock(Picture.start)
        try await withTestApp(clock: clock) { app in
            // setup: Waternet linked; its liaison signed in on the page
            let (incident, _) = try await SitReps.incidentWithPicture(app, clock: clock)
            _ = try await Access.link(app, incident.id, "WATERNET", token: try await HTTP.login(app, "im-vr13"))
            let web = try await WebSession.login(app, "liaison-waternet")
            let cookies = "\(CSRFMiddleware.cookieName)=\(web.csrf); \(AuthenticationMiddleware.sessionCookie)=\(web.session)"
            func post(_ time: String) async throws -> TestingHTTPResponse {
                try await WebSession.postForm(
                    app, "/incidents/\(incident.id)/partner-sitraps",
                    fields: ["_csrf": web.csrf, "partner": "WATERNET", "reportedAt": time, "situation": "Gemaal draait"], cookies: cookies)
            }

            // MUT + validate
            #expect(try await post("07-12-2026 14:00").status == .seeOther)
            let entry = try #require(try await Picture.picture(app, incident.id, token: try await HTTP.login(app, "liaison-waternet")).entries.first)
            #expect(entry.observedAt == RFC3339.parse("2026-12-07T14:00:00+01:00"))
            let wrong = try await post("morgen vroeg")
            #expect(wrong.status == .unprocessableEntity)
            #expect(wrong.body.string.contains("07-12-2026 14:00"))
        }
    }
}
