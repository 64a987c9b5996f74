import Fluent
import Foundation
import KnooppuntCore
import Vapor

/// Regie (admission, conflicts), decisions and the councils' consultations on them, actions, the logbook.
extension IncidentsController {
    func bootRecords(_ incident: RoutesBuilder) throws {
        incident.post("entries", ":entry", "admission", use: admitEntry)
        incident.post("conflicts", use: markConflict)
        incident.post("conflicts", ":conflict", "resolution", use: resolveConflict)
        incident.get("decisions", use: decisions)
        incident.post("decisions", use: createDecision)
        incident.patch("decisions", ":record", use: updateDecision)
        incident.get("decisions", ":record", "consultations", use: consultations)
        incident.post("decisions", ":record", "consultations", use: recordConsultation)
        incident.get("actions", use: actions)
        incident.post("actions", use: createAction)
        incident.patch("actions", ":record", use: updateAction)
        incident.get("logbook", use: logbook)
        incident.get("summaries", use: summaries)
        incident.put("summaries", ":theme", use: writeSummary)
        incident.get("decision-points", use: decisionPoints)
        incident.post("decision-points", use: raiseDecisionPoint)
        incident.post("decision-points", ":record", "withdrawal", use: withdrawDecisionPoint)
    }

    // MARK: Beeld – oordeel – besluit (decision 0024)

    func summaries(req: Request) async throws -> [SummaryView] {
        try await IncidentCommands(req).summaries(of: try IncidentRequest.incidentID(req), at: try IncidentRequest.moment(req))
    }

    /// Writes a theme's summary: 201 the first time, 200 for a new version.
    func writeSummary(req: Request) async throws -> Response {
        let (version, created) = try await IncidentCommands(req).writeSummary(
            of: try IncidentRequest.theme(req), in: try IncidentRequest.incidentID(req), try req.decodeStrict(SummaryInput.self))
        return try await SummaryView(version).encodeResponse(status: created ? .created : .ok, for: req)
    }

    func decisionPoints(req: Request) async throws -> [DecisionPointView] {
        try await IncidentCommands(req).decisionPoints(of: try IncidentRequest.incidentID(req), at: try IncidentRequest.moment(req))
    }

    func raiseDecisionPoint(req: Request) async throws -> Response {
        let commands = try IncidentCommands(req)
        let id = try IncidentRequest.incidentID(req)
        let version = try await commands.raiseDecisionPoint(in: id, try req.decodeStrict(DecisionPointInput.self))
        return try await DecisionPointView(version, decisions: [], now: req.knooppunt.clock.now()).encodeResponse(status: .created, for: req)
    }

    func withdrawDecisionPoint(req: Request) async throws -> DecisionPointView {
        let version = try await IncidentCommands(req).withdrawDecisionPoint(
            try IncidentRequest.recordID(req), in: try IncidentRequest.incidentID(req), try req.decodeStrict(DecisionPointWithdrawalInput.self))
        return try DecisionPointView(version, decisions: [], now: req.knooppunt.clock.now())
    }

    /// The IM admits an entry into the shared summary, or takes it out again.
    func admitEntry(req: Request) async throws -> EntryView {
        try EntryView(try await IncidentCommands(req).admitEntry(
            try IncidentRequest.entryID(req), in: try IncidentRequest.incidentID(req), try req.decodeStrict(AdmissionInput.self)))
    }

    func markConflict(req: Request) async throws -> Response {
        let conflict = try await IncidentCommands(req).markConflict(
            in: try IncidentRequest.incidentID(req), try req.decodeStrict(ConflictInput.self))
        return try await ConflictView(conflict).encodeResponse(status: .created, for: req)
    }

    func resolveConflict(req: Request) async throws -> ConflictView {
        try ConflictView(try await IncidentCommands(req).resolveConflict(
            try IncidentRequest.conflictID(req), in: try IncidentRequest.incidentID(req), try req.decodeStrict(ResolutionInput.self)))
    }

    // MARK: Decisions and actions

    func decisions(req: Request) async throws -> [DecisionView] {
        let (incident, version, user) = try await IncidentAccess.authorised(req, .read)
        try await IncidentAccess.requireWholePicture(req, user, incident: incident, version: version)
        let at = try IncidentRequest.moment(req)
        return try await RecordStore(db: req.db, context: req.knooppunt)
            .records(.decision, of: try incident.requireID(), at: Microseconds.from(at)).map(DecisionView.init)
            .sorted { $0.decidedAt < $1.decidedAt }
    }

    func createDecision(req: Request) async throws -> Response {
        let version = try await IncidentCommands(req).recordDecision(
            in: try IncidentRequest.incidentID(req), try req.decodeStrict(CreateDecisionInput.self))
        return try await DecisionView(version).encodeResponse(status: .created, for: req)
    }

    func updateDecision(req: Request) async throws -> DecisionView {
        try DecisionView(try await IncidentCommands(req).changeDecision(
            try IncidentRequest.recordID(req), in: try IncidentRequest.incidentID(req), try req.decodeStrict(UpdateDecisionInput.self)))
    }

    func consultations(req: Request) async throws -> [ConsultationView] {
        try await IncidentCommands(req).consultations(on: try IncidentRequest.recordID(req), in: try IncidentRequest.incidentID(req))
            .map(ConsultationView.init)
    }

    /// The councils consulted on a decision, or urgency that prevented it (C10).
    func recordConsultation(req: Request) async throws -> Response {
        let version = try await IncidentCommands(req).recordConsultation(
            on: try IncidentRequest.recordID(req), in: try IncidentRequest.incidentID(req), try req.decodeStrict(ConsultationInput.self))
        return try await ConsultationView(version).encodeResponse(status: .created, for: req)
    }

    func actions(req: Request) async throws -> [ActionView] {
        let (incident, version, user) = try await IncidentAccess.authorised(req, .read)
        try await IncidentAccess.requireWholePicture(req, user, incident: incident, version: version)
        let at = try IncidentRequest.moment(req)
        return try await RecordStore(db: req.db, context: req.knooppunt)
            .records(.action, of: try incident.requireID(), at: Microseconds.from(at)).map { try ActionView($0, now: at) }
    }

    func createAction(req: Request) async throws -> Response {
        let version = try await IncidentCommands(req).recordAction(
            in: try IncidentRequest.incidentID(req), try req.decodeStrict(CreateActionInput.self))
        return try await ActionView(version, now: req.knooppunt.clock.now()).encodeResponse(status: .created, for: req)
    }

    func updateAction(req: Request) async throws -> ActionView {
        let version = try await IncidentCommands(req).changeAction(
            try IncidentRequest.recordID(req), in: try IncidentRequest.incidentID(req), try req.decodeStrict(UpdateActionInput.self))
        return try ActionView(version, now: req.knooppunt.clock.now())
    }

    /// The chronological logbook; `?since=` (RFC 3339) gives "changes since …".
    func logbook(req: Request) async throws -> [LogbookLineView] {
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
            .filter { reader.sees($0.record) }.map(LogbookLineView.init)
    }
}
