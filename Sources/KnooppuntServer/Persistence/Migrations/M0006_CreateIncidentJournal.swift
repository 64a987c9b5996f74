import Fluent

/// The incident index of the journal.
struct M0006_CreateIncidentJournal: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema(IncidentJournalModel.schema)
            .field("seq", .int64, .identifier(auto: false))
            .field("incident_id", .uuid, .required, .references(IncidentModel.schema, "id"))
            .create()
    }

    func revert(on database: Database) async throws {
        try await database.schema(IncidentJournalModel.schema).delete()
    }
}
