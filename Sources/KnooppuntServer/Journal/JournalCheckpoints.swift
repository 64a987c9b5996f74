import Fluent
import Foundation
import KnooppuntCore
import KnooppuntInterop

/// A journal head signed with a node's Ed25519 key: "at this moment this node's journal had `sequence`
/// events ending in `hash`". Kept three ways so that rewriting the journal is noticed even by someone
/// who can rewrite the whole database (and so re-sign with the key stored there): in this table, in an
/// optional append-only file outside the database, and at the national node.
final class JournalCheckpointModel: Model, @unchecked Sendable {
    static let schema = "journal_checkpoints"

    @ID(key: .id) var id: UUID?
    @Field(key: "node") var node: String
    @Field(key: "sequence") var sequence: Int64
    @Field(key: "hash") var hash: String
    @Field(key: "signed_at") var signedAt: String
    @Field(key: "public_key") var publicKey: String
    @Field(key: "signature") var signature: String
    /// Set on checkpoints received from a peer; nil for this node's own.
    @OptionalField(key: "received_at_us") var receivedAt: Int64?

    init() {}

    var checkpoint: JournalCheckpoint {
        JournalCheckpoint(node: node, sequence: sequence, hash: hash, signedAt: signedAt, publicKey: publicKey, signature: signature)
    }
}

/// A signed journal head as it travels: one JSON line in an anchor file, the body of a
/// `journal-checkpoint` message, a line of `knooppunt node checkpoints`.
struct JournalCheckpoint: Codable, Equatable, Sendable {
    let node: String
    let sequence: Int64
    let hash: String
    let signedAt: String
    let publicKey: String
    let signature: String

    /// The exact text that is signed.
    static func signedText(node: String, sequence: Int64, hash: String, signedAt: String) -> String {
        "knooppunt-journal-checkpoint-v1\n\(node)\n\(sequence)\n\(hash)\n\(signedAt)"
    }

    var signatureVerifies: Bool {
        NodeKeys.verify(
            Data(Self.signedText(node: node, sequence: sequence, hash: hash, signedAt: signedAt).utf8),
            signature: signature, publicKey: publicKey)
    }

    var jsonLine: String { (try? CanonicalJSON.encode(self)) ?? "" }
}

/// Makes, keeps and sends checkpoints of this node's journal.
struct JournalCheckpoints: Sendable {
    let db: Database
    let context: KnooppuntContext

    static let messageKind = "journal-checkpoint"

    /// Signs the current head when it moved since the last checkpoint; returns the new checkpoint, or
    /// nil when there is nothing new or the node has no identity (`knooppunt node init`). The
    /// checkpoint is not itself a journal event: it signs the journal, and journaling it would move
    /// what it signs. Its message to the national node is queued without a journal event likewise.
    @discardableResult
    func make() async throws -> JournalCheckpoint? {
        let now = context.clock.now()
        let role = context.configuration.role
        let made: JournalCheckpoint? = try await context.write(on: db) { db in
            guard let me = try await NodeIdentityModel.query(on: db).first(),
                  let head = try await JournalHeadModel.find(JournalHeadModel.singletonID, on: db) else { return nil }
            let last = try await JournalCheckpointModel.query(on: db).filter(\.$node == me.name).filter(\.$receivedAt == nil)
                .sort(\.$sequence, .descending).first()
            guard last?.sequence != head.sequence else { return nil }
            let signedAt = JournalTime.string(from: now)
            let text = JournalCheckpoint.signedText(node: me.name, sequence: head.sequence, hash: head.hash, signedAt: signedAt)
            let checkpoint = JournalCheckpoint(
                node: me.name, sequence: head.sequence, hash: head.hash, signedAt: signedAt, publicKey: me.publicKey,
                signature: try NodeKeys.sign(Data(text.utf8), privateKey: me.privateKey))
            try await Self.store(checkpoint, receivedAt: nil, on: db)
            if case .region = role,
               let national = try await NodePeerModel.query(on: db).filter(\.$role == "national").first()
            {
                _ = try await FederationOutbox.enqueue(
                    kind: Self.messageKind, body: Data(checkpoint.jsonLine.utf8), to: national.name, on: db, at: now, journaled: false)
            }
            return checkpoint
        }
        if let made, let path = context.configuration.journalAnchorFile {
            try Self.appendToAnchorFile(made, path: path)
        }
        return made
    }

    static func store(_ checkpoint: JournalCheckpoint, receivedAt: Int64?, on db: Database) async throws {
        let row = JournalCheckpointModel()
        row.node = checkpoint.node
        row.sequence = checkpoint.sequence
        row.hash = checkpoint.hash
        row.signedAt = checkpoint.signedAt
        row.publicKey = checkpoint.publicKey
        row.signature = checkpoint.signature
        row.receivedAt = receivedAt
        try await row.create(on: db)
    }

    /// One JSON line, appended and flushed to disk: a file on write-once storage, or one a log
    /// shipper copies elsewhere, outlives anyone who rewrites the database.
    static func appendToAnchorFile(_ checkpoint: JournalCheckpoint, path: String) throws {
        let descriptor = open(path, O_WRONLY | O_APPEND | O_CREAT, 0o640)
        guard descriptor >= 0 else { throw Problem(status: .internalServerError, detail: "cannot open the journal anchor file \(path)") }
        defer { close(descriptor) }
        let line = Array((checkpoint.jsonLine + "\n").utf8)
        let written = line.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        guard written == line.count, fsync(descriptor) == 0 else {
            throw Problem(status: .internalServerError, detail: "cannot write the journal anchor file \(path)")
        }
    }

    /// On the national node: a peer's checkpoint, kept when its own signature verifies with the key
    /// this node trusts for that peer. The same checkpoint twice is kept once.
    static func apply(_ body: Data, from node: String, at: Int64, on db: Database) async throws {
        let checkpoint = try JSONDecoder().decode(JournalCheckpoint.self, from: body)
        guard let peer = try await NodePeerModel.query(on: db).filter(\.$name == node).first(),
              checkpoint.node == node, checkpoint.publicKey == peer.publicKey, checkpoint.signatureVerifies
        else { throw Problem.invalid("the journal checkpoint from '\(node)' is not signed with the key trusted for it") }
        if try await JournalCheckpointModel.query(on: db).filter(\.$node == node).filter(\.$sequence == checkpoint.sequence).first() != nil {
            return
        }
        try await store(checkpoint, receivedAt: at, on: db)
    }

    /// The checkpoints this node holds for `peer` (or its own when nil), oldest first.
    static func list(peer: String?, on db: Database) async throws -> [JournalCheckpoint] {
        var query = JournalCheckpointModel.query(on: db)
        if let peer {
            query = query.filter(\.$node == peer).filter(\.$receivedAt != nil)
        } else {
            query = query.filter(\.$receivedAt == nil)
        }
        return try await query.sort(\.$sequence).all().map(\.checkpoint)
    }
}
