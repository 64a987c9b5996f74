import Foundation

/// A recorded mandate: `mandatary` acts for the bearer of `office` on `matters`, from `validFrom` up
/// to, not including, `validUntil`. The authority stays with the office; the mandatary decides in its
/// name and the decision says so.
public struct Mandate: Hashable, Sendable, Codable, TimeBound {
    public var id: UUID
    /// The username of who acts.
    public var mandatary: String
    /// For whom.
    public var office: AuthorityOffice
    public var matters: Set<GovernanceMatter>
    public var validFrom: Date
    /// Nil for a mandate until withdrawn.
    public var validUntil: Date?

    public init(
        id: UUID = UUID(), mandatary: String, office: AuthorityOffice, matters: Set<GovernanceMatter>, validFrom: Date,
        validUntil: Date? = nil
    ) {
        self.id = id
        self.mandatary = mandatary
        self.office = office
        self.matters = matters
        self.validFrom = validFrom
        self.validUntil = validUntil
    }

    /// Whether this mandate lets its mandatary act for `office` on `matter` at `now`.
    public func covers(_ office: AuthorityOffice, _ matter: GovernanceMatter, at now: Date) -> Bool {
        self.office == office && matters.contains(matter) && isInForce(at: now)
    }
}
