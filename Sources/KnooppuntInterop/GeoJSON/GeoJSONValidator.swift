import Foundation

/// Strict RFC 7946 validation of a GeoJSON document: Geometry, Feature or FeatureCollection, with
/// every rule of §3 (types are case-sensitive; positions are two or more numbers in WGS84 longitude,
/// latitude order; lines have two or more positions; rings close and have four or more; Feature has
/// "geometry" and "properties"; ids are strings or numbers; bboxes are 2×n numbers) and §7.1 (members
/// that change the meaning of an object are refused). Polygons that do not follow the right-hand rule
/// and positions with more than three elements are accepted (RFC 7946 §3.1.6 and §3.1.1: SHOULD, not MUST).
public struct GeoJSONValidator: Sendable {
    /// The longest position accepted: RFC 7946 allows more than three elements; a single location allows three.
    public var maxPositionLength = Int.max
    /// Whether a geometry may have an empty "coordinates" array (RFC 7946 §3.1: processors MAY treat it as null).
    public var allowsEmptyGeometry = true
    /// Whether GeometryCollection is accepted.
    public var allowsGeometryCollection = true
    /// Whether positions must lie within longitude −180…180 and latitude −90…90. RFC 7946 does not
    /// require it (its corpus holds such files); single locations do.
    public var checksWGS84Bounds = false

    public init() {}

    static let geometryDepth: [String: Int] = [
        "Point": 0, "MultiPoint": 1, "LineString": 1, "MultiLineString": 2, "Polygon": 2, "MultiPolygon": 3,
    ]
    static let allTypes = Set(geometryDepth.keys).union(["GeometryCollection", "Feature", "FeatureCollection"])

    /// Parses and validates a document.
    public func validate(_ data: Data) throws(GeoJSONReadError) -> JSONValue {
        let value: JSONValue
        do {
            value = try JSONDecoder().decode(JSONValue.self, from: data)
        } catch {
            throw GeoJSONReadError(message: "not valid JSON")
        }
        if let duplicate = DuplicateMembers.first(in: data) {
            throw GeoJSONReadError(message: "the member \"\(duplicate)\" appears twice in one object; its meaning is ambiguous")
        }
        try validate(value)
        return value
    }

    public func validate(_ value: JSONValue, path: String = "") throws(GeoJSONReadError) {
        let object = try Self.object(value, path)
        let type = try Self.type(object, path)
        switch type {
        case "FeatureCollection":
            try forbid(["coordinates", "geometries", "geometry", "properties"], in: object, type: type, path: path)
            try bbox(object, path)
            guard case .array(let features)? = object["features"] else {
                throw Self.error(path, "a FeatureCollection needs a \"features\" array")
            }
            for (index, feature) in features.enumerated() {
                let here = Self.join(path, "features[\(index)]")
                guard case .object(let member) = feature, case .string("Feature")? = member["type"] else {
                    throw Self.error(here, "every element of \"features\" must be a Feature object")
                }
                try validate(feature, path: here)
            }
        case "Feature":
            try forbid(["coordinates", "geometries", "features"], in: object, type: type, path: path)
            try bbox(object, path)
            if let id = object["id"] {
                switch id {
                case .string, .number: break
                default: throw Self.error(path, "a Feature \"id\" must be a string or a number")
                }
            }
            guard let properties = object["properties"] else {
                throw Self.error(path, "a Feature needs a \"properties\" member (an object or null)")
            }
            switch properties {
            case .object, .null: break
            default: throw Self.error(path, "\"properties\" must be an object or null")
            }
            guard let geometry = object["geometry"] else {
                throw Self.error(path, "a Feature needs a \"geometry\" member (a geometry or null)")
            }
            if geometry != .null { try validateGeometry(geometry, path: Self.join(path, "geometry")) }
        default:
            try validateGeometry(value, path: path)
        }
    }

    /// Validates a Geometry object (any of the seven types).
    public func validateGeometry(_ value: JSONValue, path: String = "") throws(GeoJSONReadError) {
        let object = try Self.object(value, path)
        let type = try Self.type(object, path)
        try forbid(["features"], in: object, type: type, path: path)
        try bbox(object, path)
        if type == "GeometryCollection", allowsGeometryCollection {
            try forbid(["coordinates"], in: object, type: type, path: path)
            guard case .array(let geometries)? = object["geometries"] else {
                throw Self.error(path, "a GeometryCollection needs a \"geometries\" array")
            }
            for (index, geometry) in geometries.enumerated() {
                try validateGeometry(geometry, path: Self.join(path, "geometries[\(index)]"))
            }
            return
        }
        guard let depth = Self.geometryDepth[type] else {
            let allowed = Self.geometryDepth.keys.sorted() + (allowsGeometryCollection ? ["GeometryCollection"] : [])
            throw Self.error(path, "a geometry \"type\" must be one of \(allowed.joined(separator: ", ")), not \"\(type)\"")
        }
        try forbid(["geometries"], in: object, type: type, path: path)
        guard let coordinates = object["coordinates"] else {
            throw Self.error(path, "a \(type) needs \"coordinates\"")
        }
        if case .array(let items) = coordinates, items.isEmpty, depth > 0 || allowsEmptyGeometry {
            guard allowsEmptyGeometry else { throw Self.error(path, "\"coordinates\" must not be empty") }
            return
        }
        try check(coordinates, depth: depth, type: type, path: Self.join(path, "coordinates"))
    }

    private func check(_ value: JSONValue, depth: Int, type: String, path: String) throws(GeoJSONReadError) {
        guard case .array(let items) = value else {
            throw GeoJSONReadError(message: "\(path) must be an array" + (depth == 0 ? " (a position)" : " of positions"))
        }
        if depth == 0 {
            guard items.count >= 2, items.count <= maxPositionLength else {
                let most = maxPositionLength == .max ? "2 or more" : "2 or \(maxPositionLength)"
                throw GeoJSONReadError(message: "\(path) must be a position of \(most) numbers")
            }
            var numbers: [Double] = []
            for item in items {
                guard case .number(let number) = item else {
                    throw GeoJSONReadError(message: "\(path) must contain only numbers")
                }
                numbers.append(number)
            }
            guard !checksWGS84Bounds || ((-180...180).contains(numbers[0]) && (-90...90).contains(numbers[1])) else {
                throw GeoJSONReadError(message: "\(path) is outside WGS84 longitude/latitude bounds (lon, lat order)")
            }
            return
        }
        guard !items.isEmpty else { throw GeoJSONReadError(message: "\(path) must not be empty") }
        let isRing = (type == "Polygon" || type == "MultiPolygon") && depth == 1
        if isRing {
            guard items.count >= 4 else { throw GeoJSONReadError(message: "\(path) is a ring and needs at least 4 positions") }
            guard items.first == items.last else {
                throw GeoJSONReadError(message: "\(path) is a ring and must end where it starts")
            }
        }
        if (type == "LineString" || type == "MultiLineString") && depth == 1, items.count < 2 {
            throw GeoJSONReadError(message: "\(path) is a line and needs at least 2 positions")
        }
        for (index, item) in items.enumerated() {
            try check(item, depth: depth - 1, type: type, path: "\(path)[\(index)]")
        }
    }

    private func forbid(_ members: [String], in object: [String: JSONValue], type: String, path: String) throws(GeoJSONReadError) {
        if let member = members.first(where: { object[$0] != nil }) {
            throw Self.error(path, "a \(type) must not contain a \"\(member)\" member (RFC 7946 §7.1)")
        }
    }

    private func bbox(_ object: [String: JSONValue], _ path: String) throws(GeoJSONReadError) {
        guard let bbox = object["bbox"] else { return }
        guard case .array(let items) = bbox, items.count >= 4, items.count.isMultiple(of: 2),
            items.allSatisfy({ if case .number = $0 { true } else { false } })
        else { throw Self.error(path, "\"bbox\" must be an array of 2×n numbers (west, south, east, north)") }
    }

    static func object(_ value: JSONValue, _ path: String) throws(GeoJSONReadError) -> [String: JSONValue] {
        guard case .object(let object) = value else {
            throw error(path, path.isEmpty ? "a GeoJSON document must be a JSON object" : "must be a JSON object")
        }
        return object
    }

    static func type(_ object: [String: JSONValue], _ path: String) throws(GeoJSONReadError) -> String {
        guard case .string(let type)? = object["type"] else { throw error(path, "needs a \"type\" member") }
        guard allTypes.contains(type) else {
            let hint = allTypes.first { $0.lowercased() == type.lowercased() }.map { " (did you mean \"\($0)\"? types are case-sensitive)" } ?? ""
            throw error(path, "\"\(type)\" is not a GeoJSON type\(hint); \"type\" must be one of \(allTypes.sorted().joined(separator: ", "))")
        }
        return type
    }

    static func join(_ path: String, _ member: String) -> String { path.isEmpty ? member : "\(path).\(member)" }

    static func error(_ path: String, _ message: String) -> GeoJSONReadError {
        GeoJSONReadError(message: path.isEmpty ? message : "\(path): \(message)")
    }
}

/// Finds a member name that appears twice in one JSON object (RFC 8259 §4: names SHOULD be unique;
/// a parser keeps one of them silently, so the document means different things to different readers).
enum DuplicateMembers {
    static func first(in data: Data) -> String? {
        let bytes = [UInt8](data)
        var stack: [Set<String>?] = []  // nil for arrays
        var index = 0
        var expectingKey = false
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "{"):
                stack.append([])
                expectingKey = true
            case UInt8(ascii: "["):
                stack.append(nil)
                expectingKey = false
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                _ = stack.popLast()
                expectingKey = false
            case UInt8(ascii: ","):
                expectingKey = stack.last.map { $0 != nil } ?? false
            case UInt8(ascii: "\""):
                var end = index + 1
                var text: [UInt8] = []
                while end < bytes.count, bytes[end] != UInt8(ascii: "\"") {
                    if bytes[end] == UInt8(ascii: "\\") { text.append(bytes[end]); end += 1 }
                    if end < bytes.count { text.append(bytes[end]) }
                    end += 1
                }
                if expectingKey, var keys = stack.last ?? nil {
                    let key = String(decoding: text, as: UTF8.self)
                    if keys.contains(key) { return key }
                    keys.insert(key)
                    stack[stack.count - 1] = keys
                    expectingKey = false
                }
                index = end
            default:
                break
            }
            index += 1
        }
        return nil
    }
}
