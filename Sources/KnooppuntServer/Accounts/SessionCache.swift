import Foundation
import NIOConcurrencyHelpers

/// Resolved sessions, kept for a few seconds so that a busy client's requests do not each read its token,
/// user, organisation and offices (decision 0035).
///
/// Correctness rests on three rules: an entry never outlives its token or its user's end date; every
/// committed write that is not about an incident (logins, logouts, revoked tokens, account, role and
/// governance changes, whether on this instance or, through the PostgreSQL notifications, another) empties
/// the cache before the write's response is sent; and a lookup that started before such a change never
/// stores its answer (the generation). Changes made outside any serving process (a command-line tool on
/// the same SQLite file) take effect within `lifetime`.
final class SessionCache: Sendable {
    static let lifetime: TimeInterval = 5

    private struct Entry {
        let user: CurrentUser
        let until: Date
    }

    private struct State {
        var generation: UInt64 = 0
        var entries: [String: Entry] = [:]
    }

    private let state = NIOLockedValueBox(State())

    /// What a lookup hands back to `store`, so an answer read across a change is not kept.
    var generation: UInt64 { state.withLockedValue { $0.generation } }

    func user(for key: String, at now: Date) -> CurrentUser? {
        state.withLockedValue { state in
            guard let entry = state.entries[key] else { return nil }
            guard now < entry.until else {
                state.entries[key] = nil
                return nil
            }
            return entry.user
        }
    }

    func store(_ user: CurrentUser, for key: String, until: Date, generation: UInt64) {
        state.withLockedValue { state in
            guard state.generation == generation else { return }
            // Bounded: a flood of distinct tokens starts over rather than growing without end.
            if state.entries.count >= 10_000 { state.entries.removeAll() }
            state.entries[key] = Entry(user: user, until: until)
        }
    }

    func invalidate() {
        state.withLockedValue { state in
            state.generation &+= 1
            state.entries.removeAll()
        }
    }
}
