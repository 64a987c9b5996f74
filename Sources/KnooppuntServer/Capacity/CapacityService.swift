import Fluent
import Foundation
import KnooppuntCore
import KnooppuntInterop
import Vapor

/// A registry line as the API shows it, with what is committed and available now.
struct CapacityItemDTO: Content, Equatable {
    let id: UUID
    let holder: String
    let type: String
    let label: String
    let count: Int
    let unavailable: Int
    let committed: Int
    let available: Int
    let keepForOwn: Int
    /// Available beyond what the holder keeps for itself.
    let offerable: Int
    let readinessMinutes: Int
    let longitude: Double?
    let latitude: Double?
    let version: Int
    let updatedAt: Date
    let updatedBy: String
}

/// A registry line as written by the API, a form or a CSV row.
struct CapacityItemInput: StrictDecodable {
    var holder: String?
    var type: String
    var label: String
    var count: Int
    var unavailable: Int?
    var keepForOwn: Int?
    var readinessMinutes: Int?
    var longitude: Double?
    var latitude: Double?
    var baseVersion: Int?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case holder, type, label, count, unavailable, keepForOwn, readinessMinutes, longitude, latitude, baseVersion
    }

    func validate() throws {
        let label = self.label.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (1...120).contains(label.count) else { throw Problem.invalid("'label' must be 1 to 120 characters (where it is stationed)", field: "label") }
        guard (0...100_000).contains(count) else { throw Problem.invalid("'count' must be 0 to 100000", field: "count") }
        if let unavailable, unavailable < 0 { throw Problem.invalid("'unavailable' cannot be negative", field: "unavailable") }
        if let keepForOwn, keepForOwn < 0 { throw Problem.invalid("'keepForOwn' cannot be negative", field: "keepForOwn") }
        if let readinessMinutes, !(0...10_080).contains(readinessMinutes) {
            throw Problem.invalid("'readinessMinutes' must be 0 to 10080 (a week)", field: "readinessMinutes")
        }
        switch (longitude, latitude) {
        case (nil, nil): break
        case (let lon?, let lat?):
            guard (-180...180).contains(lon), (-90...90).contains(lat) else {
                throw Problem.invalid("longitude must be -180 to 180 and latitude -90 to 90 (WGS84 degrees)", field: "longitude")
            }
        default: throw Problem.invalid("give both longitude and latitude, or neither", field: "longitude")
        }
    }
}

struct CapacityTypeDTO: Content, Equatable {
    let code: String
    let nl: String
    let en: String
    let category: CapacityCategory
}

struct NewCapacityType: StrictDecodable {
    var code: String
    var nl: String
    var en: String
    var category: CapacityCategory
    enum CodingKeys: String, CodingKey, CaseIterable { case code, nl, en, category }

    func validate() throws {
        guard CapacityType.isValidCode(code) else {
            throw Problem.invalid("code '\(code)' must be 2 to 40 lower-case letters, digits or hyphens", field: "code")
        }
        for (name, value) in [("nl", nl), ("en", en)] where !(1...120).contains(value.trimmingCharacters(in: .whitespaces).count) {
            throw Problem.invalid("'\(name)' must be 1 to 120 characters", field: name)
        }
    }
}

/// The capacity registry: the catalogue, the lines each organisation keeps, and CSV import. Every change
/// is one journaled write; committed counts are never stored, always summed from active commitments.
struct CapacityService: Sendable {
    let db: Database
    let context: KnooppuntContext

    static func require(_ subject: Subject, _ action: CapacityPolicy.Action) throws {
        let decision = CapacityPolicy.decide(subject, action)
        guard decision.allowed else { throw Problem.forbidden(decision.reason) }
    }

    // MARK: Catalogue

    func types() async throws -> [CapacityTypeDTO] {
        try await CapacityTypeModel.query(on: db).sort(\.$category).sort(\.$code).all().map(Self.dto)
    }

    static func dto(_ row: CapacityTypeModel) -> CapacityTypeDTO {
        CapacityTypeDTO(code: row.code, nl: row.nameNL, en: row.nameEN, category: CapacityCategory(rawValue: row.category) ?? .overig)
    }

    func addType(_ body: NewCapacityType, by subject: Subject) async throws -> CapacityTypeDTO {
        try Self.require(subject, .manageCatalogue)
        return try await context.write(on: db) { db in
            guard try await CapacityTypeModel.query(on: db).filter(\.$code == body.code).first() == nil else {
                throw Problem.conflict("the catalogue has a type '\(body.code)' already")
            }
            let row = CapacityTypeModel()
            row.code = body.code
            row.nameNL = body.nl.trimmingCharacters(in: .whitespaces)
            row.nameEN = body.en.trimmingCharacters(in: .whitespaces)
            row.category = body.category.rawValue
            row.addedBy = subject.username
            try await row.create(on: db)
            let type = Self.dto(row)
            try await Journal.append(
                CapacityTypeAdded(CapacityType(code: type.code, nl: type.nl, en: type.en, category: type.category)), on: db,
                actor: subject.username, organisation: subject.organisationCode)
            return Self.dto(row)
        }
    }

    // MARK: Registry

    /// Units committed now per registry line.
    static func committed(on db: Database) async throws -> [UUID: Int] {
        var sums: [UUID: Int] = [:]
        for commitment in try await AssistanceCommitmentModel.query(on: db).filter(\.$status != CommitmentStatus.released.rawValue).all() {
            if let item = commitment.capacityItemID { sums[item, default: 0] += commitment.quantity }
        }
        return sums
    }

    static func committed(to item: UUID, on db: Database) async throws -> Int {
        // Summed here: PostgreSQL's sum of integers is numeric, which does not decode as Int.
        try await AssistanceCommitmentModel.query(on: db).filter(\.$capacityItemID == item)
            .filter(\.$status != CommitmentStatus.released.rawValue).all().map(\.quantity).reduce(0, +)
    }

    static func dto(_ row: CapacityItemModel, committed: Int) throws -> CapacityItemDTO {
        let counts = CapacityCounts(count: row.count, unavailable: row.unavailable, committed: committed, keepForOwn: row.keepForOwn)
        let point = row.home.flatMap(Self.point)
        return CapacityItemDTO(
            id: try row.requireID(), holder: row.holder, type: row.typeCode, label: row.label, count: row.count,
            unavailable: row.unavailable, committed: committed, available: counts.available, keepForOwn: row.keepForOwn,
            offerable: counts.offerable, readinessMinutes: row.readinessMinutes, longitude: point?.0, latitude: point?.1,
            version: row.version, updatedAt: Microseconds.date(row.updatedAt), updatedBy: row.updatedBy)
    }

    /// (longitude, latitude) of a GeoJSON point text.
    static func point(_ text: String) -> (Double, Double)? {
        guard let geometry = try? JSONDecoder().decode(JSONValue.self, from: Data(text.utf8)),
              case .object(let object) = geometry, object["type"] == .string("Point"),
              case .point(let position)? = GeoJSONShapes.shapes(geometry).first
        else { return nil }
        return (position.lon, position.lat)
    }

    static func pointText(_ longitude: Double?, _ latitude: Double?) -> String? {
        guard let longitude, let latitude else { return nil }
        return #"{"coordinates":[\#(longitude),\#(latitude)],"type":"Point"}"#
    }

    func items(holder: String? = nil, type: String? = nil) async throws -> [CapacityItemDTO] {
        var query = CapacityItemModel.query(on: db)
        if let holder { query = query.filter(\.$holder == holder.uppercased()) }
        if let type { query = query.filter(\.$typeCode == type) }
        let committed = try await Self.committed(on: db)
        return try await query.sort(\.$holder).sort(\.$typeCode).sort(\.$label).all().map {
            try Self.dto($0, committed: committed[try $0.requireID()] ?? 0)
        }
    }

    private static func checkType(_ code: String, on db: Database) async throws {
        guard try await CapacityTypeModel.query(on: db).filter(\.$code == code).first() != nil else {
            throw Problem.invalid("unknown capacity type '\(code)'; see GET /api/v1/capacity/types", field: "type")
        }
    }

    private static func checkHolder(_ code: String, on db: Database) async throws {
        guard try await OrganisationModel.query(on: db).filter(\.$code == code).first() != nil else {
            throw Problem.invalid("no organisation '\(code)' in the partner registry", field: "holder")
        }
    }

    /// Inside a write: applies `input` to a new or existing line, refusing counts below what is committed.
    private static func apply(_ input: CapacityItemInput, to row: CapacityItemModel, committed: Int, by username: String, at: Int64) throws {
        let counts = CapacityCounts(
            count: input.count, unavailable: input.unavailable ?? 0, committed: committed, keepForOwn: input.keepForOwn ?? 0)
        if let problem = counts.problem { throw Problem.conflict("not changed: \(problem)") }
        row.label = input.label.trimmingCharacters(in: .whitespacesAndNewlines)
        row.count = counts.count
        row.unavailable = counts.unavailable
        row.keepForOwn = counts.keepForOwn
        row.readinessMinutes = input.readinessMinutes ?? 60
        row.home = pointText(input.longitude, input.latitude)
        row.updatedAt = at
        row.updatedBy = username
    }

    /// The holder's line of this type at this place, if there is one.
    private static func line(holder: String, _ input: CapacityItemInput, on db: Database) async throws -> CapacityItemModel? {
        try await CapacityItemModel.query(on: db).filter(\.$holder == holder).filter(\.$typeCode == input.type)
            .filter(\.$label == input.label.trimmingCharacters(in: .whitespacesAndNewlines)).first()
    }

    /// Inside a write: a new line, nothing committed yet.
    static func insert(_ input: CapacityItemInput, holder: String, by username: String, at: Int64, on db: Database) async throws
        -> CapacityItemModel
    {
        let row = CapacityItemModel()
        row.id = NewID.next()
        row.holder = holder
        row.typeCode = input.type
        row.version = 1
        try apply(input, to: row, committed: 0, by: username, at: at)
        try await row.create(on: db)
        return row
    }

    func create(_ input: CapacityItemInput, by subject: Subject) async throws -> CapacityItemDTO {
        let holder = (input.holder ?? subject.organisationCode).uppercased()
        try Self.require(subject, .editHolder(holder))
        let at = Microseconds.from(context.clock.now())
        return try await context.write(on: db) { db in
            try await Self.checkType(input.type, on: db)
            try await Self.checkHolder(holder, on: db)
            guard try await Self.line(holder: holder, input, on: db) == nil else {
                throw Problem.conflict("\(holder) has a line '\(input.type)' at '\(input.label)' already; change that one")
            }
            let row = try await Self.insert(input, holder: holder, by: subject.username, at: at, on: db)
            let dto = try Self.dto(row, committed: 0)
            try await Journal.append(
                CapacityAdded(CapacityLinePayload(dto)), on: db, actor: subject.username, organisation: subject.organisationCode)
            return dto
        }
    }

    func update(_ id: UUID, _ input: CapacityItemInput, by subject: Subject) async throws -> CapacityItemDTO {
        let at = Microseconds.from(context.clock.now())
        return try await context.write(on: db) { db in
            guard let row = try await CapacityItemModel.find(id, on: db) else { throw Problem.notFound("no capacity line \(id)") }
            try Self.require(subject, .editHolder(row.holder))
            guard let base = input.baseVersion else { throw Problem.invalid("give 'baseVersion', the version you changed", field: "baseVersion") }
            try PictureStore.checkBase(base, row.version, what: "capacity line")
            if input.type != row.typeCode { throw Problem.invalid("a line keeps its type; add a new line for another type", field: "type") }
            let committed = try await Self.committed(to: id, on: db)
            try Self.apply(input, to: row, committed: committed, by: subject.username, at: at)
            row.version += 1
            try await row.update(on: db)
            let dto = try Self.dto(row, committed: committed)
            try await Journal.append(
                CapacityChanged(CapacityLinePayload(dto)), on: db, actor: subject.username, organisation: subject.organisationCode)
            return dto
        }
    }

    func delete(_ id: UUID, by subject: Subject) async throws {
        try await context.write(on: db) { db in
            guard let row = try await CapacityItemModel.find(id, on: db) else { throw Problem.notFound("no capacity line \(id)") }
            try Self.require(subject, .editHolder(row.holder))
            let committed = try await Self.committed(to: id, on: db)
            guard committed == 0 else { throw Problem.conflict("\(committed) of this line are committed to a request; release them first") }
            guard try await AssistanceOfferModel.query(on: db).filter(\.$capacityItemID == id)
                .filter(\.$status ~~ [OfferStatus.open.rawValue, OfferStatus.proposed.rawValue]).count() == 0
            else { throw Problem.conflict("this line is offered to a request; withdraw the offer first") }
            let dto = try Self.dto(row, committed: 0)
            try await row.delete(on: db)
            try await Journal.append(
                CapacityRemoved(CapacityLinePayload(dto)), on: db, actor: subject.username, organisation: subject.organisationCode)
        }
    }

    // MARK: CSV import

    static let csvColumns = ["type", "label", "count", "unavailable", "keep_for_own", "readiness_minutes", "longitude", "latitude"]

    struct ImportResult: Content {
        let added: Int
        let changed: Int
    }

    /// Imports the holder's lines from CSV (header `type,label,count,unavailable,keep_for_own,
    /// readiness_minutes,longitude,latitude`; the first three required). A line with the same type and
    /// label is changed, others are added. Every bad row is named; one bad row imports nothing.
    func importCSV(_ text: String, holder requested: String?, by subject: Subject) async throws -> ImportResult {
        let holder = (requested ?? subject.organisationCode).uppercased()
        try Self.require(subject, .editHolder(holder))
        let rows = CSV.rows(text)
        guard let header = rows.first?.map({ $0.trimmingCharacters(in: .whitespaces).lowercased() }) else {
            throw Problem.invalid("the CSV is empty; the first line names the columns: \(Self.csvColumns.joined(separator: ","))")
        }
        if let unknown = header.first(where: { !Self.csvColumns.contains($0) }) {
            throw Problem.invalid("unknown column '\(unknown)'; the columns are \(Self.csvColumns.joined(separator: ","))")
        }
        for required in ["type", "label", "count"] where !header.contains(required) {
            throw Problem.invalid("the column '\(required)' is missing")
        }
        guard rows.count <= 5001 else { throw Problem.invalid("at most 5000 rows per import") }
        let knownTypes = Set(try await CapacityTypeModel.query(on: db).all().map(\.code))
        var inputs: [(line: Int, input: CapacityItemInput)] = []
        var problems: [String] = []
        var dutch: [String] = []  // the same problems for a Dutch reader's page
        func bad(_ line: Int, _ english: String, _ nl: String) {
            problems.append("row \(line): \(english)")
            dutch.append("regel \(line): \(nl)")
        }
        var seen = Set<String>()
        for (index, fields) in rows.enumerated().dropFirst() where !(fields.count == 1 && fields[0].isEmpty) {
            let line = index + 1
            var value: [String: String] = [:]
            guard fields.count == header.count else {
                bad(line, "\(fields.count) fields where the header has \(header.count)", "\(fields.count) velden waar de kopregel er \(header.count) heeft")
                continue
            }
            for (name, field) in zip(header, fields) { value[name] = field.trimmingCharacters(in: .whitespaces) }
            func number(_ name: String) -> Int?? {
                guard let text = value[name], !text.isEmpty else { return .some(nil) }
                guard let number = UntrustedNumber.whole(text, in: 0...1_000_000) else {
                    bad(line, "'\(name)' is '\(text.prefix(40))', not a whole number from 0 to 1000000",
                        "‘\(name)’ is ‘\(text.prefix(40))’, geen geheel getal van 0 tot 1000000"); return nil
                }
                return .some(number)
            }
            func degrees(_ name: String) -> Double?? {
                guard let text = value[name], !text.isEmpty else { return .some(nil) }
                guard let number = UntrustedNumber.decimal(text, in: -180...180) else {
                    bad(line, "'\(name)' is '\(text.prefix(40))', not a number of degrees", "‘\(name)’ is ‘\(text.prefix(40))’, geen aantal graden"); return nil
                }
                return .some(number)
            }
            let type = value["type"] ?? ""
            guard knownTypes.contains(type) else { bad(line, "unknown type '\(type)'", "onbekend type ‘\(type)’"); continue }
            guard let count = number("count"), let count, let unavailable = number("unavailable"), let keep = number("keep_for_own"),
                  let readiness = number("readiness_minutes"), let longitude = degrees("longitude"), let latitude = degrees("latitude")
            else {
                if value["count"]?.isEmpty ?? true { bad(line, "'count' is empty", "‘count’ is leeg") }
                continue
            }
            let input = CapacityItemInput(
                holder: holder, type: type, label: value["label"] ?? "", count: count, unavailable: unavailable, keepForOwn: keep,
                readinessMinutes: readiness, longitude: longitude, latitude: latitude, baseVersion: nil)
            do { try input.validate() } catch let problem as Problem {
                bad(line, problem.detail, problem.dutch ?? "‘\(problem.field ?? "")’ klopt niet")
                continue
            }
            guard seen.insert("\(type)|\(input.label.trimmingCharacters(in: .whitespaces))").inserted else {
                bad(line, "'\(type)' at '\(input.label)' appears twice", "‘\(type)’ bij ‘\(input.label)’ staat er twee keer in")
                continue
            }
            inputs.append((line, input))
        }
        guard problems.isEmpty else {
            var problem = Problem.invalid(
                "nothing imported; \(problems.count) bad row\(problems.count == 1 ? "" : "s"): " + problems.prefix(50).joined(separator: "; "))
            problem.dutch = "Niets ingelezen; \(dutch.count) foute regel\(dutch.count == 1 ? "" : "s"): " + dutch.prefix(50).joined(separator: "; ")
            throw problem
        }
        let at = Microseconds.from(context.clock.now())
        let rowsToWrite = inputs
        return try await context.write(on: db) { db in
            try await Self.checkHolder(holder, on: db)
            var added = 0, changed = 0
            for (line, input) in rowsToWrite {
                if let row = try await Self.line(holder: holder, input, on: db) {
                    let committed = try await Self.committed(to: try row.requireID(), on: db)
                    do { try Self.apply(input, to: row, committed: committed, by: subject.username, at: at) } catch let problem as Problem {
                        throw Problem.invalid("nothing imported; row \(line): \(problem.detail)")
                    }
                    row.version += 1
                    try await row.update(on: db)
                    changed += 1
                } else {
                    _ = try await Self.insert(input, holder: holder, by: subject.username, at: at, on: db)
                    added += 1
                }
            }
            let result = ImportResult(added: added, changed: changed)
            try await Journal.append(
                CapacityImported(added: added, changed: changed), on: db, actor: subject.username,
                organisation: subject.organisationCode)
            return result
        }
    }
}

extension CapacityLinePayload {
    /// The line as the API shows it, for the event that journals its change.
    init(_ dto: CapacityItemDTO) {
        self.init(
            id: dto.id, holder: dto.holder, type: dto.type, label: dto.label, count: dto.count, unavailable: dto.unavailable,
            committed: dto.committed, available: dto.available, keepForOwn: dto.keepForOwn, offerable: dto.offerable,
            readinessMinutes: dto.readinessMinutes, longitude: dto.longitude, latitude: dto.latitude, version: dto.version,
            updatedAt: dto.updatedAt, updatedBy: dto.updatedBy)
    }
}
