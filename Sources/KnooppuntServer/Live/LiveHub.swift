import Foundation
import KnooppuntCore
import NIOConcurrencyHelpers
import NIOCore

/// Hands committed journal events to the live streams of this process (decision 0035).
///
/// A write publishes its events once: each is encoded here, once for every reader who sees it in full,
/// and kept in a bounded window. The hub then gives each event loop one task that offers the batch to
/// the streams on that loop (`LiveSubscriber.deliver`), which write the shared bytes straight to their
/// connections: no per-stream task wake-up, actor hop or database read for the common case. A stream
/// that cannot decide an event on the spot (an access change, a new incident, a slow client) falls back
/// to reading the journal on its own task, at its own pace, and never holds the writer up. The journal
/// stays the source of truth: a stream that has missed anything reads it from there.
final class LiveHub: Sendable {
    /// A committed journal event, as the write that made it hands it over.
    struct Committed: Sendable {
        let record: JournalRecord
        let incident: UUID?
    }

    /// An incident event with what every stream that shows it in full sends, encoded once.
    struct Prepared: Sendable {
        let record: JournalRecord
        let incident: UUID
        /// `LiveSelection.data(record)`
        let data: String
        /// The whole SSE frame of `data`.
        let frame: ByteBuffer
        /// What decides who sees it (`EntryReader.sees`).
        let facts: EntryReader.RecordFacts
        /// An incident or access event: every stream judges it with the database.
        let changesAccess: Bool
        /// An alert event, the only content a monitoring stream follows.
        let isAlert: Bool

        init(record: JournalRecord, incident: UUID) {
            self.record = record
            self.incident = incident
            facts = EntryReader.RecordFacts(record)
            changesAccess = record.kind.hasPrefix("incident.") || record.kind.hasPrefix("access.")
            isAlert = record.kind.hasPrefix("alert.")
            data = LiveSelection.data(record)
            frame = ByteBuffer(string: LiveEvent(sequence: record.sequence, kind: record.kind, data: data).frame)
        }
    }

    /// One publish as the streams receive it: every incident event with a sequence in `(after, newest]`.
    struct Batch: Sendable {
        let after: Int64
        let newest: Int64
        let events: [Prepared]
        /// The kinds of every event in the range, incident or not.
        let kinds: [String]
    }

    /// The streams of one event loop; `members` is only touched on that loop.
    final class LoopMembers: @unchecked Sendable {
        let loop: EventLoop
        var members: [ObjectIdentifier: LiveSubscriber] = [:]
        /// Batches published for this loop and not yet offered, and whether a pass is queued or running.
        private let pending = NIOLockedValueBox<(batches: [Batch], active: Bool)>(([], false))
        /// How long one slice of a pass may hold the loop before it lets other work (requests, database
        /// completions, a write's acknowledgement) run.
        static let slice = TimeAmount.microseconds(500)

        init(loop: EventLoop) { self.loop = loop }

        func each(_ body: (LiveSubscriber) -> Void) {
            loop.preconditionInEventLoop()
            for member in members.values { body(member) }
        }

        /// Queues a batch; true when no pass is queued or running, so the caller must start one.
        /// While a pass runs, batches gather here and the next pass offers them all at once.
        func enqueue(_ batch: Batch) -> Bool {
            pending.withLockedValue { pending in
                pending.batches.append(batch)
                defer { pending.active = true }
                return !pending.active
            }
        }

        /// Offers every queued batch to every stream of the loop in one pass: each stream writes (and
        /// flushes) once per pass, however many events it takes. A pass runs in slices of at most `slice`,
        /// each a task of its own, so a loop with thousands of streams still serves its requests between
        /// them; passes never overlap, so every stream sees the batches in commit order (decision 0035).
        func offerPending() {
            loop.preconditionInEventLoop()
            let batches = pending.withLockedValue { pending in
                defer { pending.batches.removeAll(keepingCapacity: true) }
                if pending.batches.isEmpty { pending.active = false }
                return pending.batches
            }
            guard !batches.isEmpty else { return }
            offer(batches, to: Array(members.values)[...])
        }

        private func offer(_ batches: [Batch], to streams: ArraySlice<LiveSubscriber>) {
            let deadline = NIODeadline.now() + Self.slice
            var index = streams.startIndex
            while index < streams.endIndex {
                streams[index].deliver(batches)
                index += 1
                if index.isMultiple(of: 32), index < streams.endIndex, NIODeadline.now() >= deadline {
                    let rest = streams[index...]
                    loop.execute { self.offer(batches, to: rest) }
                    return
                }
            }
            // This pass is done: the next one takes what was published meanwhile.
            loop.execute { self.offerPending() }
        }
    }

    private struct State {
        /// Recent committed incident events, oldest first, for streams that are caught up.
        var window: [Prepared] = []
        /// Every incident event with a sequence at or above this is in `window`; nil when nothing is known.
        var coveredFrom: Int64?
        /// The newest sequence handed over in this process.
        var newest: Int64 = 0
        var loops: [ObjectIdentifier: LoopMembers] = [:]
        var count = 0
        var closed = false
        var heartbeat: Task<Void, Never>?
        var sessions: Task<Void, Never>?
    }

    private let state = NIOLockedValueBox(State())
    /// Names this process in its PostgreSQL notifications, so it does not take its own writes for another's.
    let instance = UUID()
    private let windowSize: Int
    let heartbeatInterval: Duration
    /// How often the open streams' sessions are checked together (one query for all of them).
    let sessionCheckInterval: Duration
    /// Whether the given credentials are still active; set by `configure` (nil: never checked).
    private let sessionCheck = NIOLockedValueBox<(@Sendable ([UUID]) async throws -> Set<UUID>)?>(nil)
    private let sessionWake = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
    /// Told of every committed event not about an incident, before the streams are (`onOtherEvents`).
    private let otherEventsObservers = NIOLockedValueBox<[@Sendable () -> Void]>([])

    /// Journal kinds after which open streams' sessions are checked at once, not at the next round.
    static let sessionKinds: Set<String> = [
        JournalKind.sessionClosed.rawValue, JournalKind.tokenRevoked.rawValue, JournalKind.userDisabled.rawValue,
        JournalKind.userRoleChanged.rawValue, JournalKind.userPasswordChanged.rawValue,
    ]

    init(heartbeatInterval: Duration = .seconds(15), sessionCheckInterval: Duration = .seconds(5), windowSize: Int = 10_000) {
        self.heartbeatInterval = heartbeatInterval
        self.sessionCheckInterval = sessionCheckInterval
        self.windowSize = windowSize
    }

    /// Lets the hub end streams whose session stopped being valid (revoked, expired, user disabled).
    func checkSessions(with check: @escaping @Sendable ([UUID]) async throws -> Set<UUID>) {
        sessionCheck.withLockedValue { $0 = check }
    }

    /// Runs `observer` after every commit (here or, on PostgreSQL, by another instance) that appended an
    /// event not about an incident: logins, tokens, accounts, governance (the session cache listens).
    func onOtherEvents(_ observer: @escaping @Sendable () -> Void) {
        otherEventsObservers.withLockedValue { $0.append(observer) }
    }

    var newest: Int64 { state.withLockedValue { $0.newest } }
    var subscriberCount: Int { state.withLockedValue { $0.count } }

    // MARK: Streams

    /// Adds a stream; called on its loop. False when the hub has shut down.
    func register(_ subscriber: LiveSubscriber) -> Bool {
        subscriber.loop.preconditionInEventLoop()
        let members: LoopMembers? = state.withLockedValue { state in
            guard !state.closed else { return nil }
            let key = ObjectIdentifier(subscriber.loop)
            let members = state.loops[key] ?? LoopMembers(loop: subscriber.loop)
            state.loops[key] = members
            state.count += 1
            startTimers(&state)
            return members
        }
        members?.members[ObjectIdentifier(subscriber)] = subscriber
        return members != nil
    }

    /// Removes a stream; called on its loop.
    func unregister(_ subscriber: LiveSubscriber) {
        subscriber.loop.preconditionInEventLoop()
        let members = state.withLockedValue { $0.loops[ObjectIdentifier(subscriber.loop)] }
        if members?.members.removeValue(forKey: ObjectIdentifier(subscriber)) != nil {
            state.withLockedValue { $0.count -= 1 }
        }
    }

    // MARK: Writes

    /// Hands over the events one write committed, in commit order, and offers them to every stream.
    func publish(_ events: [Committed]) {
        guard let first = events.first, let last = events.last else { return }
        publish(after: first.record.sequence - 1, upTo: last.record.sequence, events)
    }

    /// Hands over every journal event with a sequence in `(after, upTo]`. Parts already handed over are skipped; a gap restarts the window.
    func publish(after: Int64, upTo: Int64, _ events: [Committed]) {
        let wakesSessions = events.contains { Self.sessionKinds.contains($0.record.kind) }
        if events.contains(where: { $0.incident == nil }) {
            for observer in otherEventsObservers.withLockedValue({ $0 }) { observer() }
        }
        let dispatch: [LoopMembers]? = state.withLockedValue { state in
            guard upTo > state.newest else { return nil }
            let known = state.newest
            let unseen = events.filter { $0.record.sequence > known }
            let fresh = unseen.compactMap { event in event.incident.map { Prepared(record: event.record, incident: $0) } }
            let batchAfter: Int64
            if state.coveredFrom == nil || after > state.newest {
                // Something was written that this process has not seen: start a new window.
                state.window.removeAll()
                state.coveredFrom = after + 1
                batchAfter = after
            } else {
                batchAfter = known
            }
            state.window.append(contentsOf: fresh)
            state.newest = upTo
            if state.window.count > windowSize {
                let dropped = state.window.count - windowSize
                state.coveredFrom = state.window[dropped - 1].record.sequence + 1
                state.window.removeFirst(dropped)
            }
            let batch = Batch(after: batchAfter, newest: upTo, events: fresh, kinds: unseen.map(\.record.kind))
            // Queued under the lock, so every loop receives the batches in commit order.
            return state.loops.values.filter { $0.enqueue(batch) }
        }
        if wakesSessions { sessionWake.continuation.yield() }
        for members in dispatch ?? [] {
            members.loop.execute { members.offerPending() }
        }
    }

    /// Another instance of this node may have committed writes (PostgreSQL notification). `fetch` reads the
    /// journal after the given sequence and returns the events with the end of the range they cover; one
    /// read serves every stream.
    func foreign(
        newest sequence: Int64?,
        fetch: @Sendable (Int64) async throws -> (upTo: Int64, events: [Committed])
    ) async throws {
        let known = newest
        if let sequence, sequence <= known { return }  // This instance's own write, already handed over.
        let read = try await fetch(known)
        publish(after: known, upTo: read.upTo, read.events)
    }

    /// The incident events after `cursor` if the window covers them, with the newest sequence known;
    /// nil when the journal must be read instead.
    func recent(after cursor: Int64, limit: Int) -> (events: [Prepared], newest: Int64)? {
        state.withLockedValue { state in
            guard let coveredFrom = state.coveredFrom, cursor + 1 >= coveredFrom else { return nil }
            let window = state.window
            // Binary search: the window is ordered by sequence.
            var low = 0
            var high = window.count
            while low < high {
                let middle = (low + high) / 2
                if window[middle].record.sequence > cursor { high = middle } else { low = middle + 1 }
            }
            let slice = window[low...].prefix(limit)
            let reached = slice.count == limit ? (slice.last?.record.sequence ?? state.newest) : Swift.max(state.newest, cursor)
            return (Array(slice), reached)
        }
    }

    // MARK: Ending

    /// Ends every stream, so the server can stop without waiting on open connections.
    func shutdown() {
        let (loops, timers) = state.withLockedValue { state -> ([LoopMembers], [Task<Void, Never>]) in
            state.closed = true
            let timers = [state.heartbeat, state.sessions].compactMap { $0 }
            state.heartbeat = nil
            state.sessions = nil
            return (Array(state.loops.values), timers)
        }
        for timer in timers { timer.cancel() }
        sessionWake.continuation.finish()
        for members in loops {
            members.loop.execute { members.each { $0.end(reason: nil) } }
        }
    }

    /// Ends the streams opened with a credential that is no longer active.
    private func endStreams(without active: Set<UUID>, among checked: Set<UUID>) {
        let loops = state.withLockedValue { Array($0.loops.values) }
        for members in loops {
            members.loop.execute {
                members.each { subscriber in
                    if let credential = subscriber.credential, checked.contains(credential), !active.contains(credential) {
                        subscriber.end(reason: "session-ended")
                    }
                }
            }
        }
    }

    private func startTimers(_ state: inout State) {
        if state.heartbeat == nil {
            let interval = heartbeatInterval
            state.heartbeat = Task { [weak self] in
                while !Task.isCancelled {
                    try? await Task.sleep(for: interval)
                    self?.beat()
                }
            }
        }
        if state.sessions == nil {
            let interval = sessionCheckInterval
            let wakes = sessionWake.stream
            state.sessions = Task { [weak self] in
                // Woken by a session change, or after `interval`: whichever comes first.
                await withTaskGroup(of: Void.self) { group in
                    group.addTask {
                        while !Task.isCancelled {
                            try? await Task.sleep(for: interval)
                            self?.sessionWake.continuation.yield()
                        }
                    }
                    group.addTask {
                        for await _ in wakes {
                            await self?.checkOpenSessions()
                        }
                    }
                    await group.next()
                    group.cancelAll()
                }
            }
        }
    }

    private func beat() {
        let loops = state.withLockedValue { Array($0.loops.values) }
        for members in loops {
            members.loop.execute { members.each { $0.heartbeat() } }
        }
    }

    /// One query for every open stream's credential, spread over no more loop tasks than there are loops.
    private func checkOpenSessions() async {
        guard let check = sessionCheck.withLockedValue({ $0 }) else { return }
        let loops = state.withLockedValue { Array($0.loops.values) }
        var credentials = Set<UUID>()
        for members in loops {
            let found = try? await members.loop.submit { () -> Set<UUID> in
                var found = Set<UUID>()
                members.each { if let credential = $0.credential { found.insert(credential) } }
                return found
            }.get()
            credentials.formUnion(found ?? [])
        }
        guard !credentials.isEmpty, let active = try? await check(Array(credentials)) else { return }
        if !credentials.isSubset(of: active) {
            endStreams(without: active, among: credentials)
        }
    }
}
