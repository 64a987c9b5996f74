import Fluent
import Foundation
import KnooppuntCore
import Vapor

/// One journal event as a live stream sends it.
struct LiveEvent: Sendable, Equatable {
    let sequence: Int64
    let kind: String
    /// `{"seq":…,"kind":…,"at":…,"actor":…,"organisation":…,"payload":{…}}`
    let data: String

    /// The capacity stream's signal that the registry or a request changed (not a journal kind).
    static let capacityChanged = "capacity.changed"

    /// The Server-Sent Events frame: `id:` is the journal sequence, so `Last-Event-ID` resumes exactly.
    var frame: String { "id: \(sequence)\nevent: \(kind)\ndata: \(data)\n\n" }
}

/// Which journal events a subscriber receives, and in what order. Shared by the SSE endpoints and the
/// tests, so that "resume after N" means the same everywhere.
struct LiveSelection: Sendable {
    enum Scope: Sendable {
        /// Everything about one incident.
        case incident(UUID)
        /// Changes to the incidents the subject may read (real ones, or exercises).
        case incidentList(exercise: Bool)
        /// A standby partner's monitoring list: that a monitored incident or the partner's own link
        /// changed, without any content.
        case monitoring(exercise: Bool)
        /// That the capacity registry or an assistance request changed: sequence and kind only; pages
        /// fetch what changed through the API, where the capacity policy decides.
        case capacity
        /// That meldkamer messages came in or a proposal was handled in one of these regions: sequence, kind
        /// and regions only; pages fetch the proposals through the API, where `MeldkamerPolicy` decides.
        case meldkamer(regions: Set<RegionCode>)
    }

    let subject: Subject
    let scope: Scope
    /// The session or token the stream was opened with; the stream ends when it stops being valid.
    var credential: UUID? = nil
    /// The time access is judged at (the node's clock).
    var now: @Sendable () -> Date = { Date() }

    /// Whether the subscriber may read an incident, and until when that holds at the latest.
    struct Seen: Sendable {
        let allowed: Bool
        let until: Date?
        /// Which entries and access events of the incident the subscriber sees.
        var reader: EntryReader? = nil
    }

    /// Per stream: whether the subscriber may read an incident, until that incident or its access
    /// changes, or the grant it rests on ends.
    typealias Visibility = [UUID: Seen]

    /// Events after `cursor` this subscriber may see, at most `limit`, oldest first, and the new
    /// cursor (the last journal sequence looked at, sent or not). With a hub, caught-up streams read
    /// the recent events from memory; otherwise, and for gaps, from the journal.
    func events(
        after cursor: Int64, on db: Database, hub: LiveHub? = nil, visibility: inout Visibility, limit: Int = 500
    ) async throws -> (events: [LiveEvent], cursor: Int64) {
        if case .capacity = scope {
            let rows = try await JournalEventModel.query(on: db).filter(\.$id > cursor).sort(\.$id).limit(limit).all()
            let events = rows.filter { $0.kind.hasPrefix("capacity.") || $0.kind.hasPrefix("assistance.") }.compactMap { row in
                row.id.map { LiveEvent(sequence: $0, kind: LiveEvent.capacityChanged, data: #"{"seq":\#($0),"kind":"\#(row.kind)"}"#) }
            }
            return (events, max(rows.last?.id ?? cursor, cursor))
        }
        if case .meldkamer(let regions) = scope {
            let rows = try await JournalEventModel.query(on: db).filter(\.$id > cursor).sort(\.$id).limit(limit).all()
            let visible = Set(regions.map(\.rawValue))
            let events = rows.filter { $0.kind.hasPrefix("meldkamer.") && $0.kind != JournalKind.meldkamerThemeTakenOver.rawValue }
                .compactMap { row -> LiveEvent? in
                    struct Regions: Decodable { var regions: [String] }
                    guard let id = row.id, let named = try? JSONDecoder().decode(Regions.self, from: Data(row.payload.utf8)).regions
                    else { return nil }
                    let shown = named.filter(visible.contains)
                    guard !shown.isEmpty else { return nil }
                    let list = shown.map { "\"\($0)\"" }.joined(separator: ",")
                    return LiveEvent(sequence: id, kind: row.kind, data: #"{"seq":\#(id),"kind":"\#(row.kind)","regions":[\#(list)]}"#)
                }
            return (events, max(rows.last?.id ?? cursor, cursor))
        }
        var candidates: [(record: JournalRecord, incident: UUID, data: String?)]
        let reached: Int64
        if let hub, let recent = hub.recent(after: cursor, limit: limit) {
            candidates = recent.events.map { ($0.record, $0.incident, $0.data) }
            reached = recent.newest
        } else {
            // Everything the hub has handed over is committed: a read that is not cut off by the limit
            // covers at least that far, even when the last events concern no incident.
            let known = hub?.newest ?? cursor
            let rows = try await Self.incidentEvents(after: cursor, scope: scope, on: db, limit: limit)
            candidates = rows.map { ($0.0.record, $0.1, nil) }
            reached = rows.count == limit ? (rows.last?.0.id ?? cursor) : max(rows.last?.0.id ?? cursor, known)
        }
        if case .incident(let wanted) = scope {
            candidates = candidates.filter { $0.incident == wanted }
        }
        var events: [LiveEvent] = []
        for (record, incident, data) in candidates {
            if record.kind.hasPrefix("incident.") || record.kind.hasPrefix("access.") { visibility[incident] = nil }
            if let seen = visibility[incident], let until = seen.until, now() >= until { visibility[incident] = nil }
            if visibility[incident] == nil {
                visibility[incident] = try await mayRead(incident, on: db)
            }
            guard let seen = visibility[incident], seen.allowed, seen.reader?.sees(record) ?? true else { continue }
            if case .monitoring = scope {
                guard record.kind.hasPrefix("incident.") || record.kind.hasPrefix("access.") || record.kind.hasPrefix("alert.")
                else { continue }
                events.append(LiveEvent(sequence: record.sequence, kind: record.kind, data: #"{"incident":"\#(incident)","seq":\#(record.sequence)}"#))
                continue
            }
            events.append(LiveEvent(sequence: record.sequence, kind: record.kind, data: data ?? Self.data(record)))
        }
        return (events, max(reached, cursor))
    }

    /// Whether streams of this scope follow incident events as the hub offers them; capacity and meldkamer
    /// streams read the journal themselves when a batch holds a kind they want.
    var followsIncidents: Bool {
        switch scope {
        case .incident, .incidentList, .monitoring: true
        case .capacity, .meldkamer: false
        }
    }

    /// For capacity and meldkamer streams: whether an event of this kind may concern them.
    func wants(_ kind: String) -> Bool {
        switch scope {
        case .capacity: kind.hasPrefix("capacity.") || kind.hasPrefix("assistance.")
        case .meldkamer: kind.hasPrefix("meldkamer.")
        case .incident, .incidentList, .monitoring: true
        }
    }

    enum Decision {
        /// Not for this stream.
        case skip
        /// Write these bytes.
        case send(ByteBuffer)
        /// Needs the database (an access change, an incident not judged yet, a grant that ran out).
        case unsure
    }

    /// What a following stream does with an event the hub offers, judged from what it already knows;
    /// the same answer `events(after:…)` gives, without a database read (decision 0035).
    func decide(_ event: LiveHub.Prepared, visibility: Visibility, now: Date) -> Decision {
        let incident = event.incident
        if case .incident(let wanted) = scope, incident != wanted { return .skip }
        if event.changesAccess { return .unsure }
        guard let seen = visibility[incident] else { return .unsure }
        if let until = seen.until, now >= until { return .unsure }
        guard seen.allowed, seen.reader?.sees(event.facts, organisation: event.record.organisation) ?? true else { return .skip }
        if case .monitoring = scope {
            guard event.isAlert else { return .skip }
            let data = #"{"incident":"\#(incident)","seq":\#(event.record.sequence)}"#
            return .send(ByteBuffer(string: LiveEvent(sequence: event.record.sequence, kind: event.record.kind, data: data).frame))
        }
        return .send(event.frame)
    }

    /// The same without a cache, for one-off reads.
    func events(after cursor: Int64, on db: Database, limit: Int = 500) async throws -> (events: [LiveEvent], cursor: Int64) {
        var visibility = Visibility()
        return try await events(after: cursor, on: db, visibility: &visibility, limit: limit)
    }

    /// Journal events that concern an incident (one, or any), with the incident they concern.
    static func incidentEvents(after cursor: Int64, scope: Scope, on db: Database, limit: Int) async throws
        -> [(JournalEventModel, UUID)]
    {
        var query = JournalEventModel.query(on: db)
            .join(IncidentJournalModel.self, on: \JournalEventModel.$id == \IncidentJournalModel.$id)
            .filter(\.$id > cursor)
        if case .incident(let id) = scope {
            query = query.filter(IncidentJournalModel.self, \.$incidentID == id)
        }
        return try await query.sort(\.$id).limit(limit).all().map { row in
            (row, try row.joined(IncidentJournalModel.self).incidentID)
        }
    }

    /// Whether the subscriber may read the incident at `now()`, answered afresh.
    func mayRead(_ incident: UUID, on db: Database) async throws -> Seen {
        guard let identity = try await IncidentModel.read(incident, on: db) else { return Seen(allowed: false, until: nil) }
        if case .incidentList(let exercise) = scope, identity.exercise != exercise { return Seen(allowed: false, until: nil) }
        let version = try await PictureStore.currentIncidentVersion(incident, on: db)
        let scope = try IncidentAccess.scope(version)
        if case .monitoring(let exercise) = self.scope {
            guard identity.exercise == exercise else { return Seen(allowed: false, until: nil) }
            let answer = try await AccessService.decide(subject, .init(action: .monitor), incident: incident, scope: scope, at: now(), on: db)
            let reader = EntryReader(organisation: subject.organisationCode, isRegion: false, isPartner: subject.isPartner, ceiling: nil)
            return Seen(allowed: answer.decision.allowed, until: nil, reader: reader)
        }
        let facts = try await AccessService.Facts.load(subject, incident: incident, scope: scope, on: db)
        let time = now()
        let answer = facts.decide(.init(action: .read), at: time)
        guard answer.decision.allowed else { return Seen(allowed: false, until: nil) }
        return Seen(allowed: true, until: answer.until, reader: facts.reader(at: time))
    }


    static func data(_ record: JournalRecord) -> String {
        let head = try? CanonicalJSON.encode([
            "kind": record.kind, "at": record.recordedAt, "actor": record.actor, "organisation": record.organisation,
        ])
        // The payload is already canonical JSON; splice it in rather than decode and re-encode it.
        let prefix = head.map { String($0.dropLast()) } ?? "{"
        return prefix + #","seq":\#(record.sequence),"payload":"# + redacted(record) + "}"
    }

    /// Confidential entries travel without their content: the client fetches the picture, and that
    /// read is journaled.
    static func redacted(_ record: JournalRecord) -> String {
        // Most events are not confidential: look at the text before reading the event.
        guard record.payload.contains(#""classification":"confidential""#),
            let entry = (try? record.event()) as? any ShapedJournalEvent<EntryVersionPayload>,
            entry.body.classification == Classification.confidential.rawValue,
            let text = try? CanonicalJSON.encode(RedactedEntry(entry.body))
        else { return record.payload }
        return text
    }

    /// What a confidential entry's event keeps.
    struct RedactedEntry: Encodable {
        let incident: UUID
        let entry: UUID
        let version: Int
        let classification: String

        init(_ entry: EntryVersionPayload) {
            incident = entry.incident
            self.entry = entry.entry
            version = entry.version
            classification = entry.classification
        }
    }
}

extension LiveSelection {
    /// Streams `text/event-stream` until the client goes away, its access or session ends, or the server
    /// stops (`LiveSubscriber`).
    func response(for req: Request) -> Response {
        let hub = req.knooppunt.live
        let db = req.db
        let lastEventID = (req.headers.first(name: "Last-Event-ID").flatMap(Int64.init)
            ?? req.query[Int64.self, at: "lastEventId"]).map { max(0, $0) }
        let logger = req.logger
        let clock = req.knooppunt.clock
        let headers: HTTPHeaders = [
            "Content-Type": "text/event-stream; charset=utf-8", "Cache-Control": "no-store",
            "X-Accel-Buffering": "no",
        ]
        let selection = self
        let body = Response.Body(stream: { writer in
            LiveSubscriber.start(
                writer: writer, selection: selection, hub: hub, db: db, clock: clock, lastEventID: lastEventID, logger: logger)
        })
        return Response(status: .ok, headers: headers, body: body)
    }
}
