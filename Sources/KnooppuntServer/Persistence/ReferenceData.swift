import Foundation
import KnooppuntInterop

/// The bundled region and municipality boundaries, as rows to insert.
struct ReferenceData {
    var regions: [RegionModel]
    var municipalities: [MunicipalityModel]

    struct LoadError: Error, CustomStringConvertible {
        let description: String
    }

    static func resource(_ name: String) throws -> Data {
        guard let url = Bundle.module.url(forResource: name, withExtension: "geojson", subdirectory: "Resources/Reference")
        else { throw LoadError(description: "bundled reference file \(name).geojson is missing") }
        return try Data(contentsOf: url)
    }

    /// The bundled files, parsed once per process; models are made fresh for every migration run.
    private static let parsed = Result {
        (try FeatureCollectionReader.read(resource("veiligheidsregios")),
            try FeatureCollectionReader.read(resource("gemeenten")))
    }

    static func load() throws -> ReferenceData {
        let (regionFeatures, municipalityFeatures) = try parsed.get()
        let regions = try regionFeatures.map { feature in
            let p = feature.properties
            guard let code = p["vr_code"], let name = p["vr_name"], let province = p["pv_code"],
                let provinceName = p["pv_name"]
            else { throw LoadError(description: "region feature \(feature.id ?? "?") lacks a code, name or province") }
            return RegionModel(
                code: code, name: name, alternativeName: p["vr_name_alt"] ?? name, provinceCode: province,
                provinceName: provinceName, boundary: feature.geometryJSON)
        }
        let municipalities = try municipalityFeatures.map { feature in
            let p = feature.properties
            guard let code = p["gm_code"], let name = p["gm_name"], let region = p["vr_code"] else {
                throw LoadError(description: "municipality feature \(feature.id ?? "?") lacks a code, name or region")
            }
            return MunicipalityModel(code: code, name: name, regionCode: region, boundary: feature.geometryJSON)
        }
        return ReferenceData(regions: regions, municipalities: municipalities)
    }
}
