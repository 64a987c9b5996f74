import Foundation
import KnooppuntCore
import KnooppuntInterop
import Testing
import Vapor
import VaporTesting

@testable import KnooppuntServer

enum Plots {
    static func send(
        _ app: Application, _ method: HTTPMethod, _ path: String, feature: String, token: String
    ) async throws -> TestingHTTPResponse {
        var headers = HTTP.bearer(token)
        headers.contentType = PlotsController.geoJSON
        return try await app.testing().sendRequest(method, path, headers: headers, body: ByteBuffer(string: feature))
    }

    static func feature(_ geometry: String, _ properties: String) -> String {
        #"{"type":"Feature","geometry":\#(geometry),"properties":\#(properties)}"#
    }

    /// A box across the VR13/VR12 border (Amsterdam Nieuw-West and Haarlemmermeer).
    static let acrossBorder = #"{"type":"Polygon","coordinates":[[[4.74,52.33],[4.82,52.33],[4.82,52.36],[4.74,52.36],[4.74,52.33]]]}"#
    static let damSquare = #"{"type":"Point","coordinates":[4.8917,52.3731]}"#

    static func features(_ response: TestingHTTPResponse) throws -> [[String: Any]] {
        let object = try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any]
        return object?["features"] as? [[String: Any]] ?? []
    }

    static func properties(_ feature: [String: Any]) -> [String: Any] { feature["properties"] as? [String: Any] ?? [:] }
}

@Suite("The incident map: plots and the affected area")
struct PlotTests {
    @Test("plots are GeoJSON in and out, versioned, and the map can be read as it was")
    func versioned() async throws {
        let clock = ManualClock(Picture.start)
        try await withTestApp(clock: clock) { app in
            let im = try await HTTP.login(app, "im-vr13")
            let incident = try await Picture.createIncident(app, token: im)
            let path = "/api/v1/incidents/\(incident.id)/plots"
            clock.advance(by: 60)
            let created = try await Plots.send(
                app, .POST, path, feature: Plots.feature(Plots.damSquare, #"{"kind":"symbol","symbol":"command-post","label":"CoPI Dam"}"#),
                token: im)
            #expect(created.status == .created, "\(created.body.string)")
            #expect(created.headers.contentType == PlotsController.geoJSON)
            let plot = try JSONSerialization.jsonObject(with: Data(created.body.readableBytesView)) as? [String: Any]
            let id = try #require(plot?["id"] as? String)
            #expect(Plots.properties(plot ?? [:])["version"] as? Int == 1)
            let first = clock.clock.now()

            clock.advance(by: 60)
            let moved = try await Plots.send(
                app, .PATCH, "\(path)/\(id)",
                feature: Plots.feature(#"{"type":"Point","coordinates":[4.90,52.37]}"#, #"{"baseVersion":1,"label":"CoPI Oosterdok"}"#),
                token: im)
            #expect(moved.status == .ok, "\(moved.body.string)")
            let stale = try await Plots.send(
                app, .PATCH, "\(path)/\(id)", feature: Plots.feature("null", #"{"baseVersion":1,"label":"Oud"}"#), token: im)
            #expect(stale.status == .conflict && stale.headers.first(name: "X-Current-Version") == "2")

            clock.advance(by: 60)
            let removed = try await HTTP.send(app, .DELETE, "\(path)/\(id)?baseVersion=2", token: im)
            #expect(removed.status == .ok, "\(removed.body.string)")

            #expect(try Plots.features(try await HTTP.send(app, .GET, path, token: im)).isEmpty)
            let atFirst = try Plots.features(try await HTTP.send(app, .GET, "\(path)?at=\(Picture.rfc3339(first))", token: im))
            #expect(atFirst.map { Plots.properties($0)["label"] as? String } == ["CoPI Dam"])
            let beforeAll = try await HTTP.send(app, .GET, "\(path)?at=\(Picture.rfc3339(Picture.start))", token: im)
            #expect(try Plots.features(beforeAll).isEmpty)
            let history = try Plots.features(try await HTTP.send(app, .GET, "\(path)/\(id)/versions", token: im))
            #expect(history.count == 3 && Plots.properties(history[2])["removed"] as? Bool == true)
        }
    }

    @Test("an effect area across the VR13/VR12 border proposes both regions, their partners and interregional scaling")
    func affectedArea() async throws {
        try await withTestApp { app in
            let im = try await HTTP.login(app, "im-vr13")
            let incident = try await Picture.createIncident(app, token: im)
            let before = try await HTTP.send(app, .GET, "/api/v1/incidents/\(incident.id)/affected-area", token: im)
            #expect(try before.content.decode(AffectedAreaView.self).municipalities.isEmpty)
            let created = try await Plots.send(
                app, .POST, "/api/v1/incidents/\(incident.id)/plots",
                feature: Plots.feature(Plots.acrossBorder, #"{"kind":"effect-area","label":"Rookpluim"}"#), token: im)
            #expect(created.status == .created, "\(created.body.string)")
            let area = try await HTTP.send(app, .GET, "/api/v1/incidents/\(incident.id)/affected-area", token: im)
                .content.decode(AffectedAreaView.self)
            let codes = area.municipalities.map(\.code)
            #expect(codes.contains("GM0363") && codes.contains("GM0394"))
            #expect(area.municipalities.first { $0.code == "GM0363" }?.name == "Amsterdam")
            #expect(area.regions == [RegionCode(number: 12), RegionCode(number: 13)])
            #expect(area.proposesInterregionalScaling)
            let partners = area.partners.map(\.organisation)
            #expect(partners.contains("RWS") && partners.contains("SCHIPHOL") == false && !partners.contains("HBR"))
            // A symbol does not widen the affected area; a circle does.
            _ = try await Plots.send(
                app, .POST, "/api/v1/incidents/\(incident.id)/plots",
                feature: Plots.feature(#"{"type":"Point","coordinates":[4.6364,52.3812]}"#, #"{"kind":"symbol","symbol":"shelter"}"#), token: im)
            let same = try await HTTP.send(app, .GET, "/api/v1/incidents/\(incident.id)/affected-area", token: im)
                .content.decode(AffectedAreaView.self)
            #expect(!same.municipalities.map(\.code).contains("GM0392"))
            _ = try await Plots.send(
                app, .POST, "/api/v1/incidents/\(incident.id)/plots",
                feature: Plots.feature(#"{"type":"Point","coordinates":[4.6364,52.3812]}"#, #"{"kind":"circle","radius":800}"#), token: im)
            let wider = try await HTTP.send(app, .GET, "/api/v1/incidents/\(incident.id)/affected-area", token: im)
                .content.decode(AffectedAreaView.self)
            #expect(wider.municipalities.map(\.code).contains("GM0392"))
        }
    }

    @Test("bad plots are refused with a reason that names the problem, and change nothing")
    func validation() async throws {
        try await withTestApp { app in
            let im = try await HTTP.login(app, "im-vr13")
            let incident = try await Picture.createIncident(app, token: im)
            let path = "/api/v1/incidents/\(incident.id)/plots"
            let journal = try await HTTP.journalLength(app)
            func post(_ feature: String) async throws -> (HTTPStatus, String) {
                let response = try await Plots.send(app, .POST, path, feature: feature, token: im)
                return (response.status, HTTP.problemDetail(response))
            }
            let cases: [(String, String)] = [
                (Plots.feature(Plots.damSquare, #"{"kind":"symbol"}"#), "needs a symbol"),
                (Plots.feature(Plots.damSquare, #"{"kind":"circle"}"#), "radius"),
                (Plots.feature(Plots.acrossBorder, #"{"kind":"symbol","symbol":"hospital"}"#), "drawn as Point"),
                (Plots.feature(Plots.damSquare, #"{"kind":"symbol","symbol":"castle"}"#), "not allowed"),
                (Plots.feature(Plots.damSquare, #"{"kind":"label","label":"x","size":3}"#), "unknown property 'size'"),
                (Plots.feature(Plots.damSquare, #"{"kind":"area"}"#), "drawn as"),
                (Plots.feature(#"{"type":"Polygon","coordinates":[[[4.7,52.3],[4.8,52.3],[4.8,52.4],[4.7,52.4]]]}"#, #"{"kind":"area"}"#), "end where it starts"),
                (Plots.feature(#"{"type":"Point","coordinates":[200,52]}"#, #"{"kind":"symbol","symbol":"incident"}"#), "outside WGS84"),
                (Plots.feature(Plots.damSquare, #"{"kind":"symbol","symbol":"incident","colour":"red"}"#), "#rrggbb"),
                (#"{"type":"Point","coordinates":[4.9,52.3]}"#, "one GeoJSON Feature"),
                ("{", "not valid"),
            ]
            for (feature, reason) in cases {
                let (status, detail) = try await post(feature)
                #expect(status == .unprocessableEntity, "\(feature): \(status) \(detail)")
                #expect(detail.contains(reason), "\(feature): \(detail)")
            }
            var headers = HTTP.bearer(im)
            headers.contentType = .plainText
            let wrongType = try await app.testing().sendRequest(.POST, path, headers: headers, body: ByteBuffer(string: "x"))
            #expect(wrongType.status == .unsupportedMediaType)
            #expect(try await HTTP.journalLength(app) == journal)
        }
    }

    @Test("the map follows need-to-know: hidden incidents, read-only partners, confidential plots")
    func access() async throws {
        try await withTestApp { app in
            let im = try await HTTP.login(app, "im-vr13")
            let other = try await HTTP.login(app, "im-vr12")
            let rws = try await HTTP.login(app, "rws")
            let incident = try await Picture.createIncident(app, token: im)
            let path = "/api/v1/incidents/\(incident.id)/plots"
            _ = try await Plots.send(app, .POST, path, feature: Plots.feature(Plots.damSquare, #"{"kind":"symbol","symbol":"incident"}"#), token: im)
            _ = try await Plots.send(
                app, .POST, path,
                feature: Plots.feature(#"{"type":"Point","coordinates":[4.88,52.36]}"#, #"{"kind":"label","label":"Woning verdachte","classification":"confidential"}"#),
                token: im)
            #expect(try await HTTP.send(app, .GET, path, token: other).status == .notFound)
            #expect(try await HTTP.send(app, .GET, path, token: rws).status == .notFound)
            _ = try await Access.link(app, incident.id, "RWS", token: im)
            let seen = try Plots.features(try await HTTP.send(app, .GET, path, token: rws))
            #expect(seen.count == 1 && Plots.properties(seen[0])["kind"] as? String == "symbol")
            #expect(try Plots.features(try await HTTP.send(app, .GET, path, token: im)).count == 2)
            let draw = try await Plots.send(app, .POST, path, feature: Plots.feature(Plots.damSquare, #"{"kind":"symbol","symbol":"roadblock"}"#), token: rws)
            #expect(draw.status == .forbidden)
            let reads = try await AccessReport.lines(since: .distantPast, on: app.db).filter { $0.kind == JournalKind.auditConfidentialRead.rawValue }
            #expect(reads.contains { $0.actor == "im-vr13" && ($0.purpose ?? "").contains("map") })
        }
    }
}

@Suite("Map export and import")
struct PlotExchangeTests {
    @Test("GeoJSON export keeps the styling; importing it into another incident gives the same plots")
    func roundTrip() async throws {
        try await withTestApp { app in
            let im = try await HTTP.login(app, "im-vr13")
            let source = try await Picture.createIncident(app, token: im, title: "Bron")
            let target = try await Picture.createIncident(app, token: im, title: "Doel")
            let path = "/api/v1/incidents/\(source.id)/plots"
            for feature in [
                Plots.feature(Plots.damSquare, ##"{"kind":"symbol","symbol":"command-post","label":"CoPI","colour":"#123456"}"##),
                Plots.feature(Plots.acrossBorder, #"{"kind":"effect-area","label":"Rook"}"#),
                Plots.feature(#"{"type":"Point","coordinates":[4.9,52.36]}"#, #"{"kind":"circle","radius":750}"#),
                Plots.feature(#"{"type":"LineString","coordinates":[[4.85,52.35],[4.9,52.37]]}"#, #"{"kind":"route","label":"Aanrijroute"}"#),
            ] {
                #expect(try await Plots.send(app, .POST, path, feature: feature, token: im).status == .created)
            }
            let exported = try await HTTP.send(app, .GET, path, token: im)
            let imported = try await Plots.send(
                app, .POST, "/api/v1/incidents/\(target.id)/plots/import", feature: exported.body.string, token: im)
            #expect(imported.status == .created, "\(imported.body.string)")
            func styled(_ response: TestingHTTPResponse) throws -> [String] {
                try Plots.features(response).map { feature in
                    let p = Plots.properties(feature)
                    let geometry = try JSONSerialization.data(withJSONObject: feature["geometry"] ?? [:], options: [.sortedKeys])
                    return ["kind", "symbol", "label", "colour", "radius"].map { "\(p[$0] ?? "-")" }.joined(separator: "|")
                        + String(decoding: geometry, as: UTF8.self)
                }.sorted()
            }
            let again = try await HTTP.send(app, .GET, "/api/v1/incidents/\(target.id)/plots", token: im)
            #expect(try styled(again) == styled(exported))
            #expect(try styled(again).count == 4)
        }
    }

    @Test("simplestyle files import with their colours and titles; a bad feature refuses the whole import")
    func simplestyle() async throws {
        try await withTestApp { app in
            let im = try await HTTP.login(app, "im-vr13")
            let incident = try await Picture.createIncident(app, token: im)
            let path = "/api/v1/incidents/\(incident.id)/plots/import"
            let file = ##"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"title":"Verzamelplaats","marker-color":"#f00"},"geometry":{"type":"Point","coordinates":[4.9,52.37]}},{"type":"Feature","properties":{"stroke":"#00ff00"},"geometry":{"type":"Polygon","coordinates":[[[4.8,52.3],[4.9,52.3],[4.9,52.4],[4.8,52.3]]]}}]}"##
            let response = try await Plots.send(app, .POST, path, feature: file, token: im)
            #expect(response.status == .created, "\(response.body.string)")
            let features = try Plots.features(response).map(Plots.properties)
            #expect(features[0]["kind"] as? String == "label" && features[0]["colour"] as? String == "#ff0000")
            #expect(features[1]["kind"] as? String == "area" && features[1]["colour"] as? String == "#00ff00")

            let before = try await HTTP.journalLength(app)
            let bad = #"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[4.9,52.37]}},{"type":"Feature","properties":{"kind":"circle"},"geometry":{"type":"Point","coordinates":[4.9,52.37]}}]}"#
            let refused = try await Plots.send(app, .POST, path, feature: bad, token: im)
            #expect(refused.status == .unprocessableEntity && HTTP.problemDetail(refused).contains("features[1]"))
            #expect(try await HTTP.journalLength(app) == before)
        }
    }

    @Test("KML export for viewers that need it: styles, placemarks, circles as polygons")
    func kml() async throws {
        try await withTestApp { app in
            let im = try await HTTP.login(app, "im-vr13")
            let incident = try await Picture.createIncident(app, token: im, title: "Brand & rook")
            let path = "/api/v1/incidents/\(incident.id)/plots"
            _ = try await Plots.send(app, .POST, path, feature: Plots.feature(Plots.damSquare, ##"{"kind":"symbol","symbol":"shelter","label":"Opvang <Dam>","colour":"#d4380d"}"##), token: im)
            _ = try await Plots.send(app, .POST, path, feature: Plots.feature(#"{"type":"Point","coordinates":[4.9,52.36]}"#, #"{"kind":"circle","radius":500}"#), token: im)
            let response = try await HTTP.send(app, .GET, "\(path)?format=kml", token: im)
            #expect(response.status == .ok)
            #expect(response.headers.contentType?.subType == "vnd.google-earth.kml+xml")
            let kml = response.body.string
            #expect(kml.hasPrefix(#"<?xml version="1.0" encoding="UTF-8"?>"#))
            #expect(kml.contains("<name>Opvang &lt;Dam&gt;</name>") && kml.contains("Brand &amp; rook"))
            #expect(kml.contains("<color>ff0d38d4</color>"))
            #expect(kml.contains("<Point><coordinates>4.8917,52.3731</coordinates></Point>"))
            #expect(kml.contains("<Polygon><outerBoundaryIs>"))
            #expect(try await HTTP.send(app, .GET, "\(path)?format=shp", token: im).status == .badRequest)
        }
    }
}

@Suite("RD coordinates in the API")
struct CoordinatesAPITests {
    @Test("RD New and WGS84 convert both ways; outside the grid or not a number is refused")
    func convert() async throws {
        try await withTestApp { app in
            let im = try await HTTP.login(app, "im-vr13")
            let toWGS = try await HTTP.send(app, .GET, "/api/v1/coordinates?x=155000&y=463000", token: im)
            let amersfoort = try toWGS.content.decode(CoordinatesDTO.self)
            #expect(abs(amersfoort.lat - 52.1551744) < 1e-6 && abs(amersfoort.lon - 5.38720621) < 1e-6)
            let toRD = try await HTTP.send(app, .GET, "/api/v1/coordinates?lat=52.3731&lon=4.8917", token: im)
            let dam = try toRD.content.decode(CoordinatesDTO.self)
            #expect(abs(dam.x - 121_256) < 5 && abs(dam.y - 487_362) < 5, "\(dam)")
            #expect(try await HTTP.send(app, .GET, "/api/v1/coordinates?x=155000,5&y=463000", token: im).status == .ok)
            let far = try await HTTP.send(app, .GET, "/api/v1/coordinates?x=155000&y=40000", token: im)
            #expect(far.status == .unprocessableEntity && HTTP.problemDetail(far).contains("outside the RD grid"))
            let text = try await HTTP.send(app, .GET, "/api/v1/coordinates?x=abc&y=1", token: im)
            #expect(text.status == .unprocessableEntity && HTTP.problemDetail(text).contains("'x' must be a number"))
            #expect(try await HTTP.send(app, .GET, "/api/v1/coordinates", token: im).status == .unprocessableEntity)
            #expect(try await HTTP.send(app, .GET, "/api/v1/coordinates?x=1&y=1").status == .unauthorized)
        }
    }
}
