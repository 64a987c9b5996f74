import Fluent
import Foundation
import KnooppuntCore

/// Reads the office and mandate registers: who bears which office now, who acts for it, and the names
/// people know offices by ("de burgemeester van Amsterdam", not GM0363).
enum GovernanceDirectory {
    /// The offices `username` holds at `now`.
    static func offices(of username: String, on db: Database, at now: Date) async throws -> Set<AuthorityOffice> {
        Set(try await OfficeModel.query(on: db).filter(\.$username == username).all().filter { $0.isHeld(at: now) }
            .compactMap(\.office))
    }

    /// The usernames bearing `office` at `now`.
    static func bearers(of office: AuthorityOffice, on db: Database, at now: Date) async throws -> [String] {
        try await OfficeModel.query(on: db).filter(\.$code == office.code).sort(\.$username).all()
            .filter { $0.isHeld(at: now) }.map(\.username)
    }

    /// Every mandate recorded for `username`, withdrawn and expired ones included (the Core checks time).
    static func mandates(for username: String, on db: Database) async throws -> [Mandate] {
        try await MandateModel.query(on: db).filter(\.$mandatary == username).all().compactMap { $0.mandate() }
    }

    /// The signed-in user as an actor of bestuurlijk gezag: their recorded offices (a region's chair
    /// bears the office of voorzitter of that region even before it is recorded), roles and mandates.
    static func actor(for user: CurrentUser, on db: Database, at now: Date) async throws -> GovernanceActor {
        try await actor(for: user.subject, on: db, at: now)
    }

    static func actor(for subject: Subject, on db: Database, at now: Date) async throws -> GovernanceActor {
        var offices = try await offices(of: subject.username, on: db, at: now)
        if subject.role == .voorzitter, subject.organisationKind == .region, let region = subject.regionCode {
            offices.insert(.voorzitter(region: region))
        }
        return GovernanceActor(
            username: subject.username, offices: offices, roles: [subject.role],
            mandates: try await mandates(for: subject.username, on: db))
    }

    /// The regions of the provinces a commissaris van de Koning holds office in.
    static func overseenRegions(of username: String, on db: Database, at now: Date) async throws -> Set<RegionCode> {
        let provinces = try await offices(of: username, on: db, at: now).compactMap { office -> String? in
            if case .commissarisVanDeKoning(let province) = office { return province.rawValue }
            return nil
        }
        guard !provinces.isEmpty else { return [] }
        return Set(try await RegionModel.query(on: db).filter(\.$provinceCode ~~ provinces).all()
            .compactMap { $0.id.flatMap(RegionCode.init) })
    }

    /// Names for the codes in Core labels: gemeenten, regions, provinces.
    struct Names: Sendable {
        var gemeenten: [String: String]
        var regions: [String: String]
        var provinces: [String: String]

        /// A Core label with its codes replaced by names, in both languages.
        func callName(_ label: LocalizedLabel) -> LocalizedLabel {
            LocalizedLabel(nl: replacing(label.nl), en: replacing(label.en))
        }

        func replacing(_ text: String) -> String {
            guard text.contains(where: \.isNumber) else { return text }
            var result = text
            for (code, name) in gemeenten where result.contains(code) { result = result.replacingOccurrences(of: code, with: name) }
            // VR1 is a prefix of VR13: longer codes first.
            for (code, name) in regions.sorted(by: { $0.key > $1.key }) where result.contains(code) {
                result = result.replacingOccurrences(of: code, with: name)
            }
            for (code, name) in provinces where result.contains(code) { result = result.replacingOccurrences(of: code, with: name) }
            return result
        }

        static func load(gemeenten codes: [String]? = nil, on db: Database) async throws -> Names {
            var query = MunicipalityModel.query(on: db).field(\.$id).field(\.$name)
            if let codes { query = query.filter(\.$id ~~ codes) }
            let gemeenten = codes?.isEmpty == true
                ? [] : try await query.all().compactMap { model in model.id.map { ($0, model.name) } }
            let regions = try await RegionModel.query(on: db).field(\.$id).field(\.$name).field(\.$provinceCode).field(\.$provinceName).all()
            return Names(
                gemeenten: Dictionary(gemeenten, uniquingKeysWith: { first, _ in first }),
                regions: Dictionary(regions.compactMap { model in model.id.map { ($0, model.name) } }, uniquingKeysWith: { first, _ in first }),
                provinces: Dictionary(regions.map { ($0.provinceCode, $0.provinceName) }, uniquingKeysWith: { first, _ in first }))
        }
    }
}
