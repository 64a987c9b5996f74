import Fluent
import FluentSQL
import Foundation
import KnooppuntCore
import Testing
import Vapor

@testable import KnooppuntServer

@Suite("The journal")
struct JournalTests {
    @Test("every account change appends one chained event in its transaction")
    func appendsInTransaction() async throws {
        try await withTestApp { app in
            let before = try await HTTP.journalLength(app)
            try await AccountService(application: app).setPassword(
                username: "im-vr13", password: "nieuw-wachtwoord", actor: .commandLine)
            let events = try await JournalEventModel.query(on: app.db).filter(\.$id > before).all()
            #expect(events.map(\.kind) == ["user.password-changed"])
            #expect(!events[0].payload.contains("nieuw-wachtwoord"))
            // A change that fails (duplicate user) appends nothing.
            await #expect(throws: Problem.self) {
                try await AccountService(application: app).createUser(
                    username: "im-vr13", displayName: "Dubbel", organisationCode: "VR13", role: .hinGedetacheerd,
                    password: "lang-genoeg-1", actor: .commandLine)
            }
            #expect(try await HTTP.journalLength(app) == before + 1)
            #expect(try await Journal.verify(on: app.db) == .intact(events: Int(before) + 1))
        }
    }

    @Test("concurrent writes get distinct, gap-free sequence numbers")
    func concurrentAppends() async throws {
        try await withTestApp { app in
            let before = try await HTTP.journalLength(app)
            let context = app.knooppunt
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<20 {
                    group.addTask { () async throws -> Void in
                        _ = try await context.write(on: app.db) { db in
                            try await Journal.append(
                                ReferenceLoaded(regions: index, municipalities: 0), on: db, actor: "test",
                                organisation: "system")
                        }
                    }
                }
                try await group.waitForAll()
            }
            #expect(try await HTTP.journalLength(app) == before + 20)
            #expect(try await Journal.verify(on: app.db) == .intact(events: Int(before) + 20))
        }
    }

    /// Seeds a journal into a SQLite file, applies `tamper` to the file directly, and runs the real
    /// `knooppunt verify-journal` on it.
    private func verifyAfterTampering(_ tamper: String) async throws -> BinaryRun {
        let directory = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("knooppunt.sqlite").path
        try await withTestApp(database: .sqliteFile(file)) { _ in }
        if !tamper.isEmpty {
            try await withRawSQLite(file) { sql in
                for statement in tamper.split(separator: ";") {
                    try await sql.raw(SQLQueryString(String(statement))).run()
                }
            }
        }
        return try Binary.run(["verify-journal", "--data-dir", directory.path])
    }

    private func withRawSQLite(_ path: String, _ body: (SQLDatabase) async throws -> Void) async throws {
        let app = try await Application.make(.testing)
        app.databases.use(.sqlite(.file(path)), as: .sqlite)
        do {
            try await body(app.db as! SQLDatabase)
            try await app.asyncShutdown()
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
    }

    @Test("verify-journal passes an untouched journal")
    func intactFile() async throws {
        let run = try await verifyAfterTampering("")
        #expect(run.status == 0, "\(run.error)")
        #expect(run.output.contains("journal intact"))
    }

    @Test(
        "verify-journal names the first broken sequence number when the SQLite file is edited",
        arguments: [
            ("UPDATE journal SET payload = '{\"code\":\"VR99\"}' WHERE seq = 5", 5),
            ("UPDATE journal SET actor = 'mallory' WHERE seq = 12", 12),
            ("DELETE FROM journal WHERE seq = 7", 7),
            (
                "UPDATE journal SET seq = -1 WHERE seq = 3; UPDATE journal SET seq = 3 WHERE seq = 4;"
                    + " UPDATE journal SET seq = 4 WHERE seq = -1", 3
            ),
            ("DELETE FROM journal WHERE seq = (SELECT MAX(seq) FROM journal)", -1),
        ])
    func tampered(statement: String, expected: Int) async throws {
        let run = try await verifyAfterTampering(statement)
        #expect(run.status != 0)
        if expected > 0 {
            #expect(run.error.contains("journal broken at sequence \(expected):"), "\(run.error)")
        } else {
            #expect(run.error.contains("journal broken at sequence"), "\(run.error)")
            #expect(run.error.contains("missing"))
        }
    }
}
