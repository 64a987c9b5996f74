import Foundation

/// A version of a risk of a regional risk profile was recorded (decision 0028): created, changed,
/// adopted, or taken in by an import.
public struct RiskRecorded: JournalEvent {
    public static let kind = JournalKind.riskRecorded
    public var risk: UUID
    public var region: String
    public var version: Int
    public var title: String
    /// created, changed, adopted or imported.
    public var change: String
    /// The adoption this version carries, when it carries one: "Algemeen bestuur … on 2026-03-12".
    public var adoptedBy: String?
    public var adoptedOn: String?

    public init(risk: UUID, region: String, version: Int, title: String, change: String, adoption: RiskAdoption?) {
        self.risk = risk
        self.region = region
        self.version = version
        self.title = title
        self.change = change
        self.adoptedBy = adoption?.adoptedBy
        self.adoptedOn = adoption?.adoptedOn
    }
}

/// A risk left the regional risk profile, with the reason; its versions stay.
public struct RiskWithdrawn: JournalEvent {
    public static let kind = JournalKind.riskWithdrawn
    public var risk: UUID
    public var region: String
    public var version: Int
    public var title: String
    public var reason: String

    public init(risk: UUID, region: String, version: Int, title: String, reason: String) {
        self.risk = risk
        self.region = region
        self.version = version
        self.title = title
        self.reason = reason
    }
}

/// A CSV file was taken into a region's risk profile, all of it: how many risks it added, changed and left
/// as they were.
public struct RiskProfileImported: JournalEvent {
    public static let kind = JournalKind.riskProfileImported
    public var region: String
    public var created: Int
    public var changed: Int
    public var unchanged: Int

    public init(region: String, created: Int, changed: Int, unchanged: Int) {
        self.region = region
        self.created = created
        self.changed = changed
        self.unchanged = unchanged
    }
}
