import AsyncHTTPClient
import Foundation
import Histogram
import NIOCore
import NIOHTTP1

/// `knooppunt bench picture`: N live subscribers on one incident, M writers adding entries, and the
/// time from a write being sent to its event arriving at each subscriber.
struct PictureBench {
    struct Options: Sendable {
        var subscribers: Int
        var writers: Int
        var duration: TimeInterval
        var baseURL: String
        var username: String
        var password: String
    }

    struct Report: Sendable {
        let subscribers: Int
        let writers: Int
        let duration: TimeInterval
        let writes: Int
        let expectedDeliveries: Int
        let deliveries: Int
        let p50: Double
        let p99: Double
        let max: Double

        var writesPerSecond: Double { Double(writes) / duration }

        var text: String {
            String(
                format: "subscribers %d, writers %d, %.0f s: %d writes (%.1f/s), %d of %d deliveries; "
                    + "write→delivery p50 %.1f ms, p99 %.1f ms, max %.1f ms",
                subscribers, writers, duration, writes, writesPerSecond, deliveries, expectedDeliveries, p50, p99, max)
        }

        var markdownRow: String {
            String(
                format: "| %d | %d | %.0f | %d | %.1f | %d / %d | %.1f | %.1f | %.1f |", subscribers, writers, duration, writes,
                writesPerSecond, deliveries, expectedDeliveries, p50, p99, max)
        }
    }

    /// Latencies in microseconds, shared by all subscribers.
    final class Recorder: @unchecked Sendable {
        private let lock = NSLock()
        private var histogram = Histogram<UInt64>(highestTrackableValue: 600_000_000, numberOfSignificantValueDigits: .three)
        private(set) var count = 0
        private var connected = 0

        func record(_ microseconds: UInt64) {
            lock.withLock {
                _ = histogram.record(Swift.max(1, microseconds))
                count += 1
            }
        }

        func subscriberConnected() { lock.withLock { connected += 1 } }
        var connectedCount: Int { lock.withLock { connected } }
        var deliveries: Int { lock.withLock { count } }

        func percentile(_ p: Double) -> Double { lock.withLock { Double(histogram.valueAtPercentile(p)) / 1000 } }
        var max: Double { lock.withLock { Double(histogram.max) / 1000 } }
    }

    let options: Options

    static func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }

    func run(log: @escaping @Sendable (String) -> Void) async throws -> Report {
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool = .init(
            idleTimeout: .seconds(120), concurrentHTTP1ConnectionsPerHostSoftLimit: options.subscribers + options.writers + 8)
        configuration.timeout = .init(connect: .seconds(30), read: .seconds(Int64(options.duration) + 120))
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        do {
            let report = try await run(client: client, log: log)
            try await client.shutdown()
            return report
        } catch {
            try? await client.shutdown()
            throw error
        }
    }

    private func run(client: HTTPClient, log: @escaping @Sendable (String) -> Void) async throws -> Report {
        let token = try await login(client)
        let incident = try await createIncident(client, token: token)
        log("incident \(incident); opening \(options.subscribers) subscribers")
        let recorder = Recorder()
        let subscribers = (0..<options.subscribers).map { _ in
            Task { try await subscribe(client, token: token, incident: incident, recorder: recorder) }
        }
        let connectDeadline = Date().addingTimeInterval(120)
        while recorder.connectedCount < options.subscribers {
            guard Date() < connectDeadline else {
                throw BenchError("only \(recorder.connectedCount) of \(options.subscribers) subscribers connected")
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        log("all subscribers connected; writing for \(Int(options.duration)) s with \(options.writers) writers")
        let deadline = Self.now() + UInt64(options.duration * 1_000_000_000)
        let writes = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<options.writers {
                group.addTask {
                    var count = 0
                    while Self.now() < deadline {
                        try await write(client, token: token, incident: incident)
                        count += 1
                    }
                    return count
                }
            }
            return try await group.reduce(0, +)
        }
        let expected = writes * options.subscribers
        let drainDeadline = Date().addingTimeInterval(60)
        while recorder.deliveries < expected, Date() < drainDeadline {
            try await Task.sleep(for: .milliseconds(100))
        }
        for subscriber in subscribers { subscriber.cancel() }
        return Report(
            subscribers: options.subscribers, writers: options.writers, duration: options.duration, writes: writes,
            expectedDeliveries: expected, deliveries: recorder.deliveries, p50: recorder.percentile(50),
            p99: recorder.percentile(99), max: recorder.max)
    }

    private func request(_ path: String, method: HTTPMethod = .GET, token: String?, json: String? = nil) -> HTTPClientRequest {
        BenchHTTP.request(options.baseURL + path, method: method, token: token, json: json)
    }

    private func send(_ client: HTTPClient, _ request: HTTPClientRequest, expect: UInt) async throws -> [String: Any] {
        (try await BenchHTTP.send(client, request, expect: expect) as? [String: Any]) ?? [:]
    }

    private func login(_ client: HTTPClient) async throws -> String {
        let body = try JSONSerialization.data(withJSONObject: ["username": options.username, "password": options.password])
        let json = try await send(
            client, request(SiteURL.api(.session).path, method: .POST, token: nil, json: String(decoding: body, as: UTF8.self)),
            expect: 201)
        guard let token = json["token"] as? String else { throw BenchError("login returned no token") }
        return token
    }

    private func createIncident(_ client: HTTPClient, token: String) async throws -> String {
        let json = try await send(
            client,
            request(
                "/api/v1/incidents", method: .POST, token: token,
                json: #"{"title":"Benchmark \#(Date().timeIntervalSince1970)","category":"overig","exercise":true}"#),
            expect: 201)
        guard let id = json["id"] as? String else { throw BenchError("no incident id") }
        return id
    }

    private func write(_ client: HTTPClient, token: String, incident: String) async throws {
        _ = try await send(
            client,
            request(
                "/api/v1/incidents/\(incident)/entries", method: .POST, token: token,
                json: #"{"theme":"algemeen","text":"bench:\#(Self.now())","source":"bench"}"#),
            expect: 201)
    }

    private func subscribe(_ client: HTTPClient, token: String, incident: String, recorder: Recorder) async throws {
        let response = try await client.execute(
            request("/api/v1/incidents/\(incident)/stream", token: token), timeout: .seconds(Int64(options.duration) + 180))
        guard response.status == .ok else { throw BenchError("stream → \(response.status.code)") }
        var first = true
        var pending = ""
        for try await buffer in response.body {
            if first {
                recorder.subscriberConnected()
                first = false
            }
            pending += String(buffer: buffer)
            while let range = pending.range(of: "\n") {
                let line = pending[pending.startIndex..<range.lowerBound]
                pending.removeSubrange(pending.startIndex..<range.upperBound)
                guard line.hasPrefix("data: "), let marker = line.range(of: "\"text\":\"bench:") else { continue }
                let digits = line[marker.upperBound...].prefix { $0.isNumber }
                if let sent = UInt64(digits) {
                    recorder.record((Self.now() - sent) / 1000)
                }
            }
        }
    }
}

struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
