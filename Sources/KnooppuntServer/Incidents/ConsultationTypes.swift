import Foundation
import KnooppuntCore
import Vapor

/// A consultation of the councils on a decision as the API and the decision's page form give it:
/// the councils by gemeente code, when (default now), and their position; or `urgent` with the reason
/// the urgency did not allow consulting them.
struct ConsultationInput: StrictDecodable {
    var councils: [MunicipalityCode]
    var consultedAt: Date?
    var position: String?
    var urgent: Bool?
    var urgencyReason: String?
    enum CodingKeys: String, CodingKey, CaseIterable { case councils, consultedAt, position, urgent, urgencyReason }
}

/// A recorded consultation of the councils on a decision.
struct ConsultationView: Content {
    var id: UUID
    var decision: UUID
    var councils: [MunicipalityCode]
    var consultedAt: Date?
    var position: String?
    var urgent: Bool
    var urgencyReason: String?
    var recordedBy: String
    var recordedAt: Date

    init(_ model: RecordVersionModel) throws {
        let body = try RecordStore.decode(ConsultationBody.self, model.body)
        id = model.recordID
        decision = body.decision
        councils = body.councils
        consultedAt = body.consultedAt
        position = body.position
        urgent = body.urgent
        urgencyReason = body.urgencyReason
        recordedBy = model.author
        recordedAt = Microseconds.date(model.validFrom)
    }
}
