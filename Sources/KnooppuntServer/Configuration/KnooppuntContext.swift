import Fluent
import Vapor

/// What the running server shares between requests: its configuration, side-effect clients and the
/// write path. Stored once on the application by `configure`.
final class KnooppuntContext: Sendable {
    let configuration: KnooppuntConfiguration
    let clock: Clock
    /// New record ids (`SideEffects.ids`).
    let ids: IDs
    /// How this node reaches other nodes' inboxes (`SideEffects.transport`).
    let transport: any NodeTransport
    /// Wakes live streams after each committed write.
    let live = LiveHub()
    /// Sessions resolved in the last seconds (`SessionCache`).
    let sessions = SessionCache()
    /// Wakes the outbox delivery after a committed write that queued federation messages.
    let outboxWake = WakeSignal()
    /// Meldkamer replays running for exercises (decision 0034).
    let replays = MeldkamerReplays()
    /// Each incident's entry versions in memory, for the picture as at any moment (decision 0035).
    let entryHistories = EntryHistories()
    /// The JSON of entry versions pictures showed, to show them again (decision 0035).
    let entryJSON = EntryJSONMemory()
    /// Refused unauthenticated requests per client address: what is journaled, what is turned away.
    let refusals = RefusalLimiter()
    /// One write transaction at a time in this process: SQLite needs it, and it hands committed events to
    /// live streams in commit order. Across processes, PostgreSQL's advisory lock serialises writes.
    let writeGate: WriteGate
    /// What follows each journal event inside the write that appends it (`JournalReactor`).
    let reactions: JournalReactions
    private let decoy = DecoyHash()

    init(configuration: KnooppuntConfiguration, effects: SideEffects, reactors: [any JournalReactor] = []) {
        self.configuration = configuration
        self.clock = effects.clock
        self.ids = effects.ids
        self.transport = effects.transport
        self.writeGate = WriteGate()
        self.reactions = JournalReactions(reactors)
    }

    /// A bcrypt hash of a random secret at the configured cost, so that a login with an unknown
    /// username spends as long as one with a known name and does not reveal which names exist.
    func decoyPasswordHash() async throws -> String {
        try await decoy.value(cost: configuration.bcryptCost)
    }

    /// Runs `body` in one database transaction; every change and its journal event go through here.
    func write<T: Sendable>(on db: Database, _ body: @escaping @Sendable (Database) async throws -> T) async throws -> T {
        await writeGate.acquire(at: clock.now())
        do {
            let clock = self.clock
            let appended = AppendedEvents()
            let result = try await db.transaction { tx in
                // Bound inside: Fluent runs the transaction body in a new task that inherits nothing.
                try await Journal.$clock.withValue(clock) {
                    try await Journal.$appended.withValue(appended) {
                        try await Journal.$writer.withValue(self) {
                            try await Journal.lockForWriting(tx)
                            let result = try await body(tx)
                            try await self.reactions.finish(appended.all, context: self, on: tx)
                            if let newest = appended.all.last?.0.sequence {
                                try await JournalNotifications.notify(tx, newest: newest, from: self.live.instance)
                            }
                            return result
                        }
                    }
                }
            }
            live.publish(appended.all.map { LiveHub.Committed(record: $0.0, incident: $0.1) })
            await writeGate.release()
            if appended.wakesOutbox { outboxWake.signal() }
            return result
        } catch {
            await writeGate.release()
            throw error
        }
    }
}

extension Application {
    private struct ContextKey: StorageKey {
        typealias Value = KnooppuntContext
    }

    /// The Knooppunt context; `configure` sets it before any route runs.
    var knooppunt: KnooppuntContext {
        get {
            guard let context = storage[ContextKey.self] else { fatalError("configure(_:_:) has not run") }
            return context
        }
        set { storage[ContextKey.self] = newValue }
    }
}

extension Request {
    var knooppunt: KnooppuntContext { application.knooppunt }
}

/// Computes the decoy hash once, on first use.
private actor DecoyHash {
    private var hash: String?

    func value(cost: Int) throws -> String {
        if let hash { return hash }
        let made = try Bcrypt.hash(UUID().uuidString, cost: cost)
        hash = made
        return made
    }
}
