import Fluent
import Foundation
import KnooppuntCore
import NIOConcurrencyHelpers

/// Bounds what refused, unauthenticated requests can make a node write and do. Per client address:
/// the first few refusals of a ten-minute window are journaled in full; later ones only counted and
/// journaled as one summary when the window has passed; past a rate the address is answered 429
/// before any work at all. The journal keeps every fact (how many, from where, when) without letting
/// anyone grow it at will. Counters live in the process: a restart forgets the window, never a write.
final class RefusalLimiter: Sendable {
    static let journaledPerWindow = 5
    static let window: TimeInterval = 10 * 60
    /// Refusals per address in the last minute after which requests are turned away unread.
    static let blockAfterPerMinute = 30

    enum Verdict: Equatable { case journal, count }

    /// A window whose counted refusals are still to be journaled as a summary.
    struct Summary: Equatable, Sendable {
        let address: String
        let counted: Int
        let from: Date
        let until: Date
    }

    private struct Window {
        var start: Date
        var journaled = 0
        var counted = 0
        var recent: [Date] = []

        /// What the window leaves to journal when it has passed: nil when nothing was only counted.
        func summary(_ address: String) -> Summary? {
            counted > 0 ? Summary(address: address, counted: counted, from: start, until: start.addingTimeInterval(RefusalLimiter.window)) : nil
        }
    }

    private let state = NIOLockedValueBox<[String: Window]>([:])

    /// Records a refusal from `address`; says whether to journal it, and hands back summaries due.
    func refused(address: String, at now: Date) -> (Verdict, [Summary]) {
        state.withLockedValue { windows in
            var due: [Summary] = []
            var window = windows[address] ?? Window(start: now)
            if now.timeIntervalSince(window.start) >= Self.window {
                if let summary = window.summary(address) { due.append(summary) }
                window = Window(start: now)
            }
            window.recent = window.recent.filter { now.timeIntervalSince($0) < 60 } + [now]
            let verdict: Verdict
            if window.journaled < Self.journaledPerWindow {
                window.journaled += 1
                verdict = .journal
            } else {
                window.counted += 1
                verdict = .count
            }
            windows[address] = window
            return (verdict, due)
        }
    }

    /// Seconds to wait when `address` refused too often in the last minute; nil when it may be heard.
    func blocked(address: String, at now: Date) -> Int? {
        state.withLockedValue { windows in
            guard var window = windows[address] else { return nil }
            window.recent = window.recent.filter { now.timeIntervalSince($0) < 60 }
            windows[address] = window
            guard window.recent.count >= Self.blockAfterPerMinute, let oldest = window.recent.min() else { return nil }
            window.counted += 1
            windows[address] = window
            return UntrustedNumber.clampedUp(60 - now.timeIntervalSince(oldest), in: 1...60)
        }
    }

    /// Windows that have passed with counted refusals, removed from the state (the periodic flush).
    func due(at now: Date) -> [Summary] {
        state.withLockedValue { windows in
            var due: [Summary] = []
            for (address, window) in windows where now.timeIntervalSince(window.start) >= Self.window {
                if let summary = window.summary(address) { due.append(summary) }
                windows[address] = nil
            }
            return due.sorted { $0.from < $1.from }
        }
    }
}

extension RefusalLimiter {
    /// Journals the summaries of windows that have passed (inside the caller's write).
    static func journal(_ summaries: [Summary], on db: Database) async throws {
        for summary in summaries {
            try await Journal.append(
                FederationRefusalsSummarised(
                    address: summary.address, refusals: String(summary.counted), from: JournalTime.string(from: summary.from),
                    until: JournalTime.string(from: summary.until)),
                on: db, actor: "federation", organisation: "federation")
        }
    }

    /// The periodic flush: summaries of windows that ended without a later refusal.
    func flush(db: Database, context: KnooppuntContext) async throws {
        let due = due(at: context.clock.now())
        guard !due.isEmpty else { return }
        try await context.write(on: db) { db in try await Self.journal(due, on: db) }
    }
}

/// Text from outside that goes into the journal, capped: the journal can never be pruned, so a
/// refused request's 60 KB header must not become a 60 KB event. What is cut is named by its length
/// and SHA-256, so the original can still be matched against a capture.
enum JournalText {
    static func capped(_ text: String, limit: Int = 200) -> String {
        guard text.utf8.count > limit else { return text }
        var kept = ""
        for character in text {
            if kept.utf8.count + character.utf8.count > limit { break }
            kept.append(character)
        }
        let digest = Journal.digest(Data(text.utf8)).prefix(16)
        return kept + "… [\(text.utf8.count) bytes, sha256 \(digest)…]"
    }
}
