import Fluent
import Foundation
import KnooppuntCore
import KnooppuntInterop
import Vapor

/// Upward sharing: a regional node queues an incident summary for the national node whenever one of its
/// real (not exercise) incidents changes; the national node keeps the newest summary per source incident,
/// with where it came from and when it arrived.
enum NationalPicture {
    static let summaryKind = "incident-summary"

    /// Regional side, inside the write that changed the incident.
    static func share(_ incidentID: UUID, state: IncidentState, at: Int64, context: KnooppuntContext, on db: Database) async throws {
        guard case .region = context.configuration.role else { return }
        let nationals = try await NodePeerModel.query(on: db).filter(\.$role == "national").all()
        guard !nationals.isEmpty, let incident = try await IncidentModel.find(incidentID, on: db), !incident.exercise else { return }
        let summary = IncidentSummary(incident: incidentID, reference: incident.reference, state: state, updatedAt: Microseconds.date(at))
        let body = Data(try CanonicalJSON.encode(summary).utf8)
        for peer in nationals {
            _ = try await FederationOutbox.enqueue(kind: summaryKind, body: body, to: peer.name, on: db, at: Microseconds.date(at))
        }
    }

    /// National side, inside the write that applies the message.
    static func apply(_ body: Data, from node: String, at: Int64, on db: Database) async throws {
        let summary: IncidentSummary
        do { summary = try CanonicalJSON.decode(IncidentSummary.self, from: String(decoding: body, as: UTF8.self)) } catch {
            throw Problem.invalid("the incident summary from '\(node)' is not readable: \(error)")
        }
        let row = try await NationalIncidentModel.query(on: db).filter(\.$sourceNode == node)
            .filter(\.$sourceIncident == summary.incident).first() ?? NationalIncidentModel()
        row.sourceNode = node
        row.sourceIncident = summary.incident
        row.summary = try CanonicalJSON.encode(summary)
        row.reference = summary.reference
        row.grip = summary.grip.rawValue
        row.status = summary.status.rawValue
        row.leadRegion = summary.leadRegion.rawValue
        row.updatedAt = Microseconds.from(summary.updatedAt)
        row.receivedAt = at
        try await row.save(on: db)
    }

    static func summary(_ row: NationalIncidentModel) throws -> IncidentSummary {
        try CanonicalJSON.decode(IncidentSummary.self, from: row.summary)
    }
}

/// `GET /api/v1/national/incidents`: the national node's list of incidents from the regional nodes,
/// each with its source node and how old the news is. For the national node's own staff.
struct NationalController: RouteCollection {
    func boot(routes: RoutesBuilder) throws {
        routes.get("national", "incidents", use: incidents)
    }

    /// The national page, `/national` (registered outside /api in `configure`).
    static func page(req: Request) async throws -> Response {
        let user = try IncidentWebController.webUser(req)
        let isNational = req.knooppunt.configuration.role == .national
        let incidents = isNational ? try await NationalController().incidents(req: req) : []
        // The newest message per peer, by aggregate: the stored envelopes themselves are not needed.
        var lastContact: [String: Int64] = [:]
        for peer in try await NodePeerModel.query(on: req.db).all() {
            lastContact[peer.name] = try await NodeInboxModel.query(on: req.db).filter(\.$peer == peer.name).max(\.$receivedAt)
        }
        let peersByRegion = Dictionary(grouping: incidents, by: { $0.summary.leadRegion.rawValue })
        let regions = try await RegionModel.query(on: req.db).sort(\.$id).all().map { region -> NationalPicturePage.RegionRow in
            let code = region.id ?? ""
            let own = incidents.filter { $0.summary.involvedRegions.contains { $0.rawValue == code } }
            // A region's node is the peer whose summaries it leads; its last message is its last contact.
            let nodes = Set((peersByRegion[code] ?? []).map(\.sourceNode)).union([code.lowercased()])
            let contact = nodes.compactMap { lastContact[$0] }.max().map(Microseconds.date)
            return .init(code: code, name: region.name, incidents: own.count,
                         highestGRIP: own.map(\.summary.grip).max(), lastContact: contact)
        }
        let advisories = isNational ? try await AdvisoriesController.sentAdvisories(req) : []
        return .html(NationalPicturePage(strings: req.strings, csrfToken: req.csrfToken, user: user, incidents: incidents,
                                         regions: regions, now: req.knooppunt.clock.now(), isNationalNode: isNational,
                                         advisories: advisories).render())
    }

    struct NationalIncidentDTO: Content {
        let sourceNode: String
        let summary: IncidentSummary
        let receivedAt: Date
        /// Seconds since the source last changed it.
        let ageSeconds: Int
    }

    func incidents(req: Request) async throws -> [NationalIncidentDTO] {
        let user = try req.requireUserExplaining()
        guard user.organisationKind == .nationalNode, !user.role.isAdministrator else {
            throw Problem.forbidden("the national picture from the regional nodes is for the national node's staff")
        }
        guard case .national = req.knooppunt.configuration.role else {
            throw Problem.notFound("this node is not the national node (serve --role national)")
        }
        let now = req.knooppunt.clock.now()
        return try await NationalIncidentModel.query(on: req.db).sort(\.$grip, .descending).sort(\.$updatedAt, .descending).all()
            .map { row in
                NationalIncidentDTO(
                    sourceNode: row.sourceNode, summary: try NationalPicture.summary(row), receivedAt: Microseconds.date(row.receivedAt),
                    ageSeconds: max(0, Int(now.timeIntervalSince(Microseconds.date(row.updatedAt)))))
            }
    }
}
