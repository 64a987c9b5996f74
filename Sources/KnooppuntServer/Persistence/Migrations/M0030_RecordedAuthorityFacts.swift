import Fluent
import SQLKit

/// Issue 15: the reviews of an incident's scale and authority (C13). The recorded significance, stage
/// and declaration live in the incident state (JSON): versions written before them read as "not
/// recorded" (significance from the GRIP level, acute stage, not declared), so no row is rewritten and
/// every stored digest stays valid.
struct M0030_RecordedAuthorityFacts: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema(ScaleReviewModel.schema)
            .id()
            .field("incident_id", .uuid, .required)
            .field("version", .int, .required)
            .field("outcome", .string, .required)
            .field("reason", .string, .required)
            .field("reviewed_at_us", .int64, .required)
            .field("author", .string, .required)
            .field("author_org", .string, .required)
            .create()
        guard let sql = database as? SQLDatabase else { return }
        try await sql.raw("CREATE INDEX scale_reviews_incident ON scale_reviews (incident_id, reviewed_at_us)").run()
    }

    func revert(on database: Database) async throws {
        try await database.schema(ScaleReviewModel.schema).delete()
    }
}
