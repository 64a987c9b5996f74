import Crypto
import Fluent
import FluentSQL
import Foundation
import KnooppuntCore

/// Appends events to the hash-chained journal. Always call it inside the transaction that makes the
/// change it records, so that the change and its event commit or fail together.
enum Journal {
    /// SHA-256 as lowercase hex, the digest the chain uses.
    static let digest: DigestFunction = { data in
        Hex.lowercase(SHA256.hash(data: data))
    }

    /// The clock of the write in progress. `KnooppuntContext.write` binds it, so events carry the same
    /// time as the versions written beside them (and tests that move the clock move the journal too).
    @TaskLocal static var clock: Clock = .live

    /// Collects the events a write appends, so they can be handed to live streams after the commit.
    @TaskLocal static var appended: AppendedEvents?

    /// The lock key that serialises journal appends across PostgreSQL connections and instances.
    private static let advisoryLockKey = 7_363_201

    /// Serialises write transactions on PostgreSQL, across connections and instances, until the
    /// surrounding transaction ends (re-entrant). On SQLite `WriteGate` does this in the process.
    static func lockForWriting(_ db: Database) async throws {
        if let sql = db as? SQLDatabase, sql.dialect.name == "postgresql" {
            try await sql.raw("SELECT pg_advisory_xact_lock(\(literal: advisoryLockKey))").run()
        }
    }

    /// The server whose write is in progress. `KnooppuntContext.write` binds it, so that the reactors it
    /// registered follow each event inside the write's transaction.
    @TaskLocal static var writer: KnooppuntContext?

    /// Appends `event` under its kind, then lets the registered reactors follow it in the same
    /// transaction (what they append comes right after it; what they throw rolls the write back).
    @discardableResult
    static func append(
        _ event: some JournalEvent, on db: Database, actor: String, organisation: String, incident: UUID? = nil
    ) async throws -> JournalRecord {
        let date = clock.now()
        try await lockForWriting(db)
        // Within one write the head is the event appended just before; only the write's first append reads it.
        let head: (sequence: Int64, hash: String)?
        if let last = appended?.last { head = (last.sequence, last.hash) } else { head = try await Self.head(on: db) }
        var record = JournalRecord(
            sequence: (head?.sequence ?? 0) + 1, recordedAt: JournalTime.string(from: date), actor: actor,
            organisation: organisation, kind: type(of: event).kind.rawValue, payload: try event.payload(),
            previousHash: head?.hash ?? JournalRecord.genesisHash)
        record.hash = digest(record.hashInput)
        // In SQL rather than through the models: every write passes here (HotSQL).
        try await HotSQL.insert(
            into: "journal", #""seq", "recorded_at", "actor", "organisation", "kind", "payload", "prev_hash", "hash""#,
            [record.sequence, record.recordedAt, record.actor, record.organisation, record.kind, record.payload,
             record.previousHash, record.hash], on: db)
        if let incident {
            try await HotSQL.insert(into: "incident_journal", #""seq", "incident_id""#, [record.sequence, incident], on: db)
        }
        appended?.add(record, incident: incident)
        if head != nil {
            try await HotSQL.sql(db).raw(
                #"UPDATE "journal_head" SET "seq" = \#(bind: record.sequence), "hash" = \#(bind: record.hash) WHERE "id" = \#(bind: JournalHeadModel.singletonID)"#
            ).run()
        } else {
            try await JournalHeadModel(sequence: record.sequence, hash: record.hash).create(on: db)
        }
        if let writer {
            try await writer.reactions.react(
                to: event, JournalReaction(record: record, incident: incident, context: writer, db: db))
        }
        return record
    }

    /// The newest event's sequence and hash as the journal's head row holds them; nil while the journal is empty.
    static func head(on db: Database) async throws -> (sequence: Int64, hash: String)? {
        let row = try await HotSQL.sql(db).raw(
            #"SELECT "seq", "hash" FROM "journal_head" WHERE "id" = \#(bind: JournalHeadModel.singletonID)"#
        ).first()
        guard let row else { return nil }
        return (try row.decode(column: "seq", as: Int64.self), try row.decode(column: "hash", as: String.self))
    }

    /// The sequence number of the newest event, 0 when the journal is empty.
    static func lastSequence(on db: Database) async throws -> Int64 {
        try await head(on: db)?.sequence ?? 0
    }

    /// Recomputes the whole chain, streaming it in pages.
    static func verify(on db: Database) async throws -> JournalVerifier.Outcome {
        var verifier = JournalVerifier(digest: digest)
        var after: Int64 = 0
        while verifier.failure == nil {
            let page = try await JournalEventModel.query(on: db).filter(\.$id > after).sort(\.$id).limit(1000).all()
            guard let lastInPage = page.last?.id else { break }
            for event in page { verifier.check(event.record) }
            after = lastInPage
        }
        let head = try await JournalHeadModel.find(JournalHeadModel.singletonID, on: db)
        return verifier.finish(headSequence: head?.sequence ?? 0, headHash: head?.hash ?? JournalRecord.genesisHash)
    }
}

/// The events one write transaction appended, in order.
final class AppendedEvents: @unchecked Sendable {
    private let lock = NSLock()
    private var records: [(JournalRecord, UUID?)] = []
    private var queued = false

    func add(_ record: JournalRecord, incident: UUID?) {
        lock.withLock { records.append((record, incident)) }
    }

    var all: [(JournalRecord, UUID?)] { lock.withLock { records } }

    /// The event appended last in this write.
    var last: JournalRecord? { lock.withLock { records.last?.0 } }

    /// Notes that the write queued a federation message (or marked a fallback copy due), for the outbox
    /// delivery to be woken after the commit.
    func wakeOutboxAfterCommit() {
        lock.withLock { queued = true }
    }

    /// Whether the outbox delivery should be woken after this write commits.
    var wakesOutbox: Bool { lock.withLock { queued } }
}
