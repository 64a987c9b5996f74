import Fluent
import Foundation
import KnooppuntCore
import Testing
import Vapor
import VaporTesting

@testable import KnooppuntServer

/// The bestuurlijk overzicht (`/bestuur`, `/api/v1/bestuur`): what waits for the signed-in person's
/// decision, the incidents under their authority, and the way back after deciding (issue 15, decision 0020).
@Suite("Bestuurlijk overzicht")
struct BestuurOverviewTests {
    static let ouderkerk = #","location":{"type":"Point","coordinates":[4.9012,52.2951]}"#

    static func overview(_ app: Application, token: String) async throws -> BestuurOverview {
        let response = try await HTTP.send(app, .GET, "/api/v1/bestuur", token: token)
        #expect(response.status == .ok, "\(response.body.string)")
        return try response.content.decode(BestuurOverview.self)
    }

    @Test("the burgemeester of Ouder-Amstel finds the GRIP 3 proposal under 'te beslissen' and the incident under her authority; the IM does not; partners are refused")
    func api() async throws {
        try await withTestApp { app in
            let im = try await HTTP.login(app, "im-vr13")
            let bgm = try await HTTP.login(app, "bgm-ouder-amstel")
            let incident = try await Picture.createIncident(app, token: im, title: "Dijkdoorbraak Ouderkerk", extra: Self.ouderkerk)
            let made = try await HTTP.send(
                app, .POST, "/api/v1/incidents/\(incident.id)/proposals", json: #"{"grip":3,"reason":"Ontruiming Ouderkerk"}"#, token: im)
            #expect(made.status == .created, "\(made.body.string)")
            let proposal = try made.content.decode(ProposalView.self)

            let hers = try await Self.overview(app, token: bgm)
            let pending = try #require(hers.toDecide.first)
            #expect(hers.toDecide.count == 1 && pending.proposal.id == proposal.id && pending.proposal.mayDecide)
            #expect(pending.proposal.proposes.nl == "GRIP 3 (lokaal)" && pending.incidentTitle == "Dijkdoorbraak Ouderkerk")
            #expect(pending.proposal.proposedBy != "im-vr13", "a display name, not a username")
            let under = try #require(hers.underAuthority.first)
            #expect(under.incident == incident.id && under.whoDecides.nl == "de burgemeester van Ouder-Amstel")
            #expect(under.asHolder.nl == "de burgemeester van Ouder-Amstel" && under.decisionsOutsideAuthority == 0)
            #expect(hers.offices.map(\.nl) == ["de burgemeester van Ouder-Amstel"] && hers.explanation == nil)

            let ims = try await Self.overview(app, token: im)
            #expect(ims.toDecide.isEmpty && ims.underAuthority.isEmpty, "the IM proposes; she does not decide")
            #expect(ims.explanation != nil, "nothing for the IM: an explanation, not an empty page")
            let other = try await Self.overview(app, token: try await HTTP.login(app, "bgm-amstelveen"))
            #expect(other.toDecide.isEmpty && other.underAuthority.isEmpty, "Ouderkerk is not Amstelveen's")

            let partner = try await HTTP.login(app, "rws")
            #expect(try await HTTP.send(app, .GET, "/api/v1/bestuur", token: partner).status == .forbidden)
        }
    }

    @Test("the page shows the proposal with its forms; accepting there comes back to /bestuur; a 'next' elsewhere is not followed")
    func page() async throws {
        try await withTestApp { app in
            let im = try await HTTP.login(app, "im-vr13")
            let incident = try await Picture.createIncident(app, token: im, title: "Dijkdoorbraak Ouderkerk", extra: Self.ouderkerk)
            let path = "/api/v1/incidents/\(incident.id)/proposals"
            let first = try await HTTP.send(app, .POST, path, json: #"{"grip":3,"reason":"Ontruiming Ouderkerk"}"#, token: im)
                .content.decode(ProposalView.self)

            let bgm = try await WebSession.login(app, "bgm-ouder-amstel")
            let cookies = bgm.cookieHeader.first(name: "Cookie")!
            // A 'next' that leaves the site is ignored: the rejection returns to the incident.
            let rejected = try await WebSession.postForm(
                app, "/incidents/\(incident.id)/proposals/\(first.id)/reject?next=https%3A%2F%2Fevil.example%2Fbestuur",
                fields: [CSRFMiddleware.fieldName: bgm.csrf, "reason": "Eerst het CoPI horen"], cookies: cookies)
            #expect(rejected.status == .seeOther)
            #expect(rejected.headers.first(name: .location) == "/incidents/\(incident.id)")

            let second = try await HTTP.send(app, .POST, path, json: #"{"grip":3,"reason":"Ontruiming Ouderkerk, CoPI gehoord"}"#, token: im)
            #expect(second.status == .created, "\(second.body.string)")
            let proposal = try second.content.decode(ProposalView.self)
            let page = try await bgm.get(app, "/bestuur")
            #expect(page.status == .ok)
            let html = page.body.string
            #expect(html.contains("Te beslissen (1)") && html.contains("GRIP 3 (lokaal)") && html.contains("Dijkdoorbraak Ouderkerk"))
            #expect(html.contains("id=\"nav-bestuur\""), "the header links the overview")
            #expect(!html.contains("bgm-ouder-amstel") && !html.contains("im-vr13"), "no usernames")
            let accept = "/incidents/\(incident.id)/proposals/\(proposal.id)/accept?next=/bestuur"
            #expect(html.contains(accept))

            let accepted = try await WebSession.postForm(app, accept, fields: [CSRFMiddleware.fieldName: bgm.csrf, "reason": "Akkoord"], cookies: cookies)
            #expect(accepted.status == .seeOther)
            #expect(accepted.headers.first(name: .location) == "/bestuur")
            let after = try await bgm.get(app, "/bestuur").body.string
            #expect(after.contains("Te beslissen (0)") && after.contains("Onder uw gezag (1)") && after.contains("GRIP 3 (lokaal)"))

            // Nobody to decide for: the IM reads an explanation, and no header link.
            let imPage = try await (try await WebSession.login(app, "im-vr13")).get(app, "/bestuur").body.string
            #expect(imPage.contains("U draagt geen bestuurlijk ambt") && !imPage.contains("id=\"nav-bestuur\""))
            let partner = try await WebSession.login(app, "rws")
            #expect(try await partner.get(app, "/bestuur").status == .forbidden)
        }
    }
}
