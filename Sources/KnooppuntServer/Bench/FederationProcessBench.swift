import AsyncHTTPClient
import Foundation
import Histogram
import NIOCore
import NIOPosix
import Vapor

/// `knooppunt bench federation --processes`: a national node (KCR2) and region VR13 as two `knooppunt
/// serve` processes of this binary, each with its own data folder, made to trust each other with
/// `knooppunt node init/trust`. On the region N changes of its demo incident are made through the API at
/// a steady rate; each is timed from the region's acknowledgement to the moment the national node's
/// picture (`GET /api/v1/national/incidents`, polled every few milliseconds) shows it. A change that
/// never arrives fails the bench.
struct FederationProcessBench {
    let changes: Int
    /// Changes per second on the region.
    let rate: Double
    /// Whether the region's outbox is woken by the write (`KNOOPPUNT_OUTBOX_WAKE`).
    let wake: Bool
    let directory: URL
    /// How often the national picture is read.
    var pollInterval: Duration = .milliseconds(5)

    private static func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds / 1000 }

    /// A `knooppunt` process that is stopped when the bench ends, also when it fails.
    private final class Node: @unchecked Sendable {
        let name: String
        let folder: URL
        let port: Int
        var process: Process?

        init(name: String, folder: URL, port: Int) {
            self.name = name
            self.folder = folder
            self.port = port
        }

        var base: String { "http://127.0.0.1:\(port)" }

        func stop() {
            guard let process, process.isRunning else { return }
            process.terminate()
            process.waitUntilExit()
        }
    }

    private var executable: String {
        Bundle.main.executablePath ?? CommandLine.arguments[0]
    }

    private var environment: [String: String] {
        var env = ProcessInfo.processInfo.environment
        // Two SQLite nodes, whatever this shell points at.
        env.removeValue(forKey: "KNOOPPUNT_DATABASE_URL")
        env["KNOOPPUNT_BCRYPT_COST"] = "10"
        env["KNOOPPUNT_OUTBOX_WAKE"] = wake ? "true" : "false"
        env["LOG_LEVEL"] = "warning"
        return env
    }

    /// Runs `knooppunt arguments…` to its end and returns what it printed.
    private func command(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        guard process.terminationStatus == 0 else {
            throw BenchError("knooppunt \(arguments.joined(separator: " ")) exited with \(process.terminationStatus): \(text)")
        }
        return text
    }

    /// A free loopback port, as the system hands one out.
    private static func freePort() async throws -> Int {
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton).bind(host: "127.0.0.1", port: 0).get()
        let port = channel.localAddress?.port ?? 0
        try await channel.close()
        guard port > 0 else { throw BenchError("no free port") }
        return port
    }

    func run(log: @escaping @Sendable (String) -> Void) async throws -> FederationBench.Row {
        let kcr2 = Node(name: "kcr2", folder: directory.appendingPathComponent("kcr2"), port: try await Self.freePort())
        let vr13 = Node(name: "vr13", folder: directory.appendingPathComponent("vr13"), port: try await Self.freePort())
        var configuration = HTTPClient.Configuration()
        configuration.timeout = .init(connect: .seconds(10), read: .seconds(60))
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        do {
            let row = try await run(kcr2: kcr2, vr13: vr13, client: client, log: log)
            kcr2.stop()
            vr13.stop()
            try await client.shutdown()
            return row
        } catch {
            kcr2.stop()
            vr13.stop()
            try? await client.shutdown()
            throw error
        }
    }

    private func run(kcr2: Node, vr13: Node, client: HTTPClient, log: @escaping @Sendable (String) -> Void) async throws
        -> FederationBench.Row
    {
        // Identities and mutual trust, as `scripts/demo-federation` makes them.
        var keys: [String: String] = [:]
        for node in [kcr2, vr13] {
            try FileManager.default.createDirectory(at: node.folder, withIntermediateDirectories: true)
            _ = try command(["migrate", "--data-dir", node.folder.path])
            _ = try command(["node", "init", "--name", node.name, "--data-dir", node.folder.path])
            let shown = try command(["node", "show", "--data-dir", node.folder.path])
            guard let line = shown.split(separator: "\n").first(where: { $0.hasPrefix("public key ") }) else {
                throw BenchError("`node show` printed no public key: \(shown)")
            }
            keys[node.name] = String(line.dropFirst("public key ".count))
        }
        _ = try command(["node", "trust", "vr13", vr13.base, keys["vr13"]!, "--regional", "--data-dir", kcr2.folder.path])
        _ = try command(["node", "trust", "kcr2", kcr2.base, keys["kcr2"]!, "--national", "--data-dir", vr13.folder.path])
        try start(kcr2, ["serve", "--demo", "--role", "national", "--port", "\(kcr2.port)", "--data-dir", kcr2.folder.path])
        try start(vr13, ["serve", "--demo", "--role", "region", "--region", "VR13", "--port", "\(vr13.port)", "--data-dir", vr13.folder.path])
        for node in [kcr2, vr13] { try await waitForHealth(node, client: client) }
        log("two processes up: kcr2 on \(kcr2.port), vr13 on \(vr13.port) (outbox wake \(wake ? "on" : "off"))")

        let regionToken = try await login(vr13, "im-vr13", client: client)
        let nationalToken = try await login(kcr2, "analist-kcr2", client: client)
        let incidents = try await send(client, request(vr13.base + "/api/v1/incidents", token: regionToken), expect: 200)
        guard let incident = (incidents as? [[String: Any]])?.first, let id = incident["id"] as? String,
              var version = incident["version"] as? Int
        else { throw BenchError("the region has no demo incident") }
        // The demo incident's summary reaches the national node first: the picture is in place.
        let deadline = ContinuousClock.now.advanced(by: .seconds(60))
        while try await nationalTitle(of: id, kcr2, token: nationalToken, client: client) == nil {
            guard ContinuousClock.now < deadline else { throw BenchError("the demo incident never reached the national node") }
            try await Task.sleep(for: .milliseconds(50))
        }

        // The national picture, read tightly: a change shows when its title (or a later one: per-peer
        // order) is there.
        let prefix = "Bench change "
        let arrivals = Arrivals(count: changes)
        let poller = Task {
            while !Task.isCancelled, !arrivals.complete {
                if let title = try? await nationalTitle(of: id, kcr2, token: nationalToken, client: client),
                   title.hasPrefix(prefix), let number = Int(title.dropFirst(prefix.count))
                {
                    arrivals.arrived(upTo: number, at: Self.now())
                }
                try? await Task.sleep(for: pollInterval)
            }
        }
        defer { poller.cancel() }

        log("\(changes) changes at \(rate)/s")
        let start = Self.now()
        let spacing = 1_000_000 / rate
        for number in 0..<changes {
            let due = start + UInt64(Double(number) * spacing)
            let ahead = Int64(due) - Int64(Self.now())
            if ahead > 0 { try await Task.sleep(for: .microseconds(ahead)) }
            let body = #"{"baseVersion":\#(version),"title":"\#(prefix)\#(number)"}"#
            let answer = try await send(
                client, request(vr13.base + "/api/v1/incidents/\(id)", method: .PATCH, token: regionToken, json: body), expect: 200)
            arrivals.acknowledged(number, at: Self.now())
            guard let next = (answer as? [String: Any])?["version"] as? Int else { throw BenchError("the update returned no version") }
            version = next
        }
        let writing = Double(Self.now() - start) / 1_000_000
        let drain = ContinuousClock.now.advanced(by: .seconds(30))
        while !arrivals.complete, ContinuousClock.now < drain {
            try await Task.sleep(for: .milliseconds(20))
        }
        poller.cancel()
        if let missing = arrivals.firstMissing {
            throw BenchError("change \(missing) never reached the national node (30 s after the last write)")
        }
        return FederationBench.Row(
            name: "region change → national picture, two processes (outbox wake \(wake ? "on" : "off"))", count: changes,
            seconds: writing, histogram: arrivals.histogram)
    }

    /// For each change: when the region acknowledged it and when the national picture first showed it.
    private final class Arrivals: @unchecked Sendable {
        private let lock = NSLock()
        private var acknowledgedAt: [UInt64?]
        private var arrivedAt: [UInt64?]

        init(count: Int) {
            acknowledgedAt = Array(repeating: nil, count: count)
            arrivedAt = Array(repeating: nil, count: count)
        }

        func acknowledged(_ number: Int, at time: UInt64) { lock.withLock { acknowledgedAt[number] = time } }

        func arrived(upTo number: Int, at time: UInt64) {
            lock.withLock {
                for index in 0...min(number, arrivedAt.count - 1) where arrivedAt[index] == nil { arrivedAt[index] = time }
            }
        }

        var complete: Bool { lock.withLock { arrivedAt.allSatisfy { $0 != nil } } }
        var firstMissing: Int? { lock.withLock { arrivedAt.firstIndex { $0 == nil } } }

        /// Acknowledgement to arrival, µs (at least 1: the picture may show a change before the region's
        /// answer is read).
        var histogram: Histogram<UInt64> {
            lock.withLock {
                var histogram = Histogram<UInt64>(highestTrackableValue: 600_000_000, numberOfSignificantValueDigits: .three)
                for (acknowledged, arrived) in zip(acknowledgedAt, arrivedAt) {
                    guard let acknowledged, let arrived else { continue }
                    _ = histogram.record(arrived > acknowledged ? arrived - acknowledged : 1)
                }
                return histogram
            }
        }
    }

    private func start(_ node: Node, _ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = environment
        let logFile = node.folder.appendingPathComponent("server.log")
        _ = FileManager.default.createFile(atPath: logFile.path, contents: nil)
        let handle = try FileHandle(forWritingTo: logFile)
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        node.process = process
    }

    private func waitForHealth(_ node: Node, client: HTTPClient) async throws {
        let deadline = ContinuousClock.now.advanced(by: .seconds(120))
        while ContinuousClock.now < deadline {
            if let process = node.process, !process.isRunning {
                let log = (try? String(contentsOf: node.folder.appendingPathComponent("server.log"), encoding: .utf8)) ?? ""
                throw BenchError("\(node.name) ended with \(process.terminationStatus): \(log.suffix(2000))")
            }
            if let response = try? await client.execute(request(node.base + "/api/v1/health", token: nil), timeout: .seconds(2)),
               response.status == .ok
            {
                return
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw BenchError("\(node.name) did not come up on port \(node.port)")
    }

    /// The title of the region's incident in the national picture, nil while it is not there.
    private func nationalTitle(of incident: String, _ node: Node, token: String, client: HTTPClient) async throws -> String? {
        let rows = try await send(client, request(node.base + "/api/v1/national/incidents", token: token), expect: 200)
        for row in (rows as? [[String: Any]]) ?? [] {
            guard let summary = row["summary"] as? [String: Any],
                  (summary["incident"] as? String)?.lowercased() == incident.lowercased()
            else { continue }
            return summary["title"] as? String
        }
        return nil
    }

    private func request(_ url: String, method: HTTPMethod = .GET, token: String?, json: String? = nil) -> HTTPClientRequest {
        BenchHTTP.request(url, method: method, token: token, json: json)
    }

    private func send(_ client: HTTPClient, _ request: HTTPClientRequest, expect: UInt) async throws -> Any {
        try await BenchHTTP.send(client, request, expect: expect)
    }

    private func login(_ node: Node, _ username: String, client: HTTPClient) async throws -> String {
        let body = try JSONSerialization.data(withJSONObject: ["username": username, "password": "demo"])
        let json = try await send(
            client, request(node.base + "/api/v1/session", method: .POST, token: nil, json: String(decoding: body, as: UTF8.self)),
            expect: 201)
        guard let token = (json as? [String: Any])?["token"] as? String else { throw BenchError("login as \(username) returned no token") }
        return token
    }
}
