import Foundation
import KnooppuntCore
import KnooppuntInterop

/// The map of a situation report, drawn on the server: the incident's location and plots over the
/// outlines of the municipalities around them. One set of primitives, written as SVG (web, Markdown)
/// and as PDF operators (print), so both show the same map.
struct SitRapMap: Sendable, Codable, Equatable {
    struct Point: Sendable, Codable, Equatable {
        var x: Double
        var y: Double
    }

    enum Item: Sendable, Codable, Equatable {
        /// A context outline (municipality boundary).
        case outline([[Point]])
        /// A filled area (rings: outer and holes), its colour and dashed border for cordons.
        case area([[Point]], colour: String, dashed: Bool)
        case line([Point], colour: String, dashed: Bool)
        /// A symbol: a filled circle with a short code.
        case marker(Point, colour: String, code: String)
        case label(Point, text: String, context: Bool)
    }

    var width: Double
    var height: Double
    var items: [Item]

    static let size = (width: 640.0, height: 400.0)

    struct Feature: Sendable {
        var kind: PlotKind
        var shape: Shape
        var colour: String
        var label: String?
        var symbol: PlotSymbol?
    }

    /// Nil when there is nothing to draw.
    static func draw(_ features: [Feature], municipalities: [MunicipalityArea]) -> SitRapMap? {
        let everything = features.flatMap { positions(of: $0.shape) }
        guard !everything.isEmpty else { return nil }
        var box = BoundingBox(everything)
        // At least about 3 km across, plus a margin, so a single point still shows its surroundings.
        let minSpan = 0.04
        if box.maxLon - box.minLon < minSpan {
            let mid = (box.maxLon + box.minLon) / 2
            box.minLon = mid - minSpan / 2
            box.maxLon = mid + minSpan / 2
        }
        if box.maxLat - box.minLat < minSpan * 0.6 {
            let mid = (box.maxLat + box.minLat) / 2
            box.minLat = mid - minSpan * 0.3
            box.maxLat = mid + minSpan * 0.3
        }
        let padLon = (box.maxLon - box.minLon) * 0.15
        let padLat = (box.maxLat - box.minLat) * 0.15
        box.minLon -= padLon
        box.maxLon += padLon
        box.minLat -= padLat
        box.maxLat += padLat
        let midLat: Double = (box.minLat + box.maxLat) / 2 * Double.pi / 180
        let spanX: Double = (box.maxLon - box.minLon) * Foundation.cos(midLat)
        let spanY: Double = box.maxLat - box.minLat
        let scale: Double = Swift.min(size.width / spanX, size.height / spanY)
        let offsetX = (size.width - spanX * scale) / 2
        let offsetY = (size.height - spanY * scale) / 2
        func project(_ p: Position) -> Point {
            Point(x: offsetX + (p.lon - box.minLon) * cos(midLat) * scale, y: offsetY + (box.maxLat - p.lat) * scale)
        }

        var items: [Item] = []
        for municipality in municipalities where municipality.boundary.contains(where: { $0.bounds.intersects(box) }) {
            items.append(.outline(municipality.boundary.flatMap(\.rings).map { $0.map(project) }))
            let outer = municipality.boundary.flatMap(\.outer)
            let centre = Position(lon: outer.map(\.lon).reduce(0, +) / Double(outer.count),
                                  lat: outer.map(\.lat).reduce(0, +) / Double(outer.count))
            let point = project(centre)
            // Only names that fit inside the map (about 5 points per character at this size).
            let half = Double(municipality.name.count) * 2.5
            if (half...(size.width - half)).contains(point.x), (12...(size.height - 4)).contains(point.y) {
                items.append(.label(point, text: municipality.name, context: true))
            }
        }
        // Areas first, then lines, then symbols and labels on top.
        let ordered = features.sorted { rank($0) < rank($1) }
        for feature in ordered {
            let dashed = feature.kind == .cordon || feature.kind == .route
            switch feature.shape {
            case .polygons, .circle:
                for polygon in feature.shape.polygons {
                    items.append(.area(polygon.rings.map { $0.map(project) }, colour: feature.colour, dashed: dashed))
                }
                if let label = feature.label, let first = feature.shape.polygons.first {
                    let outer = first.outer
                    let centre = Position(lon: outer.map(\.lon).reduce(0, +) / Double(outer.count),
                                          lat: outer.map(\.lat).reduce(0, +) / Double(outer.count))
                    items.append(.label(project(centre), text: label, context: false))
                }
            case .line(let line):
                items.append(.line(line.map(project), colour: feature.colour, dashed: dashed))
                if let label = feature.label, let first = line.first { items.append(.label(project(first), text: label, context: false)) }
            case .point(let position):
                let point = project(position)
                if feature.kind == .label {
                    items.append(.label(point, text: feature.label ?? "", context: false))
                } else {
                    items.append(.marker(point, colour: feature.colour, code: code(feature.symbol)))
                    if let label = feature.label { items.append(.label(Point(x: point.x + 9, y: point.y - 6), text: label, context: false)) }
                }
            }
        }
        return SitRapMap(width: size.width, height: size.height, items: items)
    }

    private static func rank(_ feature: Feature) -> Int {
        switch feature.shape {
        case .polygons, .circle: 0
        case .line: 1
        case .point: 2
        }
    }

    private static func positions(of shape: Shape) -> [Position] {
        switch shape {
        case .point(let p): [p]
        case .line(let line): line
        case .polygons, .circle: shape.polygons.flatMap(\.outer)
        }
    }

    /// A two-letter code for a symbol, printed in its marker.
    static func code(_ symbol: PlotSymbol?) -> String {
        guard let symbol else { return "" }
        let words = symbol.rawValue.split(separator: "-")
        return words.count > 1 ? words.prefix(2).map { String($0.prefix(1)).uppercased() }.joined()
            : String(symbol.rawValue.prefix(2)).uppercased()
    }

    // MARK: SVG

    var svg: String {
        func path(_ rings: [[Point]]) -> String {
            rings.map { ring in
                ring.enumerated().map { "\($0.offset == 0 ? "M" : "L")\(n($0.element.x)) \(n($0.element.y))" }.joined() + "Z"
            }.joined()
        }
        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(n(width)) \(n(height))\" width=\"\(n(width))\" height=\"\(n(height))\" role=\"img\" aria-label=\"Kaart van de plots\" class=\"sitrap-map\">"
        out += "<rect width=\"100%\" height=\"100%\" fill=\"#f4f6f8\"/>"
        for item in items {
            switch item {
            case .outline(let rings):
                out += "<path d=\"\(path(rings))\" fill=\"none\" stroke=\"#9aa5b1\" stroke-width=\"0.8\"/>"
            case .area(let rings, let colour, let dashed):
                out += "<path d=\"\(path(rings))\" fill=\"\(safe(colour))\" fill-opacity=\"0.25\" fill-rule=\"evenodd\" stroke=\"\(safe(colour))\" stroke-width=\"2\"\(dashed ? " stroke-dasharray=\"6 4\"" : "")/>"
            case .line(let points, let colour, let dashed):
                let d = points.enumerated().map { "\($0.offset == 0 ? "M" : "L")\(n($0.element.x)) \(n($0.element.y))" }.joined()
                out += "<path d=\"\(d)\" fill=\"none\" stroke=\"\(safe(colour))\" stroke-width=\"3\"\(dashed ? " stroke-dasharray=\"8 5\"" : "")/>"
            case .marker(let point, let colour, let code):
                out += "<circle cx=\"\(n(point.x))\" cy=\"\(n(point.y))\" r=\"8\" fill=\"\(safe(colour))\" stroke=\"#fff\" stroke-width=\"1.5\"/>"
                if !code.isEmpty {
                    out += "<text x=\"\(n(point.x))\" y=\"\(n(point.y + 3))\" font-size=\"8\" font-family=\"Helvetica, Arial, sans-serif\" text-anchor=\"middle\" fill=\"#fff\">\(Markup.escape(code))</text>"
                }
            case .label(let point, let text, let context):
                out += "<text x=\"\(n(point.x))\" y=\"\(n(point.y))\" font-size=\"\(context ? 9 : 11)\" font-family=\"Helvetica, Arial, sans-serif\" fill=\"\(context ? "#6b7785" : "#111")\"\(context ? " text-anchor=\"middle\"" : " font-weight=\"bold\"")>\(Markup.escape(text))</text>"
            }
        }
        return out + "</svg>"
    }

    /// Colours come from validated plots (#rrggbb); anything else is drawn grey.
    private func safe(_ colour: String) -> String {
        colour.range(of: "^#[0-9a-fA-F]{6}$", options: .regularExpression) == nil ? "#666666" : colour
    }

    // MARK: PDF

    /// PDF operators drawing the map into a box at (x, y) of the given size (y grows upwards).
    func pdfOperators(x: Double, y: Double, width boxWidth: Double, height boxHeight: Double) -> String {
        let scale: Double = Swift.min(boxWidth / width, boxHeight / height)
        let left = x + (boxWidth - width * scale) / 2
        let top = y + boxHeight - (boxHeight - height * scale) / 2
        func p(_ point: Point) -> String { "\(n(left + point.x * scale)) \(n(top - point.y * scale))" }
        func path(_ rings: [[Point]]) -> String {
            rings.map { ring in
                ring.enumerated().map { "\(p($0.element)) \($0.offset == 0 ? "m" : "l")" }.joined(separator: " ") + " h"
            }.joined(separator: " ")
        }
        var out = "0.957 0.965 0.973 rg \(n(left)) \(n(top - height * scale)) \(n(width * scale)) \(n(height * scale)) re f\n"
        out += "\(n(left)) \(n(top - height * scale)) \(n(width * scale)) \(n(height * scale)) re W n\n"
        for item in items {
            switch item {
            case .outline(let rings):
                out += "0.604 0.647 0.694 RG 0.5 w [] 0 d \(path(rings)) S\n"
            case .area(let rings, let colour, let dashed):
                let c = PDFWriter.Colour(hex: colour)
                let light = PDFWriter.Colour(r: 1 - (1 - c.r) * 0.25, g: 1 - (1 - c.g) * 0.25, b: 1 - (1 - c.b) * 0.25)
                out += "\(light.fill) \(path(rings)) f*\n"
                out += "\(c.stroke) 1.5 w \(dashed ? "[5 3] 0 d" : "[] 0 d") \(path(rings)) S\n"
            case .line(let points, let colour, let dashed):
                let c = PDFWriter.Colour(hex: colour)
                let d = points.enumerated().map { "\(p($0.element)) \($0.offset == 0 ? "m" : "l")" }.joined(separator: " ")
                out += "\(c.stroke) 2 w \(dashed ? "[6 4] 0 d" : "[] 0 d") \(d) S\n"
            case .marker(let point, let colour, let code):
                let c = PDFWriter.Colour(hex: colour)
                let cx = left + point.x * scale
                let cy = top - point.y * scale
                out += "\(c.fill) 1 1 1 RG 1 w [] 0 d \(circle(cx, cy, 6)) b\n"
                if !code.isEmpty {
                    let textWidth = PDFWriter.measure(code, font: .regular, size: 6)
                    out += "BT /F1 6 Tf 1 1 1 rg \(n(cx - textWidth / 2)) \(n(cy - 2)) Td \(PDFWriter.literal(code)) Tj ET\n"
                }
            case .label(let point, let text, let context):
                let size = context ? 7.0 : 8.5
                let font: PDFWriter.Font = context ? .regular : .bold
                let shift = context ? PDFWriter.measure(text, font: font, size: size) / 2 : 0
                let colour = context ? "0.42 0.467 0.522 rg" : "0.07 0.07 0.07 rg"
                out += "BT /\(font.rawValue) \(n(size)) Tf \(colour) \(n(left + point.x * scale - shift)) \(n(top - point.y * scale)) Td \(PDFWriter.literal(text)) Tj ET\n"
            }
        }
        return out
    }

    /// A circle as four Bézier curves.
    private func circle(_ cx: Double, _ cy: Double, _ r: Double) -> String {
        let k = 0.5523 * r
        return "\(n(cx + r)) \(n(cy)) m "
            + "\(n(cx + r)) \(n(cy + k)) \(n(cx + k)) \(n(cy + r)) \(n(cx)) \(n(cy + r)) c "
            + "\(n(cx - k)) \(n(cy + r)) \(n(cx - r)) \(n(cy + k)) \(n(cx - r)) \(n(cy)) c "
            + "\(n(cx - r)) \(n(cy - k)) \(n(cx - k)) \(n(cy - r)) \(n(cx)) \(n(cy - r)) c "
            + "\(n(cx + k)) \(n(cy - r)) \(n(cx + r)) \(n(cy - k)) \(n(cx + r)) \(n(cy)) c h"
    }
}

private func n(_ value: Double) -> String { String(format: "%.1f", value) }
