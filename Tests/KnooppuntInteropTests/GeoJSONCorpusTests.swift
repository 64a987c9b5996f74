import Foundation
import KnooppuntCore
import Testing

@testable import KnooppuntInterop

enum SharedCorpus {
    /// `../shared/interop` beside the repository.
    static let interop = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/interop")

    static func files(_ folder: String) throws -> [URL] {
        try files(in: "geojson/\(folder)", extension: "geojson")
    }

    /// The files with this extension in a corpus folder, sorted by name.
    static func files(in folder: String, extension pathExtension: String) throws -> [URL] {
        try FileManager.default.contentsOfDirectory(at: interop.appendingPathComponent(folder), includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == pathExtension }.sorted { $0.lastPathComponent < $1.lastPathComponent }
    }
}

@Suite("GeoJSON corpus (RFC 7946)")
struct GeoJSONCorpusTests {
    @Test("every valid file and every lint file (valid per RFC 7946) is accepted")
    func valid() throws {
        let files = try SharedCorpus.files("valid") + SharedCorpus.files("lint")
        #expect(files.count >= 30)
        for file in files {
            let data = try Data(contentsOf: file)
            do {
                _ = try GeoJSONValidator().validate(data)
            } catch {
                Issue.record("\(file.lastPathComponent) refused: \(error.message)")
            }
        }
    }

    @Test("every invalid file is refused, with a reason")
    func invalid() throws {
        let files = try SharedCorpus.files("invalid")
        #expect(files.count >= 40)
        for file in files {
            let data = try Data(contentsOf: file)
            do {
                _ = try GeoJSONValidator().validate(data)
                Issue.record("\(file.lastPathComponent) was accepted")
            } catch {
                #expect(error.message.count > 10, "\(file.lastPathComponent): \(error.message)")
            }
        }
    }

    @Test("reasons name the problem")
    func reasons() throws {
        func reason(_ text: String) -> String {
            do {
                _ = try GeoJSONValidator().validate(Data(text.utf8))
                return "accepted"
            } catch { return error.message }
        }
        #expect(reason(#"{"type":"featurecollection","features":[]}"#).contains("case-sensitive"))
        #expect(reason(#"{"type":"Feature","geometry":null}"#).contains("\"properties\""))
        #expect(reason(#"{"type":"Feature","properties":{},"geometry":{"type":"LineString","coordinates":[[1,2]]}}"#)
            .contains("geometry.coordinates is a line"))
        #expect(reason(#"{"type":"FeatureCollection","features":[],"coordinates":[1,2]}"#).contains("§7.1"))
        #expect(reason(#"{"type":"Point","coordinates":[1,2],"bbox":"0,0,1,1"}"#).contains("bbox"))
        #expect(reason("not json").contains("not valid JSON"))
        #expect(reason(#"{"type":"Point","coordinates":[1,2],"type":"Polygon"}"#).contains("appears twice"))
        #expect(reason(#"{"type":"Point","coordinates":[1,2],"title":"a \"type\" b"}"#) == "accepted")
    }
}

@Suite("RD coordinates (EPSG:28992)")
struct RDCoordinatesTests {
    struct Reference {
        let id: String
        let position: Position
        let rd: RDPoint
    }

    static func references() throws -> [Reference] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Data/rdnaptrans2018-reference-points.tsv")
        return try String(contentsOf: url, encoding: .utf8).split(separator: "\n")
            .filter { !$0.hasPrefix("#") && !$0.hasPrefix("id") }
            .map { line in
                let f = line.split(separator: "\t").map(String.init)
                return Reference(
                    id: f[0], position: Position(lon: Double(f[2])!, lat: Double(f[1])!), rd: RDPoint(x: Double(f[3])!, y: Double(f[4])!))
            }
    }

    static func metres(_ a: Position, _ b: Position) -> Double {
        let dLat = (a.lat - b.lat) * 111_320
        let dLon = (a.lon - b.lon) * 111_320 * cos(a.lat * .pi / 180)
        return (dLat * dLat + dLon * dLon).squareRoot()
    }

    @Test("WGS84 → RD and RD → WGS84 agree within 1 m with the published RDNAPTRANS™2018 reference points")
    func referencePoints() throws {
        let points = try Self.references()
        #expect(points.count == 5)
        for point in points {
            let rd = RDCoordinates.rd(from: point.position)
            let error = ((rd.x - point.rd.x) * (rd.x - point.rd.x) + (rd.y - point.rd.y) * (rd.y - point.rd.y)).squareRoot()
            #expect(error < 1, "\(point.id): \(rd) is \(error) m off")
            let back = RDCoordinates.position(from: point.rd)
            #expect(Self.metres(back, point.position) < 1, "\(point.id): \(back)")
        }
    }

    @Test("a round trip stays within centimetres across the country, and the grid bounds are known")
    func roundTrip() {
        for x in stride(from: 10_000.0, through: 280_000, by: 30_000) {
            for y in stride(from: 300_000.0, through: 620_000, by: 40_000) {
                let back = RDCoordinates.rd(from: RDCoordinates.position(from: RDPoint(x: x, y: y)))
                #expect(abs(back.x - x) < 0.1 && abs(back.y - y) < 0.1, "\(x), \(y) → \(back)")
            }
        }
        #expect(RDPoint(x: 121_000, y: 487_000).isInGrid)
        #expect(!RDPoint(x: 121_000, y: 48_700).isInGrid)
    }
}
