import Fluent
import Foundation

/// A veiligheidsregio as stored: reference data, loaded by a migration.
final class RegionModel: Model, @unchecked Sendable {
    static let schema = "regions"

    @ID(custom: "code", generatedBy: .user) var id: String?
    @Field(key: "name") var name: String
    @Field(key: "name_alt") var alternativeName: String
    @Field(key: "province_code") var provinceCode: String
    @Field(key: "province_name") var provinceName: String
    /// GeoJSON geometry (WGS84).
    @Field(key: "boundary") var boundary: String

    init() {}

    init(code: String, name: String, alternativeName: String, provinceCode: String, provinceName: String, boundary: String) {
        self.id = code
        self.name = name
        self.alternativeName = alternativeName
        self.provinceCode = provinceCode
        self.provinceName = provinceName
        self.boundary = boundary
    }
}

/// A municipality (gemeente) and the region it belongs to.
final class MunicipalityModel: Model, @unchecked Sendable {
    static let schema = "municipalities"

    @ID(custom: "code", generatedBy: .user) var id: String?
    @Field(key: "name") var name: String
    @Field(key: "region_code") var regionCode: String
    @Field(key: "boundary") var boundary: String

    init() {}

    init(code: String, name: String, regionCode: String, boundary: String) {
        self.id = code
        self.name = name
        self.regionCode = regionCode
        self.boundary = boundary
    }
}
