import Foundation

/// A line of the capacity registry as it stands after the change (or before its removal).
public struct CapacityLinePayload: Codable, Sendable, Equatable {
    public var id: UUID
    public var holder: String
    public var type: String
    public var label: String
    public var count: Int
    public var unavailable: Int
    public var committed: Int
    public var available: Int
    public var keepForOwn: Int
    public var offerable: Int
    public var readinessMinutes: Int
    public var longitude: Double?
    public var latitude: Double?
    public var version: Int
    public var updatedAt: Date
    public var updatedBy: String

    public init(
        id: UUID, holder: String, type: String, label: String, count: Int, unavailable: Int, committed: Int, available: Int,
        keepForOwn: Int, offerable: Int, readinessMinutes: Int, longitude: Double?, latitude: Double?, version: Int,
        updatedAt: Date, updatedBy: String
    ) {
        self.id = id
        self.holder = holder
        self.type = type
        self.label = label
        self.count = count
        self.unavailable = unavailable
        self.committed = committed
        self.available = available
        self.keepForOwn = keepForOwn
        self.offerable = offerable
        self.readinessMinutes = readinessMinutes
        self.longitude = longitude
        self.latitude = latitude
        self.version = version
        self.updatedAt = updatedAt
        self.updatedBy = updatedBy
    }
}

public struct CapacityAdded: ShapedJournalEvent {
    public static let kind = JournalKind.capacityAdded
    public let body: CapacityLinePayload
    public init(_ body: CapacityLinePayload) { self.body = body }
}

public struct CapacityChanged: ShapedJournalEvent {
    public static let kind = JournalKind.capacityChanged
    public let body: CapacityLinePayload
    public init(_ body: CapacityLinePayload) { self.body = body }
}

public struct CapacityRemoved: ShapedJournalEvent {
    public static let kind = JournalKind.capacityRemoved
    public let body: CapacityLinePayload
    public init(_ body: CapacityLinePayload) { self.body = body }
}

/// A CSV import of a holder's lines.
public struct CapacityImported: JournalEvent {
    public static let kind = JournalKind.capacityImported
    public var added: Int
    public var changed: Int

    public init(added: Int, changed: Int) {
        self.added = added
        self.changed = changed
    }
}

/// A type added to the capacity catalogue.
public struct CapacityTypeAdded: ShapedJournalEvent {
    public static let kind = JournalKind.capacityTypeAdded
    public let body: CapacityType
    public init(_ body: CapacityType) { self.body = body }
}

/// A decision on scarce capacity recorded by the broker: who decided what, for which requests first.
public struct CapacityAllocationDecided: JournalEvent {
    public static let kind = JournalKind.capacityAllocationDecided
    public var id: UUID
    public var type: String
    /// The deciding authority's raw value.
    public var authority: String
    public var decision: String
    public var reason: String
    public var priorities: [String]
    public var decidedAt: Date
    public var recordedBy: String

    public init(
        id: UUID, type: String, authority: String, decision: String, reason: String, priorities: [String], decidedAt: Date,
        recordedBy: String
    ) {
        self.id = id
        self.type = type
        self.authority = authority
        self.decision = decision
        self.reason = reason
        self.priorities = priorities
        self.decidedAt = decidedAt
        self.recordedBy = recordedBy
    }
}

/// One step of an assistance (bijstand) request: the request's status after it, and what happened.
public struct AssistancePayload: Codable, Sendable, Equatable {
    public var request: UUID
    public var number: String
    public var status: String
    public var detail: String?

    public init(request: UUID, number: String, status: String, detail: String?) {
        self.request = request
        self.number = number
        self.status = status
        self.detail = detail
    }
}

/// The steps of an assistance request share one payload.
public typealias AssistanceStepEvent = ShapedJournalEvent<AssistancePayload>

public struct AssistanceDrafted: ShapedJournalEvent {
    public static let kind = JournalKind.assistanceDrafted
    public let body: AssistancePayload
    public init(_ body: AssistancePayload) { self.body = body }
}

public struct AssistanceRequested: ShapedJournalEvent {
    public static let kind = JournalKind.assistanceRequested
    public let body: AssistancePayload
    public init(_ body: AssistancePayload) { self.body = body }
}

public struct AssistanceOffered: ShapedJournalEvent {
    public static let kind = JournalKind.assistanceOffered
    public let body: AssistancePayload
    public init(_ body: AssistancePayload) { self.body = body }
}

public struct AssistanceProposed: ShapedJournalEvent {
    public static let kind = JournalKind.assistanceProposed
    public let body: AssistancePayload
    public init(_ body: AssistancePayload) { self.body = body }
}

public struct AssistanceOfferConfirmed: ShapedJournalEvent {
    public static let kind = JournalKind.assistanceOfferConfirmed
    public let body: AssistancePayload
    public init(_ body: AssistancePayload) { self.body = body }
}

public struct AssistanceOfferWithdrawn: ShapedJournalEvent {
    public static let kind = JournalKind.assistanceOfferWithdrawn
    public let body: AssistancePayload
    public init(_ body: AssistancePayload) { self.body = body }
}

public struct AssistanceOfferDeclined: ShapedJournalEvent {
    public static let kind = JournalKind.assistanceOfferDeclined
    public let body: AssistancePayload
    public init(_ body: AssistancePayload) { self.body = body }
}

public struct AssistanceCommitted: ShapedJournalEvent {
    public static let kind = JournalKind.assistanceCommitted
    public let body: AssistancePayload
    public init(_ body: AssistancePayload) { self.body = body }
}

public struct AssistanceDeployed: ShapedJournalEvent {
    public static let kind = JournalKind.assistanceDeployed
    public let body: AssistancePayload
    public init(_ body: AssistancePayload) { self.body = body }
}

public struct AssistanceReleased: ShapedJournalEvent {
    public static let kind = JournalKind.assistanceReleased
    public let body: AssistancePayload
    public init(_ body: AssistancePayload) { self.body = body }
}

public struct AssistanceWithdrawn: ShapedJournalEvent {
    public static let kind = JournalKind.assistanceWithdrawn
    public let body: AssistancePayload
    public init(_ body: AssistancePayload) { self.body = body }
}

public struct AssistanceDeclined: ShapedJournalEvent {
    public static let kind = JournalKind.assistanceDeclined
    public let body: AssistancePayload
    public init(_ body: AssistancePayload) { self.body = body }
}

public struct AssistanceClosed: ShapedJournalEvent {
    public static let kind = JournalKind.assistanceClosed
    public let body: AssistancePayload
    public init(_ body: AssistancePayload) { self.body = body }
}

/// An EDXL-RM message taken in, and what came of it.
public struct AssistanceRmReceived: JournalEvent {
    public static let kind = JournalKind.assistanceRmReceived
    public var message: String
    /// The EDXL-RM message kind.
    public var kind: String
    public var outcome: String

    public init(message: String, kind: String, outcome: String) {
        self.message = message
        self.kind = kind
        self.outcome = outcome
    }
}
