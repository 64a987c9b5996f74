import Fluent
import Foundation
import KnooppuntCore
import Vapor

/// The meldkamer page and its forms (decision 0034); the forms call the same use cases as the API.
struct MeldkamerWebController: RouteCollection {
    func boot(routes: RoutesBuilder) throws {
        routes.get("meldkamer", use: page)
        routes.post("meldkamer", "voorstellen", ":proposal", "incident", use: promote)
        routes.post("meldkamer", "voorstellen", ":proposal", "afwijzen", use: dismiss)
        routes.post("meldkamer", "voorstellen", ":proposal", "samenvoegen", use: merge)
        routes.post("meldkamer", "voorstellen", ":proposal", "splitsen", use: split)
        routes.post("meldkamer", "oefening", use: startReplay)
        routes.post("meldkamer", "oefening", "stop", use: stopReplay)
        routes.post("incidents", ":incident", "meldkamer-overnemen", use: takeOver)
    }

    func takeOver(req: Request) async throws -> Response {
        let user = try IncidentWebController.webUser(req)
        let id = try IncidentRequest.incidentID(req)
        _ = try await IncidentAccess.authorise(user.subject, incident: id, .read, on: req.db, at: req.knooppunt.clock.now())
        let input = try req.decodeForm(MeldkamerController.TakeOverInput.self)
        _ = try await MeldkamerProposals.takeOver(id, version: input.version, user: user, db: req.db, context: req.knooppunt)
        return req.redirect(to: SiteURL.incident(.value(id)).path, redirectType: .normal)
    }

    private func service(_ req: Request) throws -> MeldkamerProposals {
        let user = try IncidentWebController.webUser(req)
        return MeldkamerProposals(db: req.db, context: req.knooppunt, user: user, language: req.uiLanguage)
    }

    private static func isCaCo(_ user: CurrentUser) -> Bool { MeldkamerPolicy.mayIntake(user.subject).allowed }

    func page(req: Request) async throws -> Response {
        let service = try service(req)
        let user = service.user
        let all = req.query[String.self, at: "alle"] == "1"
        let data = try await service.page(limit: all ? 500 : MeldkamerPage.shown)
        var unplaced: [MeldkamerProposals.MessageDTO] = []
        var replay: MeldkamerReplays.Status?
        if Self.isCaCo(user) {
            unplaced = try await MeldkamerProposals.unplaced(meldkamer: user.organisationCode, limit: 50, on: req.db)
            replay = await req.knooppunt.replays.status(user.organisationCode)
        }
        let page = MeldkamerPage(
            strings: req.strings, csrfToken: req.csrfToken, user: user, data: data, unplaced: unplaced, replay: replay,
            isCaCo: Self.isCaCo(user), showsAll: all)
        return .html(page.render())
    }

    func promote(req: Request) async throws -> Response {
        let promoted = try await service(req).promote(try req.pathID("proposal"), try req.decodeForm(MeldkamerProposals.PromoteInput.self))
        return req.redirect(to: SiteURL.incident(.value(promoted.incident)).path, redirectType: .normal)
    }

    func dismiss(req: Request) async throws -> Response {
        _ = try await service(req).dismiss(try req.pathID("proposal"), try req.decodeForm(MeldkamerProposals.DismissInput.self))
        return req.redirect(to: MeldkamerPage.path, redirectType: .normal)
    }

    func merge(req: Request) async throws -> Response {
        _ = try await service(req).merge(try req.pathID("proposal"), try req.decodeForm(MeldkamerProposals.MergeInput.self))
        return req.redirect(to: MeldkamerPage.path, redirectType: .normal)
    }

    func split(req: Request) async throws -> Response {
        _ = try await service(req).split(try req.pathID("proposal"), try req.decodeForm(MeldkamerProposals.SplitInput.self))
        return req.redirect(to: MeldkamerPage.path, redirectType: .normal)
    }

    func startReplay(req: Request) async throws -> Response {
        let user = try IncidentWebController.webUser(req)
        let decision = MeldkamerPolicy.mayIntake(user.subject)
        guard decision.allowed else { throw Problem.forbidden(decision.reason) }
        let input = try req.decodeForm(MeldkamerController.ReplayInput.self)
        _ = try await MeldkamerController.startReplay(input, user: user, req: req)
        return req.redirect(to: MeldkamerPage.path, redirectType: .normal)
    }

    func stopReplay(req: Request) async throws -> Response {
        let user = try IncidentWebController.webUser(req)
        _ = await req.knooppunt.replays.stop(user.organisationCode)
        return req.redirect(to: MeldkamerPage.path, redirectType: .normal)
    }
}
