import Foundation
import KnooppuntCore
import Vapor

/// A partner's request to read an incident in its area, and the information manager's answer
/// (decision 0023). The use cases are `IncidentCommands+AccessRequests`.
struct AccessRequestsController: RouteCollection {
    func boot(routes: RoutesBuilder) throws {
        let requests = routes.grouped("incidents", ":incident", "access-requests")
        requests.get(use: list)
        requests.post(use: create)
        requests.post(":request", "decision", use: decide)
    }

    func list(req: Request) async throws -> [AccessRequestDTO] {
        try await IncidentCommands(req).accessRequests(in: try IncidentRequest.incidentID(req)).map(AccessRequestDTO.init)
    }

    func create(req: Request) async throws -> Response {
        let id = try IncidentRequest.incidentID(req)
        let model = try await IncidentCommands(req).requestAccess(in: id, try req.decodeStrict(AccessRequestInput.self))
        let response = try await AccessRequestDTO(model).encodeResponse(status: .created, for: req)
        response.headers.replaceOrAdd(name: .location, value: "/api/v1/incidents/\(id)/access-requests/\(try model.requireID())")
        return response
    }

    func decide(req: Request) async throws -> AccessRequestDTO {
        try AccessRequestDTO(try await IncidentCommands(req).decideAccessRequest(
            try req.pathID("request"), in: try IncidentRequest.incidentID(req), try req.decodeStrict(AccessRequestDecisionInput.self)))
    }
}
