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

/// Identifiers for new records. Live: random (version 4) UUIDs; a test may hand out a known sequence.
struct IDs: Sendable {
    var next: @Sendable () -> UUID

    static let random = IDs(next: { UUID() })

    /// 00000000-0000-0000-0000-000000000001, …02, …: the same ids on every run.
    static func sequential() -> IDs {
        let counter = Counter()
        return IDs(next: {
            let n = counter.increment()
            return UUID(uuidString: String(format: "00000000-0000-0000-0000-%012llx", n))!
        })
    }

    private final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var value: UInt64 = 0
        func increment() -> UInt64 { lock.withLock { value += 1; return value } }
    }
}

/// The id for a new record: from the `IDs` of the context whose write is in progress
/// (`Journal.writer`, bound by `KnooppuntContext.write`), so stores deep in a write need no context
/// to ask; outside a write, a random one.
enum NewID {
    static func next() -> UUID { (Journal.writer?.ids ?? .random).next() }
}

/// Every side effect the server reaches for from outside itself, in one value that `configure` wires
/// into the context: the clock, new ids, and the transport to other nodes. Tests swap any of them.
/// (Row ids Fluent generates itself for rows nobody refers to from outside are not routed here.)
struct SideEffects: Sendable {
    var clock: Clock = .live
    var ids: IDs = .random
    var transport: any NodeTransport = HTTPNodeTransport()

    static let live = SideEffects()
}
