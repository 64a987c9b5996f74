import Fluent
import Foundation
import KnooppuntCore
import Vapor

/// "Wat kan volgen" on an incident (decision 0032): the page, and its forms that turn a step into an entry
/// or alert the partner concerned; they call the same use cases as the API.
struct WhatFollowsWebController: RouteCollection {
    func boot(routes: RoutesBuilder) throws {
        routes.get(SiteURL.incident(.key, .whatFollows).pathComponents, use: show)
        routes.post(SiteURL.incident(.key, .whatFollowsEntry).pathComponents, use: entry)
        routes.post(SiteURL.incident(.key, .whatFollowsAlert).pathComponents, use: alert)
        routes.post(SiteURL.incident(.key, .whatFollowsRegions).pathComponents, use: involve)
        routes.post(SiteURL.incident(.key, .whatFollowsShare).pathComponents, use: share)
    }

    private func service(_ req: Request, _ user: CurrentUser) -> IncidentCascades {
        IncidentCascades(db: req.db, context: req.knooppunt, user: user, language: req.uiLanguage)
    }

    /// The failing nodes the page was computed from, as the query gives them (`uitval[]=…`).
    private static func failing(_ req: Request) throws -> [String]? {
        guard let keys = try? req.query[[String].self, at: "uitval"] else { return nil }
        guard keys.count <= 100 else { throw Problem.invalid("at most 100 failing nodes", field: "uitval") }
        for key in keys where !key.isEmpty && !DependencyRules.isKey(key) {
            throw Problem.invalid("'\(key.prefix(80))' is not a node key", field: "uitval")
        }
        return keys
    }

    func show(req: Request) async throws -> Response {
        let user = try IncidentWebController.webUser(req)
        let (incident, version, _) = try await IncidentAccess.authorised(req, .read)
        let id = try incident.requireID()
        let state = try PictureStore.decodeState(version)
        let result = try await service(req, user).compute(id, failing: try Self.failing(req))
        let now = req.knooppunt.clock.now()
        let scope = try IncidentAccess.scope(version)
        let facts = try await AccessService.Facts.load(user.subject, incident: id, scope: scope, on: req.db)
        let open = scope.status == .open
        let mayAct = open && facts.decide(.init(action: .editIncident), at: now).decision.allowed
        let mayAddEntry = open && facts.decide(.init(action: .addEntry, theme: .algemeen), at: now).decision.allowed
        var done: (kind: String, name: String)?
        if req.query[String.self, at: "gedaan"] == "gedeeld" { done = ("shared", "") }
        if let kind = req.query[String.self, at: "gedaan"], ["entry", "alert"].contains(kind), let node = req.query[String.self, at: "node"],
           let step = result.cascade.waves.flatMap(\.steps).first(where: { $0.node.key == node }) {
            done = (kind, kind == "alert" ? "\(step.node.ownerName ?? step.node.owner ?? "") (\(step.node.name))" : step.node.name)
        }
        let config = req.knooppunt.configuration
        let hasNationalNode = !(try await NationalSharing.nationalPeers(req.knooppunt, on: req.db)).isEmpty
        let mayShare = mayAct && !incident.exercise && hasNationalNode && result.cascade.crossesRegions
            && state.leadRegion == user.subject.regionCode
        let page = WhatFollowsPage(
            strings: req.strings, csrfToken: req.csrfToken, user: user, incident: (id, incident.reference, state.title), result: result,
            mayAct: mayAct && !incident.exercise, mayAddEntry: mayAddEntry, leafletAvailable: config.leafletInstalled, tileURL: config.tileURL,
            done: done, involvedRegions: state.involvedRegions.map(\.rawValue), mayShare: mayShare)
        return .html(page.render())
    }

    /// Wat kan volgen of an incident, computed from `failing` (node keys; none: the incident's area), with what
    /// was just done and where on the page to land.
    static func path(_ id: UUID, failing: [String]?, adding extra: [String] = [], anchor: String? = nil) -> String {
        let query = (failing ?? []).map { "uitval[]=\($0)" } + extra
        return SiteURL.incident(.value(id), .whatFollows).path + (query.isEmpty ? "" : "?" + query.joined(separator: "&"))
            + (anchor.map { "#" + $0 } ?? "")
    }

    private func back(_ req: Request, _ id: UUID, failing: [String]?, done: String, node: String) -> Response {
        req.redirect(to: Self.path(id, failing: failing, adding: ["gedaan=\(done)", "node=\(node)"], anchor: "step-\(node)"), redirectType: .normal)
    }

    struct InvolveForm: StrictDecodable {
        var regions: [RegionCode]
        var failing: [String]?
        enum CodingKeys: String, CodingKey, CaseIterable { case regions, failing }
    }

    /// Involves the regions the cascade reaches in the incident (an incident change, as the page's edit form
    /// makes it), so that GRIP 5 can be proposed; back to Wat kan volgen.
    func involve(req: Request) async throws -> Response {
        _ = try IncidentWebController.webUser(req)
        let id = try IncidentRequest.incidentID(req)
        let form = try req.decodeForm(InvolveForm.self)
        let (_, version, _) = try await IncidentAccess.authorised(req, .editIncident)
        let state = try PictureStore.decodeState(version)
        let involved = state.involvedRegions + form.regions.filter { !state.involvedRegions.contains($0) }
        _ = try await IncidentCommands(req).update(id, UpdateIncidentInput(baseVersion: version.version, involvedRegions: involved), proposeInstead: true)
        return req.redirect(to: Self.path(id, failing: form.failing, anchor: "what-follows-regions"), redirectType: .normal)
    }

    /// Shares the cascade with the national node; back to Wat kan volgen, which says so.
    func share(req: Request) async throws -> Response {
        let user = try IncidentWebController.webUser(req)
        let id = try IncidentRequest.incidentID(req)
        let form = try req.decodeForm(CascadeSharingController.ShareInput.self)
        _ = try await CascadeSharing.share(id, failing: form.failing, by: user, language: req.uiLanguage, context: req.knooppunt, on: req.db)
        return req.redirect(to: Self.path(id, failing: form.failing, adding: ["gedaan=gedeeld"]), redirectType: .normal)
    }

    func entry(req: Request) async throws -> Response {
        let user = try IncidentWebController.webUser(req)
        let id = try IncidentRequest.incidentID(req)
        let input = try req.decodeForm(IncidentCascades.EntryInput.self)
        _ = try await service(req, user).entry(id, input, commands: IncidentCommands(req))
        return back(req, id, failing: input.failing, done: "entry", node: input.node)
    }

    func alert(req: Request) async throws -> Response {
        let user = try IncidentWebController.webUser(req)
        let id = try IncidentRequest.incidentID(req)
        let input = try req.decodeForm(IncidentCascades.AlertInput.self)
        _ = try await service(req, user).alert(id, input)
        return back(req, id, failing: input.failing, done: "alert", node: input.node)
    }
}
