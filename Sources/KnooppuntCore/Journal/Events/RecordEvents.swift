import Foundation

/// A version of a decision or action as its event records it.
public struct RecordPayload<Body: Codable & Sendable>: Codable, Sendable {
    public var incident: UUID
    public var record: UUID
    public var version: Int
    public var body: Body

    public init(incident: UUID, record: UUID, version: Int, body: Body) {
        self.incident = incident
        self.record = record
        self.version = version
        self.body = body
    }
}

/// The body of a versioned record, and the events that record its versions.
public protocol RecordBody: Codable, Sendable {
    static var recordKind: RecordKind { get }
    static func created(_ payload: RecordPayload<Self>) -> any JournalEvent
    static func updated(_ payload: RecordPayload<Self>) -> any JournalEvent
}

extension DecisionBody: RecordBody {
    public static let recordKind = RecordKind.decision
    public static func created(_ payload: RecordPayload<Self>) -> any JournalEvent { DecisionCreated(payload) }
    public static func updated(_ payload: RecordPayload<Self>) -> any JournalEvent { DecisionUpdated(payload) }
}

extension ActionBody: RecordBody {
    public static let recordKind = RecordKind.action
    public static func created(_ payload: RecordPayload<Self>) -> any JournalEvent { ActionCreated(payload) }
    public static func updated(_ payload: RecordPayload<Self>) -> any JournalEvent { ActionUpdated(payload) }
}

public struct DecisionCreated: ShapedJournalEvent {
    public static let kind = JournalKind.decisionCreated
    public let body: RecordPayload<DecisionBody>
    public init(_ body: RecordPayload<DecisionBody>) { self.body = body }
}

public struct DecisionUpdated: ShapedJournalEvent {
    public static let kind = JournalKind.decisionUpdated
    public let body: RecordPayload<DecisionBody>
    public init(_ body: RecordPayload<DecisionBody>) { self.body = body }
}

public struct ActionCreated: ShapedJournalEvent {
    public static let kind = JournalKind.actionCreated
    public let body: RecordPayload<ActionBody>
    public init(_ body: RecordPayload<ActionBody>) { self.body = body }
}

public struct ActionUpdated: ShapedJournalEvent {
    public static let kind = JournalKind.actionUpdated
    public let body: RecordPayload<ActionBody>
    public init(_ body: RecordPayload<ActionBody>) { self.body = body }
}
