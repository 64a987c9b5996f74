import Foundation
import KnooppuntCore
import KnooppuntInterop
import Vapor

// The federation's own wire types: what one node sends another about an incident (the fallback copy,
// the picture a national node asks for on a user's behalf). They start as the same fields as the
// application's views but are a separate contract between nodes of different versions: a change to
// the JSON API or the views does not change them, and a change to them is a change of the node
// protocol (decision 0012), made deliberately, here.

/// An incident as nodes exchange it.
struct WireIncident: Content {
    var id: UUID
    var reference: String
    var exercise: Bool
    var version: Int
    var title: String
    var category: IncidentCategory
    var location: JSONValue?
    var startedAt: Date
    var classification: CrisisClassification
    var vitalInterests: [VitalInterest]
    var grip: GRIPLevel
    var gripReason: String?
    var phase: IncidentPhase
    var involvedRegions: [RegionCode]
    var leadRegion: RegionCode
    var status: IncidentStatus
    var linkedPartners: [String]
    var updatedAt: Date
    var updatedBy: String
    var proposesInterregionalScaling: Bool
}

/// An entry as nodes exchange it.
struct WireEntry: Content {
    var id: UUID
    var version: Int
    var theme: Theme
    var text: String
    var source: String
    var observedAt: Date
    var priority: EntryPriority
    var location: JSONValue?
    var verification: VerificationStatus
    var verifiedBy: String?
    var verifiedAt: Date?
    var inSharedPicture: Bool
    var admittedBy: String?
    var admittedAt: Date?
    var classification: Classification
    var awaitingAdmission: Bool
    var onBehalfOf: String?
    var author: String
    var organisation: String
    var updatedAt: Date
    var overdue: Bool
}

/// A decision as nodes exchange it.
struct WireDecision: Content {
    var id: UUID
    var version: Int
    var team: CrisisTeam
    var text: String
    var decidedAt: Date
    var decidedBy: String
    var revoked: Bool
    var recordedBy: String
    var updatedAt: Date
}

/// An action as nodes exchange it.
struct WireAction: Content {
    var id: UUID
    var version: Int
    var text: String
    var owner: String
    var deadline: Date?
    var status: ActionStatus
    var decision: UUID?
    var overdue: Bool
    var updatedBy: String
    var updatedAt: Date
}

/// A conflict between two entries as nodes exchange it.
struct WireConflict: Content {
    var id: UUID
    var entries: [UUID]
    var note: String
    var markedBy: String
    var markedAt: Date
    var resolvedBy: String?
    var resolvedAt: Date?
    var resolution: String?
}

/// How current a theme is, as nodes exchange it.
struct WireThemeCurrency: Content {
    var theme: Theme
    var entries: Int
    var lastUpdated: Date?
    var overdueUnverified: Int
}

/// The picture of an incident at one moment, as a regional node gives it to the national node.
struct WirePicture: Content {
    var at: Date
    var incident: WireIncident
    var entries: [WireEntry]
    var conflicts: [WireConflict]
    var decisions: [WireDecision]
    var actions: [WireAction]
    var themes: [WireThemeCurrency]
    var lastUpdate: Date
    var stale: Bool
}

extension WireIncident {
    init(_ view: IncidentView) {
        self.init(id: view.id, reference: view.reference, exercise: view.exercise, version: view.version, title: view.title, category: view.category, location: view.location, startedAt: view.startedAt, classification: view.classification, vitalInterests: view.vitalInterests, grip: view.grip, gripReason: view.gripReason, phase: view.phase, involvedRegions: view.involvedRegions, leadRegion: view.leadRegion, status: view.status, linkedPartners: view.linkedPartners, updatedAt: view.updatedAt, updatedBy: view.updatedBy, proposesInterregionalScaling: view.proposesInterregionalScaling)
    }
}

extension WireEntry {
    init(_ view: EntryView) {
        self.init(id: view.id, version: view.version, theme: view.theme, text: view.text, source: view.source, observedAt: view.observedAt, priority: view.priority, location: view.location, verification: view.verification, verifiedBy: view.verifiedBy, verifiedAt: view.verifiedAt, inSharedPicture: view.inSharedPicture, admittedBy: view.admittedBy, admittedAt: view.admittedAt, classification: view.classification, awaitingAdmission: view.awaitingAdmission, onBehalfOf: view.onBehalfOf, author: view.author, organisation: view.organisation, updatedAt: view.updatedAt, overdue: view.overdue)
    }
}

extension WireDecision {
    init(_ view: DecisionView) {
        self.init(id: view.id, version: view.version, team: view.team, text: view.text, decidedAt: view.decidedAt, decidedBy: view.decidedBy, revoked: view.revoked, recordedBy: view.recordedBy, updatedAt: view.updatedAt)
    }
}

extension WireAction {
    init(_ view: ActionView) {
        self.init(id: view.id, version: view.version, text: view.text, owner: view.owner, deadline: view.deadline, status: view.status, decision: view.decision, overdue: view.overdue, updatedBy: view.updatedBy, updatedAt: view.updatedAt)
    }
}

extension WireConflict {
    init(_ view: ConflictView) {
        self.init(id: view.id, entries: view.entries, note: view.note, markedBy: view.markedBy, markedAt: view.markedAt, resolvedBy: view.resolvedBy, resolvedAt: view.resolvedAt, resolution: view.resolution)
    }
}

extension WireThemeCurrency {
    init(_ view: ThemeCurrencyView) {
        self.init(theme: view.theme, entries: view.entries, lastUpdated: view.lastUpdated, overdueUnverified: view.overdueUnverified)
    }
}

extension WirePicture {
    init(_ view: PictureView) {
        self.init(at: view.at, incident: WireIncident(view.incident), entries: view.entries.map(WireEntry.init), conflicts: view.conflicts.map(WireConflict.init), decisions: view.decisions.map(WireDecision.init), actions: view.actions.map(WireAction.init), themes: view.themes.map(WireThemeCurrency.init), lastUpdate: view.lastUpdate, stale: view.stale)
    }
}
