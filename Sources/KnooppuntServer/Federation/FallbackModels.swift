import Fluent
import Foundation

/// Regional side: that an incident's fallback copy must be sent (again) to a national peer, and which
/// message carried the last one. At most one fallback message per incident and peer waits in the outbox.
final class FallbackQueueModel: Model, @unchecked Sendable {
    static let schema = "fallback_queue"

    @ID(key: .id) var id: UUID?
    @Field(key: "incident_id") var incidentID: UUID
    @Field(key: "peer") var peer: String
    /// Changed since the last copy was queued.
    @Field(key: "dirty") var dirty: Bool
    @Field(key: "changed_at_us") var changedAt: Int64
    /// The message id of the last copy or withdrawal queued, to see whether it still waits.
    @OptionalField(key: "message_id") var messageID: UUID?
    /// The last message queued was a withdrawal (the incident is closed or archived).
    @Field(key: "withdrawn") var withdrawn: Bool

    init() {}
}

/// National side: the latest fallback copy of one incident from one regional node, kept for that
/// region's emergency accounts.
final class FallbackPictureModel: Model, @unchecked Sendable {
    static let schema = "fallback_pictures"

    @ID(key: .id) var id: UUID?
    @Field(key: "source_node") var sourceNode: String
    @Field(key: "source_incident") var sourceIncident: UUID
    @Field(key: "region") var region: String
    @Field(key: "reference") var reference: String
    @Field(key: "title") var title: String
    @Field(key: "grip") var grip: Int
    @Field(key: "phase") var phase: String
    /// The copy as JSON (`FallbackPicture.Copy`).
    @Field(key: "body") var body: String
    /// When the region composed the copy: the picture as it stood then.
    @Field(key: "picture_at_us") var pictureAt: Int64
    @Field(key: "received_at_us") var receivedAt: Int64

    init() {}
}
