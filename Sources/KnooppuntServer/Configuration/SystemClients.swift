import Foundation

/// The current time, behind a value so tests can move it.
struct Clock: Sendable {
    var now: @Sendable () -> Date

    static let live = Clock(now: { Date() })
}

/// A test clock that only moves when told.
final class ManualClock: @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date

    init(_ start: Date) { current = start }

    var clock: Clock { Clock(now: { [self] in lock.withLock { current } }) }

    func advance(by seconds: TimeInterval) {
        lock.withLock { current = current.addingTimeInterval(seconds) }
    }
}
