import Foundation

/// A WGS84 position: longitude, latitude in degrees (GeoJSON order).
public struct Position: Sendable, Equatable, Hashable, Codable {
    public var lon: Double
    public var lat: Double

    public init(lon: Double, lat: Double) {
        self.lon = lon
        self.lat = lat
    }
}

/// A bounding box in degrees.
public struct BoundingBox: Sendable, Equatable {
    public var minLon, minLat, maxLon, maxLat: Double

    public init(_ positions: [Position]) {
        minLon = positions.map(\.lon).min() ?? 0
        maxLon = positions.map(\.lon).max() ?? 0
        minLat = positions.map(\.lat).min() ?? 0
        maxLat = positions.map(\.lat).max() ?? 0
    }

    public func intersects(_ other: BoundingBox) -> Bool {
        minLon <= other.maxLon && other.minLon <= maxLon && minLat <= other.maxLat && other.minLat <= maxLat
    }
}

/// A polygon: an outer ring and holes, each closed (first position equals last).
public struct Polygon: Sendable, Equatable {
    public var outer: [Position]
    public var holes: [[Position]]

    public init(outer: [Position], holes: [[Position]] = []) {
        self.outer = outer
        self.holes = holes
    }

    public var bounds: BoundingBox { BoundingBox(outer) }

    /// Inside the outer ring and not inside a hole. Points on an edge count as inside.
    public func contains(_ point: Position) -> Bool {
        guard Planar.ringContains(outer, point) else { return false }
        return !holes.contains { Planar.ringContains($0, point) && !Planar.onRing($0, point) }
    }

    public var rings: [[Position]] { [outer] + holes }
}

/// What a plot or an area is, for the geometry that works out who is affected.
public enum Shape: Sendable, Equatable {
    case point(Position)
    case line([Position])
    case polygons([Polygon])
    /// A circle of `radius` metres, approximated by a polygon of 64 sides.
    case circle(center: Position, radius: Double)

    public var polygons: [Polygon] {
        switch self {
        case .polygons(let polygons): polygons
        case .circle(let center, let radius): [Planar.circle(center: center, radius: radius)]
        case .point, .line: []
        }
    }

    public var bounds: BoundingBox {
        switch self {
        case .point(let p): BoundingBox([p])
        case .line(let positions): BoundingBox(positions)
        case .polygons(let polygons): BoundingBox(polygons.flatMap(\.outer))
        case .circle: BoundingBox(polygons.flatMap(\.outer))
        }
    }

    /// Whether the shape and the (multi)polygon area share any point: containment either way, or
    /// crossing edges. Holes are honoured: a shape entirely inside a hole does not intersect.
    public func intersects(_ area: [Polygon]) -> Bool {
        guard area.contains(where: { $0.bounds.intersects(bounds) }) else { return false }
        switch self {
        case .point(let p):
            return area.contains { $0.contains(p) }
        case .line(let positions):
            if positions.contains(where: { p in area.contains { $0.contains(p) } }) { return true }
            return area.contains { polygon in polygon.rings.contains { Planar.pathsCross(positions, $0) } }
        case .polygons, .circle:
            let own = polygons
            for polygon in own {
                for other in area where polygon.bounds.intersects(other.bounds) {
                    if Planar.polygonsIntersect(polygon, other) { return true }
                }
            }
            return false
        }
    }
}

/// Planar geometry on longitude/latitude, good at the scale of municipalities.
public enum Planar {
    /// Even-odd ray casting; positions on an edge count as inside.
    public static func ringContains(_ ring: [Position], _ p: Position) -> Bool {
        if onRing(ring, p) { return true }
        var inside = false
        var j = ring.count - 1
        for i in 0..<ring.count {
            let a = ring[i], b = ring[j]
            if (a.lat > p.lat) != (b.lat > p.lat) {
                let x = (b.lon - a.lon) * (p.lat - a.lat) / (b.lat - a.lat) + a.lon
                if p.lon < x { inside.toggle() }
            }
            j = i
        }
        return inside
    }

    static func onRing(_ ring: [Position], _ p: Position) -> Bool {
        zip(ring, ring.dropFirst()).contains { onSegment($0, $1, p) }
    }

    static func cross(_ o: Position, _ a: Position, _ b: Position) -> Double {
        (a.lon - o.lon) * (b.lat - o.lat) - (a.lat - o.lat) * (b.lon - o.lon)
    }

    static func onSegment(_ a: Position, _ b: Position, _ p: Position) -> Bool {
        abs(cross(a, b, p)) < 1e-12 && min(a.lon, b.lon) - 1e-12 <= p.lon && p.lon <= max(a.lon, b.lon) + 1e-12
            && min(a.lat, b.lat) - 1e-12 <= p.lat && p.lat <= max(a.lat, b.lat) + 1e-12
    }

    /// Whether segments ab and cd share a point.
    public static func segmentsIntersect(_ a: Position, _ b: Position, _ c: Position, _ d: Position) -> Bool {
        let d1 = cross(c, d, a), d2 = cross(c, d, b), d3 = cross(a, b, c), d4 = cross(a, b, d)
        if ((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0)) { return true }
        return onSegment(c, d, a) || onSegment(c, d, b) || onSegment(a, b, c) || onSegment(a, b, d)
    }

    static func pathsCross(_ path: [Position], _ other: [Position]) -> Bool {
        let otherBox = BoundingBox(other)
        for (a, b) in zip(path, path.dropFirst()) where BoundingBox([a, b]).intersects(otherBox) {
            for (c, d) in zip(other, other.dropFirst()) where segmentsIntersect(a, b, c, d) { return true }
        }
        return false
    }

    /// Whether two polygons (with holes) share any point.
    public static func polygonsIntersect(_ a: Polygon, _ b: Polygon) -> Bool {
        // An edge of one crossing an edge of the other (outer rings or holes).
        for ringA in a.rings {
            for ringB in b.rings where pathsCross(ringA, ringB) { return true }
        }
        // No crossing edges: one lies entirely within the other (unless within a hole), or they are apart.
        if let first = a.outer.first, b.contains(first) { return true }
        if let first = b.outer.first, a.contains(first) { return true }
        return false
    }

    /// A circle of `radius` metres around `center` as a 64-sided polygon.
    public static func circle(center: Position, radius: Double, sides: Int = 64) -> Polygon {
        let metresPerDegreeLat = 111_320.0
        let metresPerDegreeLon = 111_320.0 * cos(center.lat * .pi / 180)
        var ring = (0..<sides).map { index -> Position in
            let angle = Double(index) / Double(sides) * 2 * .pi
            return Position(
                lon: center.lon + radius * cos(angle) / metresPerDegreeLon,
                lat: center.lat + radius * sin(angle) / metresPerDegreeLat)
        }
        ring.append(ring[0])
        return Polygon(outer: ring)
    }
}
