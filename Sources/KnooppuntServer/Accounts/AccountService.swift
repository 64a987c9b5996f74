import Fluent
import Foundation
import KnooppuntCore
import Vapor

/// Creating, changing and authenticating accounts. Every change is journaled in its transaction.
struct AccountService: Sendable {
    let db: Database
    let context: KnooppuntContext
    let threadPool: NIOThreadPool

    init(application: Application) {
        db = application.db
        context = application.knooppunt
        threadPool = application.threadPool
    }

    init(request: Request) {
        self.init(application: request.application)
    }

    /// Who did it, for the journal.
    struct Actor: Sendable {
        let name: String
        let organisation: String
        static let commandLine = Actor(name: "cli", organisation: "system")
        init(name: String, organisation: String) {
            self.name = name
            self.organisation = organisation
        }
        init(_ user: CurrentUser) {
            self.init(name: user.username, organisation: user.organisationCode)
        }
    }

    func hash(_ password: String) async throws -> String {
        let cost = context.configuration.bcryptCost
        return try await threadPool.runIfActive { try Bcrypt.hash(password, cost: cost) }
    }

    func verify(_ password: String, against hash: String) async throws -> Bool {
        try await threadPool.runIfActive { try Bcrypt.verify(password, created: hash) }
    }

    /// Creates a user; `passwordHash` lets the demo reuse one hash for many accounts.
    @discardableResult
    func createUser(
        username: String, displayName: String, organisationCode: String, role: Role, password: String? = nil,
        passwordHash: String? = nil, validUntil: Date? = nil, newOrganisationName: String? = nil, actor: Actor,
        alongside: (@Sendable (Database, UserModel) async throws -> Void)? = nil
    ) async throws -> UserModel {
        let name: Username
        do { name = try Username(username) } catch { throw Problem.invalid(error.message, field: "username") }
        let trimmedName = displayName.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (1...200).contains(trimmedName.count) else {
            throw Problem.invalid("display name must be 1 to 200 characters long", field: "displayName")
        }
        if let password {
            do { try PasswordPolicy.check(password) } catch { throw Problem.invalid(error.message, field: "password") }
        }
        let storedHash: String
        if let passwordHash {
            storedHash = passwordHash
        } else if let password {
            storedHash = try await hash(password)
        } else {
            throw Problem.invalid("a password is required", field: "password")
        }
        return try await context.write(on: db) { db in
            var found = try await OrganisationModel.query(on: db).filter(\.$code == organisationCode).first()
            if found == nil, let newOrganisationName {
                // An ad-hoc partner that was not known yet.
                let created = OrganisationModel(
                    code: organisationCode, name: newOrganisationName, kind: OrganisationKind.other.rawValue, regionCode: nil)
                try await created.create(on: db)
                try await Journal.append(
                    OrganisationCreated(code: organisationCode, name: newOrganisationName, kind: OrganisationKind.other.rawValue),
                    on: db, actor: actor.name, organisation: actor.organisation)
                found = created
            }
            guard let organisation = found, let organisationID = organisation.id
            else { throw Problem.invalid("no organisation with code '\(organisationCode)'", field: "organisation") }
            if role.isEmergencyAccount, organisation.kind != OrganisationKind.region.rawValue {
                throw Problem.invalid(
                    "an emergency account (noodaccount) belongs to one safety region, e.g. --organisation VR13", field: "organisation")
            }
            // The liaison is the partner's person; region staff who enter for partners are HIN gedetacheerd (0027 §8).
            let inRegion = organisation.kind == OrganisationKind.region.rawValue
            if role == .liaison, inRegion || organisation.kind == OrganisationKind.nationalNode.rawValue {
                throw Problem.invalid(
                    "a liaison belongs to a crisis partner; region staff who enter information for partners are hin-gedetacheerd",
                    field: "role")
            }
            let atMeldkamer = organisation.kind == OrganisationKind.meldkamer.rawValue
            if (role == .calamiteitencoordinator) != atMeldkamer {
                throw Problem.invalid(
                    atMeldkamer
                        ? "at a meldkamer Knooppunt knows only the calamiteitencoördinator (role calamiteitencoordinator)"
                        : "a calamiteitencoördinator belongs to a meldkamer, e.g. --organisation MK-AA",
                    field: atMeldkamer ? "role" : "organisation")
            }
            if role == .hinGedetacheerd, !inRegion {
                throw Problem.invalid("a HIN gedetacheerd is staff of a safety region, e.g. --organisation VR13", field: "organisation")
            }
            guard try await UserModel.query(on: db).filter(\.$username == name.rawValue).count() == 0 else {
                throw Problem.conflict("a user named '\(name)' already exists")
            }
            let user = UserModel(
                username: name.rawValue, displayName: trimmedName, organisationID: organisationID, role: role.rawValue,
                passwordHash: storedHash)
            user.validUntil = validUntil
            try await user.create(on: db)
            try await Journal.append(
                UserCreated(
                    username: name.rawValue, organisation: organisationCode, role: role.rawValue,
                    validUntil: validUntil.map(JournalTime.string)),
                on: db, actor: actor.name, organisation: actor.organisation)
            try await alongside?(db, user)
            return user
        }
    }

    func setPassword(username: String, password: String, actor: Actor) async throws {
        do { try PasswordPolicy.check(password) } catch { throw Problem.invalid(error.message, field: "password") }
        let newHash = try await hash(password)
        try await context.write(on: db) { db in
            let user = try await Self.find(username, on: db)
            user.passwordHash = newHash
            try await user.update(on: db)
            // A new password ends every session the old one opened.
            try await revokeAll(of: user, on: db)
            try await Journal.append(
                UserPasswordChanged(username: username), on: db, actor: actor.name, organisation: actor.organisation)
        }
    }

    func disable(username: String, actor: Actor) async throws {
        try await context.write(on: db) { db in
            let user = try await Self.find(username, on: db)
            guard user.disabledAt == nil else { throw Problem.conflict("user '\(username)' is already disabled") }
            user.disabledAt = context.clock.now()
            try await user.update(on: db)
            try await revokeAll(of: user, on: db)
            try await Journal.append(
                UserDisabled(username: username), on: db, actor: actor.name, organisation: actor.organisation)
        }
    }

    /// Clears the account's failed logins from every address; journaled as `account.unlocked`.
    /// Returns how many recorded failures were removed.
    func unlock(username: String, actor: Actor) async throws -> Int {
        let name = username.lowercased()
        return try await context.write(on: db) { db in
            _ = try await Self.find(name, on: db)
            let removed = try await LoginAttempts.unlock(username: name, on: db)
            try await Journal.append(
                AccountUnlocked(username: name, failures: String(removed)), on: db, actor: actor.name,
                organisation: actor.organisation)
            return removed
        }
    }

    static func find(_ username: String, on db: Database) async throws -> UserModel {
        guard let user = try await UserModel.query(on: db).filter(\.$username == username).first() else {
            throw Problem.notFound("no user named '\(username)'")
        }
        return user
    }

    private func revokeAll(of user: UserModel, on db: Database) async throws {
        try await AccessTokenModel.query(on: db).filter(\.$user.$id == user.requireID()).filter(\.$revokedAt == nil)
            .set(\.$revokedAt, to: context.clock.now()).update()
    }
}
