import Foundation

/// Decides whether a login attempt may proceed, from the failures recorded for a key (a username or a
/// client address) within a sliding window. Pure: the caller stores failures and supplies the time.
public struct LoginThrottle: Sendable {
    public let maximumFailures: Int
    public let window: TimeInterval

    public init(maximumFailures: Int, window: TimeInterval) {
        self.maximumFailures = maximumFailures
        self.window = window
    }

    public enum Decision: Equatable, Sendable {
        case allow
        /// Refused; the earliest moment a new attempt can succeed is `retryAfter` seconds away.
        case refuse(retryAfter: Int)
    }

    /// The failures still inside the window at `now`.
    public func recent(_ failures: [Date], now: Date) -> [Date] {
        failures.filter { now.timeIntervalSince($0) < window }
    }

    public func decide(failures: [Date], now: Date) -> Decision {
        let inWindow = recent(failures, now: now).sorted()
        guard inWindow.count >= maximumFailures else { return .allow }
        // The attempt is allowed again once enough failures have aged out of the window.
        let oldestThatMustExpire = inWindow[inWindow.count - maximumFailures]
        let wait = window - now.timeIntervalSince(oldestThatMustExpire)
        return .refuse(retryAfter: max(1, Int(wait.rounded(.up))))
    }
}
