import Foundation
import KnooppuntCore
import Vapor

/// A request body that is decoded strictly: unknown fields are refused, and `validate()` checks ranges
/// after the types are right. Conforming types declare `CodingKeys: String, CodingKey, CaseIterable`.
protocol StrictDecodable: Decodable, Sendable {
    associatedtype CodingKeys: CodingKey & CaseIterable
    /// Throws `Problem.invalid` naming the field whose value is out of range.
    func validate() throws
    /// The fields allowed in nested objects, by their path of field names ("agreements.test"); an
    /// array's objects share its path.
    static var nestedFields: [String: [String]] { get }
}

extension StrictDecodable {
    func validate() throws {}
    static var nestedFields: [String: [String]] { [:] }
    static var allowedFields: [String] { CodingKeys.allCases.map(\.stringValue) }
}

extension Request {
    /// Decodes the JSON body into `T`, answering 415/400/422 with a message that names the problem.
    func decodeStrict<T: StrictDecodable>(_ type: T.Type) throws -> T {
        guard let contentType = headers.contentType, contentType.type == "application",
            contentType.subType == "json" || contentType.subType.hasSuffix("+json")
        else {
            throw Problem(status: .unsupportedMediaType, detail: "the request body must be JSON (Content-Type: application/json)")
        }
        guard let buffer = body.data, buffer.readableBytes > 0 else {
            throw Problem.badRequest("the request body is empty; a JSON object is expected")
        }
        return try StrictJSON.decode(T.self, from: Data(buffer.readableBytesView))
    }
}

/// Strict decoding, usable outside a request too.
enum StrictJSON {
    static func decode<T: StrictDecodable>(_ type: T.Type, from data: Data) throws -> T {
        if let offset = trailingComma(in: data) {
            throw Problem.badRequest("malformed JSON: a comma at byte \(offset) is followed by a closing bracket (trailing commas are not JSON)")
        }
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        } catch {
            throw Problem.badRequest("malformed JSON: \(Self.reason(error))")
        }
        guard let fields = object as? [String: Any] else {
            throw Problem.badRequest("the request body must be a JSON object")
        }
        if let key = duplicateKey(in: data) {
            let name = String(key.prefix(120))
            throw Problem.invalid("field '\(name)' is given more than once; give each field once", field: name)
        }
        if let path = controlCharacterPath(object, path: "") {
            let name = String(path.prefix(120))
            throw Problem.invalid("field '\(name)' holds a control character; remove it and try again", field: name)
        }
        if let path = firstStringPath(object, path: "", { $0.contains { $0.unicodeScalars.count > maxScalarsPerCharacter } }) {
            let name = String(path.prefix(120))
            throw Problem.invalid(
                "field '\(name)' holds a character of more than \(maxScalarsPerCharacter) stacked marks; remove them and try again", field: name)
        }
        let allowed = Set(T.allowedFields)
        if let unknown = fields.keys.sorted().first(where: { !allowed.contains($0) }) {
            throw Problem.invalid(
                "unknown field '\(unknown)'; allowed fields are \(T.allowedFields.joined(separator: ", "))", field: unknown)
        }
        try checkNested(fields, path: "", displayPath: "", nested: T.nestedFields)
        let value: T
        do {
            value = try decoder.decode(T.self, from: data)
        } catch let error as DecodingError {
            if case .dataCorrupted(let context) = error, context.codingPath.isEmpty, let field = unfitNumber(in: object, path: "") {
                // JSONDecoder names no field when a number does not fit an integer field; find it.
                throw Problem.invalid("field '\(field.path)' must be a whole number within range, not \(field.text)", field: field.path)
            }
            throw describe(error)
        }
        try value.validate()
        return value
    }

    /// The offset of a comma that only a closing bracket follows, outside strings: Foundation's reader
    /// accepts `{"a":1,}`, JSON does not.
    static func trailingComma(in data: Data) -> Int? {
        var inString = false
        var escaped = false
        var pendingComma: Int?
        for (offset, byte) in data.enumerated() {
            if inString {
                if escaped { escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true } else if byte == UInt8(ascii: "\"") { inString = false }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""): inString = true; pendingComma = nil
            case UInt8(ascii: ","): pendingComma = offset
            case UInt8(ascii: "}"), UInt8(ascii: "]"): if let comma = pendingComma { return comma }
            case 0x20, 0x09, 0x0a, 0x0d: break
            default: pendingComma = nil
            }
        }
        return nil
    }

    /// The first number that cannot be a whole number of an integer field (fractional, or beyond
    /// ±2^63), preferring those out of range; nil when every number could be one.
    private static func unfitNumber(in value: Any, path: String) -> (path: String, text: String)? {
        var fractional: (String, String)?
        func walk(_ value: Any, _ path: String) -> (String, String)? {
            switch value {
            case is Bool, is String: return nil
            case let number as NSNumber:
                let double = number.doubleValue
                if !double.isFinite || abs(double) >= 9.2e18 { return (path, number.stringValue) }
                if double != double.rounded(), fractional == nil { fractional = (path, number.stringValue) }
                return nil
            case let object as [String: Any]:
                for key in object.keys.sorted() {
                    if let found = walk(object[key]!, path.isEmpty ? key : path + "." + key) { return found }
                }
                return nil
            case let array as [Any]:
                for (index, element) in array.enumerated() { if let found = walk(element, "\(path)[\(index)]") { return found } }
                return nil
            default: return nil
            }
        }
        if let found = walk(value, path) { return (String(found.0.prefix(120)), String(found.1.prefix(40))) }
        return fractional.map { (String($0.0.prefix(120)), String($0.1.prefix(40))) }
    }

    /// The first key that an object of the body gives twice (decoded, so `"a"` and `"\u0061"` are the same):
    /// the parser keeps one copy and the decoder another, so every check would see a different value than
    /// the one stored. Scans the bytes once, outside and inside strings.
    static func duplicateKey(in data: Data) -> String? {
        let bytes = [UInt8](data)
        var objects: [Set<String>?] = []
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "{"): objects.append([])
            case UInt8(ascii: "["): objects.append(nil)
            case UInt8(ascii: "}"), UInt8(ascii: "]"): if !objects.isEmpty { objects.removeLast() }
            case UInt8(ascii: "\""):
                var end = index + 1
                while end < bytes.count, bytes[end] != UInt8(ascii: "\"") { end += bytes[end] == UInt8(ascii: "\\") ? 2 : 1 }
                guard end < bytes.count else { return nil }
                var next = end + 1
                while next < bytes.count, [0x20, 0x09, 0x0a, 0x0d].contains(bytes[next]) { next += 1 }
                if next < bytes.count, bytes[next] == UInt8(ascii: ":"), let last = objects.indices.last, objects[last] != nil {
                    let key = (try? JSONDecoder().decode(String.self, from: Data(bytes[index...end]))) ?? ""
                    if objects[last]!.contains(key) { return key }
                    objects[last]!.insert(key)
                }
                index = end
            default: break
            }
            index += 1
        }
        return nil
    }

    /// The path of the first string (key or value) holding a control character other than TAB, LF, CR.
    private static func controlCharacterPath(_ value: Any, path: String) -> String? {
        firstStringPath(value, path: path) { $0.unicodeScalars.contains(where: InputHygieneMiddleware.isRefusedControl) }
    }

    /// A character built of more marks than any script or emoji needs: limits count characters, so one
    /// "character" of 100,000 combining marks would pass a 1,000-character limit at hundreds of kilobytes.
    static let maxScalarsPerCharacter = 16

    /// The path of the first string (key or value) `refused` says no to.
    private static func firstStringPath(_ value: Any, path: String, _ refused: (String) -> Bool) -> String? {
        switch value {
        case let text as String:
            return refused(text) ? (path.isEmpty ? "(body)" : path) : nil
        case let object as [String: Any]:
            for (key, child) in object {
                let childPath = path.isEmpty ? key : path + "." + key
                if refused(key) { return path.isEmpty ? "(key)" : path }
                if let found = firstStringPath(child, path: childPath, refused) { return found }
            }
            return nil
        case let array as [Any]:
            for (index, child) in array.enumerated() {
                if let found = firstStringPath(child, path: "\(path)[\(index)]", refused) { return found }
            }
            return nil
        default:
            return nil
        }
    }

    /// Refuses unknown fields in the nested objects `nested` describes.
    private static func checkNested(_ object: [String: Any], path: String, displayPath: String, nested: [String: [String]]) throws {
        for (key, value) in object {
            let childPath = path.isEmpty ? key : path + "." + key
            guard let allowed = nested[childPath] else { continue }
            let display = displayPath.isEmpty ? key : displayPath + "." + key
            let children: [(String, [String: Any])]
            if let child = value as? [String: Any] {
                children = [(display, child)]
            } else if let array = value as? [Any] {
                children = array.enumerated().compactMap { index, element in
                    (element as? [String: Any]).map { ("\(display)[\(index)]", $0) }
                }
            } else {
                continue
            }
            for (name, child) in children {
                if let unknown = child.keys.sorted().first(where: { !allowed.contains($0) }) {
                    throw Problem.invalid(
                        "unknown field '\(name).\(unknown)'; allowed fields are \(allowed.joined(separator: ", "))",
                        field: "\(name).\(unknown)")
                }
                try checkNested(child, path: childPath, displayPath: name, nested: nested)
            }
        }
    }

    /// RFC 3339 dates, with or without fractional seconds.
    static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let text = try decoder.singleValueContainer().decode(String.self)
            if let date = RFC3339.parse(text) { return date }
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath,
                      debugDescription: "'\(text.prefix(40))' is not an existing RFC 3339 date-time between 1900 and 2199"))
        }
        return decoder
    }()

    private static func path(_ codingPath: [CodingKey], appending key: CodingKey? = nil) -> String {
        (codingPath + (key.map { [$0] } ?? [])).reduce(into: "") { path, key in
            if let index = key.intValue {
                path += "[\(index)]"
            } else {
                path += (path.isEmpty ? "" : ".") + key.stringValue
            }
        }
    }

    static func describe(_ error: DecodingError) -> Problem {
        switch error {
        case .keyNotFound(let key, let context):
            let name = path(context.codingPath, appending: key)
            return .invalid("field '\(name)' is required", field: name)
        case .valueNotFound(let type, let context):
            let name = path(context.codingPath)
            return .invalid("field '\(name)' must not be null (expected \(typeName(type)))", field: name)
        case .typeMismatch(let type, let context):
            let name = path(context.codingPath)
            return .invalid("field '\(name)' must be \(typeName(type))", field: name)
        case .dataCorrupted(let context):
            let name = path(context.codingPath)
            var problem = Problem.invalid("field '\(name)': \(plain(context.debugDescription))", field: name)
            problem.value = invalidValue(context.debugDescription).map { String($0.value) }
            return problem
        @unknown default:
            return .invalid("the JSON body does not match the expected shape")
        }
    }

    /// Foundation's "Cannot initialize CoreTask from invalid String value E" in the API's words.
    private static func plain(_ description: String) -> String {
        guard let (type, value) = invalidValue(description) else { return description }
        return "'\(value)' is not a valid \(type)"
    }

    /// The type and the refused value in Foundation's "Cannot initialize X from invalid String value E".
    private static func invalidValue(_ description: String) -> (type: Substring, value: Substring)? {
        let prefix = "Cannot initialize "
        guard description.hasPrefix(prefix), let from = description.range(of: " from invalid "),
            let value = description.range(of: " value ", range: from.upperBound..<description.endIndex)
        else { return nil }
        return (description[description.index(description.startIndex, offsetBy: prefix.count)..<from.lowerBound],
                description[value.upperBound...])
    }

    private static func typeName(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Int.Type, is Int64.Type: "an integer"
        case is Double.Type: "a number"
        case is Bool.Type: "true or false"
        default: "a value of type \(type)"
        }
    }

    private static func reason(_ error: Error) -> String {
        let nsError = error as NSError
        return (nsError.userInfo[NSDebugDescriptionErrorKey] as? String) ?? nsError.localizedDescription
    }
}

/// RFC 3339 date-times as the API accepts them.
enum RFC3339 {
    /// Strict: impossible calendar dates and years outside 1900–2199 are refused (`DateTimeText`).
    static func parse(_ text: String) -> Date? { DateTimeText.parse(text) }
}
