import Fluent
import Foundation
import KnooppuntCore
import Vapor

/// The incident application layer's front door: which incident a request is about and whether its
/// user may do what is asked, for the API, the web pages, streams and services alike. An incident the
/// user may not read is a 404, so its existence is not revealed, unless the user knows of it already
/// (a partner's link, ended or not, or its monitoring list): then 403 with the policy's reason.
struct AuthorisedIncident: Sendable {
    let incident: IncidentModel
    let version: IncidentVersionModel
    let scope: IncidentScope
}

enum IncidentAccess {
    /// Loads incident `id` and checks `action` for `subject` against its current scope.
    static func authorise(_ subject: Subject, incident id: UUID, _ action: AccessAction, on db: Database, at now: Date)
        async throws -> AuthorisedIncident
    {
        guard let (incident, version) = try await IncidentModel.readWithCurrentVersion(id, on: db) else {
            throw Problem.notFound("no incident with id \(id)")
        }
        let scope = try scope(version)
        let read = try await AccessService.decide(subject, .init(action: .read), incident: id, scope: scope, at: now, on: db)
        guard read.decision.allowed else {
            throw try await refusal(subject, incident: id, scope: scope, reason: read.decision.reason, on: db, at: now)
        }
        if action != .read, scope.status == .archived {
            throw Problem.conflict("the incident is archived and read-only")
        }
        // Actions and conflict marks belong to the shared picture, not to a partner's own theme.
        if action != .read {
            _ = try await require(subject, .init(action: action, theme: action == .addEntry ? .algemeen : nil), incident: id, scope: scope,
                                  on: db, at: now)
        }
        return AuthorisedIncident(incident: incident, version: version, scope: scope)
    }

    /// How to refuse a subject who may not read the incident: 403 with `reason` when they know of it
    /// already (a partner's link, ended or not, or its monitoring list), else 404, revealing nothing.
    static func refusal(_ subject: Subject, incident id: UUID, scope: IncidentScope, reason: String, on db: Database, at now: Date)
        async throws -> Problem
    {
        try await AccessService.knows(subject, incident: id, scope: scope, at: now, on: db)
            ? Problem.forbidden(reason) : Problem.notFound("no incident with id \(id)")
    }

    /// The incident named in the request's path, authorised for its user.
    static func authorised(_ req: Request, _ action: AccessAction) async throws
        -> (IncidentModel, IncidentVersionModel, CurrentUser)
    {
        let user = try req.requireUserExplaining()
        let id = try IncidentRequest.incidentID(req)
        let authorised = try await authorise(user.subject, incident: id, action, on: req.db, at: req.knooppunt.clock.now())
        return (authorised.incident, authorised.version, user)
    }

    /// Asks the policy one more specific question (a theme, a classification) and answers 403 when it says no.
    @discardableResult
    static func require(
        _ subject: Subject, _ question: AccessService.Question, incident id: UUID, scope: IncidentScope, on db: Database, at now: Date
    ) async throws -> AccessDecision {
        let answer = try await AccessService.decide(subject, question, incident: id, scope: scope, at: now, on: db)
        guard answer.decision.allowed else { throw Problem.forbidden(answer.decision.reason) }
        return answer.decision
    }

    /// `require` for a request's user.
    @discardableResult
    static func require(
        _ req: Request, _ user: CurrentUser, _ question: AccessService.Question, incident id: UUID, scope: IncidentScope
    ) async throws -> AccessDecision {
        try await require(user.subject, question, incident: id, scope: scope, on: req.db, at: req.knooppunt.clock.now())
    }

    /// Refuses a reader whose read scope is less than the whole picture (decision 0027 §7): decisions,
    /// actions, consultations, reviews, SitRap schedules and the like are read with the whole picture only.
    static func requireWholePicture(_ subject: Subject, incident id: UUID, scope: IncidentScope, on db: Database, at now: Date) async throws {
        try await require(subject, .init(action: .read, wholePicture: true), incident: id, scope: scope, on: db, at: now)
    }

    /// `requireWholePicture` for a request's user and an authorised incident version.
    static func requireWholePicture(_ req: Request, _ user: CurrentUser, incident: IncidentModel, version: IncidentVersionModel) async throws {
        try await requireWholePicture(
            user.subject, incident: try incident.requireID(), scope: try scope(version), on: req.db, at: req.knooppunt.clock.now())
    }

    static func incident(_ id: UUID, on db: Database) async throws -> IncidentModel {
        guard let incident = try await IncidentModel.read(id, on: db) else {
            throw Problem.notFound("no incident with id \(id)")
        }
        return incident
    }

    static func scope(_ version: IncidentVersionModel) throws -> IncidentScope {
        IncidentScope(try PictureStore.decodeState(version))
    }
}
