import Fluent
import Foundation
import KnooppuntCore

/// The national partner registry: registrations, versioned by number, every change journaled.
struct PartnerStore {
    let db: Database
    let context: KnooppuntContext

    struct Entry: Sendable {
        let registration: PartnerRegistration
        let name: String
        let version: Int
        let updatedAt: Date
        let updatedBy: String
    }

    func all() async throws -> [Entry] {
        let names = try await Self.partnerNames(on: db)
        return try await PartnerRegistrationModel.query(on: db).sort(\.$organisationCode).all().map { model in
            try Self.entry(model, name: names[model.organisationCode] ?? model.organisationCode)
        }
    }

    func find(_ code: String) async throws -> Entry? {
        guard let model = try await PartnerRegistrationModel.query(on: db).filter(\.$organisationCode == code).first()
        else { return nil }
        let name = try await OrganisationModel.query(on: db).filter(\.$code == code).first()?.name ?? code
        return try Self.entry(model, name: name)
    }

    /// Registers a partner organisation (version 1), or replaces its registration when `baseVersion` is
    /// still current.
    func save(
        _ registration: PartnerRegistration, baseVersion: Int?, by author: PictureStore.Author,
        also: (@Sendable (Int) -> any JournalEvent)? = nil
    ) async throws -> Entry {
        try Self.check(registration)
        let code = registration.organisationCode
        let body = try CanonicalJSON.encode(registration)
        let at = Microseconds.from(context.clock.now())
        return try await context.write(on: db) { db in
            guard let organisation = try await OrganisationModel.query(on: db).filter(\.$code == code).first() else {
                throw Problem.notFound("no organisation with code '\(code)'")
            }
            guard organisation.kind != OrganisationKind.region.rawValue, organisation.kind != OrganisationKind.nationalNode.rawValue
            else {
                throw Problem.invalid("\(code) is a \(organisation.kind), not a crisis partner", field: "organisation")
            }
            let existing = try await PartnerRegistrationModel.query(on: db).filter(\.$organisationCode == code).first()
            let model: PartnerRegistrationModel
            switch (existing, baseVersion) {
            case (nil, nil):
                model = PartnerRegistrationModel(organisationCode: code, version: 1, body: body, updatedAt: at, updatedBy: author.username)
                try await model.create(on: db)
            case (nil, .some):
                throw Problem.notFound("\(code) is not registered yet; register it without baseVersion")
            case (.some, nil):
                throw Problem.conflict("\(code) is registered already; change it with its baseVersion")
            case (.some(let current), .some(let base)):
                try PictureStore.checkBase(base, current.version, what: "registration")
                guard current.body != body else { throw Problem.invalid("the change leaves the registration as it was") }
                current.version += 1
                current.body = body
                current.updatedAt = at
                current.updatedBy = author.username
                try await current.update(on: db)
                model = current
            }
            let payload = PartnerRegistrationPayload(partner: code, version: model.version, registration: registration)
            let event: any JournalEvent = model.version == 1 ? PartnerRegistered(payload) : PartnerUpdated(payload)
            try await Journal.append(event, on: db, actor: author.username, organisation: author.organisation)
            if let also { try await Journal.append(also(model.version), on: db, actor: author.username, organisation: author.organisation) }
            return try Self.entry(model, name: organisation.name)
        }
    }

    static func check(_ registration: PartnerRegistration) throws {
        do throws(PartnerRuleViolation) {
            try PartnerRules.validate(registration)
        } catch {
            throw Problem.invalid(error.message, field: error.field)
        }
    }

    static func entry(_ model: PartnerRegistrationModel, name: String) throws -> Entry {
        Entry(
            registration: try model.registration(), name: name, version: model.version,
            updatedAt: Microseconds.date(model.updatedAt), updatedBy: model.updatedBy)
    }

    static func partnerNames(on db: Database) async throws -> [String: String] {
        Dictionary(
            try await OrganisationModel.query(on: db).all().map { ($0.code, $0.name) }, uniquingKeysWith: { first, _ in first })
    }
}
