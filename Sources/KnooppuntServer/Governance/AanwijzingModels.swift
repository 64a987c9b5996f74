import Fluent
import Foundation
import KnooppuntCore

/// An aanwijzing of the minister of JenV. On the national node: one given there (origin "self"), with a
/// delivery row per addressed regional node. On a regional node: one received (origin = the sending
/// node), with its voorzitter's acknowledgement. The same id on every node; rows are never deleted.
final class AanwijzingModel: Model, @unchecked Sendable {
    static let schema = "aanwijzingen"

    @ID(key: .id) var id: UUID?
    @Field(key: "origin") var origin: String
    /// `AanwijzingKind`: warm or koud.
    @Field(key: "kind") var kind: String
    /// Region codes, comma-separated, sorted.
    @Field(key: "addressees") var addressees: String
    /// `[AanwijzingIncident]` as canonical JSON.
    @Field(key: "incidents") var incidents: String
    /// `GovernanceMatter` raw values, comma-separated, sorted.
    @Field(key: "matters") var matters: String
    @Field(key: "direction") var direction: String
    @Field(key: "legal_basis") var legalBasis: String
    @Field(key: "justification") var justification: String
    /// `[AanwijzingConsultationRecord]` as canonical JSON.
    @Field(key: "consultation") var consultation: String
    @OptionalField(key: "urgency") var urgency: String?
    @Field(key: "valid_from_us") var validFrom: Int64
    @OptionalField(key: "valid_until_us") var validUntil: Int64?
    @Field(key: "given_by") var givenBy: String
    @Field(key: "given_by_name") var givenByName: String
    @Field(key: "given_at_us") var givenAt: Int64
    @OptionalField(key: "withdrawn_at_us") var withdrawnAt: Int64?
    @OptionalField(key: "withdrawn_by_name") var withdrawnByName: String?
    @OptionalField(key: "withdrawal_reason") var withdrawalReason: String?
    /// On a regional node: when and by whom its voorzitter acknowledged it.
    @OptionalField(key: "acknowledged_at_us") var acknowledgedAt: Int64?
    @OptionalField(key: "acknowledged_by") var acknowledgedBy: String?
    @OptionalField(key: "acknowledged_by_name") var acknowledgedByName: String?

    init() {}

    static let given = "self"

    var addresseeRegions: [RegionCode] { addressees.split(separator: ",").compactMap { RegionCode(String($0)) } }

    var governanceMatters: [GovernanceMatter] {
        matters.split(separator: ",").compactMap { GovernanceMatter(rawValue: String($0)) }
    }

    func concerned() throws -> [AanwijzingIncident] { try CanonicalJSON.decode([AanwijzingIncident].self, from: incidents) }

    func consulted() throws -> [AanwijzingConsultationRecord] {
        try CanonicalJSON.decode([AanwijzingConsultationRecord].self, from: consultation)
    }

    /// The aanwijzing as the authority derivation counts it: it ends when it lapses or is withdrawn.
    var core: Aanwijzing {
        let until = [validUntil, withdrawnAt].compactMap { $0 }.min()
        return Aanwijzing(
            addressees: Set(addresseeRegions), matters: Set(governanceMatters), validFrom: Microseconds.date(validFrom),
            validUntil: until.map(Microseconds.date))
    }

    func isInForce(at now: Date) -> Bool { core.isInForce(at: now) }
}

/// On the national node: one addressed regional node, the message that carries the aanwijzing to it
/// (delivered when the outbox says so) and its voorzitter's acknowledgement.
final class AanwijzingDeliveryModel: Model, @unchecked Sendable {
    static let schema = "aanwijzing_deliveries"

    @ID(key: .id) var id: UUID?
    @Field(key: "aanwijzing_id") var aanwijzingID: UUID
    @Field(key: "node") var node: String
    @Field(key: "region") var region: String
    /// The outbox message id.
    @Field(key: "message_id") var messageID: UUID
    @OptionalField(key: "acknowledged_at_us") var acknowledgedAt: Int64?
    @OptionalField(key: "acknowledged_by_name") var acknowledgedByName: String?

    init() {}
}

/// An incident an aanwijzing is about, as the national picture knew it when it was given.
struct AanwijzingIncident: Codable, Sendable, Equatable {
    /// The regional node that holds it.
    var node: String
    var incident: UUID
    var reference: String
    var title: String
}

/// One consultation as stored and sent: the office, when, what came of it.
struct AanwijzingConsultationRecord: Codable, Sendable, Equatable {
    /// `AuthorityOffice.code`: voorzitter:VRnn or cdk:PVnn.
    var party: String
    var at: Date
    var outcome: String
}

/// The messages between the national node and the regional nodes.
enum AanwijzingMessages {
    /// National → region: the aanwijzing, whole.
    struct Given: Codable, Sendable {
        var aanwijzing: UUID
        var kind: String
        var addressees: [String]
        var incidents: [AanwijzingIncident]
        var matters: [String]
        var direction: String
        var legalBasis: String
        var justification: String
        var consultation: [AanwijzingConsultationRecord]
        var urgency: String?
        var validFrom: Date
        var validUntil: Date?
        var givenByName: String
        var givenAt: Date
    }

    /// National → region: the minister withdrew it.
    struct Withdrawn: Codable, Sendable {
        var aanwijzing: UUID
        var withdrawnAt: Date
        var withdrawnByName: String
        var reason: String?
    }

    /// Region → national: its voorzitter acknowledged it.
    struct Acknowledged: Codable, Sendable {
        var aanwijzing: UUID
        var region: String
        var acknowledgedAt: Date
        var acknowledgedByName: String
    }
}
