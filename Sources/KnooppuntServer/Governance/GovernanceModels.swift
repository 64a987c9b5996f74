import Fluent
import Foundation
import KnooppuntCore

/// The office register: who holds which office of the bestuur (burgemeester of a gemeente, voorzitter of
/// a region, a minister, a commissaris van de Koning), from when, until it ended. Rows are never
/// deleted; an ended office keeps its row with `endedAt`.
final class OfficeModel: Model, @unchecked Sendable {
    static let schema = "authority_offices"

    @ID(key: .id) var id: UUID?
    @Field(key: "username") var username: String
    /// `AuthorityOffice.code`.
    @Field(key: "code") var code: String
    @Field(key: "valid_from_us") var validFrom: Int64
    @OptionalField(key: "ended_at_us") var endedAt: Int64?
    @Field(key: "recorded_by") var recordedBy: String
    @Field(key: "recorded_at_us") var recordedAt: Int64

    init() {}

    var office: AuthorityOffice? { AuthorityOffice(code: code) }

    func isHeld(at now: Date) -> Bool {
        let at = Microseconds.from(now)
        return validFrom <= at && (endedAt.map { at < $0 } ?? true)
    }
}

/// The mandate register: who acts for which office, on which matters, from/until; withdrawn mandates
/// keep their row.
final class MandateModel: Model, @unchecked Sendable {
    static let schema = "mandates"

    @ID(key: .id) var id: UUID?
    @Field(key: "mandatary") var mandatary: String
    @Field(key: "office") var office: String
    /// `GovernanceMatter` raw values, comma-separated, sorted.
    @Field(key: "matters") var matters: String
    @Field(key: "valid_from_us") var validFrom: Int64
    @OptionalField(key: "valid_until_us") var validUntil: Int64?
    @OptionalField(key: "note") var note: String?
    @Field(key: "granted_by") var grantedBy: String
    @Field(key: "granted_at_us") var grantedAt: Int64
    @OptionalField(key: "withdrawn_at_us") var withdrawnAt: Int64?
    @OptionalField(key: "withdrawn_by") var withdrawnBy: String?

    init() {}

    /// The Core mandate; a withdrawn mandate ends at its withdrawal.
    func mandate() -> Mandate? {
        guard let id, let office = AuthorityOffice(code: office) else { return nil }
        let until = [validUntil, withdrawnAt].compactMap { $0 }.min()
        return Mandate(
            id: id, mandatary: mandatary, office: office,
            matters: Set(matters.split(separator: ",").compactMap { GovernanceMatter(rawValue: String($0)) }),
            validFrom: Microseconds.date(validFrom), validUntil: until.map(Microseconds.date))
    }
}

/// A proposal to the competent authority about an incident, and how it was decided.
final class ProposalModel: Model, @unchecked Sendable {
    static let schema = "proposals"

    enum Status: String, Codable, Sendable, CaseIterable {
        case open, accepted, rejected, withdrawn
    }

    @ID(key: .id) var id: UUID?
    @Field(key: "incident_id") var incidentID: UUID
    /// The incident version the proposal was made on.
    @Field(key: "base_version") var baseVersion: Int
    @OptionalField(key: "grip") var grip: Int?
    @OptionalField(key: "classification") var classification: String?
    @Field(key: "reason") var reason: String
    /// Who decides it as the authority stood then, Dutch names, one per line.
    @Field(key: "addressed_to") var addressedTo: String
    @Field(key: "proposed_by") var proposedBy: String
    @Field(key: "proposed_by_organisation") var proposedByOrganisation: String
    @Field(key: "proposed_at_us") var proposedAt: Int64
    @Field(key: "status") var status: String
    @OptionalField(key: "decided_by") var decidedBy: String?
    @OptionalField(key: "decided_as") var decidedAs: String?
    @OptionalField(key: "under_mandate_of") var underMandateOf: String?
    @OptionalField(key: "decision_reason") var decisionReason: String?
    @OptionalField(key: "decided_at_us") var decidedAt: Int64?
    @OptionalField(key: "result_version") var resultVersion: Int?

    init() {}
}
