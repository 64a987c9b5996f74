import Fluent
import Foundation

/// A recorded review of an incident's scale and distribution of authority (C13): what was concluded,
/// why, by whom. Reviews are never changed; a new one follows.
final class ScaleReviewModel: Model, @unchecked Sendable {
    static let schema = "scale_reviews"

    @ID(key: .id) var id: UUID?
    @Field(key: "incident_id") var incidentID: UUID
    /// The incident version that was reviewed.
    @Field(key: "version") var version: Int
    @Field(key: "outcome") var outcome: String
    @Field(key: "reason") var reason: String
    @Field(key: "reviewed_at_us") var reviewedAt: Int64
    @Field(key: "author") var author: String
    @Field(key: "author_org") var authorOrganisation: String

    init() {}
}
