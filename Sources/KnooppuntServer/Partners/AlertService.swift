import Fluent
import Foundation
import KnooppuntCore
import Vapor

/// Alerting partners (alarmering): when an incident is opened or changes, every partner whose rules
/// it matches gets one alert; the partner acknowledges it; an alert nobody acknowledges in time
/// escalates to the partner's contact point. Every step is journaled on the incident.
enum AlertService {
    /// Alerts follow the incident: every new incident version is checked against the partners' rules.
    struct Reactor: JournalReactor {
        func subscribe(to journal: inout JournalReactions) {
            journal.on([IncidentCreated.self, IncidentUpdated.self]) { change, reaction in
                let at = try await PictureStore.incidentVersion(change.incident, number: change.version, on: reaction.db).validFrom
                try await AlertService.raise(
                    for: change.incident, state: change.state, exercise: change.exercise, at: at, on: reaction.db)
            }
        }
    }

    /// Raises the alerts `state` calls for, inside the incident's write transaction. Exercises alert nobody.
    static func raise(for incident: UUID, state: IncidentState, exercise: Bool, at now: Int64, on db: Database) async throws {
        guard !exercise, state.status == .open else { return }
        let alerted = Set(try await PartnerAlertModel.query(on: db).filter(\.$incidentID == incident).all().map(\.organisationCode))
        for model in try await PartnerRegistrationModel.query(on: db).all() where !alerted.contains(model.organisationCode) {
            let registration = try model.registration()
            guard let (rule, reason) = registration.alertMatch(state) else { continue }
            let alert = PartnerAlertModel()
            alert.incidentID = incident
            alert.organisationCode = registration.organisationCode
            alert.reason = reason
            alert.raisedAt = now
            alert.escalateAfterMinutes = rule.escalateAfterMinutes
            alert.escalateTo = rule.escalateTo.rawValue
            try await alert.create(on: db)
            try await Journal.append(
                AlertRaised(try payload(alert)), on: db, actor: "system", organisation: "system", incident: incident)
        }
    }

    /// The partner acknowledges its alert.
    static func acknowledge(_ id: UUID, by user: CurrentUser, context: KnooppuntContext, on db: Database) async throws
        -> PartnerAlertModel
    {
        let now = Microseconds.from(context.clock.now())
        return try await context.write(on: db) { db in
            guard let alert = try await PartnerAlertModel.find(id, on: db), alert.organisationCode == user.organisationCode else {
                throw Problem.notFound("no alert with id \(id) for \(user.organisationCode)")
            }
            guard alert.acknowledgedAt == nil else { throw Problem.conflict("the alert was acknowledged already") }
            alert.acknowledgedAt = now
            alert.acknowledgedBy = user.username
            try await alert.update(on: db)
            try await Journal.append(
                AlertAcknowledged(try payload(alert)), on: db, actor: user.username, organisation: user.organisationCode,
                incident: alert.incidentID)
            return alert
        }
    }

    /// Escalates every alert whose time is up and that nobody acknowledged; returns how many.
    @discardableResult
    static func escalateDue(context: KnooppuntContext, on db: Database) async throws -> Int {
        let now = Microseconds.from(context.clock.now())
        let open = try await PartnerAlertModel.query(on: db).filter(\.$acknowledgedAt == nil).filter(\.$escalatedAt == nil).all()
        let due = open.filter { $0.escalatesAt <= now }
        guard !due.isEmpty else { return 0 }
        return try await context.write(on: db) { db in
            var count = 0
            for stale in due {
                // Re-read inside the transaction: another instance may have acknowledged or escalated it.
                guard let alert = try await PartnerAlertModel.find(stale.id, on: db), alert.acknowledgedAt == nil,
                    alert.escalatedAt == nil
                else { continue }
                let registration = try await PartnerRegistrationModel.query(on: db)
                    .filter(\.$organisationCode == alert.organisationCode).first()?.registration()
                let role = ContactRole(rawValue: alert.escalateTo) ?? .hinOnCall
                let contact = registration?.contact(role) ?? registration?.agreements.flatMap(\.contacts).first
                alert.escalatedAt = now
                alert.escalatedTo = contact.map { [$0.name, $0.phone].compactMap { $0 }.joined(separator: ", ") }
                    ?? "no contact point registered"
                try await alert.update(on: db)
                try await Journal.append(
                    AlertEscalated(try payload(alert)), on: db, actor: "system", organisation: "system",
                    incident: alert.incidentID)
                count += 1
            }
            return count
        }
    }

    static func payload(_ alert: PartnerAlertModel) throws -> AlertPayload {
        AlertPayload(
            incident: alert.incidentID, alert: try alert.requireID(), organisation: alert.organisationCode, reason: alert.reason,
            escalatedTo: alert.escalatedTo)
    }
}

/// Escalates overdue alerts every 30 seconds while the server runs.
struct AlertEscalationLifecycle: LifecycleHandler {
    final class Runner: @unchecked Sendable {
        var task: Task<Void, Never>?
    }
    let runner = Runner()

    func didBootAsync(_ application: Application) async throws {
        let context = application.knooppunt
        let db = application.db
        let logger = application.logger
        runner.task = Task {
            while !Task.isCancelled {
                do {
                    try await AlertService.escalateDue(context: context, on: db)
                } catch {
                    logger.warning("alert escalation failed: \(error)")
                }
                try? await Task.sleep(for: .seconds(30))
            }
        }
    }

    func shutdownAsync(_ application: Application) async {
        runner.task?.cancel()
    }
}

struct PartnerAlertDTO: Content {
    var id: UUID
    var incident: UUID
    var organisation: String
    var reason: String
    var raisedAt: Date
    var escalatesAt: Date
    var acknowledgedAt: Date?
    var acknowledgedBy: String?
    var escalatedAt: Date?
    var escalatedTo: String?
    /// For the partner: what the incident is (monitoring level: title, category, GRIP, regions).
    var reference: String?
    var title: String?
    var category: IncidentCategory?
    var grip: GRIPLevel?
    var involvedRegions: [RegionCode]?

    init(_ model: PartnerAlertModel, incident: IncidentView? = nil) throws {
        id = try model.requireID()
        self.incident = model.incidentID
        organisation = model.organisationCode
        reason = model.reason
        raisedAt = Microseconds.date(model.raisedAt)
        escalatesAt = Microseconds.date(model.escalatesAt)
        acknowledgedAt = model.acknowledgedAt.map(Microseconds.date)
        acknowledgedBy = model.acknowledgedBy
        escalatedAt = model.escalatedAt.map(Microseconds.date)
        escalatedTo = model.escalatedTo
        reference = incident?.reference
        title = incident?.title
        category = incident?.category
        grip = incident?.grip
        involvedRegions = incident?.involvedRegions
    }
}
