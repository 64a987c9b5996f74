import Foundation
import Testing
import Vapor
import VaporTesting

@testable import KnooppuntServer

@Suite("Health and reference data")
struct ReferenceDataTests {
    @Test("health answers without login and reports the database and journal position")
    func health() async throws {
        try await withTestApp { app in
            // MUT
            let response = try await HTTP.send(app, .GET, "/api/v1/health")
            // validate
            #expect(response.status == .ok)
            #expect(try response.content.get(String.self, at: "status") == "ok")
            let database = try response.content.get(String.self, at: "database")
            #expect(database == (ScratchDatabase.postgresURL == nil ? "sqlite" : "postgresql"))
            let journal = try response.content.get(Int64.self, at: "journal")
            #expect(journal == (try await HTTP.journalLength(app)))
            #expect(journal > 0)
        }
    }

    @Test("the 25 regions are listed with code, name and province")
    func regions() async throws {
        try await withTestApp(demo: false) { app in
            let response = try await HTTP.send(app, .GET, "/api/v1/regions")
            #expect(response.status == .ok)
            let regions = try response.content.decode([RegionDTO].self)
            #expect(regions.map(\.code) == (1...25).map { String(format: "VR%02d", $0) })
            let vr13 = try #require(regions.first { $0.code == "VR13" })
            #expect(vr13.name == "Amsterdam-Amstelland")
            #expect(vr13.province == "Noord-Holland")
            #expect(regions.first { $0.code == "VR24" }?.province == "Limburg")
        }
    }

    @Test("a region lists its municipalities, and together they are the 342 of the Netherlands")
    func municipalities() async throws {
        try await withTestApp(demo: false) { app in
            let vr13 = try await HTTP.send(app, .GET, "/api/v1/regions/vr13").content.decode(RegionDTO.self)
            let names = Set(vr13.municipalities?.map(\.name) ?? [])
            #expect(names == ["Aalsmeer", "Amstelveen", "Amsterdam", "Diemen", "Ouder-Amstel", "Uithoorn"])
            var total = 0
            for number in 1...25 {
                let region = try await HTTP.send(app, .GET, String(format: "/api/v1/regions/VR%02d", number))
                    .content.decode(RegionDTO.self)
                total += region.municipalities?.count ?? 0
            }
            #expect(total == 342)
        }
    }

    @Test("an unknown region is a 404 that names the code")
    func unknownRegion() async throws {
        try await withTestApp(demo: false) { app in
            let response = try await HTTP.send(app, .GET, "/api/v1/regions/VR26")
            #expect(response.status == .notFound)
            #expect(HTTP.problemDetail(response).contains("VR26"))
        }
    }

    @Test("region boundaries come as one GeoJSON FeatureCollection")
    func boundaries() async throws {
        try await withTestApp(demo: false) { app in
            let response = try await HTTP.send(app, .GET, "/api/v1/regions/boundaries")
            #expect(response.status == .ok)
            #expect(response.headers.first(name: .contentType) == "application/geo+json")
            let object = try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any]
            let features = object?["features"] as? [[String: Any]] ?? []
            #expect(features.count == 25)
            let geometry = features.first?["geometry"] as? [String: Any]
            #expect(["Polygon", "MultiPolygon"].contains(geometry?["type"] as? String ?? ""))
        }
    }
}
