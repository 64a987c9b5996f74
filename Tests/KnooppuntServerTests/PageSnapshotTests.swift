import Fluent
import Foundation
import KnooppuntCore
import Testing
import Vapor
import VaporTesting

@testable import KnooppuntServer

/// The demo world the page snapshots are taken in, on a manual clock: the demo organisations, users,
/// partners and capacity, the demo incident (with its warning, SitRap and assistance request) and,
/// ten minutes later, a verified entry, a decision, an action and a GRIP change, so the incident page
/// has a history to travel back in. The pages are rendered five minutes after that.
enum SnapshotWorld {
    static let start = Picture.start
    /// Before the later changes: the time-travel view.
    static let earlier = start.addingTimeInterval(5 * 60)

    /// Leaflet as if installed, whatever the machine has: the pages then always include their maps.
    static let leafletDirectory: String = {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("knooppunt-snapshot-leaflet")
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: directory.appendingPathComponent("leaflet.js").path, contents: Data())
        return directory.path
    }()

    struct Standalone {
        let app: Application
        let clock: ManualClock
        let incident: UUID
    }

    static func standalone(_ body: (Standalone) async throws -> Void) async throws {
        let clock = ManualClock(start)
        try await withTestApp(clock: clock, leafletDirectory: leafletDirectory) { app in
            try await DemoIncident.seed(app)
            let incident = try #require(try await IncidentModel.query(on: app.db).first()?.requireID())
            clock.advance(by: 10 * 60)
            try await laterChanges(app, incident)
            clock.advance(by: 5 * 60)
            try await body(Standalone(app: app, clock: clock, incident: incident))
        }
    }

    /// A verified entry, a decision, an action and GRIP 2 on the incident; returns the entry.
    @discardableResult
    static func laterChanges(_ app: Application, _ incident: UUID) async throws -> UUID {
        let im = try await HTTP.login(app, "im-vr13")
        let hin = try await HTTP.login(app, "hin-vr13")
        let entry = try await Picture.addEntry(app, incident, token: im, text: "Dijkbewaking gestart langs de Amsteldijk", theme: "algemeen")
        let verified = try await HTTP.send(
            app, .POST, "/api/v1/incidents/\(incident)/entries/\(entry.id)/verification", json: #"{"baseVersion":1,"status":"verified"}"#,
            token: hin)
        #expect(verified.status == .ok, "\(verified.body.string)")
        let decided = try await HTTP.send(
            app, .POST, "/api/v1/incidents/\(incident)/decisions",
            json: #"{"team":"rot","text":"Bewoners Amsteldijk Noord voorbereiden op evacuatie","decidedBy":"OL"}"#, token: im)
        #expect(decided.status == .created, "\(decided.body.string)")
        let acted = try await HTTP.send(
            app, .POST, "/api/v1/incidents/\(incident)/actions", json: #"{"text":"Zandzakken uitleggen bij de kade","owner":"VR13"}"#,
            token: im)
        #expect(acted.status == .created, "\(acted.body.string)")
        let raised = try await HTTP.send(
            app, .PATCH, "/api/v1/incidents/\(incident)", json: #"{"baseVersion":1,"grip":2,"gripReason":"Evacuatie mogelijk"}"#, token: im)
        #expect(raised.status == .ok, "\(raised.body.string)")
        return entry.id
    }
}

/// Every HTML page of a regional (standalone) node, rendered for a signed-in demo user and compared
/// with its snapshot in `__Snapshots__/PageSnapshotTests`. Re-record after an intended change with
/// `KNOOPPUNT_RECORD_SNAPSHOTS=1 swift test --filter Snapshot` (docs/testing.md).
@Suite("Page snapshots: every page of a regional node as stored")
struct PageSnapshotTests {
    /// One page: who views it (nil: signed out), in which language, the form posted to get it (if it is
    /// the answer to one), and the path, given the world.
    struct Page: CustomTestStringConvertible, Sendable {
        let name: String
        let user: String?
        var language: String? = nil
        var status: HTTPResponseStatus = .ok
        var form: [String: String]? = nil
        let path: @Sendable (SnapshotWorld.Standalone) async throws -> String

        var testDescription: String { name }
    }

    /// The incident and what hangs off it.
    static let incidentPages: [Page] = [
        Page(name: "incidents", user: "im-vr13") { _ in "/incidents" },
        Page(name: "incident", user: "im-vr13") { "/incidents/\($0.incident)" },
        Page(name: "incident-en", user: "im-vr13", language: "en") { "/incidents/\($0.incident)" },
        Page(name: "incident-at", user: "im-vr13") { "/incidents/\($0.incident)?at=\(query(SnapshotWorld.earlier))" },
        Page(name: "incident-logbook-since", user: "im-vr13") { "/incidents/\($0.incident)?since=\(query(SnapshotWorld.earlier))" },
        Page(name: "incident-partner", user: "rws") { "/incidents/\($0.incident)" },
        Page(name: "sitraps", user: "im-vr13") { "/incidents/\($0.incident)/sitraps" },
        Page(name: "sitrap", user: "im-vr13") { "/incidents/\($0.incident)/sitraps/1" },
        Page(name: "public-warning-form", user: "im-vr13") { world in
            _ = try await publishedWarning(world)
            return "/incidents/\(world.incident)/public-warnings"
        },
        Page(name: "public-warning", user: nil) { try await publishedWarning($0) },
        Page(name: "council-report", user: "voorzitter-vr13") { world in
            try await consultedDecision(world)
            return "/incidents/\(world.incident)/report"
        },
        Page(name: "incident-irbt", user: "im-vr12") { try await irbtIncident($0) },
        Page(name: "bestuur", user: "bgm-ouder-amstel") { world in
            let im = try await HTTP.login(world.app, "im-vr13")
            let made = try await HTTP.send(
                world.app, .POST, "/api/v1/incidents/\(world.incident)/proposals", json: #"{"grip":3,"reason":"Ontruiming Amsteldijk Noord"}"#,
                token: im)
            #expect(made.status == .created, "\(made.body.string)")
            return "/bestuur"
        },
        Page(name: "bestuur-nothing", user: "im-vr13") { _ in "/bestuur" },
    ]

    /// Everything else.
    static let otherPages: [Page] = [
        Page(name: "login", user: nil) { _ in "/login" },
        Page(name: "login-failed", user: nil, status: .unauthorized, form: ["username": "im-vr13", "password": "fout", "next": "/"]) { _ in
            "/login"
        },
        Page(name: "home", user: "im-vr13") { _ in "/" },
        Page(name: "home-en", user: "im-vr13", language: "en") { _ in "/" },
        Page(name: "home-partner", user: "tennet") { _ in "/" },
        Page(name: "home-voorzitter", user: "voorzitter-vr13") { _ in "/" },
        Page(name: "regions", user: "im-vr13") { _ in "/regios" },
        Page(name: "received-warnings", user: "im-vr13") { _ in "/warnings" },
        Page(name: "capacity", user: "im-vr13") { _ in "/capacity" },
        Page(name: "capacity-types", user: "admin") { _ in "/capacity/types" },
        Page(name: "assistance-request", user: "im-vr13") { try await assistanceRequest($0) },
        Page(name: "broker", user: "analist-kcr2") { _ in "/broker" },
        Page(name: "partners", user: "im-vr13") { _ in "/partners" },
        Page(name: "partner", user: "im-vr13") { _ in "/partners/RODEKRUIS" },
        Page(name: "monitoring", user: "rws") { _ in "/monitoring" },
        Page(name: "access-report", user: "voorzitter-vr13") { _ in "/access-report" },
        Page(name: "map", user: "im-vr13") { _ in "/map" },
        Page(name: "national-on-regional-node", user: "analist-kcr2") { _ in "/national" },
        Page(name: "home-risk-advisor", user: "risicoadviseur-vr13") { _ in "/" },
        Page(name: "risk-profile", user: "risicoadviseur-vr13") { _ in "/risicoprofiel" },
        Page(name: "risk-profile-vr12-en", user: "im-vr13", language: "en") { _ in "/risicoprofiel?regio=VR12" },
        Page(name: "risk", user: "risicoadviseur-vr13") { try await risk($0) },
        Page(name: "risk-voorzitter", user: "voorzitter-vr13") { try await risk($0) },
        Page(name: "risks-national", user: "analist-kcr2") { _ in "/risicoprofiel/landelijk" },
        Page(name: "risk-pictures", user: "risicoadviseur-vr13") { _ in "/risicobeelden" },
        Page(name: "plans", user: "risicoadviseur-vr13") { _ in "/plannen" },
        Page(name: "plan", user: "im-vr13") { try await plan($0, "Coördinatieplan hoogwater Amstel") },
        Page(name: "risk-pictures-partner", user: "agv") { _ in "/risicobeelden" },
        Page(name: "risk-picture-flood", user: "im-vr13") { try await riskPicture($0, "Hoogwater Amstel bij Ouderkerk") },
        Page(name: "risk-picture-storm", user: "im-vr13") { try await riskPicture($0, "Zware storm verwacht") },
        Page(name: "risk-picture-storm-agv", user: "agv") { try await riskPicture($0, "Zware storm verwacht") },
        Page(name: "error-404", user: "im-vr13", status: .notFound) { _ in "/no-such-page" },
        Page(name: "error-403", user: "rws", status: .forbidden) { _ in "/partners" },
    ]

    // Each page in a world of its own, one page at a time per list: on PostgreSQL every world is a database
    // with its own connections, and the whole server suite has to stay within the server's connection limit.
    // The two lists run side by side.

    @Test("the incident pages match their snapshots", .serialized, arguments: incidentPages)
    func incidentPage(_ page: Page) async throws { try await check(page) }

    @Test("the other pages match their snapshots", .serialized, arguments: otherPages)
    func otherPage(_ page: Page) async throws { try await check(page) }

    private func check(_ page: Page) async throws {
        try await SnapshotWorld.standalone { world in
            let path = try await page.path(world)
            var headers: HTTPHeaders = [:]
            var csrf: String?
            if let user = page.user {
                var session = try await WebSession.login(world.app, user)
                session.language = page.language
                headers = session.cookieHeader
                csrf = session.csrf
            } else if let language = page.language {
                headers = ["Cookie": "\(Request.languageCookie)=\(language)"]
            }
            let response: TestingHTTPResponse
            if let form = page.form {
                let token: String
                if let csrf { token = csrf } else { token = try await WebSession.csrfCookie(world.app) }
                let cookies = headers.first(name: "Cookie") ?? "\(CSRFMiddleware.cookieName)=\(token)"
                response = try await WebSession.postForm(
                    world.app, path, fields: form.merging([CSRFMiddleware.fieldName: token]) { $1 }, cookies: cookies)
            } else {
                response = try await world.app.testing().sendRequest(.GET, path, headers: headers)
            }
            #expect(response.status == page.status, "\(path): \(response.body.string.prefix(500))")
            try HTMLSnapshot.assert(response.body.string, suite: "PageSnapshotTests", name: page.name)
        }
    }

    static func query(_ date: Date) -> String {
        Picture.rfc3339(date).addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
    }

    /// The demo incident's published public warning, at `/waarschuwingen/{id}`.
    static func publishedWarning(_ world: SnapshotWorld.Standalone) async throws -> String {
        // The burgemeester of Ouder-Amstel, one of the demo incident's competent authorities (decision 0020).
        let burgemeester = try await HTTP.login(world.app, "bgm-ouder-amstel")
        let response = try await PublicWarnings.publish(world.app, world.incident, token: burgemeester)
        #expect(response.status == .created, "\(response.body.string)")
        return "/waarschuwingen/\(try response.content.decode(PublicWarningDTO.self).id)"
    }

    /// A public warning, and the voorzitter's record that the council of Ouder-Amstel was consulted on the
    /// world's decision: the report to the councils then has every section filled.
    static func consultedDecision(_ world: SnapshotWorld.Standalone) async throws {
        _ = try await publishedWarning(world)
        let voorzitter = try await HTTP.login(world.app, "voorzitter-vr13")
        let decisions = try await HTTP.send(world.app, .GET, "/api/v1/incidents/\(world.incident)/decisions", token: voorzitter)
        let decision = try #require(try decisions.content.decode([DecisionView].self).first)
        let consulted = try await HTTP.send(
            world.app, .POST, "/api/v1/incidents/\(world.incident)/decisions/\(decision.id)/consultations",
            json: #"{"councils":["GM0437"],"consultedAt":"\#(Picture.rfc3339(SnapshotWorld.start.addingTimeInterval(8 * 60)))","#
                + #""position":"De raad van Ouder-Amstel steunt de voorbereiding van de evacuatie"}"#,
            token: voorzitter)
        #expect(consulted.status == .created, "\(consulted.body.string)")
    }

    /// The demo incident with VR12 involved too, its IRBT formed by VR13's IM, a decision only VR13's
    /// voorzitter agreed to, one both agreed to, and an alignment with the Rijk; seen by VR12's IM.
    static func irbtIncident(_ world: SnapshotWorld.Standalone) async throws -> String {
        let im = try await HTTP.login(world.app, "im-vr13")
        let path = "/api/v1/incidents/\(world.incident)"
        let current = try await HTTP.send(world.app, .GET, path, token: im).content.decode(IncidentView.self)
        let joined = try await HTTP.send(
            world.app, .PATCH, path, json: #"{"baseVersion":\#(current.version),"involvedRegions":["VR13","VR12"]}"#, token: im)
        #expect(joined.status == .ok, "\(joined.body.string)")
        #expect(try await HTTP.send(world.app, .POST, path + "/irbt", json: "{}", token: im).status == .created)
        for json in [#"{"text":"Zandzakken uit VR12 naar de Amsteldijk","agreedRegions":["VR13"]}"#,
                     #"{"text":"Gezamenlijke evacuatieroute via de A9","agreedRegions":["VR13","VR12"]}"#] {
            #expect(try await HTTP.send(world.app, .POST, path + "/irbt/decisions", json: json, token: im).status == .created)
        }
        let aligned = try await HTTP.send(
            world.app, .POST, path + "/irbt/alignments", json: #"{"text":"Inzet Defensie voor dijkbewaking","with":"NCC (NCTV)"}"#,
            token: im)
        #expect(aligned.status == .created)
        return "/incidents/\(world.incident)"
    }

    /// The demo's request for a sandbag filling machine.
    static func plan(_ world: SnapshotWorld.Standalone, _ title: String) async throws -> String {
        for row in try await PlanModel.query(on: world.app.db).all() where try row.plan().title == title { return "/plannen/\(try row.requireID())" }
        Issue.record("no plan \(title)")
        return "/plannen"
    }

    static func riskPicture(_ world: SnapshotWorld.Standalone, _ title: String) async throws -> String {
        let picture = try #require(try await RiskPictureModel.query(on: world.app.db).filter(\.$title == title).first())
        return "/risicobeelden/\(try picture.requireID())"
    }

    static func risk(_ world: SnapshotWorld.Standalone) async throws -> String {
        let risk = try #require(try await RegionalRiskModel.query(on: world.app.db).filter(\.$region == "VR13")
            .filter(\.$title == "Overstroming regionale wateren").first())
        return "/risicoprofiel/\(risk.riskID)"
    }

    static func assistanceRequest(_ world: SnapshotWorld.Standalone) async throws -> String {
        let request = try #require(try await AssistanceRequestModel.query(on: world.app.db).first())
        return "/assistance/\(try request.requireID())"
    }
}

extension SnapshotWorld {
    struct National {
        let national: Application
        let region: Application
        let incident: UUID
        let grouping: UUID
        let sitrap: UUID
    }

    /// The national node and VR13 on one manual clock. VR13 holds the demo incident with its later changes
    /// (the verified entry marked for national sharing) and a second incident; it has sent the national
    /// node their summaries, the shared entry, its SitRap, its fallback copy and its lukewarm phase. The
    /// national analyst has recorded the national phase and joined both incidents (the second also of
    /// VR14) in a bovenregionale bundeling.
    static func national(_ body: (National) async throws -> Void) async throws {
        let clock = ManualClock(start)
        try await withNodePair(scratchDatabases: true, clock: clock, leafletDirectory: leafletDirectory) { kcr2, vr13 in
            let national = try #require(kcr2.app)
            let region = try #require(vr13.app)
            try await DemoIncident.seed(region)
            let incident = try #require(try await IncidentModel.query(on: region.db).first()?.requireID())
            clock.advance(by: 10 * 60)
            let verified = try await laterChanges(region, incident)
            let im = try await HTTP.login(region, "im-vr13")
            let shared = try await HTTP.send(region, .POST, "/api/v1/incidents/\(incident)/entries/\(verified)/national-sharing", token: im)
            #expect(shared.status == .created, "\(shared.body.string)")
            let second = try await Picture.createIncident(
                region, token: im, title: "Wateroverlast Bijlmer", extra: Warnings.amsterdam + #","involvedRegions":["VR13","VR14"]"#)
            let phase = try await Phases.put(region, "/api/v1/regions/VR13/phase", phase: "lauw", reason: "Hoogwater verwacht", token: im)
            #expect(phase.status == .ok, "\(phase.body.string)")
            #expect(try await FallbackPicture.queueDue(context: region.knooppunt, on: region.db) >= 1)
            _ = try await FederationOutbox(db: region.db, context: region.knooppunt).deliverDue(transport: HTTPNodeTransport())
            #expect(try await NodeOutboxModel.query(on: region.db).filter(\.$deliveredAt == nil).count() == 0, "everything delivered")

            let analyst = try await HTTP.login(national, "analist-kcr2")
            let nationalPhase = try await Phases.put(
                national, "/api/v1/national/phase", phase: "lauw", reason: "Hoogwater in meerdere regio's verwacht", token: analyst)
            #expect(nationalPhase.status == .ok, "\(nationalPhase.body.string)")
            let grouped = try await HTTP.send(
                national, .POST, "/api/v1/national/groupings",
                json: #"{"name":"Wateroverlast Amsterdam","incidents":[{"node":"vr13","incident":"\#(incident)"},{"node":"vr13","incident":"\#(second.id)"}]}"#,
                token: analyst)
            #expect(grouped.status == .created, "\(grouped.body.string)")
            let grouping = try grouped.content.decode(NationalGroupings.GroupingDTO.self)
            let sitrap = try #require(try await NationalItemModel.query(on: national.db).filter(\.$kind == "sitrap").first())
            clock.advance(by: 5 * 60)
            try await body(National(
                national: national, region: region, incident: incident, grouping: grouping.id, sitrap: try sitrap.requireID()))
        }
    }
}

/// The national node's pages, and the fallback pages its emergency accounts read, compared with their
/// snapshots in `__Snapshots__/NationalPageSnapshotTests`.
@Suite("Page snapshots: the national node's pages as stored")
struct NationalPageSnapshotTests {
    struct Page: CustomTestStringConvertible, Sendable {
        let name: String
        let user: String
        let path: @Sendable (SnapshotWorld.National) -> String

        var testDescription: String { name }
    }

    static let pages: [Page] = [
        Page(name: "home-national", user: "analist-kcr2") { _ in "/" },
        Page(name: "national", user: "analist-kcr2") { _ in "/national" },
        Page(name: "national-incident", user: "analist-kcr2") { "/national/incidents/vr13/\($0.incident)" },
        Page(name: "national-grouping", user: "analist-kcr2") { "/national/groupings/\($0.grouping)" },
        Page(name: "national-sitrap", user: "analist-kcr2") { "/national/sitraps/\($0.sitrap)" },
        Page(name: "aanwijzingen-empty", user: "minister-jenv") { _ in "/aanwijzingen" },
        Page(name: "fallback", user: "nood-vr13") { _ in "/fallback" },
        Page(name: "fallback-incident", user: "nood-vr13") { "/fallback/vr13/\($0.incident)" },
    ]

    /// One page at a time, as above.
    @Test("the page matches its snapshot", .serialized, arguments: pages)
    func page(_ page: Page) async throws {
        try await SnapshotWorld.national { world in
            let path = page.path(world)
            let session = try await WebSession.login(world.national, page.user)
            let response = try await session.get(world.national, path)
            #expect(response.status == .ok, "\(path): \(response.body.string.prefix(500))")
            try HTMLSnapshot.assert(response.body.string, suite: "NationalPageSnapshotTests", name: page.name)
        }
    }
}
