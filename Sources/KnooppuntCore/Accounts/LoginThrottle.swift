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
        return .refuse(retryAfter: UntrustedNumber.clampedUp(wait, in: 1...86_400))
    }
}

/// Back-off for one client trying one account: a few failures are free (typing errors), after that
/// every further failure doubles the wait before the next attempt, up to a maximum. Unlike a lock on
/// the account, it slows only the one who keeps failing: the account's owner at another address is
/// not affected, so failed logins cannot be used to lock someone out.
public struct LoginBackoff: Sendable {
    public let freeFailures: Int
    public let firstWait: TimeInterval
    public let maximumWait: TimeInterval
    /// Failures older than this are forgotten.
    public let window: TimeInterval

    public init(freeFailures: Int, firstWait: TimeInterval, maximumWait: TimeInterval, window: TimeInterval) {
        self.freeFailures = freeFailures
        self.firstWait = firstWait
        self.maximumWait = maximumWait
        self.window = window
    }

    /// The wait after `count` failures in the window: none for the free ones, then doubling.
    public func wait(afterFailures count: Int) -> TimeInterval {
        guard count >= freeFailures else { return 0 }
        let doublings = min(count - freeFailures, 30)
        return min(maximumWait, firstWait * pow(2, Double(doublings)))
    }

    public func decide(failures: [Date], now: Date) -> LoginThrottle.Decision {
        let inWindow = failures.filter { now.timeIntervalSince($0) < window }
        guard let last = inWindow.max() else { return .allow }
        let remaining = wait(afterFailures: inWindow.count) - now.timeIntervalSince(last)
        guard remaining > 0 else { return .allow }
        return .refuse(retryAfter: UntrustedNumber.clampedUp(remaining, in: 1...86_400))
    }
}
