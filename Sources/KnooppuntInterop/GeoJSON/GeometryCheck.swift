/// Checks a single location geometry (an entry's or an incident's): a Point, line or polygon as
/// RFC 7946 says, positions of two or three numbers, no empty or collection geometries.
public enum GeometryCheck {
    static let validator: GeoJSONValidator = {
        var validator = GeoJSONValidator()
        validator.maxPositionLength = 3
        validator.allowsEmptyGeometry = false
        validator.allowsGeometryCollection = false
        validator.checksWGS84Bounds = true
        return validator
    }()

    public static func validate(_ value: JSONValue) throws(GeoJSONReadError) {
        guard case .object = value else { throw GeoJSONReadError(message: "a geometry must be a JSON object") }
        try validator.validateGeometry(value)
    }
}
