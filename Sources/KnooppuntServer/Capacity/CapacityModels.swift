import Fluent
import Foundation

/// A type in the capacity catalogue; the seeded ones and those administrators added.
final class CapacityTypeModel: Model, @unchecked Sendable {
    static let schema = "capacity_types"

    @ID(key: .id) var id: UUID?
    @Field(key: "code") var code: String
    @Field(key: "name_nl") var nameNL: String
    @Field(key: "name_en") var nameEN: String
    @Field(key: "category") var category: String
    @Field(key: "added_by") var addedBy: String

    init() {}
}

/// One line of the registry: so many units of a type held by an organisation at a home location.
final class CapacityItemModel: Model, @unchecked Sendable {
    static let schema = "capacity_items"

    @ID(key: .id) var id: UUID?
    /// The organisation holding it: a region (VR13), a partner, or the national pool (KCR2).
    @Field(key: "holder") var holder: String
    @Field(key: "type_code") var typeCode: String
    /// Where it is stationed, e.g. "Kazerne Amstelveen".
    @Field(key: "label") var label: String
    @Field(key: "count") var count: Int
    @Field(key: "unavailable") var unavailable: Int
    @Field(key: "keep_for_own") var keepForOwn: Int
    /// Minutes from a request to leaving.
    @Field(key: "readiness_minutes") var readinessMinutes: Int
    /// A GeoJSON point, when known.
    @OptionalField(key: "home") var home: String?
    @Field(key: "version") var version: Int
    @Field(key: "updated_at_us") var updatedAt: Int64
    @Field(key: "updated_by") var updatedBy: String

    init() {}
}

/// An assistance (bijstand) request from a region or the national node.
final class AssistanceRequestModel: Model, @unchecked Sendable {
    static let schema = "assistance_requests"

    @ID(key: .id) var id: UUID?
    /// "BIJ-VR13-2026-0001".
    @Field(key: "number") var number: String
    @Field(key: "requester") var requester: String
    @OptionalField(key: "incident_id") var incidentID: UUID?
    @Field(key: "type_code") var typeCode: String
    /// What exactly, when the type alone does not say (e.g. an imported type without a catalogue code).
    @Field(key: "type_note") var typeNote: String
    @Field(key: "quantity") var quantity: Int
    @Field(key: "location_text") var locationText: String
    /// A GeoJSON point, when known.
    @OptionalField(key: "location") var location: String?
    @Field(key: "from_us") var from: Int64
    @OptionalField(key: "until_us") var until: Int64?
    @Field(key: "reason") var reason: String
    @Field(key: "submitted") var submitted: Bool
    @OptionalField(key: "ending") var ending: String?
    @Field(key: "status") var status: String
    @Field(key: "created_at_us") var createdAt: Int64
    @Field(key: "created_by") var createdBy: String
    @Field(key: "updated_at_us") var updatedAt: Int64
    /// The EDXL-RM MessageID it was imported from or exported under.
    @Field(key: "rm_message_id") var rmMessageID: String
    /// For an imported request: who asked, as the message names them.
    @OptionalField(key: "external_requester") var externalRequester: String?

    init() {}
}

/// An offer of capacity for a request: from a registry line, or from an outside party (EDXL-RM import).
final class AssistanceOfferModel: Model, @unchecked Sendable {
    static let schema = "assistance_offers"

    @ID(key: .id) var id: UUID?
    @Field(key: "request_id") var requestID: UUID
    @Field(key: "holder") var holder: String
    @OptionalField(key: "capacity_item_id") var capacityItemID: UUID?
    @Field(key: "quantity") var quantity: Int
    @Field(key: "note") var note: String
    @Field(key: "status") var status: String
    @Field(key: "created_at_us") var createdAt: Int64
    @Field(key: "created_by") var createdBy: String
    @Field(key: "updated_at_us") var updatedAt: Int64
    @OptionalField(key: "rm_message_id") var rmMessageID: String?

    init() {}
}

/// Capacity committed to a request by an accepted offer; active until released.
final class AssistanceCommitmentModel: Model, @unchecked Sendable {
    static let schema = "assistance_commitments"

    @ID(key: .id) var id: UUID?
    @Field(key: "request_id") var requestID: UUID
    @Field(key: "offer_id") var offerID: UUID
    @Field(key: "holder") var holder: String
    @OptionalField(key: "capacity_item_id") var capacityItemID: UUID?
    @Field(key: "quantity") var quantity: Int
    @Field(key: "status") var status: String
    @Field(key: "committed_at_us") var committedAt: Int64
    @Field(key: "committed_by") var committedBy: String
    @OptionalField(key: "deployed_at_us") var deployedAt: Int64?
    @OptionalField(key: "released_at_us") var releasedAt: Int64?
    @Field(key: "rm_message_id") var rmMessageID: String

    init() {}
}

/// A scarce-resource allocation decision by the competent authority, recorded by the national node.
final class AllocationDecisionModel: Model, @unchecked Sendable {
    static let schema = "allocation_decisions"

    @ID(key: .id) var id: UUID?
    @Field(key: "type_code") var typeCode: String
    @Field(key: "authority") var authority: String
    @Field(key: "decision") var decision: String
    @Field(key: "reason") var reason: String
    /// Request numbers in the order of priority the decision sets, as JSON.
    @Field(key: "priorities") var priorities: String
    @Field(key: "decided_at_us") var decidedAt: Int64
    @Field(key: "recorded_by") var recordedBy: String

    init() {}
}

/// An EDXL-RM message as received, byte for byte, with what became of it.
final class ResourceMessageModel: Model, @unchecked Sendable {
    static let schema = "resource_messages"

    @ID(key: .id) var id: UUID?
    @Field(key: "message_id") var messageID: String
    @Field(key: "kind") var kind: String
    @Field(key: "original") var original: Data
    @Field(key: "received_at_us") var receivedAt: Int64
    @Field(key: "received_by") var receivedBy: String
    @OptionalField(key: "request_id") var requestID: UUID?
    /// What the import did, in words.
    @Field(key: "outcome") var outcome: String

    init() {}
}
