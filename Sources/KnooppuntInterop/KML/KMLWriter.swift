import Foundation
import KnooppuntCore

/// One placemark of a KML export: a GeoJSON geometry with its name, description and colour.
public struct KMLPlacemark: Sendable {
    public var name: String
    public var description: String
    /// `#rrggbb`.
    public var colour: String
    public var shape: Shape

    public init(name: String, description: String, colour: String, shape: Shape) {
        self.name = name
        self.description = description
        self.colour = colour
        self.shape = shape
    }
}

/// Writes KML 2.2 (OGC 07-147r2) for viewers that need it: points, lines and polygons with holes;
/// circles as polygons. Colours become KML styles (aabbggrr), areas are filled half-transparent.
public enum KMLWriter {
    public static func document(name: String, placemarks: [KMLPlacemark]) -> String {
        var out = #"<?xml version="1.0" encoding="UTF-8"?>"# + "\n"
        out += #"<kml xmlns="http://www.opengis.net/kml/2.2"><Document>"#
        out += "<name>\(escape(name))</name>"
        for (index, placemark) in placemarks.enumerated() {
            let line = kmlColour(placemark.colour, alpha: "ff")
            let fill = kmlColour(placemark.colour, alpha: "66")
            out += "<Style id=\"s\(index)\"><IconStyle><color>\(line)</color></IconStyle><LineStyle><color>\(line)</color>"
            out += "<width>3</width></LineStyle><PolyStyle><color>\(fill)</color></PolyStyle></Style>"
        }
        for (index, placemark) in placemarks.enumerated() {
            out += "<Placemark><name>\(escape(placemark.name))</name>"
            out += "<description>\(escape(placemark.description))</description><styleUrl>#s\(index)</styleUrl>"
            out += geometry(placemark.shape)
            out += "</Placemark>"
        }
        return out + "</Document></kml>\n"
    }

    static func geometry(_ shape: Shape) -> String {
        switch shape {
        case .point(let p): return "<Point><coordinates>\(coordinate(p))</coordinates></Point>"
        case .line(let positions): return "<LineString><coordinates>\(positions.map(coordinate).joined(separator: " "))</coordinates></LineString>"
        case .polygons, .circle:
            let polygons = shape.polygons.map { polygon -> String in
                var text = "<Polygon><outerBoundaryIs><LinearRing><coordinates>"
                text += polygon.outer.map(coordinate).joined(separator: " ") + "</coordinates></LinearRing></outerBoundaryIs>"
                for hole in polygon.holes {
                    text += "<innerBoundaryIs><LinearRing><coordinates>" + hole.map(coordinate).joined(separator: " ")
                    text += "</coordinates></LinearRing></innerBoundaryIs>"
                }
                return text + "</Polygon>"
            }
            return polygons.count == 1 ? polygons[0] : "<MultiGeometry>" + polygons.joined() + "</MultiGeometry>"
        }
    }

    static func coordinate(_ p: Position) -> String { "\(p.lon),\(p.lat)" }

    /// `#rrggbb` → KML `aabbggrr`.
    static func kmlColour(_ colour: String, alpha: String) -> String {
        let hex = colour.hasPrefix("#") ? String(colour.dropFirst()) : colour
        guard hex.count == 6 else { return alpha + "ffffff" }
        let r = hex.prefix(2), g = hex.dropFirst(2).prefix(2), b = hex.suffix(2)
        return (alpha + b + g + r).lowercased()
    }

    static func escape(_ text: String) -> String { Markup.escape(text) }
}
