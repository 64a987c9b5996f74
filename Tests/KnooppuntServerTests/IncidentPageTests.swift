import Fluent
import Foundation
import KnooppuntCore
import Testing
import Vapor
import VaporTesting

@testable import KnooppuntServer

@Suite("Incident pages")
struct IncidentPageTests {
    @Test("the list page shows the region's incidents, keeps exercises apart, and hides other regions'")
    func list() async throws {
        try await withTestApp { app in
            let im = try await HTTP.login(app, "im-vr13")
            _ = try await Picture.createIncident(app, token: im, title: "Echte brand")
            _ = try await Picture.createIncident(app, token: im, title: "Oefening brand", exercise: true)
            let vr12 = try await HTTP.login(app, "im-vr12")
            _ = try await Picture.createIncident(app, token: vr12, title: "Brand in Haarlem")
            let session = try await WebSession.login(app, "im-vr13")
            let real = try await session.get(app, "/incidents").body.string
            #expect(real.contains("Echte brand"))
            #expect(!real.contains("Oefening brand"))
            #expect(!real.contains("Brand in Haarlem"))
            #expect(real.contains(#"data-stream="/api/v1/stream?lastEventId="#))
            let drills = try await session.get(app, "/incidents?exercise=true").body.string
            #expect(drills.contains("Oefening brand"))
            #expect(!drills.contains("Echte brand"))
        }
    }

    @Test("creating an incident and adding an entry through the forms, with CSRF")
    func forms() async throws {
        try await withTestApp { app in
            let session = try await WebSession.login(app, "im-vr13")
            let cookies = "kp_csrf=\(session.csrf); kp_session=\(session.session)"
            let noToken = try await WebSession.postForm(
                app, "/incidents", fields: ["title": "Zonder token", "category": "brand"], cookies: cookies)
            #expect(noToken.status == .forbidden)
            let created = try await WebSession.postForm(
                app, "/incidents", fields: ["_csrf": session.csrf, "title": "Gaslek Noord", "category": "gevaarlijke-stoffen"],
                cookies: cookies)
            #expect(created.status == .seeOther)
            let location = try #require(created.headers.first(name: .location))
            let added = try await WebSession.postForm(
                app, location + "/entries",
                fields: ["_csrf": session.csrf, "theme": "brandweer", "text": "Gaslucht in de straat", "source": "Melder"],
                cookies: cookies)
            #expect(added.status == .seeOther)
            let page = try await session.get(app, location).body.string
            #expect(page.contains("Gaslek Noord"))
            #expect(page.contains("Gaslucht in de straat"))
            #expect(page.contains(#"id="entry-form""#))
            #expect(page.contains("?lastEventId="))
        }
    }

    @Test("the page at an earlier moment is marked as the past and shows what was valid then")
    func past() async throws {
        let clock = ManualClock(Picture.start)
        try await withTestApp(clock: clock) { app in
            let im = try await HTTP.login(app, "im-vr13")
            let incident = try await Picture.createIncident(app, token: im)
            let entry = try await Picture.addEntry(app, incident.id, token: im, text: "Oude tekst")
            clock.advance(by: 60)
            _ = try await HTTP.send(
                app, .PATCH, "/api/v1/incidents/\(incident.id)/entries/\(entry.id)",
                json: #"{"baseVersion":1,"text":"Nieuwe tekst"}"#, token: im)
            let session = try await WebSession.login(app, "im-vr13")
            let earlier = Picture.rfc3339(Picture.start.addingTimeInterval(30))
            let page = try await session.get(app, "/incidents/\(incident.id)?at=\(earlier)").body.string
            #expect(page.contains("Oude tekst"))
            #expect(!page.contains("Nieuwe tekst"))
            #expect(page.contains("U bekijkt het beeld van"))
            #expect(!page.contains(#"id="entry-form""#))
        }
    }

    @Test("another region's incident page is a 404, and anonymous visitors go to the login")
    func access() async throws {
        try await withTestApp { app in
            let im = try await HTTP.login(app, "im-vr13")
            let incident = try await Picture.createIncident(app, token: im)
            let other = try await WebSession.login(app, "im-vr12")
            #expect(try await other.get(app, "/incidents/\(incident.id)").status == .notFound)
            let anonymous = try await app.testing().sendRequest(.GET, "/incidents/\(incident.id)")
            #expect(anonymous.status == .seeOther)
            #expect(anonymous.headers.first(name: .location)?.hasPrefix("/login?next=") == true)
        }
    }
}

@Suite("Scaling from the incident page")
struct ScalingFormTests {
    @Test("from the page, GRIP 3 without authority becomes a proposal to the burgemeester, who accepts it; the GRIP history keeps the reason")
    func scale() async throws {
        try await withTestApp { app in
            let im = try await HTTP.login(app, "im-vr13")
            let incident = try await Picture.createIncident(
                app, token: im, extra: #","location":{"type":"Point","coordinates":[4.8917,52.3731]}"#)
            let ol = try await WebSession.login(app, "ol-vr13")
            let cookies = "kp_csrf=\(ol.csrf); kp_session=\(ol.session)"
            let path = "/incidents/\(incident.id)/update"
            var fields = ["_csrf": ol.csrf, "baseVersion": "1", "grip": "3", "phase": "respons", "status": "open"]
            let noReason = try await WebSession.postForm(app, path, fields: fields, cookies: cookies)
            #expect(noReason.status == .unprocessableEntity)
            #expect(noReason.body.string.contains("controleer het veld ‘Reden (verplicht bij GRIP-wijziging)’"))
            fields["gripReason"] = "Meerdere straten ontruimd"
            #expect(try await WebSession.postForm(app, path, fields: fields, cookies: cookies).status == .seeOther)
            let unchanged = try await HTTP.send(app, .GET, "/api/v1/incidents/\(incident.id)", token: im).content.decode(IncidentView.self)
            #expect(unchanged.grip == .routine, "the operational leader does not decide GRIP 3")
            let proposals = try await HTTP.send(app, .GET, "/api/v1/incidents/\(incident.id)/proposals", token: im)
                .content.decode([ProposalView].self)
            let proposal = try #require(proposals.first)
            #expect(proposals.count == 1 && proposal.status == "open" && proposal.grip == .three)
            #expect(proposal.addressedTo == ["de burgemeester van Amsterdam"])
            #expect(proposal.proposedBy == "Fatima El Amrani")
            #expect(!proposal.mayDecide)
            let olPage = try await ol.get(app, "/incidents/\(incident.id)").body.string
            #expect(olPage.contains("Voorstellen aan het bestuur") && olPage.contains("Meerdere straten ontruimd"))
            #expect(!olPage.contains("accept-proposal"), "only the competent authority gets the accept button")

            // The chair of VR13 is also burgemeester of Amsterdam (the demo's office register).
            let burgemeester = try await WebSession.login(app, "voorzitter-vr13")
            let page = try await burgemeester.get(app, "/incidents/\(incident.id)").body.string
            #expect(page.contains("accept-proposal"))
            let accepted = try await WebSession.postForm(
                app, "/incidents/\(incident.id)/proposals/\(proposal.id)/accept", fields: ["_csrf": burgemeester.csrf, "reason": ""],
                cookies: "kp_csrf=\(burgemeester.csrf); kp_session=\(burgemeester.session)")
            #expect(accepted.status == .seeOther)
            let history = try await HTTP.send(app, .GET, "/api/v1/incidents/\(incident.id)/grip-history", token: im)
                .content.decode([GRIPChangeView].self)
            #expect(history.last?.to == .three)
            #expect(history.last?.by == "voorzitter-vr13")
            #expect(history.last?.reason == "Meerdere straten ontruimd")
            let decided = try await HTTP.send(app, .GET, "/api/v1/incidents/\(incident.id)/proposals", token: im)
                .content.decode([ProposalView].self)
            #expect(decided.first?.status == "accepted")
            #expect(decided.first?.decidedAs == "de burgemeester van Amsterdam")
            let stale = try await WebSession.postForm(app, path, fields: fields, cookies: cookies)
            #expect(stale.status == .conflict)
        }
    }
}

@Suite("Incident page facts")
struct IncidentFactsTests {
    @Test("the lead region is marked, and two involved regions bring the IRBT advice")
    func leadAndIRBT() async throws {
        try await withTestApp { app in
            let im = try await HTTP.login(app, "im-vr13")
            let incident = try await Picture.createIncident(app, token: im)
            let session = try await WebSession.login(app, "im-vr13")
            var page = try await session.get(app, "/incidents/\(incident.id)").body.string
            #expect(page.contains("VR13 (leidend)"))
            #expect(!page.contains(#"<p class="advice" role="note">"#))
            _ = try await HTTP.send(
                app, .PATCH, "/api/v1/incidents/\(incident.id)", json: #"{"baseVersion":1,"involvedRegions":["VR13","VR12"]}"#,
                token: im)
            page = try await session.get(app, "/incidents/\(incident.id)").body.string
            #expect(page.contains("VR13 (leidend), VR12"))
            #expect(page.contains(#"<p class="advice" role="note">Meer dan één regio betrokken: overweeg GRIP 5 en een IRBT.</p>"#))
        }
    }
}

@Suite("Regie from the incident page")
struct RegieFormTests {
    @Test("two entries marked as conflicting stay visible until the IM resolves it; others cannot resolve")
    func conflicts() async throws {
        try await withTestApp { app in
            let im = try await HTTP.login(app, "im-vr13")
            let incident = try await Picture.createIncident(app, token: im)
            let first = try await Picture.addEntry(app, incident.id, token: im, text: "Twee gewonden")
            let second = try await Picture.addEntry(app, incident.id, token: im, text: "Vijf gewonden", theme: "geneeskundig")
            let officer = try await WebSession.login(app, "ol-vr13")
            let officerCookies = "kp_csrf=\(officer.csrf); kp_session=\(officer.session)"
            let marked = try await WebSession.postForm(
                app, "/incidents/\(incident.id)/conflicts",
                pairs: [("_csrf", officer.csrf), ("entries[]", first.id.uuidString), ("entries[]", second.id.uuidString),
                        ("note", "Aantal gewonden verschilt")],
                cookies: officerCookies)
            #expect(marked.status == .seeOther)
            var page = try await officer.get(app, "/incidents/\(incident.id)").body.string
            #expect(page.contains(#"id="conflicts""#))
            #expect(page.contains("<strong>Aantal gewonden verschilt</strong>"))
            #expect(!page.contains("/resolution"))  // only the IM resolves

            let conflict = try await HTTP.send(app, .GET, "/api/v1/incidents/\(incident.id)/picture", token: im)
                .content.decode(PictureView.self).conflicts[0]
            let refused = try await WebSession.postForm(
                app, "/incidents/\(incident.id)/conflicts/\(conflict.id)/resolution",
                fields: ["_csrf": officer.csrf, "resolution": "Vijf"], cookies: officerCookies)
            #expect(refused.status == .forbidden)

            let manager = try await WebSession.login(app, "im-vr13")
            let managerCookies = "kp_csrf=\(manager.csrf); kp_session=\(manager.session)"
            page = try await manager.get(app, "/incidents/\(incident.id)").body.string
            #expect(page.contains("/conflicts/\(conflict.id)/resolution"))
            let empty = try await WebSession.postForm(
                app, "/incidents/\(incident.id)/conflicts/\(conflict.id)/resolution",
                fields: ["_csrf": manager.csrf, "resolution": " "], cookies: managerCookies)
            #expect(empty.status == .unprocessableEntity)
            let resolved = try await WebSession.postForm(
                app, "/incidents/\(incident.id)/conflicts/\(conflict.id)/resolution",
                fields: ["_csrf": manager.csrf, "resolution": "GHOR bevestigt vijf gewonden"], cookies: managerCookies)
            #expect(resolved.status == .seeOther)
            page = try await manager.get(app, "/incidents/\(incident.id)").body.string
            #expect(!page.contains(#"id="conflicts""#))
            #expect(page.contains("Twee gewonden") && page.contains("Vijf gewonden"))
        }
    }

    @Test("an action's status and a decision's revocation are set from the page, as new versions")
    func actionsAndDecisions() async throws {
        try await withTestApp { app in
            let im = try await HTTP.login(app, "im-vr13")
            let incident = try await Picture.createIncident(app, token: im)
            let action = try await HTTP.send(
                app, .POST, "/api/v1/incidents/\(incident.id)/actions", json: #"{"text":"Omleiding instellen","owner":"VR13"}"#,
                token: im
            ).content.decode(ActionView.self)
            let decision = try await HTTP.send(
                app, .POST, "/api/v1/incidents/\(incident.id)/decisions",
                json: #"{"team":"rot","text":"Wijk ontruimen","decidedBy":"OL"}"#, token: im
            ).content.decode(DecisionView.self)
            let session = try await WebSession.login(app, "im-vr13")
            let cookies = "kp_csrf=\(session.csrf); kp_session=\(session.session)"
            let statusPath = "/incidents/\(incident.id)/actions/\(action.id)/status"
            let unknown = try await WebSession.postForm(
                app, statusPath, fields: ["_csrf": session.csrf, "baseVersion": "1", "status": "half"], cookies: cookies)
            #expect(unknown.status == .unprocessableEntity)
            #expect(unknown.body.string.contains("‘half’ past niet in het veld ‘Status’"))
            #expect(
                try await WebSession.postForm(
                    app, statusPath, fields: ["_csrf": session.csrf, "baseVersion": "1", "status": "done"], cookies: cookies
                ).status == .seeOther)
            let revokePath = "/incidents/\(incident.id)/decisions/\(decision.id)/revocation"
            #expect(
                try await WebSession.postForm(app, revokePath, fields: ["_csrf": session.csrf, "baseVersion": "1", "revoked": "true"], cookies: cookies)
                    .status == .seeOther)
            let again = try await WebSession.postForm(
                app, revokePath, fields: ["_csrf": session.csrf, "baseVersion": "1"], cookies: cookies)
            #expect(again.status == .conflict)
            let actions = try await HTTP.send(app, .GET, "/api/v1/incidents/\(incident.id)/actions", token: im)
                .content.decode([ActionView].self)
            #expect(actions.first?.status == .gereed)
            #expect(actions.first?.version == 2)
            let decisions = try await HTTP.send(app, .GET, "/api/v1/incidents/\(incident.id)/decisions", token: im)
                .content.decode([DecisionView].self)
            #expect(decisions.first?.revoked == true)
            let page = try await session.get(app, "/incidents/\(incident.id)").body.string
            #expect(page.contains("ingetrokken"))
        }
    }

    @Test("'changes since' takes a time as the page writes it; nonsense gets a Dutch answer naming the field")
    func changesSinceInDutch() async throws {
        try await withTestApp { app in
            let im = try await HTTP.login(app, "im-vr13")
            let incident = try await Picture.createIncident(app, token: im)
            let session = try await WebSession.login(app, "im-vr13")
            for (typed, shown) in [
                ("01-01-2020 10:00", "01-01-2020 10:00:00"), ("1-1-2020 10:00", "01-01-2020 10:00:00"), ("01-01-2020", "01-01-2020 00:00:00"),
                ("2020-01-01T10:00", "01-01-2020 10:00:00"), ("2020-01-01T09:00:00Z", "01-01-2020 10:00:00"),
            ] {
                let page = try await session.get(app, "/incidents/\(incident.id)?since=\(typed.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)")
                #expect(page.status == .ok, "\(typed)")
                #expect(page.body.string.contains(#"name="since" placeholder="25-11-2026 10:00" value="\#(shown)""#), "\(typed) is read as \(shown)")
            }
            let wrong = try await session.get(app, "/incidents/\(incident.id)?since=gisteren")
            #expect(wrong.status == .unprocessableEntity)
            #expect(wrong.body.string.contains("is geen datum en tijd; schrijf bijvoorbeeld 25-11-2026 10:00"))
        }
        #expect(DisplayFormat.parseTime("25-11-2026 10:00") == RFC3339.parse("2026-11-25T09:00:00Z"), "Dutch local time (CET)")
        #expect(DisplayFormat.parseTime("01-07-2026 10:00:30") == RFC3339.parse("2026-07-01T08:00:30Z"), "summer time (CEST)")
        #expect(DisplayFormat.parseTime("31-02-2026 10:00") == nil, "no such day")
        #expect(DisplayFormat.parseTime(String(repeating: "1", count: 100)) == nil)
    }
}
