import Fluent
import Foundation
import KnooppuntCore
import Testing
import Vapor

@testable import KnooppuntServer

@Suite("Federation: a write that queues a message wakes the outbox delivery")
struct OutboxWakeTests {
    /// Counts the passes a periodic task has finished.
    final class Passes: @unchecked Sendable {
        private let lock = NSLock()
        private var finished = 0
        func add() { lock.withLock { finished += 1 } }
        var count: Int { lock.withLock { finished } }
    }

    @Test("with a period of an hour, a message queued by a write reaches the peer after the commit, without waiting for the period")
    func deliversOnWrite() async throws {
        try await withNodePair { kcr2, vr13 in
            let national = try #require(kcr2.app)
            let region = try #require(vr13.app)
            let passes = Passes()
            let delivery = PeriodicTask(name: "outbox delivery", every: .seconds(3600), wake: region.knooppunt.outboxWake) { app in
                _ = try await FederationOutbox(db: app.db, context: app.knooppunt).deliverDue(transport: app.knooppunt.transport)
                passes.add()
            }
            try await delivery.didBootAsync(region)
            // The first pass runs at once; after it only a wake (or an hour) starts another.
            #expect(try await waitFor { passes.count >= 1 })
            let before = try await NodeInboxModel.query(on: national.db).count()
            let at = region.knooppunt.clock.now()
            _ = try await region.knooppunt.write(on: region.db) { db in
                try await FederationOutbox.enqueue(kind: "note", body: Data(#"{"n":1}"#.utf8), to: "kcr2", on: db, at: at)
            }
            // Applied by the peer, and recorded as delivered by the region (after the peer's answer).
            let delivered = try await waitFor {
                let applied = try await NodeInboxModel.query(on: national.db).count()
                let waiting = try await NodeOutboxModel.query(on: region.db).filter(\.$deliveredAt == nil).count()
                return applied > before && waiting == 0
            }
            await delivery.shutdownAsync(region)
            #expect(delivered, "the message waited for the hourly pass")
        }
    }

    @Test("wakes coalesce: signals before a wait wake it once; a wait without a signal ends at its timeout")
    func wakesCoalesce() async throws {
        let wake = WakeSignal()
        wake.signal()
        wake.signal()
        wake.signal()
        #expect(await wake.wait(atMost: .seconds(3600)))
        #expect(await wake.wait(atMost: .milliseconds(1)) == false)
        // A signal while a loop waits wakes it.
        async let woken = wake.wait(atMost: .seconds(3600))
        try await Task.sleep(for: .milliseconds(10))
        wake.signal()
        #expect(await woken)
    }
}
