import Foundation
import Testing
import Vapor
import VaporTesting

@testable import KnooppuntServer

/// The contract check itself: each test here fails if the validator accepted everything.
@Suite("API contract validator")
struct ContractTests {
    static func validator(_ components: String = "{}") throws -> SchemaValidator {
        SchemaValidator(document: try JSONValue.parse(##"{"components":{"schemas":\##(components)}}"##))
    }

    static func failures(_ value: String, _ schema: String, components: String = "{}") throws -> [SchemaFailure] {
        let validator = try validator(components)
        let schemaValue = try JSONValue.parse(schema)
        try validator.checkKeywords(schemaValue, at: "#")
        return try validator.validate(try JSONValue.parse(value), against: schemaValue)
    }

    @Test("JSON keeps booleans, integers and numbers apart")
    func parsing() throws {
        let value = try JSONValue.parse(##"[true, 1, 1.5, -2e3, "\u00e9\ud83d\ude00", null, {"a": []}]"##)
        let elements = try #require(value.arrayValue)
        #expect(elements.map(\.typeName) == ["boolean", "integer", "number", "integer", "string", "null", "object"])
        #expect(elements[4].stringValue == "é😀")
        for bad in ["[1,]", "{\"a\":1}x", "01", "\"\u{01}\"", "{'a':1}", ""] {
            #expect(throws: JSONParseError.self) { try JSONValue.parse(bad) }
        }
    }

    @Test("wrong types are rejected, with the pointer of the value")
    func types() throws {
        let schema = ##"{"type":"object","properties":{"a":{"type":"integer"},"b":{"type":"array","items":{"type":"string"}},"c":{"type":["string","null"]},"d":{"type":"number"}}}"##
        #expect(try Self.failures(##"{"a":1,"b":["x"],"c":null,"d":2}"##, schema).isEmpty)
        #expect(try Self.failures(##"{"a":"1"}"##, schema).map(\.pointer) == ["/a"])
        #expect(try Self.failures(##"{"a":1.5}"##, schema).map(\.pointer) == ["/a"])
        #expect(try Self.failures(##"{"a":true}"##, schema).map(\.pointer) == ["/a"])
        #expect(try Self.failures(##"{"b":["x",2]}"##, schema).map(\.pointer) == ["/b/1"])
        #expect(try Self.failures(##"{"c":3}"##, schema).map(\.pointer) == ["/c"])
        #expect(try Self.failures(##"{"d":"2"}"##, schema).map(\.pointer) == ["/d"])
        #expect(try Self.failures("[]", schema).map(\.pointer) == [""])
        #expect(try Self.failures("null", ##"{"type":"string","nullable":true}"##).isEmpty)
    }

    @Test("missing required properties are rejected")
    func required() throws {
        let schema = ##"{"type":"object","required":["id","name"],"properties":{"id":{"type":"string"}}}"##
        #expect(try Self.failures(##"{"id":"x","name":"y"}"##, schema).isEmpty)
        let failures = try Self.failures(##"{"id":"x"}"##, schema)
        #expect(failures.map(\.pointer) == ["/name"])
        #expect(failures.first?.expected.contains("required") == true)
    }

    @Test("an unknown property is rejected where additionalProperties is false, allowed elsewhere")
    func additionalProperties() throws {
        let closed = ##"{"type":"object","additionalProperties":false,"properties":{"a":{"type":"string"}}}"##
        #expect(try Self.failures(##"{"a":"x"}"##, closed).isEmpty)
        #expect(try Self.failures(##"{"a":"x","b/c":1}"##, closed).map(\.pointer) == ["/b~1c"])
        #expect(try Self.failures(##"{"a":"x","b":1}"##, ##"{"type":"object","properties":{"a":{"type":"string"}}}"##).isEmpty)
        let typed = ##"{"type":"object","additionalProperties":{"enum":["open","met"]}}"##
        #expect(try Self.failures(##"{"x":"met"}"##, typed).isEmpty)
        #expect(try Self.failures(##"{"x":"closed"}"##, typed).map(\.pointer) == ["/x"])
    }

    @Test("enum, const, formats, patterns and bounds are checked")
    func assertions() throws {
        #expect(try Self.failures(##""b""##, ##"{"enum":["a","b"]}"##).isEmpty)
        #expect(try Self.failures(##""c""##, ##"{"enum":["a","b"]}"##).count == 1)
        #expect(try Self.failures("1", ##"{"const":1.0}"##).isEmpty)
        #expect(try Self.failures(##""ok""##, ##"{"const":"fine"}"##).count == 1)
        let dateTime = ##"{"type":"string","format":"date-time"}"##
        for good in ["2026-11-03T10:15:00Z", "2026-11-03T10:15:00.123+01:00", "2024-02-29T00:00:00Z"] {
            #expect(try Self.failures("\"\(good)\"", dateTime).isEmpty, "\(good)")
        }
        for bad in ["2026-11-03", "2026-11-03 10:15:00Z", "2026-13-03T10:15:00Z", "2025-02-29T00:00:00Z", "1762164900"] {
            #expect(try Self.failures("\"\(bad)\"", dateTime).count == 1, "\(bad)")
        }
        let uuid = ##"{"type":"string","format":"uuid"}"##
        #expect(try Self.failures(##""6f1c2a4e-0b7d-4c43-9a51-3d2f8e7b9c10""##, uuid).isEmpty)
        #expect(try Self.failures(##""6f1c2a4e0b7d4c439a513d2f8e7b9c10""##, uuid).count == 1)
        #expect(try Self.failures(##""https://example.org/x""##, ##"{"format":"uri"}"##).isEmpty)
        #expect(try Self.failures(##""not a uri""##, ##"{"format":"uri"}"##).count == 1)
        #expect(try Self.failures(##""VR13""##, ##"{"pattern":"^VR(0[1-9]|1[0-9]|2[0-5])$"}"##).isEmpty)
        #expect(try Self.failures(##""VR26""##, ##"{"pattern":"^VR(0[1-9]|1[0-9]|2[0-5])$"}"##).count == 1)
        #expect(try Self.failures("6", ##"{"type":"integer","minimum":0,"maximum":5}"##).count == 1)
        #expect(try Self.failures("-1", ##"{"type":"integer","minimum":0,"maximum":5}"##).count == 1)
        #expect(try Self.failures(##""ab""##, ##"{"minLength":3}"##).count == 1)
        #expect(try Self.failures(##""abcd""##, ##"{"maxLength":3}"##).count == 1)
        #expect(try Self.failures(##""é😀a""##, ##"{"maxLength":3}"##).isEmpty)
        #expect(try Self.failures("[1]", ##"{"minItems":2}"##).count == 1)
        #expect(try Self.failures("[1,2,3]", ##"{"maxItems":2}"##).count == 1)
    }

    @Test("$ref, oneOf, anyOf, allOf and not combine schemas")
    func combinations() throws {
        let components = ##"{"Code":{"type":"string","pattern":"^GM[0-9]{4}$"},"Named":{"type":"object","required":["name"]}}"##
        #expect(try Self.failures(##""GM0363""##, ##"{"$ref":"#/components/schemas/Code"}"##, components: components).isEmpty)
        #expect(try Self.failures(##""GM03""##, ##"{"$ref":"#/components/schemas/Code"}"##, components: components).count == 1)
        let oneOf = ##"{"oneOf":[{"type":"string"},{"type":"integer"},{"type":"number"}]}"##
        #expect(try Self.failures(##""x""##, oneOf).isEmpty)
        #expect(try Self.failures("1.5", oneOf).isEmpty)
        #expect(try Self.failures("1", oneOf).count == 1, "an integer is a number too: two match")
        #expect(try Self.failures("true", oneOf).count == 1)
        #expect(try Self.failures("true", ##"{"anyOf":[{"type":"string"},{"type":"integer"}]}"##).count == 1)
        #expect(try Self.failures("3", ##"{"anyOf":[{"type":"string"},{"type":"integer"}]}"##).isEmpty)
        let allOf = ##"{"allOf":[{"$ref":"#/components/schemas/Named"},{"required":["id"]}]}"##
        #expect(try Self.failures(##"{"name":"x"}"##, allOf, components: components).map(\.pointer) == ["/id"])
        #expect(try Self.failures("1", ##"{"not":{"type":"integer"}}"##).count == 1)
    }

    @Test("keywords, formats and references the validator does not know fail loudly")
    func unknownKeywords() throws {
        for schema in [
            ##"{"type":"object","patternProperties":{"^x":{}}}"##, ##"{"type":"string","format":"email"}"##,
            ##"{"type":"object","properties":{"a":{"type":"string","contentEncoding":"base64"}}}"##,
            ##"{"$ref":"other.json#/x"}"##, ##"{"$ref":"#/components/schemas/Missing"}"##, ##"{"type":"text"}"##,
            ##"{"items":[{"type":"string"}]}"##,
        ] {
            #expect(throws: UnsupportedSchema.self, "\(schema)") { try Self.failures("1", schema) }
        }
        // The validator refuses them while validating too, not only when the document is loaded.
        #expect(throws: UnsupportedSchema.self) {
            try Self.validator().validate(.integer(1), against: try JSONValue.parse(##"{"multipleOf":2}"##))
        }
        let document = ##"{"paths":{"/x":{"get":{"responses":{"200":{"description":"x","content":{"application/json":{"schema":{"type":"object","minProperties":1}}}}}}}}}"##
        #expect(throws: UnsupportedSchema.self) { try APIContract(data: Data(document.utf8)) }
        let links = ##"{"paths":{"/x":{"get":{"responses":{"200":{"description":"x","links":{}}}}}}}"##
        #expect(throws: UnsupportedSchema.self) { try APIContract(data: Data(links.utf8)) }
    }

    @Test("openapi.json uses only what the validator checks")
    func documentLoads() throws {
        let contract = try APIContract.shared.get()
        #expect(contract.operations.count > 100)
        #expect(contract.operation(method: "GET", path: "/api/v1/regions/boundaries")?.template == "/regions/boundaries")
        #expect(contract.operation(method: "GET", path: "/api/v1/regions/VR13")?.template == "/regions/{code}")
        #expect(contract.operation(method: "DELETE", path: "/api/v1/regions/VR13") == nil)
    }

    static func exchange(
        _ method: String, _ path: String, request: String? = nil, requestType: String? = "application/json",
        status: Int, type: String? = "application/json", response: String? = nil
    ) -> Exchange {
        Exchange(
            method: method, path: path, requestContentType: request == nil ? nil : requestType,
            requestBody: Data((request ?? "").utf8), status: status, responseContentType: type,
            responseBody: Data((response ?? "").utf8))
    }

    @Test("an exchange is checked against its operation: status, media type and both bodies")
    func exchanges() throws {
        let contract = try APIContract.shared.get()
        let health = ##"{"status":"ok","database":"sqlite","journal":12}"##
        #expect(contract.check(Self.exchange("GET", "/api/v1/health", status: 200, response: health)).violations.isEmpty)

        // An undeclared status.
        let teapot = contract.check(Self.exchange("GET", "/api/v1/health", status: 418, response: health))
        #expect(teapot.violations.map(\.location) == ["status"])
        // The wrong media type.
        let html = contract.check(Self.exchange("GET", "/api/v1/health", status: 200, type: "text/html", response: "<p>"))
        #expect(html.violations.map(\.location) == ["response Content-Type"])
        // A body that does not match: a wrong type and a missing field.
        let wrong = contract.check(Self.exchange("GET", "/api/v1/health", status: 200, response: ##"{"status":"ok","journal":"12"}"##))
        #expect(Set(wrong.violations.map(\.location)) == ["response body /database", "response body /journal"])
        // Not JSON at all.
        #expect(contract.check(Self.exchange("GET", "/api/v1/health", status: 200, response: "ok")).violations.count == 1)
        // An error must be problem+json with the Problem fields.
        let problem = ##"{"type":"about:blank","title":"Not Found","status":404,"detail":"no such region"}"##
        let missing = "/api/v1/regions/VR99"
        #expect(contract.check(Self.exchange("GET", missing, status: 404, type: "application/problem+json", response: problem)).violations.isEmpty)
        #expect(contract.check(Self.exchange("GET", missing, status: 404, type: "application/json", response: problem)).violations.count == 1)
        #expect(contract.check(Self.exchange("GET", missing, status: 404, type: "application/problem+json", response: "{}")).violations.count == 4)
        // A documented operation that does not exist.
        #expect(contract.check(Self.exchange("PUT", "/api/v1/health", status: 200, response: health)).violations.map(\.location) == ["operation"])
        // A 204 with a body.
        #expect(contract.check(Self.exchange("DELETE", "/api/v1/session", status: 204, response: "{}")).violations.count == 1)
    }

    @Test("a request the contract calls invalid is a violation when the server accepts it, not when it refuses it")
    func requests() throws {
        let contract = try APIContract.shared.get()
        let session = ##"{"token":"t","expiresAt":"2026-11-03T10:15:00Z","user":{"id":"6f1c2a4e-0b7d-4c43-9a51-3d2f8e7b9c10","username":"im","displayName":"IM","role":"informatiemanager","roleLabel":"IM","organisation":"VR13","organisationName":"Haaglanden","disabled":false}}"##
        let good = ##"{"username":"im","password":"demo"}"##
        #expect(contract.check(Self.exchange("POST", "/api/v1/session", request: good, status: 201, response: session)).violations.isEmpty)
        let extra = ##"{"username":"im","password":"demo","remember":true}"##
        let accepted = contract.check(Self.exchange("POST", "/api/v1/session", request: extra, status: 201, response: session))
        #expect(accepted.violations.map(\.location) == ["request body /remember"])
        let problem = ##"{"type":"about:blank","title":"Unprocessable Entity","status":422,"detail":"unknown field remember"}"##
        let refused = contract.check(
            Self.exchange("POST", "/api/v1/session", request: extra, status: 422, type: "application/problem+json", response: problem))
        #expect(refused.violations.isEmpty)
        #expect(refused.refusedInvalidRequest)
        let wrongType = contract.check(
            Self.exchange("POST", "/api/v1/session", request: good, requestType: "text/plain", status: 201, response: session))
        #expect(wrongType.violations.map(\.location) == ["request Content-Type"])
    }

    @Test("the middleware sees responses as the client gets them and records what breaks the contract")
    func middleware() async throws {
        let app = try await Application.make(.testing)
        app.logger.logLevel = .error
        let recorder = ContractRecorder()
        do {
            app.middleware.use(ContractMiddleware(contract: try APIContract.shared.get(), recorder: recorder), at: .beginning)
            app.get("api", "v1", "health") { _ in ["status": "ok"] }
            app.get("api", "v1", "regions") { _ -> Response in throw Abort(.internalServerError) }
            app.get("elsewhere") { _ in "not the API" }
            _ = try await app.testing().sendRequest(.GET, "/api/v1/health")
            _ = try await app.testing().sendRequest(.GET, "/api/v1/regions")
            _ = try await app.testing().sendRequest(.GET, "/elsewhere")
            try await app.asyncShutdown()
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        let locations = Set(recorder.recorded.map(\.location))
        #expect(locations.contains("response body /database"))
        #expect(locations.contains("status"))
        #expect(recorder.exchanges == 2)
    }
}
