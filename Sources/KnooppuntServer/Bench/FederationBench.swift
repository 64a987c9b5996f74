import Fluent
import Foundation
import Histogram
import KnooppuntCore
import Vapor

/// `knooppunt bench federation`: two real nodes in one process on loopback ports (a region and the
/// national node, each with its own SQLite file). Queues N messages on the region, one write each, then
/// delivers them over HTTP (signature, inbox check, apply, acknowledge) and times every delivery; and N
/// parallel acceptances of capacity offers on one node.
struct FederationBench {
    let messages: Int
    let directory: URL

    struct Row {
        let name: String
        let count: Int
        let seconds: Double
        var histogram: Histogram<UInt64>

        var markdown: String {
            String(format: "| %@ | %d | %.1f | %.3f | %.3f | %.3f |", name, count, Double(count) / seconds,
                   Double(histogram.valueAtPercentile(50)) / 1000, Double(histogram.valueAtPercentile(99)) / 1000,
                   Double(histogram.max) / 1000)
        }
    }

    static let header = "| Case | Count | Per second | p50 ms | p99 ms | max ms |\n|---|---|---|---|---|---|"

    private static func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds / 1000 }
    private static func histogram() -> Histogram<UInt64> { Histogram(highestTrackableValue: 600_000_000, numberOfSignificantValueDigits: .three) }

    /// Times each delivery of the real HTTP transport.
    final class TimedTransport: NodeTransport, @unchecked Sendable {
        private let lock = NSLock()
        private var histogram = FederationBench.histogram()
        private let inner = HTTPNodeTransport()

        func deliver(_ envelope: Data, signature: String, from node: String, to url: String) async -> DeliveryResult {
            let start = FederationBench.now()
            let result = await inner.deliver(envelope, signature: signature, from: node, to: url)
            let elapsed = max(1, FederationBench.now() - start)
            lock.withLock { _ = histogram.record(elapsed) }
            return result
        }

        var recorded: Histogram<UInt64> { lock.withLock { histogram } }
    }

    private func config(_ name: String, role: KnooppuntConfiguration.NodeRole) -> KnooppuntConfiguration {
        var config = KnooppuntConfiguration()
        config.database = .sqliteFile(directory.appendingPathComponent("\(name).sqlite").path)
        config.bcryptCost = 10
        config.role = role
        return config
    }

    func run(log: @Sendable (String) -> Void) async throws -> [Row] {
        try await withApplication(config("kcr2", role: .national)) { national in
            national.logger.logLevel = .warning
            try await national.server.start(address: .hostname("127.0.0.1", port: 0))
            let port = national.http.server.shared.localAddress?.port ?? 0
            do {
                let rows = try await measure(national: national, port: port, log: log)
                await national.server.shutdown()
                return rows
            } catch {
                await national.server.shutdown()
                throw error
            }
        }
    }

    private func measure(national: Application, port: Int, log: @Sendable (String) -> Void) async throws -> [Row] {
            try await withApplication(config("vr13", role: .region(RegionCode(number: 13)))) { region in
                region.logger.logLevel = .warning
                _ = try await DemoSeeder.seed(region)
                let kcr2 = try await FederationService(db: national.db, context: national.knooppunt).initialise(name: "kcr2")
                let vr13 = try await FederationService(db: region.db, context: region.knooppunt).initialise(name: "vr13")
                _ = try await FederationService(db: national.db, context: national.knooppunt).trust(
                    name: "vr13", url: "http://127.0.0.1:1", publicKey: vr13.publicKey, role: "region")
                _ = try await FederationService(db: region.db, context: region.knooppunt).trust(
                    name: "kcr2", url: "http://127.0.0.1:\(port)", publicKey: kcr2.publicKey, role: "national")
                var rows: [Row] = []

                // Queue: one write per message, as a change on the region would.
                var queued = Self.histogram()
                let queueStart = Self.now()
                for number in 0..<messages {
                    let start = Self.now()
                    let at = region.knooppunt.clock.now()
                    _ = try await region.knooppunt.write(on: region.db) { db in
                        try await FederationOutbox.enqueue(kind: "note", body: Data(#"{"n":\#(number)}"#.utf8), to: "kcr2", on: db, at: at)
                    }
                    _ = queued.record(max(1, Self.now() - start))
                }
                rows.append(Row(name: "queue a signed message (one write each)", count: messages,
                                seconds: Double(Self.now() - queueStart) / 1_000_000, histogram: queued))
                log("queued \(messages)")

                // Deliver: everything, in order, over HTTP to the national node.
                let transport = TimedTransport()
                let outbox = FederationOutbox(db: region.db, context: region.knooppunt)
                let deliverStart = Self.now()
                var delivered = 0
                while delivered < messages {
                    let pass = try await outbox.deliverDue(transport: transport)
                    guard pass > 0 else { throw BenchError("delivery stalled after \(delivered) messages") }
                    delivered += pass
                }
                rows.append(Row(name: "deliver over HTTP: verify, apply once in order, acknowledge", count: messages,
                                seconds: Double(Self.now() - deliverStart) / 1_000_000, histogram: transport.recorded))
                let applied = try await NodeInboxModel.query(on: national.db).count()
                guard applied == messages else { throw BenchError("the national node applied \(applied) of \(messages)") }
                log("delivered \(messages)")

                // Capacity: parallel acceptances of offers on one line, checked inside the write.
                rows.append(try await acceptances(region))
                return rows
            }
    }

    private func acceptances(_ app: Application) async throws -> Row {
        let count = min(messages, 200)
        let now = app.knooppunt.clock.now()
        let rws = try await Subjects.active("rws", on: app.db, at: now)
        // A request outside an incident is submitted by the region's own bestuur, its voorzitter (AssistanceService.submission).
        let voorzitter = try await Subjects.active("voorzitter-vr13", on: app.db, at: now)
        let im = try await Subjects.active("im-vr13", on: app.db, at: now)
        let service = AssistanceService(db: app.db, context: app.knooppunt)
        let capacity = CapacityService(db: app.db, context: app.knooppunt)
        let line = try await capacity.create(
            .init(holder: "RWS", type: "pomp", label: "Bench \(UUID().uuidString.prefix(8))", count: count / 2, unavailable: 0,
                  keepForOwn: 0, readinessMinutes: 30, longitude: nil, latitude: nil, baseVersion: nil), by: rws)
        var pairs: [(UUID, UUID)] = []
        for number in 0..<count {
            let request = try await service.create(
                .init(type: "pomp", typeNote: nil, quantity: 1, incident: nil, locationText: "Bench \(number)", longitude: nil, latitude: nil,
                      from: nil, until: nil, reason: "bench", submit: true), by: voorzitter)
            let offered = try await service.offer(request.id, .init(capacityItem: line.id, quantity: 1, note: nil), by: rws)
            pairs.append((request.id, offered.offers[0].id))
        }
        let start = Self.now()
        let timings = try await withThrowingTaskGroup(of: UInt64.self) { group in
            for (request, offer) in pairs {
                group.addTask {
                    let begin = Self.now()
                    _ = try? await service.accept(request, offer: offer, by: im)
                    return max(1, Self.now() - begin)
                }
            }
            return try await group.reduce(into: [UInt64]()) { $0.append($1) }
        }
        var histogram = Self.histogram()
        for timing in timings { _ = histogram.record(timing) }
        let committed = try await CapacityService.committed(to: line.id, on: app.db)
        guard committed == count / 2 else { throw BenchError("\(committed) committed on a line of \(count / 2)") }
        return Row(name: "accept offers in parallel (half refused: line exhausted)", count: count,
                   seconds: Double(Self.now() - start) / 1_000_000, histogram: histogram)
    }
}
