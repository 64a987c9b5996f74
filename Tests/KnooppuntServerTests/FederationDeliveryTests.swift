import Fluent
import Foundation
import KnooppuntCore
import KnooppuntInterop
import Testing
import Vapor
import VaporTesting

@testable import KnooppuntServer

/// A second node served on a loopback port from its own SQLite file, so it can be stopped and started.
final class LoopbackNode: @unchecked Sendable {
    let database: KnooppuntConfiguration.DatabaseChoice
    let role: KnooppuntConfiguration.NodeRole
    let demo: Bool
    let clock: ManualClock?
    let leafletDirectory: String?
    /// Chosen by the system at the first start, and kept for restarts.
    private(set) var port = 0
    private(set) var app: Application?

    convenience init(file: String, role: KnooppuntConfiguration.NodeRole = .standalone, demo: Bool = false) {
        self.init(database: .sqliteFile(file), role: role, demo: demo)
    }

    /// A node on any database (restarts keep their data only in a file or a server database), on a
    /// manual clock if one is given.
    init(
        database: KnooppuntConfiguration.DatabaseChoice, role: KnooppuntConfiguration.NodeRole = .standalone, demo: Bool = false,
        clock: ManualClock? = nil, leafletDirectory: String? = nil
    ) {
        self.database = database
        self.role = role
        self.demo = demo
        self.clock = clock
        self.leafletDirectory = leafletDirectory
    }

    func start() async throws {
        var config = KnooppuntConfiguration()
        config.bcryptCost = 4
        config.database = database
        config.leafletDirectory = leafletDirectory ?? TestPaths.leafletDirectory
        config.role = role
        let app = try await Application.make(.testing)
        app.logger.logLevel = .error
        try await configure(app, config, clock: clock?.clock ?? .live)
        if demo { _ = try await DemoSeeder.seed(app) }
        try await app.server.start(address: .hostname("127.0.0.1", port: port))
        port = app.http.server.shared.localAddress?.port ?? port
        self.app = app
    }

    func stop() async throws {
        guard let app else { return }
        await app.server.shutdown()
        try await app.asyncShutdown()
        self.app = nil
    }
}

/// The national node and VR13 on loopback ports with demo data, each with its identity and trusting the
/// other; both are stopped afterwards, also when `body` fails. Each node has its own SQLite file; with
/// `scratchDatabases`, a scratch database each instead (PostgreSQL when the tests use it), and with
/// `clock`, both run on that manual clock.
func withNodePair(
    scratchDatabases: Bool = false, clock: ManualClock? = nil, leafletDirectory: String? = nil,
    _ body: (_ kcr2: LoopbackNode, _ vr13: LoopbackNode) async throws -> Void
) async throws {
    let directory = try TestPaths.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    func database(_ name: String) async throws -> ScratchDatabase {
        scratchDatabases && ScratchDatabase.postgresURL != nil
            ? try await ScratchDatabase.make(explicit: nil)
            : ScratchDatabase(choice: .sqliteFile(directory.appendingPathComponent("\(name).sqlite").path), drop: {})
    }
    let databases = (national: try await database("kcr2"), region: try await database("vr13"))
    let kcr2 = LoopbackNode(database: databases.national.choice, role: .national, demo: true, clock: clock, leafletDirectory: leafletDirectory)
    let vr13 = LoopbackNode(
        database: databases.region.choice, role: .region(RegionCode(number: 13)), demo: true, clock: clock, leafletDirectory: leafletDirectory)
    do {
        try await kcr2.start()
        try await vr13.start()
        let national = try #require(kcr2.app)
        let region = try #require(vr13.app)
        let nationalNode = try await FederationService(db: national.db, context: national.knooppunt).initialise(name: "kcr2")
        let regionNode = try await FederationService(db: region.db, context: region.knooppunt).initialise(name: "vr13")
        _ = try await FederationService(db: national.db, context: national.knooppunt).trust(
            name: "vr13", url: "http://127.0.0.1:\(vr13.port)", publicKey: regionNode.publicKey, role: "region")
        _ = try await FederationService(db: region.db, context: region.knooppunt).trust(
            name: "kcr2", url: "http://127.0.0.1:\(kcr2.port)", publicKey: nationalNode.publicKey, role: "national")
        try await body(kcr2, vr13)
    } catch {
        try? await kcr2.stop()
        try? await vr13.stop()
        try? await databases.national.drop()
        try? await databases.region.drop()
        throw error
    }
    try await kcr2.stop()
    try await vr13.stop()
    // Best effort, as in `withTestApp`.
    try? await databases.national.drop()
    try? await databases.region.drop()
}

@Suite("Federation: the outbox delivers over HTTP, once and in order")
struct FederationDeliveryTests {
    @Test("messages queued while the peer is down arrive after it returns: each once, in order; a sender restored from an older backup renumbers what waits")
    func survivesDowntime() async throws {
        let directory = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let clock = ManualClock(Picture.start)
        let peer = LoopbackNode(file: directory.appendingPathComponent("kcr2.sqlite").path)
        try await peer.start()
        try await withTestApp(demo: false, clock: clock) { app in
            // Identities and mutual trust.
            let local = FederationService(db: app.db, context: app.knooppunt)
            let me = try await local.initialise(name: "vr13")
            let peerApp = try #require(peer.app)
            let remote = FederationService(db: peerApp.db, context: peerApp.knooppunt)
            let them = try await remote.initialise(name: "kcr2")
            _ = try await remote.trust(name: "vr13", url: "http://127.0.0.1:1", publicKey: me.publicKey)
            _ = try await local.trust(name: "kcr2", url: "http://127.0.0.1:\(peer.port)", publicKey: them.publicKey)
            let outbox = FederationOutbox(db: app.db, context: app.knooppunt)
            func queue(_ text: String) async throws {
                let now = clock.clock.now()
                _ = try await app.knooppunt.write(on: app.db) { db in
                    try await FederationOutbox.enqueue(kind: "note", body: Data(#"{"text":"\#(text)"}"#.utf8), to: "kcr2", on: db, at: now)
                }
            }

            try await queue("een")
            let firstPass = try await outbox.deliverDue(transport: HTTPNodeTransport())
            let firstError = try await NodeOutboxModel.query(on: app.db).first()?.lastError
            #expect(firstPass == 1, "\(firstError ?? "")")

            // The peer goes down; two more are queued and the attempt fails, to be retried after a back-off.
            try await peer.stop()
            try await queue("twee")
            try await queue("drie")
            #expect(try await outbox.deliverDue(transport: HTTPNodeTransport()) == 0)
            let waiting = try await NodeOutboxModel.query(on: app.db).filter(\.$deliveredAt == nil).sort(\.$sequence).all()
            #expect(waiting.map(\.sequence) == [2, 3])
            #expect(waiting.first?.attempts == 1 && waiting.first?.lastError?.hasPrefix("no answer") == true)
            #expect(try await outbox.deliverDue(transport: HTTPNodeTransport()) == 0, "still backing off")

            // It returns; after the back-off everything arrives.
            try await peer.start()
            clock.advance(by: 2)
            #expect(try await outbox.deliverDue(transport: HTTPNodeTransport()) == 2)
            let returned = try #require(peer.app)
            let received = try await NodeInboxModel.query(on: returned.db).sort(\.$sequence).all()
            #expect(received.map(\.sequence) == [1, 2, 3])
            #expect(received.map(\.body) == [#"{"text":"een"}"#, #"{"text":"twee"}"#, #"{"text":"drie"}"#])
            #expect(try await outbox.deliverDue(transport: HTTPNodeTransport()) == 0, "nothing is sent twice")

            // The sender is restored from a backup that held only the first message: its next message gets
            // number 2 again, which the peer applied under another id. It is renumbered after 3 and applied.
            try await NodeOutboxModel.query(on: app.db).filter(\.$sequence >= 2).delete()
            try await queue("vier")
            #expect(try await outbox.deliverDue(transport: HTTPNodeTransport()) == 1)
            let afterRestore = try await NodeInboxModel.query(on: returned.db).sort(\.$sequence).all()
            #expect(afterRestore.map(\.sequence) == [1, 2, 3, 4])
            #expect(afterRestore.last?.body == #"{"text":"vier"}"#)
            #expect(try await JournalEventModel.query(on: app.db).filter(\.$kind == "federation.renumbered").count() == 1)
        }
        try await peer.stop()
    }

    @Test("back-off doubles from one second up to five minutes")
    func backoff() {
        #expect([1, 2, 3, 4, 10, 20].map(FederationOutbox.backoff(afterAttempts:)) == [1, 2, 4, 8, 300, 300])
    }

    @Test("a regional node's incident reaches the national picture, and so does its GRIP change; exercises stay home")
    func summariesGoUp() async throws {
        let directory = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let clock = ManualClock(Picture.start)
        let national = LoopbackNode(file: directory.appendingPathComponent("kcr2.sqlite").path, role: .national, demo: true)
        try await national.start()
        try await withTestApp(clock: clock, role: .region(RegionCode(number: 13))) { app in
            let local = FederationService(db: app.db, context: app.knooppunt)
            let me = try await local.initialise(name: "vr13")
            let kcr2App = try #require(national.app)
            let remote = FederationService(db: kcr2App.db, context: kcr2App.knooppunt)
            let them = try await remote.initialise(name: "kcr2")
            _ = try await remote.trust(name: "vr13", url: "http://127.0.0.1:1", publicKey: me.publicKey, role: "region")
            _ = try await local.trust(name: "kcr2", url: "http://127.0.0.1:\(national.port)", publicKey: them.publicKey, role: "national")

            let im = try await HTTP.login(app, "im-vr13")
            let incident = try await Picture.createIncident(app, token: im, title: "Brand Westpoort", extra: Warnings.amsterdam)
            _ = try await Picture.createIncident(app, token: im, title: "Oefening", exercise: true)
            let scaled = try await HTTP.send(
                app, .PATCH, "/api/v1/incidents/\(incident.id)", json: #"{"baseVersion":1,"grip":2,"gripReason":"Effecten buiten het terrein"}"#,
                token: im)
            #expect(scaled.status == .ok, "\(scaled.body.string)")
            let outbox = FederationOutbox(db: app.db, context: app.knooppunt)
            #expect(try await outbox.deliverDue(transport: HTTPNodeTransport()) == 2, "created and scaled; the exercise stays home")

            let analyst = try await HTTP.login(kcr2App, "analist-kcr2")
            let list = try await HTTP.send(kcr2App, .GET, "/api/v1/national/incidents", token: analyst)
            #expect(list.status == .ok, "\(list.body.string)")
            let rows = try list.content.decode([NationalController.NationalIncidentDTO].self)
            #expect(rows.count == 1)
            #expect(rows.first?.sourceNode == "vr13")
            #expect(rows.first?.summary.incident == incident.id)
            #expect(rows.first?.summary.grip == .two)
            #expect(rows.first?.summary.title == "Brand Westpoort")
            let partner = try await HTTP.login(kcr2App, "rws")
            #expect(try await HTTP.send(kcr2App, .GET, "/api/v1/national/incidents", token: partner).status == .forbidden)
            #expect(try await HTTP.send(app, .GET, "/api/v1/national/incidents", token: im).status == .forbidden)
        }
        try await national.stop()
    }

    @Test("the national node sends an advisory down; the region acknowledges it; the national node sees who did")
    func advisoriesDownAndAcknowledgedUp() async throws {
        try await withNodePair(exchange)
    }

    private func exchange(_ kcr2: LoopbackNode, _ vr13: LoopbackNode) async throws {
        let national = try #require(kcr2.app)
        let region = try #require(vr13.app)
        let analyst = try await HTTP.login(national, "analist-kcr2")
        let unknownRegion = try await HTTP.send(
            national, .POST, "/api/v1/national/advisories", json: #"{"kind":"advisory","title":"x","text":"y","regions":["VR12"]}"#, token: analyst)
        #expect(unknownRegion.status == .unprocessableEntity)
        #expect(HTTP.problemDetail(unknownRegion).contains("vr12"))
        let sent = try await HTTP.send(
            national, .POST, "/api/v1/national/advisories",
            json: #"{"kind":"handelingsperspectief","title":"Hitte","text":"Zorg voor koelte en drinkwater bij kwetsbare bewoners.","regions":["VR13"]}"#,
            token: analyst)
        #expect(sent.status == .created, "\(sent.body.string)")
        let advisory = try sent.content.decode(AdvisoriesController.AdvisoryDTO.self)
        #expect(advisory.deliveries?.map(\.node) == ["vr13"])
        #expect(try await FederationOutbox(db: national.db, context: national.knooppunt).deliverDue(transport: HTTPNodeTransport()) == 1)

        let im = try await HTTP.login(region, "im-vr13")
        let received = try await HTTP.send(region, .GET, "/api/v1/advisories", token: im).content.decode([AdvisoriesController.AdvisoryDTO].self)
        #expect(received.map(\.title) == ["Hitte"])
        #expect(received.first?.from == "kcr2" && received.first?.acknowledgedAt == nil)
        let liaison = try await HTTP.login(region, "hin-gedetacheerd-vr13")
        #expect(try await HTTP.send(region, .POST, "/api/v1/advisories/\(advisory.id)/acknowledge", token: liaison).status == .forbidden)
        let ack = try await HTTP.send(region, .POST, "/api/v1/advisories/\(advisory.id)/acknowledge", token: im)
        #expect(ack.status == .ok, "\(ack.body.string)")
        #expect(try await FederationOutbox(db: region.db, context: region.knooppunt).deliverDue(transport: HTTPNodeTransport()) == 1)

        let status = try await HTTP.send(national, .GET, "/api/v1/national/advisories", token: analyst)
            .content.decode([AdvisoriesController.AdvisoryDTO].self)
        #expect(status.first?.deliveries?.first?.acknowledgedBy == "im-vr13 (VR13)")
        #expect(status.first?.deliveries?.first?.acknowledgedAt != nil)
    }
}
