import Foundation
import KnooppuntCore
import Testing

@testable import KnooppuntInterop

/// Geometry on the real municipality boundaries (CBS / PDOK, in ../shared/data).
@Suite("Affected area on real municipality boundaries")
struct AffectedAreaTests {
    static let municipalities: [MunicipalityArea] = {
        let url = SharedCorpus.interop.deletingLastPathComponent()
            .appendingPathComponent("data/gemeenten.geojson")
        let features = (try? FeatureCollectionReader.read(try Data(contentsOf: url))) ?? []
        return features.compactMap { feature in
            guard let code = feature.properties["gm_code"], let region = feature.properties["vr_code"].flatMap(RegionCode.init)
            else { return nil }
            return MunicipalityArea(
                code: code, name: feature.properties["gm_name"] ?? code, region: region,
                boundary: GeoJSONShapes.polygons(fromJSON: feature.geometryJSON))
        }
    }()

    static func box(_ west: Double, _ south: Double, _ east: Double, _ north: Double) -> Polygon {
        Polygon(outer: [
            Position(lon: west, lat: south), Position(lon: east, lat: south), Position(lon: east, lat: north),
            Position(lon: west, lat: north), Position(lon: west, lat: south),
        ])
    }

    static func affected(_ shapes: Shape...) -> AffectedArea { AffectedArea.compute(shapes, in: municipalities) }

    static let dam = Position(lon: 4.8917, lat: 52.3731)
    static let haarlem = Position(lon: 4.6364, lat: 52.3812)
    static let vr12 = RegionCode(number: 12), vr13 = RegionCode(number: 13)

    @Test("the boundaries load: 342 municipalities")
    func loaded() {
        #expect(Self.municipalities.count == 342)
    }

    @Test("a point lies in exactly one municipality")
    func points() {
        #expect(Self.affected(.point(Self.dam)) == AffectedArea(municipalities: ["GM0363"], regions: [Self.vr13]))
        #expect(Self.affected(.point(Self.haarlem)).municipalities == ["GM0392"])
        #expect(Self.affected(.point(Position(lon: 4.7639, lat: 52.3086))).municipalities == ["GM0394"])  // Schiphol
        #expect(Self.affected(.point(Position(lon: 3.0, lat: 53.5))).municipalities.isEmpty)  // North Sea
    }

    @Test("a polygon across the VR13/VR12 border proposes both regions and interregional scaling")
    func acrossBorder() {
        let area = Self.affected(.polygons([Self.box(4.74, 52.33, 4.82, 52.36)]))
        #expect(area.municipalities.contains("GM0363") && area.municipalities.contains("GM0394"))
        #expect(area.regions == [Self.vr12, Self.vr13])
        #expect(area.proposesInterregionalScaling)
        let inside = Self.affected(.polygons([Self.box(4.88, 52.36, 4.90, 52.38)]))
        #expect(inside == AffectedArea(municipalities: ["GM0363"], regions: [Self.vr13]))
        #expect(!inside.proposesInterregionalScaling)
    }

    @Test("holes count: the Baarle-Hertog enclave is not Baarle-Nassau")
    func holes() {
        let enclave = Position(lon: 4.92889, lat: 51.43817)
        #expect(Self.affected(.point(enclave)).municipalities.isEmpty)
        #expect(Self.affected(.polygons([Self.box(4.927, 51.437, 4.930, 51.439)])).municipalities.isEmpty)
        #expect(Self.affected(.point(Position(lon: 4.791, lat: 51.413))).municipalities == ["GM0744"])
        // Reaching out of the enclave touches Baarle-Nassau.
        #expect(Self.affected(.polygons([Self.box(4.925, 51.437, 4.960, 51.439)])).municipalities.contains("GM0744"))
    }

    @Test("circles, routes and multipolygons")
    func otherShapes() {
        #expect(Self.affected(.circle(center: Self.dam, radius: 500)).municipalities == ["GM0363"])
        let wide = Self.affected(.circle(center: Position(lon: 4.77, lat: 52.345), radius: 3000))
        #expect(wide.regions == [Self.vr12, Self.vr13])
        let route = Self.affected(.line([Self.haarlem, Self.dam]))
        #expect(route.municipalities.contains("GM0392") && route.municipalities.contains("GM0363"))
        #expect(route.regions == [Self.vr12, Self.vr13])
        let pair = Self.affected(.polygons([Self.box(4.63, 52.375, 4.64, 52.385), Self.box(4.88, 52.36, 4.90, 52.38)]))
        #expect(pair.municipalities == ["GM0363", "GM0392"])
    }

    @Test("segment intersection and containment edge cases")
    func planar() {
        let a = Position(lon: 0, lat: 0), b = Position(lon: 2, lat: 2), c = Position(lon: 0, lat: 2), d = Position(lon: 2, lat: 0)
        #expect(Planar.segmentsIntersect(a, b, c, d))
        #expect(!Planar.segmentsIntersect(a, c, b, d))
        #expect(Planar.segmentsIntersect(a, b, b, d), "touching at an end point")
        let square = Self.box(0, 0, 1, 1)
        #expect(square.contains(Position(lon: 0.5, lat: 0.5)))
        #expect(square.contains(Position(lon: 1, lat: 0.5)), "on the edge")
        #expect(!square.contains(Position(lon: 1.5, lat: 0.5)))
        #expect(Planar.polygonsIntersect(square, Self.box(0.2, 0.2, 0.4, 0.4)), "one inside the other")
        #expect(!Planar.polygonsIntersect(square, Self.box(2, 2, 3, 3)))
    }
}
