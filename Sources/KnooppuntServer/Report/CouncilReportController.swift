import Foundation
import KnooppuntCore
import Vapor

/// The draft report to the councils (art. 40 Wvr) as JSON under `/api/v1/incidents/{id}/report`;
/// the page, PDF and Markdown are `CouncilReportWebController`'s.
struct CouncilReportController: RouteCollection {
    func boot(routes: RoutesBuilder) throws {
        routes.get("incidents", ":incident", "report", use: show)
    }

    func show(req: Request) async throws -> CouncilReportView {
        try await Self.draft(req)
    }

    /// The report on the incident in the path, for the request's user: 404 or 403 as the incident
    /// picture answers, then 403 for a reader who does not draft it.
    static func draft(_ req: Request) async throws -> CouncilReportView {
        let commands = try IncidentCommands(req)
        let target = try await commands.open(try IncidentRequest.incidentID(req), for: .read)
        return try await CouncilReportService.draft(target, for: commands.user, context: req.knooppunt, on: req.db)
    }
}
