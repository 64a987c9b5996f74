import Foundation

/// Wakes one waiting loop early (the outbox delivery after a write queued a message). Signals coalesce:
/// any number of them before the loop waits again wake it once, so a burst of writes costs few passes.
/// One waiter at a time.
final class WakeSignal: @unchecked Sendable {
    private let lock = NSLock()
    private var pending = false
    private var waiter: (id: UInt64, continuation: CheckedContinuation<Bool, Never>)?
    private var nextID: UInt64 = 0
    /// A wait whose time ran out (or was cancelled) before it began to wait.
    private var expiredEarly: UInt64?

    /// Wakes the waiter, or the next wait if none waits now.
    func signal() {
        let continuation: CheckedContinuation<Bool, Never>? = lock.withLock {
            if let waiter {
                self.waiter = nil
                return waiter.continuation
            }
            pending = true
            return nil
        }
        continuation?.resume(returning: true)
    }

    /// Returns true when signalled (now or since the last wait returned), false after `timeout` or when
    /// the task is cancelled.
    func wait(atMost timeout: Duration) async -> Bool {
        let id: UInt64 = lock.withLock {
            nextID += 1
            return nextID
        }
        let timer = Task { [weak self] in
            guard (try? await Task.sleep(for: timeout)) != nil else { return }
            self?.expire(id)
        }
        defer { timer.cancel() }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Bool, Never>) in
                let woken: Bool? = lock.withLock {
                    if pending {
                        pending = false
                        return true
                    }
                    if Task.isCancelled || expiredEarly == id { return false }
                    let previous = waiter
                    waiter = (id, continuation)
                    if let previous { previous.continuation.resume(returning: false) }
                    return nil
                }
                if let woken { continuation.resume(returning: woken) }
            }
        } onCancel: {
            expire(id)
        }
    }

    private func expire(_ id: UInt64) {
        let continuation: CheckedContinuation<Bool, Never>? = lock.withLock {
            guard let waiter, waiter.id == id else {
                expiredEarly = id
                return nil
            }
            self.waiter = nil
            return waiter.continuation
        }
        continuation?.resume(returning: false)
    }
}
