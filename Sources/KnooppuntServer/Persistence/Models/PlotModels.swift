import Fluent
import Foundation
import KnooppuntCore

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

/// A map layer an organisation uploaded (GeoJSON, checked against RFC 7946).
final class LayerModel: Model, @unchecked Sendable {
    static let schema = "layers"

    @ID(key: .id) var id: UUID?
    @Field(key: "name") var name: String
    @Field(key: "category") var category: String
    @Field(key: "owner_org") var ownerOrganisation: String
    @Field(key: "classification") var classification: String
    @Field(key: "version") var version: Int
    @Field(key: "feature_count") var featureCount: Int
    /// The GeoJSON as uploaded (compact JSON).
    @Field(key: "geojson") var geojson: String
    @Field(key: "updated_at_us") var updatedAt: Int64
    @Field(key: "updated_by") var updatedBy: String

    init() {}
}

/// The chair's opening of one layer to one organisation, for a limited time.
final class LayerGrantModel: Model, @unchecked Sendable {
    static let schema = "layer_grants"

    @ID(key: .id) var id: UUID?
    @Field(key: "layer_id") var layerID: UUID
    @Field(key: "organisation_code") var organisationCode: String
    @Field(key: "reason") var reason: String
    @Field(key: "valid_from_us") var validFrom: Int64
    @Field(key: "valid_until_us") var validUntil: Int64
    @OptionalField(key: "revoked_at_us") var revokedAt: Int64?
    @Field(key: "granted_by") var grantedBy: String

    init() {}

    var grant: LayerGrant {
        LayerGrant(
            organisationCode: organisationCode, validFrom: Microseconds.date(validFrom), validUntil: Microseconds.date(validUntil),
            revokedAt: revokedAt.map(Microseconds.date), reason: reason)
    }
}
