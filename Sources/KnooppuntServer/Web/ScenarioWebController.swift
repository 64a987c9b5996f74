import Fluent
import Foundation
import KnooppuntCore
import Vapor

/// The scenario library's pages (decision 0032); the forms call the same use cases as the API.
struct ScenarioWebController: RouteCollection {
    func boot(routes: RoutesBuilder) throws {
        routes.get(SiteURL.scenarios().pathComponents, use: list)
        routes.post(SiteURL.scenarios().pathComponents, use: create)
        routes.get(SiteURL.scenarios(.scenario(.key)).pathComponents, use: show)
        routes.post(SiteURL.scenarios(.exercise(.key)).pathComponents, use: exercise)
    }

    private func scenarios(_ req: Request) throws -> Scenarios {
        let user = try IncidentWebController.webUser(req)
        try DependencyStore.requireReader(user.subject)
        return Scenarios(db: req.db, context: req.knooppunt, user: user)
    }

    private static func ownScope(_ user: CurrentUser) -> PhaseScope {
        if let region = user.subject.regionCode, user.subject.organisationKind == .region { return .region(region) }
        return .national
    }

    func list(req: Request) async throws -> Response {
        let service = try scenarios(req)
        let user = service.user
        let mayKeep = req.knooppunt.configuration.role != .national || user.subject.organisationKind == .nationalNode
        let keeps = mayKeep && DependencyScenario.keep(user.subject, scope: Self.ownScope(user)).allowed
        var choices: [IncidentCascades.Candidate] = []
        if keeps {
            let view = try await DependencyStore(db: req.db, context: req.knooppunt).visible(to: user.subject)
            let own = user.subject.regionCode
            choices = view.nodes.filter { $0.kind == .process || own == nil || $0.region == own }.map {
                IncidentCascades.Candidate($0, req.uiLanguage)
            }.sorted { ($0.typeLabel == $1.typeLabel ? $0.name < $1.name : $0.region != nil && $1.region == nil) }
        }
        let page = ScenariosPage(strings: req.strings, csrfToken: req.csrfToken, user: user, scenarios: try await service.list(), choices: choices, mayKeep: keeps)
        return .html(page.render())
    }

    func create(req: Request) async throws -> Response {
        let created = try await scenarios(req).create(try req.decodeForm(Scenarios.Input.self))
        return req.redirect(to: SiteURL.scenarios(.scenario(.value(created.id))).path, redirectType: .normal)
    }

    func show(req: Request) async throws -> Response {
        let service = try scenarios(req)
        let detail = try await service.detail(try req.pathID("scenario"), language: req.uiLanguage)
        let config = req.knooppunt.configuration
        let mayExercise = AccessPolicy.decide(service.user.subject, .create, incident: nil, at: req.knooppunt.clock.now()).allowed
        let page = ScenarioPage(strings: req.strings, csrfToken: req.csrfToken, user: service.user, detail: detail, mayExercise: mayExercise,
                                leafletAvailable: config.leafletInstalled, tileURL: config.tileURL)
        return .html(page.render())
    }

    func exercise(req: Request) async throws -> Response {
        let service = try scenarios(req)
        let started = try await service.exercise(try req.pathID("scenario"), commands: IncidentCommands(req))
        return req.redirect(to: WhatFollowsWebController.path(started.incident, failing: started.failing), redirectType: .normal)
    }
}

/// `/api/v1/scenarios…`: the scenario library.
struct ScenarioController: RouteCollection {
    func boot(routes: RoutesBuilder) throws {
        routes.get("scenarios", use: list)
        routes.post("scenarios", use: create)
        routes.get("scenarios", ":scenario", use: show)
        routes.put("scenarios", ":scenario", use: update)
        routes.post("scenarios", ":scenario", "exercise", use: exercise)
    }

    private func scenarios(_ req: Request) throws -> Scenarios {
        let user = try req.requireUserExplaining()
        try DependencyStore.requireReader(user.subject)
        return Scenarios(db: req.db, context: req.knooppunt, user: user)
    }

    func list(req: Request) async throws -> [Scenarios.SummaryDTO] { try await scenarios(req).list() }

    func create(req: Request) async throws -> Response {
        let created = try await scenarios(req).create(try req.decodeStrict(Scenarios.Input.self))
        return try await created.encodeResponse(status: .created, for: req)
    }

    func show(req: Request) async throws -> Scenarios.DetailDTO {
        try await scenarios(req).detail(try req.pathID("scenario"), language: req.uiLanguage)
    }

    func update(req: Request) async throws -> Scenarios.SummaryDTO {
        try await scenarios(req).update(try req.pathID("scenario"), try req.decodeStrict(Scenarios.Input.self))
    }

    func exercise(req: Request) async throws -> Response {
        struct Started: Content { var incident: UUID; var failing: [String] }
        let started = try await scenarios(req).exercise(try req.pathID("scenario"), commands: IncidentCommands(req))
        return try await Started(incident: started.incident, failing: started.failing).encodeResponse(status: .created, for: req)
    }
}
