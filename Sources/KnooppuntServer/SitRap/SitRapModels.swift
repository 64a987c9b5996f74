import Fluent
import Foundation
import KnooppuntCore

/// An issued situation report: its content as composed (JSON) and its map. Never updated.
final class SitRapModel: Model, @unchecked Sendable {
    static let schema = "sitraps"

    @ID(key: .id) var id: UUID?
    @Field(key: "incident_id") var incidentID: UUID
    @Field(key: "number") var number: Int
    @Field(key: "moment_us") var moment: Int64
    @Field(key: "issued_at_us") var issuedAt: Int64
    @Field(key: "issued_by") var issuedBy: String
    @Field(key: "organisation") var organisation: String
    @Field(key: "classification") var classification: String
    @Field(key: "scheduled") var scheduled: Bool
    @Field(key: "content") var content: String
    @OptionalField(key: "map") var map: String?

    init() {}

    func report() throws -> SitRap { try CanonicalJSON.decode(SitRap.self, from: content) }
    func drawnMap() throws -> SitRapMap? { try map.map { try CanonicalJSON.decode(SitRapMap.self, from: $0) } }
}

/// An incident's schedule: a SitRap every `intervalMinutes` while it is open.
final class SitRapScheduleModel: Model, @unchecked Sendable {
    static let schema = "sitrap_schedules"

    @ID(key: .id) var id: UUID?
    @Field(key: "incident_id") var incidentID: UUID
    @Field(key: "interval_minutes") var intervalMinutes: Int
    @Field(key: "unverified") var unverified: String
    @Field(key: "next_due_us") var nextDue: Int64
    /// The user whose reading rights scheduled reports are composed with.
    @Field(key: "set_by") var setBy: String
    @Field(key: "set_at_us") var setAt: Int64

    init() {}
}
