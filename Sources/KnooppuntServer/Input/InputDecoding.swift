import Foundation
import Vapor

extension Request {
    /// The id a path names at `:name` (`/incidents/:incident` → "incident"); 400 when it is not a UUID.
    func pathID(_ name: String) throws -> UUID {
        guard let id = parameters.get(name).flatMap(UUID.init(uuidString:)) else {
            throw Problem.badRequest("the \(name) id must be a UUID")
        }
        return id
    }

    /// Decodes a use case's input from a submitted HTML form. The pages decode the same input types as
    /// the API (`decodeStrict`, JSON only), so both entrances refuse the same things with the same
    /// messages; each entrance keeps its own media type (the API takes no forms).
    func decodeForm<T: StrictDecodable>(_ type: T.Type) throws -> T {
        guard headers.contentType == .urlEncodedForm else {
            throw Problem(status: .unsupportedMediaType, detail: "the form must be sent as application/x-www-form-urlencoded")
        }
        let text = body.data.map { String(decoding: $0.readableBytesView, as: UTF8.self) } ?? ""
        return try FormInput.decode(type, from: text)
    }
}

/// Form fields as a use case's input. A field left blank counts as not given (a select's empty
/// choice, an untouched text box); the CSRF token is the middleware's; any other field the input does
/// not know is refused, naming it. Repeated fields use the `name[]` form.
enum FormInput {
    private static let decoder = URLEncodedFormDecoder(configuration: .init(dateDecodingStrategy: .custom { decoder in
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let date = RFC3339.parse(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "'\(text)' is not an RFC 3339 date-time"))
        }
        return date
    }))

    static func decode<T: StrictDecodable>(_ type: T.Type, from text: String) throws -> T {
        let allowed = Set(T.allowedFields)
        var kept: [Substring] = []
        for pair in text.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let raw = String(parts[0]).replacingOccurrences(of: "+", with: " ")
            var name = raw.removingPercentEncoding ?? raw
            if name.hasSuffix("[]") { name.removeLast(2) }
            guard name != CSRFMiddleware.fieldName else { continue }
            guard allowed.contains(name) else {
                throw Problem.invalid(
                    "unknown field '\(name.prefix(80))'; allowed fields are \(T.allowedFields.joined(separator: ", "))", field: String(name.prefix(80)))
            }
            guard parts.count == 2, !parts[1].isEmpty else { continue }
            kept.append(pair)
        }
        let value: T
        do {
            value = try decoder.decode(T.self, from: kept.joined(separator: "&"))
        } catch let error as DecodingError {
            throw StrictJSON.describe(error)
        }
        try value.validate()
        return value
    }
}
