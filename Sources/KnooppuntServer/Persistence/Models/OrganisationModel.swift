import Fluent
import Foundation

/// An organisation in the crisis network: a region, the national node, a partner or a ministry.
final class OrganisationModel: Model, @unchecked Sendable {
    static let schema = "organisations"

    @ID(key: .id) var id: UUID?
    /// A short stable code users and the API refer to ("VR13", "KCR2", "RWS").
    @Field(key: "code") var code: String
    @Field(key: "name") var name: String
    @Field(key: "kind") var kind: String
    /// For a region organisation, its region code.
    @OptionalField(key: "region_code") var regionCode: String?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    init(id: UUID? = nil, code: String, name: String, kind: String, regionCode: String?) {
        self.id = id
        self.code = code
        self.name = name
        self.kind = kind
        self.regionCode = regionCode
    }
}
