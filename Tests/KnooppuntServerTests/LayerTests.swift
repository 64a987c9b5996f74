import Foundation
import KnooppuntCore
import Testing
import Vapor
import VaporTesting

@testable import KnooppuntServer

enum Layers {
    static let corpus = TestPaths.packageRoot.deletingLastPathComponent().appendingPathComponent("shared/interop/geojson")

    static func files(_ folder: String) throws -> [URL] {
        try FileManager.default.contentsOfDirectory(at: corpus.appendingPathComponent(folder), includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "geojson" }.sorted { $0.lastPathComponent < $1.lastPathComponent }
    }

    static func upload(_ app: Application, _ body: String, query: String, token: String, method: HTTPMethod = .POST, path: String = "/api/v1/layers")
        async throws -> TestingHTTPResponse
    {
        var headers = HTTP.bearer(token)
        headers.contentType = PlotsController.geoJSON
        return try await app.testing().sendRequest(method, "\(path)?\(query)", headers: headers, body: ByteBuffer(string: body))
    }

    static let hydrants = #"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"nr":"B-12"},"geometry":{"type":"Point","coordinates":[4.89,52.37]}}]}"#
}

@Suite("Map layers")
struct LayerTests {
    @Test("every valid GeoJSON file of the corpus is accepted as a layer, every invalid one refused with a reason")
    func corpus() async throws {
        try await withTestApp { app in
            let im = try await HTTP.login(app, "im-vr13")
            let valid = try Layers.files("valid") + Layers.files("lint")
            for file in valid {
                let response = try await Layers.upload(
                    app, try String(contentsOf: file, encoding: .utf8), query: "name=\(file.deletingPathExtension().lastPathComponent)", token: im)
                #expect(response.status == .created, "\(file.lastPathComponent): \(response.body.string)")
            }
            for file in try Layers.files("invalid") {
                let response = try await Layers.upload(
                    app, String(decoding: try Data(contentsOf: file), as: UTF8.self), query: "name=x", token: im)
                #expect(response.status == .unprocessableEntity, "\(file.lastPathComponent) was \(response.status)")
                #expect(HTTP.problemDetail(response).contains("RFC 7946"), "\(file.lastPathComponent)")
            }
            #expect(try await LayerModel.query(on: app.db).count() == valid.count)
        }
    }

    @Test("reference layers: regions, municipalities and provinces, public")
    func reference() async throws {
        try await withTestApp { app in
            let rws = try await HTTP.login(app, "rws")
            let list = try await HTTP.send(app, .GET, "/api/v1/layers", token: rws).content.decode([LayerDTO].self)
            #expect(list.filter(\.reference).map(\.id) == ["regions", "municipalities", "provinces"])
            let municipalities = try await HTTP.send(app, .GET, "/api/v1/layers/municipalities", token: rws)
            #expect(municipalities.headers.contentType == PlotsController.geoJSON)
            let object = try JSONSerialization.jsonObject(with: Data(municipalities.body.readableBytesView)) as? [String: Any]
            #expect((object?["features"] as? [Any])?.count == 342)
            let provinces = try await HTTP.send(app, .GET, "/api/v1/layers/provinces", token: rws)
            let provinceObject = try JSONSerialization.jsonObject(with: Data(provinces.body.readableBytesView)) as? [String: Any]
            #expect((provinceObject?["features"] as? [Any])?.count == 12)

            // Not downloaded again on every incident view: kept a day by the browser only, revalidated by ETag.
            #expect(municipalities.headers.first(name: .cacheControl) == "private, max-age=86400")
            let etag = try #require(municipalities.headers.first(name: .eTag))
            var revalidate = HTTPHeaders()
            revalidate.add(name: .ifNoneMatch, value: etag)
            let again = try await HTTP.send(app, .GET, "/api/v1/layers/municipalities", token: rws, headers: revalidate)
            #expect(again.status == .notModified && again.body.readableBytes == 0)
            var stale = HTTPHeaders()
            stale.add(name: .ifNoneMatch, value: "\"not-this-one\"")
            #expect(try await HTTP.send(app, .GET, "/api/v1/layers/municipalities", token: rws, headers: stale).status == .ok)
            #expect(try await HTTP.send(app, .GET, "/api/v1/layers/municipalities", headers: revalidate).status == .unauthorized)
            // Everything else a signed-in user reads stays out of every cache.
            #expect(try await HTTP.send(app, .GET, "/api/v1/layers", token: rws).headers.first(name: .cacheControl) == "no-store")
        }
    }

    @Test("vulnerable objects are confidential by default: owner only, or opened by the chair; reads journaled")
    func classification() async throws {
        try await withTestApp { app in
            let im13 = try await HTTP.login(app, "im-vr13")
            let im12 = try await HTTP.login(app, "im-vr12")
            let national = try await HTTP.login(app, "analist-kcr2")
            let vitens = try await HTTP.login(app, "vitens")
            let chair = try await HTTP.login(app, "voorzitter-vr13")
            let liaison = try await HTTP.login(app, "hin-gedetacheerd-vr13")

            let hydrants = try await Layers.upload(app, Layers.hydrants, query: "name=Brandkranen%20Amsterdam&category=fire-hydrants", token: im13)
            let layer = try hydrants.content.decode(LayerDTO.self)
            #expect(layer.classification == .confidential && layer.owner == "VR13")
            let roads = try await Layers.upload(app, Layers.hydrants, query: "name=Omleidingen&category=general", token: im13)
            let general = try roads.content.decode(LayerDTO.self)
            #expect(general.classification == .internal)

            #expect(try await HTTP.send(app, .GET, "/api/v1/layers/\(layer.id)", token: im13).status == .ok)
            let denied = try await HTTP.send(app, .GET, "/api/v1/layers/\(layer.id)", token: im12)
            #expect(denied.status == .forbidden && HTTP.problemDetail(denied).contains("confidential"))
            #expect(try await HTTP.send(app, .GET, "/api/v1/layers/\(layer.id)", token: national).status == .forbidden)
            #expect(try await HTTP.send(app, .GET, "/api/v1/layers/\(general.id)", token: im12).status == .ok)
            #expect(try await HTTP.send(app, .GET, "/api/v1/layers/\(general.id)", token: vitens).status == .forbidden)
            let listed = try await HTTP.send(app, .GET, "/api/v1/layers", token: im12).content.decode([LayerDTO].self).map(\.id)
            #expect(listed.contains(general.id) && !listed.contains(layer.id))
            #expect(try await Layers.upload(app, Layers.hydrants, query: "name=x", token: liaison).status == .forbidden)

            // Vitens' drinking-water layer; the chair of VR13 opens it to VR13 for six hours.
            let water = try await Layers.upload(app, Layers.hydrants, query: "name=Leidingnet&category=drinking-water", token: vitens)
                .content.decode(LayerDTO.self)
            #expect(try await HTTP.send(app, .GET, "/api/v1/layers/\(water.id)", token: im13).status == .forbidden)
            let glass = #"{"organisation":"VR13","reason":"Bluswater bij uitval leidingnet","until":"\#(Access.until(app, hours: 6))"}"#
            #expect(try await HTTP.send(app, .POST, "/api/v1/layers/\(water.id)/break-glass", json: glass, token: im13).status == .forbidden)
            let opened = try await HTTP.send(app, .POST, "/api/v1/layers/\(water.id)/break-glass", json: glass, token: chair)
            #expect(opened.status == .created, "\(opened.body.string)")
            #expect(try await HTTP.send(app, .GET, "/api/v1/layers/\(water.id)", token: im13).status == .ok)
            #expect(try await HTTP.send(app, .GET, "/api/v1/layers/\(water.id)", token: im12).status == .forbidden)

            let report = try await AccessReport.lines(since: .distantPast, on: app.db)
            #expect(report.contains { $0.kind == "access.layer-break-glass" && $0.organisation == "VR13" && $0.actor == "voorzitter-vr13" })
            #expect(report.contains { $0.kind == JournalKind.auditConfidentialRead.rawValue && $0.actor == "im-vr13" && ($0.purpose ?? "").contains("Leidingnet") })

            // The owner replaces and deletes; others may not.
            let replaced = try await Layers.upload(
                app, Layers.hydrants, query: "baseVersion=1", token: im13, method: .PUT, path: "/api/v1/layers/\(layer.id)")
            #expect(replaced.status == .ok, "\(replaced.body.string)")
            let stale = try await Layers.upload(
                app, Layers.hydrants, query: "baseVersion=1", token: im13, method: .PUT, path: "/api/v1/layers/\(layer.id)")
            #expect(stale.status == .conflict)
            #expect(try await HTTP.send(app, .DELETE, "/api/v1/layers/\(layer.id)", token: im12).status == .forbidden)
            #expect(try await HTTP.send(app, .DELETE, "/api/v1/layers/\(layer.id)", token: im13).status == .noContent)
            #expect(try await HTTP.send(app, .GET, "/api/v1/layers/\(layer.id)", token: im13).status == .notFound)
        }
    }

    @Test("gas distribution stations (gasverdeelstations) are a vulnerable category; the former name 'gas-stations' is read and migrated to it")
    func gasDistributionStations() async throws {
        try await withTestApp { app in
            // setup
            let im13 = try await HTTP.login(app, "im-vr13")
            // MUT: the new name, and an older client's name
            let named = try await Layers.upload(app, Layers.hydrants, query: "name=Gasnet&category=gas-distribution-stations", token: im13)
                .content.decode(LayerDTO.self)
            let legacy = try await Layers.upload(app, Layers.hydrants, query: "name=Gasnet%20oud&category=gas-stations", token: im13)
                .content.decode(LayerDTO.self)
            // validate: both confidential, both stored under the new name
            #expect(named.category == .gasDistributionStations && named.classification == .confidential)
            #expect(legacy.category == .gasDistributionStations && legacy.classification == .confidential)
            let legacyID = try #require(UUID(uuidString: legacy.id))
            let stored = try #require(try await LayerModel.find(legacyID, on: app.db))
            #expect(stored.category == "gas-distribution-stations")

            // A row a node stored before M0036 is renamed by it.
            stored.category = "gas-stations"
            try await stored.save(on: app.db)
            try await M0036_GasDistributionStations().prepare(on: app.db)
            #expect(try await LayerModel.find(legacyID, on: app.db)?.category == "gas-distribution-stations")
            #expect(LayerCategory.gasDistributionStations.label.nl == "Gasverdeelstations")
        }
    }
}
