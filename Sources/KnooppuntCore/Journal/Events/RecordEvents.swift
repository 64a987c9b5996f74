import Foundation

/// A version of a decision, action or consultation as its event records it.
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

/// The body of a record, and the event that records its creation.
public protocol RecordBody: Codable, Sendable {
    static var recordKind: RecordKind { get }
    static func created(_ payload: RecordPayload<Self>) -> any JournalEvent
}

/// A record that changes after it is made: each change is a new version, recorded by its own event.
public protocol VersionedRecordBody: RecordBody {
    static func updated(_ payload: RecordPayload<Self>) -> any JournalEvent
}

extension DecisionBody: VersionedRecordBody {
    public static let recordKind = RecordKind.decision
    public static func created(_ payload: RecordPayload<Self>) -> any JournalEvent { DecisionCreated(payload) }
    public static func updated(_ payload: RecordPayload<Self>) -> any JournalEvent { DecisionUpdated(payload) }
}

extension ActionBody: VersionedRecordBody {
    public static let recordKind = RecordKind.action
    public static func created(_ payload: RecordPayload<Self>) -> any JournalEvent { ActionCreated(payload) }
    public static func updated(_ payload: RecordPayload<Self>) -> any JournalEvent { ActionUpdated(payload) }
}

/// A consultation is recorded once and never changed: a correction is a new consultation.
extension ConsultationBody: RecordBody {
    public static let recordKind = RecordKind.consultation
    public static func created(_ payload: RecordPayload<Self>) -> any JournalEvent { ConsultationRecorded(payload) }
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

/// The councils were consulted on a decision, or urgency prevented it (C10).
public struct ConsultationRecorded: ShapedJournalEvent {
    public static let kind = JournalKind.consultationRecorded
    public let body: RecordPayload<ConsultationBody>
    public init(_ body: RecordPayload<ConsultationBody>) { self.body = body }
}

extension ThemeSummaryBody: VersionedRecordBody {
    public static let recordKind = RecordKind.summary
    public static func created(_ payload: RecordPayload<Self>) -> any JournalEvent { SummaryCreated(payload) }
    public static func updated(_ payload: RecordPayload<Self>) -> any JournalEvent { SummaryUpdated(payload) }
}

extension DecisionPointBody: VersionedRecordBody {
    public static let recordKind = RecordKind.decisionPoint
    public static func created(_ payload: RecordPayload<Self>) -> any JournalEvent { DecisionPointRaised(payload) }
    public static func updated(_ payload: RecordPayload<Self>) -> any JournalEvent { DecisionPointUpdated(payload) }
}

/// A theme's summary was written for the first time; readers below its classification do not see it.
public struct SummaryCreated: ShapedJournalEvent, ClassifiedJournalEvent {
    public static let kind = JournalKind.summaryCreated
    public let body: RecordPayload<ThemeSummaryBody>
    public init(_ body: RecordPayload<ThemeSummaryBody>) { self.body = body }
    public var classified: ClassifiedContent {
        ClassifiedContent(classification: body.body.classification.rawValue, part: .summary(body.body.theme))
    }
}

public struct SummaryUpdated: ShapedJournalEvent, ClassifiedJournalEvent {
    public static let kind = JournalKind.summaryUpdated
    public let body: RecordPayload<ThemeSummaryBody>
    public init(_ body: RecordPayload<ThemeSummaryBody>) { self.body = body }
    public var classified: ClassifiedContent {
        ClassifiedContent(classification: body.body.classification.rawValue, part: .summary(body.body.theme))
    }
}

/// Besluitpunten are the crisis team's own deliberation: partners do not read them (decision 0024).
public struct DecisionPointRaised: ShapedJournalEvent, RegionsOnlyJournalEvent {
    public static let kind = JournalKind.decisionPointRaised
    public let body: RecordPayload<DecisionPointBody>
    public init(_ body: RecordPayload<DecisionPointBody>) { self.body = body }
}

public struct DecisionPointUpdated: ShapedJournalEvent, RegionsOnlyJournalEvent {
    public static let kind = JournalKind.decisionPointUpdated
    public let body: RecordPayload<DecisionPointBody>
    public init(_ body: RecordPayload<DecisionPointBody>) { self.body = body }
}
