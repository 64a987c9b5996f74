import AsyncHTTPClient
import Foundation
import KnooppuntCore
import NIOCore
import NIOHTTP1

/// `knooppunt bench timetravel`: one incident with N entries of M versions each, all written through the API
/// (`POST …/entries`, then `PATCH …/entries/{id}` round after round, so every moment of the history mixes
/// old and new versions), then `GET …/picture?at=` at random moments of that history, one request at a
/// time, and a few without `at` (now). Each request is timed from sending it to having read the whole answer.
struct TimeTravelBench {
    struct Options: Sendable {
        var entries: Int
        var versionsPerEntry: Int
        var requests: Int
        var nowRequests: Int
        var warmup: Int
        var writers: Int
        var seed: UInt64
        var baseURL: String
        var username: String
        var password: String
        /// Named in the report: the dialect of the database, or the server measured.
        var database: String
        /// An incident an earlier run seeded on the server at `baseURL`: asked about again, not written.
        var incident: String?
    }

    /// Latencies of one kind of request, in milliseconds.
    struct Latencies: Encodable {
        var count: Int
        var p50: Double
        var p95: Double
        var p99: Double
        var max: Double
        var mean: Double

        init(_ samples: [Double]) {
            let sorted = samples.sorted()
            count = sorted.count
            // Nearest rank: the smallest sample with at least p % of the samples at or below it.
            func rank(_ p: Double) -> Double {
                sorted.isEmpty ? 0 : sorted[Swift.max(0, Int((p / 100 * Double(sorted.count)).rounded(.up)) - 1)]
            }
            (p50, p95, p99) = (rank(50), rank(95), rank(99))
            max = sorted.last ?? 0
            mean = sorted.isEmpty ? 0 : sorted.reduce(0, +) / Double(sorted.count)
        }

        var text: String {
            String(format: "p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms (n = %d)", p50, p95, p99, max, count)
        }
    }

    /// What one run measured; encoded as the `--json` object.
    struct Report: Encodable {
        var database: String
        var entries: Int
        var entryVersions: Int
        var seedSeconds: Double
        var historySeconds: Double
        var asAt: Latencies
        var now: Latencies
        /// Entries in an answer at a random moment, on average, and the size of the answer now.
        var meanEntriesAsAt: Double
        var bytesNow: Int

        var text: String {
            [
                "time travel: \(entries) entries, \(entryVersions) entry versions (\(database)); "
                    + (seedSeconds > 0 ? String(format: "seeded through the API in %.1f s", seedSeconds) : "seeded by an earlier run")
                    + String(format: ", history %.1f s", historySeconds),
                "as at a random moment: " + asAt.text + String(format: ", %.0f entries on average", meanEntriesAsAt),
                "now: " + now.text + ", \(bytesNow) bytes",
            ].joined(separator: "\n")
        }

        var markdownRows: String {
            [("as at T", asAt), ("now", now)].map { label, latencies in
                String(
                    format: "| %@ | %d | %d | %@ | %d | %.1f | %.1f | %.1f | %.1f |", database, entries, entryVersions, label,
                    latencies.count, latencies.p50, latencies.p95, latencies.p99, latencies.max)
            }.joined(separator: "\n")
        }
    }

    let options: Options

    static func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }

    func run(log: @escaping @Sendable (String) -> Void) async throws -> Report {
        try await BenchAPI.with(options.baseURL, connections: options.writers + 2, readTimeout: 120) { api in
            try await run(api: api, log: log)
        }
    }

    private func run(api: BenchAPI, log: @escaping @Sendable (String) -> Void) async throws -> Report {
        let token = try await api.login(options.username, options.password)
        let (incident, historyStart, historyEnd, seedSeconds) = try await seeded(api, token: token, log: log)
        log(String(format: "%d requests at random moments, %d now", options.requests, options.nowRequests))

        var random = CascadeBench.Generator(state: options.seed)
        let span = historyEnd.timeIntervalSince(historyStart)
        func moment() -> Date { historyStart.addingTimeInterval(span * Double(random.next() >> 11) / Double(1 << 53)) }
        let path = "/api/v1/incidents/\(incident)/picture"
        for _ in 0..<options.warmup { _ = try await api.get(path + "?at=" + Self.query(moment()), token: token) }

        var asAt: [Double] = []
        var entryCounts = 0
        for _ in 0..<options.requests {
            let at = Self.query(moment())
            let started = Self.now()
            let body = try await api.get(path + "?at=" + at, token: token)
            asAt.append(Double(Self.now() - started) / 1e6)
            entryCounts += try Self.entries(in: body).count
        }
        var nowTimes: [Double] = []
        var bytesNow = 0
        for _ in 0..<options.nowRequests {
            let started = Self.now()
            let body = try await api.get(path, token: token)
            nowTimes.append(Double(Self.now() - started) / 1e6)
            bytesNow = body.readableBytes
            // Now, every entry is there with its last version: the answer is complete.
            let entries = try Self.entries(in: body)
            let versions = entries.reduce(0) { $0 + (($1["version"] as? Int) ?? 0) }
            guard entries.count == options.entries, versions == options.entries * options.versionsPerEntry else {
                throw BenchError("now shows \(entries.count) entries of \(versions) versions in total")
            }
        }
        return Report(
            database: options.database, entries: options.entries, entryVersions: options.entries * options.versionsPerEntry,
            seedSeconds: seedSeconds, historySeconds: span, asAt: Latencies(asAt), now: Latencies(nowTimes),
            meanEntriesAsAt: Double(entryCounts) / Double(options.requests), bytesNow: bytesNow)
    }

    /// The incident asked about, the moments its history begins and ends, and how long seeding it took.
    private func seeded(_ api: BenchAPI, token: String, log: @escaping @Sendable (String) -> Void) async throws
        -> (String, Date, Date, Double)
    {
        if let incident = options.incident {
            // Its history: from a second after it started (the answer gives whole seconds) to its last update.
            let body = try await api.get("/api/v1/incidents/\(incident)/picture", token: token)
            let decoder = JSONDecoder()
            decoder.dateDecodingStrategy = .iso8601
            let picture = try decoder.decode(PictureMoments.self, from: Data(buffer: body))
            log("incident \(incident) as seeded before")
            return (incident, picture.incident.startedAt.addingTimeInterval(1), picture.lastUpdate, 0)
        }
        let seedStart = Self.now()
        let incident = try await api.createIncident(token: token, title: "Tijdreis \(Date().timeIntervalSince1970)")
        // The history starts once the incident exists: every moment asked about has an incident.
        let historyStart = Date()
        log("incident \(incident); writing \(options.entries) entries with \(options.writers) writers")
        let ids = try await seedEntries(api, token: token, incident: incident)
        if options.versionsPerEntry > 1 {
            log("editing each entry \(options.versionsPerEntry - 1) times")
            try await editEntries(api, token: token, incident: incident, ids: ids)
        }
        let seedSeconds = Double(Self.now() - seedStart) / 1e9
        log(String(format: "seeded in %.1f s", seedSeconds))
        return (incident, historyStart, Date(), seedSeconds)
    }

    /// The two moments of a picture the bench reads back.
    private struct PictureMoments: Decodable {
        struct Incident: Decodable { var startedAt: Date }
        var incident: Incident
        var lastUpdate: Date
    }

    /// Writes the entries, spread over the themes; every seventh has a location.
    private func seedEntries(_ api: BenchAPI, token: String, incident: String) async throws -> [String] {
        let themes = ["algemeen", "brandweer", "politie", "geneeskundig", "bevolkingszorg"]
        let priorities = ["laag", "normaal", "normaal", "hoog"]
        return try await inParallel(options.entries) { index in
            let location =
                index % 7 == 0
                ? #","location":{"type":"Point","coordinates":[\#(4.8 + Double(index % 100) / 1000),\#(52.3 + Double(index % 50) / 1000)]}"#
                : ""
            let json = try await api.send(
                "/api/v1/incidents/\(incident)/entries", method: .POST, token: token,
                json: #"{"theme":"\#(themes[index % themes.count])","text":"\#(Self.text(index, version: 1))","#
                    + #""source":"OvD \#(index % 13)","priority":"\#(priorities[index % priorities.count])"\#(location)}"#,
                expect: 201)
            guard let id = json["id"] as? String else { throw BenchError("no entry id") }
            return id
        }
    }

    /// Edits every entry once per round, round after round, so the versions of all entries interleave in time.
    private func editEntries(_ api: BenchAPI, token: String, incident: String, ids: [String]) async throws {
        for version in 2...options.versionsPerEntry {
            _ = try await inParallel(ids.count) { index in
                _ = try await api.send(
                    "/api/v1/incidents/\(incident)/entries/\(ids[index])", method: .PATCH, token: token,
                    json: #"{"baseVersion":\#(version - 1),"text":"\#(Self.text(index, version: version))"}"#, expect: 200)
            }
        }
    }

    /// Runs `body` for 0..<count on `options.writers` concurrent tasks; the results in index order.
    private func inParallel<T: Sendable>(_ count: Int, _ body: @escaping @Sendable (Int) async throws -> T) async throws -> [T] {
        let writers = options.writers
        return try await withThrowingTaskGroup(of: [(Int, T)].self) { group in
            for writer in 0..<writers {
                group.addTask {
                    var results: [(Int, T)] = []
                    for index in stride(from: writer, to: count, by: writers) { results.append((index, try await body(index))) }
                    return results
                }
            }
            return try await group.reduce(into: []) { $0 += $1 }.sorted { $0.0 < $1.0 }.map(\.1)
        }
    }

    private static func text(_ index: Int, version: Int) -> String {
        "Melding \(index), stand \(version): rookontwikkeling bij object \(index % 37), wind zuidwest, "
            + "afzetting Havenweg tussen \(index % 11) en \(index % 17); ambulance ter plaatse, geen slachtoffers bekend."
    }

    private static func query(_ date: Date) -> String {
        JournalTime.string(from: date).addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
    }

    private static func entries(in body: ByteBuffer) throws -> [[String: Any]] {
        guard
            let json = try JSONSerialization.jsonObject(with: Data(buffer: body)) as? [String: Any],
            let entries = json["entries"] as? [[String: Any]]
        else { throw BenchError("the picture has no entries list") }
        return entries
    }
}
