import Fluent
import Foundation
import KnooppuntCore
import KnooppuntTestSupport
import Testing
import Vapor
import VaporTesting

@testable import KnooppuntServer

enum Councils {
    /// A GRIP 4 incident on the Dam (Amsterdam) with a confidential effect area across the border into
    /// Haarlemmermeer, a confidential entry, a decision with its reason and an open action; returns the
    /// incident, the decision and the voorzitter's token.
    static func crisis(_ app: Application, clock: ManualClock) async throws -> (incident: IncidentView, decision: UUID, voorzitter: String) {
        let im = try await HTTP.login(app, "im-vr13")
        let voorzitter = try await HTTP.login(app, "voorzitter-vr13")
        // GRIP 4 is the voorzitter's decision (decision 0020): the voorzitter opens it.
        let incident = try await Picture.createIncident(
            app, token: voorzitter, title: "Onrust op de Dam",
            extra: ##","location":\##(Plots.damSquare),"grip":4,"gripReason":"Ordeverstoring breidt zich uit""##)
        let area = Plots.feature(Plots.acrossBorder, #"{"kind":"effect-area","label":"Mogelijke uitbreiding","classification":"confidential"}"#)
        let plotted = try await Plots.send(app, .POST, "/api/v1/incidents/\(incident.id)/plots", feature: area, token: im)
        #expect(plotted.status == .created, "\(plotted.body.string)")
        let secret = try await HTTP.send(
            app, .POST, "/api/v1/incidents/\(incident.id)/entries",
            json: #"{"theme":"politie","text":"Informant in de groep","source":"Politie","classification":"confidential"}"#, token: im)
        #expect(secret.status == .created, "\(secret.body.string)")
        clock.advance(by: 600)
        let decided = try await HTTP.send(
            app, .POST, "/api/v1/incidents/\(incident.id)/decisions",
            json: #"{"team":"rbt","text":"Noodverordening voor de Dam en omgeving","decidedBy":"Voorzitter veiligheidsregio","reason":"De openbare orde is ernstig verstoord"}"#,
            token: voorzitter)
        #expect(decided.status == .created, "\(decided.body.string)")
        let acted = try await HTTP.send(
            app, .POST, "/api/v1/incidents/\(incident.id)/actions", json: #"{"text":"Afzetting Damrak plaatsen","owner":"POLITIE"}"#, token: im)
        #expect(acted.status == .created, "\(acted.body.string)")
        clock.advance(by: 60)
        return (incident, try decided.content.decode(DecisionView.self).id, voorzitter)
    }

    static func consult(_ app: Application, _ incident: UUID, _ decision: UUID, json: String, token: String) async throws
        -> TestingHTTPResponse
    {
        try await HTTP.send(app, .POST, "/api/v1/incidents/\(incident)/decisions/\(decision)/consultations", json: json, token: token)
    }

    /// The field a problem+json answer names.
    static func problemField(_ response: TestingHTTPResponse) -> String? {
        let object = try? JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any]
        return object?["field"] as? String
    }

    static func report(_ app: Application, _ incident: UUID, token: String) async throws -> TestingHTTPResponse {
        try await HTTP.send(app, .GET, "/api/v1/incidents/\(incident)/report", token: token)
    }
}

@Suite("Report to the councils (art. 40) and consultations of the councils")
struct CouncilReportTests {
    @Test("the report lists each decision with its reason, who took it by name and role, and the councils' consultations")
    func reportContent() async throws {
        let clock = ManualClock(Picture.start)
        try await withTestApp(clock: clock) { app in
            // setup: a consultation before the decision, and an urgent decision the councils could not be consulted on
            let (incident, decision, voorzitter) = try await Councils.crisis(app, clock: clock)
            let consulted = try await Councils.consult(
                app, incident.id, decision,
                json: #"{"councils":["GM0363"],"consultedAt":"\#(Picture.rfc3339(Picture.start.addingTimeInterval(300)))","position":"De raad steunt de noodverordening"}"#,
                token: voorzitter)
            #expect(consulted.status == .created, "\(consulted.body.string)")
            let urgent = try await HTTP.send(
                app, .POST, "/api/v1/incidents/\(incident.id)/decisions",
                json: #"{"team":"rbt","text":"Ontruiming van het Damrak","decidedBy":"Voorzitter veiligheidsregio"}"#, token: voorzitter)
            let urgentID = try urgent.content.decode(DecisionView.self).id
            let unconsulted = try await Councils.consult(
                app, incident.id, urgentID, json: #"{"councils":["GM0363"],"urgent":true,"urgencyReason":"Binnen het uur nodig"}"#,
                token: voorzitter)
            #expect(unconsulted.status == .created, "\(unconsulted.body.string)")
            #expect(try await JournalEventModel.query(on: app.db).sort(\.$id, .descending).first()?.kind == "consultation.recorded")

            // MUT
            let response = try await Councils.report(app, incident.id, token: voorzitter)

            // validate
            #expect(response.status == .ok, "\(response.body.string)")
            let report = try response.content.decode(CouncilReportView.self)
            #expect(report.decisions.map(\.text) == ["Noodverordening voor de Dam en omgeving", "Ontruiming van het Damrak"])
            let first = report.decisions[0]
            #expect(first.reason == "De openbare orde is ernstig verstoord")
            #expect(first.recordedBy == .init(name: "Anne Jansen", role: .voorzitter, organisation: "Veiligheidsregio Amsterdam-Amstelland"))
            #expect(first.authority == "de voorzitter van Amsterdam-Amstelland" && first.outsideAuthority == false,
                    "an RBT decision at GRIP 4 is the voorzitter's")
            #expect(first.consultations.map(\.position) == ["De raad steunt de noodverordening"])
            #expect(first.consultations.first?.councils.map(\.name) == ["Amsterdam"])
            #expect(first.consultations.first?.afterDecision == false)
            let second = try #require(report.decisions.last?.consultations.first)
            #expect(second.urgent && second.urgencyReason == "Binnen het uur nodig" && second.consultedAt == nil)
            #expect(report.scaleHistory.map(\.to) == [.four])
            #expect(report.scaleHistory.first?.reason == "Ordeverstoring breidt zich uit")
            #expect(report.openActions.map(\.text) == ["Afzetting Damrak plaatsen"])
            #expect(report.authority.significance == .moreThanLocal)
            #expect(report.endedAt == nil, "the incident still runs: an interim draft")
            // Only what the reader may see, and people by name: no confidential area or entry, no usernames.
            #expect(report.councils.map(\.name) == ["Amsterdam"], "the confidential area across the border names no council")
            let body = response.body.string
            #expect(!body.contains("Informant") && !body.contains("Haarlemmermeer"))
            #expect(!body.contains("voorzitter-vr13") && !body.contains("im-vr13"))
        }
    }

    @Test("the report is drafted by staff of an involved region; others get 404 or 403 as for the incident")
    func access() async throws {
        let clock = ManualClock(Picture.start)
        try await withTestApp(clock: clock) { app in
            // setup
            let (incident, _, voorzitter) = try await Councils.crisis(app, clock: clock)
            let im = try await HTTP.login(app, "im-vr13")
            _ = try await Access.link(app, incident.id, "RWS", token: im)

            // MUT / validate: the voorzitter and the IM draft it
            #expect(try await Councils.report(app, incident.id, token: voorzitter).status == .ok)
            #expect(try await Councils.report(app, incident.id, token: im).status == .ok)
            // a standby partner knows of the incident but may not read it: 403; another region does not know it: 404
            let redCross = try await Councils.report(app, incident.id, token: try await HTTP.login(app, "rodekruis"))
            #expect(redCross.status == .forbidden)
            #expect(try await Councils.report(app, incident.id, token: try await HTTP.login(app, "im-vr12")).status == .notFound)
            // a linked partner, the national node and the region's liaison read the incident but do not draft the report
            for username in ["rws", "analist-kcr2", "hin-gedetacheerd-vr13"] {
                let refused = try await Councils.report(app, incident.id, token: try await HTTP.login(app, username))
                #expect(refused.status == .forbidden, "\(username)")
                #expect(HTTP.problemDetail(refused).contains("report to the councils"), "\(username)")
            }
        }
    }

    @Test("a consultation names known councils of the incident, a position or an urgency reason; bad input changes nothing")
    func consultationValidation() async throws {
        let clock = ManualClock(Picture.start)
        try await withTestApp(clock: clock) { app in
            // setup
            let (incident, decision, voorzitter) = try await Councils.crisis(app, clock: clock)
            let journal = try await HTTP.journalLength(app)
            let future = Picture.rfc3339(Picture.start.addingTimeInterval(86_400))
            let cases: [(json: String, field: String)] = [
                (#"{"councils":["GM9999"],"position":"Akkoord"}"#, "councils"),
                (#"{"councils":["GM0344"],"position":"Akkoord"}"#, "councils"),  // Utrecht: not in this incident
                (#"{"councils":["Amsterdam"],"position":"Akkoord"}"#, "councils[0]"),
                (#"{"councils":[],"position":"Akkoord"}"#, "councils"),
                (#"{"councils":["GM0363","GM0363"],"position":"Akkoord"}"#, "councils"),
                (#"{"councils":["GM0363"],"urgent":true}"#, "urgencyReason"),
                (#"{"councils":["GM0363"],"urgent":true,"urgencyReason":"   "}"#, "urgencyReason"),
                (#"{"councils":["GM0363"],"urgent":true,"urgencyReason":"Haast","position":"Akkoord"}"#, "position"),
                (#"{"councils":["GM0363"]}"#, "position"),
                (#"{"councils":["GM0363"],"position":"\#(String(repeating: "a", count: 5001))"}"#, "position"),
                (#"{"councils":["GM0363"],"position":"Akkoord","consultedAt":"\#(future)"}"#, "consultedAt"),
                (#"{"councils":["GM0363"],"position":"Akkoord\u0007"}"#, "position"),
                (#"{"councils":["GM0363"],"position":"Akkoord","council":"GM0363"}"#, "council"),
            ]
            for (json, field) in cases {
                // MUT
                let response = try await Councils.consult(app, incident.id, decision, json: json, token: voorzitter)
                // validate
                #expect(response.status == .unprocessableEntity, "\(json): \(response.body.string)")
                #expect(Councils.problemField(response) == field, "\(json): \(response.body.string)")
            }
            #expect(try await HTTP.journalLength(app) == journal, "refused input journals nothing")
            // Not on a decision of this incident, not by a partner, not on a revoked decision.
            let valid = #"{"councils":["GM0363"],"position":"Akkoord"}"#
            #expect(try await Councils.consult(app, incident.id, UUID(), json: valid, token: voorzitter).status == .notFound)
            let rws = try await HTTP.login(app, "rws")
            _ = try await Access.link(app, incident.id, "RWS", token: try await HTTP.login(app, "im-vr13"))
            #expect(try await Councils.consult(app, incident.id, decision, json: valid, token: rws).status == .forbidden)
            #expect(try await RecordVersionModel.query(on: app.db).filter(\.$kind == "consultation").count() == 0)
            let revoked = try await HTTP.send(
                app, .PATCH, "/api/v1/incidents/\(incident.id)/decisions/\(decision)", json: #"{"baseVersion":1,"revoked":true}"#,
                token: voorzitter)
            #expect(revoked.status == .ok, "\(revoked.body.string)")
            #expect(try await Councils.consult(app, incident.id, decision, json: valid, token: voorzitter).status == .conflict)
            let listed = try await HTTP.send(app, .GET, "/api/v1/incidents/\(incident.id)/decisions/\(decision)/consultations", token: rws)
            #expect(try listed.content.decode([ConsultationView].self).isEmpty)
        }
    }

    @Test("the PDF is a readable document with the decision, its reason and the consultation; Markdown has every section")
    func documents() async throws {
        let clock = ManualClock(Picture.start)
        try await withTestApp(clock: clock) { app in
            // setup
            let (incident, decision, voorzitter) = try await Councils.crisis(app, clock: clock)
            _ = try await Councils.consult(
                app, incident.id, decision, json: #"{"councils":["GM0363"],"position":"De raad steunt de noodverordening"}"#,
                token: voorzitter)
            let web = try await WebSession.login(app, "voorzitter-vr13")

            // MUT
            let pdf = try await web.get(app, "/incidents/\(incident.id)/report.pdf")
            let markdown = try await web.get(app, "/incidents/\(incident.id)/report.md")
            var english = web
            english.language = "en"
            let markdownEN = try await english.get(app, "/incidents/\(incident.id)/report.md")

            // validate
            #expect(pdf.status == .ok && pdf.headers.contentType?.subType == "pdf")
            let bytes = Data(pdf.body.readableBytesView)
            #expect(bytes.starts(with: Data("%PDF-1.4".utf8)))
            let extracted = try ExternalTool.pdfText(bytes)
            #expect(extracted.status == 0, "pdftotext could not read the PDF: \(extracted.output)")
            for text in ["Verslag aan de gemeenteraden (art. 40 Wvr)", "Aan de raden van: Amsterdam", "Noodverordening voor de Dam",
                         "Motivering: De openbare orde is ernstig verstoord", "Raad van Amsterdam geraadpleegd op", "Anne Jansen"] {
                #expect(extracted.output.contains(text), "\(text) is missing from the PDF")
            }
            #expect(markdown.headers.first(name: .contentType)?.hasPrefix("text/markdown") == true)
            for text in ["# Verslag aan de gemeenteraden (art. 40 Wvr) — concept", "## Besluiten", "### ", "Noodverordening voor de Dam",
                         "- Motivering: De openbare orde is ernstig verstoord", "Raad van Amsterdam geraadpleegd op", "## Verloop van de opschaling",
                         "## Publieke waarschuwingen", "## Openstaande acties", "Afzetting Damrak plaatsen"] {
                #expect(markdown.body.string.contains(text), "\(text) is missing from the Markdown")
            }
            #expect(markdownEN.body.string.contains("## Decisions") && markdownEN.body.string.contains("- Reason: De openbare orde"))
        }
    }

    @Test("the incident page links the report for its drafters, shows the reason and consultations, and records one by form")
    func incidentPage() async throws {
        let clock = ManualClock(Picture.start)
        try await withTestApp(clock: clock) { app in
            // setup
            let (incident, decision, _) = try await Councils.crisis(app, clock: clock)
            let voorzitter = try await WebSession.login(app, "voorzitter-vr13")
            let page = try await voorzitter.get(app, "/incidents/\(incident.id)")
            #expect(page.body.string.contains("id=\"council-report-link\""))
            #expect(page.body.string.contains("Motivering: De openbare orde is ernstig verstoord"))
            #expect(page.body.string.contains("/decisions/\(decision)/consultations"))

            // MUT: the consultation form on the decision, as the page posts it
            let posted = try await WebSession.postForm(
                app, "/incidents/\(incident.id)/decisions/\(decision)/consultations",
                pairs: [("_csrf", voorzitter.csrf), ("councils[]", "GM0363"), ("position", "Geen bezwaar")],
                cookies: "\(CSRFMiddleware.cookieName)=\(voorzitter.csrf); \(AuthenticationMiddleware.sessionCookie)=\(voorzitter.session)")

            // validate
            #expect(posted.status == .seeOther, "\(posted.body.string)")
            let after = try await voorzitter.get(app, "/incidents/\(incident.id)")
            #expect(after.body.string.contains("Raad van Amsterdam geraadpleegd op 15-01-2027 09:11 (na het besluit): Geen bezwaar"))
            #expect(after.body.string.contains("Raden geraadpleegd over een besluit: Geen bezwaar"), "the logbook tells it, without codes")
            let partner = try await WebSession.login(app, "rws")
            _ = try await Access.link(app, incident.id, "RWS", token: try await HTTP.login(app, "im-vr13"))
            let partnerPage = try await partner.get(app, "/incidents/\(incident.id)")
            #expect(partnerPage.status == .ok)
            #expect(!partnerPage.body.string.contains("council-report-link"))
            #expect(try await partner.get(app, "/incidents/\(incident.id)/report").status == .forbidden)
        }
    }
}
