/// Checks a GeoJSON geometry object (RFC 7946 §3.1): a known type, coordinates nested to the depth
/// that type needs, positions of two or three numbers within WGS84 bounds, rings closed with four or
/// more positions. The map layers add the remaining RFC 7946 rules.
public enum GeometryCheck {
    static let depth: [String: Int] = [
        "Point": 0, "MultiPoint": 1, "LineString": 1, "MultiLineString": 2, "Polygon": 2, "MultiPolygon": 3,
    ]

    public static func validate(_ value: JSONValue) throws(GeoJSONReadError) {
        guard case .object(let object) = value else { throw GeoJSONReadError(message: "a geometry must be a JSON object") }
        guard case .string(let type)? = object["type"], let depth = depth[type] else {
            throw GeoJSONReadError(
                message: "geometry \"type\" must be one of \(depth.keys.sorted().joined(separator: ", "))")
        }
        guard let coordinates = object["coordinates"] else {
            throw GeoJSONReadError(message: "a \(type) needs \"coordinates\"")
        }
        try check(coordinates, depth: depth, type: type, path: "coordinates")
    }

    private static func check(_ value: JSONValue, depth: Int, type: String, path: String) throws(GeoJSONReadError) {
        guard case .array(let items) = value else { throw GeoJSONReadError(message: "\(path) must be an array") }
        if depth == 0 {
            guard (2...3).contains(items.count) else {
                throw GeoJSONReadError(message: "\(path) must be a position of 2 or 3 numbers")
            }
            var numbers: [Double] = []
            for item in items {
                guard case .number(let number) = item else {
                    throw GeoJSONReadError(message: "\(path) must contain only numbers")
                }
                numbers.append(number)
            }
            guard (-180...180).contains(numbers[0]), (-90...90).contains(numbers[1]) else {
                throw GeoJSONReadError(message: "\(path) is outside WGS84 longitude/latitude bounds (lon, lat order)")
            }
            return
        }
        guard !items.isEmpty else { throw GeoJSONReadError(message: "\(path) must not be empty") }
        let isRing = (type == "Polygon" && depth == 1) || (type == "MultiPolygon" && depth == 1)
        if isRing {
            guard items.count >= 4 else { throw GeoJSONReadError(message: "\(path) is a ring and needs at least 4 positions") }
            guard items.first == items.last else {
                throw GeoJSONReadError(message: "\(path) is a ring and must end where it starts")
            }
        }
        if type == "LineString" || (type == "MultiLineString" && depth == 1), items.count < 2 {
            throw GeoJSONReadError(message: "\(path) is a line and needs at least 2 positions")
        }
        for (index, item) in items.enumerated() {
            try check(item, depth: depth - 1, type: type, path: "\(path)[\(index)]")
        }
    }
}
