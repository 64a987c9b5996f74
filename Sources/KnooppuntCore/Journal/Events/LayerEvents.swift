import Foundation

/// A map layer an organisation keeps, as events name it.
public struct LayerPayload: Codable, Sendable, Equatable {
    public var layer: UUID
    public var name: String
    public var owner: String

    public init(layer: UUID, name: String, owner: String) {
        self.layer = layer
        self.name = name
        self.owner = owner
    }
}

public struct LayerUploaded: ShapedJournalEvent {
    public static let kind = JournalKind.layerUploaded
    public let body: LayerPayload
    public init(_ body: LayerPayload) { self.body = body }
}

public struct LayerReplaced: ShapedJournalEvent {
    public static let kind = JournalKind.layerReplaced
    public let body: LayerPayload
    public init(_ body: LayerPayload) { self.body = body }
}

public struct LayerDeleted: ShapedJournalEvent {
    public static let kind = JournalKind.layerDeleted
    public let body: LayerPayload
    public init(_ body: LayerPayload) { self.body = body }
}
