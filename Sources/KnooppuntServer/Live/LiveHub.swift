import Foundation
import KnooppuntCore

/// Wakes live streams when the journal has grown. The journal stays the source of truth: a signal only
/// says "look again", and each stream reads what it has not yet sent from the journal itself.
actor LiveHub {
    enum Signal: Sendable {
        /// A write committed; read the journal after your cursor.
        case changed
        /// Nothing happened for a while; send a keep-alive so dead connections are noticed.
        case heartbeat
    }

    /// A committed journal event, as the write that made it hands it over.
    struct Committed: Sendable {
        let record: JournalRecord
        let incident: UUID?
    }

    /// Recent committed events that concern an incident, oldest first, for streams that are caught up.
    private var window: [Committed] = []
    /// Every incident event with a sequence at or above this is in `window`; nil when nothing is known.
    private var coveredFrom: Int64?
    /// The newest sequence handed over in this process.
    private var newest: Int64 = 0
    private let windowSize: Int

    private var subscribers: [UUID: AsyncStream<Signal>.Continuation] = [:]
    private var heartbeat: Task<Void, Never>?
    private var closed = false
    private let heartbeatInterval: Duration

    init(heartbeatInterval: Duration = .seconds(15), windowSize: Int = 10_000) {
        self.heartbeatInterval = heartbeatInterval
        self.windowSize = windowSize
    }

    /// A stream of signals for one subscriber; it ends when the hub shuts down.
    func subscribe() -> (id: UUID, signals: AsyncStream<Signal>) {
        let id = UUID()
        let (stream, continuation) = AsyncStream.makeStream(of: Signal.self, bufferingPolicy: .bufferingNewest(1))
        if closed {
            continuation.finish()
        } else {
            subscribers[id] = continuation
            startHeartbeatIfNeeded()
        }
        return (id, stream)
    }

    /// Wakes one subscriber, e.g. when the grant its access rests on ends.
    func poke(_ id: UUID) {
        subscribers[id]?.yield(.changed)
    }

    func unsubscribe(_ id: UUID) {
        subscribers.removeValue(forKey: id)?.finish()
    }

    /// Hands over the events a write committed (in commit order) and wakes every stream.
    func publish(_ events: [Committed]) {
        if let first = events.first {
            if coveredFrom == nil || first.record.sequence != newest + 1 {
                // Something else wrote in between (another process or instance): start a new window.
                window.removeAll()
                coveredFrom = first.record.sequence
            }
            window.append(contentsOf: events.filter { $0.incident != nil })
            newest = events.last?.record.sequence ?? newest
            if window.count > windowSize {
                let dropped = window.count - windowSize
                coveredFrom = window[dropped - 1].record.sequence + 1
                window.removeFirst(dropped)
            }
        }
        for continuation in subscribers.values { continuation.yield(.changed) }
    }

    /// Another instance of this node committed a write (PostgreSQL notification): the journal now reaches
    /// at least `sequence` (nil: unknown). The window no longer covers what came before, so streams read
    /// the journal; every stream is woken.
    func foreign(newest sequence: Int64?) {
        if let sequence {
            guard sequence > newest else { return }  // This instance's own write, already handed over.
            newest = sequence
            window.removeAll()
            coveredFrom = sequence + 1
        } else {
            window.removeAll()
            coveredFrom = nil
        }
        for continuation in subscribers.values { continuation.yield(.changed) }
    }

    /// The incident events after `cursor` if the window covers them, with the newest sequence known;
    /// nil when the journal must be read instead.
    func recent(after cursor: Int64, limit: Int) -> (events: [Committed], newest: Int64)? {
        guard let coveredFrom, cursor + 1 >= coveredFrom else { return nil }
        let start = window.firstIndex { $0.record.sequence > cursor } ?? window.endIndex
        let slice = window[start...].prefix(limit)
        let reached = slice.count == limit ? (slice.last?.record.sequence ?? newest) : Swift.max(newest, cursor)
        return (Array(slice), reached)
    }

    var subscriberCount: Int { subscribers.count }

    /// Ends every stream, so the server can stop without waiting on open connections.
    func shutdown() {
        closed = true
        heartbeat?.cancel()
        for continuation in subscribers.values { continuation.finish() }
        subscribers.removeAll()
    }

    private func startHeartbeatIfNeeded() {
        guard heartbeat == nil else { return }
        let interval = heartbeatInterval
        heartbeat = Task { [weak self] in
            while !Task.isCancelled {
                try? await Task.sleep(for: interval)
                await self?.beat()
            }
        }
    }

    private func beat() {
        for continuation in subscribers.values { continuation.yield(.heartbeat) }
    }
}
