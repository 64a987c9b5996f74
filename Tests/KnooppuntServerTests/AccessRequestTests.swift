import Fluent
import Foundation
import KnooppuntCore
import Testing
import Vapor
import VaporTesting

@testable import KnooppuntServer

@Suite("Asking for access and role homes (decision 0023)")
struct AccessRequestTests {
    static func ask(_ app: Application, _ incident: UUID, token: String, json: String = #"{"reason":"Onderstation naast de brand"}"#)
        async throws -> TestingHTTPResponse
    {
        try await HTTP.send(app, .POST, "/api/v1/incidents/\(incident)/access-requests", json: json, token: token)
    }

    @Test("TenneT asks for access to a fire in its area, the IM of VR13 grants it, and TenneT reads the incident")
    func askAndGrant() async throws {
        try await withTestApp { app in
            // setup: a fire in VR13; TenneT watches fires there but is not linked
            let im = try await HTTP.login(app, "im-vr13")
            let tennet = try await HTTP.login(app, "tennet")
            let incident = try await Picture.createIncident(app, token: im, title: "Brand bij onderstation")
            #expect(try await HTTP.send(app, .GET, "/api/v1/incidents/\(incident.id)", token: tennet).status == .notFound)

            // MUT: TenneT asks; asking twice while open is refused
            let asked = try await Self.ask(app, incident.id, token: tennet)
            #expect(asked.status == .created, "\(asked.body.string)")
            let request = try asked.content.decode(AccessRequestDTO.self)
            #expect(request.status == .open && request.organisation == "TENNET" && request.requestedByName == "Lucas Peters")
            #expect(try await Self.ask(app, incident.id, token: tennet).status == .conflict)

            // validate: the IM sees it and grants it; the partner now reads the incident
            let listed = try await HTTP.send(app, .GET, "/api/v1/incidents/\(incident.id)/access-requests", token: im)
            #expect(try listed.content.decode([AccessRequestDTO].self).map(\.id) == [request.id])
            let decided = try await HTTP.send(
                app, .POST, "/api/v1/incidents/\(incident.id)/access-requests/\(request.id)/decision", json: #"{"grant":true}"#, token: im)
            #expect(decided.status == .ok, "\(decided.body.string)")
            let answer = try decided.content.decode(AccessRequestDTO.self)
            #expect(answer.status == .granted && answer.grant != nil && answer.decidedBy == "im-vr13")
            #expect(try await HTTP.send(app, .GET, "/api/v1/incidents/\(incident.id)", token: tennet).status == .ok)
            // TenneT's entry waits for verification: the IM's home counts it on the incident
            let entry = try await Access.entry(
                app, incident.id, token: tennet, json: #"{"theme":"partner:TENNET","text":"Onderstation afgeschakeld","source":"Netbeheer"}"#)
            #expect(entry.status == .created, "\(entry.body.string)")
            let imHome = try await WebSession.login(app, "im-vr13").get(app, "/").body.string
            #expect(imHome.contains("1 te verifiëren"))
            #expect(try await WebSession.login(app, "tennet").get(app, "/").body.string.contains("te verifiëren") == false)
            // deciding twice is refused; every step is in the journal
            let again = try await HTTP.send(
                app, .POST, "/api/v1/incidents/\(incident.id)/access-requests/\(request.id)/decision", json: #"{"grant":false}"#, token: im)
            #expect(again.status == .conflict)
            let kinds = try await JournalEventModel.query(on: app.db).sort(\.$id).all().map(\.kind)
            #expect(kinds.filter { ["access.requested", "access.granted", "access.request-decided"].contains($0) }
                == ["access.requested", "access.granted", "access.request-decided"])
        }
    }

    @Test("a partner without standing, another region's IM and an empty reason are refused and change nothing")
    func refusals() async throws {
        try await withTestApp { app in
            let im = try await HTTP.login(app, "im-vr13")
            let incident = try await Picture.createIncident(app, token: im, title: "Brand in loods")
            // RWS watches floods, not fires: no standing to ask
            let rws = try await HTTP.login(app, "rws")
            let refused = try await Self.ask(app, incident.id, token: rws)
            #expect(refused.status == .notFound || refused.status == .forbidden)
            // an empty reason names the field
            let tennet = try await HTTP.login(app, "tennet")
            let empty = try await Self.ask(app, incident.id, token: tennet, json: #"{"reason":"  "}"#)
            #expect(empty.status == .unprocessableEntity)
            #expect(HTTP.problemDetail(empty).contains("reason"))
            #expect(try await AccessRequestModel.query(on: app.db).count() == 0)

            // another region's IM may not decide, nor list
            let request = try await Self.ask(app, incident.id, token: tennet).content.decode(AccessRequestDTO.self)
            let other = try await HTTP.login(app, "im-vr12")
            let decided = try await HTTP.send(
                app, .POST, "/api/v1/incidents/\(incident.id)/access-requests/\(request.id)/decision", json: #"{"grant":true}"#, token: other)
            #expect(decided.status == .notFound || decided.status == .forbidden)
            #expect(try await HTTP.send(app, .GET, "/api/v1/incidents/\(incident.id)/access-requests", token: other).status != .ok)
            #expect(try await AccessRequestModel.query(on: app.db).first()?.status == "open")
            #expect(try await HTTP.send(app, .GET, "/api/v1/incidents/\(incident.id)", token: tennet).status == .notFound)
        }
    }

    @Test("homes respect access: the partner sees only the minimal fact and a form, the IM the request to answer")
    func homes() async throws {
        try await withTestApp { app in
            let im = try await HTTP.login(app, "im-vr13")
            let incident = try await Picture.createIncident(app, token: im, title: "Brand bij onderstation")

            // the partner's home: the incident in its area without its title, and the way to ask
            let partner = try await WebSession.login(app, "tennet")
            let before = try await partner.get(app, "/").body.string
            #expect(before.contains("Incidenten in uw gebied"))
            #expect(before.contains(incident.reference))
            #expect(!before.contains("Brand bij onderstation"))
            #expect(before.contains("/incidents/\(incident.id)/access-requests"))
            #expect(before.contains("U bent aan geen open incident gekoppeld."))

            // RWS (floods only) sees no such incident, and no count of it
            let rws = try await WebSession.login(app, "rws").get(app, "/").body.string
            #expect(!rws.contains(incident.reference))

            // asking through the page; the IM's home lists the request with its reason
            let asked = try await WebSession.postForm(
                app, "/incidents/\(incident.id)/access-requests", fields: ["_csrf": partner.csrf, "reason": "Onderstation in gevaar"],
                cookies: "\(CSRFMiddleware.cookieName)=\(partner.csrf); \(AuthenticationMiddleware.sessionCookie)=\(partner.session)")
            #expect(asked.status == .seeOther)
            #expect(try await partner.get(app, "/").body.string.contains("Uw verzoek wacht op de informatiemanager."))
            let manager = try await WebSession.login(app, "im-vr13")
            let home = try await manager.get(app, "/").body.string
            #expect(home.contains("Verzoeken om toegang (1)"))
            #expect(home.contains("Onderstation in gevaar"))
            #expect(home.contains("Brand bij onderstation"))
            // another region's IM does not see it
            let other = try await WebSession.login(app, "im-vr12").get(app, "/").body.string
            #expect(!other.contains("Onderstation in gevaar"))
            // the reference view moved to /regios
            let regions = try await manager.get(app, "/regios")
            #expect(regions.status == .ok && regions.body.string.contains(#"id="region-table""#))
        }
    }

    @Test("on the national node the menu leads to the national pages, and /broker lists a region's request /capacity lists")
    func nationalNode() async throws {
        try await withNodePair { kcr2, vr13 in
            let national = try #require(kcr2.app)
            let region = try #require(vr13.app)
            // setup: VR13 asks for a high-capacity pump; the request reaches the national node
            let request = try await HTTP.send(region, .POST, "/api/v1/assistance-requests", json: """
                {"type":"hcp","quantity":1,"locationText":"Polder Ouderkerk","reason":"Polder loopt onder"}
                """, token: try await HTTP.login(region, "ol-vr13")).content.decode(AssistanceRequestDTO.self)
            _ = try await FederationOutbox(db: region.db, context: region.knooppunt).deliverDue(transport: HTTPNodeTransport())

            // MUT: the analyst's pages on the national node
            let analyst = try await WebSession.login(national, "analist-kcr2")
            let home = try await analyst.get(national, "/").body.string
            let capacity = try await analyst.get(national, "/capacity").body.string
            let broker = try await analyst.get(national, "/broker").body.string

            // validate
            #expect(home.contains(#"id="nav-incidents" href="/national""#))
            #expect(home.contains(#"id="home-national""#))
            #expect(!home.contains("Geen open incidenten"))
            #expect(capacity.contains(request.number))
            #expect(broker.contains(request.number))
            #expect(broker.contains(#"id="remote-requests""#))
            #expect(!broker.contains("Geen open aanvragen."))
        }
    }
}
