import Foundation
import KnooppuntCore

/// Failed logins per key ("user:NAME", "ip:ADDRESS") within the throttle window, in this process.
actor LoginAttemptStore {
    /// Five failures per account and twenty per client address in fifteen minutes.
    static let perAccount = LoginThrottle(maximumFailures: 5, window: 15 * 60)
    static let perAddress = LoginThrottle(maximumFailures: 20, window: 15 * 60)

    private var failures: [String: [Date]] = [:]

    /// The longest wait any of the keys imposes, or nil when the attempt may go ahead.
    func retryAfter(username: String, address: String, now: Date) -> Int? {
        let checks = [
            (Self.perAccount, "user:\(username)"), (Self.perAddress, "ip:\(address)"),
        ]
        let waits = checks.compactMap { throttle, key -> Int? in
            if case .refuse(let wait) = throttle.decide(failures: failures[key] ?? [], now: now) { return wait }
            return nil
        }
        return waits.max()
    }

    func recordFailure(username: String, address: String, now: Date) {
        for (throttle, key) in [(Self.perAccount, "user:\(username)"), (Self.perAddress, "ip:\(address)")] {
            failures[key] = throttle.recent(failures[key] ?? [], now: now) + [now]
        }
    }

    func recordSuccess(username: String) {
        failures["user:\(username)"] = nil
    }
}
