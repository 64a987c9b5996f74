import Foundation
import KnooppuntCore

/// Turns validated GeoJSON geometries into the shapes the affected-area geometry works on.
public enum GeoJSONShapes {
    /// The shapes of a geometry (a MultiPoint gives several points; a GeometryCollection its members').
    public static func shapes(_ geometry: JSONValue) -> [Shape] {
        guard case .object(let object) = geometry, case .string(let type)? = object["type"] else { return [] }
        if type == "GeometryCollection", case .array(let members)? = object["geometries"] {
            return members.flatMap(shapes)
        }
        let coordinates = object["coordinates"] ?? .null
        switch type {
        case "Point": return position(coordinates).map { [.point($0)] } ?? []
        case "MultiPoint": return path(coordinates).map(Shape.point)
        case "LineString": return [.line(path(coordinates))]
        case "MultiLineString": return list(coordinates).map { .line(path($0)) }
        case "Polygon": return polygon(coordinates).map { [.polygons([$0])] } ?? []
        case "MultiPolygon": return [.polygons(list(coordinates).compactMap(polygon))]
        default: return []
        }
    }

    /// The polygons of a Polygon or MultiPolygon geometry given as JSON text (reference boundaries).
    public static func polygons(fromJSON text: String) -> [Polygon] {
        guard let value = try? JSONDecoder().decode(JSONValue.self, from: Data(text.utf8)) else { return [] }
        return shapes(value).flatMap(\.polygons)
    }

    static func list(_ value: JSONValue) -> [JSONValue] {
        if case .array(let items) = value { return items }
        return []
    }

    static func position(_ value: JSONValue) -> Position? {
        guard case .array(let items) = value, items.count >= 2, case .number(let lon) = items[0], case .number(let lat) = items[1]
        else { return nil }
        return Position(lon: lon, lat: lat)
    }

    static func path(_ value: JSONValue) -> [Position] { list(value).compactMap(position) }

    static func polygon(_ value: JSONValue) -> Polygon? {
        let rings = list(value).map(path).filter { $0.count >= 4 }
        guard let outer = rings.first else { return nil }
        return Polygon(outer: outer, holes: Array(rings.dropFirst()))
    }
}
