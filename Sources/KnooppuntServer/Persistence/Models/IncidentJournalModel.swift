import Fluent
import Foundation

/// Which journal events concern which incident: an index written with the event, so an incident's
/// logbook and live stream read only its own events.
final class IncidentJournalModel: Model, @unchecked Sendable {
    static let schema = "incident_journal"

    @ID(custom: "seq", generatedBy: .user) var id: Int64?
    @Field(key: "incident_id") var incidentID: UUID

    init() {}

    init(sequence: Int64, incidentID: UUID) {
        self.id = sequence
        self.incidentID = incidentID
    }
}
