import Fluent
import Foundation
import KnooppuntCore
import Vapor

/// A partner's request to read an incident in its area; the incident's information manager grants it
/// (a link under the partner's agreement) or declines it (decision 0023).
final class AccessRequestModel: Model, @unchecked Sendable {
    static let schema = "access_requests"

    enum Status: String, Codable, Sendable { case open, granted, declined }

    @ID(key: .id) var id: UUID?
    @Field(key: "incident_id") var incidentID: UUID
    @Field(key: "organisation_code") var organisationCode: String
    @Field(key: "requested_by") var requestedBy: String
    /// The requester's name as people read it.
    @Field(key: "requested_by_name") var requestedByName: String
    @Field(key: "reason") var reason: String
    @Field(key: "requested_at_us") var requestedAt: Int64
    @Field(key: "status") var status: String
    @OptionalField(key: "decided_by") var decidedBy: String?
    @OptionalField(key: "decided_at_us") var decidedAt: Int64?
    @OptionalField(key: "note") var note: String?
    @OptionalField(key: "grant_id") var grantID: UUID?

    init() {}

    func payload() throws -> AccessRequestPayload {
        AccessRequestPayload(
            incident: incidentID, request: try requireID(), organisation: organisationCode, requestedBy: requestedBy,
            reason: reason, status: status, decidedBy: decidedBy, note: note, grant: grantID)
    }
}

/// A request as the API answers it.
struct AccessRequestDTO: Content {
    var id: UUID
    var incident: UUID
    var organisation: String
    var requestedBy: String
    var requestedByName: String
    var reason: String
    var requestedAt: Date
    var status: AccessRequestModel.Status
    var decidedBy: String?
    var decidedAt: Date?
    var note: String?
    var grant: UUID?

    init(_ model: AccessRequestModel) throws {
        id = try model.requireID()
        incident = model.incidentID
        organisation = model.organisationCode
        requestedBy = model.requestedBy
        requestedByName = model.requestedByName
        reason = model.reason
        requestedAt = Microseconds.date(model.requestedAt)
        status = AccessRequestModel.Status(rawValue: model.status) ?? .open
        decidedBy = model.decidedBy
        decidedAt = model.decidedAt.map(Microseconds.date)
        note = model.note
        grant = model.grantID
    }
}

/// `POST /incidents/{id}/access-requests`: why the partner needs to read the incident.
struct AccessRequestInput: StrictDecodable {
    var reason: String
    enum CodingKeys: String, CodingKey, CaseIterable { case reason }

    func validate() throws {
        let text = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { throw Problem.invalid("give a short reason why you need to read the incident", field: "reason") }
        guard text.count <= 500 else { throw Problem.invalid("the reason is at most 500 characters", field: "reason") }
    }
}

/// `POST /incidents/{id}/access-requests/{request}/decision`: grant (a link under the partner's
/// agreement, active) or decline, with an optional note for the partner.
struct AccessRequestDecisionInput: StrictDecodable {
    var grant: Bool
    var note: String?
    /// How long a granted link lasts, 1 to 720 hours; 24 when not given (doel- en tijdbinding).
    var hours: Int?
    enum CodingKeys: String, CodingKey, CaseIterable { case grant, note, hours }

    static let defaultHours = 24

    func validate() throws {
        if let note, note.count > 500 { throw Problem.invalid("the note is at most 500 characters", field: "note") }
        if let hours, !(1...720).contains(hours) { throw Problem.invalid("field 'hours' must be 1 to 720", field: "hours") }
    }
}
