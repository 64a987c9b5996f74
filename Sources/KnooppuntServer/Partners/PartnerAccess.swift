import Fluent
import Foundation
import KnooppuntCore
import KnooppuntInterop
import Vapor

/// What partners' access looks like from outside one incident: a standby partner's monitoring list, a
/// partner's alerts, and the accountability report. The API and the pages both call these. (Ad-hoc partners
/// get no temporary accounts: decision 0027 §6.)
enum PartnerAccess {
    static func monitoringList(_ subject: Subject, exercise: Bool, req: Request) async throws -> [MonitoringItem] {
        let store = PictureStore(db: req.db, context: req.knooppunt)
        let now = req.knooppunt.clock.now()
        let registration = try await PartnerRegistrationModel.query(on: req.db)
            .filter(\.$organisationCode == subject.organisationCode).first()?.registration()
        var items: [MonitoringItem] = []
        var denial: String?
        for (incident, version) in try await store.currentIncidents(
            exercise: exercise, region: nil, grip: nil, phase: nil, status: nil)
        {
            let id = try incident.requireID()
            let scope = try IncidentAccess.scope(version)
            guard scope.status != .archived else { continue }
            let facts = try await AccessService.Facts.load(subject, incident: id, scope: scope, monitoringAt: now, on: req.db)
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
            items.append(try MonitoringItem(incident, version, grant: grant, mayRead: read.decision.allowed))
        }
        // A subject without any monitoring right learns why, instead of an empty list that looks calm.
        if items.isEmpty, subject.isPartner, let denial, denial.hasPrefix("only standby") {
            throw Problem.forbidden(denial)
        }
        return items
    }

    static func alerts(of user: CurrentUser, on db: Database) async throws -> [PartnerAlertDTO] {
        guard user.subject.isPartner else {
            throw Problem.forbidden("alerts are listed for the partner they are for; a region sees them on the incident")
        }
        var result: [PartnerAlertDTO] = []
        for alert in try await PartnerAlertModel.query(on: db).filter(\.$organisationCode == user.organisationCode)
            .sort(\.$raisedAt, .descending).all()
        {
            guard let incident = try await IncidentModel.read(alert.incidentID, on: db) else { continue }
            let version = try await PictureStore.currentIncidentVersion(alert.incidentID, on: db)
            result.append(try PartnerAlertDTO(alert, incident: try IncidentView(incident, version)))
        }
        return result
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
}

/// One incident in a monitoring list: no details beyond title, category, area and GRIP.
struct MonitoringItem: Content {
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
        let full = try IncidentView(incident, version)
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
