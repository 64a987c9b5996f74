import FluentKit
import Vapor
import Foundation
import SQLKit

/// The statements nearly every write makes, written out in SQL instead of going through Fluent's models
/// (decision 0035, the write path). Fluent reflects over all of a model's properties on every create, update
/// and read (`Fields.properties`, by `Mirror`); in an entry write that was about a third of the server's CPU
/// time. The column names are the migrations'. Values are bound, so they reach the database through the same
/// SQLKit data encoder that Fluent's models use, and are stored exactly as a model would store them.
enum HotSQL {
    /// The SQL side of a Fluent database: SQLite and PostgreSQL, the two engines Knooppunt runs on.
    static func sql(_ db: any Database) throws -> any SQLDatabase {
        guard let sql = db as? any SQLDatabase else {
            throw Abort(.internalServerError, reason: "the database engine does not take SQL")
        }
        return sql
    }

    /// `INSERT INTO table (columns) VALUES (values)`; `columns` is a constant list of quoted column names.
    static func insert(into table: StaticString, _ columns: StaticString, _ values: [any Encodable & Sendable], on db: any Database)
        async throws
    {
        try await sql(db).raw("INSERT INTO \(unsafeRaw: table.description) (\(unsafeRaw: columns.description)) VALUES (\(binds: values))")
            .run()
    }
}

extension EntryModel {
    /// `create(on:)` in one statement without reflection; the id is set before.
    func insert(on db: any Database) async throws {
        let id = try requireID()
        try await HotSQL.insert(
            into: "entries", #""id", "incident_id", "created_at_us", "author", "author_org", "external_id""#,
            [id, incidentID, createdAt, author, authorOrganisation, externalID], on: db)
        $id.exists = true
    }
}

extension EntryVersionModel {
    /// `create(on:)` in one statement without reflection; a version without an id gets a new random one, as
    /// Fluent gives it (version ids are not drawn from the side effects' ids: nobody refers to them from outside).
    func insert(on db: any Database) async throws {
        let id = self.id ?? UUID()
        self.id = id
        try await HotSQL.insert(
            into: "entry_versions",
            #""id", "entry_id", "incident_id", "version", "valid_from", "valid_to", "author", "author_org", "theme", "text", "source", "observed_at_us", "priority", "location", "verification", "verified_by", "verified_at_us", "admitted_by", "admitted_at_us", "classification", "awaiting_admission", "on_behalf_of""#,
            [id, entryID, incidentID, version, validFrom, validTo, author, authorOrganisation, theme, text, source, observedAt,
             priority, location, verification, verifiedBy, verifiedAt, admittedBy, admittedAt, classification,
             awaitingAdmission, onBehalfOf], on: db)
        $id.exists = true
    }
}

extension IncidentModel {
    /// `find(_:on:)` in SQL: every request about an incident reads it.
    static func read(_ id: UUID, on db: any Database) async throws -> IncidentModel? {
        let row = try await HotSQL.sql(db).raw(
            #"SELECT \#(unsafeRaw: columns) FROM "incidents" WHERE "id" = \#(bind: id)"#
        ).first()
        return try row.map { try IncidentModel(id, row: $0) }
    }

    /// The incident with its current version in one statement: what authorising a request reads.
    static func readWithCurrentVersion(_ id: UUID, on db: any Database) async throws -> (IncidentModel, IncidentVersionModel)? {
        let row = try await HotSQL.sql(db).raw(
            #"SELECT \#(unsafeRaw: columns), \#(unsafeRaw: IncidentVersionModel.currentColumns) FROM "incidents" JOIN "incident_versions" AS "v" ON "v"."incident_id" = "incidents"."id" AND "v"."valid_to" IS NULL WHERE "incidents"."id" = \#(bind: id) LIMIT 1"#
        ).first()
        return try row.map { (try IncidentModel(id, row: $0), try IncidentVersionModel(current: id, row: $0)) }
    }

    private static let columns = ["reference", "exercise", "created_at_us", "created_by", "created_by_org"]
        .map { #""incidents"."\#($0)" AS "\#($0)""# }.joined(separator: ", ")

    private convenience init(_ id: UUID, row: any SQLRow) throws {
        self.init(
            id: id, reference: try row.decode(column: "reference", as: String.self),
            exercise: try row.decode(column: "exercise", as: Bool.self), createdAt: try row.decode(column: "created_at_us", as: Int64.self),
            createdBy: try row.decode(column: "created_by", as: String.self),
            organisation: try row.decode(column: "created_by_org", as: String.self))
        $id.exists = true
    }
}

extension IncidentVersionModel {
    /// The incident's current version (the one not yet closed) in SQL: every request about an incident reads it.
    static func current(of incident: UUID, on db: any Database) async throws -> IncidentVersionModel? {
        let row = try await HotSQL.sql(db).raw(
            #"SELECT \#(unsafeRaw: currentColumns) FROM "incident_versions" AS "v" WHERE "v"."incident_id" = \#(bind: incident) AND "v"."valid_to" IS NULL LIMIT 1"#
        ).first()
        return try row.map { try IncidentVersionModel(current: incident, row: $0) }
    }

    /// The columns `init(current:row:)` reads, of `incident_versions` under the alias "v"; the id as "version_id".
    fileprivate static let currentColumns =
        ["version", "valid_from", "author", "author_org", "state", "title", "status", "grip", "phase", "lead_region", "regions"]
        .reduce(#""v"."id" AS "version_id""#) { $0 + #", "v"."\#($1)" AS "\#($1)""# }

    fileprivate convenience init(current incident: UUID, row: any SQLRow) throws {
        self.init()
        id = try row.decode(column: "version_id", as: UUID.self)
        incidentID = incident
        version = try row.decode(column: "version", as: Int.self)
        validFrom = try row.decode(column: "valid_from", as: Int64.self)
        validTo = nil
        author = try row.decode(column: "author", as: String.self)
        authorOrganisation = try row.decode(column: "author_org", as: String.self)
        state = try row.decode(column: "state", as: String.self)
        title = try row.decode(column: "title", as: String.self)
        status = try row.decode(column: "status", as: String.self)
        grip = try row.decode(column: "grip", as: Int.self)
        phase = try row.decode(column: "phase", as: String.self)
        leadRegion = try row.decode(column: "lead_region", as: String.self)
        regions = try row.decode(column: "regions", as: String.self)
        $id.exists = true
    }

    /// Closes this version at `instant`, the moment its successor becomes valid.
    func close(at instant: Int64, on db: any Database) async throws {
        try await HotSQL.sql(db).raw(
            #"UPDATE "incident_versions" SET "valid_to" = \#(bind: instant) WHERE "id" = \#(bind: try requireID())"#
        ).run()
        validTo = instant
    }
}
