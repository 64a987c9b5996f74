import Fluent
import FluentSQLiteDriver
import Foundation
import KnooppuntCore
import SQLKit

/// One version of an entry, as the picture reads it: the columns of `entry_versions` an answer shows, in a
/// plain value. The picture of a large incident reads these rather than `EntryVersionModel`s: decoding a
/// Fluent model reflects on its properties for every row, which was half the time of a picture with a
/// thousand entries (decision 0035, time travel).
struct EntryVersionRow: Sendable {
    var entryID: UUID
    var version: Int
    var validFrom: Int64
    var validTo: Int64?
    var author: String
    var authorOrganisation: String
    var theme: String
    var text: String
    var source: String
    var observedAt: Int64
    var priority: String
    var location: String?
    var verification: String
    var verifiedBy: String?
    var verifiedAt: Int64?
    var admittedBy: String?
    var admittedAt: Int64?
    var classification: String
    var awaitingAdmission: Bool
    var onBehalfOf: String?

    /// The columns read, in the order of the fields.
    static let columns = [
        "entry_id", "version", "valid_from", "valid_to", "author", "author_org", "theme", "text", "source", "observed_at_us", "priority",
        "location", "verification", "verified_by", "verified_at_us", "admitted_by", "admitted_at_us", "classification",
        "awaiting_admission", "on_behalf_of",
    ]
}

extension EntryVersionRow {
    init(_ model: EntryVersionModel) {
        (entryID, version, validFrom, validTo) = (model.entryID, model.version, model.validFrom, model.validTo)
        (author, authorOrganisation, theme, text, source) = (model.author, model.authorOrganisation, model.theme, model.text, model.source)
        (observedAt, priority, location) = (model.observedAt, model.priority, model.location)
        (verification, verifiedBy, verifiedAt) = (model.verification, model.verifiedBy, model.verifiedAt)
        (admittedBy, admittedAt) = (model.admittedBy, model.admittedAt)
        (classification, awaitingAdmission, onBehalfOf) = (model.classification, model.awaitingAdmission, model.onBehalfOf)
    }

    init(_ row: any SQLRow) throws {
        func optional<T: Decodable>(_ column: String, _ type: T.Type) throws -> T? {
            try row.decodeNil(column: column) ? nil : row.decode(column: column, as: T.self)
        }
        entryID = try row.decode(column: "entry_id", as: UUID.self)
        version = try row.decode(column: "version", as: Int.self)
        validFrom = try row.decode(column: "valid_from", as: Int64.self)
        validTo = try optional("valid_to", Int64.self)
        author = try row.decode(column: "author", as: String.self)
        authorOrganisation = try row.decode(column: "author_org", as: String.self)
        theme = try row.decode(column: "theme", as: String.self)
        text = try row.decode(column: "text", as: String.self)
        source = try row.decode(column: "source", as: String.self)
        observedAt = try row.decode(column: "observed_at_us", as: Int64.self)
        priority = try row.decode(column: "priority", as: String.self)
        location = try optional("location", String.self)
        verification = try row.decode(column: "verification", as: String.self)
        verifiedBy = try optional("verified_by", String.self)
        verifiedAt = try optional("verified_at_us", Int64.self)
        admittedBy = try optional("admitted_by", String.self)
        admittedAt = try optional("admitted_at_us", Int64.self)
        classification = try row.decode(column: "classification", as: String.self)
        awaitingAdmission = try row.decode(column: "awaiting_admission", as: Bool.self)
        onBehalfOf = try optional("on_behalf_of", String.self)
    }
}

extension EntryVersionRow {
    /// From SQLite's values as they come, converted as SQLKit's decoder converts them (`String(sqliteData:)`,
    /// …), without its per-column generic decoding: a fifth of a large picture's time.
    init(sqlite row: SQLiteRow) throws {
        func value<T: SQLiteDataConvertible>(_ column: String, _ type: T.Type = T.self) throws -> T {
            guard let data = row.column(column), let value = T(sqliteData: data) else {
                throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "entry_versions.\(column): \(row)"))
            }
            return value
        }
        func optional<T: SQLiteDataConvertible>(_ column: String, _ type: T.Type = T.self) throws -> T? {
            (row.column(column) ?? .null) == .null ? nil : try value(column, T.self)
        }
        guard let entryID = UUIDText.parse(try value("entry_id", String.self)) else {
            throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "entry_versions.entry_id: \(row)"))
        }
        self.entryID = entryID
        version = try value("version")
        validFrom = try value("valid_from")
        validTo = try optional("valid_to")
        author = try value("author")
        authorOrganisation = try value("author_org")
        theme = try value("theme")
        text = try value("text")
        source = try value("source")
        observedAt = try value("observed_at_us")
        priority = try value("priority")
        location = try optional("location")
        verification = try value("verification")
        verifiedBy = try optional("verified_by")
        verifiedAt = try optional("verified_at_us")
        admittedBy = try optional("admitted_by")
        admittedAt = try optional("admitted_at_us")
        classification = try value("classification")
        awaitingAdmission = try value("awaiting_admission")
        onBehalfOf = try optional("on_behalf_of")
    }
}

extension EntryVersionRow {
    /// Whether the version was the entry's one at `instant`: valid from then or earlier, not closed by then.
    func isValid(at instant: Int64) -> Bool { validFrom <= instant && validTo.map { $0 > instant } ?? true }
}

extension PictureStore {
    /// The entries of an incident as they stood at `instant`, by observation time, then by id. Outside a
    /// transaction from the incident's history held in memory (`EntryHistories`), checked against the
    /// incident's last journal event; inside one, whose writes may still be undone, from the database.
    func entries(of incidentID: UUID, at instant: Int64) async throws -> [EntryVersionRow] {
        guard let sql = db as? any SQLDatabase, !db.inTransaction else { return try await entriesQueried(of: incidentID, at: instant) }
        let last = try await sql.raw("SELECT max(seq) AS seq FROM incident_journal WHERE incident_id = \(bind: incidentID)").first()
        let sequence = try last.flatMap { try $0.decode(column: "seq", as: Int64?.self) } ?? 0
        let history = try await context.entryHistories.history(of: incidentID, sequence: sequence) {
            try await rows(
                """
                SELECT \(idents: EntryVersionRow.columns, joinedBy: ", ") FROM entry_versions WHERE incident_id = \(bind: incidentID)
                ORDER BY observed_at_us, entry_id
                """)
        }
        return history.entries(at: instant)
    }

    /// The same from the database: the versions valid at `instant`, in two ranges of the index of M0055 (the
    /// current versions and those closed after `instant`).
    func entriesQueried(of incidentID: UUID, at instant: Int64) async throws -> [EntryVersionRow] {
        guard db is any SQLDatabase else {
            return try await EntryVersionModel.query(on: db).filter(\.$incidentID == incidentID).filter(\.$validFrom <= instant)
                .group(.or) { $0.filter(\.$validTo == nil).filter(\.$validTo > instant) }
                .sort(\.$observedAt).sort(\.$entryID).all().map(EntryVersionRow.init)
        }
        return try await rows(
            """
            SELECT \(idents: EntryVersionRow.columns, joinedBy: ", ") FROM entry_versions
            WHERE incident_id = \(bind: incidentID) AND valid_to IS NULL AND valid_from <= \(bind: instant)
            UNION ALL
            SELECT \(idents: EntryVersionRow.columns, joinedBy: ", ") FROM entry_versions
            WHERE incident_id = \(bind: incidentID) AND valid_to > \(bind: instant) AND valid_from <= \(bind: instant)
            ORDER BY observed_at_us, entry_id
            """)
    }

    /// The entry versions `query` selects.
    private func rows(_ query: SQLQueryString) async throws -> [EntryVersionRow] {
        let sql = db as! any SQLDatabase
        if let sqlite = db as? any SQLiteDatabase {
            // The same statement and binds (encoded as Fluent encodes them), its rows read on the connection's
            // thread as they come: the driver's other ways hand each row to the event loop as a task of its own,
            // a thousand wake-ups for a thousand entries.
            let (text, binds) = sql.serialize(query)
            let encoder = SQLiteDataEncoder()
            let values = try binds.map { try encoder.encode($0) }
            return try await sqlite.withConnection { connection in
                nonisolated(unsafe) var rows: [SQLiteRow] = []
                try await connection.query(text, values) { rows.append($0) }
                return try rows.map(EntryVersionRow.init(sqlite:))
            }
        }
        return try await sql.raw(query).all().map(EntryVersionRow.init)
    }
}
