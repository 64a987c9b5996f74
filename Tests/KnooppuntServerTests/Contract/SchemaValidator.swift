import Foundation

/// One value that does not match its schema: where it is (a JSON pointer into the validated value) and
/// what the schema expected there.
struct SchemaFailure: Sendable, Equatable, CustomStringConvertible {
    let pointer: String
    let expected: String
    var description: String { "\(pointer.isEmpty ? "(the body)" : pointer): \(expected)" }
}

/// The document uses something the validator does not understand. Never ignored: a keyword the
/// validator skipped would let every body pass that it should have checked.
struct UnsupportedSchema: Error, CustomStringConvertible {
    let location: String
    let reason: String
    var description: String { "openapi.json \(location): \(reason); the contract validator cannot check it" }
}

/// A JSON Schema (2020-12) validator for the subset openapi.json uses. Every keyword it meets must be
/// one it evaluates or a known annotation; anything else throws `UnsupportedSchema`.
struct SchemaValidator: Sendable {
    /// The whole OpenAPI document, for `$ref`s.
    let document: JSONValue

    static let assertions: Set<String> = [
        "$ref", "type", "nullable", "properties", "required", "additionalProperties", "items", "enum", "const",
        "oneOf", "anyOf", "allOf", "not", "format", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum",
        "minLength", "maxLength", "minItems", "maxItems", "pattern",
    ]
    static let annotations: Set<String> = [
        "description", "title", "default", "readOnly", "writeOnly", "examples", "deprecated", "$comment",
    ]
    static let types: Set<String> = ["null", "boolean", "object", "array", "number", "integer", "string"]
    /// `binary` describes bytes that are not JSON (a PDF); it asserts nothing about a JSON string.
    static let formats: Set<String> = ["date", "date-time", "uuid", "uri", "binary"]

    // MARK: Checking the document

    /// Throws unless every keyword of `schema` and of every schema inside it is understood.
    func checkKeywords(_ schema: JSONValue, at location: String) throws {
        if case .bool = schema { return }
        guard let members = schema.objectValue else { throw UnsupportedSchema(location: location, reason: "a schema must be an object") }
        for (keyword, value) in members {
            let here = location + "/" + Self.escape(keyword)
            guard Self.assertions.contains(keyword) || Self.annotations.contains(keyword) else {
                throw UnsupportedSchema(location: here, reason: "unknown keyword '\(keyword)'")
            }
            switch keyword {
            case "$ref":
                guard let reference = value.stringValue else { throw UnsupportedSchema(location: here, reason: "not a string") }
                _ = try resolve(reference, at: here)
            case "type":
                let names = value.arrayValue?.compactMap(\.stringValue) ?? value.stringValue.map { [$0] } ?? []
                guard !names.isEmpty, names.allSatisfy(Self.types.contains),
                    value.arrayValue.map({ $0.count == names.count }) ?? true
                else { throw UnsupportedSchema(location: here, reason: "unknown type \(value)") }
            case "format":
                guard let name = value.stringValue, Self.formats.contains(name) else {
                    throw UnsupportedSchema(location: here, reason: "unknown format \(value)")
                }
            case "pattern":
                guard let pattern = value.stringValue, (try? NSRegularExpression(pattern: pattern)) != nil else {
                    throw UnsupportedSchema(location: here, reason: "not a regular expression")
                }
            case "properties":
                guard let properties = value.objectValue else { throw UnsupportedSchema(location: here, reason: "not an object") }
                for (name, subschema) in properties { try checkKeywords(subschema, at: here + "/" + Self.escape(name)) }
            case "items", "additionalProperties", "not":
                if case .array = value { throw UnsupportedSchema(location: here, reason: "tuple form is not supported") }
                try checkKeywords(value, at: here)
            case "oneOf", "anyOf", "allOf":
                guard let alternatives = value.arrayValue, !alternatives.isEmpty else {
                    throw UnsupportedSchema(location: here, reason: "not a non-empty array")
                }
                for (index, alternative) in alternatives.enumerated() { try checkKeywords(alternative, at: here + "/\(index)") }
            case "required":
                guard value.arrayValue?.allSatisfy({ $0.stringValue != nil }) == true else {
                    throw UnsupportedSchema(location: here, reason: "not an array of names")
                }
            case "enum":
                guard value.arrayValue != nil else { throw UnsupportedSchema(location: here, reason: "not an array") }
            case "nullable", "readOnly", "writeOnly", "deprecated":
                guard value.boolValue != nil else { throw UnsupportedSchema(location: here, reason: "not a boolean") }
            case "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "minLength", "maxLength", "minItems", "maxItems":
                guard value.numericValue != nil else { throw UnsupportedSchema(location: here, reason: "not a number") }
            default:
                break
            }
        }
    }

    func resolve(_ reference: String, at location: String) throws -> JSONValue {
        guard reference.hasPrefix("#/") else {
            throw UnsupportedSchema(location: location, reason: "only references inside the document are supported, not \(reference)")
        }
        var target = document
        for token in reference.dropFirst(2).split(separator: "/", omittingEmptySubsequences: false) {
            let name = token.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
            guard let next = target[name] else {
                throw UnsupportedSchema(location: location, reason: "\(reference) points at nothing")
            }
            target = next
        }
        return target
    }

    // MARK: Validating

    /// The failures of `value` against `schema`; empty when it matches. `pointer` is where `value` is.
    func validate(_ value: JSONValue, against schema: JSONValue, at pointer: String = "") throws -> [SchemaFailure] {
        if case .bool(let accepts) = schema {
            return accepts ? [] : [SchemaFailure(pointer: pointer, expected: "nothing (the schema is false)")]
        }
        guard let keywords = schema.objectValue else {
            throw UnsupportedSchema(location: pointer, reason: "a schema must be an object")
        }
        var failures: [SchemaFailure] = []
        func fail(_ expected: String, at location: String? = nil) {
            failures.append(SchemaFailure(pointer: location ?? pointer, expected: expected))
        }
        for keyword in keywords.keys where !Self.assertions.contains(keyword) && !Self.annotations.contains(keyword) {
            throw UnsupportedSchema(location: pointer, reason: "unknown keyword '\(keyword)'")
        }

        if let reference = keywords["$ref"]?.stringValue {
            failures += try validate(value, against: try resolve(reference, at: pointer), at: pointer)
        }

        if let type = keywords["type"] {
            var allowed = Set(type.arrayValue?.compactMap(\.stringValue) ?? type.stringValue.map { [$0] } ?? [])
            if keywords["nullable"]?.boolValue == true { allowed.insert("null") }
            let actual = value.typeName
            let matches = allowed.contains(actual) || (actual == "integer" && allowed.contains("number"))
            if !matches {
                fail("type \(allowed.sorted().joined(separator: " or ")), got \(value)")
                // The other keywords would only repeat the mismatch.
                return failures
            }
        } else if case .null = value, keywords["nullable"]?.boolValue == false {
            fail("not null")
        }

        if let options = keywords["enum"]?.arrayValue, !options.contains(where: { $0.sameValue(as: value) }) {
            fail("one of \(options.map(\.description).joined(separator: ", ")), got \(value)")
        }
        if let constant = keywords["const"], !constant.sameValue(as: value) {
            fail("\(constant), got \(value)")
        }

        if let alternatives = keywords["allOf"]?.arrayValue {
            for alternative in alternatives { failures += try validate(value, against: alternative, at: pointer) }
        }
        if let alternatives = keywords["anyOf"]?.arrayValue {
            let results = try alternatives.map { try validate(value, against: $0, at: pointer) }
            if !results.contains(where: \.isEmpty) {
                fail("any of \(alternatives.count) alternatives; closest: \(Self.closest(results))")
            }
        }
        if let alternatives = keywords["oneOf"]?.arrayValue {
            let results = try alternatives.map { try validate(value, against: $0, at: pointer) }
            let matching = results.filter(\.isEmpty).count
            if matching == 0 {
                fail("exactly one of \(alternatives.count) alternatives; none matches, closest: \(Self.closest(results))")
            } else if matching > 1 {
                fail("exactly one of \(alternatives.count) alternatives, but \(matching) match")
            }
        }
        if let negated = keywords["not"], try validate(value, against: negated, at: pointer).isEmpty {
            fail("not to match \(negated)")
        }

        switch value {
        case .string(let text):
            let length = text.unicodeScalars.count
            if let minimum = keywords["minLength"]?.numericValue, Double(length) < minimum {
                fail("at least \(Int(minimum)) characters, got \(length)")
            }
            if let maximum = keywords["maxLength"]?.numericValue, Double(length) > maximum {
                fail("at most \(Int(maximum)) characters, got \(length)")
            }
            if let pattern = keywords["pattern"]?.stringValue, !Self.matches(text, pattern) {
                fail("a string matching \(pattern), got \(value)")
            }
            if let format = keywords["format"]?.stringValue, !(try Self.conforms(text, to: format, at: pointer)) {
                fail("format \(format), got \(value)")
            }
        case .integer, .number:
            let number = value.numericValue!
            if let minimum = keywords["minimum"]?.numericValue, number < minimum { fail("at least \(keywords["minimum"]!), got \(value)") }
            if let maximum = keywords["maximum"]?.numericValue, number > maximum { fail("at most \(keywords["maximum"]!), got \(value)") }
            if let bound = keywords["exclusiveMinimum"]?.numericValue, number <= bound { fail("more than \(keywords["exclusiveMinimum"]!), got \(value)") }
            if let bound = keywords["exclusiveMaximum"]?.numericValue, number >= bound { fail("less than \(keywords["exclusiveMaximum"]!), got \(value)") }
        case .array(let elements):
            if let minimum = keywords["minItems"]?.numericValue, Double(elements.count) < minimum {
                fail("at least \(Int(minimum)) items, got \(elements.count)")
            }
            if let maximum = keywords["maxItems"]?.numericValue, Double(elements.count) > maximum {
                fail("at most \(Int(maximum)) items, got \(elements.count)")
            }
            if let items = keywords["items"] {
                for (index, element) in elements.enumerated() {
                    failures += try validate(element, against: items, at: pointer + "/\(index)")
                }
            }
        case .object(let members):
            for name in keywords["required"]?.arrayValue?.compactMap(\.stringValue) ?? [] where members[name] == nil {
                fail("required property '\(name)'", at: pointer + "/" + Self.escape(name))
            }
            let properties = keywords["properties"]?.objectValue ?? [:]
            for (name, member) in members.sorted(by: { $0.key < $1.key }) {
                let here = pointer + "/" + Self.escape(name)
                if let propertySchema = properties[name] {
                    failures += try validate(member, against: propertySchema, at: here)
                } else if let additional = keywords["additionalProperties"] {
                    if additional.boolValue == false {
                        fail("no property '\(name)' (additionalProperties is false; declared: "
                            + properties.keys.sorted().joined(separator: ", ") + ")", at: here)
                    } else if additional.boolValue == nil {
                        failures += try validate(member, against: additional, at: here)
                    }
                }
            }
        default:
            break
        }
        return failures
    }

    private static func closest(_ results: [[SchemaFailure]]) -> String {
        guard let best = results.min(by: { $0.count < $1.count }) else { return "" }
        return best.prefix(3).map(\.description).joined(separator: "; ")
    }

    static func escape(_ token: String) -> String {
        token.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
    }

    // MARK: Formats and patterns

    private static let patternCache = PatternCache()

    /// ECMA-262 `pattern` semantics: a match anywhere in the string unless the pattern anchors itself.
    static func matches(_ text: String, _ pattern: String) -> Bool {
        guard let expression = patternCache.expression(pattern) else { return false }
        return expression.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }

    static func conforms(_ text: String, to format: String, at pointer: String) throws -> Bool {
        switch format {
        case "date": return matches(text, "^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$")
        case "date-time": return isDateTime(text)
        case "uuid": return matches(text, "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
        case "uri": return matches(text, "^[A-Za-z][A-Za-z0-9+.-]*:[^\\s]*$")
        case "binary": return true
        default: throw UnsupportedSchema(location: pointer, reason: "unknown format '\(format)'")
        }
    }

    /// RFC 3339 `date-time`, with the ranges of its fields checked.
    static func isDateTime(_ text: String) -> Bool {
        let shape = "^([0-9]{4})-([0-9]{2})-([0-9]{2})[Tt]([0-9]{2}):([0-9]{2}):([0-9]{2})(\\.[0-9]+)?([Zz]|[+-]([0-9]{2}):([0-9]{2}))$"
        guard let expression = patternCache.expression(shape),
            let match = expression.firstMatch(in: text, range: NSRange(text.startIndex..., in: text))
        else { return false }
        func field(_ index: Int) -> Int {
            guard let range = Range(match.range(at: index), in: text) else { return 0 }
            return Int(text[range]) ?? -1
        }
        let (year, month, day, hour, minute, second) = (field(1), field(2), field(3), field(4), field(5), field(6))
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        guard (1...12).contains(month), (1...days[month - 1]).contains(day), hour < 24, minute < 60, second <= 60 else {
            return false
        }
        return field(9) < 24 && field(10) < 60
    }
}

/// Compiled patterns, shared by every test (NSRegularExpression is immutable once made).
private final class PatternCache: @unchecked Sendable {
    private let lock = NSLock()
    private var expressions: [String: NSRegularExpression] = [:]

    func expression(_ pattern: String) -> NSRegularExpression? {
        lock.lock()
        defer { lock.unlock() }
        if let known = expressions[pattern] { return known }
        guard let made = try? NSRegularExpression(pattern: pattern) else { return nil }
        expressions[pattern] = made
        return made
    }
}
