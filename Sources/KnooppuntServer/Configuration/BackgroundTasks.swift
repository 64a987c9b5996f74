import Foundation
import Vapor

/// The work a serving node repeats while it runs, registered by `configure` when the configuration asks
/// for it (`serve` does; one-off commands and tests do not, so nothing runs behind a test's back).
enum BackgroundTasks {
    static func register(_ app: Application) {
        // Scheduled SitRaps every 30 seconds; the federation outbox every second, and after each write that queues.
        app.lifecycle.use(PeriodicTask(name: "SitRap schedules", every: .seconds(30)) { app in
            let issued = try await SitRapService(db: app.db, context: app.knooppunt).runDueSchedules()
            if issued > 0 { app.logger.info("scheduled SitRaps issued: \(issued)") }
        })
        // A write that never ends (a connection lost mid-statement) would hold every later write:
        // end the process instead, for the supervisor to restart it (nothing acknowledged is lost).
        app.lifecycle.use(PeriodicTask(name: "write watchdog", every: .seconds(5)) { app in
            let limit = app.knooppunt.configuration.writeStallLimit
            if let running = await WriteWatchdog.stalled(app.knooppunt, limit: limit) {
                app.logger.critical("a database write has run for \(Int(running)) s (limit \(Int(limit)) s); stopping so the supervisor restarts this instance")
                Foundation.exit(75)
            }
        })
        // The journal head signed every minute when it moved (to the anchor file and the national node too).
        app.lifecycle.use(PeriodicTask(name: "journal checkpoint", every: .seconds(60)) { app in
            try await JournalCheckpoints(db: app.db, context: app.knooppunt).make()
        })
        app.lifecycle.use(PeriodicTask(name: "refusal summaries", every: .seconds(60)) { app in
            try await app.knooppunt.refusals.flush(db: app.db, context: app.knooppunt)
        })
        // Woken right after a write that queued messages commits; the period stays for retries and back-off.
        let wake = app.knooppunt.configuration.outboxWake ? app.knooppunt.outboxWake : nil
        app.lifecycle.use(PeriodicTask(name: "outbox delivery", every: .seconds(1), wake: wake) { app in
            // Fallback copies of changed incidents first, coalesced: at most one waits per incident.
            try await FallbackPicture.queueDue(context: app.knooppunt, on: app.db)
            _ = try await FederationOutbox(db: app.db, context: app.knooppunt).deliverDue(transport: app.knooppunt.transport)
        })
    }
}
