import Fluent
import Foundation
import KnooppuntCore
import KnooppuntInterop
import Vapor

/// Plots as GeoJSON Features and KML placemarks, and Features as plots: what the map API, imports and
/// exports share. Geometry is checked here, so every entrance refuses the same shapes.
enum PlotFeatures {
    static func placemark(_ plot: PlotVersionModel) -> KMLPlacemark? {
        guard let value = try? JSONDecoder().decode(JSONValue.self, from: Data(plot.geometry.utf8)),
            var shape = GeoJSONShapes.shapes(value).first
        else { return nil }
        let kind = PlotKind(rawValue: plot.kind) ?? .area
        if kind == .circle, let radius = plot.radius, case .point(let center) = shape { shape = .circle(center: center, radius: radius) }
        let name = plot.label ?? plot.symbol.flatMap(PlotSymbol.init(rawValue:))?.label.nl ?? kind.label.nl
        return KMLPlacemark(
            name: name, description: [kind.rawValue, plot.symbol].compactMap { $0 }.joined(separator: " · "),
            colour: PlotStyle(kind: kind, colour: plot.colour).resolvedColour, shape: shape)
    }

    static func importedPlot(_ feature: JSONValue) throws -> PictureStore.NewPlot {
        guard case .object(let object) = feature, case .object? = object["geometry"] else {
            throw Problem.invalid("a plot needs a geometry", field: "geometry")
        }
        let properties: [String: JSONValue]
        if case .object(let given)? = object["properties"] { properties = given } else { properties = [:] }
        func text(_ keys: String...) -> String? {
            for key in keys { if case .string(let value)? = properties[key], !value.isEmpty { return value } }
            return nil
        }
        let geometry = try geometry(feature)
        let radius: Double? = if case .number(let value)? = properties["radius"] { value } else { nil }
        let symbol = try text("symbol").map { name -> PlotSymbol in
            guard let symbol = PlotSymbol(rawValue: name) else { throw Problem.invalid("unknown symbol '\(name)'", field: "symbol") }
            return symbol
        }
        let label = text("label", "title", "name")
        let kind: PlotKind
        if let name = text("kind") {
            guard let given = PlotKind(rawValue: name) else { throw Problem.invalid("unknown kind '\(name)'", field: "kind") }
            kind = given
        } else {
            switch geometry.type {
            case "Point": kind = radius != nil ? .circle : symbol != nil ? .symbol : label != nil ? .label : .symbol
            case "LineString", "MultiLineString": kind = .line
            default: kind = .area
            }
        }
        let classification = try text("classification").map { name -> Classification in
            guard let level = Classification(rawValue: name) else {
                throw Problem.invalid("unknown classification '\(name)'", field: "classification")
            }
            return level
        } ?? .internal
        let colour = text("colour", "marker-color", "stroke", "fill").map { $0.count == 4 ? Self.expandHex($0) : $0 }
        let style = PlotStyle(
            kind: kind, symbol: kind == .symbol ? (symbol ?? .incident) : symbol, label: label, colour: colour,
            radius: kind == .circle ? radius : nil)
        try IncidentRequest.checked { () throws(PictureRuleViolation) in try PlotRules.validate(style, geometryType: geometry.type) }
        return PictureStore.NewPlot(style: style, geometry: geometry.json, classification: classification)
    }

    /// `#abc` → `#aabbcc`.
    static func expandHex(_ short: String) -> String {
        "#" + short.dropFirst().map { "\($0)\($0)" }.joined()
    }

    static func geometry(_ feature: JSONValue) throws -> (type: String, json: String) {
        guard case .object(let object) = feature, let geometry = object["geometry"], case .object(let members) = geometry,
            case .string(let type)? = members["type"]
        else { throw Problem.invalid("the Feature needs a geometry", field: "geometry") }
        guard type != "GeometryCollection" else {
            throw Problem.invalid("draw one geometry per plot, not a GeometryCollection", field: "geometry")
        }
        if case .array(let coordinates)? = members["coordinates"], coordinates.isEmpty {
            throw Problem.invalid("the geometry has no coordinates", field: "geometry")
        }
        do { try GeometryCheck.validate(geometry) } catch {
            throw Problem.invalid("geometry: \(error.message)", field: "geometry")
        }
        // Keep only type and coordinates: foreign members do not belong on the map.
        return (type, JSONValue.object(["type": .string(type), "coordinates": members["coordinates"] ?? .null]).jsonText)
    }

    static func geometryType(_ json: String) -> String {
        guard let value = try? JSONDecoder().decode(JSONValue.self, from: Data(json.utf8)), case .object(let object) = value,
            case .string(let type)? = object["type"]
        else { return "" }
        return type
    }

    static func properties(_ feature: JSONValue, allowed: Set<String>) throws -> PlotProperties {
        guard case .object(let object) = feature, case .object(let properties)? = object["properties"] else {
            throw Problem.invalid("the Feature needs \"properties\" with at least \"kind\"", field: "properties")
        }
        if let unknown = properties.keys.sorted().first(where: { !allowed.contains($0) }) {
            throw Problem.invalid(
                "unknown property '\(unknown)'; allowed: \(allowed.sorted().joined(separator: ", "))", field: unknown)
        }
        do {
            let data = try JSONEncoder().encode(JSONValue.object(properties))
            return try JSONDecoder().decode(PlotProperties.self, from: data)
        } catch let DecodingError.dataCorrupted(context) {
            throw Problem.invalid("a property has a value that is not allowed: \(context.debugDescription)")
        } catch let DecodingError.typeMismatch(_, context) {
            let field = context.codingPath.map(\.stringValue).joined(separator: ".")
            throw Problem.invalid("property '\(field)' has the wrong type", field: field)
        } catch {
            throw Problem.invalid("the properties are not valid: \(error)")
        }
    }

    /// A plot version as a GeoJSON Feature, its style in the properties.
    static func feature(_ plot: PlotVersionModel) throws -> JSONValue {
        let geometry = try JSONDecoder().decode(JSONValue.self, from: Data(plot.geometry.utf8))
        var properties: [String: JSONValue] = [
            "kind": .string(plot.kind), "version": .number(Double(plot.version)), "author": .string(plot.author),
            "organisation": .string(plot.authorOrganisation), "verification": .string(plot.verification),
            "classification": .string(plot.classification),
            "updatedAt": .string(JournalTime.string(from: Microseconds.date(plot.validFrom))),
            "colour": .string(PlotStyle(kind: PlotKind(rawValue: plot.kind) ?? .area, colour: plot.colour).resolvedColour),
        ]
        if let symbol = plot.symbol { properties["symbol"] = .string(symbol) }
        if let label = plot.label { properties["label"] = .string(label) }
        if let radius = plot.radius { properties["radius"] = .number(radius) }
        if plot.removed { properties["removed"] = .bool(true) }
        return .object([
            "type": .string("Feature"), "id": .string(plot.plotID.uuidString), "geometry": geometry, "properties": .object(properties),
        ])
    }
}

/// The properties a plot Feature may carry.
struct PlotProperties: Decodable {
    var kind: PlotKind?
    var symbol: PlotSymbol?
    var label: String?
    var colour: String?
    var radius: Double?
    var classification: Classification?
    var baseVersion: Int?

    static let creatable: Set<String> = ["kind", "symbol", "label", "colour", "radius", "classification"]
    static let changeable: Set<String> = ["baseVersion", "symbol", "label", "colour", "radius", "classification"]
}
