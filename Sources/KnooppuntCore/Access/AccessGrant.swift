import Foundation

/// Access of one organisation to one incident: a link under its collaboration profile, a temporary
/// account for an ad-hoc partner, or an opening by the chair (break glass). Every grant has a purpose
/// and an end; ended or revoked grants give nothing.
public struct AccessGrant: Sendable, Equatable, Codable {
    public enum Kind: Sendable, Equatable, Codable {
        /// The region IM links the partner under its profile (standby: admitted or invited).
        case link(CollaborationProfile)
        /// An administrator's temporary account for an ad-hoc partner, bound to this incident.
        case temporaryAccount(username: String)
        /// The chair opened the incident to this organisation.
        case breakGlass

        public var name: String {
            switch self {
            case .link(let profile): "link under \(profile.rawValue)"
            case .temporaryAccount(let username): "temporary account \(username)"
            case .breakGlass: "break glass"
            }
        }
    }

    public var kind: Kind
    public var organisationCode: String
    public var purpose: String
    public var validFrom: Date
    public var validUntil: Date
    public var revokedAt: Date?
    /// Standby partners: monitoring until the IM admits or invites them, then active.
    public var status: PartnerStatus
    /// The most sensitive information this grant shows.
    public var maxClassification: Classification

    public init(
        kind: Kind, organisationCode: String, purpose: String, validFrom: Date, validUntil: Date, revokedAt: Date? = nil,
        status: PartnerStatus = .active, maxClassification: Classification? = nil
    ) {
        self.kind = kind
        self.organisationCode = organisationCode
        self.purpose = purpose
        self.validFrom = validFrom
        self.validUntil = validUntil
        self.revokedAt = revokedAt
        self.status = status
        self.maxClassification = maxClassification ?? Self.defaultClassification(for: kind)
    }

    /// In force at `time`: started, not ended, not revoked.
    public func isActive(at time: Date) -> Bool {
        validFrom <= time && time < validUntil && (revokedAt.map { time < $0 } ?? true)
    }

    /// What a grant shows unless the one granting it says otherwise: whoever reads the picture sees
    /// public and internal information; confidential information only when the grant says so. Koppel and
    /// ad-hoc links read nothing themselves.
    public static func defaultClassification(for kind: Kind) -> Classification {
        switch kind {
        case .link(.kern), .link(.structureel), .link(.standby), .temporaryAccount, .breakGlass: .internal
        case .link(.koppel), .link(.adHoc): .public
        }
    }
}
