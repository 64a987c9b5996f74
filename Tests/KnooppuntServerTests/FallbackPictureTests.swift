import Fluent
import Foundation
import KnooppuntCore
import Testing
import Vapor
import VaporTesting

@testable import KnooppuntServer

@Suite("Fallback picture: the national node keeps each region's open incidents for its emergency account")
struct FallbackPictureTests {
    private func deliver(_ app: Application) async throws -> Int {
        try await FederationOutbox(db: app.db, context: app.knooppunt).deliverDue(transport: HTTPNodeTransport())
    }

    private func queue(_ app: Application) async throws -> Int {
        try await FallbackPicture.queueDue(context: app.knooppunt, on: app.db)
    }

    private func waitingFallback(_ app: Application) async throws -> Int {
        try await NodeOutboxModel.query(on: app.db).filter(\.$kind == FallbackPicture.kind).filter(\.$deliveredAt == nil).count()
    }

    @Test("the region's copy (up to internal, with its SitRap) reaches the national node; only the region's emergency account reads it, and every read is journaled")
    func copiedAndReadByTheEmergencyAccountOnly() async throws {
        try await withNodePair { kcr2, vr13 in
            // setup: an incident on VR13 with an open and a confidential entry, a decision, an action and a SitRap;
            // and an exercise, which stays home
            let national = try #require(kcr2.app)
            let region = try #require(vr13.app)
            let im = try await HTTP.login(region, "im-vr13")
            let incident = try await Picture.createIncident(region, token: im, title: "Brand Westpoort", extra: Warnings.amsterdam)
            _ = try await Picture.addEntry(region, incident.id, token: im, text: "Rookpluim richting Zaandam", theme: "algemeen")
            let secret = try await HTTP.send(
                region, .POST, "/api/v1/incidents/\(incident.id)/entries",
                json: #"{"theme":"politie","text":"Verdachte aangehouden","source":"OvD Politie","classification":"confidential"}"#, token: im)
            #expect(secret.status == .created, "\(secret.body.string)")
            let decision = try await HTTP.send(
                region, .POST, "/api/v1/incidents/\(incident.id)/decisions", json: #"{"team":"rot","text":"Scholen in Westpoort dicht","decidedBy":"OL"}"#,
                token: im)
            #expect(decision.status == .created, "\(decision.body.string)")
            let action = try await HTTP.send(
                region, .POST, "/api/v1/incidents/\(incident.id)/actions", json: #"{"text":"Omleiding instellen","owner":"VR13"}"#, token: im)
            #expect(action.status == .created, "\(action.body.string)")
            let sitrap = try await HTTP.send(region, .POST, "/api/v1/incidents/\(incident.id)/sitraps", json: "{}", token: im)
            #expect(sitrap.status == .created, "\(sitrap.body.string)")
            let exercise = try await Picture.createIncident(region, token: im, title: "Oefening Noordzee", exercise: true)
            _ = try await Picture.addEntry(region, exercise.id, token: im, text: "Oefenbericht")

            // MUT: the outbox pass queues one copy per changed real incident, coalesced, and delivers it
            #expect(try await queue(region) == 1, "one copy for the real incident, none for the exercise")
            #expect(try await queue(region) == 0, "nothing changed since")
            _ = try await deliver(region)

            // validate: the emergency account of VR13 reads the list and the copy
            let nood = try await HTTP.login(national, "nood-vr13")
            let list = try await HTTP.send(national, .GET, "/api/v1/fallback/incidents", token: nood)
            #expect(list.status == .ok, "\(list.body.string)")
            let items = try list.content.decode([FallbackController.ItemDTO].self)
            #expect(items.map(\.title) == ["Brand Westpoort"])
            #expect(items.first?.sitrapNumber == 1 && items.first?.sourceNode == "vr13")
            let detailPath = "/api/v1/fallback/incidents/vr13/\(incident.id)"
            let detail = try await HTTP.send(national, .GET, detailPath, token: nood)
            #expect(detail.status == .ok, "\(detail.body.string)")
            let copy = try detail.content.decode(FallbackController.DetailDTO.self)
            #expect(copy.picture.entries.map(\.text) == ["Rookpluim richting Zaandam"], "confidential never leaves the region")
            #expect(copy.picture.decisions.map(\.text) == ["Scholen in Westpoort dicht"])
            #expect(copy.picture.openActions.map(\.text) == ["Omleiding instellen"])
            #expect(copy.picture.sitrap?.number == 1 && copy.picture.sitrap?.title == "Brand Westpoort")
            #expect(copy.picture.ceiling == .internal)
            #expect(!(try await HTTP.send(national, .GET, detailPath, token: nood).body.string.contains("Verdachte")))

            // ... and nothing else: not the national picture, not capacity, partners or incidents
            for path in ["/api/v1/national/incidents", "/api/v1/capacity/overview", "/api/v1/partners/overview", "/api/v1/incidents",
                         "/api/v1/national/groupings", "/api/v1/users"] {
                let refused = try await HTTP.send(national, .GET, path, token: nood)
                #expect(refused.status == .forbidden, "\(path): \(refused.status)")
            }
            // Not another region's copy, whether or not it exists; that region's own emergency account reads it.
            let other = UUID()
            let otherRow = FallbackPictureModel()
            otherRow.sourceNode = "vr12"
            otherRow.sourceIncident = other
            otherRow.region = "VR12"
            otherRow.reference = "VR12-2027-0001"
            otherRow.title = "Duinbrand"
            otherRow.grip = 2
            otherRow.phase = "acute"
            let row = try #require(try await FallbackPictureModel.query(on: national.db).first())
            otherRow.body = row.body
            otherRow.pictureAt = row.pictureAt
            otherRow.receivedAt = row.receivedAt
            try await otherRow.create(on: national.db)
            let refused = try await HTTP.send(national, .GET, "/api/v1/fallback/incidents/vr12/\(other)", token: nood)
            #expect(refused.status == .forbidden)
            #expect(HTTP.problemDetail(refused).contains("VR13"))
            #expect(try await HTTP.send(national, .GET, "/api/v1/fallback/incidents/vr12/\(UUID())", token: nood).status == .forbidden)
            #expect(try await HTTP.send(national, .GET, "/api/v1/fallback/incidents", token: nood).content
                .decode([FallbackController.ItemDTO].self).map(\.region) == ["VR13"])
            _ = try await AccountService(application: national).createUser(
                username: "nood-vr12", displayName: "Noodaccount VR12", organisationCode: "VR12", role: .noodaccount,
                password: "lang-genoeg-1", actor: .commandLine)
            let nood12 = try await HTTP.login(national, "nood-vr12", password: "lang-genoeg-1")
            #expect(try await HTTP.send(national, .GET, "/api/v1/fallback/incidents/vr12/\(other)", token: nood12).status == .ok)
            #expect(try await HTTP.send(national, .GET, detailPath, token: nood12).status == .forbidden)

            // The national node's analyst and its administrator do not read the region's copy.
            for name in ["analist-kcr2", "admin"] {
                let token = try await HTTP.login(national, name)
                #expect(try await HTTP.send(national, .GET, "/api/v1/fallback/incidents", token: token).status == .forbidden, "\(name)")
            }
            // An emergency account belongs to a region.
            await #expect(throws: Problem.self) {
                try await AccountService(application: national).createUser(
                    username: "nood-kcr2", displayName: "Fout", organisationCode: "KCR2", role: .noodaccount,
                    password: "lang-genoeg-1", actor: .commandLine)
            }

            // Every read is journaled with the user (and the incident for a copy); every refusal too.
            let reads = try await JournalEventModel.query(on: national.db).filter(\.$kind == "fallback.read").all()
            #expect(Set(reads.map(\.actor)) == ["nood-vr13", "nood-vr12"])
            let copyReads = reads.filter { $0.actor == "nood-vr13" && $0.payload.contains(#""incident":"\#(incident.id.uuidString)""#) }
            #expect(copyReads.count == 2, "the two reads of VR13's copy name the incident")
            let refusals = try await JournalEventModel.query(on: national.db).filter(\.$kind == "fallback.refused").all()
            #expect(refusals.count >= 5 && refusals.contains { $0.actor == "analist-kcr2" })

            // The pages: the banner, the copy without the confidential entry, and no way into the national picture.
            let cookie = try await webLogin(national, "nood-vr13")
            let home = try await national.testing().sendRequest(.GET, "/", headers: cookie)
            #expect(home.status == .seeOther && home.headers.first(name: .location) == "/fallback")
            let page = try await national.testing().sendRequest(.GET, "/fallback", headers: cookie)
            #expect(page.status == .ok)
            #expect(page.body.string.contains("Terugvalkopie") && page.body.string.contains("Brand Westpoort"))
            #expect(page.body.string.contains("laatst bijgewerkt om"))
            let incidentPage = try await national.testing().sendRequest(.GET, "/fallback/vr13/\(incident.id)", headers: cookie)
            #expect(incidentPage.status == .ok)
            #expect(incidentPage.body.string.contains("Rookpluim richting Zaandam") && !incidentPage.body.string.contains("Verdachte"))
            #expect(incidentPage.body.string.contains("SitRap 1"))
            #expect(try await national.testing().sendRequest(.GET, "/national", headers: cookie).status == .forbidden)
            #expect(try await national.testing().sendRequest(.GET, "/incidents", headers: cookie).status == .forbidden)
        }
    }

    @Test("changes while the national node is down wait as one message per incident; the latest copy follows; a closed incident is withdrawn")
    func coalescedAndWithdrawn() async throws {
        try await withNodePair { kcr2, vr13 in
            let national = try #require(kcr2.app)
            let region = try #require(vr13.app)
            let im = try await HTTP.login(region, "im-vr13")
            let incident = try await Picture.createIncident(region, token: im, title: "Hoogwater Amstel")
            #expect(try await queue(region) == 1)

            // setup: the national node is down; the first copy waits, and three changes follow
            try await kcr2.stop()
            #expect(try await deliver(region) == 0)
            for text in ["Kade houdt", "Kade wordt verhoogd", "Zandzakken geplaatst"] {
                _ = try await Picture.addEntry(region, incident.id, token: im, text: text, theme: "algemeen")
            }
            // MUT: the outbox passes while it is down
            #expect(try await queue(region) == 0, "the first copy still waits: nothing more is queued")
            #expect(try await waitingFallback(region) == 1)

            // validate: it returns; the waiting copy arrives, then one copy with all three changes
            try await kcr2.start()
            let returned = try #require(kcr2.app)
            try await NodeOutboxModel.query(on: region.db).set(\.$nextAttempt, to: 0).update()
            _ = try await deliver(region)
            #expect(try await queue(region) == 1)
            _ = try await deliver(region)
            #expect(try await waitingFallback(region) == 0)
            let copy = try #require(try await FallbackPictureModel.query(on: returned.db).first())
            #expect(Set(try FallbackPicture.picture(copy).entries.map(\.text)) == ["Kade houdt", "Kade wordt verhoogd", "Zandzakken geplaatst"])
            let fallbackMessages = try await NodeInboxModel.query(on: returned.db).filter(\.$kind == FallbackPicture.kind).count()
            #expect(fallbackMessages == 2, "four changes, two messages")

            // A closed incident is withdrawn from the national node, once.
            let closed = try await HTTP.send(
                region, .PATCH, "/api/v1/incidents/\(incident.id)", json: #"{"baseVersion":1,"status":"closed"}"#, token: im)
            #expect(closed.status == .ok, "\(closed.body.string)")
            #expect(try await queue(region) == 1)
            _ = try await deliver(region)
            #expect(try await FallbackPictureModel.query(on: returned.db).count() == 0)
            let nood = try await HTTP.login(returned, "nood-vr13")
            let gone = try await HTTP.send(returned, .GET, "/api/v1/fallback/incidents/vr13/\(incident.id)", token: nood)
            #expect(gone.status == .notFound)
            _ = national
        }
    }

    @Test("a regional node's copy is kept only for its own region")
    func copyForAnotherRegionIsRefused() async throws {
        try await withTestApp(role: .national) { app in
            let copy = FallbackPicture.Copy(incident: UUID(), region: RegionCode(number: 12), withdrawn: true, composedAt: Date(), picture: nil)
            try await app.knooppunt.write(on: app.db) { db in
                try await FallbackPicture.apply(Data(try CanonicalJSON.encode(copy).utf8), from: "vr13", at: 0, on: db)
            }
            let refused = try await JournalEventModel.query(on: app.db).filter(\.$kind == "fallback.refused").all()
            #expect(refused.count == 1 && refused[0].payload.contains("own region"))
        }
    }

    /// Logs in through the form and returns the session cookie header (an emergency account has no home page).
    private func webLogin(_ app: Application, _ username: String) async throws -> HTTPHeaders {
        let csrf = try await WebSession.csrfCookie(app)
        let response = try await WebSession.postForm(
            app, "/login", fields: ["_csrf": csrf, "username": username, "password": "demo", "next": "/"],
            cookies: "\(CSRFMiddleware.cookieName)=\(csrf)")
        #expect(response.status == .seeOther)
        let session = try #require(response.headers.setCookie?[AuthenticationMiddleware.sessionCookie]?.string)
        return ["Cookie": "\(AuthenticationMiddleware.sessionCookie)=\(session)"]
    }
}
