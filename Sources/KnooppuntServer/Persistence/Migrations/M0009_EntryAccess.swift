import Fluent
import SQLKit

/// Entries carry their classification, whether they wait for the IM's admission (structurele
/// samenwerking), and the partner a liaison entered them for.
struct M0009_EntryAccess: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema(EntryVersionModel.schema)
            .field("classification", .string, .required, .sql(.default("internal")))
            .update()
        try await database.schema(EntryVersionModel.schema)
            .field("awaiting_admission", .bool, .required, .sql(.default(false)))
            .update()
        try await database.schema(EntryVersionModel.schema)
            .field("on_behalf_of", .string)
            .update()
    }

    func revert(on database: Database) async throws {
        for field: FieldKey in ["on_behalf_of", "awaiting_admission", "classification"] {
            try await database.schema(EntryVersionModel.schema).deleteField(field).update()
        }
    }
}
