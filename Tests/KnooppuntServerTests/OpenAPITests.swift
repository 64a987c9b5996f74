import Foundation
import Testing
import Vapor
import VaporTesting

@testable import KnooppuntServer

@Suite("OpenAPI document")
struct OpenAPITests {
    /// "GET /api/v1/regions/{code}" for every operation in the document.
    static func documentedOperations(_ data: Data) throws -> Set<String> {
        let root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect((root["openapi"] as? String)?.hasPrefix("3.1") == true)
        let paths = try #require(root["paths"] as? [String: [String: Any]])
        var operations = Set<String>()
        for (path, item) in paths {
            for method in item.keys where ["get", "post", "put", "patch", "delete"].contains(method) {
                operations.insert("\(method.uppercased()) /api/v1\(path)")
            }
        }
        return operations
    }

    @Test("the document is served and describes exactly the API routes")
    func matchesRoutes() async throws {
        try await withTestApp(demo: false) { app in
            let response = try await app.testing().sendRequest(.GET, "/api/v1/openapi.json")
            #expect(response.status == .ok)
            let documented = try Self.documentedOperations(Data(response.body.readableBytesView))
            let registered = Set(
                app.routes.all.filter { $0.path.first?.description == "api" }.map { route in
                    let path = route.path.map { component -> String in
                        if case .parameter(let name) = component { return "{\(name)}" }
                        return component.description
                    }.joined(separator: "/")
                    return "\(route.method.rawValue) /\(path)"
                })
            #expect(registered.subtracting(documented).isEmpty, "routes missing from the document")
            #expect(documented.subtracting(registered).isEmpty, "documented operations with no route")
        }
    }
}
