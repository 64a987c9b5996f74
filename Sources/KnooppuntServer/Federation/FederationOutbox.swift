import AsyncHTTPClient
import Fluent
import Foundation
import KnooppuntCore
import KnooppuntInterop
import NIOCore
import Vapor

/// A message waiting for, or delivered to, one peer. Numbered per peer when it is queued, signed once,
/// and sent as those exact bytes until the peer acknowledges it.
final class NodeOutboxModel: Model, @unchecked Sendable {
    static let schema = "node_outbox"

    @ID(key: .id) var id: UUID?
    @Field(key: "peer") var peer: String
    @Field(key: "message_id") var messageID: UUID
    @Field(key: "sequence") var sequence: Int64
    @Field(key: "kind") var kind: String
    @Field(key: "envelope") var envelope: Data
    @Field(key: "signature") var signature: String
    @Field(key: "created_at_us") var createdAt: Int64
    @Field(key: "attempts") var attempts: Int
    @Field(key: "next_attempt_us") var nextAttempt: Int64
    @OptionalField(key: "delivered_at_us") var deliveredAt: Int64?
    @OptionalField(key: "last_error") var lastError: String?

    init() {}
}

/// How a delivery attempt went, as the sender sees it.
enum DeliveryResult: Sendable, Equatable {
    /// 200 or 201: the peer applied it now or before.
    case acknowledged
    /// 409 with the sequence the peer expects next.
    case expects(Int64)
    /// 409: the peer applied other messages under these numbers, up to this one (the sender was restored
    /// from an older backup); what waits must be renumbered after it.
    case renumberAfter(Int64)
    /// Anything else: a status and what the peer said, or why no answer came.
    case failed(String)
}

/// Sends one signed envelope to a peer's inbox.
protocol NodeTransport: Sendable {
    func deliver(_ envelope: Data, signature: String, from node: String, to url: String) async -> DeliveryResult
}

struct HTTPNodeTransport: NodeTransport {
    /// One client for node traffic for the life of the process. It retries a refused connection for at
    /// most 2 seconds (how long a peer that is down holds up one pass); an answer may take 30.
    static let client: HTTPClient = {
        var configuration = HTTPClient.Configuration()
        configuration.timeout = .init(connect: .seconds(2), read: .seconds(30))
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }()

    var client: HTTPClient = Self.client
    var timeout: TimeAmount = .seconds(30)

    func deliver(_ envelope: Data, signature: String, from node: String, to url: String) async -> DeliveryResult {
        let base = url.hasSuffix("/") ? String(url.dropLast()) : url
        var request = HTTPClientRequest(url: base + "/api/v1/federation/inbox")
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/xml")
        // A connection per delivery: a peer that restarts never meets a stale pooled connection.
        request.headers.add(name: "Connection", value: "close")
        request.headers.add(name: FederationService.nodeHeader, value: node)
        request.headers.add(name: FederationService.signatureHeader, value: signature)
        request.body = .bytes(ByteBuffer(data: envelope))
        do {
            let response = try await client.execute(request, timeout: timeout)
            let body = try await response.body.collect(upTo: 64 * 1024)
            switch response.status.code {
            case 200, 201: return .acknowledged
            case 409:
                if let expected = response.headers.first(name: "Knooppunt-Expected-Sequence").flatMap(Int64.init) { return .expects(expected) }
                if let last = response.headers.first(name: "Knooppunt-Last-Applied").flatMap(Int64.init) { return .renumberAfter(last) }
                return .failed("409: \(String(buffer: body).prefix(300))")
            default:
                return .failed("\(response.status.code): \(String(buffer: body).prefix(300))")
            }
        } catch {
            return .failed("no answer: \(error)")
        }
    }
}

/// The outbox: messages are queued inside the write that causes them, and delivered per peer strictly
/// in sequence order, with retries and back-off, until acknowledged. Nothing acknowledged is resent;
/// nothing unacknowledged is dropped.
struct FederationOutbox: Sendable {
    let db: Database
    let context: KnooppuntContext

    /// Back-off after the nth failed attempt: 1 s, 2 s, 4 s, … up to 5 minutes.
    static func backoff(afterAttempts attempts: Int) -> TimeInterval {
        min(300, pow(2, Double(max(0, attempts - 1))))
    }

    /// Queues a message for `peer` in the caller's write transaction; returns its sequence number.
    /// `journaled: false` only for journal checkpoints, which sign the journal and must not move it.
    static func enqueue(kind: String, body: Data, to peer: String, on db: Database, at now: Date, journaled: Bool = true)
        async throws -> Int64
    {
        try await queue(kind: kind, body: body, to: peer, on: db, at: now, journaled: journaled).sequence
    }

    /// As `enqueue`, with the message's id too: what follows whether this message was delivered.
    static func queue(kind: String, body: Data, to peer: String, on db: Database, at now: Date, journaled: Bool = true)
        async throws -> (sequence: Int64, message: UUID)
    {
        guard let me = try await NodeIdentityModel.query(on: db).first() else {
            throw Problem(status: .serviceUnavailable, detail: "this node has no identity yet; run `knooppunt node init`")
        }
        guard try await NodePeerModel.query(on: db).filter(\.$name == peer).first() != nil else {
            throw Problem.invalid("node '\(peer)' is not trusted by this node; `knooppunt node trust` it first", field: "peer")
        }
        let sequence = (try await NodeOutboxModel.query(on: db).filter(\.$peer == peer).max(\.$sequence) ?? 0) + 1
        let message = NodeMessage(sender: me.name, recipient: peer, sequence: sequence, kind: kind, sent: CAPTime.format(now), body: body)
        let envelope = message.envelope(expires: CAPTime.format(now.addingTimeInterval(7 * 86_400)))
        let row = NodeOutboxModel()
        row.peer = peer
        row.messageID = message.id
        row.sequence = sequence
        row.kind = kind
        row.envelope = envelope
        row.signature = try NodeKeys.sign(envelope, privateKey: me.privateKey)
        row.createdAt = Microseconds.from(now)
        row.attempts = 0
        row.nextAttempt = Microseconds.from(now)
        try await row.create(on: db)
        // Sent right after the commit (`KnooppuntContext.write` wakes the delivery), never before it.
        Journal.appended?.wakeOutboxAfterCommit()
        guard journaled else { return (sequence, message.id) }
        try await Journal.append(
            FederationQueued(FederationMessagePayload(node: peer, message: message.id, sequence: sequence, kind: kind)), on: db,
            actor: "node:\(me.name)", organisation: "federation")
        return (sequence, message.id)
    }

    /// Whether each of these messages reached its peer (the peer applied it), by message id.
    static func delivered(_ messages: [UUID], on db: Database) async throws -> Set<UUID> {
        guard !messages.isEmpty else { return [] }
        return Set(try await NodeOutboxModel.query(on: db).filter(\.$messageID ~~ messages).filter(\.$deliveredAt != nil)
            .field(\.$messageID).all().map(\.messageID))
    }

    /// One pass: for every peer, send its undelivered messages in order while they are acknowledged.
    /// A peer that fails waits for its back-off; other peers are not held up. Returns what was delivered.
    func deliverDue(transport: NodeTransport) async throws -> Int {
        guard let me = try await NodeIdentityModel.query(on: db).first() else { return 0 }
        let peers = try await NodePeerModel.query(on: db).all()
        var delivered = 0
        for peer in peers {
            var resent = false
            while true {
                let now = Microseconds.from(context.clock.now())
                guard let head = try await NodeOutboxModel.query(on: db).filter(\.$peer == peer.name).filter(\.$deliveredAt == nil)
                    .sort(\.$sequence).first(), head.nextAttempt <= now else { break }
                let result = await transport.deliver(head.envelope, signature: head.signature, from: me.name, to: peer.url)
                let id = try head.requireID()
                let attempts = head.attempts + 1
                switch result {
                case .acknowledged:
                    try await context.write(on: db) { db in
                        try await NodeOutboxModel.query(on: db).filter(\.$id == id).set(\.$deliveredAt, to: now)
                            .set(\.$attempts, to: attempts).set(\.$lastError, to: nil).update()
                    }
                    delivered += 1
                    continue
                case .expects(let expected) where expected < head.sequence && !resent:
                    // The peer lost messages it had acknowledged (restored from a backup): send again from there.
                    let peerName = peer.name
                    try await context.write(on: db) { db in
                        try await NodeOutboxModel.query(on: db).filter(\.$peer == peerName).filter(\.$sequence >= expected)
                            .set(\.$deliveredAt, to: nil).set(\.$nextAttempt, to: now).update()
                    }
                    resent = true
                    continue
                case .renumberAfter(let last) where last >= head.sequence && !resent:
                    try await renumber(peer: peer.name, after: last, at: now)
                    resent = true
                    continue
                case .expects(let expected):
                    try await fail(id, attempts: attempts, now: now, reason: "the peer expects sequence \(expected), ahead of \(head.sequence)")
                case .renumberAfter(let last):
                    try await fail(id, attempts: attempts, now: now, reason: "the peer applied up to \(last) under other message ids")
                case .failed(let reason):
                    try await fail(id, attempts: attempts, now: now, reason: reason)
                }
                break
            }
        }
        return delivered
    }

    /// After a restore from an older backup: the messages waiting for `peer` get the numbers after the
    /// last one it applied, in their order, and are signed again. Their ids stay, so none is applied twice.
    private func renumber(peer: String, after last: Int64, at now: Int64) async throws {
        let date = Microseconds.date(now)
        try await context.write(on: db) { db in
            guard let me = try await NodeIdentityModel.query(on: db).first() else { return }
            let waiting = try await NodeOutboxModel.query(on: db).filter(\.$peer == peer).filter(\.$deliveredAt == nil)
                .sort(\.$sequence).all()
            // Out of the way first: sequences are unique per peer.
            for (offset, row) in waiting.enumerated() {
                row.sequence = -Int64(offset) - 1
                try await row.update(on: db)
            }
            for (offset, row) in waiting.enumerated() {
                var message = try NodeMessage.read(row.envelope)
                message.sequence = last + 1 + Int64(offset)
                let envelope = message.envelope(expires: CAPTime.format(date.addingTimeInterval(7 * 86_400)))
                row.sequence = message.sequence
                row.envelope = envelope
                row.signature = try NodeKeys.sign(envelope, privateKey: me.privateKey)
                row.nextAttempt = now
                try await row.update(on: db)
            }
            try await Journal.append(
                FederationRenumbered(FederationMessagePayload(
                    node: peer, sequence: last + 1, reason: "\(waiting.count) waiting messages renumbered after the peer's \(last)")),
                on: db, actor: "node:\(me.name)", organisation: "federation")
        }
    }

    private func fail(_ id: UUID, attempts: Int, now: Int64, reason: String) async throws {
        let next = now + Int64(Self.backoff(afterAttempts: attempts) * 1_000_000)
        try await context.write(on: db) { db in
            try await NodeOutboxModel.query(on: db).filter(\.$id == id).set(\.$attempts, to: attempts)
                .set(\.$nextAttempt, to: next).set(\.$lastError, to: String(reason.prefix(500))).update()
        }
    }
}
