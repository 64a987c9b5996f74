import Foundation
import Testing

@testable import KnooppuntInterop

@Suite("Geometry check")
struct GeometryCheckTests {
    func geometry(_ text: String) throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
    }

    @Test(
        "valid geometries pass",
        arguments: [
            #"{"type":"Point","coordinates":[4.9,52.37]}"#,
            #"{"type":"Polygon","coordinates":[[[4.8,52.3],[4.9,52.3],[4.9,52.4],[4.8,52.3]]]}"#,
            #"{"type":"LineString","coordinates":[[4.8,52.3],[4.9,52.4,1.5]]}"#,
        ])
    func valid(_ text: String) throws {
        try GeometryCheck.validate(try geometry(text))
    }

    @Test(
        "invalid geometries are refused with a reason",
        arguments: [
            (#"{"type":"Circle","coordinates":[4.9,52.37]}"#, "must be one of"),
            (#"{"type":"Point"}"#, "needs \"coordinates\""),
            (#"{"type":"Point","coordinates":[52.37,200]}"#, "outside WGS84"),
            (#"{"type":"Point","coordinates":["4.9","52"]}"#, "only numbers"),
            (#"{"type":"Polygon","coordinates":[[[4.8,52.3],[4.9,52.3],[4.9,52.4],[4.8,52.4]]]}"#, "must end where it starts"),
            (#"{"type":"Polygon","coordinates":[[[4.8,52.3],[4.9,52.3],[4.8,52.3]]]}"#, "at least 4 positions"),
            (#"[1,2]"#, "JSON object"),
        ])
    func invalid(_ text: String, reason: String) throws {
        let value = try geometry(text)
        do {
            try GeometryCheck.validate(value)
            Issue.record("accepted \(text)")
        } catch {
            #expect(error.message.contains(reason), "\(error.message)")
        }
    }
}
