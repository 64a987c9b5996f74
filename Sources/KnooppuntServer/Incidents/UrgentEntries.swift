import Fluent
import Foundation
import KnooppuntCore
import Vapor

/// An urgent entry (priority spoed or hoog) someone acknowledged (decision 0022).
final class EntryAcknowledgementModel: Model, @unchecked Sendable {
    static let schema = "entry_acknowledgements"

    @ID(key: .id) var id: UUID?
    @Field(key: "incident_id") var incidentID: UUID
    @Field(key: "entry_id") var entryID: UUID
    /// The entry's version when it was acknowledged.
    @Field(key: "entry_version") var entryVersion: Int
    @Field(key: "acknowledged_at_us") var acknowledgedAt: Int64
    @Field(key: "acknowledged_by") var acknowledgedBy: String
    /// The person's name as it was then, for pages (no usernames where a person reads).
    @Field(key: "acknowledged_by_name") var acknowledgedByName: String

    init() {}
}

/// An acknowledgement as the API and the pages show it.
struct AcknowledgementView: Content, Equatable {
    var entry: UUID
    var acknowledgedAt: Date
    var acknowledgedBy: String

    init(_ model: EntryAcknowledgementModel) {
        entry = model.entryID
        acknowledgedAt = Microseconds.date(model.acknowledgedAt)
        acknowledgedBy = model.acknowledgedByName
    }
}

/// The urgent entries of an incident a reader sees, the unacknowledged ones first.
struct UrgentEntriesView: Content {
    /// Urgent entries the reader sees that nobody acknowledged yet.
    var unacknowledged: Int
    var entries: [UrgentEntryView]
}

struct UrgentEntryView: Content {
    var entry: UUID
    var priority: EntryPriority
    var text: String
    var theme: Theme
    var observedAt: Date
    var acknowledgement: AcknowledgementView?
}

enum UrgentEntries {
    /// Spoed and hoog ask for attention; laag and normaal do not.
    static func isUrgent(_ priority: EntryPriority) -> Bool { priority == .spoed || priority == .hoog }

    /// The acknowledgements of an incident, by entry.
    static func acknowledgements(in incident: UUID, on db: Database) async throws -> [UUID: AcknowledgementView] {
        let rows = try await EntryAcknowledgementModel.query(on: db).filter(\.$incidentID == incident).all()
        return Dictionary(rows.map { ($0.entryID, AcknowledgementView($0)) }, uniquingKeysWith: { first, _ in first })
    }

    /// The urgent entries among `entries` (already filtered to what the reader sees): unacknowledged first,
    /// spoed before hoog, newest first.
    static func view(_ entries: [EntryView], acknowledgements: [UUID: AcknowledgementView]) -> UrgentEntriesView {
        let urgent = entries.filter { isUrgent($0.priority) && $0.verification != .withdrawn }.map {
            UrgentEntryView(entry: $0.id, priority: $0.priority, text: $0.text, theme: $0.theme, observedAt: $0.observedAt,
                            acknowledgement: acknowledgements[$0.id])
        }.sorted { lhs, rhs in
            if (lhs.acknowledgement == nil) != (rhs.acknowledgement == nil) { return lhs.acknowledgement == nil }
            if lhs.priority != rhs.priority { return lhs.priority == .spoed }
            return lhs.observedAt > rhs.observedAt
        }
        return UrgentEntriesView(unacknowledged: urgent.filter { $0.acknowledgement == nil }.count, entries: urgent)
    }
}

extension IncidentCommands {
    /// The urgent entries of the incident the user sees (a partner never sees, nor counts, others).
    func urgentEntries(in id: UUID) async throws -> UrgentEntriesView {
        let target = try await open(id, for: .read)
        let reader = try await AccessService.reader(user.subject, incident: id, scope: target.scope, at: now, on: db)
        let current = try await EntryVersionModel.query(on: db).filter(\.$incidentID == id).filter(\.$validTo == nil).all()
        // The urgent banner belongs to the whole picture: a limited read scope sees none (decision 0027 §7).
        guard reader.scope.isWhole else { return UrgentEntries.view([], acknowledgements: [:]) }
        let visible = try current.filter { reader.sees($0) }.map { try EntryView($0) }
        return UrgentEntries.view(visible, acknowledgements: try await UrgentEntries.acknowledgements(in: id, on: db))
    }

    /// Acknowledges an urgent entry: it leaves the urgent banner on every open page of the incident.
    /// Who may: the region's own staff working in the picture (may add entries, not a partner) who see the
    /// entry; a reader who does not see it learns nothing (404). Decision 0022.
    func acknowledgeEntry(_ entryID: UUID, in id: UUID) async throws -> AcknowledgementView {
        let target = try await open(id, for: .read)
        let now = self.now
        let reader = try await AccessService.reader(user.subject, incident: id, scope: target.scope, at: now, on: db)
        guard let current = try await EntryVersionModel.query(on: db).filter(\.$entryID == entryID)
            .filter(\.$incidentID == id).filter(\.$validTo == nil).first(), reader.sees(current)
        else { throw Problem.notFound("no entry with id \(entryID) in this incident") }
        if user.subject.isPartner {
            throw Problem.forbidden("only the staff of an involved region acknowledge urgent entries")
        }
        _ = try await open(id, for: .addEntry)
        let priority = EntryPriority(rawValue: current.priority) ?? .normaal
        guard UrgentEntries.isUrgent(priority) else {
            throw Problem.invalid("only entries with priority spoed or hoog are acknowledged", field: "entry")
        }
        let author = user.author
        let name = user.displayName
        return try await context.write(on: db) { db in
            guard try await EntryAcknowledgementModel.query(on: db).filter(\.$entryID == entryID).first() == nil else {
                throw Problem.conflict("the entry is acknowledged already")
            }
            let row = EntryAcknowledgementModel()
            row.incidentID = id
            row.entryID = entryID
            row.entryVersion = current.version
            row.acknowledgedAt = Microseconds.from(now)
            row.acknowledgedBy = author.username
            row.acknowledgedByName = name
            try await row.create(on: db)
            try await Journal.append(
                EntryAcknowledged(EntryAcknowledgementPayload(
                    incident: id, entry: entryID, version: current.version, priority: current.priority,
                    classification: current.classification, awaitingAdmission: current.awaitingAdmission,
                    authorOrganisation: current.authorOrganisation)),
                on: db, actor: author.username, organisation: author.organisation, incident: id)
            return AcknowledgementView(row)
        }
    }
}
