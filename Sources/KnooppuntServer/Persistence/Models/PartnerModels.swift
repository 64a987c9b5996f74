import Fluent
import Foundation
import KnooppuntCore

/// A partner's registration (its agreements), stored as canonical JSON of `PartnerRegistration`.
final class PartnerRegistrationModel: Model, @unchecked Sendable {
    static let schema = "partner_registrations"

    @ID(key: .id) var id: UUID?
    @Field(key: "organisation_code") var organisationCode: String
    @Field(key: "version") var version: Int
    @Field(key: "body") var body: String
    @Field(key: "updated_at_us") var updatedAt: Int64
    @Field(key: "updated_by") var updatedBy: String

    init() {}

    init(organisationCode: String, version: Int, body: String, updatedAt: Int64, updatedBy: String) {
        self.organisationCode = organisationCode
        self.version = version
        self.body = body
        self.updatedAt = updatedAt
        self.updatedBy = updatedBy
    }

    func registration() throws -> PartnerRegistration {
        try CanonicalJSON.decode(PartnerRegistration.self, from: body)
    }
}

/// One organisation's access to one incident (see `AccessGrant`).
final class AccessGrantModel: Model, @unchecked Sendable {
    static let schema = "access_grants"

    @ID(key: .id) var id: UUID?
    @Field(key: "incident_id") var incidentID: UUID
    @Field(key: "organisation_code") var organisationCode: String
    /// link, temporary-account or break-glass.
    @Field(key: "kind") var kind: String
    @OptionalField(key: "profile") var profile: String?
    @OptionalField(key: "username") var username: String?
    @Field(key: "purpose") var purpose: String
    @Field(key: "status") var status: String
    @Field(key: "max_classification") var maxClassification: String
    @Field(key: "valid_from_us") var validFrom: Int64
    @Field(key: "valid_until_us") var validUntil: Int64
    @OptionalField(key: "revoked_at_us") var revokedAt: Int64?
    @OptionalField(key: "revoked_by") var revokedBy: String?
    @Field(key: "granted_by") var grantedBy: String
    @Field(key: "granted_by_org") var grantedByOrganisation: String
    /// A standby link's read scope (decision 0027 §7): "summary", "whole" or "themes:…"; nil is the default.
    @OptionalField(key: "read_scope") var readScope: String?
    /// A standby partner brought in under another party's mandate (decision 0027 §9): that party's theme.
    @OptionalField(key: "under_mandate_of") var underMandateOf: String?
    /// An ad-hoc-aansluiting (decision 0027 §6): the username of the HIN the region detached to the partner.
    @OptionalField(key: "detached_hin") var detachedHIN: String?
    /// An ad-hoc-aansluiting: the conditions the region set (001:L926-929).
    @OptionalField(key: "conditions") var conditions: String?

    init() {}
}

/// One alert of one partner for one incident: raised, acknowledged by the partner, or escalated to its
/// contact point when nobody acknowledged it in time.
final class PartnerAlertModel: Model, @unchecked Sendable {
    static let schema = "partner_alerts"

    @ID(key: .id) var id: UUID?
    @Field(key: "incident_id") var incidentID: UUID
    @Field(key: "organisation_code") var organisationCode: String
    @Field(key: "reason") var reason: String
    @Field(key: "raised_at_us") var raisedAt: Int64
    @Field(key: "escalate_after_minutes") var escalateAfterMinutes: Int
    /// The contact role the alert escalates to.
    @Field(key: "escalate_to") var escalateTo: String
    @OptionalField(key: "acknowledged_at_us") var acknowledgedAt: Int64?
    @OptionalField(key: "acknowledged_by") var acknowledgedBy: String?
    @OptionalField(key: "escalated_at_us") var escalatedAt: Int64?
    /// The contact point it went to: name and phone.
    @OptionalField(key: "escalated_to") var escalatedTo: String?

    init() {}

    /// When it escalates if nobody acknowledges it.
    var escalatesAt: Int64 { raisedAt + Int64(escalateAfterMinutes) * 60_000_000 }
}

extension PartnerRegistrationModel {
    /// For a migration that rereads stored registrations: applies `change` to each, and stores every one it
    /// changed as a new version with a `partner.updated` event by `system`, so the registry's history says
    /// what the migration did. One transaction.
    static func rewriteAll(on database: Database, _ change: @escaping @Sendable (inout PartnerRegistration) -> Void) async throws {
        try await database.transaction { db in
            for model in try await PartnerRegistrationModel.query(on: db).sort(\.$organisationCode).all() {
                var registration = try model.registration()
                let before = registration
                change(&registration)
                guard registration != before else { continue }
                model.body = try CanonicalJSON.encode(registration)
                model.version += 1
                model.updatedAt = Microseconds.from(Date())
                model.updatedBy = "system"
                try await model.update(on: db)
                try await Journal.append(
                    PartnerUpdated(PartnerRegistrationPayload(partner: model.organisationCode, version: model.version, registration: registration)),
                    on: db, actor: "system", organisation: "system")
            }
        }
    }
}
