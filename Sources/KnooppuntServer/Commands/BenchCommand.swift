import ArgumentParser
import Foundation
import Vapor

/// `knooppunt bench …`: measured speed, written to BENCHMARKS.md, never asserted in tests.
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench", abstract: "Measure Knooppunt's speed.", subcommands: [
            Picture.self, TimeTravel.self, Interop.self, Federation.self, Cascade.self, Meldkamer.self,
        ])

    struct Picture: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Live picture: write→delivery latency with N SSE subscribers and M writers on one incident.")

        @ArgumentParser.Option(help: "Number of SSE subscribers.") var subscribers = 100
        @ArgumentParser.Option(help: "Number of concurrent writers.") var writers = 4
        @ArgumentParser.Option(help: "Seconds to write for.") var duration: Double = 10
        @ArgumentParser.Option(help: "A running server to target; without it one is started here.") var url: String?
        @ArgumentParser.Option(help: "Login for --url.") var user = "im-vr13"
        @ArgumentParser.Option(help: "Password for --url.") var password = "demo"
        @ArgumentParser.Flag(help: "Also print a BENCHMARKS.md table row.") var markdown = false
        @OptionGroup var storage: StorageOptions

        func validate() throws {
            guard subscribers >= 1, writers >= 1, duration > 0 else {
                throw ValidationError("subscribers, writers and duration must be positive")
            }
        }

        func run() async throws {
            bootstrapLogging()
            let log: @Sendable (String) -> Void = { FileHandle.standardError.write(Data("bench: \($0)\n".utf8)) }
            let report: PictureBench.Report
            if let url {
                report = try await PictureBench(options: options(url)).run(log: log)
            } else {
                report = try await withBenchServer(storage, log: log) { base in
                    try await PictureBench(options: options(base)).run(log: log)
                }
            }
            print(report.text)
            if markdown { print(report.markdownRow) }
        }

        private func options(_ base: String) -> PictureBench.Options {
            PictureBench.Options(
                subscribers: subscribers, writers: writers, duration: duration, baseURL: base, username: user,
                password: password)
        }
    }

    struct TimeTravel: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "timetravel",
            abstract: "The picture as at a moment: GET …/picture?at= on an incident with N entries and M versions.")

        @ArgumentParser.Option(help: "Entries of the incident.") var entries = 1000
        @ArgumentParser.Option(help: "Versions of each entry (the first is the entry itself).") var versions = 10
        @ArgumentParser.Option(help: "Timed requests at random moments of the incident's history.") var requests = 500
        @ArgumentParser.Option(name: .customLong("now-requests"), help: "Timed requests without 'at' (now).")
        var nowRequests = 25
        @ArgumentParser.Option(help: "Untimed requests first, to warm caches and connections.") var warmup = 20
        @ArgumentParser.Option(help: "Concurrent writers while seeding the incident through the API.") var writers = 4
        @ArgumentParser.Option(help: "Seed of the random moments, so runs ask the same questions.") var seed: UInt64 = 2026
        @ArgumentParser.Option(help: "A running server to target; without it one is started here.") var url: String?
        @ArgumentParser.Option(help: "Login for --url.") var user = "im-vr13"
        @ArgumentParser.Option(help: "Password for --url.") var password = "demo"
        @ArgumentParser.Option(help: "With --url: an incident an earlier run seeded (with the same --entries and --versions).")
        var incident: String?
        @ArgumentParser.Flag(help: "Also print a BENCHMARKS.md table row.") var markdown = false
        @ArgumentParser.Flag(help: "Print a JSON object on stdout (the summary goes to stderr).") var json = false
        @OptionGroup var storage: StorageOptions

        func validate() throws {
            guard entries >= 1, versions >= 1, requests >= 1, nowRequests >= 0, warmup >= 0, writers >= 1 else {
                throw ValidationError("entries, versions, requests and writers must be positive")
            }
            if incident != nil, url == nil { throw ValidationError("--incident needs the --url of the server that holds it") }
        }

        func run() async throws {
            bootstrapLogging()
            let log: @Sendable (String) -> Void = { FileHandle.standardError.write(Data("bench: \($0)\n".utf8)) }
            let options = TimeTravelBench.Options(
                entries: entries, versionsPerEntry: versions, requests: requests, nowRequests: nowRequests, warmup: warmup,
                writers: writers, seed: seed, baseURL: url ?? "", username: user, password: password,
                database: try url ?? storage.configuration().database.dialectName, incident: incident)
            let report: TimeTravelBench.Report
            if url != nil {
                report = try await TimeTravelBench(options: options).run(log: log)
            } else {
                report = try await withBenchServer(storage, log: log) { base in
                    var local = options
                    local.baseURL = base
                    return try await TimeTravelBench(options: local).run(log: log)
                }
            }
            try printReport(report, text: report.text, json: json)
            if markdown { print(report.markdownRows) }
        }
    }

    struct Interop: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "CAP, EDXL-DE and SitRap PDF on the shared corpus: reads with schema and signature checks, writes.")

        @ArgumentParser.Option(help: "The interop corpus (the shared interop folder).") var corpus = "../shared/interop"
        @ArgumentParser.Option(help: "Runs over every input per case.") var iterations = 20

        func validate() throws {
            guard iterations >= 1 else { throw ValidationError("iterations must be at least 1") }
            guard FileManager.default.fileExists(atPath: corpus + "/cap/valid") else {
                throw ValidationError("no CAP corpus at \(corpus)/cap/valid; pass --corpus")
            }
        }

        func run() async throws {
            let cases = try InteropBench(corpus: URL(fileURLWithPath: corpus), iterations: iterations).run()
            print(InteropBench.header)
            for result in cases { print(result.markdownRow) }
        }
    }

    struct Federation: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: """
                Two nodes on loopback: queue and deliver N signed messages; N parallel capacity acceptances; \
                region change → national picture with two `serve` processes.
                """)

        enum Wake: String, ExpressibleByArgument, CaseIterable {
            case both, on, off
        }

        @ArgumentParser.Option(help: "Messages to queue and deliver.") var messages = 1000
        @ArgumentParser.Option(help: "Changes on the region in the two-process case (0 skips it).") var changes = 200
        @ArgumentParser.Option(help: "Changes per second on the region.") var rate: Double = 10
        @ArgumentParser.Option(help: "The region's outbox wake in the two-process case: both (off, then on), on or off.")
        var outboxWake: Wake = .both
        @ArgumentParser.Flag(help: "Only the two-process case.") var processesOnly = false

        func validate() throws {
            guard messages >= 2 else { throw ValidationError("messages must be at least 2") }
            guard changes >= 0, rate > 0, rate <= 1000 else { throw ValidationError("changes must be 0 or more, rate from 0 to 1000") }
        }

        func run() async throws {
            bootstrapLogging()
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("knooppunt-bench-\(UUID())")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            let log: @Sendable (String) -> Void = { FileHandle.standardError.write(Data("bench: \($0)\n".utf8)) }
            var rows = processesOnly ? [] : try await FederationBench(messages: messages, directory: directory).run(log: log)
            if changes > 0 {
                let wakes: [Bool] = outboxWake == .both ? [false, true] : [outboxWake == .on]
                for wake in wakes {
                    let folder = directory.appendingPathComponent("processes-\(wake ? "wake" : "period")")
                    rows.append(try await FederationProcessBench(changes: changes, rate: rate, wake: wake, directory: folder).run(log: log))
                }
            }
            print(FederationBench.header)
            for row in rows { print(row.markdown) }
        }
    }

    struct Cascade: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "What follows: cascades over a generated dependency model of N nodes and M edges.")

        @ArgumentParser.Option(help: "Nodes of the generated model.") var nodes = 10_000
        @ArgumentParser.Option(help: "Edges of the generated model.") var edges = 50_000
        @ArgumentParser.Option(help: "Cascades per case.") var runs = 200

        func validate() throws {
            guard nodes >= 10, edges >= 1, runs >= 1, edges <= nodes * 50 else {
                throw ValidationError("nodes at least 10, edges 1 to 50 per node, runs at least 1")
            }
        }

        func run() async throws {
            let rows = CascadeBench(nodes: nodes, edges: edges, runs: runs).run()
            print(CascadeBench.header)
            for row in rows { print(row.markdown) }
        }
    }

    struct Meldkamer: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Meldkamer intake on one thread: read, locate and group a replayed P2000 stream.")

        @ArgumentParser.Option(help: "JSON lines with message and timestamp.")
        var file = "../shared/data/p2000/p2000_brandweer_nye2019_amsterdam.jsonl"
        @ArgumentParser.Option(name: .customLong("repeat"), help: "Rounds over the file (default: enough for 100,000 messages).")
        var rounds: Int?
        @ArgumentParser.Flag(help: "Print a JSON object on stdout (the summary goes to stderr).") var json = false

        func validate() throws {
            if let rounds, rounds < 1 { throw ValidationError("--repeat must be at least 1") }
            guard FileManager.default.fileExists(atPath: file) else { throw ValidationError("no file at \(file); pass --file") }
        }

        func run() async throws {
            let lines = try MeldkamerBench.lines(of: URL(fileURLWithPath: file))
            let reference = try MeldkamerBench.reference()
            let bench = MeldkamerBench(
                file: file, lines: lines, rounds: rounds ?? MeldkamerBench.rounds(toReach: 100_000, lines: lines.count))
            let report = bench.run(reference: reference)
            try printReport(report, text: report.text, json: json)
        }
    }
}

/// Runs `body` against a server started in this process on a scratch database (a fresh SQLite file unless
/// `--database-url` names PostgreSQL), migrated and seeded with the demo data; `body` gets its base URL.
func withBenchServer<T: Sendable>(
    _ storage: StorageOptions, log: @escaping @Sendable (String) -> Void, _ body: (String) async throws -> T
) async throws -> T {
    var config = try storage.configuration()
    let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("knooppunt-bench-\(UUID())")
    if case .sqliteFile = config.database {
        config.database = .sqliteFile(scratch.appendingPathComponent("knooppunt.sqlite").path)
    }
    config.bcryptCost = 10
    defer { try? FileManager.default.removeItem(at: scratch) }
    return try await withApplication(config) { app in
        app.logger.logLevel = .warning
        _ = try await DemoSeeder.seed(app)
        try await app.server.start(address: .hostname("127.0.0.1", port: 0))
        guard let port = app.http.server.shared.localAddress?.port else {
            throw BenchError("the server did not report its port")
        }
        log("server on port \(port) (\(config.database.dialectName)), pid \(ProcessInfo.processInfo.processIdentifier)")
        do {
            let result = try await body("http://127.0.0.1:\(port)")
            app.knooppunt.live.shutdown()
            await app.server.shutdown()
            return result
        } catch {
            app.knooppunt.live.shutdown()
            await app.server.shutdown()
            throw error
        }
    }
}

/// Prints a bench's summary, or with `json` its report as a JSON object on stdout and the summary on stderr.
func printReport(_ report: some Encodable, text: String, json: Bool) throws {
    guard json else { return print(text) }
    FileHandle.standardError.write(Data((text + "\n").utf8))
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    print(String(decoding: try encoder.encode(report), as: UTF8.self))
}
