import Foundation

/// A municipality with its boundary, for working out who an incident affects.
public struct MunicipalityArea: Sendable {
    public let code: String
    public let name: String
    public let region: RegionCode
    public let boundary: [Polygon]
    let bounds: BoundingBox

    public init(code: String, name: String, region: RegionCode, boundary: [Polygon]) {
        self.code = code
        self.name = name
        self.region = region
        self.boundary = boundary
        bounds = BoundingBox(boundary.flatMap(\.outer))
    }
}

/// Who is inside an incident's area and plots: municipalities, their regions, and whether that calls
/// for interregional scaling (GRIP 5 / an IRBT when more than one region is affected).
public struct AffectedArea: Sendable, Equatable {
    public let municipalities: [String]
    public let regions: [RegionCode]

    public init(municipalities: [String], regions: [RegionCode]) {
        self.municipalities = municipalities
        self.regions = regions
    }

    public var proposesInterregionalScaling: Bool { regions.count > 1 }

    public static func compute(_ shapes: [Shape], in municipalities: [MunicipalityArea]) -> AffectedArea {
        var hit: [MunicipalityArea] = []
        for municipality in municipalities {
            if shapes.contains(where: { $0.bounds.intersects(municipality.bounds) && $0.intersects(municipality.boundary) }) {
                hit.append(municipality)
            }
        }
        return AffectedArea(
            municipalities: hit.map(\.code).sorted(), regions: Array(Set(hit.map(\.region))).sorted())
    }
}
