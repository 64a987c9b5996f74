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
        try await BenchAPI.with(
            options.baseURL, connections: options.subscribers + options.writers + 8, readTimeout: Int64(options.duration) + 120
        ) { api in try await run(api: api, log: log) }
    }

    private func run(api: BenchAPI, log: @escaping @Sendable (String) -> Void) async throws -> Report {
        let token = try await api.login(options.username, options.password)
        let incident = try await api.createIncident(token: token, title: "Benchmark \(Date().timeIntervalSince1970)")
        log("incident \(incident); opening \(options.subscribers) subscribers")
        let recorder = Recorder()
        let subscribers = (0..<options.subscribers).map { _ in
            Task { try await subscribe(api, token: token, incident: incident, recorder: recorder) }
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
                        try await write(api, token: token, incident: incident)
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

    private func write(_ api: BenchAPI, token: String, incident: String) async throws {
        _ = try await api.send(
            "/api/v1/incidents/\(incident)/entries", method: .POST, token: token,
            json: #"{"theme":"algemeen","text":"bench:\#(Self.now())","source":"bench"}"#, expect: 201)
    }

    private func subscribe(_ api: BenchAPI, token: String, incident: String, recorder: Recorder) async throws {
        let response = try await api.client.execute(
            api.request("/api/v1/incidents/\(incident)/stream", token: token), timeout: .seconds(Int64(options.duration) + 180))
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
