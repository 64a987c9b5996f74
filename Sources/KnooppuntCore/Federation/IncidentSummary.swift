import Foundation

/// What a regional node shares upward about an incident for the national picture: enough to place it
/// on the national map and list; details stay at the source ("data blijft bij de bron").
public struct IncidentSummary: Sendable, Equatable, Codable {
    public var incident: UUID
    public var reference: String
    public var title: String
    public var category: IncidentCategory
    public var grip: GRIPLevel
    public var phase: IncidentPhase
    public var status: IncidentStatus
    public var leadRegion: RegionCode
    public var involvedRegions: [RegionCode]
    /// GeoJSON geometry text, when known.
    public var location: String?
    public var startedAt: Date
    /// When the source changed it last.
    public var updatedAt: Date

    public init(incident: UUID, reference: String, state: IncidentState, updatedAt: Date) {
        self.incident = incident
        self.reference = reference
        title = state.title
        category = state.category
        grip = state.grip
        phase = state.phase
        status = state.status
        leadRegion = state.leadRegion
        involvedRegions = state.involvedRegions
        location = state.location
        startedAt = state.startedAt
        self.updatedAt = updatedAt
    }
}
