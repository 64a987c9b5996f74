import Fluent
import Foundation
import KnooppuntCore
import KnooppuntInterop

/// A warning taken in from another system: the CAP alert as read, its exact bytes, the signature
/// check, and the incidents it became an entry of.
final class WarningModel: Model, @unchecked Sendable {
    static let schema = "warnings"

    @ID(key: .id) var id: UUID?
    @Field(key: "identifier") var identifier: String
    @Field(key: "sender") var sender: String
    @Field(key: "sent") var sent: String
    @OptionalField(key: "sent_at_us") var sentAt: Int64?
    @Field(key: "cap_version") var capVersion: String
    @Field(key: "scope") var scope: String
    @Field(key: "headline") var headline: String
    /// unsigned, verified or unverifiable.
    @Field(key: "signature") var signature: String
    @Field(key: "signature_detail") var signatureDetail: String
    /// The alert content as JSON (CAPAlert).
    @Field(key: "content") var content: String
    /// The message exactly as received.
    @Field(key: "original") var original: Data
    @Field(key: "received_at_us") var receivedAt: Int64
    @Field(key: "received_by") var receivedBy: String
    @Field(key: "organisation") var organisation: String
    /// Comma-separated ids of the incidents the warning was added to.
    @Field(key: "incident_ids") var incidentIDs: String

    init() {}

    func alert() throws -> CAPAlert {
        try CanonicalJSON.decode(CAPAlert.self, from: content)
    }

    var incidents: [UUID] { incidentIDs.split(separator: ",").compactMap { UUID(uuidString: String($0)) } }
}
