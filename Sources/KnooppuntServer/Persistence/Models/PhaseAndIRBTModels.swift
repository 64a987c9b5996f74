import Fluent
import Foundation

/// One setting of a region's (or the national level's) phase towards a threat; the newest per scope is
/// the phase now, the rows before it its history (decision 0021). Rows are only added.
final class RegionPhaseModel: Model, @unchecked Sendable {
    static let schema = "region_phases"

    @ID(key: .id) var id: UUID?
    /// "VR13", or "national".
    @Field(key: "scope") var scope: String
    @Field(key: "phase") var phase: String
    @Field(key: "reason") var reason: String
    @Field(key: "set_at_us") var setAt: Int64
    @Field(key: "set_by") var setBy: String
    /// The person's name as it was shown then (the national node keeps rows of other nodes' users).
    @Field(key: "set_by_name") var setByName: String
    @Field(key: "set_by_org") var setByOrganisation: String
    /// The regional node it came from, on the national node; nil when set on this node.
    @OptionalField(key: "source_node") var sourceNode: String?

    init() {}
}

/// An incident's Interregionaal Beleidsteam (C07). Its members are not stored: they are the voorzitters
/// of the incident's involved regions as they stand.
final class IRBTModel: Model, @unchecked Sendable {
    static let schema = "irbts"

    @ID(key: .id) var id: UUID?
    @Field(key: "incident_id") var incidentID: UUID
    /// grip-5 or request.
    @Field(key: "origin") var origin: String
    @Field(key: "formed_at_us") var formedAt: Int64
    @Field(key: "formed_by") var formedBy: String
    @Field(key: "formed_by_org") var formedByOrganisation: String
    /// The region whose voorzitter coordinates, when chosen; nil: the lead region's.
    @OptionalField(key: "coordinating_region") var coordinatingRegion: String?

    init() {}
}

/// A joint decision of an IRBT, or an alignment with the Rijk: what, when, who recorded it.
final class IRBTRecordModel: Model, @unchecked Sendable {
    static let schema = "irbt_records"

    @ID(key: .id) var id: UUID?
    @Field(key: "incident_id") var incidentID: UUID
    /// decision or alignment.
    @Field(key: "kind") var kind: String
    @Field(key: "text") var text: String
    /// When it was decided or aligned.
    @Field(key: "at_us") var at: Int64
    /// A decision: the regions whose voorzitter agreed, ",VR12,VR13,".
    @OptionalField(key: "agreed_regions") var agreedRegions: String?
    /// An alignment: with whom at the Rijk.
    @OptionalField(key: "counterpart") var counterpart: String?
    @Field(key: "recorded_at_us") var recordedAt: Int64
    @Field(key: "recorded_by") var recordedBy: String
    @Field(key: "recorded_by_name") var recordedByName: String
    @Field(key: "recorded_by_org") var recordedByOrganisation: String

    init() {}
}
