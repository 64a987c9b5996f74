import Fluent
import Foundation
import KnooppuntCore

/// Decisions, actions and consultations of the councils: records with a typed body, kept like entries
/// (decisions and actions in versions; a consultation is recorded once).
struct RecordStore: Sendable {
    let db: Database
    let context: KnooppuntContext

    private func now() -> Int64 { Microseconds.from(context.clock.now()) }

    /// A new record; `id` names it when the caller derives its identity (one summary per theme).
    func create<Body: RecordBody>(
        _ body: Body, in incidentID: UUID, by author: PictureStore.Author, id: UUID? = nil
    ) async throws -> RecordVersionModel {
        let kind = Body.recordKind
        let at = now()
        let json = try CanonicalJSON.encode(body)
        return try await context.write(on: db) { db in
            try await Self.requireOpen(incidentID, on: db)
            if let id, try await RecordModel.find(id, on: db) != nil {
                throw Problem.conflict("the \(kind.rawValue) exists already; change it with its current version")
            }
            let record = RecordModel(id: id ?? NewID.next(), incidentID: incidentID, kind: kind.rawValue, createdAt: at, author: author.username)
            try await record.create(on: db)
            let version = Self.version(
                of: try record.requireID(), incidentID: incidentID, kind: kind, number: 1, at: at, author: author, body: json)
            try await version.create(on: db)
            try await Journal.append(
                Body.created(RecordPayload(incident: incidentID, record: try record.requireID(), version: 1, body: body)),
                on: db, actor: author.username, organisation: author.organisation, incident: incidentID)
            return version
        }
    }

    /// A new version of a record with `change` applied to its body, if `baseVersion` is current.
    func update<Body: VersionedRecordBody>(
        _ recordID: UUID, in incidentID: UUID, baseVersion: Int, by author: PictureStore.Author,
        as type: Body.Type, validate: @escaping @Sendable (Body) throws -> Void,
        change: @escaping @Sendable (inout Body) -> Void
    ) async throws -> RecordVersionModel {
        let kind = Body.recordKind
        let at = now()
        return try await context.write(on: db) { db in
            try await Self.requireOpen(incidentID, on: db)
            guard let current = try await Self.current(recordID, kind, in: incidentID, on: db) else {
                throw Problem.notFound("no \(kind.rawValue) with id \(recordID) in this incident")
            }
            try PictureStore.checkBase(baseVersion, current.version, what: kind.rawValue)
            var body = try Self.decode(Body.self, current.body)
            let before = body
            change(&body)
            guard try CanonicalJSON.encode(body) != CanonicalJSON.encode(before) else {
                throw Problem.invalid("the change leaves the \(kind.rawValue) as it was")
            }
            try validate(body)
            current.validTo = at
            try await current.update(on: db)
            let next = Self.version(
                of: recordID, incidentID: incidentID, kind: kind, number: current.version + 1, at: at, author: author,
                body: try CanonicalJSON.encode(body))
            try await next.create(on: db)
            try await Journal.append(
                Body.updated(RecordPayload(incident: incidentID, record: recordID, version: next.version, body: body)),
                on: db, actor: author.username, organisation: author.organisation, incident: incidentID)
            return next
        }
    }

    /// The current version of a record of this kind in this incident, if there is one.
    static func current(_ recordID: UUID, _ kind: RecordKind, in incidentID: UUID, on db: Database) async throws -> RecordVersionModel? {
        try await RecordVersionModel.query(on: db).filter(\.$recordID == recordID).filter(\.$incidentID == incidentID)
            .filter(\.$kind == kind.rawValue).filter(\.$validTo == nil).first()
    }

    /// The records of a kind as they stood at `instant`, oldest first.
    func records(_ kind: RecordKind, of incidentID: UUID, at instant: Int64) async throws -> [RecordVersionModel] {
        try await RecordVersionModel.query(on: db).filter(\.$incidentID == incidentID).filter(\.$kind == kind.rawValue)
            .filter(\.$validFrom <= instant).group(.or) { $0.filter(\.$validTo == nil).filter(\.$validTo > instant) }
            .sort(\.$validFrom).all()
    }

    static func decode<Body: Decodable>(_ type: Body.Type, _ json: String) throws -> Body {
        try CanonicalJSON.decode(Body.self, from: json)
    }

    static func requireOpen(_ incidentID: UUID, on db: Database) async throws {
        let state = try PictureStore.decodeState(try await PictureStore.currentIncidentVersion(incidentID, on: db))
        guard state.status == .open else {
            throw Problem.conflict("the incident is \(state.status.rawValue); it takes no new information")
        }
    }

    private static func version(
        of recordID: UUID, incidentID: UUID, kind: RecordKind, number: Int, at: Int64, author: PictureStore.Author,
        body: String
    ) -> RecordVersionModel {
        let version = RecordVersionModel()
        version.recordID = recordID
        version.incidentID = incidentID
        version.kind = kind.rawValue
        version.version = number
        version.validFrom = at
        version.author = author.username
        version.authorOrganisation = author.organisation
        version.body = body
        return version
    }
}
