import Fluent
import Foundation
import KnooppuntCore
import Vapor

/// The logged-in user a request acts for, with their organisation.
struct CurrentUser: Authenticatable, Sendable {
    let id: UUID
    let username: String
    let displayName: String
    let role: Role
    let organisationCode: String
    let organisationName: String
    let organisationKind: OrganisationKind
    let regionCode: String?
    /// The credential used, so logout can revoke it.
    let tokenID: UUID
    let credential: Credential
    /// A commissaris van de Koning's province regions (office register), for the access policy.
    var overseenRegions: Set<RegionCode> = []
    /// Whether the header links the bestuurlijk overzicht: a burgemeester, voorzitter, minister or
    /// commissaris van de Koning, or anyone bearing an office or holding a mandate in force.
    var bearsAuthority = false
    /// Whether this server is the national node (KCR2): there the menu leads to the national pages, as
    /// the local incident list and map hold nothing of the regions' incidents (decision 0023).
    var onNationalNode = false

    /// Staff of the national node's own organisation on the national node server itself.
    var usesNationalMenu: Bool { onNationalNode && organisationKind == .nationalNode && !role.isAdministrator }

    enum Credential: Sendable { case cookie, bearer }
}

extension Request {
    /// The logged-in user, or a 401 naming what is missing.
    func requireUser() throws -> CurrentUser {
        guard let user = auth.get(CurrentUser.self) else {
            throw Problem.unauthorized("authentication required: log in or send 'Authorization: Bearer <token>'")
        }
        return user
    }

    /// The logged-in user if they are an administrator; 403 otherwise.
    func requireAdministrator() throws -> CurrentUser {
        let user = try requireUser()
        guard user.role.isAdministrator else {
            throw Problem.forbidden("only an administrator (beheerder) may do this; you are \(user.role.label.en)")
        }
        return user
    }
}

/// Users acting outside a request: the command line, schedules.
enum Subjects {
    /// The access-policy subject of an active user; 404 when there is none.
    static func active(_ username: String, on db: Database, at now: Date) async throws -> Subject {
        guard let user = try await UserModel.query(on: db).filter(\.$username == username).with(\.$organisation).first(),
              user.isActive(at: now)
        else { throw Problem.notFound("no active user '\(username)'") }
        guard let role = Role(rawValue: user.role), let kind = OrganisationKind(rawValue: user.organisation.kind) else {
            throw Problem.invalid("user '\(username)' has an unknown role or organisation kind")
        }
        return Subject(
            username: user.username, role: role, organisationCode: user.organisation.code, organisationKind: kind,
            regionCode: user.organisation.regionCode.flatMap(RegionCode.init),
            overseenRegions: role == .commissarisVanDeKoning
                ? try await GovernanceDirectory.overseenRegions(of: user.username, on: db, at: now) : [])
    }
}
