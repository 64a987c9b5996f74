import Fluent
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
        "entry_id", "version", "valid_from", "author", "author_org", "theme", "text", "source", "observed_at_us", "priority",
        "location", "verification", "verified_by", "verified_at_us", "admitted_by", "admitted_at_us", "classification",
        "awaiting_admission", "on_behalf_of",
    ]
}

extension EntryVersionRow {
    init(_ model: EntryVersionModel) {
        (entryID, version, validFrom) = (model.entryID, model.version, model.validFrom)
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

extension PictureStore {
    /// The entries of an incident as they stood at `instant`, by observation time, then by id: the versions
    /// valid from `instant` or earlier and not closed by then. Two ranges of the index of M0055, the
    /// current versions and those closed after `instant`, so "now" reads only the current ones.
    func entries(of incidentID: UUID, at instant: Int64) async throws -> [EntryVersionRow] {
        guard let sql = db as? any SQLDatabase else {
            return try await EntryVersionModel.query(on: db).filter(\.$incidentID == incidentID).filter(\.$validFrom <= instant)
                .group(.or) { $0.filter(\.$validTo == nil).filter(\.$validTo > instant) }
                .sort(\.$observedAt).sort(\.$entryID).all().map(EntryVersionRow.init)
        }
        let rows = try await sql.raw(
            """
            SELECT \(idents: EntryVersionRow.columns, joinedBy: ", ") FROM entry_versions
            WHERE incident_id = \(bind: incidentID) AND valid_to IS NULL AND valid_from <= \(bind: instant)
            UNION ALL
            SELECT \(idents: EntryVersionRow.columns, joinedBy: ", ") FROM entry_versions
            WHERE incident_id = \(bind: incidentID) AND valid_to > \(bind: instant) AND valid_from <= \(bind: instant)
            ORDER BY observed_at_us, entry_id
            """
        ).all()
        return try rows.map(EntryVersionRow.init)
    }
}
