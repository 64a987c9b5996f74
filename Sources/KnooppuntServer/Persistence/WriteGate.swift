import Foundation

/// An async mutex that lets one write transaction at a time run on SQLite. SQLite refuses to upgrade a
/// transaction that has read to one that writes while another writer is active; queueing writers in
/// the process avoids that error instead of surfacing it to users. PostgreSQL needs no gate.
///
/// It also knows since when the current write holds it, for the write watchdog: a write that never
/// ends (a database connection lost in the middle of a statement is not always reported by the driver)
/// would otherwise hold every later write of the instance for good.
actor WriteGate {
    private var busy = false
    private var heldSince: Date?
    private var waiters: [CheckedContinuation<Void, Never>] = []

    func acquire(at now: Date) async {
        guard busy else {
            busy = true
            heldSince = now
            return
        }
        await withCheckedContinuation { waiters.append($0) }
        heldSince = now
    }

    func release() {
        heldSince = nil
        if waiters.isEmpty {
            busy = false
        } else {
            waiters.removeFirst().resume()
        }
    }

    /// Since when the current write holds the gate; nil when no write runs.
    var held: Date? { heldSince }
}

/// Turns a stalled write into a restart. Acknowledged writes are durable and an unfinished one was never
/// acknowledged, so ending the process loses nothing, while a stuck one blocks every write after it; the
/// supervisor (systemd, the orchestrator) starts the instance again with fresh connections.
enum WriteWatchdog {
    /// How long the current write has run when that is longer than `limit`; nil otherwise.
    static func stalled(_ context: KnooppuntContext, limit: TimeInterval) async -> TimeInterval? {
        guard let since = await context.writeGate.held else { return nil }
        let running = context.clock.now().timeIntervalSince(since)
        return running > limit ? running : nil
    }
}
