import Fluent

/// Regions and municipalities.
struct M0002_CreateReferenceTables: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema(RegionModel.schema)
            .field("code", .string, .identifier(auto: false))
            .field("name", .string, .required)
            .field("name_alt", .string, .required)
            .field("province_code", .string, .required)
            .field("province_name", .string, .required)
            .field("boundary", .string, .required)
            .create()
        try await database.schema(MunicipalityModel.schema)
            .field("code", .string, .identifier(auto: false))
            .field("name", .string, .required)
            .field("region_code", .string, .required, .references(RegionModel.schema, "code"))
            .field("boundary", .string, .required)
            .create()
    }

    func revert(on database: Database) async throws {
        try await database.schema(MunicipalityModel.schema).delete()
        try await database.schema(RegionModel.schema).delete()
    }
}
