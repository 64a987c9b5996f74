import Fluent

/// Organisations, users and their access tokens.
struct M0004_CreateAccounts: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema(OrganisationModel.schema)
            .id()
            .field("code", .string, .required)
            .field("name", .string, .required)
            .field("kind", .string, .required)
            .field("region_code", .string, .references(RegionModel.schema, "code"))
            .field("created_at", .datetime)
            .unique(on: "code")
            .create()
        try await database.schema(UserModel.schema)
            .id()
            .field("username", .string, .required)
            .field("display_name", .string, .required)
            .field("organisation_id", .uuid, .required, .references(OrganisationModel.schema, "id"))
            .field("role", .string, .required)
            .field("password_hash", .string, .required)
            .field("disabled_at", .datetime)
            .field("created_at", .datetime)
            .unique(on: "username")
            .create()
        try await database.schema(AccessTokenModel.schema)
            .id()
            .field("user_id", .uuid, .required, .references(UserModel.schema, "id", onDelete: .cascade))
            .field("kind", .string, .required)
            .field("name", .string, .required)
            .field("token_hash", .string, .required)
            .field("created_at", .datetime, .required)
            .field("expires_at", .datetime, .required)
            .field("last_used_at", .datetime)
            .field("revoked_at", .datetime)
            .unique(on: "token_hash")
            .create()
    }

    func revert(on database: Database) async throws {
        try await database.schema(AccessTokenModel.schema).delete()
        try await database.schema(UserModel.schema).delete()
        try await database.schema(OrganisationModel.schema).delete()
    }
}
