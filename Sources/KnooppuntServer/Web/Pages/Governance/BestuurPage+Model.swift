import Foundation
import KnooppuntCore
import Plot
import Vapor

/// `/bestuur`, the bestuurlijk overzicht: for a burgemeester, voorzitter, minister or mandatary, in ten
/// seconds and most urgent first — what waits for their decision (with the accept and reject forms),
/// the open incidents under their authority, the aanwijzingen about them and their mandates.
struct BestuurPage: Bilingual {
    let strings: UIStrings
    let csrfToken: String
    let user: CurrentUser
    let overview: BestuurOverview
    let now: Date

    static func page(req: Request) async throws -> Response {
        let user = try IncidentWebController.webUser(req)
        let overview = try await IncidentCommands(req).bestuurOverview()
        return .html(BestuurPage(strings: req.strings, csrfToken: req.csrfToken, user: user, overview: overview, now: req.knooppunt.clock.now()).render())
    }
}
