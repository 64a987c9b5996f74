import Fluent
import Foundation
import KnooppuntCore
import KnooppuntInterop
import Vapor

/// An entry as a regional node shares it with the national node; `withdrawn` when it is no longer shared.
struct SharedEntry: Content, Equatable {
    var incident: UUID
    var entry: UUID
    var version: Int
    var theme: String
    var text: String
    var source: String
    var observedAt: Date
    var verification: String
    var classification: String
    var updatedAt: Date
    var sharedBy: String
    var withdrawn: Bool
}

/// An issued SitRap as a regional node shares it with the national node: its composed content and map.
struct SharedSitRap: Content, Equatable {
    var incident: UUID
    var sitrap: UUID
    var number: Int
    var classification: String
    var issuedAt: Date
    /// The SitRap as JSON, as the source stored it.
    var content: String
    var map: String?
}

/// Upward sharing beyond summaries: entries the region marks for national sharing (and every later
/// version of them) and issued SitRaps, both only up to the national node's reading level (internal)
/// and never for exercises. Queued in the write that causes them, like summaries.
enum NationalSharing {
    static let entryKind = "entry-shared"
    static let sitrapKind = "sitrap-shared"

    /// Follows the picture: a new version of a marked entry, and every issued SitRap, go up.
    struct Reactor: JournalReactor {
        func subscribe(to journal: inout JournalReactions) {
            journal.on([EntryUpdated.self, EntryVerification.self, EntryAdmission.self]) { entry, reaction in
                try await NationalSharing.entryChanged(
                    entry.entry, version: entry.version, context: reaction.context, on: reaction.db)
            }
            journal.on(SitRapIssued.self) { sitrap, reaction in
                guard
                    let model = try await SitRapModel.query(on: reaction.db).filter(\.$incidentID == sitrap.incident)
                        .filter(\.$number == sitrap.number).first(),
                    let incident = try await IncidentModel.read(sitrap.incident, on: reaction.db)
                else { return }
                try await NationalSharing.sitrapIssued(
                    model, exercise: incident.exercise, context: reaction.context, on: reaction.db)
            }
        }
    }

    /// The national peers a regional node shares with; empty on other nodes.
    static func nationalPeers(_ context: KnooppuntContext, on db: Database) async throws -> [NodePeerModel] {
        guard case .region = context.configuration.role else { return [] }
        return try await NodePeerModel.query(on: db).filter(\.$role == "national").all()
    }

    /// Why an entry version may not go to the national node, or nil when it may.
    static func refusal(_ version: EntryVersionModel) -> String? {
        if (Classification(rawValue: version.classification) ?? .confidential) > AccessPolicy.nationalCeiling {
            return "the entry is \(version.classification); the national node reads up to internal"
        }
        if version.theme != Theme.algemeen.description && version.admittedAt == nil {
            return "the entry is not in the shared picture; admit it first"
        }
        return nil
    }

    private static func message(_ version: EntryVersionModel, sharedBy: String, withdrawn: Bool) -> SharedEntry {
        SharedEntry(
            incident: version.incidentID, entry: version.entryID, version: version.version, theme: version.theme, text: withdrawn ? "" : version.text,
            source: withdrawn ? "" : version.source, observedAt: Microseconds.date(version.observedAt), verification: version.verification,
            classification: version.classification, updatedAt: Microseconds.date(version.validFrom), sharedBy: sharedBy, withdrawn: withdrawn)
    }

    private static func queue(_ kind: String, _ body: some Encodable, to peers: [NodePeerModel], at now: Date, on db: Database) async throws {
        let data = Data(try CanonicalJSON.encode(body).utf8)
        for peer in peers {
            _ = try await FederationOutbox.enqueue(kind: kind, body: data, to: peer.name, on: db, at: now)
        }
    }

    /// Marks (or unmarks) an entry for national sharing and queues it (or its withdrawal).
    static func mark(_ shared: Bool, entry entryID: UUID, incident incidentID: UUID, by author: PictureStore.Author,
                     context: KnooppuntContext, on db: Database) async throws -> NationalShareModel? {
        let now = context.clock.now()
        return try await context.write(on: db) { db in
            let peers = try await nationalPeers(context, on: db)
            guard !peers.isEmpty else {
                throw Problem.conflict("this node shares nothing nationally: it is not a regional node with a trusted national node")
            }
            guard let incident = try await IncidentModel.read(incidentID, on: db), !incident.exercise else {
                throw Problem.conflict("exercises are not shared with the national node")
            }
            guard let current = try await EntryVersionModel.query(on: db).filter(\.$entryID == entryID)
                .filter(\.$incidentID == incidentID).filter(\.$validTo == nil).first()
            else { throw Problem.notFound("no entry with id \(entryID) in this incident") }
            let existing = try await NationalShareModel.query(on: db).filter(\.$entryID == entryID).first()
            if shared {
                if let reason = refusal(current) { throw Problem.invalid("not shared nationally: \(reason)", field: "entry") }
                guard existing == nil else { throw Problem.conflict("the entry is shared with the national node already") }
                let row = NationalShareModel()
                row.incidentID = incidentID
                row.entryID = entryID
                row.sharedAt = Microseconds.from(now)
                row.sharedBy = author.username
                try await row.create(on: db)
                try await queue(entryKind, message(current, sharedBy: author.username, withdrawn: false), to: peers, at: now, on: db)
            } else {
                guard let existing else { throw Problem.conflict("the entry is not shared with the national node") }
                try await existing.delete(on: db)
                try await queue(entryKind, message(current, sharedBy: author.username, withdrawn: true), to: peers, at: now, on: db)
            }
            let sharing = EntrySharingPayload(
                incident: incidentID, entry: entryID, version: current.version, nodes: peers.map(\.name))
            let event: any JournalEvent = shared ? EntrySharedNationally(sharing) : EntryUnsharedNationally(sharing)
            try await Journal.append(
                event, on: db, actor: author.username, organisation: author.organisation, incident: incidentID)
            return shared ? try await NationalShareModel.query(on: db).filter(\.$entryID == entryID).first() : nil
        }
    }

    /// Inside the write that made a new version of an entry: a marked entry sends the new version, or
    /// its withdrawal when it no longer qualifies (and is then unmarked).
    static func entryChanged(_ entryID: UUID, version number: Int, context: KnooppuntContext, on db: Database) async throws {
        guard let mark = try await NationalShareModel.query(on: db).filter(\.$entryID == entryID).first() else { return }
        let peers = try await nationalPeers(context, on: db)
        guard !peers.isEmpty,
            let version = try await EntryVersionModel.query(on: db).filter(\.$entryID == entryID)
                .filter(\.$version == number).first()
        else { return }
        let withdrawn = refusal(version) != nil || version.verification == VerificationStatus.contradicted.rawValue
        if withdrawn { try await mark.delete(on: db) }
        try await queue(entryKind, message(version, sharedBy: mark.sharedBy, withdrawn: withdrawn), to: peers,
                        at: Microseconds.date(version.validFrom), on: db)
    }

    /// Inside the write that issued a SitRap: it goes up when the national node may read it.
    /// The incident's summary goes along, so its key figures are those of the SitRap's moment of issue.
    static func sitrapIssued(_ model: SitRapModel, exercise: Bool, context: KnooppuntContext, on db: Database) async throws {
        let peers = try await nationalPeers(context, on: db)
        guard !exercise, !peers.isEmpty else { return }
        let state = try PictureStore.decodeState(try await PictureStore.currentIncidentVersion(model.incidentID, on: db))
        try await NationalPicture.share(model.incidentID, state: state, at: model.issuedAt, context: context, on: db)
        guard (Classification(rawValue: model.classification) ?? .confidential) <= AccessPolicy.nationalCeiling else { return }
        let body = SharedSitRap(
            incident: model.incidentID, sitrap: try model.requireID(), number: model.number, classification: model.classification,
            issuedAt: Microseconds.date(model.issuedAt), content: model.content, map: model.map)
        try await queue(sitrapKind, body, to: peers, at: Microseconds.date(model.issuedAt), on: db)
    }

    /// The entries marked for national sharing in an incident (regional side).
    static func marked(in incidentID: UUID, on db: Database) async throws -> Set<UUID> {
        Set(try await NationalShareModel.query(on: db).filter(\.$incidentID == incidentID).all().map(\.entryID))
    }

    // MARK: National side

    /// Inside the inbox transaction: keeps the newest shared version of an entry, drops a withdrawn one,
    /// and keeps every shared SitRap.
    static func apply(kind: String, body: Data, from node: String, at: Int64, on db: Database) async throws {
        let text = String(decoding: body, as: UTF8.self)
        let incident: UUID, item: UUID, itemAt: Date
        switch kind {
        case entryKind:
            let entry = try CanonicalJSON.decode(SharedEntry.self, from: text)
            if entry.withdrawn {
                try await NationalItemModel.query(on: db).filter(\.$sourceNode == node).filter(\.$kind == "entry")
                    .filter(\.$itemID == entry.entry).delete()
                return
            }
            (incident, item, itemAt) = (entry.incident, entry.entry, entry.updatedAt)
        default:
            let sitrap = try CanonicalJSON.decode(SharedSitRap.self, from: text)
            // Kept only when it can be shown: the composed report and its map must read.
            _ = try CanonicalJSON.decode(SitRap.self, from: sitrap.content)
            _ = try sitrap.map.map { try CanonicalJSON.decode(SitRapMap.self, from: $0) }
            (incident, item, itemAt) = (sitrap.incident, sitrap.sitrap, sitrap.issuedAt)
        }
        let itemKind = kind == entryKind ? "entry" : "sitrap"
        let row = try await NationalItemModel.query(on: db).filter(\.$sourceNode == node).filter(\.$kind == itemKind)
            .filter(\.$itemID == item).first() ?? NationalItemModel()
        row.sourceNode = node
        row.sourceIncident = incident
        row.kind = itemKind
        row.itemID = item
        row.body = text
        row.itemAt = Microseconds.from(itemAt)
        row.receivedAt = at
        try await row.save(on: db)
    }
}

