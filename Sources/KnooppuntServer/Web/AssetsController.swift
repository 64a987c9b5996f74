import Foundation
import Vapor

/// Serves the product's own CSS and JavaScript from the bundle, and Leaflet from where the system
/// package installed it (it is never copied into the repository).
struct AssetsController: RouteCollection {
    let leafletDirectory: String
    let publicDirectory: String

    static var bundledPublicDirectory: String {
        Bundle.module.url(forResource: "Public", withExtension: nil, subdirectory: "Resources")?.path
            ?? "Sources/KnooppuntServer/Resources/Public"
    }

    func boot(routes: RoutesBuilder) throws {
        routes.get(SiteURL.asset(.key).pathComponents) { req in try await serve(req, from: publicDirectory + "/assets") }
        // The map pictograms (one SVG per plot symbol).
        routes.get(SiteURL.symbol(.key).pathComponents) { req in try await serve(req, from: publicDirectory + "/assets/symbols") }
        routes.get(SiteURL.leaflet("**").pathComponents) { req in try await serve(req, from: leafletDirectory) }
    }

    private func serve(_ req: Request, from directory: String) async throws -> Response {
        let parts = req.parameters.getCatchall() + (req.parameters.get("file").map { [$0] } ?? [])
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "._-"))
        guard !parts.isEmpty,
            parts.allSatisfy({ !$0.isEmpty && !$0.hasPrefix(".") && $0.unicodeScalars.allSatisfy(allowed.contains) })
        else { throw Problem.notFound("no such file") }
        let path = ([directory] + parts).joined(separator: "/")
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else {
            throw Problem.notFound("no such file")
        }
        let response = try await req.fileio.asyncStreamFile(at: path)
        response.headers.replaceOrAdd(name: .cacheControl, value: "public, max-age=3600")
        return response
    }
}
