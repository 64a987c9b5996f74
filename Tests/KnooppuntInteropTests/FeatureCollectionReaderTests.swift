import Foundation
import Testing

@testable import KnooppuntInterop

enum SharedData {
    /// `../shared/data` beside the repository, where the reference data comes from.
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/data")

    static func file(_ name: String) throws -> Data {
        try Data(contentsOf: directory.appendingPathComponent(name))
    }
}

@Suite("GeoJSON feature collections")
struct FeatureCollectionReaderTests {
    @Test("the shared region and municipality files read as 25 and 342 features")
    func sharedData() throws {
        let regions = try FeatureCollectionReader.read(SharedData.file("veiligheidsregios.geojson"))
        #expect(regions.count == 25)
        #expect(regions.first { $0.properties["vr_code"] == "VR13" }?.properties["vr_name"] == "Amsterdam-Amstelland")
        #expect(regions.allSatisfy { ["Polygon", "MultiPolygon"].contains($0.geometryType) })
        let municipalities = try FeatureCollectionReader.read(SharedData.file("gemeenten.geojson"))
        #expect(municipalities.count == 342)
        #expect(Set(municipalities.compactMap { $0.properties["vr_code"] }).count == 25)
    }

    @Test(
        "documents that are not feature collections are refused with a reason",
        arguments: [
            ("{", "not valid JSON"),
            ("[]", "must be a JSON object"),
            (#"{"type":"Feature"}"#, "FeatureCollection"),
            (#"{"type":"FeatureCollection"}"#, "\"features\" must be an array"),
            (#"{"type":"FeatureCollection","features":[{"type":"Feature","geometry":null}]}"#, "features[0] has no geometry"),
            (#"{"type":"FeatureCollection","features":[1]}"#, "features[0] is not a Feature"),
        ])
    func refused(_ text: String, reason: String) {
        do {
            _ = try FeatureCollectionReader.read(Data(text.utf8))
            Issue.record("accepted \(text)")
        } catch {
            #expect(error.message.contains(reason), "\(error.message)")
        }
    }

    @Test("geometry is kept as compact JSON and numeric properties as text")
    func keepsGeometry() throws {
        let text = #"{"type":"FeatureCollection","features":[{"type":"Feature","id":7,"properties":{"n":3,"s":"x","o":{}},"geometry":{"type":"Point","coordinates":[4.9,52.37]}}]}"#
        let feature = try #require(try FeatureCollectionReader.read(Data(text.utf8)).first)
        #expect(feature.id == "7")
        #expect(feature.properties == ["n": "3", "s": "x"])
        #expect(feature.geometryJSON == #"{"coordinates":[4.9,52.37],"type":"Point"}"#)
    }
}
