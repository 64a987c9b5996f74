import Foundation
import KnooppuntCore
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
    /// A person types a date as the pages show it (07-12-2026 14:00, Amsterdam time) or as RFC 3339.
    private static let decoder = URLEncodedFormDecoder(configuration: .init(dateDecodingStrategy: .custom { decoder in
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let date = DisplayFormat.parseTime(text), DateTimeText.years.contains(Self.amsterdam.component(.year, from: date)) else {
            throw DecodingError.dataCorrupted(.init(
                codingPath: decoder.codingPath, debugDescription: "'\(text.prefix(40))' \(Self.dateHint)"))
        }
        return date
    }))

    /// A form's date falls in the years RFC 3339 dates may (`DateTimeText.years`, decision 0016), counted in Amsterdam.
    private static let amsterdam: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Amsterdam") ?? .gmt
        return calendar
    }()

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
            var problem = StrictJSON.describe(error)
            // A date a person typed: say in Dutch how to write it, on the page they came from.
            if case .dataCorrupted(let context) = error, context.debugDescription.hasSuffix(Self.dateHint) {
                problem.dutch = "'\(context.debugDescription.dropLast(Self.dateHint.count).dropFirst().dropLast(2))' is geen datum en tijd; schrijf bijvoorbeeld 07-12-2026 14:00."
            }
            throw problem
        }
        try value.validate()
        return value
    }

    private static let dateHint = "is not a date and time; write e.g. 07-12-2026 14:00"
}
