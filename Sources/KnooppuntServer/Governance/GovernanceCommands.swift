import Fluent
import Foundation
import KnooppuntCore
import Vapor

/// An office of the bestuur, as sent: `burgemeester:GM0363`, `voorzitter:VR13`, `minister:jenv`, `cdk:PV27`.
struct OfficeCode: Codable, Sendable, Hashable {
    let office: AuthorityOffice

    init(_ office: AuthorityOffice) { self.office = office }

    init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let office = AuthorityOffice(code: text) else {
            throw DecodingError.dataCorrupted(.init(
                codingPath: decoder.codingPath,
                debugDescription: "'\(text.prefix(40))' is not an office: burgemeester:GMnnnn, voorzitter:VRnn, minister:\(Minister.allCases.map(\.rawValue).joined(separator: "|")) or cdk:PVnn"))
        }
        self.office = office
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(office.code)
    }
}

struct AssignOfficeInput: StrictDecodable {
    var username: String
    var office: OfficeCode
    var validFrom: Date?
    enum CodingKeys: String, CodingKey, CaseIterable { case username, office, validFrom }
}

struct GrantMandateInput: StrictDecodable {
    var mandatary: String
    var office: OfficeCode
    var matters: [GovernanceMatter]
    var validFrom: Date?
    var validUntil: Date?
    var note: String?
    enum CodingKeys: String, CodingKey, CaseIterable { case mandatary, office, matters, validFrom, validUntil, note }

    func validate() throws {
        guard (1...GovernanceMatter.allCases.count).contains(matters.count), Set(matters).count == matters.count else {
            throw Problem.invalid("'matters' names each matter once: \(GovernanceMatter.allCases.map(\.rawValue).joined(separator: ", "))", field: "matters")
        }
        if let validFrom, let validUntil, validUntil <= validFrom {
            throw Problem.invalid("'validUntil' must come after 'validFrom'", field: "validUntil")
        }
        if let note { try IncidentRequest.checked { () throws(PictureRuleViolation) in try RecordRules.text(note, field: "note", maximum: 1000) } }
    }
}

/// One row of the office register as the API shows it.
struct OfficeView: Content {
    var id: UUID
    var username: String
    var displayName: String
    var office: String
    /// "de burgemeester van Amsterdam"
    var name: AuthorityView.LabelText
    var validFrom: Date
    var endedAt: Date?
}

struct MandateView: Content {
    var id: UUID
    var mandatary: String
    var mandataryName: String
    var office: String
    var officeName: AuthorityView.LabelText
    var matters: [GovernanceMatter]
    var validFrom: Date
    var validUntil: Date?
    var note: String?
    var grantedBy: String
    var withdrawnAt: Date?
    /// In force now: started, not expired, not withdrawn.
    var inForce: Bool
}

/// The office and mandate registers: administrators record who holds an office; the bearer of an
/// office records whom it mandates, for which matters and how long; everything is journaled.
struct GovernanceCommands {
    let user: CurrentUser
    let db: Database
    let context: KnooppuntContext

    init(_ req: Request) throws {
        user = try req.requireUser()
        db = req.db
        context = req.knooppunt
    }

    var now: Date { context.clock.now() }

    /// Offices and mandates are read by the people of the crisis organisation, the Rijk and the
    /// administrators; crisis partners and emergency accounts are refused.
    func requireReader() throws {
        guard !user.role.isEmergencyAccount, !user.role.belongsToPartner else {
            throw Problem.forbidden("the office and mandate registers are read by the crisis organisation and the bestuur")
        }
    }

    func offices() async throws -> [OfficeView] {
        try requireReader()
        let rows = try await OfficeModel.query(on: db).sort(\.$code).sort(\.$validFrom).all()
        return try await views(rows)
    }

    func views(_ rows: [OfficeModel]) async throws -> [OfficeView] {
        let names = try await GovernanceDirectory.Names.load(on: db)
        let people = try await PeopleNames.load(usernames: rows.map(\.username), organisations: [], on: db)
        return rows.compactMap { row in
            guard let id = row.id, let office = row.office else { return nil }
            let name = names.callName(office.label)
            return OfficeView(
                id: id, username: row.username, displayName: people.person(row.username) ?? row.username, office: row.code,
                name: .init(nl: name.nl, en: name.en), validFrom: Microseconds.date(row.validFrom), endedAt: row.endedAt.map(Microseconds.date))
        }
    }

    func assignOffice(_ input: AssignOfficeInput) async throws -> OfficeView {
        _ = try requireAdministrator()
        let office = input.office.office
        try await requireReference(office)
        let at = now
        let validFrom = input.validFrom ?? at
        let actor = AccountService.Actor(user)
        let row = try await context.write(on: db) { db in
            try await Self.recordOffice(office, for: input.username, from: validFrom, by: actor, at: at, on: db)
        }
        return try await views([row])[0]
    }

    /// Records that `username` holds `office` from `validFrom`, inside a write the caller holds.
    static func recordOffice(
        _ office: AuthorityOffice, for username: String, from validFrom: Date, by actor: AccountService.Actor, at: Date, on db: Database
    ) async throws -> OfficeModel {
        guard let person = try await UserModel.query(on: db).filter(\.$username == username).first(), person.isActive(at: at) else {
            throw Problem.invalid("'username': no active user '\(username.prefix(60))'", field: "username")
        }
        let held = try await OfficeModel.query(on: db).filter(\.$username == person.username).filter(\.$code == office.code).all()
        guard !held.contains(where: { $0.endedAt == nil }) else {
            throw Problem.conflict("\(person.displayName) holds this office already")
        }
        let row = OfficeModel()
        row.id = NewID.next()
        row.username = person.username
        row.code = office.code
        row.validFrom = Microseconds.from(validFrom)
        row.recordedBy = actor.name
        row.recordedAt = Microseconds.from(at)
        try await row.create(on: db)
        try await Journal.append(
            OfficeAssigned(office: try row.requireID(), username: person.username, code: office.code, validFrom: JournalTime.string(from: validFrom)),
            on: db, actor: actor.name, organisation: actor.organisation)
        return row
    }

    func endOffice(_ id: UUID) async throws -> OfficeView {
        _ = try requireAdministrator()
        let at = now
        let row = try await context.write(on: db) { db in
            guard let row = try await OfficeModel.find(id, on: db) else { throw Problem.notFound("no office record \(id)") }
            guard row.endedAt == nil else { throw Problem.conflict("this office record has ended already") }
            row.endedAt = Microseconds.from(at)
            try await row.update(on: db)
            try await Journal.append(
                OfficeEnded(office: id, username: row.username, code: row.code), on: db, actor: user.username,
                organisation: user.organisationCode)
            return row
        }
        return try await views([row])[0]
    }

    private func requireAdministrator() throws -> CurrentUser {
        guard user.role.isAdministrator else {
            throw Problem.forbidden("only an administrator (beheerder) records who holds an office")
        }
        return user
    }

    /// The gemeente, region or province an office names exists in the reference data.
    private func requireReference(_ office: AuthorityOffice) async throws {
        let exists: Bool
        switch office {
        case .burgemeester(let gemeente):
            exists = try await MunicipalityModel.query(on: db).filter(\.$id == gemeente.rawValue).field(\.$id).first() != nil
        case .voorzitter(let region):
            exists = try await RegionModel.query(on: db).filter(\.$id == region.rawValue).field(\.$id).first() != nil
        case .commissarisVanDeKoning(let province):
            exists = try await RegionModel.query(on: db).filter(\.$provinceCode == province.rawValue).field(\.$id).first() != nil
        case .minister:
            exists = true
        }
        guard exists else { throw Problem.invalid("'office': \(office.code) is not in the reference data", field: "office") }
    }

    // MARK: Mandates

    func mandates() async throws -> [MandateView] {
        try requireReader()
        return try await mandateViews(try await MandateModel.query(on: db).sort(\.$grantedAt, .descending).all())
    }

    func mandateViews(_ rows: [MandateModel]) async throws -> [MandateView] {
        let names = try await GovernanceDirectory.Names.load(on: db)
        let people = try await PeopleNames.load(usernames: rows.map(\.mandatary), organisations: [], on: db)
        let at = now
        return rows.compactMap { row in
            guard let mandate = row.mandate() else { return nil }
            let name = names.callName(mandate.office.label)
            return MandateView(
                id: mandate.id, mandatary: row.mandatary, mandataryName: people.person(row.mandatary) ?? row.mandatary, office: row.office,
                officeName: .init(nl: name.nl, en: name.en), matters: mandate.matters.sorted(), validFrom: mandate.validFrom,
                validUntil: row.validUntil.map(Microseconds.date), note: row.note, grantedBy: row.grantedBy,
                withdrawnAt: row.withdrawnAt.map(Microseconds.date), inForce: mandate.isInForce(at: at))
        }
    }

    /// The bearer of an office mandates someone to act for it. Only the bearer, in person: a mandate
    /// is not given by a mandatary or an administrator (stricter reading, decision 0020).
    func grantMandate(_ input: GrantMandateInput) async throws -> MandateView {
        let office = input.office.office
        let at = now
        guard office.canHoldAuthority else {
            throw Problem.invalid("'office': \(office.code) decides none of the matters a mandate can cover", field: "office")
        }
        let bearer = try await GovernanceDirectory.actor(for: user, on: db, at: at)
        guard bearer.offices.contains(office) else {
            throw Problem.forbidden("only the bearer of this office gives a mandate for it; you do not hold \(office.code)")
        }
        guard input.mandatary != user.username else {
            throw Problem.invalid("a mandate is given to someone else", field: "mandatary")
        }
        let validFrom = input.validFrom ?? at
        if let until = input.validUntil, until <= at {
            throw Problem.invalid("'validUntil' lies in the past", field: "validUntil")
        }
        let actor = AccountService.Actor(user)
        let row = try await context.write(on: db) { db in
            try await Self.recordMandate(input, from: validFrom, by: actor, at: at, on: db)
        }
        return try await mandateViews([row])[0]
    }

    /// Records a mandate the caller has checked, inside a write the caller holds.
    static func recordMandate(
        _ input: GrantMandateInput, from validFrom: Date, by actor: AccountService.Actor, at: Date, on db: Database
    ) async throws -> MandateModel {
        guard let person = try await UserModel.query(on: db).filter(\.$username == input.mandatary).first(), person.isActive(at: at) else {
            throw Problem.invalid("'mandatary': no active user '\(input.mandatary.prefix(60))'", field: "mandatary")
        }
        let row = MandateModel()
        row.id = NewID.next()
        row.mandatary = person.username
        row.office = input.office.office.code
        row.matters = input.matters.sorted().map(\.rawValue).joined(separator: ",")
        row.validFrom = Microseconds.from(validFrom)
        row.validUntil = input.validUntil.map(Microseconds.from)
        row.note = IncidentCommands.given(input.note)
        row.grantedBy = actor.name
        row.grantedAt = Microseconds.from(at)
        try await row.create(on: db)
        try await Journal.append(
            MandateGranted(
                mandate: try row.requireID(), mandatary: row.mandatary, office: row.office,
                matters: input.matters.sorted().map(\.rawValue), validFrom: JournalTime.string(from: validFrom),
                validUntil: input.validUntil.map { JournalTime.string(from: $0) }, note: row.note),
            on: db, actor: actor.name, organisation: actor.organisation)
        return row
    }

    /// The bearer withdraws a mandate, or the mandatary hands it back.
    func withdrawMandate(_ id: UUID) async throws -> MandateView {
        let at = now
        let offices = try await GovernanceDirectory.actor(for: user, on: db, at: at).offices
        let row = try await context.write(on: db) { db in
            guard let row = try await MandateModel.find(id, on: db) else { throw Problem.notFound("no mandate \(id)") }
            guard let office = AuthorityOffice(code: row.office),
                offices.contains(office) || row.mandatary == user.username
            else { throw Problem.forbidden("a mandate is withdrawn by the bearer of its office or handed back by its mandatary") }
            guard row.withdrawnAt == nil else { throw Problem.conflict("this mandate was withdrawn already") }
            row.withdrawnAt = Microseconds.from(at)
            row.withdrawnBy = user.username
            try await row.update(on: db)
            try await Journal.append(
                MandateWithdrawn(mandate: id, mandatary: row.mandatary, office: row.office), on: db, actor: user.username,
                organisation: user.organisationCode)
            return row
        }
        return try await mandateViews([row])[0]
    }
}
