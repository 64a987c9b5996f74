import ArgumentParser
import Foundation
import KnooppuntCore
import Logging
import Vapor

/// `knooppunt` and its subcommands.
public struct KnooppuntCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "knooppunt",
        abstract: "Knooppunt: one shared, verified crisis picture for the Dutch safety regions and their partners.",
        subcommands: [
            ServeCommand.self, MigrateCommand.self, DemoCommand.self, UserCommand.self, VerifyJournalCommand.self,
            BenchCommand.self, ReportCommand.self, ImportCommand.self, NodeCommand.self,
        ])

    public init() {}
}

/// Options every command that opens the database shares.
struct StorageOptions: ParsableArguments {
    @ArgumentParser.Option(name: .customLong("data-dir"), help: "Folder for the SQLite database (KNOOPPUNT_DATA_DIR, default ./data).")
    var dataDirectory: String?

    @ArgumentParser.Option(name: .customLong("database-url"), help: "postgres://… to use PostgreSQL (KNOOPPUNT_DATABASE_URL).")
    var databaseURL: String?

    func configuration(host: String? = nil, port: Int? = nil, role: String? = nil, region: String? = nil) throws -> KnooppuntConfiguration {
        do {
            return try KnooppuntConfiguration.load(
                environment: ProcessInfo.processInfo.environment,
                overrides: .init(host: host, port: port, dataDirectory: dataDirectory, databaseURL: databaseURL, role: role, region: region))
        } catch {
            throw ValidationError(error.description)
        }
    }
}

/// Makes an application for a one-off command, runs `body`, and shuts it down.
@discardableResult
func withApplication<T>(
    _ config: KnooppuntConfiguration, arguments: [String] = ["knooppunt"], _ body: (Application) async throws -> T
) async throws -> T {
    let app = try await Application.make(Environment(name: "production", arguments: arguments))
    do {
        try await configure(app, config)
        let result = try await body(app)
        try await app.asyncShutdown()
        return result
    } catch {
        try? await app.asyncShutdown()
        throw error
    }
}

/// Sets up logging once per process; the level comes from LOG_LEVEL (default info).
func bootstrapLogging() {
    var env = Environment(name: "production", arguments: ["knooppunt"])
    try? LoggingSystem.bootstrap(from: &env)
}

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "serve", abstract: "Run the web server and API.")

    @ArgumentParser.Option(help: "Address to listen on (KNOOPPUNT_HOST, default 127.0.0.1).") var host: String?
    @ArgumentParser.Option(help: "TCP port (KNOOPPUNT_PORT, default 8080).") var port: Int?
    @ArgumentParser.Flag(help: "Migrate, seed the demo data if the database is empty, then serve.") var demo = false
    @ArgumentParser.Option(help: "Node role: region, national or standalone (KNOOPPUNT_ROLE, default standalone).") var role: String?
    @ArgumentParser.Option(help: "The region of a regional node, e.g. VR13 (KNOOPPUNT_REGION).") var region: String?
    @OptionGroup var storage: StorageOptions

    func run() async throws {
        bootstrapLogging()
        var config = try storage.configuration(host: host, port: port, role: role, region: region)
        config.backgroundTasks = true
        try await withApplication(config, arguments: ["knooppunt", "serve"]) { app in
            app.http.server.configuration.hostname = config.host
            app.http.server.configuration.port = config.port
            if demo {
                let outcome = try await DemoSeeder.seed(app)
                if case .seeded(let organisations, let users) = outcome {
                    try await DemoIncident.seed(app)
                    app.logger.info("demo data seeded: \(organisations) organisations, \(users) users, one incident")
                }
                let shownHost = config.host == "0.0.0.0" ? "localhost" : config.host
                print(DemoSeeder.loginSummary(password: config.demoPassword, url: "http://\(shownHost):\(config.port)", role: config.role))
            }
            try await app.execute()
        }
    }
}

struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "migrate", abstract: "Create or update the database.")
    @OptionGroup var storage: StorageOptions

    func run() async throws {
        bootstrapLogging()
        try await withApplication(try storage.configuration()) { app in
            let last = try await Journal.lastSequence(on: app.db)
            print("database is up to date (\(app.knooppunt.configuration.database.dialectName), journal at \(last))")
        }
    }
}

struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo", abstract: "Seed the demo organisations and users into an empty database.")
    @OptionGroup var storage: StorageOptions

    func run() async throws {
        bootstrapLogging()
        let config = try storage.configuration()
        try await withApplication(config) { app in
            switch try await DemoSeeder.seed(app) {
            case .seeded(let organisations, let users):
                try await DemoIncident.seed(app)
                print("seeded \(organisations) organisations, \(users) users and one incident")
                print(DemoSeeder.loginSummary(password: config.demoPassword, url: "http://localhost:\(config.port)", role: config.role))
            case .skippedNotEmpty:
                print("the database already holds organisations; demo data was not added")
            }
        }
    }
}

struct VerifyJournalCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify-journal",
        abstract: "Recompute the journal's hash chain, check it against signed checkpoints and anchors, and replay it against the picture tables.")
    @OptionGroup var storage: StorageOptions
    @ArgumentParser.Option(help: "JSON lines of signed checkpoints kept outside this database (the anchor file, or `node checkpoints --peer` on the national node).")
    var anchors: String?

    func run() async throws {
        bootstrapLogging()
        var config = try storage.configuration()
        config.autoMigrate = false
        var anchorList: [JournalCheckpoint] = []
        if let anchors {
            guard let text = try? String(contentsOfFile: anchors, encoding: .utf8) else {
                throw ValidationError("cannot read the anchors file \(anchors)")
            }
            for (number, line) in text.split(separator: "\n").enumerated() where !line.trimmingCharacters(in: .whitespaces).isEmpty {
                guard let checkpoint = try? JSONDecoder().decode(JournalCheckpoint.self, from: Data(line.utf8)) else {
                    throw ValidationError("line \(number + 1) of \(anchors) is not a journal checkpoint")
                }
                anchorList.append(checkpoint)
            }
        }
        let report = try await withApplication(config) { app in try await JournalAudit(db: app.db).run(anchors: anchorList) }
        var failed = false
        switch report.chain {
        case .intact(let events):
            print("journal intact: \(events) events verified")
        case .broken(let sequence, let reason):
            FileHandle.standardError.write(Data("journal broken at sequence \(sequence): \(reason)\n".utf8))
            failed = true
        }
        for problem in report.problems {
            FileHandle.standardError.write(Data("journal check: \(problem)\n".utf8))
        }
        print("checked \(report.checkpoints) signed checkpoints, \(report.entryVersions) entry versions and \(report.incidentVersions) incident versions"
              + (report.problems.isEmpty ? "; all match" : "; \(report.problems.count) problems"))
        if failed || !report.problems.isEmpty { throw ExitCode(1) }
    }
}
