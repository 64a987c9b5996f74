import Fluent
import Foundation
import KnooppuntCore
import Vapor

/// Sessions, personal API tokens, organisations and users.
struct AccountsController: RouteCollection {
    func boot(routes: RoutesBuilder) throws {
        routes.post("session", use: openSession)
        routes.delete("session", use: closeSession)
        routes.get("me", use: me)
        routes.get("tokens", use: listTokens)
        routes.post("tokens", use: createToken)
        routes.delete("tokens", ":id", use: revokeToken)
        routes.get("organisations", use: organisations)
        routes.get("users", use: users)
        routes.post("users", use: createUser)
        routes.delete("users", ":username", "login-failures", use: unlockUser)
    }

    func openSession(req: Request) async throws -> Response {
        let body = try req.decodeStrict(SessionRequest.self)
        let sessions = SessionService(request: req)
        let issued = try await sessions.login(
            username: body.username, password: body.password, address: req.clientAddress, kind: .apiSession)
        let user = try await sessions.resolve(token: issued.token, via: .bearer).get()
        return try await SessionResponse(token: issued.token, expiresAt: issued.model.expiresAt, user: UserDTO(user))
            .encodeResponse(status: .created, for: req)
    }

    func closeSession(req: Request) async throws -> HTTPStatus {
        let user = try req.requireUserExplaining()
        try await SessionService(request: req).revoke(tokenID: user.tokenID, by: user, event: SessionClosed.self)
        return .noContent
    }

    func me(req: Request) async throws -> UserDTO {
        UserDTO(try req.requireUserExplaining())
    }

    func listTokens(req: Request) async throws -> [TokenDTO] {
        let user = try req.requireUserExplaining()
        return try await AccessTokenModel.query(on: req.db).filter(\.$user.$id == user.id)
            .filter(\.$kind == AccessTokenModel.Kind.personal.rawValue).filter(\.$revokedAt == nil)
            .sort(\.$createdAt).all().map { try TokenDTO($0) }
    }

    func createToken(req: Request) async throws -> Response {
        let user = try req.requireUserExplaining()
        let body = try req.decodeStrict(CreateTokenRequest.self)
        let sessions = SessionService(request: req)
        guard let owner = try await UserModel.find(user.id, on: req.db) else {
            throw Problem.unauthorized("the account no longer exists")
        }
        let issued = try await sessions.issue(
            for: owner, kind: .personal, name: body.name.trimmingCharacters(in: .whitespaces),
            lifetime: TimeInterval(body.expiresInDays) * 86_400, event: TokenCreated.self)
        return try await TokenDTO(issued.model, secret: issued.token).encodeResponse(status: .created, for: req)
    }

    func revokeToken(req: Request) async throws -> HTTPStatus {
        let user = try req.requireUserExplaining()
        guard let id = req.parameters.get("id").flatMap(UUID.init(uuidString:)) else {
            throw Problem.badRequest("the token id must be a UUID")
        }
        try await SessionService(request: req).revoke(tokenID: id, by: user, event: TokenRevoked.self)
        return .noContent
    }

    func organisations(req: Request) async throws -> [OrganisationDTO] {
        _ = try req.requireUserExplaining()
        return try await OrganisationModel.query(on: req.db).sort(\.$code).all().map(OrganisationDTO.init)
    }

    func users(req: Request) async throws -> [UserDTO] {
        _ = try req.requireUserExplaining()
        _ = try req.requireAdministrator()
        return try await UserModel.query(on: req.db).with(\.$organisation).sort(\.$username).all().map(UserDTO.init)
    }

    /// An administrator clears an account's failed logins from every address (the owner was slowed by
    /// someone else's failures, or by their own). Journaled as `account.unlocked`.
    func unlockUser(req: Request) async throws -> UnlockDTO {
        _ = try req.requireUserExplaining()
        let admin = try req.requireAdministrator()
        let name = (req.parameters.get("username") ?? "").lowercased()
        guard (try? Username(name)) != nil else { throw Problem.badRequest("'\(name.prefix(64))' is not a username") }
        let removed = try await AccountService(request: req).unlock(username: name, actor: .init(admin))
        return UnlockDTO(username: name, clearedFailures: removed)
    }

    func createUser(req: Request) async throws -> Response {
        _ = try req.requireUserExplaining()
        let admin = try req.requireAdministrator()
        let body = try req.decodeStrict(CreateUserRequest.self)
        guard let role = Role(rawValue: body.role) else { throw Problem.invalid("unknown role", field: "role") }
        let created = try await AccountService(request: req).createUser(
            username: body.username, displayName: body.displayName, organisationCode: body.organisation,
            role: role, password: body.password, actor: .init(admin))
        try await created.$organisation.load(on: req.db)
        return try await UserDTO(created).encodeResponse(status: .created, for: req)
    }
}

/// What an unlock cleared.
struct UnlockDTO: Content {
    let username: String
    let clearedFailures: Int
}
