import Fluent
import Foundation
import KnooppuntCore
import Vapor

/// A partner in an incident's area asks to read it; the incident's information manager grants the
/// request (a link under the partner's agreement, through the existing grant mechanism) or declines it.
/// Every step is journaled (decision 0023).
extension IncidentCommands {
    /// Files a request. Standing: a partner that may monitor the incident (standby for its regions, the
    /// incident relevant to its core tasks) and may not read it yet. Anyone else learns nothing more than
    /// an incident it may not read tells it.
    func requestAccess(in id: UUID, _ input: @autoclosure () throws -> AccessRequestInput) async throws -> AccessRequestModel {
        let subject = user.subject
        let incident = try await IncidentAccess.incident(id, on: db)
        let version = try await PictureStore.currentIncidentVersion(try incident.requireID(), on: db)
        let scope = try IncidentAccess.scope(version)
        let facts = try await AccessService.Facts.load(subject, incident: id, scope: scope, on: db)
        if facts.decide(.init(action: .read), at: now).decision.allowed {
            throw Problem.conflict("you can already read this incident; no request is needed")
        }
        guard try await Self.mayAskAccess(subject, scope: scope, version: version, at: now, on: db) else {
            let reason = "only a partner with an agreement for the incident's regions, the incident relevant to its core tasks, may ask for access"
            throw try await IncidentAccess.refusal(subject, incident: id, scope: scope, reason: reason, on: db, at: now)
        }
        let body = try input()
        let pending = try await AccessRequestModel.query(on: db).filter(\.$incidentID == id)
            .filter(\.$organisationCode == user.organisationCode).filter(\.$status == AccessRequestModel.Status.open.rawValue).count()
        guard pending == 0 else { throw Problem.conflict("your organisation's request for this incident is still open") }
        let model = AccessRequestModel()
        model.incidentID = id
        model.organisationCode = user.organisationCode
        model.requestedBy = user.username
        model.requestedByName = user.displayName
        model.reason = body.reason.trimmingCharacters(in: .whitespacesAndNewlines)
        model.requestedAt = Microseconds.from(now)
        model.status = AccessRequestModel.Status.open.rawValue
        try await db.transaction { db in
            try await model.create(on: db)
            try await Journal.append(
                AccessRequested(try model.payload()), on: db, actor: user.username, organisation: user.organisationCode, incident: id)
        }
        return model
    }

    /// Whether a partner that may not read an incident may ask to (decision 0023): it has an agreement in
    /// effect with the incident's regions (the one a link would use) and the incident is relevant to its
    /// core tasks and area — what puts an incident on a standby partner's monitoring list.
    static func mayAskAccess(_ subject: Subject, scope: IncidentScope, version: IncidentVersionModel, at now: Date, on db: Database)
        async throws -> Bool
    {
        guard subject.isPartner, scope.status != .archived,
            let registration = try await PartnerRegistrationModel.query(on: db)
                .filter(\.$organisationCode == subject.organisationCode).first()?.registration(),
            registration.agreement(for: scope.involvedRegions, lead: scope.leadRegion, at: now) != nil
        else { return false }
        return registration.isRelevant(try PictureStore.decodeState(version))
    }

    /// The requests for an incident: all of them for those who manage its access, the partner's own for a partner.
    func accessRequests(in id: UUID) async throws -> [AccessRequestModel] {
        let query = AccessRequestModel.query(on: db).filter(\.$incidentID == id).sort(\.$requestedAt, .descending)
        if user.subject.isPartner {
            // A partner sees its own requests for an incident it may monitor or read, and nothing else.
            let incident = try await IncidentAccess.incident(id, on: db)
            let scope = try IncidentAccess.scope(try await PictureStore.currentIncidentVersion(try incident.requireID(), on: db))
            let version = try await PictureStore.currentIncidentVersion(id, on: db)
            let read = try await AccessService.decide(user.subject, .init(action: .read), incident: id, scope: scope, at: now, on: db)
            let mayAsk = try await Self.mayAskAccess(user.subject, scope: scope, version: version, at: now, on: db)
            guard read.decision.allowed || mayAsk else {
                throw try await IncidentAccess.refusal(user.subject, incident: id, scope: scope, reason: read.decision.reason, on: db, at: now)
            }
            return try await query.filter(\.$organisationCode == user.organisationCode).all()
        }
        _ = try await open(id, for: .manageAccess)
        return try await query.all()
    }

    /// Grants (a link under the partner's agreement, active) or declines an open request.
    func decideAccessRequest(_ requestID: UUID, in id: UUID, _ input: @autoclosure () throws -> AccessRequestDecisionInput)
        async throws -> AccessRequestModel
    {
        _ = try await open(id, for: .manageAccess)
        guard let model = try await AccessRequestModel.query(on: db).filter(\.$id == requestID).filter(\.$incidentID == id).first() else {
            throw Problem.notFound("no access request \(requestID) for this incident")
        }
        guard model.status == AccessRequestModel.Status.open.rawValue else {
            throw Problem.conflict("this request was already \(model.status == "granted" ? "granted" : "declined")")
        }
        let body = try input()
        let note = body.note?.trimmingCharacters(in: .whitespacesAndNewlines)
        try await db.transaction { db in
            let commands = IncidentCommands(user: user, db: db, context: context)
            if body.grant {
                let grant = try await commands.link(in: id, LinkInput(
                    organisation: model.organisationCode, purpose: "Op verzoek van \(model.requestedByName): \(model.reason.prefix(400))",
                    until: nil, hours: body.hours ?? AccessRequestDecisionInput.defaultHours, status: .active, maxClassification: nil))
                model.grantID = try grant.requireID()
            }
            model.status = (body.grant ? AccessRequestModel.Status.granted : .declined).rawValue
            model.decidedBy = user.username
            model.decidedAt = Microseconds.from(now)
            model.note = note?.isEmpty == false ? note : nil
            try await model.save(on: db)
            try await Journal.append(
                AccessRequestDecided(try model.payload()), on: db, actor: user.username, organisation: user.organisationCode, incident: id)
        }
        return model
    }
}
