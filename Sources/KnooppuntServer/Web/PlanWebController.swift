import Fluent
import Foundation
import KnooppuntCore
import Vapor

/// The plans register's pages (decision 0030): forms post here and call the same use cases as the API.
struct PlanWebController: RouteCollection {
    func boot(routes: RoutesBuilder) throws {
        routes.get(SiteURL.plans().pathComponents, use: list)
        routes.post(SiteURL.plans().pathComponents, use: create)
        routes.get(SiteURL.plans(.plan(.key)).pathComponents, use: show)
        routes.post(SiteURL.plans(.plan(.key)).pathComponents, use: change)
        routes.post(SiteURL.plans(.attachment(.key)).pathComponents, use: attach)
    }

    private func plans(_ req: Request) throws -> Plans { Plans(user: try IncidentWebController.webUser(req), db: req.db, context: req.knooppunt) }

    private func region(_ req: Request, _ user: CurrentUser) throws -> RegionCode {
        if let text = req.query[String.self, at: "regio"], !text.isEmpty {
            guard let region = RegionCode(text) else { throw Problem.notFound("no region with that code; use VR01 to VR25") }
            return region
        }
        return user.subject.regionCode ?? RegionCode(number: 1)
    }

    private func risks(_ req: Request, _ region: RegionCode) async throws -> [(id: UUID, title: String)] {
        try await RiskProfiles(db: req.db, context: req.knooppunt).current(region: region).map { ($0.0.riskID, $0.1.title) }
    }

    func list(req: Request) async throws -> Response {
        let service = try plans(req)
        let region = try region(req, service.user)
        let keeps = req.knooppunt.configuration.role != .national
            && (RiskProfileRules.keep(service.user.subject, region: region, careProfile: false).allowed
                || RiskProfileRules.keep(service.user.subject, region: region, careProfile: true).allowed)
        let page = PlansPage(
            strings: req.strings, csrfToken: req.csrfToken, user: service.user,
            regionName: try await RegionModel.find(region.rawValue, on: req.db)?.name ?? region.rawValue, plans: try await service.list(region: region),
            riskChoices: keeps ? try await risks(req, region) : [], mayKeep: keeps)
        return .html(page.render())
    }

    func show(req: Request) async throws -> Response {
        let service = try plans(req)
        let plan = try await service.show(try req.pathID("plan"))
        let region = RegionCode(plan.region) ?? RegionCode(number: 1)
        let user = service.user
        let now = req.knooppunt.clock.now()
        let planRow = RegionalPlan(region: region, title: plan.title, kind: plan.kind, owner: plan.owner, reviewOn: plan.reviewOn)
        let keeps = req.knooppunt.configuration.role != .national && RiskProfileRules.keep(user.subject, region: region, careProfile: planRow.careProfile).allowed
        // What the reader may attach the plan to: open incidents of the region it may change, open pictures it keeps.
        var incidents: [(id: UUID, label: String)] = []
        var pictures: [(id: UUID, label: String)] = []
        if user.subject.regionCode == region {
            for (incident, version) in try await PictureStore(db: req.db, context: req.knooppunt).currentIncidents(
                exercise: false, region: region, grip: nil, phase: nil, status: .open)
            {
                let id = try incident.requireID()
                let answer = try await AccessService.decide(user.subject, .init(action: .editIncident), incident: id,
                                                            scope: try IncidentAccess.scope(version), at: now, on: req.db)
                if answer.decision.allowed { incidents.append((id, "\(incident.reference) \(try PictureStore.decodeState(version).title)")) }
            }
            if RiskPictureRules.keep(user.subject, region: region).allowed {
                pictures = try await RiskPictureModel.query(on: req.db).filter(\.$region == region.rawValue)
                    .filter(\.$status == RiskPictureStatus.open.rawValue).all().map { (try $0.requireID(), $0.title) }
            }
        }
        let page = PlanPage(strings: req.strings, csrfToken: req.csrfToken, user: user, plan: plan, risks: try await risks(req, region),
                            mayKeep: keeps, incidents: incidents, pictures: pictures)
        return .html(page.render())
    }

    func create(req: Request) async throws -> Response {
        let service = try plans(req)
        guard let region = service.user.subject.regionCode else { throw Problem.forbidden("only a region keeps a plans register") }
        let created = try await service.create(try req.decodeForm(Plans.PlanInput.self), region: region)
        return req.redirect(to: SiteURL.plans(.plan(.value(created.id))).path, redirectType: .normal)
    }

    func change(req: Request) async throws -> Response {
        let id = try req.pathID("plan")
        _ = try await plans(req).update(id, try req.decodeForm(Plans.PlanInput.self))
        return req.redirect(to: SiteURL.plans(.plan(.value(id))).path, redirectType: .normal)
    }

    func attach(req: Request) async throws -> Response {
        let id = try req.pathID("plan")
        let input = try req.decodeForm(Plans.AttachmentInput.self)
        _ = try await plans(req).attach(id, input)
        if let incident = input.incident { return req.redirect(to: SiteURL.incident(.value(incident)).url(anchor: "incident-plans"), redirectType: .normal) }
        if let picture = input.picture { return req.redirect(to: SiteURL.riskPictures(.picture(.value(picture))).path, redirectType: .normal) }
        return req.redirect(to: SiteURL.plans(.plan(.value(id))).path, redirectType: .normal)
    }
}
