import Fluent
import Foundation
import KnooppuntCore
import KnooppuntInterop
import Vapor

/// Who may see an incident beyond its regions: partner links under their collaboration profile,
/// standby admissions, disconnections, break-glass openings, the standby monitoring list and the
/// accountability report. Every change is journaled on the incident.
struct AccessController: RouteCollection {
    func boot(routes: RoutesBuilder) throws {
        let access = routes.grouped("incidents", ":incident", "access")
        access.get(use: list)
        access.post(use: link)
        access.patch(":grant", use: change)
        access.post(":grant", "revocation", use: revoke)
        routes.post("incidents", ":incident", "break-glass", use: breakGlass)
        routes.get("monitoring", use: monitoring)
        routes.get("monitoring", "stream", use: monitoringStream)
        routes.get("reports", "access", use: report)
        routes.get("alerts", use: alerts)
        routes.post("alerts", ":alert", "acknowledgement", use: acknowledge)
        routes.get("incidents", ":incident", "alerts", use: incidentAlerts)
    }

    /// The grants of an incident: all of them for the regions and the national node, a partner's own
    /// for a partner.
    func list(req: Request) async throws -> [AccessGrantDTO] {
        let (incident, _, user) = try await IncidentAccess.authorised(req, .read)
        let grants = try await GrantStore(db: req.db, context: req.knooppunt).grants(of: try incident.requireID())
        return try grants.filter { !user.subject.isPartner || $0.organisationCode == user.organisationCode }
            .map(AccessGrantDTO.init)
    }

    func link(req: Request) async throws -> Response {
        let id = try IncidentRequest.incidentID(req)
        let model = try await IncidentCommands(req).link(in: id, try req.decodeStrict(LinkInput.self))
        let response = try await AccessGrantDTO(model).encodeResponse(status: .created, for: req)
        response.headers.replaceOrAdd(name: .location, value: "/api/v1/incidents/\(id)/access/\(try model.requireID())")
        return response
    }

    func change(req: Request) async throws -> AccessGrantDTO {
        try AccessGrantDTO(try await IncidentCommands(req).changeGrant(
            try IncidentRequest.grantID(req), in: try IncidentRequest.incidentID(req), try req.decodeStrict(GrantChangeInput.self)))
    }

    /// Ontkoppelen: the grant ends now. The IM ends links; the chair ends what the chair opened.
    func revoke(req: Request) async throws -> AccessGrantDTO {
        try AccessGrantDTO(try await IncidentCommands(req).revokeGrant(try IncidentRequest.grantID(req), in: try IncidentRequest.incidentID(req)))
    }

    func breakGlass(req: Request) async throws -> Response {
        let id = try IncidentRequest.incidentID(req)
        let model = try await IncidentCommands(req).breakGlass(in: id, try req.decodeStrict(BreakGlassInput.self))
        let response = try await AccessGrantDTO(model).encodeResponse(status: .created, for: req)
        response.headers.replaceOrAdd(name: .location, value: "/api/v1/incidents/\(id)/access/\(try model.requireID())")
        return response
    }

    /// A standby partner's monitoring list: the incidents in its regions relevant to its core tasks (its
    /// alert rules' categories, when it has rules), with title, category, area and GRIP only, and whether
    /// it is linked. Linked partners see the incidents they are linked to.
    func monitoring(req: Request) async throws -> [MonitoringItem] {
        let user = try req.requireUserExplaining()
        let exercise = try IncidentRequest.flag(req, "exercise") ?? false
        return try await PartnerAccess.monitoringList(user.subject, exercise: exercise, req: req)
    }

    /// Live notice that a monitored incident changed (no content: the page fetches the list again).
    func monitoringStream(req: Request) async throws -> Response {
        let user = try req.requireUserExplaining()
        let exercise = try IncidentRequest.flag(req, "exercise") ?? false
        let clock = req.knooppunt.clock
        return LiveSelection(
            subject: user.subject, scope: .monitoring(exercise: exercise), credential: user.tokenID, now: { clock.now() }
        ).response(for: req)
    }

    /// Grants, changes, revocations and break-glass openings since a moment, for accountability.
    func report(req: Request) async throws -> Response {
        let user = try req.requireUserExplaining()
        guard let text = req.query[String.self, at: "since"] else {
            throw Problem.invalid("query 'since' is required: a date (2026-11-01) or a moment (ISO 8601)", field: "since")
        }
        let lines = try await PartnerAccess.reportLines(for: user, since: text, on: req.db)
        if req.query[String.self, at: "format"] == "csv" {
            var headers = HTTPHeaders()
            headers.contentType = HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"])
            return Response(status: .ok, headers: headers, body: .init(string: AccessReport.csv(lines)))
        }
        return try await lines.encodeResponse(for: req)
    }

    /// A partner's own alerts, newest first, with what each incident is (title, category, GRIP, regions).
    func alerts(req: Request) async throws -> [PartnerAlertDTO] {
        let user = try req.requireUserExplaining()
        return try await PartnerAccess.alerts(of: user, on: req.db)
    }

    func acknowledge(req: Request) async throws -> PartnerAlertDTO {
        let user = try req.requireUserExplaining()
        guard let id = req.parameters.get("alert").flatMap(UUID.init(uuidString:)) else {
            throw Problem.badRequest("the alert id in the path is not a UUID")
        }
        return try PartnerAlertDTO(try await AlertService.acknowledge(id, by: user, context: req.knooppunt, on: req.db))
    }

    /// The alerts of an incident: all for the regions and the national node, a partner's own for a partner.
    func incidentAlerts(req: Request) async throws -> [PartnerAlertDTO] {
        let (incident, _, user) = try await IncidentAccess.authorised(req, .read)
        return try await PartnerAlertModel.query(on: req.db).filter(\.$incidentID == incident.requireID()).sort(\.$raisedAt).sort(\.$organisationCode).all()
            .filter { !user.subject.isPartner || $0.organisationCode == user.organisationCode }
            .map { try PartnerAlertDTO($0) }
    }


}


