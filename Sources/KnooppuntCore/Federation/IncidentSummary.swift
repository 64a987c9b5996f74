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
    /// Key figures at the time of the summary, counting only what the national node may read.
    public var figures: KeyFigures?

    public struct KeyFigures: Sendable, Equatable, Codable {
        /// Entries in the shared picture (not contradicted).
        public var entries: Int
        public var verifiedEntries: Int
        /// Decisions in force (not revoked).
        public var decisions: Int
        /// Actions open or in progress.
        public var openActions: Int
        public var partners: Int

        public init(entries: Int, verifiedEntries: Int, decisions: Int, openActions: Int, partners: Int) {
            self.entries = entries
            self.verifiedEntries = verifiedEntries
            self.decisions = decisions
            self.openActions = openActions
            self.partners = partners
        }
    }

    public init(incident: UUID, reference: String, state: IncidentState, updatedAt: Date, figures: KeyFigures? = nil) {
        self.incident = incident
        self.reference = reference
        title = state.title
        category = state.category
        grip = state.grip
        phase = state.phase.current
        status = state.status
        leadRegion = state.leadRegion
        involvedRegions = state.involvedRegions
        location = state.location
        startedAt = state.startedAt
        self.updatedAt = updatedAt
        self.figures = figures
    }
}
