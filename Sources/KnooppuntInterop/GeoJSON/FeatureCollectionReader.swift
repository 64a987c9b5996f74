import Foundation

/// One feature of a GeoJSON FeatureCollection, with its geometry kept as the original JSON text.
public struct GeoJSONFeature: Sendable, Equatable {
    public var id: String?
    /// Properties whose values are strings or numbers, as text; other values are left out.
    public var properties: [String: String]
    /// The `geometry` member re-encoded as compact JSON (sorted keys).
    public var geometryJSON: String
    public var geometryType: String
}

/// Why a document is not a usable FeatureCollection.
public struct GeoJSONReadError: Error, Equatable, Sendable, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}

/// Reads a GeoJSON FeatureCollection (RFC 7946 §3.3) into features. It checks the structure the
/// reference data relies on; strict validation of coordinates lives with the map layers.
public enum FeatureCollectionReader {
    public static func read(_ data: Data) throws(GeoJSONReadError) -> [GeoJSONFeature] {
        let root: Any
        do {
            root = try JSONSerialization.jsonObject(with: data)
        } catch {
            throw GeoJSONReadError(message: "not valid JSON: \(error.localizedDescription)")
        }
        guard let object = root as? [String: Any] else {
            throw GeoJSONReadError(message: "the document must be a JSON object")
        }
        guard object["type"] as? String == "FeatureCollection" else {
            throw GeoJSONReadError(message: "\"type\" must be \"FeatureCollection\"")
        }
        guard let features = object["features"] as? [Any] else {
            throw GeoJSONReadError(message: "\"features\" must be an array")
        }
        var result: [GeoJSONFeature] = []
        result.reserveCapacity(features.count)
        for (index, element) in features.enumerated() {
            result.append(try feature(element, index: index))
        }
        return result
    }

    private static func feature(_ element: Any, index: Int) throws(GeoJSONReadError) -> GeoJSONFeature {
        guard let feature = element as? [String: Any], feature["type"] as? String == "Feature" else {
            throw GeoJSONReadError(message: "features[\(index)] is not a Feature object")
        }
        guard let geometry = feature["geometry"] as? [String: Any], let type = geometry["type"] as? String else {
            throw GeoJSONReadError(message: "features[\(index)] has no geometry with a \"type\"")
        }
        let geometryData: Data
        do {
            geometryData = try JSONSerialization.data(withJSONObject: geometry, options: [.sortedKeys])
        } catch {
            throw GeoJSONReadError(message: "features[\(index)] geometry cannot be encoded")
        }
        var properties: [String: String] = [:]
        for (key, value) in feature["properties"] as? [String: Any] ?? [:] {
            if let text = value as? String {
                properties[key] = text
            } else if let number = value as? NSNumber {
                properties[key] = number.stringValue
            }
        }
        let id = (feature["id"] as? String) ?? (feature["id"] as? NSNumber)?.stringValue
        return GeoJSONFeature(
            id: id, properties: properties, geometryJSON: String(decoding: geometryData, as: UTF8.self),
            geometryType: type)
    }
}
