import Fluent
import Foundation
import Vapor

/// Health, the OpenAPI document and the reference data. The regions are open CBS / PDOK data, so they
/// need no login (see docs/decisions/0004-public-reference-data.md).
struct SystemController: RouteCollection {
    func boot(routes: RoutesBuilder) throws {
        routes.get("health", use: health)
        routes.get("openapi.json", use: openAPI)
        routes.get("regions", use: regions)
        routes.get("regions", "boundaries", use: boundaries)
        routes.get("regions", ":code", use: region)
    }

    func health(req: Request) async throws -> HealthDTO {
        HealthDTO(
            status: "ok", database: req.knooppunt.configuration.database.dialectName,
            journal: try await Journal.lastSequence(on: req.db))
    }

    func openAPI(req: Request) async throws -> Response {
        var headers = HTTPHeaders()
        headers.contentType = .json
        return Response(status: .ok, headers: headers, body: .init(data: try OpenAPIDocument.data()))
    }

    func regions(req: Request) async throws -> [RegionDTO] {
        try await RegionModel.query(on: req.db).sort(\.$id).all().map { RegionDTO($0) }
    }

    func region(req: Request) async throws -> RegionDTO {
        let code = req.parameters.get("code")?.uppercased() ?? ""
        guard let region = try await RegionModel.find(code, on: req.db) else {
            throw Problem.notFound("no region with code '\(code)'; codes run from VR01 to VR25")
        }
        let municipalities = try await MunicipalityModel.query(on: req.db).filter(\.$regionCode == code)
            .sort(\.$name).all()
        return RegionDTO(region, municipalities: municipalities)
    }

    /// All region boundaries as one GeoJSON FeatureCollection, for the map.
    func boundaries(req: Request) async throws -> Response {
        let regions = try await RegionModel.query(on: req.db).sort(\.$id).all()
        let features = try regions.map { region -> String in
            let properties = try JSONEncoder().encode([
                "code": region.id ?? "", "name": region.name, "province": region.provinceName,
            ])
            return #"{"type":"Feature","id":"\#(region.id ?? "")","properties":\#(String(decoding: properties, as: UTF8.self)),"geometry":\#(region.boundary)}"#
        }
        let body = #"{"type":"FeatureCollection","features":["# + features.joined(separator: ",") + "]}"
        return Response(
            status: .ok, headers: ["Content-Type": "application/geo+json"], body: .init(string: body))
    }
}
