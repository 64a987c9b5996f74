import Fluent
import Foundation
import KnooppuntCore
import KnooppuntInterop
import Vapor

/// Who may see an incident beyond its regions: partner links under their collaboration profile,
/// standby admissions, disconnections, break-glass openings, the standby monitoring list and the
/// accountability report. Every change is journaled on the incident.
struct AccessController: RouteCollection {
    func boot(routes: RoutesBuilder) throws {
        let access = routes.grouped("incidents", ":incident", "access")
        access.get(use: list)
        access.post(use: link)
        access.patch(":grant", use: change)
        access.post(":grant", "revocation", use: revoke)
        routes.post("incidents", ":incident", "break-glass", use: breakGlass)
        routes.post("incidents", ":incident", "temporary-accounts", use: temporaryAccount)
        routes.get("monitoring", use: monitoring)
        routes.get("monitoring", "stream", use: monitoringStream)
        routes.get("reports", "access", use: report)
        routes.get("alerts", use: alerts)
        routes.post("alerts", ":alert", "acknowledgement", use: acknowledge)
        routes.get("incidents", ":incident", "alerts", use: incidentAlerts)
    }

    /// The grants of an incident: all of them for the regions and the national node, a partner's own
    /// for a partner.
    func list(req: Request) async throws -> [AccessGrantDTO] {
        let (incident, _, user) = try await IncidentAccess.authorised(req, .read)
        let grants = try await GrantStore(db: req.db, context: req.knooppunt).grants(of: try incident.requireID())
        return try grants.filter { !user.subject.isPartner || $0.organisationCode == user.organisationCode }
            .map(AccessGrantDTO.init)
    }

    func link(req: Request) async throws -> Response {
        let (incident, version, user) = try await IncidentAccess.authorised(req, .manageAccess)
        let body = try req.decodeStrict(LinkRequest.self)
        let id = try incident.requireID()
        let new = try await Self.newLink(body, scope: try IncidentAccess.scope(version), on: req.db)
        let model = try await GrantStore(db: req.db, context: req.knooppunt).create(
            new, incident: id, by: user.author, kind: "access.granted")
        let response = try await AccessGrantDTO(model).encodeResponse(status: .created, for: req)
        response.headers.replaceOrAdd(name: .location, value: "/api/v1/incidents/\(id)/access/\(try model.requireID())")
        return response
    }

    /// A link under the profile of the partner's agreement in effect with the incident's regions.
    static func newLink(_ body: LinkRequest, scope: IncidentScope, on db: Database) async throws -> GrantStore.NewGrant {
        let code = body.organisation.uppercased()
        guard let model = try await PartnerRegistrationModel.query(on: db).filter(\.$organisationCode == code).first() else {
            throw Problem.invalid(
                "\(code) is not in the partner registry; the chair can break the glass, or an administrator issue a temporary account",
                field: "organisation")
        }
        guard let agreement = try model.registration().agreement(for: scope.involvedRegions, lead: scope.leadRegion) else {
            let regions = scope.involvedRegions.map(\.description).sorted().joined(separator: ", ")
            throw Problem.invalid(
                "\(code) has no agreement in effect (uitvoering, or tested) with \(regions); link it after the agreement is made, or break the glass",
                field: "organisation")
        }
        return GrantStore.NewGrant(
            organisation: code, kind: .link(agreement.profile), purpose: body.purpose, until: body.until,
            status: body.status ?? agreement.defaultStatus, maxClassification: body.maxClassification)
    }

    func change(req: Request) async throws -> AccessGrantDTO {
        let (incident, _, user) = try await IncidentAccess.authorised(req, .manageAccess)
        let body = try req.decodeStrict(GrantChangeRequest.self)
        guard body.status != nil || body.until != nil else {
            throw Problem.invalid("give 'status' (monitoring or active) or 'until', or both")
        }
        let model = try await GrantStore(db: req.db, context: req.knooppunt).change(
            try Self.grantID(req), incident: try incident.requireID(), status: body.status, until: body.until, by: user.author)
        return try AccessGrantDTO(model)
    }

    /// Ontkoppelen: the grant ends now. The IM ends links; the chair ends what the chair opened.
    func revoke(req: Request) async throws -> AccessGrantDTO {
        let (incident, version, user) = try await IncidentAccess.authorised(req, .read)
        return try AccessGrantDTO(try await Self.revoke(try Self.grantID(req), of: incident, version, by: user, on: req))
    }

    static func revoke(_ grantID: UUID, of incident: IncidentModel, _ version: IncidentVersionModel, by user: CurrentUser, on req: Request)
        async throws -> AccessGrantModel
    {
        let id = try incident.requireID()
        let isBreakGlass = try await AccessGrantModel.find(grantID, on: req.db)?.kind == "break-glass"
        let scope = try IncidentAccess.scope(version)
        let manage = try await AccessService.decide(
            user.subject, .init(action: .manageAccess), incident: id, scope: scope, at: req.knooppunt.clock.now(), on: req.db)
        if !manage.decision.allowed {
            guard isBreakGlass else { throw Problem.forbidden(manage.decision.reason) }
            try await IncidentAccess.require(req, user, .init(action: .breakGlass), incident: id, scope: scope)
        }
        return try await GrantStore(db: req.db, context: req.knooppunt).revoke(grantID, incident: id, by: user.author)
    }

    func breakGlass(req: Request) async throws -> Response {
        let (incident, _, user) = try await IncidentAccess.authorised(req, .breakGlass)
        let body = try req.decodeStrict(BreakGlassRequest.self)
        let id = try incident.requireID()
        let model = try await Self.breakGlass(body, incident: id, by: user, on: req)
        let response = try await AccessGrantDTO(model).encodeResponse(status: .created, for: req)
        response.headers.replaceOrAdd(name: .location, value: "/api/v1/incidents/\(id)/access/\(try model.requireID())")
        return response
    }

    /// Opens the incident to a named organisation; the caller has checked the chair's right.
    static func breakGlass(_ body: BreakGlassRequest, incident id: UUID, by user: CurrentUser, on req: Request) async throws
        -> AccessGrantModel
    {
        let code = body.organisation.uppercased()
        guard let organisation = try await OrganisationModel.query(on: req.db).filter(\.$code == code).first() else {
            throw Problem.invalid("no organisation with code \(code)", field: "organisation")
        }
        guard organisation.kind != OrganisationKind.region.rawValue else {
            throw Problem.invalid("regions join an incident by being involved in it, not by breaking the glass", field: "organisation")
        }
        try GrantStore.checkBreakGlass(until: body.until, now: req.knooppunt.clock.now())
        return try await GrantStore(db: req.db, context: req.knooppunt).create(
            .init(organisation: code, kind: .breakGlass, purpose: body.reason, until: body.until, status: .active,
                  maxClassification: body.maxClassification),
            incident: id, by: user.author, kind: "access.break-glass", purposeField: "reason")
    }

    /// An administrator issues an ad-hoc partner a temporary account bound to this incident and an end
    /// time; the password is shown once, in the response.
    func temporaryAccount(req: Request) async throws -> Response {
        let user = try req.requireUserExplaining()
        guard let id = req.parameters.get("incident").flatMap(UUID.init(uuidString:)) else {
            throw Problem.badRequest("the incident id must be a UUID")
        }
        let body = try req.decodeStrict(TemporaryAccountRequest.self)
        return try await Self.issueTemporaryAccount(body, incident: id, by: user, on: req).encodeResponse(status: .created, for: req)
    }

    static func issueTemporaryAccount(_ body: TemporaryAccountRequest, incident id: UUID, by user: CurrentUser, on req: Request)
        async throws -> TemporaryAccountDTO
    {
        _ = try await IncidentAccess.incident(id, on: req.db)
        let scope = try IncidentAccess.scope(try await PictureStore.currentIncidentVersion(id, on: req.db))
        let now = req.knooppunt.clock.now()
        let issue = try await AccessService.decide(user.subject, .init(action: .issueTemporaryAccount), incident: id, scope: scope, at: now, on: req.db)
        guard issue.decision.allowed else {
            // Like every incident endpoint: an incident the caller may neither read nor knows of is not there.
            let read = try await AccessService.decide(user.subject, .init(action: .read), incident: id, scope: scope, at: now, on: req.db)
            if read.decision.allowed { throw Problem.forbidden(issue.decision.reason) }
            throw try await IncidentAccess.refusal(user.subject, incident: id, scope: scope, reason: issue.decision.reason, on: req.db, at: now)
        }
        guard body.until <= now.addingTimeInterval(GrantStore.temporaryAccountLimit) else {
            throw Problem.invalid("a temporary account lasts at most 30 days", field: "until")
        }
        let code = body.organisation.uppercased()
        if let existing = try await OrganisationModel.query(on: req.db).filter(\.$code == code).first(),
            existing.kind == OrganisationKind.region.rawValue || existing.kind == OrganisationKind.nationalNode.rawValue
        {
            throw Problem.invalid("temporary accounts are for ad-hoc partners, not for \(code)", field: "organisation")
        }
        let grant = GrantStore.NewGrant(
            organisation: code, kind: .temporaryAccount(username: body.username.lowercased()), purpose: body.purpose,
            until: body.until, status: .active, maxClassification: nil)
        try GrantStore.check(grant, now: now)
        let password = Tokens.randomPassword()
        let author = user.author
        let box = GrantBox()
        let account = try await AccountService(request: req).createUser(
            username: body.username, displayName: body.displayName, organisationCode: code, role: .partnerUser,
            password: password, validUntil: body.until, newOrganisationName: body.organisationName, actor: .init(user)
        ) { db, _ in
            box.model = try await GrantStore.insert(grant, incident: id, by: author, kind: "access.temporary-account", now: now, on: db)
        }
        guard let model = box.model else { throw Problem(status: .internalServerError, detail: "the grant was not stored") }
        return TemporaryAccountDTO(
            username: account.username, displayName: account.displayName, organisation: code, validUntil: body.until,
            password: password, grant: try AccessGrantDTO(model))
    }

    /// Carries the grant made inside the account's transaction out of it.
    final class GrantBox: @unchecked Sendable {
        var model: AccessGrantModel?
    }

    /// A standby partner's monitoring list: the incidents in its regions relevant to its core tasks (its
    /// alert rules' categories, when it has rules), with title, category, area and GRIP only, and whether
    /// it is linked. Linked partners see the incidents they are linked to.
    func monitoring(req: Request) async throws -> [MonitoringItemDTO] {
        let user = try req.requireUserExplaining()
        let exercise = try IncidentRequest.flag(req, "exercise") ?? false
        return try await Self.monitoringList(user.subject, exercise: exercise, req: req)
    }

    /// Live notice that a monitored incident changed (no content: the page fetches the list again).
    func monitoringStream(req: Request) async throws -> Response {
        let user = try req.requireUserExplaining()
        let exercise = try IncidentRequest.flag(req, "exercise") ?? false
        let clock = req.knooppunt.clock
        return LiveSelection(
            subject: user.subject, scope: .monitoring(exercise: exercise), credential: user.tokenID, now: { clock.now() }
        ).response(for: req)
    }

    static func monitoringList(_ subject: Subject, exercise: Bool, req: Request) async throws -> [MonitoringItemDTO] {
        let store = PictureStore(db: req.db, context: req.knooppunt)
        let now = req.knooppunt.clock.now()
        let registration = try await PartnerRegistrationModel.query(on: req.db)
            .filter(\.$organisationCode == subject.organisationCode).first()?.registration()
        var items: [MonitoringItemDTO] = []
        var denial: String?
        for (incident, version) in try await store.currentIncidents(
            exercise: exercise, region: nil, grip: nil, phase: nil, status: nil)
        {
            let id = try incident.requireID()
            let scope = try IncidentAccess.scope(version)
            guard scope.status != .archived else { continue }
            let facts = try await AccessService.Facts.load(subject, incident: id, scope: scope, monitoring: true, on: req.db)
            let answer = facts.decide(.init(action: .monitor), at: now)
            guard answer.decision.allowed else {
                denial = denial ?? answer.decision.reason
                continue
            }
            let grants = subject.isPartner ? facts.grants : []
            // Standby partners see what is relevant to their core tasks; incidents they are linked to always.
            if grants.isEmpty, let registration, !registration.isRelevant(try PictureStore.decodeState(version)) {
                continue
            }
            let read = facts.decide(.init(action: .read), at: now)
            let grant = grants.filter { $0.isActive(at: now) }.max { $0.maxClassification < $1.maxClassification }
            items.append(try MonitoringItemDTO(incident, version, grant: grant, mayRead: read.decision.allowed))
        }
        // A subject without any monitoring right learns why, instead of an empty list that looks calm.
        if items.isEmpty, subject.isPartner, let denial, denial.hasPrefix("only standby") {
            throw Problem.forbidden(denial)
        }
        return items
    }

    /// Grants, changes, revocations and break-glass openings since a moment, for accountability.
    func report(req: Request) async throws -> Response {
        let user = try req.requireUserExplaining()
        guard let text = req.query[String.self, at: "since"] else {
            throw Problem.invalid("query 'since' is required: a date (2026-11-01) or a moment (ISO 8601)", field: "since")
        }
        let lines = try await Self.reportLines(for: user, since: text, on: req.db)
        if req.query[String.self, at: "format"] == "csv" {
            var headers = HTTPHeaders()
            headers.contentType = HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"])
            return Response(status: .ok, headers: headers, body: .init(string: AccessReport.csv(lines)))
        }
        return try await lines.encodeResponse(for: req)
    }

    /// A partner's own alerts, newest first, with what each incident is (title, category, GRIP, regions).
    func alerts(req: Request) async throws -> [PartnerAlertDTO] {
        let user = try req.requireUserExplaining()
        return try await Self.alerts(of: user, on: req.db)
    }

    static func alerts(of user: CurrentUser, on db: Database) async throws -> [PartnerAlertDTO] {
        guard user.subject.isPartner else {
            throw Problem.forbidden("alerts are listed for the partner they are for; a region sees them on the incident")
        }
        var result: [PartnerAlertDTO] = []
        for alert in try await PartnerAlertModel.query(on: db).filter(\.$organisationCode == user.organisationCode)
            .sort(\.$raisedAt, .descending).all()
        {
            guard let incident = try await IncidentModel.find(alert.incidentID, on: db) else { continue }
            let version = try await PictureStore.currentIncidentVersion(alert.incidentID, on: db)
            result.append(try PartnerAlertDTO(alert, incident: try IncidentDTO(incident, version)))
        }
        return result
    }

    func acknowledge(req: Request) async throws -> PartnerAlertDTO {
        let user = try req.requireUserExplaining()
        guard let id = req.parameters.get("alert").flatMap(UUID.init(uuidString:)) else {
            throw Problem.badRequest("the alert id in the path is not a UUID")
        }
        return try PartnerAlertDTO(try await AlertService.acknowledge(id, by: user, context: req.knooppunt, on: req.db))
    }

    /// The alerts of an incident: all for the regions and the national node, a partner's own for a partner.
    func incidentAlerts(req: Request) async throws -> [PartnerAlertDTO] {
        let (incident, _, user) = try await IncidentAccess.authorised(req, .read)
        return try await PartnerAlertModel.query(on: req.db).filter(\.$incidentID == incident.requireID()).sort(\.$raisedAt).sort(\.$organisationCode).all()
            .filter { !user.subject.isPartner || $0.organisationCode == user.organisationCode }
            .map { try PartnerAlertDTO($0) }
    }

    /// Who may read the access report: administrators and the national node all of it, a region's chair
    /// what the region's people did.
    static func mayReadReport(_ user: CurrentUser) -> Bool {
        user.role.isAdministrator || user.role == .voorzitter || user.subject.organisationKind == .nationalNode
    }

    static func reportLines(for user: CurrentUser, since text: String, on db: Database) async throws -> [AccessReport.Line] {
        guard mayReadReport(user) else {
            throw Problem.forbidden("the access report is for administrators, chairs and the national node")
        }
        guard let since = AccessReport.parseSince(text) else {
            throw Problem.invalid("'since' must be a date (2026-11-01) or a moment (ISO 8601), not '\(text)'", field: "since")
        }
        let lines = try await AccessReport.lines(since: since, on: db)
        if !user.role.isAdministrator, user.subject.organisationKind == .region, let region = user.regionCode {
            // The chair answers for what the region's people did and for every access to the region's
            // incidents — a partner's read of confidential information there included.
            let incidents = Set(try await IncidentVersionModel.query(on: db).filter(\.$regions ~~ ",\(region.description),")
                .all(\.$incidentID))
            return lines.filter { line in
                line.actorOrganisation == region.description || line.incident.map(incidents.contains) == true
            }
        }
        return lines
    }

    static func grantID(_ req: Request) throws -> UUID {
        guard let text = req.parameters.get("grant"), let id = UUID(uuidString: text) else {
            throw Problem.badRequest("the grant id in the path is not a UUID")
        }
        return id
    }
}

struct LinkRequest: StrictDecodable {
    var organisation: String
    var purpose: String
    var until: Date
    var status: PartnerStatus?
    var maxClassification: Classification?
    enum CodingKeys: String, CodingKey, CaseIterable { case organisation, purpose, until, status, maxClassification }
}

struct TemporaryAccountRequest: StrictDecodable {
    var organisation: String
    /// Registers the organisation when it is not known yet (an ad-hoc partner).
    var organisationName: String?
    var username: String
    var displayName: String
    var purpose: String
    var until: Date
    enum CodingKeys: String, CodingKey, CaseIterable {
        case organisation, organisationName, username, displayName, purpose, until
    }
}

struct TemporaryAccountDTO: Content {
    var username: String
    var displayName: String
    var organisation: String
    var validUntil: Date
    /// Shown once; hand it over by a second channel.
    var password: String
    var grant: AccessGrantDTO
}

struct GrantChangeRequest: StrictDecodable {
    var status: PartnerStatus?
    var until: Date?
    enum CodingKeys: String, CodingKey, CaseIterable { case status, until }
}

struct BreakGlassRequest: StrictDecodable {
    var organisation: String
    var reason: String
    var until: Date
    var maxClassification: Classification?
    enum CodingKeys: String, CodingKey, CaseIterable { case organisation, reason, until, maxClassification }
}

/// One incident in a monitoring list: no details beyond title, category, area and GRIP.
struct MonitoringItemDTO: Content {
    var id: UUID
    var reference: String
    var title: String
    var category: IncidentCategory
    var grip: GRIPLevel
    var involvedRegions: [RegionCode]
    var location: JSONValue?
    var startedAt: Date
    /// none, monitoring or active: the subject's own link to the incident.
    var link: String
    var linkUntil: Date?
    /// Whether the subject may open the picture.
    var mayRead: Bool

    init(_ incident: IncidentModel, _ version: IncidentVersionModel, grant: AccessGrant?, mayRead: Bool) throws {
        let full = try IncidentDTO(incident, version)
        id = full.id
        reference = full.reference
        title = full.title
        category = full.category
        grip = full.grip
        involvedRegions = full.involvedRegions
        location = full.location
        startedAt = full.startedAt
        link = grant.map { $0.status.rawValue } ?? "none"
        linkUntil = grant?.endsAt
        self.mayRead = mayRead
    }
}
