import Fluent
import Foundation
import KnooppuntCore
import Vapor

/// Regie (admission, conflicts), decisions, actions, the logbook and the assembled picture.
extension IncidentsController {
    func bootRecords(_ incident: RoutesBuilder) throws {
        incident.post("entries", ":entry", "admission", use: admitEntry)
        incident.post("conflicts", use: markConflict)
        incident.post("conflicts", ":conflict", "resolution", use: resolveConflict)
        incident.get("decisions", use: decisions)
        incident.post("decisions", use: createDecision)
        incident.patch("decisions", ":record", use: updateDecision)
        incident.get("actions", use: actions)
        incident.post("actions", use: createAction)
        incident.patch("actions", ":record", use: updateAction)
        incident.get("logbook", use: logbook)
    }

    /// The IM admits an entry into the shared summary, or takes it out again.
    func admitEntry(req: Request) async throws -> EntryDTO {
        let (incident, _, user) = try await IncidentAccess.authorised(req, .admitEntry)
        let body = try req.decodeStrict(AdmissionRequest.self)
        let version = try await PictureStore(db: req.db, context: req.knooppunt).setAdmission(
            body.admitted, of: try IncidentRequest.entryID(req), in: try incident.requireID(), baseVersion: body.baseVersion, by: user.author)
        return try EntryDTO(version)
    }

    func markConflict(req: Request) async throws -> Response {
        let (incident, _, user) = try await IncidentAccess.authorised(req, .addEntry)
        let body = try req.decodeStrict(ConflictRequest.self)
        let conflict = try await PictureStore(db: req.db, context: req.knooppunt).markConflict(
            body.entries[0], body.entries[1], note: body.note, in: try incident.requireID(), by: user.author)
        return try await ConflictDTO(conflict).encodeResponse(status: .created, for: req)
    }

    func resolveConflict(req: Request) async throws -> ConflictDTO {
        let (incident, _, user) = try await IncidentAccess.authorised(req, .admitEntry)
        let body = try req.decodeStrict(ResolutionRequest.self)
        guard let id = req.parameters.get("conflict").flatMap(UUID.init(uuidString:)) else {
            throw Problem.badRequest("the conflict id must be a UUID")
        }
        return try ConflictDTO(
            await PictureStore(db: req.db, context: req.knooppunt).resolveConflict(
                id, resolution: body.resolution, in: try incident.requireID(), by: user.author))
    }

    // MARK: Decisions and actions

    func decisions(req: Request) async throws -> [DecisionDTO] {
        let (incident, _, _) = try await IncidentAccess.authorised(req, .read)
        let at = try IncidentRequest.moment(req)
        return try await RecordStore(db: req.db, context: req.knooppunt)
            .records(.decision, of: try incident.requireID(), at: Microseconds.from(at)).map(DecisionDTO.init)
            .sorted { $0.decidedAt < $1.decidedAt }
    }

    func createDecision(req: Request) async throws -> Response {
        let (incident, _, user) = try await IncidentAccess.authorised(req, .recordDecision)
        let body = try req.decodeStrict(CreateDecisionRequest.self)
        let decision = DecisionBody(
            team: body.team, text: body.text, decidedAt: body.decidedAt ?? req.knooppunt.clock.now(),
            decidedBy: body.decidedBy)
        try IncidentRequest.checked { () throws(PictureRuleViolation) in try RecordRules.validate(decision) }
        let version = try await RecordStore(db: req.db, context: req.knooppunt).create(
            decision, in: try incident.requireID(), by: user.author)
        return try await DecisionDTO(version).encodeResponse(status: .created, for: req)
    }

    func updateDecision(req: Request) async throws -> DecisionDTO {
        let (incident, _, user) = try await IncidentAccess.authorised(req, .recordDecision)
        let body = try req.decodeStrict(UpdateDecisionRequest.self)
        let version = try await RecordStore(db: req.db, context: req.knooppunt).update(
            try IncidentRequest.recordID(req), in: try incident.requireID(), baseVersion: body.baseVersion,
            by: user.author, as: DecisionBody.self, validate: { decision in try IncidentRequest.checked { () throws(PictureRuleViolation) in try RecordRules.validate(decision) } }
        ) { decision in
            if let team = body.team { decision.team = team }
            if let text = body.text { decision.text = text }
            if let decidedAt = body.decidedAt { decision.decidedAt = decidedAt }
            if let decidedBy = body.decidedBy { decision.decidedBy = decidedBy }
            if let revoked = body.revoked { decision.revoked = revoked }
        }
        return try DecisionDTO(version)
    }

    func actions(req: Request) async throws -> [ActionDTO] {
        let (incident, _, _) = try await IncidentAccess.authorised(req, .read)
        let at = try IncidentRequest.moment(req)
        return try await RecordStore(db: req.db, context: req.knooppunt)
            .records(.action, of: try incident.requireID(), at: Microseconds.from(at)).map { try ActionDTO($0, now: at) }
    }

    func createAction(req: Request) async throws -> Response {
        let (incident, _, user) = try await IncidentAccess.authorised(req, .addEntry)
        let body = try req.decodeStrict(CreateActionRequest.self)
        let action = ActionBody(text: body.text, owner: body.owner.uppercased(), deadline: body.deadline, decision: body.decision)
        try IncidentRequest.checked { () throws(PictureRuleViolation) in try RecordRules.validate(action) }
        try await IncidentRequest.requireOrganisation(action.owner, on: req.db)
        let version = try await RecordStore(db: req.db, context: req.knooppunt).create(
            action, in: try incident.requireID(), by: user.author)
        return try await ActionDTO(version, now: req.knooppunt.clock.now()).encodeResponse(status: .created, for: req)
    }

    func updateAction(req: Request) async throws -> ActionDTO {
        let (incident, _, user) = try await IncidentAccess.authorised(req, .addEntry)
        let body = try req.decodeStrict(UpdateActionRequest.self)
        if let owner = body.owner { try await IncidentRequest.requireOrganisation(owner.uppercased(), on: req.db) }
        let version = try await RecordStore(db: req.db, context: req.knooppunt).update(
            try IncidentRequest.recordID(req), in: try incident.requireID(), baseVersion: body.baseVersion,
            by: user.author, as: ActionBody.self, validate: { action in try IncidentRequest.checked { () throws(PictureRuleViolation) in try RecordRules.validate(action) } }
        ) { action in
            if let text = body.text { action.text = text }
            if let owner = body.owner { action.owner = owner.uppercased() }
            if let deadline = body.deadline { action.deadline = deadline }
            if let status = body.status { action.status = status }
        }
        return try ActionDTO(version, now: req.knooppunt.clock.now())
    }

    /// The chronological logbook; `?since=` (RFC 3339) gives "changes since …".
    func logbook(req: Request) async throws -> [LogbookLineDTO] {
        let (incident, version, user) = try await IncidentAccess.authorised(req, .read)
        let since = try req.query[String.self, at: "since"].map { text -> Int64 in
            guard let date = RFC3339.parse(text) else {
                throw Problem.badRequest("'since' must be an RFC 3339 date-time, e.g. 2026-11-25T10:00:00Z")
            }
            return Microseconds.from(date)
        }
        let id = try incident.requireID()
        let reader = try await AccessService.reader(user.subject, incident: id, scope: try IncidentAccess.scope(version), at: req.knooppunt.clock.now(), on: req.db)
        return try await PictureStore(db: req.db, context: req.knooppunt).logbook(of: id, since: since)
            .filter { reader.sees($0.record) }.map(LogbookLineDTO.init)
    }

    // MARK: The picture

    /// Everything the picture held at `at`: incident, entries, open conflicts, decisions, actions, and
    /// how current each theme is.
    /// `reader` says which entries `user` sees (AccessService); confidential ones read are journaled.
    static func picture(of incident: IncidentModel, at: Date, for user: CurrentUser, reader: EntryReader, on req: Request)
        async throws -> PictureDTO
    {
        let id = try incident.requireID()
        let instant = Microseconds.from(at)
        let store = PictureStore(db: req.db, context: req.knooppunt)
        let records = RecordStore(db: req.db, context: req.knooppunt)
        guard let version = try await store.incidentVersion(id, at: instant) else {
            throw Problem.notFound("the incident did not exist yet at \(JournalTime.string(from: at))")
        }
        let currency = req.knooppunt.configuration.currency
        let visible = try await store.entries(of: id, at: instant).filter(reader.sees)
        let entries = try visible.map { try EntryDTO($0, currency: currency, now: at) }
        let confidential = entries.filter { $0.classification == .confidential }
        if !confidential.isEmpty {
            try await AccessService.journalConfidentialRead(
                user.author, incident: id, what: "picture: \(confidential.count) confidential entries (\(confidential.map(\.id.uuidString).joined(separator: ", ")))",
                context: req.knooppunt, on: req.db)
        }
        let state = try PictureStore.decodeState(version)
        let partnerThemes = try await themedPartners(id, state: state, entries: entries, on: req.db)
        let themes = (Theme.disciplines + partnerThemes.map(Theme.partner)).map { theme in
            let inTheme = entries.filter { $0.theme == theme }
            return ThemeCurrencyDTO(
                theme: theme, entries: inTheme.count, lastUpdated: inTheme.map(\.updatedAt).max(),
                overdueUnverified: inTheme.filter(\.overdue).count)
        }
        let decisions = try await records.records(.decision, of: id, at: instant).map(DecisionDTO.init)
        let actions = try await records.records(.action, of: id, at: instant).map { try ActionDTO($0, now: at) }
        let conflicts = try await store.openConflicts(of: id, at: instant).map(ConflictDTO.init)
        var moments: [Date] = [Microseconds.date(version.validFrom)]
        moments += entries.map(\.updatedAt)
        moments += decisions.map(\.updatedAt)
        moments += actions.map(\.updatedAt)
        moments += conflicts.map(\.markedAt)
        let lastUpdate = moments.max() ?? at
        return PictureDTO(
            at: at, incident: try IncidentDTO(incident, version), entries: entries, conflicts: conflicts,
            decisions: decisions.sorted { $0.decidedAt < $1.decidedAt }, actions: actions, themes: themes,
            lastUpdate: lastUpdate, stale: currency.isStale(lastUpdate: lastUpdate, status: state.status, now: at))
    }

    /// The partners with a theme on the picture: those the incident lists, those linked to it under a
    /// profile that brings information (not standby, which reads along), and any with entries.
    static func themedPartners(_ id: UUID, state: IncidentState, entries: [EntryDTO], on db: Database) async throws -> [String] {
        let linked = try await AccessGrantModel.query(on: db).filter(\.$incidentID == id).filter(\.$kind == "link").all()
            .filter { $0.profile != CollaborationProfile.standby.rawValue }.map(\.organisationCode)
        let written = entries.compactMap { entry -> String? in
            if case .partner(let code) = entry.theme { return code }
            return nil
        }
        var seen = Set<String>()
        return (state.linkedPartners + linked.sorted() + written.sorted()).filter { seen.insert($0).inserted }
    }

    // MARK: Helpers

    static func requireRegie(_ req: Request, _ user: CurrentUser) async throws {
        let (incident, version, _) = try await IncidentAccess.authorised(req, .read)
        try await IncidentAccess.require(req, user, .init(action: .admitEntry), incident: try incident.requireID(), scope: try IncidentAccess.scope(version))
    }

}
