import Foundation

/// An entry version as its event records it (entry.created, .updated, .verification, .admission).
public struct EntryVersionPayload: Codable, Sendable, Equatable {
    public var incident: UUID
    public var entry: UUID
    public var version: Int
    public var theme: String
    public var text: String
    public var source: String
    public var verification: String
    public var admitted: Bool
    public var classification: String
    public var awaitingAdmission: Bool
    public var authorOrganisation: String
    public var onBehalfOf: String?
    /// SHA-256 of the stored version row (every column but `valid_to`), for `verify-journal`. Absent from
    /// events written before rows were digested.
    public var digest: String?

    public init(
        incident: UUID, entry: UUID, version: Int, theme: String, text: String, source: String, verification: String,
        admitted: Bool, classification: String, awaitingAdmission: Bool, authorOrganisation: String, onBehalfOf: String?,
        digest: String?
    ) {
        self.incident = incident
        self.entry = entry
        self.version = version
        self.theme = theme
        self.text = text
        self.source = source
        self.verification = verification
        self.admitted = admitted
        self.classification = classification
        self.awaitingAdmission = awaitingAdmission
        self.authorOrganisation = authorOrganisation
        self.onBehalfOf = onBehalfOf
        self.digest = digest
    }

    public var classified: ClassifiedContent {
        ClassifiedContent(
            classification: classification, awaitingAdmission: awaitingAdmission, authorOrganisation: authorOrganisation,
            part: Theme(theme).map(PicturePart.entry))
    }
}

/// A new entry in the picture.
public struct EntryCreated: ShapedJournalEvent, ClassifiedJournalEvent {
    public static let kind = JournalKind.entryCreated
    public let body: EntryVersionPayload
    public init(_ body: EntryVersionPayload) { self.body = body }
    public var classified: ClassifiedContent { body.classified }
}

/// An entry's text, theme, time or classification changed (by hand or by an import).
public struct EntryUpdated: ShapedJournalEvent, ClassifiedJournalEvent {
    public static let kind = JournalKind.entryUpdated
    public let body: EntryVersionPayload
    public init(_ body: EntryVersionPayload) { self.body = body }
    public var classified: ClassifiedContent { body.classified }
}

/// The information manager judged an entry (verified, unverified, contradicted).
public struct EntryVerification: ShapedJournalEvent, ClassifiedJournalEvent {
    public static let kind = JournalKind.entryVerification
    public let body: EntryVersionPayload
    public init(_ body: EntryVersionPayload) { self.body = body }
    public var classified: ClassifiedContent { body.classified }
}

/// A partner's entry was admitted to the shared picture, or taken out of it.
public struct EntryAdmission: ShapedJournalEvent, ClassifiedJournalEvent {
    public static let kind = JournalKind.entryAdmission
    public let body: EntryVersionPayload
    public init(_ body: EntryVersionPayload) { self.body = body }
    public var classified: ClassifiedContent { body.classified }
}

/// Which entry version went to (or was withdrawn from) which national nodes.
public struct EntrySharingPayload: Codable, Sendable, Equatable {
    public var incident: UUID
    public var entry: UUID
    public var version: Int
    public var nodes: [String]

    public init(incident: UUID, entry: UUID, version: Int, nodes: [String]) {
        self.incident = incident
        self.entry = entry
        self.version = version
        self.nodes = nodes
    }
}

/// The region marked an entry for the national picture.
public struct EntrySharedNationally: ShapedJournalEvent, ClassifiedJournalEvent {
    public static let kind = JournalKind.entrySharedNationally
    public let body: EntrySharingPayload
    public init(_ body: EntrySharingPayload) { self.body = body }
    public var classified: ClassifiedContent { .internal }
}

/// The region took an entry back out of the national picture.
public struct EntryUnsharedNationally: ShapedJournalEvent, ClassifiedJournalEvent {
    public static let kind = JournalKind.entryUnsharedNationally
    public let body: EntrySharingPayload
    public init(_ body: EntrySharingPayload) { self.body = body }
    public var classified: ClassifiedContent { .internal }
}

/// Someone acknowledged an urgent entry (priority spoed or hoog): it leaves the urgent banner of every
/// open page of the incident (decision 0022). Classified like the entry, so only its readers learn of it.
public struct EntryAcknowledgementPayload: Codable, Sendable, Equatable {
    public var incident: UUID
    public var entry: UUID
    public var version: Int
    public var priority: String
    public var classification: String
    public var awaitingAdmission: Bool
    public var authorOrganisation: String

    public init(incident: UUID, entry: UUID, version: Int, priority: String, classification: String,
                awaitingAdmission: Bool, authorOrganisation: String) {
        self.incident = incident
        self.entry = entry
        self.version = version
        self.priority = priority
        self.classification = classification
        self.awaitingAdmission = awaitingAdmission
        self.authorOrganisation = authorOrganisation
    }
}

public struct EntryAcknowledged: ShapedJournalEvent, ClassifiedJournalEvent {
    public static let kind = JournalKind.entryAcknowledged
    public let body: EntryAcknowledgementPayload
    public init(_ body: EntryAcknowledgementPayload) { self.body = body }
    public var classified: ClassifiedContent {
        ClassifiedContent(
            classification: body.classification, awaitingAdmission: body.awaitingAdmission, authorOrganisation: body.authorOrganisation)
    }
}

/// Two entries marked as contradicting each other, and how that was resolved.
public struct ConflictPayload: Codable, Sendable, Equatable {
    public var incident: UUID
    public var conflict: UUID?
    public var entries: [UUID]
    public var note: String
    public var resolution: String?

    public init(incident: UUID, conflict: UUID?, entries: [UUID], note: String, resolution: String?) {
        self.incident = incident
        self.conflict = conflict
        self.entries = entries
        self.note = note
        self.resolution = resolution
    }
}

public struct ConflictMarked: ShapedJournalEvent {
    public static let kind = JournalKind.conflictMarked
    public let body: ConflictPayload
    public init(_ body: ConflictPayload) { self.body = body }
}

public struct ConflictResolved: ShapedJournalEvent {
    public static let kind = JournalKind.conflictResolved
    public let body: ConflictPayload
    public init(_ body: ConflictPayload) { self.body = body }
}
