import Fluent
import Foundation
import KnooppuntCore
import NIOConcurrencyHelpers
import NIOCore
import Vapor

/// One open live stream (decision 0035). Its state lives on its connection's event loop.
///
/// Two ways to send, never both at once:
/// - **following**: the hub offers each committed batch on the loop; events the stream can judge from
///   what it already knows (its cached visibility) are written at once, as the bytes the hub encoded.
/// - **catching up**: the stream's own task reads what it has not sent (the hub's window, or the journal),
///   re-judges access with the database, writes, and waits for the connection to take the bytes. An event
///   it cannot judge on the spot, a gap, or a client that does not keep up (too many unwritten frames)
///   switches the stream to this mode; it returns to following once its cursor reaches the hub's newest.
final class LiveSubscriber: @unchecked Sendable {
    enum Mode { case catchingUp, following, ended }

    /// Frames written but not yet taken by the connection before the stream stops following and paces
    /// itself (back-pressure without ever holding up a write).
    static let maxInFlight = 128

    let loop: EventLoop
    let credential: UUID?
    private let writer: any BodyStreamWriter
    private let selection: LiveSelection
    private let hub: LiveHub
    private let wakes: AsyncStream<Void>.Continuation
    private let clock: Clock

    // Only touched on `loop`.
    private(set) var mode: Mode = .catchingUp
    private var cursor: Int64 = 0
    private var visibility = LiveSelection.Visibility()
    private var inFlight = 0
    private var sentSinceBeat = false
    private var lastWrite: EventLoopFuture<Void>?
    private var accessTimer: Scheduled<Void>?

    private static let keepAlive = ByteBuffer(string: ": keep-alive\n\n")

    private init(
        writer: any BodyStreamWriter, selection: LiveSelection, hub: LiveHub, clock: Clock,
        wakes: AsyncStream<Void>.Continuation
    ) {
        self.loop = writer.eventLoop
        self.writer = writer
        self.selection = selection
        self.credential = selection.credential
        self.hub = hub
        self.clock = clock
        self.wakes = wakes
    }

    /// Starts a stream on `writer` (on its loop) and the task that catches it up.
    @discardableResult
    static func start(
        writer: any BodyStreamWriter, selection: LiveSelection, hub: LiveHub, db: Database, clock: Clock,
        lastEventID: Int64?, logger: Logger
    ) -> LiveSubscriber {
        let (signals, wakes) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        let subscriber = LiveSubscriber(writer: writer, selection: selection, hub: hub, clock: clock, wakes: wakes)
        guard hub.register(subscriber) else {
            writer.write(.end, promise: nil)
            return subscriber
        }
        Task {
            do {
                try await subscriber.run(signals: signals, db: db, lastEventID: lastEventID)
            } catch {
                logger.debug("live stream ended: \(error)")
            }
            subscriber.loop.execute { subscriber.end(reason: nil) }
        }
        return subscriber
    }

    // MARK: On the loop

    /// Committed batches, in commit order, offered by the hub in one pass. Everything the stream sends
    /// from them goes out as one write.
    func deliver(_ batches: [LiveHub.Batch]) {
        switch mode {
        case .ended: return
        case .catchingUp:
            wakes.yield()
            return
        case .following: break
        }
        var frames: [ByteBuffer] = []
        defer { send(frames) }
        for batch in batches {
            guard batch.newest > cursor else { continue }
            guard batch.after <= cursor else { return fallBack() }
            if !selection.followsIncidents {
                // Capacity and meldkamer streams read the journal themselves, only when a batch concerns them.
                if batch.kinds.contains(where: selection.wants) { return fallBack() }
                cursor = batch.newest
                continue
            }
            let now = clock.now()
            for event in batch.events where event.record.sequence > cursor {
                switch selection.decide(event, visibility: visibility, now: now) {
                case .skip: break
                case .send(let frame): frames.append(frame)
                case .unsure: return fallBack()
                }
                cursor = event.record.sequence
            }
            cursor = batch.newest
        }
        if inFlight + (frames.isEmpty ? 0 : 1) > Self.maxInFlight { fallBack() }
    }

    /// Keeps an idle connection open; a stream that sent anything since the last beat needs none, so a busy
    /// node does not write a burst of keep-alives to every stream at once.
    func heartbeat() {
        guard mode != .ended else { return }
        if sentSinceBeat {
            sentSinceBeat = false
            return
        }
        send(Self.keepAlive)
        sentSinceBeat = false
    }

    /// Ends the stream, saying why when `reason` is given (`session-ended`, `access-ended`).
    func end(reason: String?) {
        loop.preconditionInEventLoop()
        guard mode != .ended else { return }
        mode = .ended
        if let reason { writer.write(.buffer(ByteBuffer(string: "event: \(reason)\ndata: {}\n\n")), promise: nil) }
        writer.write(.end, promise: nil)
        accessTimer?.cancel()
        accessTimer = nil
        hub.unregister(self)
        wakes.finish()
    }

    private func fallBack() {
        mode = .catchingUp
        wakes.yield()
    }

    /// Sends the frames as one write: the shared bytes themselves when there is one, else joined.
    private func send(_ frames: [ByteBuffer]) {
        guard var joined = frames.first else { return }
        if frames.count > 1 {
            joined = ByteBufferAllocator().buffer(capacity: frames.reduce(0) { $0 + $1.readableBytes })
            for var frame in frames { joined.writeBuffer(&frame) }
        }
        send(joined)
    }

    private func send(_ frame: ByteBuffer) {
        let promise = loop.makePromise(of: Void.self)
        inFlight += 1
        sentSinceBeat = true
        writer.write(.buffer(frame), promise: promise)
        lastWrite = promise.futureResult
        promise.futureResult.whenComplete { [self] result in
            inFlight -= 1
            if case .failure = result { end(reason: nil) }
        }
    }

    /// Wakes the stream when the access it rests on ends, so it says so without waiting for a write.
    private func watchAccess(until: Date?) {
        accessTimer?.cancel()
        accessTimer = nil
        guard let until else { return }
        let delay = max(0, until.timeIntervalSince(clock.now()))
        accessTimer = loop.scheduleTask(in: .milliseconds(Int64(delay * 1000) + 5)) { [self] in
            if mode == .following { fallBack() } else { wakes.yield() }
        }
    }

    // MARK: The catching-up task

    private struct Snapshot {
        let cursor: Int64
        let visibility: LiveSelection.Visibility
        let lastWrite: EventLoopFuture<Void>?
        /// Ended, or already following (a wake that came late): nothing to do.
        let idle: Bool
    }

    private func snapshot() async throws -> Snapshot {
        try await loop.submit { [self] in
            Snapshot(cursor: cursor, visibility: visibility, lastWrite: lastWrite, idle: mode != .catchingUp)
        }.get()
    }

    private func run(signals: AsyncStream<Void>, db: Database, lastEventID: Int64?) async throws {
        let head = try await Journal.lastSequence(on: db)
        // A cursor beyond the journal's end (another node's id, a typo) resumes from the end, not never.
        let start = min(lastEventID ?? head, head)
        var initial = LiveSelection.Visibility()
        if case .incident(let incident) = selection.scope {
            let seen = try await selection.mayRead(incident, on: db)
            guard seen.allowed else {
                return await endOnLoop(reason: "access-ended")
            }
            initial[incident] = seen
        }
        let visible = initial
        try await loop.submit { [self] in
            cursor = start
            visibility = visible
            writer.write(.buffer(ByteBuffer(string: "retry: 2000\n: cursor \(start)\n\n")), promise: nil)
        }.get()
        try await catchUp(db: db)
        for await _ in signals {
            try await catchUp(db: db)
        }
    }

    private func endOnLoop(reason: String) async {
        try? await loop.submit { [self] in end(reason: reason) }.get()
    }

    /// Reads and writes until the cursor reaches the hub's newest, then follows.
    private func catchUp(db: Database) async throws {
        while true {
            let state = try await snapshot()
            if state.idle { return }
            // A slow client paces its own reading: wait until the connection has taken what was written.
            try await state.lastWrite?.get()
            var visibility = state.visibility
            if case .incident(let incident) = selection.scope {
                let seen = visibility[incident]
                let stale = seen == nil || seen?.allowed == false || (seen?.until.map { clock.now() >= $0 } ?? false)
                if stale {
                    let fresh = try await selection.mayRead(incident, on: db)
                    guard fresh.allowed else { return await endOnLoop(reason: "access-ended") }
                    visibility[incident] = fresh
                }
            }
            let batch = try await selection.events(after: state.cursor, on: db, hub: hub, visibility: &visibility)
            if case .incident(let incident) = selection.scope, visibility[incident]?.allowed == false {
                // The access ended with one of these events: the top of the loop says so.
                try await loop.submit { [self] in self.visibility = visibility }.get()
                continue
            }
            let frames = batch.events.map { ByteBuffer(string: $0.frame) }
            let until: Date?? = {
                if case .incident(let incident) = selection.scope { return .some(visibility[incident]?.until) }
                return .none
            }()
            let seen = visibility
            let following = try await loop.submit { [self] () -> Bool in
                // Only this task leaves `catchingUp` for `following`; the loop may only end the stream.
                guard mode == .catchingUp else { return true }
                send(frames)
                cursor = batch.cursor
                self.visibility = seen
                if let until { watchAccess(until: until) }
                guard batch.cursor >= hub.newest, inFlight <= Self.maxInFlight else { return false }
                mode = .following
                return true
            }.get()
            if following { return }
        }
    }
}
