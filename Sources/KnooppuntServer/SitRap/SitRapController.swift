import Fluent
import Foundation
import KnooppuntCore
import Vapor

/// Situation reports of an incident under `/api/v1/incidents/{id}/sitraps`: issue, list, read as
/// JSON, Markdown, PDF or the map as SVG; and the incident's SitRap schedule.
struct SitRapController: RouteCollection {
    func boot(routes: RoutesBuilder) throws {
        let sitraps = routes.grouped("incidents", ":incident", "sitraps")
        sitraps.post(use: issue)
        sitraps.get(use: list)
        sitraps.get(":number", use: show)
        sitraps.get(":number", "markdown", use: markdown)
        sitraps.get(":number", "pdf", use: pdf)
        sitraps.get(":number", "map.svg", use: svg)
        let schedule = routes.grouped("incidents", ":incident", "sitrap-schedule")
        schedule.get(use: showSchedule)
        schedule.put(use: setSchedule)
        schedule.delete(use: stopSchedule)
        routes.post("incidents", ":incident", "partner-sitraps", use: partnerSitRap)
    }

    /// A liaison enters a koppel partner's own SitRap; it becomes one entry in the partner's theme, "via liaison".
    func partnerSitRap(req: Request) async throws -> Response {
        let entry = try await IncidentCommands(req).enterPartnerSitRap(
            in: try IncidentRequest.incidentID(req), try req.decodeStrict(PartnerSitRapInput.self))
        return try await EntryView(entry).encodeResponse(status: .created, for: req)
    }

    func issue(req: Request) async throws -> Response {
        let (incident, _, user) = try await IncidentAccess.authorised(req, .read)
        let body = try req.decodeStrict(IssueSitRapRequest.self)
        let model = try await SitRapService(db: req.db, context: req.knooppunt).issue(
            for: try incident.requireID(),
            .init(moment: body.at, unverified: body.unverified ?? .leaveOut, ceiling: body.ceiling ?? .internal, summary: body.summary),
            by: user.subject)
        let response = try await SitRapDTO(model).encodeResponse(status: .created, for: req)
        response.headers.replaceOrAdd(name: .location, value: SiteURL.api(.sitrap(model.incidentID, model.number)).path)
        return response
    }

    func list(req: Request) async throws -> [SitRapSummaryDTO] {
        let (incident, version, user) = try await IncidentAccess.authorised(req, .read)
        let id = try incident.requireID()
        let facts = try await AccessService.Facts.load(user.subject, incident: id, scope: try IncidentAccess.scope(version), on: req.db)
        let now = req.knooppunt.clock.now()
        return try await SitRapModel.query(on: req.db).filter(\.$incidentID == id).sort(\.$number).all()
            .filter { facts.decide(.init(action: .read, classification: Self.classification($0), wholePicture: true), at: now).decision.allowed }
            .map(SitRapSummaryDTO.init)
    }

    func show(req: Request) async throws -> SitRapDTO {
        try SitRapDTO(try await Self.readable(req).model)
    }

    func markdown(req: Request) async throws -> Response {
        let (model, _) = try await Self.readable(req)
        let document = try await SitRapDocument.local(model, language: req.uiLanguage, on: req.db)
        return .markdown(document.markdown, fileName: Self.fileName(model))
    }

    func pdf(req: Request) async throws -> Response {
        let (model, _) = try await Self.readable(req)
        let document = try await SitRapDocument.local(model, language: req.uiLanguage, on: req.db)
        return .pdf(document.pdf, fileName: Self.fileName(model))
    }

    func svg(req: Request) async throws -> Response {
        let (model, _) = try await Self.readable(req)
        guard let map = try model.drawnMap() else { throw Problem.notFound("this SitRap has no map: no location or plots") }
        var headers = HTTPHeaders()
        headers.contentType = HTTPMediaType(type: "image", subType: "svg+xml")
        return Response(status: .ok, headers: headers, body: .init(string: map.svg))
    }

    // MARK: Schedule

    func showSchedule(req: Request) async throws -> SitRapScheduleDTO {
        let (incident, version, user) = try await IncidentAccess.authorised(req, .read)
        try await IncidentAccess.requireWholePicture(req, user, incident: incident, version: version)
        guard let schedule = try await SitRapScheduleModel.query(on: req.db).filter(\.$incidentID == incident.requireID()).first() else {
            throw Problem.notFound("this incident has no SitRap schedule")
        }
        return SitRapScheduleDTO(schedule)
    }

    func setSchedule(req: Request) async throws -> SitRapScheduleDTO {
        let (incident, version, user) = try await IncidentAccess.authorised(req, .read)
        let body = try req.decodeStrict(SitRapScheduleRequest.self)
        let schedule = try await Self.setSchedule(
            incident: try incident.requireID(), version: version, intervalMinutes: body.intervalMinutes,
            unverified: body.unverified ?? .leaveOut, by: user, on: req)
        return SitRapScheduleDTO(schedule)
    }

    func stopSchedule(req: Request) async throws -> HTTPStatus {
        let (incident, version, user) = try await IncidentAccess.authorised(req, .read)
        try await Self.stopSchedule(incident: try incident.requireID(), version: version, by: user, on: req)
        return .noContent
    }

    static func setSchedule(
        incident id: UUID, version: IncidentVersionModel, intervalMinutes: Int, unverified: UnverifiedHandling, by user: CurrentUser,
        on req: Request
    ) async throws -> SitRapScheduleModel {
        let now = req.knooppunt.clock.now()
        let decision = try await SitRapService.mayIssue(user.subject, incident: id, scope: try IncidentAccess.scope(version), at: now, on: req.db)
        guard decision.allowed else { throw Problem.forbidden(decision.reason) }
        guard (15...1440).contains(intervalMinutes) else {
            throw Problem.invalid("'intervalMinutes' must be 15 to 1440 (a day)", field: "intervalMinutes")
        }
        let at = Microseconds.from(now)
        return try await req.knooppunt.write(on: req.db) { db in
            let schedule = try await SitRapScheduleModel.query(on: db).filter(\.$incidentID == id).first() ?? SitRapScheduleModel()
            schedule.incidentID = id
            schedule.intervalMinutes = intervalMinutes
            schedule.unverified = unverified.rawValue
            schedule.nextDue = at + Int64(intervalMinutes) * 60_000_000
            schedule.setBy = user.username
            schedule.setAt = at
            try await schedule.save(on: db)
            try await Journal.append(
                SitRapScheduleSet(SitRapSchedulePayload(incident: id, intervalMinutes: intervalMinutes, reason: nil)), on: db,
                actor: user.username, organisation: user.organisationCode, incident: id)
            return schedule
        }
    }

    static func stopSchedule(incident id: UUID, version: IncidentVersionModel, by user: CurrentUser, on req: Request) async throws {
        let now = req.knooppunt.clock.now()
        let decision = try await SitRapService.mayIssue(user.subject, incident: id, scope: try IncidentAccess.scope(version), at: now, on: req.db)
        guard decision.allowed else { throw Problem.forbidden(decision.reason) }
        try await req.knooppunt.write(on: req.db) { db in
            guard let schedule = try await SitRapScheduleModel.query(on: db).filter(\.$incidentID == id).first() else {
                throw Problem.notFound("this incident has no SitRap schedule")
            }
            try await schedule.delete(on: db)
            try await Journal.append(
                SitRapScheduleEnded(SitRapSchedulePayload(incident: id, intervalMinutes: nil, reason: "stopped by \(user.username)")),
                on: db, actor: user.username, organisation: user.organisationCode, incident: id)
        }
    }

    // MARK: Helpers

    static func classification(_ model: SitRapModel) -> Classification {
        Classification(rawValue: model.classification) ?? .confidential
    }

    static func fileName(_ model: SitRapModel) -> String {
        "sitrap-\(model.number)-\(model.incidentID.uuidString.prefix(8).lowercased())"
    }

    /// The SitRap in the path, if the user may read the incident at the SitRap's classification.
    static func readable(_ req: Request) async throws -> (model: SitRapModel, user: CurrentUser) {
        let (incident, version, user) = try await IncidentAccess.authorised(req, .read)
        let id = try incident.requireID()
        guard let number = req.parameters.get("number").flatMap(Int.init) else {
            throw Problem.badRequest("the SitRap number must be a whole number")
        }
        guard let model = try await SitRapModel.query(on: req.db).filter(\.$incidentID == id).filter(\.$number == number).first() else {
            throw Problem.notFound("this incident has no SitRap \(number)")
        }
        let answer = try await AccessService.decide(
            user.subject, .init(action: .read, classification: classification(model), wholePicture: true), incident: id,
            scope: try IncidentAccess.scope(version), at: req.knooppunt.clock.now(), on: req.db)
        guard answer.decision.allowed else { throw Problem.forbidden(answer.decision.reason) }
        if classification(model) == .confidential {
            try await AccessService.journalConfidentialRead(
                user.author, incident: id, what: "SitRap \(number)", context: req.knooppunt, on: req.db)
        }
        return (model, user)
    }
}

struct IssueSitRapRequest: StrictDecodable {
    var at: Date?
    var unverified: UnverifiedHandling?
    var ceiling: Classification?
    var summary: String?
    enum CodingKeys: String, CodingKey, CaseIterable { case at, unverified, ceiling, summary }

    func validate() throws {
        if let summary, summary.count > 5000 { throw Problem.invalid("'summary' is at most 5000 characters", field: "summary") }
    }
}

struct SitRapScheduleRequest: StrictDecodable {
    var intervalMinutes: Int
    var unverified: UnverifiedHandling?
    enum CodingKeys: String, CodingKey, CaseIterable { case intervalMinutes, unverified }
}

struct SitRapSummaryDTO: Content {
    var number: Int
    var moment: Date
    var issuedAt: Date
    var issuedBy: String
    var classification: Classification
    var scheduled: Bool

    init(_ model: SitRapModel) {
        number = model.number
        moment = Microseconds.date(model.moment)
        issuedAt = Microseconds.date(model.issuedAt)
        issuedBy = model.issuedBy
        classification = SitRapController.classification(model)
        scheduled = model.scheduled
    }
}

struct SitRapDTO: Content {
    var incident: UUID
    var sitrap: SitRap
    /// Links to the other formats.
    var formats: [String: String]

    init(_ model: SitRapModel) throws {
        incident = model.incidentID
        sitrap = try model.report()
        let api = { (format: API.SitRapFormat) in SiteURL.api(.sitrap(model.incidentID, model.number, format)).path }
        formats = [
            "html": SiteURL.incident(.value(model.incidentID), .sitrap(.value(model.number))).path,
            "markdown": api(.markdown), "pdf": api(.pdf),
        ]
        if model.map != nil { formats["svg"] = api(.map) }
    }
}

struct SitRapScheduleDTO: Content {
    var intervalMinutes: Int
    var unverified: UnverifiedHandling
    var nextDue: Date
    var setBy: String

    init(_ model: SitRapScheduleModel) {
        intervalMinutes = model.intervalMinutes
        unverified = UnverifiedHandling(rawValue: model.unverified) ?? .leaveOut
        nextDue = Microseconds.date(model.nextDue)
        setBy = model.setBy
    }
}
