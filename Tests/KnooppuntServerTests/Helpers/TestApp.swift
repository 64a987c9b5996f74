import Fluent
import FluentPostgresDriver
import FluentSQL
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import KnooppuntServer

/// Runs `body` against a freshly configured application with its own empty database: in-memory SQLite,
/// or a new PostgreSQL database when KNOOPPUNT_TEST_DATABASE_URL is set (CI sets it).
///
/// Every /api/v1 request the test makes, and its response, is checked against openapi.json
/// (`ContractMiddleware`); the test fails with each place the two disagree.
func withTestApp(
    sourceLocation: SourceLocation = #_sourceLocation,
    demo: Bool = true, clock: ManualClock? = nil, database: KnooppuntConfiguration.DatabaseChoice? = nil,
    role: KnooppuntConfiguration.NodeRole = .standalone, trustedProxies: Set<String> = [], ids: IDs = .random,
    leafletDirectory: String? = nil,
    _ body: (Application) async throws -> Void
) async throws {
    // On PostgreSQL every test application holds connections (its pool, LISTEN, the scratch database's
    // admin); swift-testing runs tests in parallel, so at most `TestAppGate.limit` tests hold a scratch
    // database at once — the server's max_connections is a shared limit. Nested apps (several nodes in
    // one test) run under their test's permit.
    guard TestAppGate.held || ScratchDatabase.postgresURL == nil || database != nil else {
        await TestAppGate.shared.acquire()
        do {
            try await TestAppGate.$held.withValue(true) {
                try await withTestApp(
                    sourceLocation: sourceLocation, demo: demo, clock: clock, database: database, role: role,
                    trustedProxies: trustedProxies, ids: ids, leafletDirectory: leafletDirectory, body)
            }
        } catch {
            await TestAppGate.shared.release()
            throw error
        }
        await TestAppGate.shared.release()
        return
    }
    let contract = try APIContract.shared.get()
    let recorder = ContractRecorder()
    defer { recorder.report(sourceLocation: sourceLocation) }
    var config = KnooppuntConfiguration()
    config.role = role
    config.trustedProxies = trustedProxies
    config.bcryptCost = 4
    config.leafletDirectory = leafletDirectory ?? TestPaths.leafletDirectory
    let scratch = try await ScratchDatabase.make(explicit: database)
    config.database = scratch.choice
    let app = try await Application.make(.testing)
    app.logger.logLevel = .error
    var shutDown = false
    do {
        try await configure(app, config, effects: SideEffects(clock: clock?.clock ?? .live, ids: ids))
        if demo { _ = try await DemoSeeder.seed(app) }
        app.middleware.use(ContractMiddleware(contract: contract, recorder: recorder), at: .beginning)
        try await body(app)
        shutDown = true
        try await app.asyncShutdown()
        // Cleaning up is best effort: a test is not failed by a scratch database that cannot be dropped
        // (a server process such as autovacuum may still be connected to it).
        try? await scratch.drop()
    } catch {
        // Shutting down twice is a fatal error in Vapor; only shut down what is still running.
        if !shutDown { try? await app.asyncShutdown() }
        try? await scratch.drop()
        // PSQLError hides its details from `description`; a failing test should show them.
        if error is PSQLError { throw ScratchDatabaseError(detail: String(reflecting: error)) }
        throw error
    }
}

/// Bounds how many tests hold PostgreSQL scratch databases at once (FIFO).
actor TestAppGate {
    static let shared = TestAppGate()
    static let limit = 24
    @TaskLocal static var held = false

    private var inUse = 0
    private var waiting: [CheckedContinuation<Void, Never>] = []

    func acquire() async {
        if inUse < Self.limit {
            inUse += 1
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    func release() {
        if waiting.isEmpty {
            inUse -= 1
        } else {
            waiting.removeFirst().resume()
        }
    }
}

/// A database for one test.
struct ScratchDatabase {
    let choice: KnooppuntConfiguration.DatabaseChoice
    let drop: @Sendable () async throws -> Void

    static var postgresURL: String? {
        ProcessInfo.processInfo.environment["KNOOPPUNT_TEST_DATABASE_URL"].flatMap { $0.isEmpty ? nil : $0 }
    }

    static func make(explicit: KnooppuntConfiguration.DatabaseChoice?) async throws -> ScratchDatabase {
        if let explicit { return ScratchDatabase(choice: explicit, drop: {}) }
        guard let adminURL = postgresURL else { return ScratchDatabase(choice: .sqliteMemory, drop: {}) }
        let name = "knooppunt_test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        // A copy of a database the migrations already ran on (made once per set of migrations), so each
        // test starts without running them and loading the reference data again.
        let (template, fileCopy) = try await MigratedTemplate.shared.name(adminURL: adminURL)
        // PostgreSQL 15+ copies a template through the WAL by default, slower than copying its files.
        let strategy: SQLQueryString = fileCopy ? " STRATEGY FILE_COPY" : ""
        try await withAdmin(adminURL) { try await $0.raw("CREATE DATABASE \(ident: name) TEMPLATE \(ident: template)" + strategy).run() }
        return ScratchDatabase(choice: .postgres(url(adminURL, database: name))) {
            try await withAdmin(adminURL) { try await $0.raw("DROP DATABASE IF EXISTS \(ident: name) WITH (FORCE)").run() }
        }
    }

    static func url(_ adminURL: String, database: String) -> String {
        var components = URLComponents(string: adminURL)!
        components.path = "/" + database
        return components.string!
    }

    static func withAdmin(_ url: String, _ body: (SQLDatabase) async throws -> Void) async throws {
        let admin = try await Application.make(.testing)
        do {
            admin.databases.use(.postgres(configuration: try SQLPostgresConfiguration(url: url)), as: .psql)
            try await body(admin.db as! SQLDatabase)
        } catch {
            try? await admin.asyncShutdown()
            if error is PSQLError { throw ScratchDatabaseError(detail: String(reflecting: error)) }
            throw error
        }
        try await admin.asyncShutdown()
    }
}

struct ScratchDatabaseError: Error, CustomStringConvertible {
    let detail: String
    var description: String { "scratch database: \(detail)" }
}

enum TestPaths {
    /// The package root, found from this file's path.
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    static var leafletDirectory: String {
        ProcessInfo.processInfo.environment["KNOOPPUNT_LEAFLET_DIR"] ?? "/usr/share/javascript/leaflet"
    }

    /// The built `knooppunt` executable (KNOOPPUNT_BIN overrides).
    static var binary: URL {
        if let path = ProcessInfo.processInfo.environment["KNOOPPUNT_BIN"] { return URL(fileURLWithPath: path) }
        return packageRoot.appendingPathComponent(".build/debug/knooppunt")
    }

    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("knooppunt-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

/// The template every PostgreSQL test database is copied from: migrated once per set of migrations
/// (its name carries their count), made under a temporary name and renamed when complete, so a
/// template that exists is always whole — also when two test runs share one server.
actor MigratedTemplate {
    static let shared = MigratedTemplate()
    private var ready: (String, Bool)?

    /// The template's name, and whether the server knows `STRATEGY FILE_COPY` (PostgreSQL 15+).
    func name(adminURL: String) async throws -> (String, Bool) {
        if let ready { return ready }
        let name = "knooppunt_template_m\(KnooppuntMigrations.all.count)"
        var exists = false
        var version = 0
        try await ScratchDatabase.withAdmin(adminURL) { sql in
            exists = try await sql.raw("SELECT 1 AS found FROM pg_database WHERE datname = \(bind: name)").all().isEmpty == false
            version = try await sql.raw("SELECT current_setting('server_version_num')::int AS version").first()?
                .decode(column: "version", as: Int.self) ?? 0
        }
        if !exists {
            let building = name + "_" + UUID().uuidString.prefix(8).lowercased()
            // From template0: autovacuum may be connected to template1, which makes CREATE DATABASE fail.
            try await ScratchDatabase.withAdmin(adminURL) { try await $0.raw("CREATE DATABASE \(ident: building) TEMPLATE template0").run() }
            var config = KnooppuntConfiguration()
            config.database = .postgres(ScratchDatabase.url(adminURL, database: building))
            let app = try await Application.make(.testing)
            app.logger.logLevel = .error
            do {
                try await configure(app, config, clock: .live)
                try await app.asyncShutdown()
            } catch {
                try? await app.asyncShutdown()
                throw error
            }
            try await ScratchDatabase.withAdmin(adminURL) { sql in
                do {
                    try await sql.raw("ALTER DATABASE \(ident: building) RENAME TO \(ident: name)").run()
                } catch {
                    // Another run made it first: use theirs.
                    try await sql.raw("DROP DATABASE IF EXISTS \(ident: building) WITH (FORCE)").run()
                }
            }
        }
        ready = (name, version >= 150_000)
        return (name, version >= 150_000)
    }
}
