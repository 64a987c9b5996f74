import Fluent
import Foundation
import KnooppuntCore
import Vapor

/// The fallback picture (decision 0017): a regional node keeps the national node supplied with the
/// latest picture and SitRap of each of its open incidents, as the region itself sees it up to internal,
/// so that the region's emergency accounts can read and print it there while the region's own node is down.
///
/// Coalesced through a dirty flag: the write that changes an incident marks it (one row, in the same
/// transaction, so the obligation to send survives a crash with the change), and the outbox pass queues
/// the current copy for every marked incident whose previous copy no longer waits in the outbox. At most
/// one fallback message per incident and peer waits; a burst of writes, or a national node that is down
/// for hours, costs one message per incident.
enum FallbackPicture {
    static let kind = "fallback-picture"
    /// Confidential information never leaves the region, not even for its own emergency account.
    static let ceiling: Classification = AccessPolicy.nationalCeiling

    /// The latest SitRap at internal or lower: its number, title, time and summary.
    struct SitRapLine: Content, Equatable {
        var number: Int
        var title: String
        var summary: String
        var issuedAt: Date
        var issuedBy: String
        var moment: Date
        var classification: Classification
    }

    /// What the copy shows: the incident, its entries per theme as the region sees them (up to internal),
    /// decisions, open actions and the latest SitRap.
    struct Picture: Content {
        var incident: WireIncident
        var entries: [WireEntry]
        var decisions: [WireDecision]
        var openActions: [WireAction]
        var sitrap: SitRapLine?
        var ceiling: Classification
    }

    /// The message body: a copy, or its withdrawal when the incident is closed or archived.
    struct Copy: Content {
        var incident: UUID
        var region: RegionCode
        var withdrawn: Bool
        var composedAt: Date
        var picture: Picture?
    }

    /// Journal kinds that change what the copy shows.
    static func changesPicture(_ kind: String) -> Bool {
        ["incident.", "entry.", "decision.", "action."].contains { kind.hasPrefix($0) } || kind == "sitrap.issued"
    }

    // MARK: Regional side

    /// Follows every write on a regional node: once per write, after its last change, so a burst of
    /// events costs one mark per incident.
    struct Reactor: JournalReactor {
        func subscribe(to journal: inout JournalReactions) {
            journal.afterEachWrite { events, context, db in
                guard case .region = context.configuration.role else { return }
                try await FallbackPicture.noteChanges(events, context: context, on: db)
            }
        }
    }

    /// Inside every write on a regional node: marks the real incidents the write changed, for each
    /// national peer.
    static func noteChanges(_ events: [(JournalRecord, UUID?)], context: KnooppuntContext, on db: Database) async throws {
        let incidents = Set(events.compactMap { record, incident in changesPicture(record.kind) ? incident : nil })
        guard !incidents.isEmpty else { return }
        let peers = try await NodePeerModel.query(on: db).filter(\.$role == "national").all().map(\.name)
        guard !peers.isEmpty else { return }
        let now = Microseconds.from(context.clock.now())
        for incident in incidents {
            guard let model = try await IncidentModel.read(incident, on: db), !model.exercise else { continue }
            for peer in peers {
                let row = try await FallbackQueueModel.query(on: db).filter(\.$incidentID == incident).filter(\.$peer == peer).first()
                    ?? FallbackQueueModel()
                if row.id == nil {
                    row.incidentID = incident
                    row.peer = peer
                    row.withdrawn = false
                }
                row.dirty = true
                row.changedAt = now
                try await row.save(on: db)
                // The next outbox pass queues the copy: right after this write commits.
                Journal.appended?.wakeOutboxAfterCommit()
            }
        }
    }

    /// Whether the last copy queued for this row still waits in the outbox.
    private static func waiting(_ row: FallbackQueueModel, on db: Database) async throws -> Bool {
        guard let message = row.messageID else { return false }
        return try await NodeOutboxModel.query(on: db).filter(\.$peer == row.peer).filter(\.$messageID == message)
            .filter(\.$deliveredAt == nil).count() > 0
    }

    /// Queues the current copy (or withdrawal) of every marked incident whose previous copy was delivered.
    /// Runs before each outbox pass in `serve`. Returns how many messages it queued.
    @discardableResult
    static func queueDue(context: KnooppuntContext, on db: Database) async throws -> Int {
        guard case .region(let region) = context.configuration.role else { return 0 }
        var queued = 0
        for candidate in try await FallbackQueueModel.query(on: db).filter(\.$dirty == true).all() {
            if try await waiting(candidate, on: db) { continue }
            let id = try candidate.requireID()
            let sent = try await context.write(on: db) { db -> Bool in
                guard let row = try await FallbackQueueModel.find(id, on: db), row.dirty, try await !waiting(row, on: db) else { return false }
                let now = context.clock.now()
                guard try await NodePeerModel.query(on: db).filter(\.$name == row.peer).count() > 0,
                      let copy = try await compose(row.incidentID, region: region, at: now, context: context, on: db)
                else {
                    // The peer is no longer trusted, or the incident is an exercise or gone: nothing to send.
                    try await row.delete(on: db)
                    return false
                }
                if copy.withdrawn && row.withdrawn {
                    row.dirty = false
                    try await row.update(on: db)
                    return false
                }
                let sequence = try await FederationOutbox.enqueue(
                    kind: kind, body: Data(try CanonicalJSON.encode(copy).utf8), to: row.peer, on: db, at: now)
                row.messageID = try await NodeOutboxModel.query(on: db).filter(\.$peer == row.peer).filter(\.$sequence == sequence)
                    .first()?.messageID
                row.dirty = false
                row.withdrawn = copy.withdrawn
                try await row.update(on: db)
                return true
            }
            if sent { queued += 1 }
        }
        return queued
    }

    /// The incident's copy now, as the region sees it up to internal; a withdrawal when it is no longer
    /// open; nil for an exercise or an unknown incident.
    static func compose(_ incidentID: UUID, region: RegionCode, at now: Date, context: KnooppuntContext, on db: Database) async throws
        -> Copy?
    {
        guard let incident = try await IncidentModel.read(incidentID, on: db), !incident.exercise else { return nil }
        let version = try await PictureStore.currentIncidentVersion(incidentID, on: db)
        let state = try PictureStore.decodeState(version)
        guard state.status == .open else {
            return Copy(incident: incidentID, region: region, withdrawn: true, composedAt: now, picture: nil)
        }
        let instant = Microseconds.from(now)
        // The region's own view (its staff see entries awaiting admission too), capped at internal.
        let reader = EntryReader(organisation: region.rawValue, isRegion: true, isPartner: false, ceiling: ceiling)
        let entries = try await EntryVersionModel.query(on: db).filter(\.$incidentID == incidentID).filter(\.$validTo == nil)
            .sort(\.$validFrom).sort(\.$observedAt).all().filter(reader.sees)
            .map { try EntryView($0, currency: context.configuration.currency, now: now) }
        let records = RecordStore(db: db, context: context)
        let decisions = try await records.records(.decision, of: incidentID, at: instant).map(DecisionView.init)
            .filter { !$0.revoked }.sorted { $0.decidedAt < $1.decidedAt }
        let actions = try await records.records(.action, of: incidentID, at: instant).map { try ActionView($0, now: now) }
            .filter { $0.status == .open || $0.status == .bezig }
        let sitrap = try await SitRapModel.query(on: db).filter(\.$incidentID == incidentID)
            .filter(\.$classification ~~ Classification.allCases.filter { $0 <= ceiling }.map(\.rawValue))
            .sort(\.$number, .descending).first()
            .map { model -> SitRapLine in
                let report = try model.report()
                return SitRapLine(
                    number: model.number, title: report.situation.title, summary: report.summary,
                    issuedAt: Microseconds.date(model.issuedAt), issuedBy: model.issuedBy, moment: Microseconds.date(model.moment),
                    classification: report.classification)
            }
        let picture = Picture(
            incident: WireIncident(try IncidentView(incident, version)), entries: entries.map(WireEntry.init),
            decisions: decisions.map(WireDecision.init), openActions: actions.map(WireAction.init),
            sitrap: sitrap, ceiling: ceiling)
        return Copy(incident: incidentID, region: region, withdrawn: false, composedAt: now, picture: picture)
    }

    // MARK: National side

    /// Inside the inbox transaction on the national node: keeps the newest copy per (source node,
    /// incident), drops it on a withdrawal. A copy is kept only for the region whose node sent it (a
    /// regional node is named after its region, decision 0012), so one region cannot fill another's.
    static func apply(_ body: Data, from node: String, at: Int64, on db: Database) async throws {
        let copy = try CanonicalJSON.decode(Copy.self, from: String(decoding: body, as: UTF8.self))
        guard copy.region.rawValue.lowercased() == node else {
            try await Journal.append(
                FallbackRefused(
                    node: node, incident: copy.incident,
                    reason: "node '\(node)' sent a fallback copy for \(copy.region); a node keeps copies for its own region only"),
                on: db, actor: "node:\(node)", organisation: "federation")
            return
        }
        let existing = try await FallbackPictureModel.query(on: db).filter(\.$sourceNode == node)
            .filter(\.$sourceIncident == copy.incident).first()
        guard !copy.withdrawn, let picture = copy.picture else {
            try await existing?.delete(on: db)
            return
        }
        let composedAt = Microseconds.from(copy.composedAt)
        if let existing, existing.pictureAt > composedAt { return }
        let row = existing ?? FallbackPictureModel()
        row.sourceNode = node
        row.sourceIncident = copy.incident
        row.region = copy.region.rawValue
        row.reference = picture.incident.reference
        row.title = picture.incident.title
        row.grip = picture.incident.grip.rawValue
        row.phase = picture.incident.phase.rawValue
        row.body = try CanonicalJSON.encode(picture)
        row.pictureAt = composedAt
        row.receivedAt = at
        try await row.save(on: db)
    }

    static func picture(_ row: FallbackPictureModel) throws -> Picture {
        try CanonicalJSON.decode(Picture.self, from: row.body)
    }
}
