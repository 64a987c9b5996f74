import Fluent
import Foundation
import KnooppuntCore
import Vapor

/// The SitRap pages: list and issue, one report, the schedule, and the liaison's partner-SitRap intake.
struct SitRapWebController: RouteCollection {
    func boot(routes: RoutesBuilder) throws {
        routes.get(SiteURL.incident(.key, .sitraps).pathComponents, use: list)
        routes.post(SiteURL.incident(.key, .sitraps).pathComponents, use: issue)
        routes.get(SiteURL.incident(.key, .sitrap(.key)).pathComponents, use: show)
        routes.post(SiteURL.incident(.key, .sitrapSchedule).pathComponents, use: schedule)
        routes.post(SiteURL.incident(.key, .partnerSitraps).pathComponents, use: partnerSitRap)
    }

    func list(req: Request) async throws -> Response {
        _ = try IncidentWebController.webUser(req)
        let (incident, version, user) = try await IncidentAccess.authorised(req, .read)
        let id = try incident.requireID()
        let scope = try IncidentAccess.scope(version)
        let now = req.knooppunt.clock.now()
        let facts = try await AccessService.Facts.load(user.subject, incident: id, scope: scope, on: req.db)
        let sitraps = try await SitRapModel.query(on: req.db).filter(\.$incidentID == id).sort(\.$number).all()
            .filter { facts.decide(.init(action: .read, classification: SitRapController.classification($0), wholePicture: true), at: now).decision.allowed }
            .map(SitRapSummaryDTO.init)
        // Issuers by name: a person reads names, not usernames (issue 16 point 8).
        let names = try await PeopleNames.load(
            usernames: sitraps.map { $0.issuedBy.replacingOccurrences(of: " (schema)", with: "") }, organisations: [], on: req.db)
        let readable = sitraps.map { sitrap -> SitRapSummaryDTO in
            var sitrap = sitrap
            sitrap.issuedBy = names.person(sitrap.issuedBy.replacingOccurrences(of: " (schema)", with: "")) ?? sitrap.issuedBy
            return sitrap
        }
        let mayIssue = facts.decide(.init(action: .addEntry, theme: .algemeen), at: now).decision.allowed
        let schedule = try await SitRapScheduleModel.query(on: req.db).filter(\.$incidentID == id).first().map(SitRapScheduleDTO.init)
        let choices = try await IncidentWebController.onBehalfChoices(facts, incident: id, at: now, on: req.db)
        var page = SitRapListPage(
            strings: req.strings, csrfToken: req.csrfToken, user: user, incident: try IncidentView(incident, version), sitraps: readable,
            mayIssue: mayIssue, schedule: schedule, intakeChoices: choices)
        page.readsWholePicture = facts.readScope(at: now).isWhole
        return .html(page.render())
    }

    struct IssueForm: Content {
        var at: String?
        var unverified: String?
        var ceiling: String?
        var summary: String?
    }

    func issue(req: Request) async throws -> Response {
        _ = try IncidentWebController.webUser(req)
        let (incident, _, user) = try await IncidentAccess.authorised(req, .read)
        let form = try req.content.decode(IssueForm.self)
        let moment = try Self.optionalDate(form.at, field: "at")
        let model = try await SitRapService(db: req.db, context: req.knooppunt).issue(
            for: try incident.requireID(),
            .init(moment: moment, unverified: form.unverified.flatMap(UnverifiedHandling.init(rawValue:)) ?? .leaveOut,
                  ceiling: form.ceiling.flatMap(Classification.init(rawValue:)) ?? .internal, summary: form.summary),
            by: user.subject)
        return req.redirect(to: SiteURL.incident(.value(model.incidentID), .sitrap(.value(model.number))).path, redirectType: .normal)
    }

    func show(req: Request) async throws -> Response {
        _ = try IncidentWebController.webUser(req)
        let (model, user) = try await SitRapController.readable(req)
        let document = try await SitRapDocument.local(model, language: req.uiLanguage, on: req.db)
        let page = SitRapPage(strings: req.strings, csrfToken: req.csrfToken, user: user, incidentID: model.incidentID, document: document)
        return .html(page.render())
    }

    struct ScheduleForm: Content {
        var intervalMinutes: Int?
        var action: String
    }

    func schedule(req: Request) async throws -> Response {
        _ = try IncidentWebController.webUser(req)
        let (incident, version, user) = try await IncidentAccess.authorised(req, .read)
        let form = try req.content.decode(ScheduleForm.self)
        let id = try incident.requireID()
        if form.action == "stop" {
            try await SitRapController.stopSchedule(incident: id, version: version, by: user, on: req)
        } else {
            guard let minutes = form.intervalMinutes else { throw Problem.invalid("give the interval in minutes", field: "intervalMinutes") }
            _ = try await SitRapController.setSchedule(incident: id, version: version, intervalMinutes: minutes, unverified: .leaveOut, by: user, on: req)
        }
        return req.redirect(to: SiteURL.incident(.value(id), .sitraps).path, redirectType: .normal)
    }

    func partnerSitRap(req: Request) async throws -> Response {
        _ = try IncidentWebController.webUser(req)
        let id = try IncidentRequest.incidentID(req)
        _ = try await IncidentCommands(req).enterPartnerSitRap(in: id, try req.decodeForm(PartnerSitRapInput.self))
        return req.redirect(to: SiteURL.incident(.value(id)).path, redirectType: .normal)
    }

    /// A form's optional date-time field: empty means none, anything else must be RFC 3339.
    static func optionalDate(_ text: String?, field: String) throws -> Date? {
        guard let trimmed = text?.trimmingCharacters(in: .whitespaces), !trimmed.isEmpty else { return nil }
        guard let date = RFC3339.parse(trimmed) else { throw Problem.invalid("'\(trimmed)' is not an RFC 3339 date-time", field: field) }
        return date
    }
}
