import Foundation

/// The reference data (regions, municipalities) was loaded.
public struct ReferenceLoaded: JournalEvent {
    public static let kind = JournalKind.referenceLoaded
    public var regions: Int
    public var municipalities: Int

    public init(regions: Int, municipalities: Int) {
        self.regions = regions
        self.municipalities = municipalities
    }
}

public struct OrganisationCreated: JournalEvent {
    public static let kind = JournalKind.organisationCreated
    public var code: String
    public var name: String
    /// The organisation kind's raw value.
    public var kind: String

    public init(code: String, name: String, kind: String) {
        self.code = code
        self.name = name
        self.kind = kind
    }
}

public struct UserCreated: JournalEvent {
    public static let kind = JournalKind.userCreated
    public var username: String
    public var organisation: String
    public var role: String
    /// When a temporary account ends (journal time), absent for lasting accounts.
    public var validUntil: String?

    public init(username: String, organisation: String, role: String, validUntil: String? = nil) {
        self.username = username
        self.organisation = organisation
        self.role = role
        self.validUntil = validUntil
    }
}

public struct UserPasswordChanged: JournalEvent {
    public static let kind = JournalKind.userPasswordChanged
    public var username: String
    public init(username: String) { self.username = username }
}

public struct UserDisabled: JournalEvent {
    public static let kind = JournalKind.userDisabled
    public var username: String
    public init(username: String) { self.username = username }
}

/// A user's role changed: by an administrator, or by a migration when a role was redefined (the region
/// role "liaison" became "hin-gedetacheerd", decision 0027 §8).
public struct UserRoleChanged: JournalEvent {
    public static let kind = JournalKind.userRoleChanged
    public var username: String
    public var from: String
    public var to: String
    public var reason: String

    public init(username: String, from: String, to: String, reason: String) {
        self.username = username
        self.from = from
        self.to = to
        self.reason = reason
    }
}

/// An administrator lifted a login lock.
public struct AccountUnlocked: JournalEvent {
    public static let kind = JournalKind.accountUnlocked
    public var username: String
    /// How many failed attempts were forgotten, as text (as first written).
    public var failures: String

    public init(username: String, failures: String) {
        self.username = username
        self.failures = failures
    }
}

public struct SessionLoginFailed: JournalEvent {
    public static let kind = JournalKind.sessionLoginFailed
    public var username: String
    public var address: String

    public init(username: String, address: String) {
        self.username = username
        self.address = address
    }
}

/// A session or personal token issued: its kind, name and id.
public struct TokenIssuedPayload: Codable, Sendable, Equatable {
    public var kind: String
    public var name: String
    public var token: String

    public init(kind: String, name: String, token: String) {
        self.kind = kind
        self.name = name
        self.token = token
    }
}

/// A session or personal token withdrawn.
public struct TokenRevokedPayload: Codable, Sendable, Equatable {
    public var kind: String
    public var token: String

    public init(kind: String, token: String) {
        self.kind = kind
        self.token = token
    }
}

/// A login.
public struct SessionOpened: ShapedJournalEvent {
    public static let kind = JournalKind.sessionOpened
    public let body: TokenIssuedPayload
    public init(_ body: TokenIssuedPayload) { self.body = body }
}

/// A logout.
public struct SessionClosed: ShapedJournalEvent {
    public static let kind = JournalKind.sessionClosed
    public let body: TokenRevokedPayload
    public init(_ body: TokenRevokedPayload) { self.body = body }
}

/// A personal API token made.
public struct TokenCreated: ShapedJournalEvent {
    public static let kind = JournalKind.tokenCreated
    public let body: TokenIssuedPayload
    public init(_ body: TokenIssuedPayload) { self.body = body }
}

/// A personal API token withdrawn.
public struct TokenRevoked: ShapedJournalEvent {
    public static let kind = JournalKind.tokenRevoked
    public let body: TokenRevokedPayload
    public init(_ body: TokenRevokedPayload) { self.body = body }
}
