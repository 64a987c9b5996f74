import Foundation

/// The OpenAPI 3.1 document in the bundle: the source of truth for the JSON API.
enum OpenAPIDocument {
    static func data() throws -> Data {
        guard let url = Bundle.module.url(forResource: "openapi", withExtension: "json", subdirectory: "Resources") else {
            throw Problem(status: .internalServerError, detail: "the OpenAPI document is missing from the build")
        }
        return try Data(contentsOf: url)
    }
}
