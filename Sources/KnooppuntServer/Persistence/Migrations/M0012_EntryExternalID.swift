import Fluent
import SQLKit

/// Entries imported from a partner's own netcentric picture keep that system's id, so importing the
/// same entry again updates it instead of adding a copy.
struct M0012_EntryExternalID: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema(EntryModel.schema).field("external_id", .string).update()
        guard let sql = database as? SQLDatabase else { return }
        try await sql.raw(
            "CREATE UNIQUE INDEX entries_external_id ON entries (incident_id, author_org, external_id)"
        ).run()
    }

    func revert(on database: Database) async throws {
        if let sql = database as? SQLDatabase { try await sql.raw("DROP INDEX entries_external_id").run() }
        try await database.schema(EntryModel.schema).deleteField("external_id").update()
    }
}
