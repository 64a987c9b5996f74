import Fluent
import Foundation
import KnooppuntCore
import Vapor

/// The national partner overview page; the same rows and access rule as `GET /api/v1/partners/overview`.
struct PartnerWebController: RouteCollection {
    func boot(routes: RoutesBuilder) throws {
        routes.get(SiteURL.partners.pathComponents, use: overview)
        routes.get(SiteURL.partner(.key).pathComponents, use: partner)
        routes.post(SiteURL.partnerEvaluation(.key, agreement: .key).pathComponents, use: recordEvaluation)
        routes.post(SiteURL.partnerToetsing(.key, agreement: .key, .parts).pathComponents, use: recordPart)
        routes.post(SiteURL.partnerToetsing(.key, agreement: .key, .advice).pathComponents, use: giveAdvice)
        routes.post(SiteURL.partnerStandpoint(.key, agreement: .key).pathComponents, use: takeStandpoint)
        routes.get(SiteURL.monitoring.pathComponents, use: monitoring)
        routes.get(SiteURL.accessReport.pathComponents, use: accessReport)
        routes.post(SiteURL.alertAcknowledgement(.key).pathComponents, use: acknowledge)
        routes.get(SiteURL.map.pathComponents, use: nationalMap)
    }

    /// Every open incident the user may see, on one map coloured by GRIP.
    func nationalMap(req: Request) async throws -> Response {
        guard let user = req.auth.get(CurrentUser.self) else { throw Abort.redirect(to: SiteURL.login.url(query: ["next": SiteURL.map.path])) }
        let found = try await PictureStore(db: req.db, context: req.knooppunt).currentIncidents(
            exercise: false, region: nil, grip: nil, phase: nil, status: .open)
        let incidents = try await AccessService.readable(user.subject, found, at: req.knooppunt.clock.now(), on: req.db)
            .map(IncidentView.init).sorted { ($0.grip.rawValue, $0.reference) > ($1.grip.rawValue, $1.reference) }
        let config = req.knooppunt.configuration
        let page = NationalMapPage(
            strings: req.strings, csrfToken: req.csrfToken, user: user, incidents: incidents,
            leafletAvailable: config.leafletInstalled, tileURL: config.tileURL)
        return .html(page.render())
    }

    func acknowledge(req: Request) async throws -> Response {
        guard let user = req.auth.get(CurrentUser.self) else { throw Abort.redirect(to: SiteURL.login.url(query: ["next": SiteURL.monitoring.path])) }
        guard let id = req.parameters.get("alert").flatMap(UUID.init(uuidString:)) else {
            throw Problem.badRequest("the alert id must be a UUID")
        }
        _ = try await AlertService.acknowledge(id, by: user, context: req.knooppunt, on: req.db)
        return req.redirect(to: SiteURL.monitoring.path, redirectType: .normal)
    }

    func monitoring(req: Request) async throws -> Response {
        guard let user = req.auth.get(CurrentUser.self) else { throw Abort.redirect(to: SiteURL.login.url(query: ["next": SiteURL.monitoring.path])) }
        let renderedAt = try await Journal.lastSequence(on: req.db)
        var items: [MonitoringItem] = []
        var denial: String?
        do {
            items = try await PartnerAccess.monitoringList(user.subject, exercise: false, req: req)
        } catch let problem as Problem where problem.status == .forbidden {
            denial = ErrorPage.message(status: problem.status, detail: problem.detail, field: nil, language: req.strings.language)
        }
        let alerts = user.subject.isPartner ? try await PartnerAccess.alerts(of: user, on: req.db) : []
        let page = MonitoringPage(
            strings: req.strings, csrfToken: req.csrfToken, user: user, items: items, alerts: alerts, denial: denial,
            journalPosition: renderedAt)
        return .html(page.render())
    }

    func accessReport(req: Request) async throws -> Response {
        guard let user = req.auth.get(CurrentUser.self) else { throw Abort.redirect(to: SiteURL.login.url(query: ["next": SiteURL.accessReport.path])) }
        let defaultSince = JournalTime.string(from: req.knooppunt.clock.now().addingTimeInterval(-30 * 86_400)).prefix(10)
        let since = req.query[String.self, at: "since"].flatMap { $0.isEmpty ? nil : $0 } ?? String(defaultSince)
        let lines = try await PartnerAccess.reportLines(for: user, since: since, on: req.db)
        let page = AccessReportPage(strings: req.strings, csrfToken: req.csrfToken, user: user, since: since, lines: lines)
        return .html(page.render())
    }

    func overview(req: Request) async throws -> Response {
        guard let user = req.auth.get(CurrentUser.self) else { throw Abort.redirect(to: SiteURL.login.url(query: ["next": SiteURL.partners.path])) }
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

    /// One partner's registration, with the evaluation form for the adoptieregio.
    func partner(req: Request) async throws -> Response {
        let code = try PartnersController.code(req)
        guard let user = req.auth.get(CurrentUser.self) else {
            throw Abort.redirect(to: SiteURL.login.url(query: ["next": SiteURL.partner(.value(code)).path]))
        }
        let decision = AccessPolicy.decide(user.subject, .readPartner, partner: code)
        guard decision.allowed else { throw Problem.forbidden(decision.reason) }
        guard let entry = try await PartnerStore(db: req.db, context: req.knooppunt).find(code) else {
            throw Problem.notFound("\(code) is not in the partner registry")
        }
        let may = { (action: RegistryAction) in
            AccessPolicy.decide(user.subject, action, partner: code, adoptionRegion: entry.registration.adoptionRegion).allowed
        }
        let page = PartnerPage(
            strings: req.strings, csrfToken: req.csrfToken, user: user, entry: entry, now: req.knooppunt.clock.now(),
            mayEvaluate: may(.recordEvaluation), mayTest: may(.recordToetsing), mayTakeStandpoint: may(.takeStandpoint))
        return .html(page.render())
    }

    struct EvaluationForm: Content {
        var baseVersion: Int
        var outcome: String
        var regionsHeard: [String]?
        var notes: String?
    }

    /// The page's evaluation form: the same rule as `POST /api/v1/partners/{code}/agreements/{n}/evaluations`.
    func recordEvaluation(req: Request) async throws -> Response {
        try await Self.formStep(req, EvaluationForm.self, PartnersController.recordEvaluation) { form in
            guard let outcome = EvaluationOutcome(rawValue: form.outcome) else {
                throw Problem.invalid("unknown outcome '\(form.outcome.prefix(40))'", field: "outcome")
            }
            let regions = try (form.regionsHeard ?? []).prefix(RegionCode.all.count).map { raw in
                guard let region = RegionCode(raw) else { throw Problem.invalid("unknown region '\(raw.prefix(10))'", field: "regionsHeard") }
                return region
            }
            let notes = form.notes?.trimmingCharacters(in: .whitespacesAndNewlines)
            return EvaluationRequest(
                baseVersion: form.baseVersion, date: nil, regionsHeard: regions, outcome: outcome, notes: notes?.isEmpty == true ? nil : notes)
        }
    }

    /// One form on one agreement of the partner page: read as `Form`, turned into the API's body, the same
    /// rule as the API (`PartnersController.step`), back to the partner's page.
    static func formStep<Form: Content, Body>(
        _ req: Request, _ type: Form.Type, _ rule: (String, String, Body, CurrentUser, Request) async throws -> PartnerStore.Entry,
        body: (Form) throws -> Body
    ) async throws -> Response {
        let code = try PartnersController.code(req)
        let user = try IncidentWebController.webUser(req)
        _ = try await rule(code, req.parameters.get("agreement") ?? "", try body(try req.content.decode(type)), user, req)
        return req.redirect(to: SiteURL.partner(.value(code)).path, redirectType: .normal)
    }

    struct PartForm: Content {
        var baseVersion: Int
        var part: String
        var finding: String
    }

    /// The toetser's part form: the same rule as `POST /api/v1/partners/{code}/agreements/{n}/toetsing/parts`.
    func recordPart(req: Request) async throws -> Response {
        try await Self.formStep(req, PartForm.self, PartnersController.recordPart) { form in
            guard let part = TestComponent(rawValue: form.part) else { throw Problem.invalid("unknown part '\(form.part.prefix(40))'", field: "part") }
            return ToetsingPartRequest(baseVersion: form.baseVersion, part: part, date: nil, finding: form.finding)
        }
    }

    struct AdviceForm: Content {
        var baseVersion: Int
        var outcome: String
        var reasons: String
    }

    /// The toetser's advice form: the same rule as `POST …/toetsing/advice`.
    func giveAdvice(req: Request) async throws -> Response {
        try await Self.formStep(req, AdviceForm.self, PartnersController.giveAdvice) { form in
            AdviceRequest(baseVersion: form.baseVersion, outcome: try Self.outcome(form.outcome), reasons: form.reasons)
        }
    }

    struct StandpointForm: Content {
        var baseVersion: Int
        var outcome: String
        var argumentation: String
        var mandate: String
        var retestDate: String?
        var alternativeProfile: String?
        var alternativeConditions: String?
    }

    /// The chair's standpoint form: the same rule as `POST …/standpoint`; the re-test date is a day (yyyy-mm-dd).
    func takeStandpoint(req: Request) async throws -> Response {
        try await Self.formStep(req, StandpointForm.self, PartnersController.takeStandpoint) { form in
            let retest = try form.retestDate.flatMap { raw -> Date? in
                let day = raw.trimmingCharacters(in: .whitespaces)
                guard !day.isEmpty else { return nil }
                guard day.count == 10, let date = ISO8601DateFormatter().date(from: day + "T00:00:00Z") else {
                    var problem = Problem.invalid("the re-test date is a day: yyyy-mm-dd", field: "retestDate")
                    problem.dutch = "De hertoetsdatum is een dag (jjjj-mm-dd)."
                    throw problem
                }
                return date
            }
            var alternative: AlternativeTerms?
            if let raw = form.alternativeProfile, !raw.isEmpty {
                guard let profile = CollaborationProfile(rawValue: raw) else {
                    throw Problem.invalid("unknown profile '\(raw.prefix(40))'", field: "alternative.profile")
                }
                alternative = AlternativeTerms(profile: profile, conditions: form.alternativeConditions ?? "")
            }
            return StandpointRequest(
                baseVersion: form.baseVersion, outcome: try Self.outcome(form.outcome), argumentation: form.argumentation,
                mandate: form.mandate, retestDate: retest, alternative: alternative)
        }
    }

    private static func outcome(_ raw: String) throws -> TestOutcome {
        guard let outcome = TestOutcome(rawValue: raw) else { throw Problem.invalid("unknown outcome '\(raw.prefix(40))'", field: "outcome") }
        return outcome
    }
}
