import Foundation

/// One request and its response as they crossed the wire, in the terms the contract speaks of.
struct Exchange: Sendable {
    var method: String
    /// The path without the query, e.g. /api/v1/incidents/…/entries.
    var path: String
    var requestContentType: String?
    /// Nil when the body was streamed past without being collected.
    var requestBody: Data?
    var status: Int
    var responseContentType: String?
    /// Nil for a streamed response (Server-Sent Events): only its media type is checked.
    var responseBody: Data?
}

/// Where an exchange and the document disagree.
struct ContractViolation: Sendable, CustomStringConvertible {
    /// "POST /incidents/{incident}/entries" (paths as the document writes them), or the request's own path
    /// when no operation matches.
    let operation: String
    let status: Int
    /// A JSON pointer, prefixed by the part it is in: "request body", "response body", "response".
    let location: String
    let expected: String

    var description: String { "\(operation) → \(status): \(location): expected \(expected)" }
}

/// What checking one exchange found.
struct ContractCheck: Sendable {
    var violations: [ContractViolation] = []
    /// The request body was checked against its schema.
    var requestValidated = false
    /// The response (status, media type and, for JSON, the body) was checked.
    var responseValidated = false
    /// The request broke the contract and the server refused it (4xx): what a test of a refusal does.
    var refusedInvalidRequest = false
}

/// The API contract: openapi.json, and what it says about one exchange.
final class APIContract: Sendable {
    static let prefix = "/api/v1"
    static let documentURL = TestPaths.packageRoot.appendingPathComponent("Sources/KnooppuntServer/Resources/openapi.json")

    /// Loaded once per test process; a document the validator cannot fully check fails every test app.
    static let shared: Result<APIContract, any Error> = Result { try APIContract(data: Data(contentsOf: documentURL)) }

    struct Operation: Sendable {
        let method: String
        let template: String
        let segments: [String]
        /// The operation object.
        let definition: JSONValue
        var name: String { "\(method) \(template)" }
    }

    let validator: SchemaValidator
    let operations: [Operation]

    static let operationKeys: Set<String> = [
        "operationId", "summary", "description", "security", "parameters", "requestBody", "responses", "tags", "deprecated",
    ]
    static let methods: Set<String> = ["get", "put", "post", "delete", "patch", "head", "options"]

    init(data: Data) throws {
        let document = try JSONValue.parse(data)
        validator = SchemaValidator(document: document)
        for (name, schema) in document["components"]?["schemas"]?.objectValue ?? [:] {
            try validator.checkKeywords(schema, at: "#/components/schemas/" + SchemaValidator.escape(name))
        }
        var operations: [Operation] = []
        for (template, item) in document["paths"]?.objectValue ?? [:] {
            let itemLocation = "#/paths/" + SchemaValidator.escape(template)
            for (key, definition) in item.objectValue ?? [:] {
                if key == "parameters" {
                    try Self.checkParameters(definition, validator, at: itemLocation + "/parameters")
                    continue
                }
                guard Self.methods.contains(key) else {
                    throw UnsupportedSchema(location: itemLocation, reason: "unknown path item member '\(key)'")
                }
                try Self.checkOperation(definition, validator, at: itemLocation + "/" + key)
                operations.append(
                    Operation(
                        method: key.uppercased(), template: template,
                        segments: template.split(separator: "/").map(String.init), definition: definition))
            }
        }
        self.operations = operations
    }

    private static func checkParameters(_ parameters: JSONValue, _ validator: SchemaValidator, at location: String) throws {
        for (index, parameter) in (parameters.arrayValue ?? []).enumerated() {
            for key in parameter.objectValue?.keys.sorted() ?? [] where !["name", "in", "required", "schema", "description"].contains(key) {
                throw UnsupportedSchema(location: location + "/\(index)", reason: "unknown parameter member '\(key)'")
            }
            if let schema = parameter["schema"] { try validator.checkKeywords(schema, at: location + "/\(index)/schema") }
        }
    }

    private static func checkOperation(_ operation: JSONValue, _ validator: SchemaValidator, at location: String) throws {
        for key in operation.objectValue?.keys.sorted() ?? [] where !operationKeys.contains(key) {
            throw UnsupportedSchema(location: location, reason: "unknown operation member '\(key)'")
        }
        if let parameters = operation["parameters"] { try checkParameters(parameters, validator, at: location + "/parameters") }
        if let body = operation["requestBody"] {
            for key in body.objectValue?.keys.sorted() ?? [] where !["required", "content", "description"].contains(key) {
                throw UnsupportedSchema(location: location + "/requestBody", reason: "unknown request body member '\(key)'")
            }
            try checkContent(body["content"], validator, at: location + "/requestBody/content")
        }
        guard let responses = operation["responses"]?.objectValue, !responses.isEmpty else {
            throw UnsupportedSchema(location: location, reason: "no responses")
        }
        for (status, response) in responses {
            let here = location + "/responses/" + status
            guard status == "default" || Int(status) != nil || status.range(of: "^[1-5]XX$", options: .regularExpression) != nil
            else { throw UnsupportedSchema(location: here, reason: "not a status") }
            for key in response.objectValue?.keys.sorted() ?? [] where !["description", "content"].contains(key) {
                throw UnsupportedSchema(location: here, reason: "unknown response member '\(key)'")
            }
            if let content = response["content"] { try checkContent(content, validator, at: here + "/content") }
        }
    }

    private static func checkContent(_ content: JSONValue?, _ validator: SchemaValidator, at location: String) throws {
        guard let media = content?.objectValue, !media.isEmpty else {
            throw UnsupportedSchema(location: location, reason: "no media types")
        }
        for (type, object) in media {
            let here = location + "/" + SchemaValidator.escape(type)
            for key in object.objectValue?.keys.sorted() ?? [] where key != "schema" {
                throw UnsupportedSchema(location: here, reason: "unknown media type member '\(key)'")
            }
            guard let schema = object["schema"] else { throw UnsupportedSchema(location: here, reason: "no schema") }
            try validator.checkKeywords(schema, at: here + "/schema")
        }
    }

    // MARK: Finding the operation

    /// The operation for a method and a path under /api/v1. Literal segments win over parameters, so
    /// /regions/boundaries is not /regions/{code}.
    func operation(method: String, path: String) -> Operation? {
        guard path == Self.prefix || path.hasPrefix(Self.prefix + "/") else { return nil }
        let segments = path.dropFirst(Self.prefix.count).split(separator: "/").map(String.init)
        let candidates = operations.filter { operation in
            operation.method == method && operation.segments.count == segments.count
                && zip(operation.segments, segments).allSatisfy { template, actual in
                    Self.isParameter(template) || template == actual.removingPercentEncoding ?? actual
                }
        }
        return candidates.max { a, b in
            // The first position where one is literal and the other a parameter decides.
            for (x, y) in zip(a.segments, b.segments) where Self.isParameter(x) != Self.isParameter(y) {
                return Self.isParameter(x)
            }
            return false
        }
    }

    static func isParameter(_ segment: String) -> Bool { segment.hasPrefix("{") && segment.hasSuffix("}") }

    // MARK: Checking an exchange

    func check(_ exchange: Exchange) -> ContractCheck {
        var result = ContractCheck()
        let pathOnly = String(exchange.path.dropFirst(Self.prefix.count))
        guard let operation = operation(method: exchange.method, path: exchange.path) else {
            // Routing refused it: nothing the document promises. The route comparison in OpenAPITests
            // makes sure every route the server has is documented.
            if exchange.status == 404 || exchange.status == 405 { return result }
            result.violations.append(
                ContractViolation(
                    operation: "\(exchange.method) \(pathOnly)", status: exchange.status, location: "operation",
                    expected: "an operation in the document for this method and path"))
            return result
        }
        var requestFailures: [ContractViolation] = []
        do {
            requestFailures = try checkRequest(exchange, operation, validated: &result.requestValidated)
            result.violations += try checkResponse(exchange, operation)
            result.responseValidated = true
        } catch {
            result.violations.append(
                ContractViolation(operation: operation.name, status: exchange.status, location: "document", expected: "\(error)"))
        }
        if (200..<300).contains(exchange.status) {
            // The server accepted a request the contract calls invalid: one of them is wrong.
            result.violations += requestFailures
        } else if !requestFailures.isEmpty, (400..<500).contains(exchange.status) {
            result.refusedInvalidRequest = true
        }
        return result
    }

    private func checkRequest(_ exchange: Exchange, _ operation: Operation, validated: inout Bool) throws -> [ContractViolation] {
        func violation(_ location: String, _ expected: String) -> ContractViolation {
            ContractViolation(operation: operation.name, status: exchange.status, location: location, expected: expected)
        }
        guard let body = exchange.requestBody else { return [] }
        guard let declared = operation.definition["requestBody"] else {
            return body.isEmpty ? [] : [violation("request body", "no body (the operation declares none)")]
        }
        if body.isEmpty {
            return declared["required"]?.boolValue == true ? [violation("request body", "a body (it is required)")] : []
        }
        let content = declared["content"]?.objectValue ?? [:]
        guard let declaredContent = Self.content(for: exchange.requestContentType, in: content) else {
            return [violation("request Content-Type", "one of \(content.keys.sorted().joined(separator: ", ")), got \(exchange.requestContentType ?? "none")")]
        }
        let (media, schema) = declaredContent
        guard Self.isJSON(media) else { return [] }
        validated = true
        let value: JSONValue
        do { value = try JSONValue.parse(body) } catch { return [violation("request body", "JSON (\(error))")] }
        return try validator.validate(value, against: schema).map { violation("request body " + $0.pointer, $0.expected) }
    }

    private func checkResponse(_ exchange: Exchange, _ operation: Operation) throws -> [ContractViolation] {
        func violation(_ location: String, _ expected: String) -> ContractViolation {
            ContractViolation(operation: operation.name, status: exchange.status, location: location, expected: expected)
        }
        let responses = operation.definition["responses"]?.objectValue ?? [:]
        let status = String(exchange.status)
        guard let declared = responses[status] ?? responses[String(status.prefix(1)) + "XX"] ?? responses["default"] else {
            return [violation("status", "one of the declared statuses \(responses.keys.sorted().joined(separator: ", "))")]
        }
        guard let content = declared["content"]?.objectValue else {
            if let body = exchange.responseBody, !body.isEmpty {
                return [violation("response body", "none (status \(status) declares no content), got \(exchange.responseContentType ?? "no Content-Type")")]
            }
            return []
        }
        guard let declaredContent = Self.content(for: exchange.responseContentType, in: content) else {
            return [violation("response Content-Type", "one of \(content.keys.sorted().joined(separator: ", ")), got \(exchange.responseContentType ?? "none")")]
        }
        let (media, schema) = declaredContent
        guard Self.isJSON(media), let body = exchange.responseBody else { return [] }
        let value: JSONValue
        do { value = try JSONValue.parse(body) } catch { return [violation("response body", "JSON (\(error))")] }
        return try validator.validate(value, against: schema).map { violation("response body " + $0.pointer, $0.expected) }
    }

    /// The declared media type a Content-Type header falls under, and its schema.
    static func content(for header: String?, in content: [String: JSONValue]) -> (String, JSONValue)? {
        guard let header else { return nil }
        let essence = header.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
        if let object = content[essence], let schema = object["schema"] { return (essence, schema) }
        let major = essence.split(separator: "/").first.map(String.init) ?? ""
        for wildcard in [major + "/*", "*/*"] {
            if let object = content[wildcard], let schema = object["schema"] { return (essence, schema) }
        }
        return nil
    }

    static func isJSON(_ media: String) -> Bool { media == "application/json" || media.hasSuffix("+json") }
}
