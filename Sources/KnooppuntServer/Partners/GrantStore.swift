import Fluent
import Foundation
import KnooppuntCore
import Vapor

/// Grants of access to an incident: links of partners under their profile, standby admissions,
/// disconnections and break-glass openings. Every change is journaled on the incident, so live streams
/// re-check access at once.
struct GrantStore {
    let db: Database
    let context: KnooppuntContext

    /// The longest the chair may open an incident for at once.
    static let breakGlassLimit: TimeInterval = 24 * 3600

    struct NewGrant: Sendable {
        var organisation: String
        var kind: AccessGrant.Kind
        var purpose: String
        var until: Date
        var status: PartnerStatus
        var maxClassification: Classification?
        var readScope: ReadScope? = nil
        var underMandateOf: Theme? = nil
        /// An ad-hoc-aansluiting: the detached HIN and the conditions (decision 0027 §6).
        var detachedHIN: String? = nil
        var conditions: String? = nil
        /// An ad-hoc-aansluiting with an organisation met for the first time: recorded with the grant.
        var newOrganisationName: String? = nil

        var username: String? {
            if case .temporaryAccount(let username) = kind { return username }
            return nil
        }

        /// The kind of grant decides the kind of event that journals it.
        func event(_ payload: GrantPayload) -> any JournalEvent {
            switch kind {
            case .link: AccessGranted(payload)
            case .breakGlass: AccessBreakGlass(payload)
            case .temporaryAccount: AccessTemporaryAccount(payload)
            }
        }
    }

    func grants(of incident: UUID) async throws -> [AccessGrantModel] {
        try await AccessGrantModel.query(on: db).filter(\.$incidentID == incident).sort(\.$validFrom).all()
    }

    /// `purposeField`: the request field the purpose came from ("reason" when the chair breaks the glass).
    func create(
        _ new: NewGrant, incident: UUID, by author: PictureStore.Author, purposeField: String = "purpose"
    ) async throws -> AccessGrantModel {
        let now = context.clock.now()
        try Self.check(new, now: now, purposeField: purposeField)
        return try await context.write(on: db) { db in
            try await Self.insert(new, incident: incident, by: author, now: now, on: db)
        }
    }

    /// The chair breaks the glass for at most 24 hours.
    static func checkBreakGlass(until: Date, now: Date) throws {
        guard until > now else { throw Problem.invalid("'until' must be in the future", field: "until") }
        guard until <= now.addingTimeInterval(breakGlassLimit) else {
            throw Problem.invalid("the glass is broken for at most 24 hours; the chair can do it again with a new reason", field: "until")
        }
    }

    /// The checks every new grant passes: an end in the future, at most 90 days ahead, a purpose.
    static func check(_ new: NewGrant, now: Date, purposeField: String = "purpose") throws {
        guard new.until > now else { throw Problem.invalid("'until' must be in the future", field: "until") }
        guard new.until <= now.addingTimeInterval(90 * 86_400) else {
            throw Problem.invalid("a grant lasts at most 90 days; extend it later if needed", field: "until")
        }
        _ = try why(new.purpose, field: purposeField)
    }

    /// Every opening of access says why, in 3 to 500 characters; the text, trimmed.
    static func why(_ text: String, field: String) throws -> String {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (3...500).contains(trimmed.unicodeScalars.count) else {
            throw Problem.invalid("'\(field)' must say why (3 to 500 characters)", field: field)
        }
        return trimmed
    }

    /// Stores a checked grant and journals it, inside the caller's write transaction.
    static func insert(
        _ new: NewGrant, incident: UUID, by author: PictureStore.Author, now: Date, on db: Database
    ) async throws -> AccessGrantModel {
        let open = try await AccessGrantModel.query(on: db).filter(\.$incidentID == incident)
            .filter(\.$organisationCode == new.organisation).filter(\.$revokedAt == nil).all()
            .filter { $0.validUntil > Microseconds.from(now) && $0.kind == Self.kindName(new.kind) }
            .filter { $0.username == nil || $0.username == new.username }
        if !open.isEmpty {
            throw Problem.conflict("\(new.organisation) already has this access to the incident; change or end that grant")
        }
        if let name = new.newOrganisationName, try await OrganisationModel.query(on: db).filter(\.$code == new.organisation).count() == 0 {
            try await OrganisationModel(code: new.organisation, name: name, kind: OrganisationKind.other.rawValue, regionCode: nil).create(on: db)
            try await Journal.append(
                OrganisationCreated(code: new.organisation, name: name, kind: OrganisationKind.other.rawValue), on: db,
                actor: author.username, organisation: author.organisation)
        }
        let model = AccessGrantModel()
        model.incidentID = incident
        model.organisationCode = new.organisation
        model.kind = Self.kindName(new.kind)
        if case .link(let profile) = new.kind { model.profile = profile.rawValue }
        model.username = new.username
        model.purpose = new.purpose.trimmingCharacters(in: .whitespacesAndNewlines)
        model.status = new.status.rawValue
        model.maxClassification = (new.maxClassification ?? AccessGrant.defaultClassification(for: new.kind)).rawValue
        model.readScope = try Self.scopeText(new.readScope, kind: new.kind)
        model.underMandateOf = new.underMandateOf?.description
        model.detachedHIN = new.detachedHIN
        model.conditions = new.conditions
        model.validFrom = Microseconds.from(now)
        model.validUntil = Microseconds.from(new.until)
        model.grantedBy = author.username
        model.grantedByOrganisation = author.organisation
        try await model.create(on: db)
        try await Journal.append(
            new.event(try GrantPayload(incident: incident, model)), on: db, actor: author.username,
            organisation: author.organisation, incident: incident)
        return model
    }

    /// Changes a grant that is still in force: its status (admit or invite a standby partner), its end.
    func change(
        _ id: UUID, incident: UUID, status: PartnerStatus?, until: Date?, readScope: ReadScope? = nil, by author: PictureStore.Author
    ) async throws -> AccessGrantModel {
        let now = context.clock.now()
        if let until, until <= now { throw Problem.invalid("'until' must be in the future", field: "until") }
        return try await context.write(on: db) { db in
            let model = try await Self.inForce(id, incident: incident, at: now, on: db)
            let kind = try model.grant().kind
            // Only a standby link waits in monitoring; every other grant is active while it runs.
            if let status, status != .active || model.status != PartnerStatus.active.rawValue {
                guard case .link(.standby) = kind else {
                    throw Problem.invalid("'status' is changed on a standby link only; other grants are active while they run", field: "status")
                }
                model.status = status.rawValue
            }
            if let until {
                // The same ceiling as when the grant was made: 24 hours for the chair's opening, 90 days for the rest.
                if kind == .breakGlass { try Self.checkBreakGlass(until: until, now: now) }
                guard until <= now.addingTimeInterval(90 * 86_400) else {
                    throw Problem.invalid("a grant lasts at most 90 days from now; extend it again later if needed", field: "until")
                }
                model.validUntil = Microseconds.from(until)
            }
            if let readScope { model.readScope = try Self.scopeText(readScope, kind: kind) }
            guard model.hasChanges else { throw Problem.invalid("the change leaves the grant as it was") }
            try await model.update(on: db)
            try await Journal.append(
                AccessChanged(try GrantPayload(incident: incident, model)), on: db, actor: author.username,
                organisation: author.organisation, incident: incident)
            return model
        }
    }

    /// Ends a grant now (ontkoppelen); access stops at once.
    func revoke(_ id: UUID, incident: UUID, by author: PictureStore.Author) async throws -> AccessGrantModel {
        let now = context.clock.now()
        return try await context.write(on: db) { db in
            let model = try await Self.inForce(id, incident: incident, at: now, on: db)
            model.revokedAt = Microseconds.from(now)
            model.revokedBy = author.username
            try await model.update(on: db)
            try await Journal.append(
                AccessRevoked(try GrantPayload(incident: incident, model)), on: db, actor: author.username,
                organisation: author.organisation, incident: incident)
            return model
        }
    }

    private static func inForce(_ id: UUID, incident: UUID, at now: Date, on db: Database) async throws -> AccessGrantModel {
        guard let model = try await AccessGrantModel.find(id, on: db), model.incidentID == incident else {
            throw Problem.notFound("no grant with id \(id) on this incident")
        }
        guard try model.grant().isActive(at: now) else {
            throw Problem.conflict("the grant has ended already")
        }
        return model
    }

    /// A read scope is set on a standby link only: every other grant reads as its profile says (decision 0027 §7).
    static func scopeText(_ scope: ReadScope?, kind: AccessGrant.Kind) throws -> String? {
        guard let scope else { return nil }
        guard case .link(.standby) = kind else {
            throw Problem.invalid("'readScope' is set on a standby link only; other grants read as their profile says", field: "readScope")
        }
        return scope.text
    }

    static func kindName(_ kind: AccessGrant.Kind) -> String {
        switch kind {
        case .link: "link"
        case .temporaryAccount: "temporary-account"
        case .breakGlass: "break-glass"
        }
    }
}

struct AccessGrantDTO: Content {
    var id: UUID
    var organisation: String
    var kind: String
    var profile: CollaborationProfile?
    var username: String?
    var purpose: String
    var status: PartnerStatus
    var maxClassification: Classification
    var validFrom: Date
    var validUntil: Date
    var revokedAt: Date?
    var revokedBy: String?
    var grantedBy: String
    var grantedByOrganisation: String
    /// An admitted standby partner's read scope (decision 0027 §7): summary, whole, or themes:….
    var readScope: ReadScope?
    /// A standby partner brought in through another party's process: that party's theme ("bevolkingszorg",
    /// "partner:RWS"), decision 0027 §9.
    var underMandateOf: String?
    /// An ad-hoc-aansluiting (decision 0027 §6): the username of the HIN the region detached to the partner.
    var detachedHIN: String?
    /// An ad-hoc-aansluiting: the conditions the region set.
    var conditions: String?

    init(_ model: AccessGrantModel) throws {
        id = try model.requireID()
        organisation = model.organisationCode
        kind = model.kind
        profile = model.profile.flatMap(CollaborationProfile.init(rawValue:))
        username = model.username
        purpose = model.purpose
        status = PartnerStatus(rawValue: model.status) ?? .monitoring
        maxClassification = Classification(rawValue: model.maxClassification) ?? .public
        validFrom = Microseconds.date(model.validFrom)
        validUntil = Microseconds.date(model.validUntil)
        revokedAt = model.revokedAt.map(Microseconds.date)
        revokedBy = model.revokedBy
        grantedBy = model.grantedBy
        grantedByOrganisation = model.grantedByOrganisation
        readScope = model.readScope.flatMap { ReadScope(text: $0) }
        underMandateOf = model.underMandateOf
        detachedHIN = model.detachedHIN
        conditions = model.conditions
    }
}

extension GrantPayload {
    /// The grant as it stands, for the event that journals its change.
    init(incident: UUID, _ model: AccessGrantModel) throws {
        let dto = try AccessGrantDTO(model)
        self.init(
            incident: incident,
            grant: Grant(
                id: dto.id, organisation: dto.organisation, kind: dto.kind, profile: dto.profile, username: dto.username,
                purpose: dto.purpose, status: dto.status, maxClassification: dto.maxClassification, validFrom: dto.validFrom,
                validUntil: dto.validUntil, revokedAt: dto.revokedAt, revokedBy: dto.revokedBy, grantedBy: dto.grantedBy,
                grantedByOrganisation: dto.grantedByOrganisation, readScope: dto.readScope, underMandateOf: dto.underMandateOf,
                detachedHIN: dto.detachedHIN, conditions: dto.conditions))
    }
}
