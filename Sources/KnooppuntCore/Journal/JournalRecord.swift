import Foundation

/// One event of the append-only journal, as stored. `hash` covers every other field, including the
/// previous event's hash, so that altering, removing or reordering any row breaks the chain.
public struct JournalRecord: Sendable, Equatable, Codable {
    public var sequence: Int64
    /// RFC 3339 UTC time with milliseconds, kept as text so that the hash input never depends on how a
    /// database rounds timestamps.
    public var recordedAt: String
    public var actor: String
    public var organisation: String
    public var kind: String
    /// The event's content as canonical JSON (sorted keys).
    public var payload: String
    public var previousHash: String
    public var hash: String

    public init(
        sequence: Int64, recordedAt: String, actor: String, organisation: String, kind: String, payload: String,
        previousHash: String, hash: String = ""
    ) {
        self.sequence = sequence
        self.recordedAt = recordedAt
        self.actor = actor
        self.organisation = organisation
        self.kind = kind
        self.payload = payload
        self.previousHash = previousHash
        self.hash = hash
    }

    /// The hash of the (empty) event before the first one.
    public static let genesisHash = String(repeating: "0", count: 64)

    /// The exact bytes that are hashed: each field length-prefixed, so no two different events share
    /// an input.
    public var hashInput: Data {
        let fields = [
            String(sequence), recordedAt, actor, organisation, kind, payload, previousHash,
        ]
        var text = "knooppunt-journal-v1"
        for field in fields {
            text += "\n\(field.utf8.count):\(field)"
        }
        return Data(text.utf8)
    }
}

/// A function that maps bytes to a lowercase hex SHA-256 digest. Core stays free of crypto libraries;
/// the server passes swift-crypto's implementation.
public typealias DigestFunction = @Sendable (Data) -> String

/// Checks a journal's hash chain one event at a time, so a long journal can be streamed through it.
public struct JournalVerifier: Sendable {
    public enum Outcome: Equatable, Sendable {
        case intact(events: Int)
        /// The first sequence number at which the chain does not hold, and why.
        case broken(sequence: Int64, reason: String)
    }

    private let digest: DigestFunction
    private var expectedSequence: Int64 = 1
    private var previousHash = JournalRecord.genesisHash
    private var checked = 0
    /// The first break found; once set, further records are ignored.
    public private(set) var failure: Outcome?

    public init(digest: @escaping DigestFunction) {
        self.digest = digest
    }

    /// Checks the next record in storage order (ascending sequence).
    public mutating func check(_ record: JournalRecord) {
        guard failure == nil else { return }
        if record.sequence != expectedSequence {
            let reason =
                record.sequence > expectedSequence
                ? "sequence \(expectedSequence) is missing (next stored is \(record.sequence))"
                : "sequence \(record.sequence) appears out of order after \(expectedSequence - 1)"
            failure = .broken(sequence: min(record.sequence, expectedSequence), reason: reason)
        } else if record.previousHash != previousHash {
            failure = .broken(
                sequence: record.sequence, reason: "previous-hash link does not match event \(record.sequence - 1)")
        } else if digest(record.hashInput) != record.hash {
            failure = .broken(sequence: record.sequence, reason: "stored hash does not match the event's content")
        } else {
            previousHash = record.hash
            expectedSequence += 1
            checked += 1
        }
    }

    /// The verdict after the last record, given the head (newest sequence and hash) the journal recorded
    /// separately, which reveals events removed from the end.
    public func finish(headSequence: Int64, headHash: String) -> Outcome {
        if let failure { return failure }
        let last = expectedSequence - 1
        if headSequence > last {
            return .broken(
                sequence: last + 1, reason: "sequence \(last + 1) is missing (the journal head says \(headSequence) events)")
        }
        if headSequence < last || headHash != previousHash {
            return .broken(sequence: last, reason: "the journal head does not match event \(last)")
        }
        return .intact(events: checked)
    }

    /// Verifies a whole sequence of records against the head.
    public static func verify(
        _ records: some Sequence<JournalRecord>, headSequence: Int64, headHash: String, digest: @escaping DigestFunction
    ) -> Outcome {
        var verifier = JournalVerifier(digest: digest)
        for record in records { verifier.check(record) }
        return verifier.finish(headSequence: headSequence, headHash: headHash)
    }
}
