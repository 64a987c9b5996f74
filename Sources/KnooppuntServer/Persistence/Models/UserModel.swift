import Fluent
import Foundation

/// A person who logs in, with one functional role in one organisation.
final class UserModel: Model, @unchecked Sendable {
    static let schema = "users"

    @ID(key: .id) var id: UUID?
    @Field(key: "username") var username: String
    @Field(key: "display_name") var displayName: String
    @Parent(key: "organisation_id") var organisation: OrganisationModel
    @Field(key: "role") var role: String
    /// bcrypt hash; the password itself is never stored.
    @Field(key: "password_hash") var passwordHash: String
    @OptionalField(key: "disabled_at") var disabledAt: Date?
    /// A temporary account (an ad-hoc partner's) stops working at this moment.
    @OptionalField(key: "valid_until") var validUntil: Date?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    /// Not disabled, and not past the end of a temporary account.
    func isActive(at now: Date) -> Bool {
        disabledAt == nil && (validUntil.map { now < $0 } ?? true)
    }

    init(id: UUID? = nil, username: String, displayName: String, organisationID: UUID, role: String, passwordHash: String) {
        self.id = id
        self.username = username
        self.displayName = displayName
        self.$organisation.id = organisationID
        self.role = role
        self.passwordHash = passwordHash
    }
}

/// A bearer credential: a login session (web cookie or API) or a personal API token. Only the SHA-256
/// of the token is stored, so a copy of the database does not hand out working tokens.
final class AccessTokenModel: Model, @unchecked Sendable {
    static let schema = "access_tokens"

    enum Kind: String, Codable, Sendable {
        case webSession = "web-session"
        case apiSession = "api-session"
        case personal
    }

    @ID(key: .id) var id: UUID?
    @Parent(key: "user_id") var user: UserModel
    @Field(key: "kind") var kind: String
    @Field(key: "name") var name: String
    @Field(key: "token_hash") var tokenHash: String
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "expires_at") var expiresAt: Date
    @OptionalField(key: "last_used_at") var lastUsedAt: Date?
    @OptionalField(key: "revoked_at") var revokedAt: Date?

    init() {}

    init(userID: UUID, kind: Kind, name: String, tokenHash: String, createdAt: Date, expiresAt: Date) {
        self.$user.id = userID
        self.kind = kind.rawValue
        self.name = name
        self.tokenHash = tokenHash
        self.createdAt = createdAt
        self.expiresAt = expiresAt
    }
}
