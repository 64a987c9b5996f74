import Foundation
import KnooppuntCore
import Vapor

struct SessionRequest: StrictDecodable {
    var username: String
    var password: String
    enum CodingKeys: String, CodingKey, CaseIterable { case username, password }
}

struct SessionResponse: Content {
    var token: String
    var expiresAt: Date
    var user: UserDTO
}

struct UserDTO: Content {
    var id: UUID
    var username: String
    var displayName: String
    var role: String
    var roleLabel: String
    var organisation: String
    var organisationName: String
    var disabled: Bool

    init(_ user: CurrentUser) {
        id = user.id
        username = user.username
        displayName = user.displayName
        role = user.role.rawValue
        roleLabel = user.role.label.nl
        organisation = user.organisationCode
        organisationName = user.organisationName
        disabled = false
    }

    init(_ model: UserModel) throws {
        id = try model.requireID()
        username = model.username
        displayName = model.displayName
        role = model.role
        roleLabel = Role(rawValue: model.role)?.label.nl ?? model.role
        organisation = model.organisation.code
        organisationName = model.organisation.name
        disabled = model.disabledAt != nil
    }
}

struct CreateUserRequest: StrictDecodable {
    var username: String
    var displayName: String
    var organisation: String
    var role: String
    var password: String
    enum CodingKeys: String, CodingKey, CaseIterable { case username, displayName, organisation, role, password }

    func validate() throws {
        guard Role(rawValue: role) != nil else {
            throw Problem.invalid(
                "field 'role' must be one of \(Role.allCases.map(\.rawValue).joined(separator: ", "))", field: "role")
        }
    }
}

struct CreateTokenRequest: StrictDecodable {
    var name: String
    var expiresInDays: Int
    enum CodingKeys: String, CodingKey, CaseIterable { case name, expiresInDays }

    func validate() throws {
        guard (1...100).contains(name.trimmingCharacters(in: .whitespaces).count) else {
            throw Problem.invalid("field 'name' must be 1 to 100 characters long", field: "name")
        }
        guard (1...365).contains(expiresInDays) else {
            throw Problem.invalid("field 'expiresInDays' must be between 1 and 365", field: "expiresInDays")
        }
    }
}

struct TokenDTO: Content {
    var id: UUID
    var name: String
    var createdAt: Date
    var expiresAt: Date
    var lastUsedAt: Date?
    /// Present only in the response that creates the token.
    var token: String?

    init(_ model: AccessTokenModel, secret: String? = nil) throws {
        id = try model.requireID()
        name = model.name
        createdAt = model.createdAt
        expiresAt = model.expiresAt
        lastUsedAt = model.lastUsedAt
        token = secret
    }
}

struct OrganisationDTO: Content {
    var code: String
    var name: String
    var kind: String
    var region: String?

    init(_ model: OrganisationModel) {
        code = model.code
        name = model.name
        kind = model.kind
        region = model.regionCode
    }
}

struct HealthDTO: Content {
    var status: String
    var database: String
    var journal: Int64
}

struct RegionDTO: Content {
    var code: String
    var name: String
    var province: String
    var provinceCode: String
    var municipalities: [MunicipalityDTO]?

    init(_ model: RegionModel, municipalities: [MunicipalityModel]? = nil) {
        code = model.id ?? ""
        name = model.name
        province = model.provinceName
        provinceCode = model.provinceCode
        self.municipalities = municipalities?.map { MunicipalityDTO(code: $0.id ?? "", name: $0.name) }
    }
}

struct MunicipalityDTO: Content {
    var code: String
    var name: String
}
