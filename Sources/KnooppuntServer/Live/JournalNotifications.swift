import FluentPostgresDriver
import Foundation
import Vapor

/// Several `serve` instances of one node on one PostgreSQL database: every write that appends to the
/// journal also sends `NOTIFY knooppunt_journal, '<instance> <newest sequence>'` in its transaction (so
/// only committed writes notify), and every instance listens on a connection of its own. An instance
/// ignores its own notifications (its writes reach its streams directly); for another's it reads the new
/// journal events once and hands them to its hub like its own (decision 0035). The journal stays the
/// source of truth. After a lost connection the listener reconnects and reads once, so a notification
/// missed in between costs a moment, never an event.
enum JournalNotifications {
    static let channel = "knooppunt_journal"

    /// Inside the write transaction, after the journal grew to `sequence`.
    static func notify(_ db: Database, newest sequence: Int64, from instance: UUID) async throws {
        guard let sql = db as? SQLDatabase, sql.dialect.name == "postgresql" else { return }
        try await sql.raw("SELECT pg_notify(\(literal: channel), \(bind: "\(instance) \(sequence)"))").run()
    }

    /// A notification's payload: the writing instance and the newest sequence (nil when unreadable).
    static func parse(_ payload: String) -> (instance: UUID?, sequence: Int64?) {
        let parts = payload.split(separator: " ")
        guard parts.count == 2 else { return (nil, Int64(payload)) }
        return (UUID(uuidString: String(parts[0])), Int64(parts[1]))
    }

    /// The journal after `cursor` (at most 1,000 events), with the incident each concerns.
    static func read(after cursor: Int64, on db: Database) async throws -> (upTo: Int64, events: [LiveHub.Committed]) {
        let rows = try await JournalEventModel.query(on: db).filter(\.$id > cursor).sort(\.$id).limit(1000).all()
        let ids = rows.compactMap(\.id)
        guard let last = ids.last else { return (cursor, []) }
        let incidents = try await IncidentJournalModel.query(on: db).filter(\.$id ~~ ids).all()
        var incidentOf: [Int64: UUID] = [:]
        for link in incidents { if let id = link.id { incidentOf[id] = link.incidentID } }
        return (last, rows.map { row in LiveHub.Committed(record: row.record, incident: row.id.flatMap { incidentOf[$0] }) })
    }
}

/// Listens for other instances' writes while the application runs (PostgreSQL only).
struct JournalListener: LifecycleHandler {
    let configuration: PostgresConnection.Configuration

    private final class Runner: @unchecked Sendable {
        let lock = NSLock()
        var task: Task<Void, Never>?
    }

    private let runner = Runner()

    func didBootAsync(_ application: Application) async throws {
        let configuration = self.configuration
        let live = application.knooppunt.live
        let logger = application.logger
        let db = application.db
        let fetch: @Sendable (Int64) async throws -> (upTo: Int64, events: [LiveHub.Committed]) = { cursor in
            try await JournalNotifications.read(after: cursor, on: db)
        }
        let task = Task {
            var attempt = 0
            while !Task.isCancelled {
                do {
                    let connection = try await PostgresConnection.connect(
                        configuration: configuration, id: 1, logger: logger)
                    attempt = 0
                    do {
                        try await connection.listen(on: JournalNotifications.channel) { notifications in
                            // Anything written while no one listened: look once.
                            try await live.foreign(newest: nil, fetch: fetch)
                            for try await notification in notifications {
                                if Task.isCancelled { break }
                                let (instance, sequence) = JournalNotifications.parse(notification.payload)
                                if instance == live.instance { continue }
                                // Read until the notified sequence is covered (1,000 events at a time).
                                var reached = live.newest
                                while sequence.map({ $0 > reached }) ?? true {
                                    try await live.foreign(newest: sequence, fetch: fetch)
                                    if live.newest == reached { break }  // Nothing more to read.
                                    reached = live.newest
                                }
                            }
                        }
                    } catch {
                        if !Task.isCancelled { logger.warning("journal notifications stopped: \(error); listening again") }
                    }
                    try? await connection.close()
                } catch {
                    attempt += 1
                    if attempt == 1 { logger.warning("cannot listen for journal notifications: \(error); retrying") }
                }
                try? await Task.sleep(for: .seconds(min(30, attempt + 1)))
            }
        }
        runner.lock.withLock { runner.task = task }
    }

    func shutdownAsync(_ application: Application) async {
        let task = runner.lock.withLock { runner.task }
        task?.cancel()
        await task?.value
    }
}
