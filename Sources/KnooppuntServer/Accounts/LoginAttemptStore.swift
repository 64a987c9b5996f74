import Fluent
import Foundation
import KnooppuntCore
import SQLKit

/// A failed login, per key ("user:NAME", "ip:ADDRESS"), kept in the node's database so that every
/// `serve` instance of the node applies the same throttle.
final class LoginFailureModel: Model, @unchecked Sendable {
    static let schema = "login_failures"

    @ID(key: .id) var id: UUID?
    @Field(key: "key") var key: String
    @Field(key: "at_us") var at: Int64

    init() {}
}

/// The login throttle over the database: failures within the window, per account and per client address.
enum LoginAttempts {
    /// Five failures per account and twenty per client address in fifteen minutes.
    static let perAccount = LoginThrottle(maximumFailures: 5, window: 15 * 60)
    static let perAddress = LoginThrottle(maximumFailures: 20, window: 15 * 60)

    private static func checks(username: String, address: String) -> [(LoginThrottle, String)] {
        [(perAccount, "user:\(username)"), (perAddress, "ip:\(address)")]
    }

    /// The longest wait any of the keys imposes, or nil when the attempt may go ahead.
    static func retryAfter(username: String, address: String, now: Date, on db: Database) async throws -> Int? {
        var waits: [Int] = []
        for (throttle, key) in checks(username: username, address: address) {
            let since = Microseconds.from(now.addingTimeInterval(-throttle.window))
            let failures = try await LoginFailureModel.query(on: db).filter(\.$key == key).filter(\.$at > since).all()
                .map { Microseconds.date($0.at) }
            if case .refuse(let wait) = throttle.decide(failures: failures, now: now) { waits.append(wait) }
        }
        return waits.max()
    }

    /// Inside the write that journals the failure; failures that left the window are removed on the way.
    static func recordFailure(username: String, address: String, now: Date, on db: Database) async throws {
        for (throttle, key) in checks(username: username, address: address) {
            try await LoginFailureModel.query(on: db).filter(\.$key == key)
                .filter(\.$at <= Microseconds.from(now.addingTimeInterval(-throttle.window))).delete()
            let row = LoginFailureModel()
            row.key = key
            row.at = Microseconds.from(now)
            try await row.create(on: db)
        }
    }

    /// A successful login clears the account's failures (not the address's).
    static func recordSuccess(username: String, on db: Database) async throws {
        try await LoginFailureModel.query(on: db).filter(\.$key == "user:\(username)").delete()
    }
}
