import Fluent
import Foundation
import KnooppuntCore
import KnooppuntInterop
import Vapor

/// An advisory, risk message or handelingsperspectief. On the national node: one it sent (origin "self"),
/// with a delivery row per regional node. On a regional node: one it received (origin = the sending node),
/// with the region's acknowledgement.
final class AdvisoryModel: Model, @unchecked Sendable {
    static let schema = "advisories"

    @ID(key: .id) var id: UUID?
    @Field(key: "origin") var origin: String
    @Field(key: "kind") var kind: String
    @Field(key: "title") var title: String
    @Field(key: "text") var text: String
    @Field(key: "created_at_us") var createdAt: Int64
    @Field(key: "created_by") var createdBy: String
    @OptionalField(key: "acknowledged_at_us") var acknowledgedAt: Int64?
    @OptionalField(key: "acknowledged_by") var acknowledgedBy: String?

    init() {}
}

final class AdvisoryDeliveryModel: Model, @unchecked Sendable {
    static let schema = "advisory_deliveries"

    @ID(key: .id) var id: UUID?
    @Field(key: "advisory_id") var advisoryID: UUID
    @Field(key: "node") var node: String
    @OptionalField(key: "acknowledged_at_us") var acknowledgedAt: Int64?
    @OptionalField(key: "acknowledged_by") var acknowledgedBy: String?

    init() {}
}

/// The message bodies between nodes.
struct AdvisoryMessage: Codable, Sendable {
    let advisory: UUID
    let kind: String
    let title: String
    let text: String
    let sentBy: String
}

struct AdvisoryAck: Codable, Sendable {
    let advisory: UUID
    let acknowledgedBy: String
}

/// Sending advisories down, receiving them, and acknowledging them back up.
enum Advisories {
    static let kinds = ["advisory", "risk", "handelingsperspectief"]
    static let messageKind = "advisory"
    static let ackKind = "advisory-ack"

    /// National node: send to the named regions (by region code) or, with none named, to every regional peer.
    static func send(kind: String, title: String, text: String, regions: [String], by user: CurrentUser, context: KnooppuntContext,
                     on db: Database) async throws -> AdvisoryModel {
        try RegionalNodes.requireNational(context)
        guard user.organisationKind == .nationalNode, !user.role.isAdministrator else {
            throw Problem.forbidden("advisories to the regions are sent by the national node's staff")
        }
        guard kinds.contains(kind) else { throw Problem.invalid("'kind' must be one of \(kinds.joined(separator: ", "))", field: "kind") }
        let title = title.trimmingCharacters(in: .whitespacesAndNewlines)
        let text = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (1...200).contains(title.count) else { throw Problem.invalid("'title' is 1 to 200 characters", field: "title") }
        guard (1...5000).contains(text.count) else { throw Problem.invalid("'text' is 1 to 5000 characters", field: "text") }
        let wanted = try regions.map { code -> RegionCode in
            guard let region = RegionCode(code) else { throw Problem.invalid("'\(code)' is not a region code (VR01 to VR25)", field: "regions") }
            return region
        }
        let targets = try await RegionalNodes.peers(for: wanted, field: "regions", on: db)
        let now = context.clock.now()
        let at = Microseconds.from(now)
        return try await context.write(on: db) { db in
            let advisory = AdvisoryModel()
            advisory.id = NewID.next()
            advisory.origin = "self"
            advisory.kind = kind
            advisory.title = title
            advisory.text = text
            advisory.createdAt = at
            advisory.createdBy = user.username
            try await advisory.create(on: db)
            let body = try JSONEncoder().encode(AdvisoryMessage(
                advisory: try advisory.requireID(), kind: kind, title: title, text: text, sentBy: user.username))
            for peer in targets {
                let delivery = AdvisoryDeliveryModel()
                delivery.advisoryID = try advisory.requireID()
                delivery.node = peer.name
                try await delivery.create(on: db)
                _ = try await FederationOutbox.enqueue(kind: messageKind, body: body, to: peer.name, on: db, at: now)
            }
            try await Journal.append(
                AdvisorySent(AdvisoryPayload(advisory: try advisory.requireID(), kind: kind, title: title, nodes: targets.map(\.name))),
                on: db, actor: user.username, organisation: user.organisationCode)
            return advisory
        }
    }

    /// Inbox, inside its transaction: a regional node keeps a received advisory; the national node
    /// records an acknowledgement.
    static func apply(kind: String, body: Data, from node: String, at: Int64, on db: Database) async throws {
        switch kind {
        case messageKind:
            let message = try JSONDecoder().decode(AdvisoryMessage.self, from: body)
            guard try await AdvisoryModel.find(message.advisory, on: db) == nil else { return }
            let advisory = AdvisoryModel()
            advisory.id = message.advisory
            advisory.origin = node
            advisory.kind = message.kind
            advisory.title = message.title
            advisory.text = message.text
            advisory.createdAt = at
            advisory.createdBy = message.sentBy
            try await advisory.create(on: db)
            if message.kind == "risk" { try await RiskMonitoring.advisoryReceived(title: message.title, at: at, on: db) }
        case ackKind:
            let ack = try JSONDecoder().decode(AdvisoryAck.self, from: body)
            try await AdvisoryDeliveryModel.query(on: db).filter(\.$advisoryID == ack.advisory).filter(\.$node == node)
                .set(\.$acknowledgedAt, to: at).set(\.$acknowledgedBy, to: ack.acknowledgedBy).update()
        default:
            return
        }
    }

    /// Regional node: the region acknowledges a received advisory; the acknowledgement goes back up.
    static func acknowledge(_ id: UUID, by user: CurrentUser, context: KnooppuntContext, on db: Database) async throws -> AdvisoryModel {
        guard user.organisationKind == .region, !user.role.worksForPartner else {
            throw Problem.forbidden("advisories are acknowledged by the region's staff")
        }
        let now = context.clock.now()
        return try await context.write(on: db) { db in
            guard let advisory = try await AdvisoryModel.find(id, on: db), advisory.origin != "self" else {
                throw Problem.notFound("no received advisory \(id)")
            }
            guard advisory.acknowledgedAt == nil else { return advisory }
            advisory.acknowledgedAt = Microseconds.from(now)
            advisory.acknowledgedBy = user.username
            try await advisory.update(on: db)
            let body = try JSONEncoder().encode(AdvisoryAck(advisory: id, acknowledgedBy: "\(user.username) (\(user.organisationCode))"))
            _ = try await FederationOutbox.enqueue(kind: ackKind, body: body, to: advisory.origin, on: db, at: now)
            try await Journal.append(
                AdvisoryAcknowledged(AdvisoryPayload(advisory: id, kind: advisory.kind, title: advisory.title, nodes: [advisory.origin])),
                on: db, actor: user.username, organisation: user.organisationCode)
            return advisory
        }
    }
}

/// API: `POST /api/v1/national/advisories` (national node) and `GET` them with who acknowledged;
/// `GET /api/v1/advisories` and `POST /api/v1/advisories/{id}/acknowledge` (regional node).
struct AdvisoriesController: RouteCollection {
    func boot(routes: RoutesBuilder) throws {
        routes.post("national", "advisories", use: send)
        routes.get("national", "advisories", use: sent)
        routes.get("advisories", use: received)
        routes.post("advisories", ":advisory", "acknowledge", use: acknowledge)
    }

    struct SendRequest: StrictDecodable {
        var kind: String
        var title: String
        var text: String
        var regions: [String]?
        enum CodingKeys: String, CodingKey, CaseIterable { case kind, title, text, regions }
    }

    struct AdvisoryDTO: Content {
        struct Delivery: Content {
            let node: String
            let acknowledgedAt: Date?
            let acknowledgedBy: String?
        }

        let id: UUID
        let kind: String
        let title: String
        let text: String
        let from: String
        let createdAt: Date
        let acknowledgedAt: Date?
        let acknowledgedBy: String?
        /// On the national node: each region's node and its acknowledgement.
        let deliveries: [Delivery]?

        init(_ model: AdvisoryModel, deliveries: [AdvisoryDeliveryModel]?) throws {
            id = try model.requireID()
            kind = model.kind
            title = model.title
            text = model.text
            from = model.origin == "self" ? model.createdBy : model.origin
            createdAt = Microseconds.date(model.createdAt)
            acknowledgedAt = model.acknowledgedAt.map(Microseconds.date)
            acknowledgedBy = model.acknowledgedBy
            self.deliveries = deliveries?.map {
                Delivery(node: $0.node, acknowledgedAt: $0.acknowledgedAt.map(Microseconds.date), acknowledgedBy: $0.acknowledgedBy)
            }
        }
    }

    func send(req: Request) async throws -> Response {
        let user = try req.requireUserExplaining()
        let body = try req.decodeStrict(SendRequest.self)
        let advisory = try await Advisories.send(
            kind: body.kind, title: body.title, text: body.text, regions: body.regions ?? [], by: user, context: req.knooppunt, on: req.db)
        let deliveries = try await AdvisoryDeliveryModel.query(on: req.db).filter(\.$advisoryID == advisory.requireID()).sort(\.$node).all()
        return try await AdvisoryDTO(advisory, deliveries: deliveries).encodeResponse(status: .created, for: req)
    }

    static func sentAdvisories(_ req: Request) async throws -> [AdvisoryDTO] {
        let user = try req.requireUserExplaining()
        guard user.organisationKind == .nationalNode, !user.role.isAdministrator else {
            throw Problem.forbidden("the advisories sent to the regions are for the national node's staff")
        }
        let advisories = try await AdvisoryModel.query(on: req.db).filter(\.$origin == "self").sort(\.$createdAt, .descending).all()
        let ids = try advisories.map { try $0.requireID() }
        let deliveries = ids.isEmpty ? [] : try await AdvisoryDeliveryModel.query(on: req.db).filter(\.$advisoryID ~~ ids).sort(\.$node).all()
        return try advisories.map { advisory in
            try AdvisoryDTO(advisory, deliveries: deliveries.filter { $0.advisoryID == advisory.id })
        }
    }

    func sent(req: Request) async throws -> [AdvisoryDTO] { try await Self.sentAdvisories(req) }

    static func receivedAdvisories(_ req: Request) async throws -> [AdvisoryDTO] {
        let user = try req.requireUserExplaining()
        guard user.organisationKind == .region || user.organisationKind == .nationalNode else {
            throw Problem.forbidden("advisories from the national node are for region staff")
        }
        return try await AdvisoryModel.query(on: req.db).filter(\.$origin != "self").sort(\.$createdAt, .descending).all()
            .map { try AdvisoryDTO($0, deliveries: nil) }
    }

    func received(req: Request) async throws -> [AdvisoryDTO] { try await Self.receivedAdvisories(req) }

    func acknowledge(req: Request) async throws -> AdvisoryDTO {
        let user = try req.requireUserExplaining()
        let id = try req.pathID("advisory")
        return try AdvisoryDTO(try await Advisories.acknowledge(id, by: user, context: req.knooppunt, on: req.db), deliveries: nil)
    }
}

/// The web forms: the national node sends from its national page; a region acknowledges on its
/// warnings page.
enum AdvisoryForms {
    struct SendForm: Content {
        var kind: String
        var title: String
        var text: String
        var regions: String?
    }

    static func send(req: Request) async throws -> Response {
        let user = try IncidentWebController.webUser(req)
        let form = try req.content.decode(SendForm.self)
        let regions = (form.regions ?? "").split(whereSeparator: { $0 == "," || $0 == " " }).map(String.init)
        _ = try await Advisories.send(kind: form.kind, title: form.title, text: form.text, regions: regions, by: user,
                                      context: req.knooppunt, on: req.db)
        return req.redirect(to: SiteURL.national().path, redirectType: .normal)
    }

    static func acknowledge(req: Request) async throws -> Response {
        let user = try IncidentWebController.webUser(req)
        let id = try req.pathID("advisory")
        _ = try await Advisories.acknowledge(id, by: user, context: req.knooppunt, on: req.db)
        return req.redirect(to: SiteURL.warnings.path, redirectType: .normal)
    }
}
