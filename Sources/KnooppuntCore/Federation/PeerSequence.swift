import Foundation

/// What a node does with a peer's message, given the sequence numbers it has applied from that peer.
/// Each peer numbers its messages 1, 2, 3, …; a node applies them in that order, each once.
public enum PeerSequence {
    public enum Verdict: Sendable, Equatable {
        /// The next one: apply it.
        case apply
        /// Applied before (a retry or a double delivery): acknowledge, change nothing.
        case duplicate
        /// Messages are missing before this one: refuse it, so the sender resends from `expected`.
        case gap(expected: Int64)
    }

    /// - Parameters:
    ///   - sequence: the message's sequence number (1 or more).
    ///   - lastApplied: the highest sequence applied from this peer so far (0 for none).
    public static func verdict(for sequence: Int64, lastApplied: Int64) -> Verdict {
        if sequence <= lastApplied { return .duplicate }
        if sequence == lastApplied + 1 { return .apply }
        return .gap(expected: lastApplied + 1)
    }
}
