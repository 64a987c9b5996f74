import Fluent
import Foundation
import KnooppuntCore
import Testing
import Vapor
import VaporTesting

@testable import KnooppuntServer

@Suite("Regie, conflicts, decisions, actions, logbook and currency")
struct RegieTests {
    @Test("the IM admits a discipline entry into the shared summary, visibly, and can take it out")
    func admission() async throws {
        try await withTestApp { app in
            let ac = try await HTTP.login(app, "ac-vr13")
            let im = try await HTTP.login(app, "im-vr13")
            let incident = try await Picture.createIncident(app, token: im)
            let own = try await Picture.addEntry(app, incident.id, token: ac, text: "Inzet 3 TS", theme: "brandweer")
            #expect(!own.inSharedPicture)
            let path = "/api/v1/incidents/\(incident.id)/entries/\(own.id)/admission"
            let refused = try await HTTP.send(app, .POST, path, json: #"{"baseVersion":1,"admitted":true}"#, token: ac)
            #expect(refused.status == .forbidden)
            let admitted = try await HTTP.send(app, .POST, path, json: #"{"baseVersion":1,"admitted":true}"#, token: im)
                .content.decode(EntryView.self)
            #expect(admitted.inSharedPicture)
            #expect(admitted.admittedBy == "im-vr13")
            #expect(admitted.admittedAt != nil)
            let again = try await HTTP.send(app, .POST, path, json: #"{"baseVersion":2,"admitted":true}"#, token: im)
            #expect(again.status == .unprocessableEntity)
            let out = try await HTTP.send(app, .POST, path, json: #"{"baseVersion":2,"admitted":false}"#, token: im)
                .content.decode(EntryView.self)
            #expect(!out.inSharedPicture)
            let summary = try await Picture.addEntry(app, incident.id, token: im, text: "Samenvatting", theme: "algemeen")
            #expect(summary.inSharedPicture)
        }
    }

    @Test("only the IM or HIN links a partner theme to the picture; it shows as a theme")
    func partnerLink() async throws {
        try await withTestApp { app in
            let ol = try await HTTP.login(app, "ol-vr13")
            let im = try await HTTP.login(app, "im-vr13")
            let incident = try await Picture.createIncident(app, token: im)
            let body = #"{"baseVersion":1,"linkedPartners":["WATERNET"]}"#
            let refused = try await HTTP.send(app, .PATCH, "/api/v1/incidents/\(incident.id)", json: body, token: ol)
            #expect(refused.status == .forbidden)
            let linked = try await HTTP.send(app, .PATCH, "/api/v1/incidents/\(incident.id)", json: body, token: im)
                .content.decode(IncidentView.self)
            #expect(linked.linkedPartners == ["WATERNET"])
            let picture = try await Picture.picture(app, incident.id, token: im)
            #expect(picture.themes.map(\.theme.description).contains("partner:WATERNET"))
        }
    }

    @Test("conflicting entries stay visible, open until the IM resolves the conflict")
    func conflicts() async throws {
        let clock = ManualClock(Picture.start)
        try await withTestApp(clock: clock) { app in
            let hin = try await HTTP.login(app, "hin-vr13")
            let ac = try await HTTP.login(app, "ac-vr13")
            let incident = try await Picture.createIncident(app, token: hin)
            let a = try await Picture.addEntry(app, incident.id, token: ac, text: "Twee slachtoffers")
            let b = try await Picture.addEntry(app, incident.id, token: hin, text: "Vier slachtoffers", theme: "geneeskundig")
            clock.advance(by: 10)
            let marked = try await HTTP.send(
                app, .POST, "/api/v1/incidents/\(incident.id)/conflicts",
                json: #"{"entries":["\#(a.id)","\#(b.id)"],"note":"Aantal slachtoffers verschilt"}"#, token: ac)
            #expect(marked.status == .created)
            let conflict = try marked.content.decode(ConflictView.self)
            let duplicate = try await HTTP.send(
                app, .POST, "/api/v1/incidents/\(incident.id)/conflicts",
                json: #"{"entries":["\#(b.id)","\#(a.id)"],"note":"nogmaals"}"#, token: ac)
            #expect(duplicate.status == .conflict)
            let during = try await Picture.picture(app, incident.id, token: hin)
            #expect(during.conflicts.map(\.id) == [conflict.id])
            #expect(during.entries.count == 2)
            let resolvePath = "/api/v1/incidents/\(incident.id)/conflicts/\(conflict.id)/resolution"
            let byAC = try await HTTP.send(app, .POST, resolvePath, json: #"{"resolution":"x"}"#, token: ac)
            #expect(byAC.status == .forbidden)
            clock.advance(by: 10)
            let resolved = try await HTTP.send(
                app, .POST, resolvePath, json: #"{"resolution":"GHOR bevestigt vier"}"#, token: hin)
            #expect(resolved.status == .ok)
            #expect(try await Picture.picture(app, incident.id, token: hin).conflicts.isEmpty)
            let before = try await Picture.picture(
                app, incident.id, token: hin, at: Picture.start.addingTimeInterval(15))
            #expect(before.conflicts.map(\.id) == [conflict.id])
        }
    }

    @Test("decisions and actions are versioned and read as of a moment")
    func decisionsAndActions() async throws {
        let clock = ManualClock(Picture.start)
        try await withTestApp(clock: clock) { app in
            let chair = try await HTTP.login(app, "voorzitter-vr13")
            let incident = try await Picture.createIncident(app, token: chair)
            let created = try await HTTP.send(
                app, .POST, "/api/v1/incidents/\(incident.id)/decisions",
                json: #"{"team":"rbt","text":"Evacuatie Westpoort","decidedBy":"Voorzitter VR13"}"#, token: chair)
            #expect(created.status == .created)
            let decision = try created.content.decode(DecisionView.self)
            let liaison = try await HTTP.login(app, "hin-gedetacheerd-vr13")
            let notAllowed = try await HTTP.send(
                app, .POST, "/api/v1/incidents/\(incident.id)/decisions",
                json: #"{"team":"rbt","text":"x","decidedBy":"y"}"#, token: liaison)
            #expect(notAllowed.status == .forbidden)

            let action = try await HTTP.send(
                app, .POST, "/api/v1/incidents/\(incident.id)/actions",
                json: #"{"text":"Opvang inrichten","owner":"vr13","deadline":"2027-01-15T09:00:00Z","decision":"\#(decision.id)"}"#,
                token: chair
            ).content.decode(ActionView.self)
            #expect(action.owner == "VR13")
            #expect(!action.overdue)
            let unknownOwner = try await HTTP.send(
                app, .POST, "/api/v1/incidents/\(incident.id)/actions", json: #"{"text":"x","owner":"NIEMAND"}"#, token: chair)
            #expect(unknownOwner.status == .unprocessableEntity)

            clock.advance(by: 7200)
            let overdue = try await HTTP.send(app, .GET, "/api/v1/incidents/\(incident.id)/actions", token: chair)
                .content.decode([ActionView].self)
            #expect(overdue.first?.overdue == true)
            let done = try await HTTP.send(
                app, .PATCH, "/api/v1/incidents/\(incident.id)/actions/\(action.id)",
                json: #"{"baseVersion":1,"status":"done"}"#, token: chair)
            #expect(done.status == .ok)
            let revoke = try await HTTP.send(
                app, .PATCH, "/api/v1/incidents/\(incident.id)/decisions/\(decision.id)",
                json: #"{"baseVersion":1,"revoked":true}"#, token: chair)
            #expect(revoke.status == .ok)
            let stale = try await HTTP.send(
                app, .PATCH, "/api/v1/incidents/\(incident.id)/decisions/\(decision.id)",
                json: #"{"baseVersion":1,"text":"anders"}"#, token: chair)
            #expect(stale.status == .conflict)

            let earlier = Picture.rfc3339(Picture.start.addingTimeInterval(60))
            let then = try await HTTP.send(app, .GET, "/api/v1/incidents/\(incident.id)/decisions?at=\(earlier)", token: chair)
                .content.decode([DecisionView].self)
            #expect(then.map(\.revoked) == [false])
            let now = try await Picture.picture(app, incident.id, token: chair)
            #expect(now.decisions.map(\.revoked) == [true])
            #expect(now.actions.map(\.status) == [.gereed])
        }
    }

    @Test("the logbook lists every change in order, and 'since' gives only the later ones")
    func logbook() async throws {
        let clock = ManualClock(Picture.start)
        try await withTestApp(clock: clock) { app in
            let im = try await HTTP.login(app, "im-vr13")
            let incident = try await Picture.createIncident(app, token: im, title: "Logboektest")
            clock.advance(by: 60)
            _ = try await Picture.addEntry(app, incident.id, token: im, text: "Eerste melding")
            clock.advance(by: 60)
            _ = try await Picture.addEntry(app, incident.id, token: im, text: "Tweede melding")
            let all = try await HTTP.send(app, .GET, "/api/v1/incidents/\(incident.id)/logbook", token: im)
                .content.decode([LogbookLineView].self)
            #expect(all.map(\.kind) == ["incident.created", "entry.created", "entry.created"])
            #expect(all[0].summary == "Incident geopend: Logboektest")
            #expect(all[2].summary.contains("Tweede melding"))
            #expect(all.map(\.sequence) == all.map(\.sequence).sorted())
            let since = Picture.rfc3339(Picture.start.addingTimeInterval(90))
            let later = try await HTTP.send(app, .GET, "/api/v1/incidents/\(incident.id)/logbook?since=\(since)", token: im)
                .content.decode([LogbookLineView].self)
            #expect(later.map(\.summary) == [all[2].summary], "\(all.map(\.at)) since \(since)")
        }
    }

    @Test("themes show when they were updated; old unverified entries are flagged; quiet pictures go stale")
    func currency() async throws {
        let clock = ManualClock(Picture.start)
        try await withTestApp(clock: clock) { app in
            let im = try await HTTP.login(app, "im-vr13")
            let incident = try await Picture.createIncident(app, token: im)
            let entry = try await Picture.addEntry(app, incident.id, token: im, text: "Gaslucht gemeld")
            clock.advance(by: 29 * 60)
            var picture = try await Picture.picture(app, incident.id, token: im)
            #expect(picture.entries.first?.overdue == false)
            #expect(!picture.stale)
            let brandweer = try #require(picture.themes.first { $0.theme == .brandweer })
            #expect(brandweer.entries == 1)
            #expect(brandweer.lastUpdated == Picture.start)
            clock.advance(by: 60)
            picture = try await Picture.picture(app, incident.id, token: im)
            #expect(picture.entries.first?.overdue == true)
            #expect(picture.themes.first { $0.theme == .brandweer }?.overdueUnverified == 1)
            clock.advance(by: 30 * 60)
            picture = try await Picture.picture(app, incident.id, token: im)
            #expect(picture.stale)
            _ = try await HTTP.send(
                app, .POST, "/api/v1/incidents/\(incident.id)/entries/\(entry.id)/verification",
                json: #"{"baseVersion":1,"status":"verified"}"#, token: im)
            picture = try await Picture.picture(app, incident.id, token: im)
            #expect(!picture.stale)
            #expect(picture.entries.first?.overdue == false)
        }
    }
}
