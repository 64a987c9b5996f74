import Fluent

/// Decision 0021: the phase of each region (and of the national level) towards a threat with its
/// history, and the incidents' IRBTs with their joint decisions and alignments with the Rijk.
///
/// Incident versions are not rewritten: their rows are digested into the journal (decision 0016), so a
/// changed row would read as tampering. A koud, lauw or warm phase on a stored version reads as respons
/// (`IncidentPhase.current`), and the next version of the incident is written with respons.
struct M0031_CreatePhasesAndIRBT: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema(RegionPhaseModel.schema)
            .id()
            .field("scope", .string, .required)
            .field("phase", .string, .required)
            .field("reason", .string, .required)
            .field("set_at_us", .int64, .required)
            .field("set_by", .string, .required)
            .field("set_by_name", .string, .required)
            .field("set_by_org", .string, .required)
            .field("source_node", .string)
            .create()
        try await database.schema(IRBTModel.schema)
            .id()
            .field("incident_id", .uuid, .required)
            .field("origin", .string, .required)
            .field("formed_at_us", .int64, .required)
            .field("formed_by", .string, .required)
            .field("formed_by_org", .string, .required)
            .field("coordinating_region", .string)
            .unique(on: "incident_id")
            .create()
        try await database.schema(IRBTRecordModel.schema)
            .id()
            .field("incident_id", .uuid, .required)
            .field("kind", .string, .required)
            .field("text", .string, .required)
            .field("at_us", .int64, .required)
            .field("agreed_regions", .string)
            .field("counterpart", .string)
            .field("recorded_at_us", .int64, .required)
            .field("recorded_by", .string, .required)
            .field("recorded_by_name", .string, .required)
            .field("recorded_by_org", .string, .required)
            .create()
    }

    func revert(on database: Database) async throws {
        try await database.schema(IRBTRecordModel.schema).delete()
        try await database.schema(IRBTModel.schema).delete()
        try await database.schema(RegionPhaseModel.schema).delete()
    }
}
