import Foundation

/// Wakes live streams when the journal has grown. The journal stays the source of truth: a signal only
/// says "look again", and each stream reads what it has not yet sent from the journal itself.
actor LiveHub {
    enum Signal: Sendable {
        /// A write committed; read the journal after your cursor.
        case changed
        /// Nothing happened for a while; send a keep-alive so dead connections are noticed.
        case heartbeat
    }

    private var subscribers: [UUID: AsyncStream<Signal>.Continuation] = [:]
    private var heartbeat: Task<Void, Never>?
    private var closed = false
    private let heartbeatInterval: Duration

    init(heartbeatInterval: Duration = .seconds(15)) {
        self.heartbeatInterval = heartbeatInterval
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

    func unsubscribe(_ id: UUID) {
        subscribers.removeValue(forKey: id)?.finish()
    }

    func publish() {
        for continuation in subscribers.values { continuation.yield(.changed) }
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
