import Foundation

/// A plot version on the incident map as its event records it (and live streams send it). A
/// confidential plot's label is left out: its text travels only with a journaled read of the map.
public struct PlotVersionPayload: Codable, Sendable, Equatable {
    public var incident: UUID
    public var plot: UUID
    public var version: Int
    public var kind: String
    public var label: String?
    public var removed: Bool
    public var classification: String
    public var authorOrganisation: String

    public init(
        incident: UUID, plot: UUID, version: Int, kind: String, label: String?, removed: Bool, classification: String,
        authorOrganisation: String
    ) {
        self.incident = incident
        self.plot = plot
        self.version = version
        self.kind = kind
        self.label = label
        self.removed = removed
        self.classification = classification
        self.authorOrganisation = authorOrganisation
    }

    public var classified: ClassifiedContent {
        ClassifiedContent(classification: classification, authorOrganisation: authorOrganisation)
    }
}

public struct PlotCreated: ShapedJournalEvent, ClassifiedJournalEvent {
    public static let kind = JournalKind.plotCreated
    public let body: PlotVersionPayload
    public init(_ body: PlotVersionPayload) { self.body = body }
    public var classified: ClassifiedContent { body.classified }
}

public struct PlotUpdated: ShapedJournalEvent, ClassifiedJournalEvent {
    public static let kind = JournalKind.plotUpdated
    public let body: PlotVersionPayload
    public init(_ body: PlotVersionPayload) { self.body = body }
    public var classified: ClassifiedContent { body.classified }
}

public struct PlotRemoved: ShapedJournalEvent, ClassifiedJournalEvent {
    public static let kind = JournalKind.plotRemoved
    public let body: PlotVersionPayload
    public init(_ body: PlotVersionPayload) { self.body = body }
    public var classified: ClassifiedContent { body.classified }
}

public struct PlotVerification: ShapedJournalEvent, ClassifiedJournalEvent {
    public static let kind = JournalKind.plotVerification
    public let body: PlotVersionPayload
    public init(_ body: PlotVersionPayload) { self.body = body }
    public var classified: ClassifiedContent { body.classified }
}
