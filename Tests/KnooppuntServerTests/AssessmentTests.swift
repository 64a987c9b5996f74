import Fluent
import Foundation
import KnooppuntCore
import Testing
import Vapor
import VaporTesting

@testable import KnooppuntServer

@Suite("Beeld – oordeel – besluit: theme summaries, the totaalbeeld and besluitpunten (decision 0024)")
struct AssessmentTests {
    private func put(_ app: Application, _ incident: UUID, _ theme: String, _ json: String, token: String) async throws
        -> TestingHTTPResponse
    {
        try await HTTP.send(app, .PUT, "/api/v1/incidents/\(incident)/summaries/\(theme)", json: json, token: token)
    }

    @Test("the IM writes the totaalbeeld in versions; an earlier picture keeps the earlier version; a stale base is refused")
    func totaalbeeldVersions() async throws {
        let clock = ManualClock(Picture.start)
        try await withTestApp(clock: clock) { app in
            let im = try await HTTP.login(app, "im-vr13")
            let incident = try await Picture.createIncident(app, token: im)
            let first = try await put(app, incident.id, "algemeen", #"{"picture":"Kade onder druk","outlook":"Piek om 03:00"}"#, token: im)
            #expect(first.status == .created)
            let v1 = try first.content.decode(SummaryView.self)
            #expect(v1.version == 1 && v1.classification == .internal && v1.bottlenecks == nil)
            clock.advance(by: 60)
            let between = clock.clock.now()
            clock.advance(by: 60)

            // A second first write of the same theme meets the existing summary.
            let again = try await put(app, incident.id, "algemeen", #"{"picture":"Iets anders"}"#, token: im)
            #expect(again.status == .unprocessableEntity || again.status == .badRequest)
            #expect(again.body.string.contains("baseVersion"))

            let second = try await put(
                app, incident.id, "algemeen", #"{"baseVersion":1,"picture":"Kade houdt","bottlenecks":"Pompen krap"}"#, token: im)
            #expect(second.status == .ok)
            #expect(try second.content.decode(SummaryView.self).version == 2)
            let stale = try await put(app, incident.id, "algemeen", #"{"baseVersion":1,"picture":"Oud"}"#, token: im)
            #expect(stale.status == .conflict)

            let now = try await HTTP.send(app, .GET, "/api/v1/incidents/\(incident.id)/summaries", token: im)
                .content.decode([SummaryView].self)
            #expect(now.map(\.picture) == ["Kade houdt"])
            let at = JournalTime.string(from: between).addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
            let earlier = try await HTTP.send(app, .GET, "/api/v1/incidents/\(incident.id)/summaries?at=\(at)", token: im)
                .content.decode([SummaryView].self)
            #expect(earlier.map(\.picture) == ["Kade onder druk"])
            let events = try await JournalEventModel.query(on: app.db).filter(\.$kind ~~ ["summary.created", "summary.updated"]).count()
            #expect(events == 2)
        }
    }

    @Test("the totaalbeeld is the IM's; a discipline's summary its staff's; a partner writes only its own theme")
    func whoWrites() async throws {
        try await withTestApp { app in
            let im = try await HTTP.login(app, "im-vr13")
            let ol = try await HTTP.login(app, "ol-vr13")
            let rws = try await HTTP.login(app, "rws")
            let incident = try await Picture.createIncident(app, token: im)
            _ = try await Access.link(app, incident.id, "RWS", token: im)

            let byOL = try await put(app, incident.id, "algemeen", #"{"picture":"Totaalbeeld van de OL"}"#, token: ol)
            #expect(byOL.status == .forbidden)
            #expect(byOL.body.string.contains("information manager"))
            #expect(try await put(app, incident.id, "brandweer", #"{"picture":"Twee pompen"}"#, token: ol).status == .created)
            #expect(try await put(app, incident.id, "partner:RWS", #"{"picture":"Door de regio"}"#, token: im).status == .forbidden)
            #expect(try await put(app, incident.id, "brandweer", #"{"picture":"Door RWS"}"#, token: rws).status == .forbidden)
            #expect(try await put(app, incident.id, "partner:RWS", #"{"picture":"Gemaal op vol vermogen","classification":"public"}"#, token: rws)
                .status == .created)
            #expect(try await put(app, incident.id, "onzin", #"{"picture":"x"}"#, token: im).status == .notFound)
            // Nothing of the refused writes was kept.
            let kinds = try await RecordVersionModel.query(on: app.db).filter(\.$kind == "summary").count()
            #expect(kinds == 2)
        }
    }

    @Test("bad input names the field and changes nothing")
    func badInput() async throws {
        try await withTestApp { app in
            let im = try await HTTP.login(app, "im-vr13")
            let incident = try await Picture.createIncident(app, token: im)
            let empty = try await put(app, incident.id, "algemeen", #"{"picture":"   "}"#, token: im)
            #expect(empty.status == .unprocessableEntity && empty.body.string.contains("picture"))
            let long = try await put(app, incident.id, "algemeen", #"{"picture":"\#(String(repeating: "a", count: 4001))"}"#, token: im)
            #expect(long.status == .unprocessableEntity)
            let unknown = try await put(app, incident.id, "algemeen", #"{"picture":"x","prognose":"y"}"#, token: im)
            #expect(unknown.status == .badRequest || unknown.status == .unprocessableEntity)
            #expect(unknown.body.string.contains("prognose"))
            let point = try await HTTP.send(
                app, .POST, "/api/v1/incidents/\(incident.id)/decision-points",
                json: #"{"text":"Evacueren?","team":"gbt","deadlineInMinutes":0}"#, token: im)
            #expect(point.status == .unprocessableEntity && point.body.string.contains("deadlineInMinutes"))
            #expect(try await RecordVersionModel.query(on: app.db).filter(\.$kind ~~ ["summary", "decision-point"]).count() == 0)
        }
    }

    @Test("a partner reads a summary only at its classification, and never the besluitpunten")
    func partnerReads() async throws {
        try await withTestApp { app in
            let im = try await HTTP.login(app, "im-vr13")
            let rws = try await HTTP.login(app, "rws")
            let incident = try await Picture.createIncident(app, token: im)
            _ = try await Access.link(app, incident.id, "RWS", token: im)
            _ = try await put(app, incident.id, "algemeen", #"{"picture":"Intern totaalbeeld"}"#, token: im)
            _ = try await put(app, incident.id, "politie", #"{"picture":"Vertrouwelijk","classification":"confidential"}"#, token: im)
            _ = try await HTTP.send(
                app, .POST, "/api/v1/incidents/\(incident.id)/decision-points", json: #"{"text":"Evacueren?","team":"gbt"}"#, token: im)

            let seen = try await HTTP.send(app, .GET, "/api/v1/incidents/\(incident.id)/summaries", token: rws)
                .content.decode([SummaryView].self)
            #expect(!seen.map(\.picture).contains("Vertrouwelijk"))
            let points = try await HTTP.send(app, .GET, "/api/v1/incidents/\(incident.id)/decision-points", token: rws)
                .content.decode([DecisionPointView].self)
            #expect(points.isEmpty)
            let imPoints = try await HTTP.send(app, .GET, "/api/v1/incidents/\(incident.id)/decision-points", token: im)
                .content.decode([DecisionPointView].self)
            #expect(imPoints.map(\.text) == ["Evacueren?"])
            // The live stream filters the same way: a partner's stream carries no besluitpunt.
            let raised = try #require(try await JournalEventModel.query(on: app.db).filter(\.$kind == "decision-point.raised").first())
            let reader = try await AccessService.reader(
                try await Subjects.active("rws", on: app.db, at: Date()), incident: incident.id,
                scope: IncidentScope(involvedRegions: [RegionCode(number: 13)], leadRegion: RegionCode(number: 13), status: .open),
                at: Date(), on: app.db)
            #expect(!reader.sees(raised.record))
        }
    }

    @Test("a decision answers an open besluitpunt once; a withdrawn point takes no decision; revoking reopens it")
    func decisionAnswersPoint() async throws {
        try await withTestApp { app in
            let im = try await HTTP.login(app, "im-vr13")
            let voorzitter = try await HTTP.login(app, "voorzitter-vr13")
            let liaison = try await HTTP.login(app, "hin-gedetacheerd-vr13")
            let incident = try await Picture.createIncident(app, token: im)
            let base = "/api/v1/incidents/\(incident.id)"
            #expect(try await HTTP.send(app, .POST, base + "/decision-points", json: #"{"text":"X?","team":"rot"}"#, token: liaison)
                .status == .forbidden)
            let raised = try await HTTP.send(
                app, .POST, base + "/decision-points", json: #"{"text":"Evacueren?","team":"gbt","deadlineInMinutes":60}"#, token: im)
            #expect(raised.status == .created)
            let point = try raised.content.decode(DecisionPointView.self)
            #expect(point.status == .open && point.deadline != nil)

            let decision = try await HTTP.send(
                app, .POST, base + "/decisions",
                json: #"{"team":"gbt","text":"Evacueren vanaf 18:00","decidedBy":"Voorzitter","decisionPoint":"\#(point.id)"}"#, token: voorzitter)
            #expect(decision.status == .created)
            let answered = try decision.content.decode(DecisionView.self)
            #expect(answered.decisionPoint == point.id)
            let after = try await HTTP.send(app, .GET, base + "/decision-points", token: im).content.decode([DecisionPointView].self)
            #expect(after.first?.status == .decided && after.first?.decision == answered.id)
            let twice = try await HTTP.send(
                app, .POST, base + "/decisions",
                json: #"{"team":"gbt","text":"Nog eens","decidedBy":"Voorzitter","decisionPoint":"\#(point.id)"}"#, token: voorzitter)
            #expect(twice.status == .conflict)

            // Revoking the decision puts the point back on the list.
            let revoked = try await HTTP.send(
                app, .PATCH, base + "/decisions/\(answered.id)", json: #"{"baseVersion":1,"revoked":true}"#, token: voorzitter)
            #expect(revoked.status == .ok)
            let reopened = try await HTTP.send(app, .GET, base + "/decision-points", token: im).content.decode([DecisionPointView].self)
            #expect(reopened.first?.status == .open)

            let withdrawn = try await HTTP.send(
                app, .POST, base + "/decision-points/\(point.id)/withdrawal", json: #"{"baseVersion":1,"reason":"Water zakt"}"#, token: im)
            #expect(withdrawn.status == .ok)
            #expect(try withdrawn.content.decode(DecisionPointView.self).status == .withdrawn)
            let late = try await HTTP.send(
                app, .POST, base + "/decisions",
                json: #"{"team":"gbt","text":"Toch","decidedBy":"Voorzitter","decisionPoint":"\#(point.id)"}"#, token: voorzitter)
            #expect(late.status == .conflict)
            let unknown = try await HTTP.send(
                app, .POST, base + "/decisions",
                json: #"{"team":"gbt","text":"Toch","decidedBy":"Voorzitter","decisionPoint":"\#(UUID())"}"#, token: voorzitter)
            #expect(unknown.status == .notFound)
        }
    }

    @Test("a SitRap carries the totaalbeeld, each theme's summary and the open besluitpunten")
    func sitRap() async throws {
        try await withTestApp { app in
            let im = try await HTTP.login(app, "im-vr13")
            let incident = try await Picture.createIncident(app, token: im)
            _ = try await put(app, incident.id, "algemeen", #"{"picture":"Kade onder druk","outlook":"Piek om 03:00"}"#, token: im)
            _ = try await put(app, incident.id, "brandweer", #"{"picture":"Twee pompen","bottlenecks":"Diesel krap"}"#, token: im)
            _ = try await HTTP.send(
                app, .POST, "/api/v1/incidents/\(incident.id)/decision-points", json: #"{"text":"Evacueren?","team":"gbt"}"#, token: im)
            let issued = try await HTTP.send(app, .POST, "/api/v1/incidents/\(incident.id)/sitraps", json: #"{"unverified":"mark"}"#, token: im)
            #expect(issued.status == .created)
            let markdown = try await HTTP.send(app, .GET, "/api/v1/incidents/\(incident.id)/sitraps/1/markdown", token: im).body.string
            #expect(markdown.contains("## Totaalbeeld"))
            #expect(markdown.contains("Actueel beeld: Kade onder druk"))
            #expect(markdown.contains("Verwachting: Piek om 03:00"))
            #expect(markdown.contains("Knelpunten: Diesel krap"))
            #expect(markdown.contains("GBT: Evacueren?"))

            // The logbook tells it in sentences, never as event codes.
            let lines = try await HTTP.send(app, .GET, "/api/v1/incidents/\(incident.id)/logbook", token: im)
                .content.decode([LogbookLineView].self)
            let sentences = lines.map(\.summary)
            #expect(sentences.contains("Totaalbeeld bijgewerkt (versie 1): Kade onder druk"))
            #expect(sentences.contains("Beeld Brandweer bijgewerkt (versie 1): Twee pompen"))
            #expect(sentences.contains("Besluitpunt voor het GBT: Evacueren?"))
            #expect(!lines.contains { $0.summary == $0.kind })
        }
    }
}
