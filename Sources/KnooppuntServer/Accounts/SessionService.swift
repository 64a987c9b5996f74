import Fluent
import Foundation
import KnooppuntCore
import Vapor

/// Logging in and out, and turning a bearer token or session cookie back into a user.
struct SessionService: Sendable {
    let accounts: AccountService
    var db: Database { accounts.db }
    var context: KnooppuntContext { accounts.context }

    init(request: Request) {
        accounts = AccountService(request: request)
    }

    /// A token just issued: the secret goes to the client once, the model is what is stored.
    struct Issued: Sendable {
        let token: String
        let model: AccessTokenModel
    }

    /// Checks the password, applying the login throttle, and opens a session of the given kind.
    func login(username: String, password: String, address: String, kind: AccessTokenModel.Kind) async throws -> Issued {
        let now = context.clock.now()
        let key = username.lowercased()
        // No account has a longer name; a longer one is refused before any work and is not journaled.
        guard key.count <= 64, !key.utf8.contains(where: InputHygieneMiddleware.isRefusedControl) else {
            throw Problem.unauthorized("unknown username or wrong password, or the account is disabled")
        }
        if let wait = try await LoginAttempts.retryAfter(username: key, address: address, now: now, on: db) {
            throw Problem.tooManyRequests(
                "too many failed logins; try again in \(wait) seconds", retryAfter: wait)
        }
        let user = try await UserModel.query(on: db).filter(\.$username == key).first()
        // Verify against a real hash even for unknown users, so timing does not reveal which names exist.
        let storedHash: String
        if let user {
            storedHash = user.passwordHash
        } else {
            storedHash = try await context.decoyPasswordHash()
        }
        let valid = try await accounts.verify(password, against: storedHash)
        guard let user, valid, user.isActive(at: now) else {
            _ = try await context.write(on: db) { db in
                try await LoginAttempts.recordFailure(username: key, address: address, now: now, on: db)
                try await Journal.append(
                    SessionLoginFailed(username: key, address: address), on: db, actor: key, organisation: "unknown")
            }
            throw Problem.unauthorized("unknown username or wrong password, or the account is disabled")
        }
        try await context.write(on: db) { db in try await LoginAttempts.recordSuccess(username: key, address: address, on: db) }
        let lifetime = context.configuration.sessionLifetime
        return try await issue(for: user, kind: kind, name: kind.rawValue, lifetime: lifetime, event: SessionOpened.self)
    }

    /// Issues a token for `user` and journals it as `event` (a login, or a personal token).
    func issue(
        for user: UserModel, kind: AccessTokenModel.Kind, name: String, lifetime: TimeInterval,
        event: any ShapedJournalEvent<TokenIssuedPayload>.Type
    ) async throws -> Issued
    {
        let token = Tokens.generate()
        let now = context.clock.now()
        let model = AccessTokenModel(
            userID: try user.requireID(), kind: kind, name: name, tokenHash: Tokens.digest(token), createdAt: now,
            expiresAt: now.addingTimeInterval(lifetime))
        let organisation = try await user.$organisation.get(on: db).code
        try await context.write(on: db) { db in
            try await model.create(on: db)
            try await Journal.append(
                event.init(TokenIssuedPayload(kind: kind.rawValue, name: name, token: model.id?.uuidString ?? "")), on: db,
                actor: user.username, organisation: organisation)
        }
        return Issued(token: token, model: model)
    }

    /// Revokes a token (logout or a user withdrawing a personal token).
    func revoke(tokenID: UUID, by user: CurrentUser, event: any ShapedJournalEvent<TokenRevokedPayload>.Type) async throws {
        try await context.write(on: db) { db in
            guard let token = try await AccessTokenModel.find(tokenID, on: db), token.$user.id == user.id,
                token.revokedAt == nil
            else { throw Problem.notFound("no active token with id \(tokenID)") }
            token.revokedAt = context.clock.now()
            try await token.update(on: db)
            try await Journal.append(
                event.init(TokenRevokedPayload(kind: token.kind, token: tokenID.uuidString)), on: db, actor: user.username,
                organisation: user.organisationCode)
        }
    }

    /// Whether a token (by id) still authenticates: not revoked, not expired, its user not disabled.
    static func isActive(_ tokenID: UUID, on db: Database, now: Date) async throws -> Bool {
        try await active([tokenID], on: db, now: now).contains(tokenID)
    }

    /// Which of these tokens still authenticate, in one query per 500 (the live streams' session check).
    static func active(_ tokenIDs: [UUID], on db: Database, now: Date) async throws -> Set<UUID> {
        var active = Set<UUID>()
        for start in stride(from: 0, to: tokenIDs.count, by: 500) {
            let chunk = Array(tokenIDs[start..<min(start + 500, tokenIDs.count)])
            for token in try await AccessTokenModel.query(on: db).filter(\.$id ~~ chunk).with(\.$user).all()
            where token.revokedAt == nil && token.expiresAt > now && token.user.isActive(at: now) {
                if let id = token.id { active.insert(id) }
            }
        }
        return active
    }

    /// Why a presented token does not authenticate.
    enum Rejection: Error, Sendable {
        case unknown, expired, revoked, disabled

        var message: String {
            switch self {
            case .unknown: "the token is not valid"
            case .expired: "the session has expired; log in again"
            case .revoked: "the token has been revoked"
            case .disabled: "the account is disabled"
            }
        }
    }

    /// The user a token belongs to, if it is active.
    func resolve(token: String, via credential: CurrentUser.Credential) async throws -> Result<CurrentUser, Rejection> {
        guard token.hasPrefix(Tokens.prefix) else { return .failure(.unknown) }
        let digest = Tokens.digest(token)
        let cacheKey = "\(credential == .cookie ? "c" : "b"):\(digest)"
        if let cached = context.sessions.user(for: cacheKey, at: context.clock.now()) { return .success(cached) }
        let generation = context.sessions.generation
        guard let stored = try await AccessTokenModel.query(on: db).filter(\.$tokenHash == digest)
            .with(\.$user, { $0.with(\.$organisation) }).first()
        else { return .failure(.unknown) }
        // A session cookie must not be replayed as a bearer token, nor the other way round.
        let expectedKinds: Set<String> =
            credential == .cookie
            ? [AccessTokenModel.Kind.webSession.rawValue]
            : [AccessTokenModel.Kind.apiSession.rawValue, AccessTokenModel.Kind.personal.rawValue]
        guard expectedKinds.contains(stored.kind) else { return .failure(.unknown) }
        guard stored.revokedAt == nil else { return .failure(.revoked) }
        let now = context.clock.now()
        guard stored.expiresAt > now else { return .failure(.expired) }
        let user = stored.user
        guard user.isActive(at: now) else { return .failure(.disabled) }
        if stored.lastUsedAt.map({ now.timeIntervalSince($0) > 300 }) ?? true {
            // Coarse on purpose: one small write per token every five minutes at most.
            try await AccessTokenModel.query(on: db).filter(\.$id == stored.requireID()).set(\.$lastUsedAt, to: now)
                .update()
        }
        guard let role = Role(rawValue: user.role), let kind = OrganisationKind(rawValue: user.organisation.kind) else {
            return .failure(.unknown)
        }
        // The header's link to the bestuurlijk overzicht; the registers are asked only where the role does not say.
        var bearsAuthority = BestuurOverview.bestuurRoles.contains(role)
        if !bearsAuthority, !role.belongsToPartner, !role.isEmergencyAccount, !role.isAdministrator {
            bearsAuthority = try await GovernanceDirectory.bearsOfficeOrMandate(user.username, on: db, at: now)
        }
        let resolved = CurrentUser(
            id: try user.requireID(), username: user.username, displayName: user.displayName, role: role,
            organisationCode: user.organisation.code, organisationName: user.organisation.name,
            organisationKind: kind, regionCode: user.organisation.regionCode, tokenID: try stored.requireID(),
            credential: credential,
            overseenRegions: role == .commissarisVanDeKoning
                ? try await GovernanceDirectory.overseenRegions(of: user.username, on: db, at: now) : [],
            bearsAuthority: bearsAuthority, onNationalNode: context.configuration.role == .national)
        // The regions a commissaris oversees follow dated appointments: read them afresh every time.
        if role != .commissarisVanDeKoning {
            let until = [now.addingTimeInterval(SessionCache.lifetime), stored.expiresAt, user.validUntil ?? .distantFuture].min()!
            context.sessions.store(resolved, for: cacheKey, until: until, generation: generation)
        }
        return .success(resolved)
    }
}
