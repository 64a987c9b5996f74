import Foundation
import Vapor

/// Runs the incidents' SitRap schedules while the server serves: every 30 seconds it issues what is
/// due. Started by `serve` only; tests drive `SitRapService.runDueSchedules` with their own clock.
struct SitRapScheduler: LifecycleHandler {
    static let period: Duration = .seconds(30)

    final class Runner: @unchecked Sendable {
        let lock = NSLock()
        var task: Task<Void, Never>?
    }

    let runner = Runner()

    func didBootAsync(_ application: Application) async throws {
        let db = application.db
        let context = application.knooppunt
        let logger = application.logger
        let task = Task {
            while !Task.isCancelled {
                do {
                    let issued = try await SitRapService(db: db, context: context).runDueSchedules()
                    if issued > 0 { logger.info("scheduled SitRaps issued: \(issued)") }
                } catch {
                    logger.error("SitRap schedule run failed: \(String(reflecting: error))")
                }
                try? await Task.sleep(for: Self.period)
            }
        }
        runner.lock.withLock { runner.task = task }
    }

    func shutdownAsync(_ application: Application) async {
        runner.lock.withLock { runner.task }?.cancel()
    }
}
