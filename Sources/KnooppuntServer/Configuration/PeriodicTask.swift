import Foundation
import Vapor

/// Work `serve` repeats while it runs (SitRap schedules, the federation outbox): started when the
/// application boots, a pass every `period`, ended at shutdown. A failing pass is logged and retried.
/// With a `wake` signal the next pass starts as soon as it is signalled, or after the period, whichever
/// comes first; signals during a pass coalesce into one more pass right after it.
struct PeriodicTask: LifecycleHandler {
    let name: String
    let period: Duration
    let wake: WakeSignal?
    let pass: @Sendable (Application) async throws -> Void

    private final class Runner: @unchecked Sendable {
        let lock = NSLock()
        var task: Task<Void, Never>?
    }

    private let runner = Runner()

    init(
        name: String, every period: Duration, wake: WakeSignal? = nil,
        _ pass: @escaping @Sendable (Application) async throws -> Void
    ) {
        self.name = name
        self.period = period
        self.wake = wake
        self.pass = pass
    }

    func didBootAsync(_ application: Application) async throws {
        let logger = application.logger
        let (name, period, wake, pass) = (self.name, self.period, self.wake, self.pass)
        let task = Task {
            while !Task.isCancelled {
                do { try await pass(application) } catch {
                    logger.error("\(name) failed: \(String(reflecting: error))")
                }
                if let wake {
                    _ = await wake.wait(atMost: period)
                } else {
                    try? await Task.sleep(for: period)
                }
            }
        }
        runner.lock.withLock { runner.task = task }
    }

    func shutdownAsync(_ application: Application) async {
        runner.lock.withLock { runner.task }?.cancel()
    }
}
