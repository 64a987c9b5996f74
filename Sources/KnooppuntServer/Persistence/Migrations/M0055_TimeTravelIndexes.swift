import Fluent
import SQLKit

/// Issue 21: the picture as at a moment reads its incident's versions from an index instead of every
/// incident's rows. Entry versions by (incident, valid_to, valid_from): the current versions are the
/// `valid_to IS NULL` range, the versions closed after T the `valid_to > T` range, and `valid_from <= T` is
/// checked in the index before a row is read. Records and conflicts by incident, and grants by incident,
/// which the same answer reads; an incident's journal by incident, for its last event, which tells whether the
/// entry versions held in memory are still the incident's (`EntryHistories`). (Decision 0035, time travel.)
struct M0055_TimeTravelIndexes: AsyncMigration {
    static let indexes = [
        ("entry_versions_as_at", "entry_versions (incident_id, valid_to, valid_from)"),
        ("picture_record_versions_as_at", "picture_record_versions (incident_id, kind, valid_to, valid_from)"),
        ("entry_conflicts_incident", "entry_conflicts (incident_id, marked_at_us)"),
        ("access_grants_incident", "access_grants (incident_id)"),
        ("incident_journal_incident", "incident_journal (incident_id, seq)"),
    ]

    func prepare(on database: Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        for (name, definition) in Self.indexes {
            try await sql.raw("CREATE INDEX \(unsafeRaw: name) ON \(unsafeRaw: definition)").run()
        }
    }

    func revert(on database: Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        for (name, _) in Self.indexes.reversed() {
            try await sql.raw("DROP INDEX \(unsafeRaw: name)").run()
        }
    }
}
