import Fluent
import Foundation
import KnooppuntCore
import Vapor

/// The office and mandate registers, and proposals to the competent authority (decision 0020).
struct GovernanceController: RouteCollection {
    func boot(routes: RoutesBuilder) throws {
        let offices = routes.grouped("offices")
        offices.get { req in try await GovernanceCommands(req).offices() }
        offices.post(use: assignOffice)
        offices.post(":office", "end") { req in try await GovernanceCommands(req).endOffice(try req.pathID("office")) }
        let mandates = routes.grouped("mandates")
        mandates.get { req in try await GovernanceCommands(req).mandates() }
        mandates.post(use: grantMandate)
        mandates.post(":mandate", "withdraw") { req in try await GovernanceCommands(req).withdrawMandate(try req.pathID("mandate")) }
        let proposals = routes.grouped("incidents", ":incident", "proposals")
        proposals.get { req in try await IncidentCommands(req).proposals(of: try IncidentRequest.incidentID(req)) }
        proposals.post(use: propose)
        proposals.post(":proposal", "accept", use: accept)
        proposals.post(":proposal", "reject") { req in
            try await IncidentCommands(req).closeProposal(
                try req.pathID("proposal"), of: try IncidentRequest.incidentID(req), as: .rejected,
                try Self.decision(req))
        }
        proposals.post(":proposal", "withdraw") { req in
            try await IncidentCommands(req).closeProposal(
                try req.pathID("proposal"), of: try IncidentRequest.incidentID(req), as: .withdrawn,
                try Self.decision(req))
        }
    }

    /// The optional body of accept, reject and withdraw: none is an empty decision.
    static func decision(_ req: Request) throws -> ProposalDecisionInput {
        guard let body = req.body.data, body.readableBytes > 0 else { return ProposalDecisionInput(reason: nil) }
        return try req.decodeStrict(ProposalDecisionInput.self)
    }

    func assignOffice(req: Request) async throws -> Response {
        let view = try await GovernanceCommands(req).assignOffice(try req.decodeStrict(AssignOfficeInput.self))
        return try await view.encodeResponse(status: .created, for: req)
    }

    func grantMandate(req: Request) async throws -> Response {
        let view = try await GovernanceCommands(req).grantMandate(try req.decodeStrict(GrantMandateInput.self))
        return try await view.encodeResponse(status: .created, for: req)
    }

    func propose(req: Request) async throws -> Response {
        let view = try await IncidentCommands(req).propose(to: try IncidentRequest.incidentID(req), try req.decodeStrict(ProposalInput.self))
        return try await view.encodeResponse(status: .created, for: req)
    }

    func accept(req: Request) async throws -> ProposalView {
        try await IncidentCommands(req).acceptProposal(
            try req.pathID("proposal"), of: try IncidentRequest.incidentID(req), try Self.decision(req)).0
    }
}
