import Fluent
import Foundation
import KnooppuntCore

/// Loads the 25 regions and 342 municipalities from the bundled CBS / PDOK boundaries.
struct M0003_LoadReferenceData: AsyncMigration {
    func prepare(on database: Database) async throws {
        let reference = try ReferenceData.load()
        try await database.transaction { db in
            try await reference.regions.create(on: db)
            try await reference.municipalities.create(on: db)
            try await Journal.append(
                ReferenceLoaded(regions: reference.regions.count, municipalities: reference.municipalities.count), on: db,
                actor: "system", organisation: "system")
        }
    }

    func revert(on database: Database) async throws {
        try await MunicipalityModel.query(on: database).delete()
        try await RegionModel.query(on: database).delete()
    }
}
