import Foundation
import Vapor

/// Work `serve` repeats while it runs (SitRap schedules, the federation outbox): started when the
/// application boots, a pass every `period`, ended at shutdown. A failing pass is logged and retried.
struct PeriodicTask: LifecycleHandler {
    let name: String
    let period: Duration
    let pass: @Sendable (Application) async throws -> Void

    private final class Runner: @unchecked Sendable {
        let lock = NSLock()
        var task: Task<Void, Never>?
    }

    private let runner = Runner()

    init(name: String, every period: Duration, _ pass: @escaping @Sendable (Application) async throws -> Void) {
        self.name = name
        self.period = period
        self.pass = pass
    }

    func didBootAsync(_ application: Application) async throws {
        let logger = application.logger
        let (name, period, pass) = (self.name, self.period, self.pass)
        let task = Task {
            while !Task.isCancelled {
                do { try await pass(application) } catch {
                    logger.error("\(name) failed: \(String(reflecting: error))")
                }
                try? await Task.sleep(for: period)
            }
        }
        runner.lock.withLock { runner.task = task }
    }

    func shutdownAsync(_ application: Application) async {
        runner.lock.withLock { runner.task }?.cancel()
    }
}
