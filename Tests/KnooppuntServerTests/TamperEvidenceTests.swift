import Fluent
import FluentSQLiteDriver
import Foundation
import KnooppuntCore
import KnooppuntInterop
import SQLKit
import Testing
import Vapor
import VaporTesting

@testable import KnooppuntServer

/// Issue 13, point 7: history cannot be rewritten unnoticed. Each test seeds a node's journal (the demo
/// incident, a signed checkpoint, an anchor file outside the database), tampers with the SQLite file
/// the way someone with the file would, and runs the real `knooppunt verify-journal`.
@Suite("Tamper evidence: signed checkpoints, anchors and materialised rows")
struct TamperEvidenceTests {
    struct Node {
        let directory: URL
        var file: String { directory.appendingPathComponent("knooppunt.sqlite").path }
        var anchors: String { directory.appendingPathComponent("anchors.jsonl").path }
    }

    /// A node with a journal, an identity and a checkpoint of its head written to the anchor file.
    static func seeded() async throws -> Node {
        let node = Node(directory: try TestPaths.temporaryDirectory())
        try await withTestApp(database: .sqliteFile(node.file)) { app in
            try await DemoIncident.seed(app)
            _ = try await FederationService(db: app.db, context: app.knooppunt).initialise(name: "vr13")
            let checkpoint = try #require(try await JournalCheckpoints(db: app.db, context: app.knooppunt).make())
            try JournalCheckpoints.appendToAnchorFile(checkpoint, path: node.anchors)
            #expect(try await JournalCheckpoints(db: app.db, context: app.knooppunt).make() == nil, "no new checkpoint without new events")
        }
        return node
    }

    static func withRawSQLite(_ path: String, _ body: (Application) async throws -> Void) async throws {
        let app = try await Application.make(.testing)
        app.databases.use(.sqlite(.file(path)), as: .sqlite)
        do {
            try await body(app)
            try await app.asyncShutdown()
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
    }

    static func sql(_ app: Application, _ statement: String) async throws {
        try await (app.db as! SQLDatabase).raw(SQLQueryString(statement)).run()
    }

    /// Recomputes every hash from `sequence` on and the head, as someone who knows the (public) hash
    /// function would after editing an event.
    static func rehash(_ app: Application, from sequence: Int64) async throws {
        let events = try await JournalEventModel.query(on: app.db).sort(\.$id).all()
        var previous = events.first { $0.id == sequence - 1 }?.hash ?? JournalRecord.genesisHash
        for event in events where (event.id ?? 0) >= sequence {
            var record = event.record
            record.previousHash = previous
            record.hash = Journal.digest(record.hashInput)
            event.previousHash = record.previousHash
            event.hash = record.hash
            try await event.update(on: app.db)
            previous = record.hash
        }
        let head = try #require(try await JournalHeadModel.find(JournalHeadModel.singletonID, on: app.db))
        head.hash = previous
        try await head.update(on: app.db)
    }

    static func verify(_ node: Node, anchors: Bool = false) throws -> BinaryRun {
        try Binary.run(["verify-journal", "--data-dir", node.directory.path] + (anchors ? ["--anchors", node.anchors] : []))
    }

    @Test("an untouched journal passes with its checkpoint, its anchor and every picture row")
    func untouched() async throws {
        let node = try await Self.seeded()
        defer { try? FileManager.default.removeItem(at: node.directory) }
        let run = try Self.verify(node, anchors: true)
        #expect(run.status == 0, "\(run.error)")
        #expect(run.output.contains("journal intact"))
        #expect(run.output.contains("checked 2 signed checkpoints"), "\(run.output)")
        #expect(run.output.contains("all match"))
    }

    @Test("deleting the newest events and rewinding the head is caught by the signed checkpoint")
    func rowDeletionWithRewoundHead() async throws {
        let node = try await Self.seeded()
        defer { try? FileManager.default.removeItem(at: node.directory) }
        try await Self.withRawSQLite(node.file) { app in
            try await Self.sql(app, "DELETE FROM journal WHERE seq = (SELECT MAX(seq) FROM journal)")
            try await Self.sql(app, "UPDATE journal_head SET seq = (SELECT MAX(seq) FROM journal), hash = (SELECT hash FROM journal WHERE seq = (SELECT MAX(seq) FROM journal))")
        }
        let run = try Self.verify(node)
        #expect(run.status != 0)
        #expect(!run.error.contains("journal broken"), "the chain itself still holds: \(run.error)")
        #expect(run.error.contains("were removed"), "\(run.error)")
    }

    @Test("editing an event and re-hashing the whole chain is caught by the checkpoint, and by the anchor when the checkpoints are wiped too")
    func rehashedChain() async throws {
        let node = try await Self.seeded()
        defer { try? FileManager.default.removeItem(at: node.directory) }
        try await Self.withRawSQLite(node.file) { app in
            try await Self.sql(app, "UPDATE journal SET payload = '{\"code\":\"VR99\"}' WHERE seq = 5")
            try await Self.rehash(app, from: 5)
        }
        let run = try Self.verify(node)
        #expect(run.status != 0)
        #expect(!run.error.contains("journal broken"), "the re-hashed chain holds on its own: \(run.error)")
        #expect(run.error.contains("the journal up to it was rewritten"), "\(run.error)")
        try await Self.withRawSQLite(node.file) { app in try await Self.sql(app, "DELETE FROM journal_checkpoints") }
        let withoutCheckpoints = try Self.verify(node)
        #expect(withoutCheckpoints.status == 0, "without anything outside the database a full rewrite is undetectable")
        let anchored = try Self.verify(node, anchors: true)
        #expect(anchored.status != 0)
        #expect(anchored.error.contains("anchor signed at"), "\(anchored.error)")
        #expect(anchored.error.contains("rewritten"), "\(anchored.error)")
    }

    @Test("a picture row edited behind the journal is named: a forged 'verified' entry, a raised GRIP")
    func editedMaterialisedRow() async throws {
        let node = try await Self.seeded()
        defer { try? FileManager.default.removeItem(at: node.directory) }
        var forged = ""
        try await Self.withRawSQLite(node.file) { app in
            let row = try #require(try await EntryVersionModel.query(on: app.db).filter(\.$verification == "unverified").first())
            forged = try row.requireID().uuidString
            try await Self.sql(app, "UPDATE entry_versions SET verification = 'verified' WHERE id = '\(forged)'")
            try await Self.sql(app, "UPDATE incident_versions SET grip = 4 WHERE valid_to IS NULL")
        }
        let run = try Self.verify(node)
        #expect(run.status != 0)
        #expect(run.error.contains("entry_versions row \(forged)"), "\(run.error)")
        #expect(run.error.contains("verification is 'verified', the journal says 'unverified'"), "\(run.error)")
        #expect(run.error.contains("incident_versions row"), "\(run.error)")
    }

    @Test("a regional node sends its checkpoints to the national node, which keeps only those its key signed")
    func checkpointsReachTheNationalNode() async throws {
        try await withTestApp(role: .region(RegionCode(number: 13))) { region in
            let service = FederationService(db: region.db, context: region.knooppunt)
            _ = try await service.initialise(name: "vr13")
            let national = NodeKeys.generate()
            _ = try await service.trust(name: "kcr2", url: "http://127.0.0.1:1", publicKey: national.publicKey, role: "national")
            let checkpoint = try #require(try await JournalCheckpoints(db: region.db, context: region.knooppunt).make())
            let queued = try await NodeOutboxModel.query(on: region.db).filter(\.$kind == JournalCheckpoints.messageKind).all()
            #expect(queued.count == 1)
            #expect(try await JournalCheckpoints(db: region.db, context: region.knooppunt).make() == nil,
                    "queuing the checkpoint did not move the journal it signs")
            let me = try #require(try await NodeIdentityModel.query(on: region.db).first())

            try await withTestApp(role: .national) { kcr2 in
                let kcr2Service = FederationService(db: kcr2.db, context: kcr2.knooppunt)
                _ = try await kcr2Service.initialise(name: "kcr2")
                _ = try await kcr2Service.trust(name: "vr13", url: "http://127.0.0.1:2", publicKey: me.publicKey, role: "region")
                try await JournalCheckpoints.apply(Data(checkpoint.jsonLine.utf8), from: "vr13", at: 1, on: kcr2.db)
                try await JournalCheckpoints.apply(Data(checkpoint.jsonLine.utf8), from: "vr13", at: 2, on: kcr2.db)
                #expect(try await JournalCheckpoints.list(peer: "vr13", on: kcr2.db) == [checkpoint])
                let forged = JournalCheckpoint(node: "vr13", sequence: checkpoint.sequence + 5, hash: checkpoint.hash,
                                               signedAt: checkpoint.signedAt, publicKey: me.publicKey, signature: checkpoint.signature)
                await #expect(throws: Problem.self) {
                    try await JournalCheckpoints.apply(Data(forged.jsonLine.utf8), from: "vr13", at: 3, on: kcr2.db)
                }
            }
        }
    }
}

/// The failover probe found that a write whose database connection is lost mid-statement may never end,
/// holding every later write of the instance. The watchdog turns that into a restart.
@Suite("Write watchdog")
struct WriteWatchdogTests {
    @Test("a write running past the limit is reported as stalled; a finished one is not")
    func stalledWriteReported() async throws {
        let clock = ManualClock(Picture.start)
        try await withTestApp(clock: clock) { app in
            let context = app.knooppunt
            let release = AsyncStream<Void>.makeStream()
            let stuck = Task {
                try await context.write(on: app.db) { _ in
                    for await _ in release.stream { break }
                }
            }
            // Wait for the state: the stuck write holds the gate.
            while await context.writeGate.held == nil { await Task.yield() }
            #expect(await WriteWatchdog.stalled(context, limit: 60) == nil)
            clock.advance(by: 61)
            #expect(await WriteWatchdog.stalled(context, limit: 60) == 61)
            release.continuation.yield()
            release.continuation.finish()
            try await stuck.value
            #expect(await WriteWatchdog.stalled(context, limit: 60) == nil)
        }
    }
}
