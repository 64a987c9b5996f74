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

/// A current risk picture as it stands after a change (issue 18 point 2): opened, changed, closed.
public struct RiskPicturePayload: Codable, Sendable, Equatable {
    public var picture: UUID
    public var region: String
    public var version: Int
    public var title: String
    public var kind: String
    public var expectedFrom: Date
    public var expectedUntil: Date
    public var status: String
    /// The partners invited, by code, with their collaboration profile.
    public var partners: [String: String]
    public var risks: [UUID]
    public var hasArea: Bool
    public var reason: String?

    public init(picture: UUID, region: String, version: Int, title: String, kind: String, expectedFrom: Date, expectedUntil: Date,
                status: String, partners: [String: String], risks: [UUID], hasArea: Bool, reason: String?) {
        self.picture = picture
        self.region = region
        self.version = version
        self.title = title
        self.kind = kind
        self.expectedFrom = expectedFrom
        self.expectedUntil = expectedUntil
        self.status = status
        self.partners = partners
        self.risks = risks
        self.hasArea = hasArea
        self.reason = reason
    }
}

public struct RiskPictureOpened: ShapedJournalEvent {
    public static let kind = JournalKind.riskPictureOpened
    public var body: RiskPicturePayload
    public init(_ body: RiskPicturePayload) { self.body = body }
}

public struct RiskPictureChanged: ShapedJournalEvent {
    public static let kind = JournalKind.riskPictureChanged
    public var body: RiskPicturePayload
    public init(_ body: RiskPicturePayload) { self.body = body }
}

/// A risk picture became an incident: what it carried over.
public struct RiskPictureEscalated: JournalEvent {
    public static let kind = JournalKind.riskPictureEscalated
    public var picture: UUID
    public var region: String
    public var incident: UUID
    public var reference: String
    public var effects: Int
    public var partners: [String]
    public var area: Bool

    public init(picture: UUID, region: String, incident: UUID, reference: String, effects: Int, partners: [String], area: Bool) {
        self.picture = picture
        self.region = region
        self.incident = incident
        self.reference = reference
        self.effects = effects
        self.partners = partners
        self.area = area
    }
}

/// An expected effect on a risk picture, as written or admitted.
public struct RiskEffectPayload: Codable, Sendable, Equatable {
    public var effect: UUID
    public var picture: UUID
    public var theme: String
    public var text: String
    public var expectedAt: Date?
    /// linked, awaiting or admitted.
    public var status: String
    public var viaLiaison: Bool

    public init(effect: UUID, picture: UUID, theme: String, text: String, expectedAt: Date?, status: String, viaLiaison: Bool) {
        self.effect = effect
        self.picture = picture
        self.theme = theme
        self.text = text
        self.expectedAt = expectedAt
        self.status = status
        self.viaLiaison = viaLiaison
    }
}

public struct RiskEffectAdded: ShapedJournalEvent {
    public static let kind = JournalKind.riskEffectAdded
    public var body: RiskEffectPayload
    public init(_ body: RiskEffectPayload) { self.body = body }
}

public struct RiskEffectAdmitted: ShapedJournalEvent {
    public static let kind = JournalKind.riskEffectAdmitted
    public var body: RiskEffectPayload
    public init(_ body: RiskEffectPayload) { self.body = body }
}

/// A monitoring rule was set on a risk picture.
public struct MonitoringRuleAdded: JournalEvent {
    public static let kind = JournalKind.riskRuleAdded
    public var rule: UUID
    public var picture: UUID
    public var region: String
    public var source: String

    public init(rule: UUID, picture: UUID, region: String, source: String) {
        self.rule = rule
        self.picture = picture
        self.region = region
        self.source = source
    }
}

/// A monitoring rule raised a signal on a risk picture, for the people on duty.
public struct RiskSignalRaised: JournalEvent {
    public static let kind = JournalKind.riskSignalRaised
    public var signal: UUID
    public var picture: UUID
    public var region: String
    public var source: String
    public var summary: String

    public init(signal: UUID, picture: UUID, region: String, source: String, summary: String) {
        self.signal = signal
        self.picture = picture
        self.region = region
        self.source = source
        self.summary = summary
    }
}

/// Someone on duty acknowledged a signal.
public struct RiskSignalAcknowledged: JournalEvent {
    public static let kind = JournalKind.riskSignalAcknowledged
    public var signal: UUID
    public var picture: UUID
    public var region: String

    public init(signal: UUID, picture: UUID, region: String) {
        self.signal = signal
        self.picture = picture
        self.region = region
    }
}

/// A partner sent a measured value to a risk picture.
public struct RiskMeasurementReceived: JournalEvent {
    public static let kind = JournalKind.riskMeasurementReceived
    public var picture: UUID
    public var partner: String
    public var quantity: String
    public var value: Double
    public var unit: String?

    public init(picture: UUID, partner: String, quantity: String, value: Double, unit: String?) {
        self.picture = picture
        self.partner = partner
        self.quantity = quantity
        self.value = value
        self.unit = unit
    }
}

/// A plan of a region's register was recorded or changed (issue 18 point 4).
public struct PlanRecorded: JournalEvent {
    public static let kind = JournalKind.planRecorded
    public var plan: UUID
    public var region: String
    public var version: Int
    public var title: String
    public var kind: String
    public var reviewOn: String
    public var adoptedBy: String?
    public var adoptedOn: String?

    public init(plan: UUID, region: String, version: Int, title: String, kind: String, reviewOn: String, adoptedBy: String?, adoptedOn: String?) {
        self.plan = plan
        self.region = region
        self.version = version
        self.title = title
        self.kind = kind
        self.reviewOn = reviewOn
        self.adoptedBy = adoptedBy
        self.adoptedOn = adoptedOn
    }
}

/// A plan was attached to an incident or a risk picture.
public struct PlanAttached: JournalEvent {
    public static let kind = JournalKind.planAttached
    public var plan: UUID
    public var incident: UUID?
    public var picture: UUID?

    public init(plan: UUID, incident: UUID?, picture: UUID?) {
        self.plan = plan
        self.incident = incident
        self.picture = picture
    }
}

/// Public risk information about a risk of the profile was published as CAP (issue 18 point 5).
public struct RiskCommunicationPublished: JournalEvent {
    public static let kind = JournalKind.riskCommunicationPublished
    public var risk: UUID
    public var region: String
    public var number: Int
    public var identifier: String
    public var msgType: String

    public init(risk: UUID, region: String, number: Int, identifier: String, msgType: String) {
        self.risk = risk
        self.region = region
        self.number = number
        self.identifier = identifier
        self.msgType = msgType
    }
}
