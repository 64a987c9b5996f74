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

/// The login throttle over the database, per (client address, account) with back-off, and per client
/// address over all accounts (someone trying many names). There is no lock on an account as such:
/// failures from one address never keep the owner out at another (decision 0016).
enum LoginAttempts {
    /// Five free failures per address and account, then 30 s doubling to 15 minutes; forgotten after a day.
    static let perPair = LoginBackoff(freeFailures: 5, firstWait: 30, maximumWait: 15 * 60, window: 24 * 3600)
    /// Fifty failures per client address, over all accounts, in fifteen minutes.
    static let perAddress = LoginThrottle(maximumFailures: 50, window: 15 * 60)

    static func pairKey(username: String, address: String) -> String { "pair:\(username)|\(address)" }
    static func addressKey(_ address: String) -> String { "ip:\(address)" }

    private static func failures(_ key: String, since: Date, on db: Database) async throws -> [Date] {
        try await LoginFailureModel.query(on: db).filter(\.$key == key).filter(\.$at > Microseconds.from(since)).all()
            .map { Microseconds.date($0.at) }
    }

    /// The longest wait either key imposes, or nil when the attempt may go ahead.
    static func retryAfter(username: String, address: String, now: Date, on db: Database) async throws -> Int? {
        var waits: [Int] = []
        let pair = try await failures(pairKey(username: username, address: address), since: now.addingTimeInterval(-perPair.window), on: db)
        if case .refuse(let wait) = perPair.decide(failures: pair, now: now) { waits.append(wait) }
        let all = try await failures(addressKey(address), since: now.addingTimeInterval(-perAddress.window), on: db)
        if case .refuse(let wait) = perAddress.decide(failures: all, now: now) { waits.append(wait) }
        return waits.max()
    }

    /// Inside the write that journals the failure; failures that left their window are removed on the way.
    static func recordFailure(username: String, address: String, now: Date, on db: Database) async throws {
        let keys = [(pairKey(username: username, address: address), perPair.window), (addressKey(address), perAddress.window)]
        for (key, window) in keys {
            try await LoginFailureModel.query(on: db).filter(\.$key == key)
                .filter(\.$at <= Microseconds.from(now.addingTimeInterval(-window))).delete()
            let row = LoginFailureModel()
            row.key = key
            row.at = Microseconds.from(now)
            try await row.create(on: db)
        }
    }

    /// A successful login clears that address's failures for the account (not the address's others).
    static func recordSuccess(username: String, address: String, on db: Database) async throws {
        try await LoginFailureModel.query(on: db).filter(\.$key == pairKey(username: username, address: address)).delete()
    }

    /// An administrator's unlock: every address's failures for the account. Returns how many were removed.
    static func unlock(username: String, on db: Database) async throws -> Int {
        let rows = LoginFailureModel.query(on: db).filter(\.$key =~ "pair:\(username)|")
        let count = try await rows.count()
        try await LoginFailureModel.query(on: db).filter(\.$key =~ "pair:\(username)|").delete()
        return count
    }
}
