import Fluent
import Foundation
import KnooppuntCore
import KnooppuntInterop
import Testing
import Vapor
import VaporTesting

@testable import KnooppuntServer

/// Delivers signed envelopes into in-process applications, by the URL each peer is trusted under, through
/// their own inbox route (so the contract middleware of each test app sees the exchange).
struct InProcessTransport: NodeTransport {
    let apps: [String: Application]

    func deliver(_ envelope: Data, signature: String, from node: String, to url: String) async -> DeliveryResult {
        guard let app = apps[url] else { return .failed("no application at \(url)") }
        var headers = HTTPHeaders()
        headers.contentType = .xml
        headers.add(name: FederationService.nodeHeader, value: node)
        headers.add(name: FederationService.signatureHeader, value: signature)
        do {
            let response = try await app.testing().sendRequest(.POST, "/api/v1/federation/inbox", headers: headers, body: ByteBuffer(data: envelope))
            switch response.status.code {
            case 200, 201: return .acknowledged
            case 409: return response.headers.first(name: "Knooppunt-Expected-Sequence").flatMap(Int64.init).map { .expects($0) } ?? .failed("409")
            default: return .failed("\(response.status.code): \(response.body.string)")
            }
        } catch {
            return .failed("\(error)")
        }
    }
}

/// The national node kcr2 and the regional nodes vr13 and vr12, each an in-process test application with
/// the demo data on one manual clock, with their identities and mutual trust.
struct ThreeNodes {
    let kcr2: Application
    let vr13: Application
    let vr12: Application
    let transport: InProcessTransport

    static func run(_ body: (ThreeNodes) async throws -> Void) async throws {
        let clock = ManualClock(Picture.start)
        try await withTestApp(clock: clock, role: .national) { kcr2 in
            try await withTestApp(clock: clock, role: .region(RegionCode(number: 13))) { vr13 in
                try await withTestApp(clock: clock, role: .region(RegionCode(number: 12))) { vr12 in
                    let national = FederationService(db: kcr2.db, context: kcr2.knooppunt)
                    let nationalKey = try await national.initialise(name: "kcr2").publicKey
                    for (name, app) in [("vr13", vr13), ("vr12", vr12)] {
                        let regional = FederationService(db: app.db, context: app.knooppunt)
                        let key = try await regional.initialise(name: name).publicKey
                        _ = try await national.trust(name: name, url: "http://\(name).test", publicKey: key, role: "region")
                        _ = try await regional.trust(name: "kcr2", url: "http://kcr2.test", publicKey: nationalKey, role: "national")
                    }
                    let transport = InProcessTransport(apps: ["http://kcr2.test": kcr2, "http://vr13.test": vr13, "http://vr12.test": vr12])
                    try await body(ThreeNodes(kcr2: kcr2, vr13: vr13, vr12: vr12, transport: transport))
                }
            }
        }
    }

    /// Delivers what `app` has queued for its peers; returns how many messages arrived.
    @discardableResult
    func deliver(from app: Application) async throws -> Int {
        try await FederationOutbox(db: app.db, context: app.knooppunt).deliverDue(transport: transport)
    }
}

@Suite("Aanwijzingen: the minister's register, sent over the federation and acknowledged by the voorzitters")
struct AanwijzingTests {
    static let consulted = #"""
        "consultation":[{"party":"voorzitter:VR13","at":"2027-01-15T07:30:00Z","outcome":"Akkoord met opschaling"},
        {"party":"voorzitter:VR12","at":"2027-01-15T07:35:00Z","outcome":"Bezwaar: eigen capaciteit nodig"},
        {"party":"cdk:PV27","at":"2027-01-15T07:40:00Z","outcome":"Geraadpleegd, geen bezwaar"}]
        """#

    /// The field a 422 problem names.
    static func field(_ response: TestingHTTPResponse) -> String? {
        let object = try? JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any]
        return object?["field"] as? String
    }

    static func aanwijzing(_ incident: UUID, extra: String) -> String {
        #"{"kind":"warm","addressees":["VR13","VR12"],"incidents":[{"node":"vr13","incident":"\#(incident)"}],"matters":["scaling"],"#
            + #""direction":"Schaal op naar GRIP 5 en vorm een IRBT met Kennemerland.","legalBasis":"Art. 42 Wvr (voorgesteld)","#
            + #""justification":"De regio's stemmen de evacuatie niet af; sturing is nodig en proportioneel."\#(extra)}"#
    }

    /// An incident on VR13's node involving VR13 and VR12 at GRIP 4, known to the national picture.
    static func supraRegionalIncident(_ nodes: ThreeNodes) async throws -> IncidentView {
        let voorzitter = try await HTTP.login(nodes.vr13, "voorzitter-vr13")
        let created = try await HTTP.send(
            nodes.vr13, .POST, "/api/v1/incidents",
            json: #"{"title":"Hoogwater Lek","category":"overstroming","grip":4,"gripReason":"Dijkbewaking in twee regio's","involvedRegions":["VR13","VR12"]}"#,
            token: voorzitter)
        #expect(created.status == .created, "\(created.body.string)")
        let incident = try created.content.decode(IncidentView.self)
        #expect(try await nodes.deliver(from: nodes.vr13) >= 1)
        return incident
    }

    @Test("an aanwijzing from the national node about an incident of VR13 and VR12 reaches both; each voorzitter acknowledges; the register shows both")
    func givenDeliveredAcknowledged() async throws {
        try await ThreeNodes.run { nodes in
            let incident = try await Self.supraRegionalIncident(nodes)
            let minister = try await HTTP.login(nodes.kcr2, "minister-jenv")

            // MUT: the minister gives it after consulting both voorzitters and the CdK of Noord-Holland.
            let given = try await HTTP.send(nodes.kcr2, .POST, "/api/v1/aanwijzingen", json: Self.aanwijzing(incident.id, extra: "," + Self.consulted), token: minister)
            #expect(given.status == .created, "\(given.body.string)")
            let register = try given.content.decode(AanwijzingView.self)
            #expect(register.deliveries?.map(\.regionName) == ["Kennemerland", "Amsterdam-Amstelland"])
            #expect(register.deliveries?.allSatisfy { !$0.delivered && $0.acknowledgedAt == nil } == true)
            #expect(register.consultation.map(\.partyName.nl) == [
                "de voorzitter van Amsterdam-Amstelland", "de voorzitter van Kennemerland", "de commissaris van de Koning in Noord-Holland",
            ])
            #expect(register.givenBy == "Robert Kramer" && register.mayWithdraw && register.inForce)
            #expect(try await nodes.deliver(from: nodes.kcr2) == 2)

            // VR13: the voorzitter sees it on the incident, is bound by it, and acknowledges; the IM may not.
            let voorzitter13 = try await HTTP.login(nodes.vr13, "voorzitter-vr13")
            let received = try await HTTP.send(nodes.vr13, .GET, "/api/v1/aanwijzingen", token: voorzitter13).content.decode([AanwijzingView].self)
            #expect(received.map(\.id) == [register.id])
            #expect(received.first?.incidents.first?.here == true && received.first?.mayAcknowledge == true && received.first?.from == "kcr2")
            let authority = try await HTTP.send(nodes.vr13, .GET, "/api/v1/incidents/\(incident.id)/authority", token: voorzitter13)
                .content.decode(AuthorityView.self)
            #expect(authority.holders.map(\.kind) == ["voorzitter", "voorzitter", "minister"])
            #expect(authority.holders.last?.decidesOnly == [.scaling])
            #expect(authority.holders.prefix(2).allSatisfy { $0.boundByAanwijzing == [.scaling] })
            let page = try await WebSession.login(nodes.vr13, "voorzitter-vr13")
            let html = try await nodes.vr13.testing().sendRequest(.GET, "/incidents/\(incident.id)", headers: page.cookieHeader).body.string
            #expect(html.contains("Aanwijzing van de minister van JenV") && html.contains("Schaal op naar GRIP 5"))
            #expect(html.contains("de voorzitter van Amsterdam-Amstelland (gebonden aan aanwijzing)"))
            #expect(html.contains("acknowledge-aanwijzing"))
            let im = try await HTTP.login(nodes.vr13, "im-vr13")
            #expect(try await HTTP.send(nodes.vr13, .POST, "/api/v1/aanwijzingen/\(register.id)/acknowledge", token: im).status == .forbidden)
            let liaison = try await HTTP.login(nodes.vr13, "hin-gedetacheerd-vr13")
            #expect(try await HTTP.send(nodes.vr13, .GET, "/api/v1/aanwijzingen", token: liaison).status == .forbidden)
            let acknowledged = try await WebSession.postForm(
                nodes.vr13, "/aanwijzingen/\(register.id)/acknowledge", fields: ["_csrf": page.csrf, "next": "/incidents/\(incident.id)"],
                cookies: page.cookieHeader.first(name: "Cookie") ?? "")
            #expect(acknowledged.status == .seeOther && acknowledged.headers.first(name: .location) == "/incidents/\(incident.id)")

            // VR12 holds no copy of the incident; its voorzitter acknowledges from the list.
            let voorzitter12 = try await HTTP.login(nodes.vr12, "voorzitter-vr12")
            let atVR12 = try await HTTP.send(nodes.vr12, .POST, "/api/v1/aanwijzingen/\(register.id)/acknowledge", token: voorzitter12)
            #expect(atVR12.status == .ok, "\(atVR12.body.string)")
            let view12 = try atVR12.content.decode(AanwijzingView.self)
            #expect(view12.acknowledgedBy == "Karin Willems" && view12.incidents.first?.here == false && !view12.mayAcknowledge)
            #expect(try await HTTP.send(nodes.vr12, .POST, "/api/v1/aanwijzingen/\(register.id)/acknowledge", token: voorzitter13).status == .unauthorized)

            // The acknowledgements travel up; the register shows both, by name.
            #expect(try await nodes.deliver(from: nodes.vr13) == 1)
            #expect(try await nodes.deliver(from: nodes.vr12) == 1)
            let analyst = try await HTTP.login(nodes.kcr2, "analist-kcr2")
            let status = try await HTTP.send(nodes.kcr2, .GET, "/api/v1/aanwijzingen/\(register.id)", token: analyst).content.decode(AanwijzingView.self)
            #expect(status.deliveries?.map(\.acknowledgedBy) == ["Karin Willems", "Anne Jansen"])
            #expect(status.deliveries?.allSatisfy { $0.delivered && $0.acknowledgedAt != nil } == true)
            #expect(!status.mayWithdraw, "only the minister withdraws")
            let registerPage = try await WebSession.login(nodes.kcr2, "ncc-jenv")
            let listed = try await nodes.kcr2.testing().sendRequest(.GET, "/aanwijzingen", headers: registerPage.cookieHeader).body.string
            #expect(listed.contains("bevestigd door Anne Jansen") && listed.contains("bevestigd door Karin Willems"), "\(listed)")

            // Journaled on each node; on VR13 with the incident, so its logbook tells.
            let national = try await JournalEventModel.query(on: nodes.kcr2.db).sort(\.$id).all().map(\.kind).filter { $0.hasPrefix("aanwijzing.") }
            #expect(national == ["aanwijzing.given", "aanwijzing.acknowledged", "aanwijzing.acknowledged"])
            let regional = try await JournalEventModel.query(on: nodes.vr13.db).sort(\.$id).all().map(\.kind).filter { $0.hasPrefix("aanwijzing.") }
            #expect(regional == ["aanwijzing.received", "aanwijzing.acknowledged"])
            #expect(try await IncidentJournalModel.query(on: nodes.vr13.db).filter(\.$incidentID == incident.id).count() >= 3)

            // Withdrawn by the minister: it no longer binds on VR13 once the withdrawal arrives.
            let withdrawn = try await HTTP.send(
                nodes.kcr2, .POST, "/api/v1/aanwijzingen/\(register.id)/withdraw", json: #"{"reason":"De regio's werken weer samen"}"#, token: minister)
            #expect(withdrawn.status == .ok, "\(withdrawn.body.string)")
            #expect(try await HTTP.send(nodes.kcr2, .POST, "/api/v1/aanwijzingen/\(register.id)/withdraw", token: minister).status == .conflict)
            #expect(try await nodes.deliver(from: nodes.kcr2) == 2)
            let after = try await HTTP.send(nodes.vr13, .GET, "/api/v1/incidents/\(incident.id)/authority", token: voorzitter13)
                .content.decode(AuthorityView.self)
            #expect(after.holders.map(\.kind) == ["voorzitter", "voorzitter"] && after.holders.allSatisfy(\.boundByAanwijzing.isEmpty))
            let ended = try await HTTP.send(nodes.vr13, .GET, "/api/v1/aanwijzingen/\(register.id)", token: voorzitter13).content.decode(AanwijzingView.self)
            #expect(ended.withdrawalReason == "De regio's werken weer samen" && !ended.inForce && ended.withdrawnBy == "Robert Kramer")
            let secondChair = try await HTTP.login(nodes.vr12, "voorzitter-vr12")
            let late = try await HTTP.send(nodes.vr12, .GET, "/api/v1/aanwijzingen/\(register.id)", token: secondChair).content.decode(AanwijzingView.self)
            #expect(late.withdrawnAt != nil && late.acknowledgedBy == "Karin Willems", "the withdrawal reached VR12 too; its acknowledgement stays")
        }
    }

    @Test("the minister gives an aanwijzing with the register's form: refused in Dutch without consultation or urgency, given and sent with it; others see no form")
    func giveWithTheForm() async throws {
        try await ThreeNodes.run { nodes in
            // setup: the supra-regional incident on the national picture; the minister's register page
            let incident = try await Self.supraRegionalIncident(nodes)
            let minister = try await WebSession.login(nodes.kcr2, "minister-jenv")
            let page = try await minister.get(nodes.kcr2, "/aanwijzingen").body.string
            #expect(page.contains("give-aanwijzing-form") && page.contains("vr13/\(incident.id.uuidString)"))
            let analyst = try await WebSession.login(nodes.kcr2, "analist-kcr2")
            #expect(try await !analyst.get(nodes.kcr2, "/aanwijzingen").body.string.contains("give-aanwijzing-form"))
            let cookies = minister.cookieHeader.first(name: "Cookie") ?? ""
            var pairs: [(String, String)] = [
                ("_csrf", minister.csrf), ("kind", "warm"), ("addressees[]", "VR13"), ("addressees[]", "VR12"),
                ("incidents[]", "vr13/\(incident.id.uuidString)"), ("matters[]", "scaling"),
                ("direction", "Schaal op naar GRIP 5 en vorm een IRBT met Kennemerland."), ("legalBasis", "Art. 42 Wvr (voorgesteld)"),
                ("justification", "De regio's stemmen de evacuatie niet af; sturing is nodig en proportioneel."),
            ]
            // MUT: without consultation or urgency — refused in Dutch, nothing stored
            let refused = try await WebSession.postForm(nodes.kcr2, "/aanwijzingen", pairs: pairs, cookies: cookies)
            #expect(refused.status == .unprocessableEntity && refused.body.string.contains("consultation"), "\(refused.body.string)")
            #expect(try await AanwijzingModel.query(on: nodes.kcr2.db).count() == 0)
            // MUT: with both voorzitters and the CdK of Noord-Holland consulted (local time, as the browser sends it)
            for (party, at) in [("voorzitter:VR13", "2027-01-15T08:30"), ("voorzitter:VR12", "2027-01-15T08:35"), ("cdk:PV27", "2027-01-15T08:40")] {
                pairs += [("consultParty[]", party), ("consultAt[]", at), ("consultOutcome[]", "Akkoord")]
            }
            let given = try await WebSession.postForm(nodes.kcr2, "/aanwijzingen", pairs: pairs, cookies: cookies)
            // validate: given and on its way to both regions, with the consultation in Amsterdam time
            #expect(given.status == .seeOther, "\(given.body.string)")
            let token = try await HTTP.login(nodes.kcr2, "minister-jenv")
            let register = try await HTTP.send(nodes.kcr2, .GET, "/api/v1/aanwijzingen", token: token).content.decode([AanwijzingView].self)
            #expect(register.count == 1 && register.first?.consultation.count == 3)
            #expect(register.first?.consultation.first?.at == ISO8601DateFormatter().date(from: "2027-01-15T07:30:00Z"))
            #expect(try await nodes.deliver(from: nodes.kcr2) == 2)
        }
    }

    @Test("refused: without consultation or urgency (422 naming the field), by anyone but the minister in person, about one region or an unknown incident; urgency with a reason is accepted")
    func refusals() async throws {
        try await ThreeNodes.run { nodes in
            let incident = try await Self.supraRegionalIncident(nodes)
            let minister = try await HTTP.login(nodes.kcr2, "minister-jenv")
            func count() async throws -> Int { try await AanwijzingModel.query(on: nodes.kcr2.db).count() }

            let unconsulted = try await HTTP.send(nodes.kcr2, .POST, "/api/v1/aanwijzingen", json: Self.aanwijzing(incident.id, extra: ""), token: minister)
            #expect(unconsulted.status == .unprocessableEntity)
            #expect(Self.field(unconsulted) == "consultation")
            #expect(HTTP.problemDetail(unconsulted).contains("voorzitter:VR12, voorzitter:VR13, cdk:PV27"))
            let partly = try await HTTP.send(
                nodes.kcr2, .POST, "/api/v1/aanwijzingen",
                json: Self.aanwijzing(incident.id, extra: #","consultation":[{"party":"voorzitter:VR13","at":"2027-01-15T07:30:00Z","outcome":"Akkoord"}]"#),
                token: minister)
            #expect(Self.field(partly) == "consultation")
            #expect(HTTP.problemDetail(partly).contains("cdk:PV27"))

            let urgentNoMatters = Self.aanwijzing(incident.id, extra: #","urgency":"Spoed""#)
                .replacingOccurrences(of: #""matters":["scaling"]"#, with: #""matters":[]"#)
            let emptyUrgency = Self.aanwijzing(incident.id, extra: ",\"urgency\":\"\"")
            for (body, field) in [
                (emptyUrgency, "urgency"),
                (urgentNoMatters, "matters"),
                (Self.aanwijzing(incident.id, extra: #","urgency":"Spoed","validUntil":"2027-01-15T07:00:00Z""#), "validUntil"),
            ] {
                let bad = try await HTTP.send(nodes.kcr2, .POST, "/api/v1/aanwijzingen", json: body, token: minister)
                #expect(bad.status == .unprocessableEntity, "\(body)")
                #expect(Self.field(bad) == field, "\(field): \(bad.body.string)")
            }
            let unknown = try await HTTP.send(nodes.kcr2, .POST, "/api/v1/aanwijzingen", json: Self.aanwijzing(UUID(), extra: #","urgency":"Spoed""#), token: minister)
            #expect(Self.field(unknown) == "incidents")
            let oneRegion = Self.aanwijzing(incident.id, extra: #","urgency":"Spoed""#).replacingOccurrences(of: #"["VR13","VR12"]"#, with: #"["VR17"]"#)
            let vr17 = try await HTTP.send(nodes.kcr2, .POST, "/api/v1/aanwijzingen", json: oneRegion, token: minister)
            #expect(Self.field(vr17) == "incidents")
            #expect(HTTP.problemDetail(vr17).contains("VR17, which is not an involved region"))
            let cold = #"{"kind":"koud","addressees":["VR13"],"direction":"Oefen het rampbestrijdingsplan","legalBasis":"Art. 59 Wvr","justification":"Twee jaar niet geoefend","urgency":"Spoed"}"#
            #expect(Self.field(try await HTTP.send(nodes.kcr2, .POST, "/api/v1/aanwijzingen", json: cold, token: minister)) == "urgency")

            let urgent = Self.aanwijzing(incident.id, extra: #","urgency":"De dijk bezwijkt binnen het uur; overleg is niet mogelijk""#)
            for user in ["analist-kcr2", "im-vr13", "ncc-jenv", "minister-ienw", "cdk-nh"] {
                let token = try await HTTP.login(nodes.kcr2, user)
                let refused = try await HTTP.send(nodes.kcr2, .POST, "/api/v1/aanwijzingen", json: urgent, token: token)
                #expect(refused.status == .forbidden, "\(user)")
                if user == "ncc-jenv" { #expect(HTTP.problemDetail(refused).contains("in person")) }
            }
            let voorzitter = try await HTTP.login(nodes.vr13, "voorzitter-vr13")
            #expect(try await HTTP.send(nodes.vr13, .POST, "/api/v1/aanwijzingen", json: urgent, token: voorzitter).status == .notFound, "given on the national node only")
            #expect(try await count() == 0, "nothing refused was recorded")

            // MUT: urgency with a reason stands in for the consultation.
            let accepted = try await HTTP.send(nodes.kcr2, .POST, "/api/v1/aanwijzingen", json: urgent, token: minister)
            #expect(accepted.status == .created, "\(accepted.body.string)")
            let view = try accepted.content.decode(AanwijzingView.self)
            #expect(view.urgency == "De dijk bezwijkt binnen het uur; overleg is niet mogelijk" && view.consultation.isEmpty)
            #expect(try await count() == 1)
            let partner = try await HTTP.login(nodes.kcr2, "rws")
            #expect(try await HTTP.send(nodes.kcr2, .GET, "/api/v1/aanwijzingen", token: partner).status == .forbidden)

            // Withdrawn before the voorzitter got to it: there is nothing left to acknowledge.
            #expect(try await nodes.deliver(from: nodes.kcr2) == 2)
            #expect(try await HTTP.send(nodes.kcr2, .POST, "/api/v1/aanwijzingen/\(view.id)/withdraw", token: minister).status == .ok)
            #expect(try await nodes.deliver(from: nodes.kcr2) == 2)
            let late = try await HTTP.send(nodes.vr13, .POST, "/api/v1/aanwijzingen/\(view.id)/acknowledge", token: voorzitter)
            #expect(late.status == .conflict, "\(late.body.string)")
        }
    }
}

/// The aanwijzing pages with one aanwijzing in them, in `__Snapshots__/AanwijzingPageSnapshotTests`: the
/// register as the minister sees it (VR12 acknowledged, VR13 not yet), and on VR13 the received list and
/// the incident page as its voorzitter sees them, before acknowledging.
@Suite("Page snapshots: the aanwijzingen register and an aanwijzing received")
struct AanwijzingPageSnapshotTests {
    @Test("the register, the received list and the incident page match their snapshots")
    func pages() async throws {
        try await ThreeNodes.run { nodes in
            let incident = try await AanwijzingTests.supraRegionalIncident(nodes)
            let minister = try await HTTP.login(nodes.kcr2, "minister-jenv")
            let given = try await HTTP.send(
                nodes.kcr2, .POST, "/api/v1/aanwijzingen", json: AanwijzingTests.aanwijzing(incident.id, extra: "," + AanwijzingTests.consulted),
                token: minister)
            let id = try given.content.decode(AanwijzingView.self).id
            try await nodes.deliver(from: nodes.kcr2)
            let voorzitter12 = try await HTTP.login(nodes.vr12, "voorzitter-vr12")
            #expect(try await HTTP.send(nodes.vr12, .POST, "/api/v1/aanwijzingen/\(id)/acknowledge", token: voorzitter12).status == .ok)
            try await nodes.deliver(from: nodes.vr12)

            for (app, user, path, name) in [
                (nodes.kcr2, "minister-jenv", "/aanwijzingen", "register"),
                (nodes.vr13, "voorzitter-vr13", "/aanwijzingen", "received"),
                (nodes.vr13, "voorzitter-vr13", "/incidents/\(incident.id)", "incident"),
            ] {
                let session = try await WebSession.login(app, user)
                let response = try await session.get(app, path)
                #expect(response.status == .ok, "\(path)")
                try HTMLSnapshot.assert(response.body.string, suite: "AanwijzingPageSnapshotTests", name: name)
            }
        }
    }
}
