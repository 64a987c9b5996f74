import Fluent
import Foundation
import KnooppuntCore

/// Follows the journal: reacts to the events it subscribed to inside the write that appended them, so a
/// change and what follows from it (alerts, messages to the national node) commit or fail together,
/// and the code that makes a change need not know who follows it. Registered once, in `configure`.
protocol JournalReactor: Sendable {
    /// Says which events the reactor follows.
    func subscribe(to journal: inout JournalReactions)
}

/// What a reaction gets besides its event: the record as appended, the incident it was journaled on, the
/// running server, and the write's transaction.
struct JournalReaction: Sendable {
    let record: JournalRecord
    let incident: UUID?
    let context: KnooppuntContext
    let db: Database
}

/// The registered reactions, per kind in the order they were subscribed.
struct JournalReactions: Sendable {
    typealias Handler = @Sendable (any JournalEvent, JournalReaction) async throws -> Void
    typealias WriteHandler =
        @Sendable (_ events: [(JournalRecord, UUID?)], KnooppuntContext, Database) async throws -> Void

    private var handlers: [JournalKind: [Handler]] = [:]
    private var writeHandlers: [WriteHandler] = []

    init(_ reactors: [any JournalReactor]) {
        for reactor in reactors { reactor.subscribe(to: &self) }
    }

    /// Reacts to every event of type `Event`, right after it is appended.
    mutating func on<Event: JournalEvent>(
        _ type: Event.Type, _ handler: @escaping @Sendable (Event, JournalReaction) async throws -> Void
    ) {
        handlers[Event.kind, default: []].append { event, reaction in
            guard let event = event as? Event else { return }
            try await handler(event, reaction)
        }
    }

    /// Reacts to events of several kinds that share a payload, with the payload.
    mutating func on<Body>(
        _ types: [any ShapedJournalEvent<Body>.Type],
        _ handler: @escaping @Sendable (Body, JournalReaction) async throws -> Void
    ) {
        for type in types {
            handlers[type.kind, default: []].append { event, reaction in
                guard let event = event as? any ShapedJournalEvent<Body> else { return }
                try await handler(event.body, reaction)
            }
        }
    }

    /// Reacts once per write, after its last change, to everything the write appended (for work that
    /// a burst of events needs only once).
    mutating func afterEachWrite(_ handler: @escaping WriteHandler) {
        writeHandlers.append(handler)
    }

    func react(to event: some JournalEvent, _ reaction: JournalReaction) async throws {
        for handler in handlers[type(of: event).kind] ?? [] {
            try await handler(event, reaction)
        }
    }

    func finish(_ events: [(JournalRecord, UUID?)], context: KnooppuntContext, on db: Database) async throws {
        for handler in writeHandlers {
            try await handler(events, context, db)
        }
    }
}
