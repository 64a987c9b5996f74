import Fluent
import Foundation
import SQLKit

/// One message a meldkamer sent (decision 0034): the text as received, what was read from it, and the
/// incident proposal it belongs to. Stored once: the same text from the same meldkamer within ten minutes is
/// the same message (P2000 repeats a message to several groups of pagers).
final class MeldkamerMessageModel: Model, @unchecked Sendable {
    static let schema = "meldkamer_messages"

    @ID(key: .id) var id: UUID?
    @Field(key: "meldkamer") var meldkamer: String
    @Field(key: "text") var text: String
    /// SHA-256 of the meldkamer and the text with its spacing made even: finds repeats.
    @Field(key: "text_hash") var textHash: String
    @Field(key: "received_at_us") var receivedAt: Int64
    @Field(key: "source") var source: String
    @OptionalField(key: "lat") var lat: Double?
    @OptionalField(key: "lon") var lon: Double?
    /// `MeldkamerReading` as canonical JSON.
    @Field(key: "reading") var reading: String
    @OptionalField(key: "region") var region: String?
    @OptionalField(key: "proposal_id") var proposalID: UUID?
    /// Why it joined its proposal (nil when it opened it or has none).
    @OptionalField(key: "join_reason") var joinReason: String?
    @Field(key: "unreadable") var unreadable: Bool
    @Field(key: "stored_at_us") var storedAt: Int64
    @Field(key: "exercise") var exercise: Bool
    // What the grouping looks messages up by (from the reading), so a new message meets only its candidates.
    /// The street, normalised (`Gazetteer.normalise`).
    @OptionalField(key: "street_key") var streetKey: String?
    @OptionalField(key: "municipality") var municipality: String?
    @OptionalField(key: "postcode") var postcode: String?
    @Field(key: "point_exact") var pointExact: Bool
    /// The units alarmed as ",13AST,13ASW,".
    @Field(key: "capcodes") var capcodes: String
    @OptionalField(key: "priority") var priority: Int?

    init() {}
}

/// An incident proposal: messages that belong together in one region, not yet an incident.
final class MeldkamerProposalModel: Model, @unchecked Sendable {
    static let schema = "meldkamer_proposals"

    @ID(key: .id) var id: UUID?
    @Field(key: "region") var region: String
    /// open, promoted, dismissed or merged.
    @Field(key: "status") var status: String
    @Field(key: "opened_at_us") var openedAt: Int64
    @Field(key: "last_message_at_us") var lastMessageAt: Int64
    @OptionalField(key: "incident_id") var incidentID: UUID?
    @OptionalField(key: "merged_into") var mergedInto: UUID?
    @OptionalField(key: "handled_by") var handledBy: String?
    @OptionalField(key: "handled_at_us") var handledAt: Int64?
    @OptionalField(key: "handled_reason") var handledReason: String?
    /// Proposals of an exercise (a replay) hold only exercise messages and become exercise incidents.
    @Field(key: "exercise") var exercise: Bool
    /// The highest priority (1 is highest) of its messages.
    @OptionalField(key: "highest_priority") var highestPriority: Int?
    /// Bumped by every change, for stale-write checks.
    @Field(key: "version") var version: Int

    init() {}
}

/// Issue 20 (decision 0034): meldkamer messages and incident proposals.
struct M0053_CreateMeldkamerIntake: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema(MeldkamerProposalModel.schema)
            .id()
            .field("region", .string, .required)
            .field("status", .string, .required)
            .field("opened_at_us", .int64, .required)
            .field("last_message_at_us", .int64, .required)
            .field("incident_id", .uuid)
            .field("merged_into", .uuid)
            .field("handled_by", .string)
            .field("handled_at_us", .int64)
            .field("handled_reason", .string)
            .field("exercise", .bool, .required)
            .field("version", .int, .required)
            .create()
        try await database.schema(MeldkamerMessageModel.schema)
            .id()
            .field("meldkamer", .string, .required)
            .field("text", .string, .required)
            .field("text_hash", .string, .required)
            .field("received_at_us", .int64, .required)
            .field("source", .string, .required)
            .field("lat", .double)
            .field("lon", .double)
            .field("reading", .string, .required)
            .field("region", .string)
            .field("proposal_id", .uuid)
            .field("join_reason", .string)
            .field("unreadable", .bool, .required)
            .field("stored_at_us", .int64, .required)
            .field("exercise", .bool, .required)
            .create()
        if let sql = database as? any SQLDatabase {
            try await sql.raw("CREATE INDEX meldkamer_messages_hash ON meldkamer_messages (text_hash, received_at_us)").run()
            try await sql.raw("CREATE INDEX meldkamer_messages_proposal ON meldkamer_messages (proposal_id)").run()
            try await sql.raw("CREATE INDEX meldkamer_proposals_open ON meldkamer_proposals (region, status, last_message_at_us)").run()
        }
    }

    func revert(on database: Database) async throws {
        try await database.schema(MeldkamerMessageModel.schema).delete()
        try await database.schema(MeldkamerProposalModel.schema).delete()
    }
}

/// Issue 20 (decision 0034): what the grouping looks messages up by, so a new message meets only its candidate
/// messages (street, municipality, postcode, an exact point, units, priority), and a proposal's highest priority.
struct M0054_MeldkamerLookup: AsyncMigration {
    func prepare(on database: Database) async throws {
        // One column per statement: SQLite adds one column per ALTER TABLE.
        let messages = MeldkamerMessageModel.schema
        try await database.schema(messages).field("street_key", .string).update()
        try await database.schema(messages).field("municipality", .string).update()
        try await database.schema(messages).field("postcode", .string).update()
        try await database.schema(messages).field("point_exact", .bool, .required, .sql(.default(false))).update()
        try await database.schema(messages).field("capcodes", .string, .required, .sql(.default(""))).update()
        try await database.schema(messages).field("priority", .int).update()
        try await database.schema(MeldkamerProposalModel.schema).field("highest_priority", .int).update()
        if let sql = database as? any SQLDatabase {
            try await sql.raw("CREATE INDEX meldkamer_messages_region_at ON meldkamer_messages (region, received_at_us)").run()
        }
    }

    func revert(on database: Database) async throws {
        if let sql = database as? any SQLDatabase {
            try await sql.raw("DROP INDEX meldkamer_messages_region_at").run()
        }
        try await database.schema(MeldkamerProposalModel.schema).deleteField("highest_priority").update()
        for field in ["priority", "capcodes", "point_exact", "postcode", "municipality", "street_key"] {
            try await database.schema(MeldkamerMessageModel.schema).deleteField(FieldKey(stringLiteral: field)).update()
        }
    }
}
