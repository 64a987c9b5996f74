import Fluent
import SQLKit

/// Failed logins in the database, so every instance of a node throttles alike.
struct M0025_CreateLoginFailures: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema(LoginFailureModel.schema)
            .id()
            .field("key", .string, .required)
            .field("at_us", .int64, .required)
            .create()
        if let sql = database as? SQLDatabase {
            try await sql.raw("CREATE INDEX login_failures_key_at ON login_failures (key, at_us)").run()
        }
    }

    func revert(on database: Database) async throws {
        try await database.schema(LoginFailureModel.schema).delete()
    }
}
