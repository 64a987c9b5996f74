import Fluent

/// Issue 18 point 6 (decision 0029): on the national node, the risk pictures the regional nodes share.
struct M0046_CreateNationalRiskPictures: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema(NationalRiskPictureModel.schema)
            .id()
            .field("region", .string, .required)
            .field("body", .string, .required)
            .field("received_at_us", .int64, .required)
            .field("source_node", .string, .required)
            .create()
    }

    func revert(on database: Database) async throws {
        try await database.schema(NationalRiskPictureModel.schema).delete()
    }
}
