import Fluent
import Foundation
import KnooppuntCore
import KnooppuntInterop
import Vapor

/// Node identity and trust (`knooppunt node init|trust`), and the inbox where peers deliver messages.
/// A message is applied only when a trusted peer signed its exact envelope bytes; every refusal is
/// journaled with its reason, every applied message too, and each is applied once, in the peer's order.
struct FederationService: Sendable {
    let db: Database
    let context: KnooppuntContext
    /// The client address of the request being answered, for refusal limits and the journal.
    var address = "unknown"

    static let nodeHeader = "Knooppunt-Node"
    static let signatureHeader = "Knooppunt-Signature"

    /// Node names: lower-case letters, digits and hyphens, as in URLs and EDXL senderIDs.
    static func checkName(_ name: String) throws -> String {
        let trimmed = name.trimmingCharacters(in: .whitespaces).lowercased()
        guard (2...40).contains(trimmed.count), trimmed.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" }),
              trimmed.allSatisfy(\.isASCII) else {
            throw Problem.invalid("node name '\(name)' must be 2 to 40 letters, digits or hyphens, e.g. vr13 or kcr2", field: "name")
        }
        return trimmed
    }

    func identity() async throws -> NodeIdentityModel? { try await NodeIdentityModel.query(on: db).first() }

    /// Makes this node's key pair; a node has one identity, so a second init is refused.
    func initialise(name: String) async throws -> NodeIdentityModel {
        let name = try Self.checkName(name)
        let keys = NodeKeys.generate()
        let at = Microseconds.from(context.clock.now())
        return try await context.write(on: db) { db in
            if let existing = try await NodeIdentityModel.query(on: db).first() {
                throw Problem.conflict("this node already is '\(existing.name)'; its key pair is kept (public key \(existing.publicKey))")
            }
            let identity = NodeIdentityModel()
            identity.name = name
            identity.privateKey = keys.privateKey
            identity.publicKey = keys.publicKey
            identity.createdAt = at
            try await identity.create(on: db)
            try await Journal.append(
                NodeInitialised(NodePayload(node: name, publicKey: keys.publicKey, url: nil, reason: nil)), on: db,
                actor: "command-line", organisation: "system")
            return identity
        }
    }

    /// Registers or re-keys a peer.
    func trust(name: String, url: String, publicKey: String, role: String? = nil) async throws -> NodePeerModel {
        if let role, !["national", "region"].contains(role) {
            throw Problem.invalid("peer role '\(role)' is not national or region", field: "role")
        }
        let name = try Self.checkName(name)
        guard let key = NodeKeys.publicKey(publicKey) else {
            throw Problem.invalid("'\(publicKey)' is not an Ed25519 public key (base64 of 32 bytes, as `knooppunt node init` prints)",
                                  field: "publicKey")
        }
        guard let parsed = URL(string: url), ["http", "https"].contains(parsed.scheme ?? ""), parsed.host != nil else {
            throw Problem.invalid("'\(url)' is not an http(s) URL of the peer node", field: "url")
        }
        let at = Microseconds.from(context.clock.now())
        return try await context.write(on: db) { db in
            let peer = try await NodePeerModel.query(on: db).filter(\.$name == name).first() ?? NodePeerModel()
            peer.name = name
            peer.url = url
            peer.publicKey = key
            peer.trustedAt = at
            peer.role = role
            try await peer.save(on: db)
            try await Journal.append(
                NodeTrusted(NodePayload(node: name, publicKey: key, url: url, reason: nil)), on: db, actor: "command-line",
                organisation: "system")
            return peer
        }
    }

    enum Delivery: Sendable, Equatable {
        case applied(sequence: Int64)
        case duplicate(sequence: Int64)
    }

    /// Checks and applies one delivered envelope. Throws a Problem (journaled) when it is refused.
    func receive(envelope: Data, claimedNode: String?, signature: String?) async throws -> Delivery {
        guard let me = try await identity() else {
            throw Problem(status: .serviceUnavailable, detail: "this node has no identity yet; run `knooppunt node init`")
        }
        guard let claimed = claimedNode?.trimmingCharacters(in: .whitespaces).lowercased(), !claimed.isEmpty else {
            throw try await refuse(.unauthorized, "the message names no sending node (header \(Self.nodeHeader))", node: nil)
        }
        guard let peer = try await NodePeerModel.query(on: db).filter(\.$name == claimed).first() else {
            throw try await refuse(.forbidden, "node '\(claimed)' is not trusted by this node", node: claimed)
        }
        guard let signature, !signature.isEmpty else {
            throw try await refuse(.unauthorized, "the message is not signed (header \(Self.signatureHeader))", node: claimed)
        }
        guard NodeKeys.verify(envelope, signature: signature, publicKey: peer.publicKey) else {
            throw try await refuse(.forbidden, "the signature does not verify with the key trusted for '\(claimed)'", node: claimed)
        }
        let message: NodeMessage
        do {
            message = try await ParsingPool.shared.run("node message") { try NodeMessage.read(envelope) }
        } catch let problem as Problem {
            throw problem
        } catch {
            throw try await refuse(.unprocessableEntity, "the envelope is not a node message: \(error)", node: claimed)
        }
        guard message.sender == claimed else {
            throw try await refuse(.unprocessableEntity, "the envelope says it is from '\(message.sender)', the sender says '\(claimed)'", node: claimed)
        }
        guard message.recipient == me.name else {
            throw try await refuse(.unprocessableEntity, "the message is for '\(message.recipient)', this node is '\(me.name)'", node: claimed)
        }
        let at = Microseconds.from(context.clock.now())
        let body = String(decoding: message.body, as: UTF8.self)
        let role = context.configuration.role
        return try await context.write(on: db) { db in
            if let known = try await NodeInboxModel.query(on: db).filter(\.$peer == claimed).filter(\.$messageID == message.id).first() {
                return .duplicate(sequence: known.sequence)
            }
            let last = try await NodeInboxModel.query(on: db).filter(\.$peer == claimed).max(\.$sequence) ?? 0
            switch PeerSequence.verdict(for: message.sequence, lastApplied: last) {
            case .duplicate:
                // The sender reuses numbers it had used before: it was restored from a backup older than
                // what it sent. It renumbers what waits to follow what was applied here.
                var problem = Problem.conflict(
                    "sequence \(message.sequence) from '\(claimed)' was applied with another message id; the last applied is \(last)")
                problem.headers.replaceOrAdd(name: "Knooppunt-Last-Applied", value: String(last))
                throw problem
            case .gap(let expected):
                var problem = Problem.conflict("messages are missing: expected sequence \(expected) from '\(claimed)', got \(message.sequence)")
                problem.headers.replaceOrAdd(name: "Knooppunt-Expected-Sequence", value: String(expected))
                throw problem
            case .apply:
                let row = NodeInboxModel()
                row.peer = claimed
                row.messageID = message.id
                row.sequence = message.sequence
                row.kind = message.kind
                row.body = body
                row.envelope = envelope
                row.receivedAt = at
                try await row.create(on: db)
                do { try await Self.applyContent(message, from: claimed, role: role, at: at, on: db) } catch is DecodingError {
                    throw Problem.invalid("the \(message.kind) message from '\(claimed)' is not readable")
                }
                try await Journal.append(
                    FederationReceived(FederationMessagePayload(
                        node: claimed, message: message.id, sequence: message.sequence, kind: message.kind)),
                    on: db, actor: "node:\(claimed)", organisation: "federation")
                return .applied(sequence: message.sequence)
            }
        }
    }

    /// What a message changes besides the inbox, by kind, inside the inbox transaction. Kinds about the
    /// national picture apply on the national node only; kinds this node does not know are kept, unapplied.
    private static func applyContent(
        _ message: NodeMessage, from node: String, role: KnooppuntConfiguration.NodeRole, at: Int64, on db: Database
    ) async throws {
        let kind = message.kind
        let national = role == .national
        switch kind {
        case NationalPicture.summaryKind where national:
            try await NationalPicture.apply(message.body, from: node, at: at, on: db)
        case NationalSharing.entryKind where national, NationalSharing.sitrapKind where national:
            try await NationalSharing.apply(kind: kind, body: message.body, from: node, at: at, on: db)
        case FallbackPicture.kind where national:
            try await FallbackPicture.apply(message.body, from: node, at: at, on: db)
        case CapacitySharing.snapshotKind where national, CapacitySharing.requestKind where national:
            try await CapacitySharing.apply(kind: kind, body: message.body, from: node, at: at, on: db)
        case RegionPhases.messageKind where national:
            try await RegionPhases.apply(message.body, from: node, at: at, on: db)
        case RiskPictureSharing.messageKind where national:
            try await RiskPictureSharing.apply(message.body, from: node, at: at, on: db)
        case CascadeSharing.messageKind where national:
            try await CascadeSharing.apply(message.body, from: node, at: at, on: db)
        case RiskProfiles.messageKind where national:
            try await RiskProfiles.apply(message.body, from: node, on: db)
        case JournalCheckpoints.messageKind where national:
            try await JournalCheckpoints.apply(message.body, from: node, at: at, on: db)
        case Advisories.messageKind, Advisories.ackKind:
            try await Advisories.apply(kind: kind, body: message.body, from: node, at: at, on: db)
        case _ where Aanwijzingen.kinds.contains(kind):
            try await Aanwijzingen.apply(kind: kind, body: message.body, from: node, role: role, on: db)
        default:
            break
        }
    }

    /// Journals a refused delivery and returns the Problem to answer with.
    /// Journals a refusal — the first few per address and window in full, the rest as one summary
    /// (`RefusalLimiter`) — with every outside string capped, and returns the problem to answer.
    func refuse(_ status: HTTPResponseStatus, _ reason: String, node: String?) async throws -> Problem {
        let claimed = JournalText.capped(node ?? "unknown", limit: 40)
        let text = JournalText.capped(reason, limit: 300)
        let (verdict, due) = context.refusals.refused(address: address, at: context.clock.now())
        if verdict == .journal || !due.isEmpty {
            let address = self.address
            try await context.write(on: db) { db in
                try await RefusalLimiter.journal(due, on: db)
                if verdict == .journal {
                    try await Journal.append(
                        FederationRefused(FederationMessagePayload(node: claimed, reason: text, address: address)), on: db,
                        actor: "node:\(claimed)", organisation: "federation")
                }
            }
        }
        return Problem(status: status, detail: "message refused: \(text)")
    }

    /// Turns away an address that was refused too often in the last minute, before any work.
    func checkNotBlocked() throws {
        if let wait = context.refusals.blocked(address: address, at: context.clock.now()) {
            throw Problem.tooManyRequests("too many refused requests from this address; try again in \(wait) seconds", retryAfter: wait)
        }
    }
}

/// `GET /api/v1/federation/node` (who this node is, for peers to trust it) and
/// `POST /api/v1/federation/inbox` (signed EDXL-DE 2.0 envelopes from trusted peers).
struct FederationController: RouteCollection {
    func boot(routes: RoutesBuilder) throws {
        let federation = routes.grouped("federation")
        federation.get("node", use: node)
        federation.on(.POST, "inbox", body: .collect(maxSize: ByteCount(value: EDXLReader.maximumBytes)), use: inbox)
        federation.get("incidents", ":incident", "picture", use: picture)
    }

    /// An incident's picture for a user of the national node, asked for by that node on the user's behalf;
    /// this node's access policy decides what the user sees, and the read is journaled here.
    func picture(req: Request) async throws -> WirePicture {
        let service = FederationService(db: req.db, context: req.knooppunt, address: req.clientAddress)
        try service.checkNotBlocked()
        let user = try await service.remoteUser(req)
        req.auth.login(user)
        let target = try await IncidentCommands(user: user, db: req.db, context: req.knooppunt).open(try IncidentRequest.incidentID(req), for: .read)
        let picture = try await IncidentPicture.read(target, at: req.knooppunt.clock.now(), for: user, context: req.knooppunt, on: req.db)
        let incident = picture.incident.id
        _ = try await req.knooppunt.write(on: req.db) { db in
            try await Journal.append(
                FederationDetailRead(incident: incident, entries: picture.entries.count), on: db, actor: user.username,
                organisation: user.organisationCode, incident: incident)
        }
        return WirePicture(picture)
    }

    struct NodeDTO: Content {
        let name: String
        let publicKey: String
    }

    func node(req: Request) async throws -> NodeDTO {
        guard let me = try await FederationService(db: req.db, context: req.knooppunt).identity() else {
            throw Problem.notFound("this node has no identity yet; run `knooppunt node init`")
        }
        return NodeDTO(name: me.name, publicKey: me.publicKey)
    }

    struct DeliveryDTO: Content {
        let status: String
        let sequence: Int64
    }

    func inbox(req: Request) async throws -> Response {
        let service = FederationService(db: req.db, context: req.knooppunt, address: req.clientAddress)
        try service.checkNotBlocked()
        guard let buffer = req.body.data, buffer.readableBytes > 0 else { throw Problem.badRequest("the body is empty; send a signed envelope") }
        let delivery = try await service.receive(
            envelope: Data(buffer: buffer), claimedNode: req.headers.first(name: FederationService.nodeHeader),
            signature: req.headers.first(name: FederationService.signatureHeader))
        switch delivery {
        case .applied(let sequence):
            return try await DeliveryDTO(status: "applied", sequence: sequence).encodeResponse(status: .created, for: req)
        case .duplicate(let sequence):
            return try await DeliveryDTO(status: "duplicate", sequence: sequence).encodeResponse(status: .ok, for: req)
        }
    }
}

/// A message a peer sent that this node will not apply: journaled with the reason, so both sides can see what
/// was refused and why (the message itself is acknowledged, so it is not sent again).
enum FederationRefusals {
    static func journal(node: String, kind: String, reason: String, on db: Database) async throws {
        try await Journal.append(FederationRefused(FederationMessagePayload(node: node, kind: kind, reason: reason)),
                                 on: db, actor: "node:\(node)", organisation: "federation")
    }
}
