import Fluent
import Foundation

/// A plot's identity within an incident.
final class PlotModel: Model, @unchecked Sendable {
    static let schema = "plots"

    @ID(key: .id) var id: UUID?
    @Field(key: "incident_id") var incidentID: UUID
    @Field(key: "created_at_us") var createdAt: Int64
    @Field(key: "author") var author: String
    @Field(key: "author_org") var authorOrganisation: String

    init() {}
}

/// One version of a plot; a removal is a version too, so the timeline shows the map as it was.
final class PlotVersionModel: Model, SupersedableVersion, @unchecked Sendable {
    static let schema = "plot_versions"

    @ID(key: .id) var id: UUID?
    @Field(key: "plot_id") var plotID: UUID
    @Field(key: "incident_id") var incidentID: UUID
    @Field(key: "version") var version: Int
    @Field(key: "valid_from") var validFrom: Int64
    @OptionalField(key: "valid_to") var validTo: Int64?
    @Field(key: "author") var author: String
    @Field(key: "author_org") var authorOrganisation: String
    @Field(key: "kind") var kind: String
    @OptionalField(key: "symbol") var symbol: String?
    @OptionalField(key: "label") var label: String?
    @OptionalField(key: "colour") var colour: String?
    @OptionalField(key: "radius") var radius: Double?
    /// The GeoJSON geometry, compact JSON.
    @Field(key: "geometry") var geometry: String
    @Field(key: "verification") var verification: String
    @OptionalField(key: "verified_by") var verifiedBy: String?
    @Field(key: "classification") var classification: String
    @Field(key: "removed") var removed: Bool

    init() {}

    func successor(version: Int, validFrom: Int64, author: String, organisation: String) -> PlotVersionModel {
        let next = PlotVersionModel()
        next.plotID = plotID
        next.incidentID = incidentID
        next.version = version
        next.validFrom = validFrom
        next.author = author
        next.authorOrganisation = organisation
        next.kind = kind
        next.symbol = symbol
        next.label = label
        next.colour = colour
        next.radius = radius
        next.geometry = geometry
        next.verification = verification
        next.verifiedBy = verifiedBy
        next.classification = classification
        next.removed = removed
        return next
    }
}

/// A version row that a successor replaces (entries, plots): it ends when the next one starts.
protocol SupersedableVersion: Model {
    var version: Int { get }
    var validTo: Int64? { get set }
    func successor(version: Int, validFrom: Int64, author: String, organisation: String) -> Self
}
