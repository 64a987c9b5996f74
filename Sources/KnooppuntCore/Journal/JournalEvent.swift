import Foundation

/// The payload of one kind of journal event. The type fixes the kind it is stored under, so an event
/// cannot be written under a kind that does not match its content, nor under a kind `JournalKind` does
/// not list. Payloads are stored as `CanonicalJSON` and hashed into the chain: a payload type keeps the
/// fields, names and encodings its kind was first written with.
public protocol JournalEvent: Codable, Sendable {
    static var kind: JournalKind { get }
}

/// An event whose payload has the same shape as its sibling kinds' (every change of an entry carries the
/// entry's version). The shared shape is `body`, encoded in place of the event, so sharing a shape
/// never changes the stored bytes.
public protocol ShapedJournalEvent<Body>: JournalEvent {
    associatedtype Body: Codable & Sendable
    var body: Body { get }
    init(_ body: Body)
}

extension ShapedJournalEvent {
    public init(from decoder: any Decoder) throws {
        self.init(try decoder.singleValueContainer().decode(Body.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(body)
    }
}

extension JournalEvent {
    /// The stored payload: canonical JSON of the event.
    public func payload() throws -> String { try CanonicalJSON.encode(self) }

    /// Reads a stored payload back as this kind's event.
    public static func decode(payload: String) throws -> Self { try CanonicalJSON.decode(Self.self, from: payload) }
}

/// An event that carries information up to a classification: readers below it do not see the event.
public protocol ClassifiedJournalEvent: JournalEvent {
    var classified: ClassifiedContent { get }
}

/// What the access policy needs to know about a classified event's content.
public struct ClassifiedContent: Sendable, Equatable {
    public var classification: String
    /// Whether the content waits for the region's admission (only the region and the author see it).
    public var awaitingAdmission: Bool
    /// The organisation that wrote it, when the event names one (else the event's organisation).
    public var authorOrganisation: String?
    /// What part of the picture it belongs to, for readers with a limited read scope (decision 0027 §7):
    /// an entry of a theme, or a theme's summary; nil for everything else, which only readers of the
    /// whole picture see.
    public var part: PicturePart?

    public init(classification: String, awaitingAdmission: Bool = false, authorOrganisation: String? = nil, part: PicturePart? = nil) {
        self.classification = classification
        self.awaitingAdmission = awaitingAdmission
        self.authorOrganisation = authorOrganisation
        self.part = part
    }

    /// Whether a reader with `scope` sees this part of the picture.
    public func isRead(within scope: ReadScope) -> Bool {
        switch part {
        case _ where scope.isWhole: true
        case .entry(let theme)?: scope.readsEntries(of: theme)
        case .summary(let theme)?: scope.readsSummary(of: theme)
        case nil: false
        }
    }

    /// For events that carry no classification of their own but tell about an incident's internal
    /// business (its SitRap schedule, what it shares nationally): read as internal information.
    public static let `internal` = ClassifiedContent(classification: Classification.internal.rawValue)
}

/// A part of the picture a limited read scope may include: entries of a theme, or a theme's summary.
public enum PicturePart: Sendable, Equatable {
    case entry(Theme)
    case summary(Theme)
}

/// An event about one organisation's access or alerting: a partner sees only those about itself.
public protocol OrganisationJournalEvent: JournalEvent {
    /// The organisation the event is about (the one granted, disconnected or alerted).
    var aboutOrganisation: String { get }
}
