import Foundation
import KnooppuntCore
import Vapor

/// The national partner overview page; the same rows and access rule as `GET /api/v1/partners/overview`.
struct PartnerWebController: RouteCollection {
    func boot(routes: RoutesBuilder) throws {
        routes.get("partners", use: overview)
    }

    func overview(req: Request) async throws -> Response {
        guard let user = req.auth.get(CurrentUser.self) else { throw Abort.redirect(to: "/login?next=/partners") }
        let decision = AccessPolicy.decide(user.subject, .readOverview, partner: nil)
        guard decision.allowed else { throw Problem.forbidden(decision.reason) }
        let filter = try PartnersController.filter(req)
        let rows = try await PartnersController.overviewRows(req, filter: filter)
        let filters = PartnerOverviewPage.Filters(
            region: filter.region?.rawValue, profile: filter.profile?.rawValue, coreTask: filter.coreTask?.rawValue,
            outcome: filter.outcome.map { $0?.rawValue ?? "untested" })
        let page = PartnerOverviewPage(strings: req.strings, csrfToken: req.csrfToken, user: user, rows: rows, filters: filters)
        return .html(page.render())
    }
}
