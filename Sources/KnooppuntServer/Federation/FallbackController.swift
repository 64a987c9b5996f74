import Fluent
import Foundation
import KnooppuntCore
import Vapor

/// `GET /api/v1/fallback/incidents` and `GET /api/v1/fallback/incidents/{node}/{incident}`: on the national
/// node, the fallback copies of the caller's region, for that region's emergency accounts only
/// (`FallbackPolicy`). Every read is journaled as `fallback.read`, every refusal as `fallback.refused`.
struct FallbackController: RouteCollection {
    func boot(routes: RoutesBuilder) throws {
        let fallback = routes.grouped("fallback")
        fallback.get("incidents", use: list)
        fallback.get("incidents", ":node", ":incident", use: detail)
    }

    /// One incident in the region's fallback list.
    struct ItemDTO: Content {
        let sourceNode: String
        let incident: UUID
        let region: String
        let reference: String
        let title: String
        let grip: GRIPLevel
        let phase: IncidentPhase
        /// When the region composed the copy: the picture as it stood then.
        let pictureAt: Date
        let receivedAt: Date
        /// Seconds since the copy was composed.
        let ageSeconds: Int
        let sitrapNumber: Int?
    }

    /// One incident's fallback copy.
    struct DetailDTO: Content {
        let sourceNode: String
        let region: String
        let pictureAt: Date
        let receivedAt: Date
        let ageSeconds: Int
        let picture: FallbackPicture.Picture
    }

    func list(req: Request) async throws -> [ItemDTO] { try await Self.list(req, via: "api").items }

    func detail(req: Request) async throws -> DetailDTO { try await Self.detail(req, via: "api").detail }

    /// The region's copies, open incidents by GRIP (highest first), for its emergency account.
    static func list(_ req: Request, via: String) async throws -> (items: [ItemDTO], user: CurrentUser) {
        let user = try await requireReader(req, node: nil, incident: nil, via: via)
        let region = user.subject.regionCode?.rawValue ?? ""
        let now = req.knooppunt.clock.now()
        let items = try await FallbackPictureModel.query(on: req.db).filter(\.$region == region).all().map { row in
            let picture = try FallbackPicture.picture(row)
            return ItemDTO(
                sourceNode: row.sourceNode, incident: row.sourceIncident, region: row.region, reference: row.reference,
                title: row.title, grip: picture.incident.grip, phase: picture.incident.phase.current,
                pictureAt: Microseconds.date(row.pictureAt), receivedAt: Microseconds.date(row.receivedAt),
                ageSeconds: max(0, Int(now.timeIntervalSince(Microseconds.date(row.pictureAt)))), sitrapNumber: picture.sitrap?.number)
        }.sorted { ($0.grip.rawValue, $1.title) > ($1.grip.rawValue, $0.title) }
        try await journal(req, user, FallbackRead(node: nil, incident: nil, incidents: items.map(\.incident), via: via))
        return (items, user)
    }

    /// One copy of the caller's region. The region is the path's node (a regional node is named after its
    /// region), so whether a copy exists is never told to another region's account.
    static func detail(_ req: Request, via: String) async throws -> (detail: DetailDTO, user: CurrentUser) {
        guard let node = req.parameters.get("node")?.lowercased(),
              let incident = req.parameters.get("incident").flatMap(UUID.init(uuidString:))
        else { throw Problem.badRequest("give the source node and the incident's UUID: /fallback/incidents/{node}/{incident}") }
        let user = try await requireReader(req, node: node, incident: incident, via: via)
        guard let row = try await FallbackPictureModel.query(on: req.db).filter(\.$sourceNode == node)
            .filter(\.$sourceIncident == incident).filter(\.$region == (user.subject.regionCode?.rawValue ?? "")).first()
        else { throw Problem.notFound("the national node holds no fallback copy of that incident (it may be closed)") }
        let now = req.knooppunt.clock.now()
        let detail = DetailDTO(
            sourceNode: row.sourceNode, region: row.region, pictureAt: Microseconds.date(row.pictureAt),
            receivedAt: Microseconds.date(row.receivedAt), ageSeconds: max(0, Int(now.timeIntervalSince(Microseconds.date(row.pictureAt)))),
            picture: try FallbackPicture.picture(row))
        try await journal(req, user, FallbackRead(node: node, incident: incident, incidents: nil, via: via))
        return (detail, user)
    }

    /// The signed-in user if the policy lets them read the fallback copies from `node` (nil: their own
    /// region's list); a refusal is journaled and answered 403.
    static func requireReader(_ req: Request, node: String?, incident: UUID?, via: String) async throws -> CurrentUser {
        let user = try req.requireUserExplaining()
        guard case .national = req.knooppunt.configuration.role else {
            throw Problem.notFound("this node is not the national node (serve --role national); the fallback picture is kept there")
        }
        let target: RegionCode? = if let node { RegionCode(node) } else { user.subject.regionCode }
        let decision = FallbackPolicy.decide(user.subject, region: target)
        guard decision.allowed else {
            _ = try await req.knooppunt.write(on: req.db) { db in
                try await Journal.append(
                    FallbackRefused(region: target?.rawValue, incident: incident, reason: decision.reason, via: via), on: db,
                    actor: user.username, organisation: user.organisationCode)
            }
            throw Problem.forbidden(decision.reason)
        }
        return user
    }

    /// The incident is named in the payload: it is the source node's incident, not one of this node's
    /// (the journal's incident index refers to this node's incidents).
    private static func journal(_ req: Request, _ user: CurrentUser, _ event: FallbackRead) async throws {
        _ = try await req.knooppunt.write(on: req.db) { db in
            try await Journal.append(event, on: db, actor: user.username, organisation: user.organisationCode)
        }
    }
}
