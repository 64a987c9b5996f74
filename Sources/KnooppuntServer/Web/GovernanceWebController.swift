import Fluent
import Foundation
import KnooppuntCore
import Vapor

/// The forms of decision 0021 — a region's or the national phase, an incident's IRBT — and what the
/// home, incident and national pages show of them. The forms decode the API's input types and call the
/// same services.
struct GovernanceWebController: RouteCollection {
    func boot(routes: RoutesBuilder) throws {
        routes.post(SiteURL.regionPhase(.key).pathComponents, use: setRegionPhase)
        routes.post(SiteURL.national(.phase).pathComponents, use: setNationalPhase)
        routes.post(SiteURL.incident(.key, .irbt).pathComponents, use: formIRBT)
        routes.post(SiteURL.incident(.key, .irbtCoordinator).pathComponents, use: setCoordinator)
        routes.post(SiteURL.incident(.key, .irbtDecisions).pathComponents, use: recordDecision)
        routes.post(SiteURL.incident(.key, .irbtAlignments).pathComponents, use: recordAlignment)
    }

    func setRegionPhase(req: Request) async throws -> Response {
        let user = try IncidentWebController.webUser(req)
        _ = try await RegionPhases.set(
            try RegionPhaseController.scope(req), try req.decodeForm(RegionPhases.PhaseInput.self), by: user, context: req.knooppunt,
            on: req.db)
        return req.redirect(to: SiteURL.home.url(anchor: "region-phase"), redirectType: .normal)
    }

    func setNationalPhase(req: Request) async throws -> Response {
        let user = try IncidentWebController.webUser(req)
        _ = try await RegionPhases.set(
            .national, try req.decodeForm(RegionPhases.PhaseInput.self), by: user, context: req.knooppunt, on: req.db)
        return req.redirect(to: SiteURL.national().url(anchor: "national-phase"), redirectType: .normal)
    }

    private func irbt(_ req: Request, _ run: (IncidentCommands, UUID) async throws -> Void) async throws -> Response {
        _ = try IncidentWebController.webUser(req)
        let id = try IncidentRequest.incidentID(req)
        try await run(try IncidentCommands(req), id)
        return req.redirect(to: SiteURL.incident(.value(id)).url(anchor: "irbt"), redirectType: .normal)
    }

    /// The page's form sends only its CSRF token: the lead region's voorzitter coordinates.
    func formIRBT(req: Request) async throws -> Response {
        try await irbt(req) { commands, id in _ = try await commands.formIRBT(id, try req.decodeForm(IncidentCommands.IRBTFormInput.self)) }
    }

    func setCoordinator(req: Request) async throws -> Response {
        try await irbt(req) { commands, id in
            _ = try await commands.setIRBTCoordinator(id, try req.decodeForm(IncidentCommands.IRBTCoordinatorInput.self))
        }
    }

    func recordDecision(req: Request) async throws -> Response {
        try await irbt(req) { commands, id in
            _ = try await commands.recordIRBTDecision(id, try req.decodeForm(IncidentCommands.IRBTDecisionInput.self))
        }
    }

    func recordAlignment(req: Request) async throws -> Response {
        try await irbt(req) { commands, id in
            _ = try await commands.recordIRBTAlignment(id, try req.decodeForm(IncidentCommands.IRBTAlignmentInput.self))
        }
    }

    // MARK: What the pages show

    /// The user's own region's phase (with its form and hint), for the home page.
    static func ownRegionPanel(_ user: CurrentUser, context: KnooppuntContext, csrfToken: String, language: KnooppuntCore.Language,
                               on db: Database) async throws -> RegionPhasePanel? {
        guard RegionPhaseRules.read(user.subject).allowed, let region = user.subject.regionCode,
              user.organisationKind == .region else { return nil }
        let phase = try await RegionPhases.view(.region(region), on: db)
        let maySet = RegionPhaseRules.set(user.subject, .region(region)).allowed
        let hint = maySet ? RegionPhaseRules.hint(phase.phase, highestOpenGRIP: try await highestOpenGRIP(region, context: context, on: db)) : nil
        return RegionPhasePanel(phase: phase, formAction: maySet ? SiteURL.regionPhase(.value(region.rawValue)).path : nil, csrfToken: csrfToken, hint: hint,
                                language: language)
    }

    /// The national phase, for the national node's staff.
    static func nationalPanel(_ user: CurrentUser, context: KnooppuntContext, csrfToken: String, language: KnooppuntCore.Language,
                              on db: Database) async throws -> RegionPhasePanel? {
        guard RegionPhaseRules.read(user.subject).allowed, user.organisationKind == .nationalNode else { return nil }
        if case .region = context.configuration.role { return nil }
        let maySet = RegionPhaseRules.set(user.subject, .national).allowed
        return RegionPhasePanel(phase: try await RegionPhases.view(.national, on: db), formAction: maySet ? SiteURL.national(.phase).path : nil,
                                csrfToken: csrfToken, language: language)
    }

    /// The highest GRIP level of the region's open real incidents, nil when it has none.
    static func highestOpenGRIP(_ region: RegionCode, context: KnooppuntContext, on db: Database) async throws -> GRIPLevel? {
        try await PictureStore(db: db, context: context).currentIncidents(exercise: false, region: region, grip: nil, phase: nil, status: .open)
            .compactMap { GRIPLevel(rawValue: $0.1.grip) }.max()
    }

    /// The incident page's lead-region phase (for readers of phases), its hint (for the lead region's
    /// staff) and the IRBT panel (for readers of the IRBT) — for the live picture only.
    static func incidentPanels(_ target: AuthorisedIncident, incident: IncidentView, user: CurrentUser, csrfToken: String,
                               language: KnooppuntCore.Language, on db: Database)
        async throws -> (phase: RegionPhases.PhaseDTO?, hint: LocalizedLabel?, irbt: IRBTPanel?)
    {
        var phase: RegionPhases.PhaseDTO?
        var hint: LocalizedLabel?
        if RegionPhaseRules.read(user.subject).allowed {
            let lead = try await RegionPhases.view(.region(incident.leadRegion), on: db)
            phase = lead
            // An exercise never asks about the real region's phase.
            if RegionPhaseRules.set(user.subject, .region(incident.leadRegion)).allowed, incident.status == .open, !incident.exercise {
                hint = RegionPhaseRules.hint(lead.phase, highestOpenGRIP: incident.grip)
            }
        }
        var panel: IRBTPanel?
        if IRBTRules.read(user.subject, target.scope).allowed {
            let view = try await IRBTStore.view(target, on: db)
            panel = IRBTPanel(
                irbt: view, incident: incident.id, involvedRegions: incident.involvedRegions,
                regionNames: try await IRBTStore.regionNames(on: db),
                mayForm: IRBTRules.write(user.subject, target.scope, forming: true).allowed,
                mayRecord: IRBTRules.write(user.subject, target.scope, forming: false).allowed, csrfToken: csrfToken, language: language)
        }
        return (phase, hint, panel)
    }
}
