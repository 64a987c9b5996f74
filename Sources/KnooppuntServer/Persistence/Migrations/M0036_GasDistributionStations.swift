import Fluent
import SQLKit

/// Issue 17, point 13: the layer category for the gas network's distribution stations («gasverdeelstations»,
/// 001:L1267-1269) was stored as "gas-stations" and shown as "Tankstations" (petrol stations). Stored layers
/// take the new name; layer rows carry no digest and the journal's layer events carry no category, so
/// nothing else changes.
struct M0036_GasDistributionStations: AsyncMigration {
    func prepare(on database: Database) async throws {
        guard let sql = database as? SQLDatabase else { return }
        try await sql.raw("UPDATE layers SET category = 'gas-distribution-stations' WHERE category = 'gas-stations'").run()
    }

    func revert(on database: Database) async throws {
        guard let sql = database as? SQLDatabase else { return }
        try await sql.raw("UPDATE layers SET category = 'gas-stations' WHERE category = 'gas-distribution-stations'").run()
    }
}
