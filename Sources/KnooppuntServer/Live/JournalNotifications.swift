import FluentPostgresDriver
import Foundation
import Vapor

/// Several `serve` instances of one node on one PostgreSQL database: every write that appends to the
/// journal also sends `NOTIFY knooppunt_journal, '<newest sequence>'` in its transaction (so only
/// committed writes notify), and every instance listens on a connection of its own. A notification only
/// wakes the instance's live streams; they read what they have not sent from the journal, which stays the
/// source of truth. After a lost connection the listener reconnects and wakes its streams once, so a
/// notification missed in between costs a moment, never an event.
enum JournalNotifications {
    static let channel = "knooppunt_journal"

    /// Inside the write transaction, after the journal grew to `sequence`.
    static func notify(_ db: Database, newest sequence: Int64) async throws {
        guard let sql = db as? SQLDatabase, sql.dialect.name == "postgresql" else { return }
        try await sql.raw("SELECT pg_notify(\(literal: channel), \(bind: String(sequence)))").run()
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
                            await live.foreign(newest: nil)
                            for try await notification in notifications {
                                if Task.isCancelled { break }
                                await live.foreign(newest: Int64(notification.payload))
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
