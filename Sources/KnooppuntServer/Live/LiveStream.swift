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
        var candidates: [(record: JournalRecord, incident: UUID)]
        let reached: Int64
        if let hub, let recent = await hub.recent(after: cursor, limit: limit) {
            candidates = recent.events.compactMap { event in event.incident.map { (event.record, $0) } }
            reached = recent.newest
        } else {
            let rows = try await Self.incidentEvents(after: cursor, scope: scope, on: db, limit: limit)
            candidates = rows.map { ($0.0.record, $0.1) }
            reached = rows.last?.0.id ?? cursor
        }
        if case .incident(let wanted) = scope {
            candidates = candidates.filter { $0.incident == wanted }
        }
        var events: [LiveEvent] = []
        for (record, incident) in candidates {
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
            events.append(LiveEvent(sequence: record.sequence, kind: record.kind, data: Self.data(record)))
        }
        return (events, max(reached, cursor))
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
        guard let identity = try await IncidentModel.find(incident, on: db) else { return Seen(allowed: false, until: nil) }
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
    /// Streams `text/event-stream` until the client goes away or the server stops.
    func response(for req: Request) -> Response {
        let hub = req.knooppunt.live
        let db = req.db
        let lastEventID = req.headers.first(name: "Last-Event-ID").flatMap(Int64.init)
            ?? req.query[Int64.self, at: "lastEventId"]
        let logger = req.logger
        let credential = self.credential
        let clock = req.knooppunt.clock
        let headers: HTTPHeaders = [
            "Content-Type": "text/event-stream; charset=utf-8", "Cache-Control": "no-store",
            "X-Accel-Buffering": "no",
        ]
        let body = Response.Body(managedAsyncStream: { writer in
            let (id, signals) = await hub.subscribe()
            defer { Task { await hub.unsubscribe(id) } }
            var cursor: Int64
            if let lastEventID {
                cursor = lastEventID
            } else {
                cursor = try await Journal.lastSequence(on: db)
            }
            try await writer.writeBuffer(ByteBuffer(string: "retry: 2000\n: cursor \(cursor)\n\n"))
            // Catch up first, then follow.
            var visibility = Visibility()
            var pending = true
            var iterator = signals.makeAsyncIterator()
            var checkedAt = clock.now()
            // An incident stream ends when the subscriber's access ends: revoked, disconnected or expired.
            var watchedIncident: UUID? = nil
            var accessUntil: Date? = nil
            var wakeAtEnd: Task<Void, Never>? = nil
            defer { wakeAtEnd?.cancel() }
            if case .incident(let incident) = scope {
                watchedIncident = incident
                accessUntil = try await mayRead(incident, on: db).until
            }
            while true {
                if let incident = watchedIncident {
                    let stale = visibility[incident]?.allowed == false || (accessUntil.map { clock.now() >= $0 } ?? false)
                    if stale {
                        let seen = try await mayRead(incident, on: db)
                        guard seen.allowed else {
                            try await writer.writeBuffer(ByteBuffer(string: "event: access-ended\ndata: {}\n\n"))
                            break
                        }
                        visibility[incident] = seen
                        accessUntil = seen.until
                        wakeAtEnd?.cancel()
                        wakeAtEnd = nil
                    }
                    if wakeAtEnd == nil, let until = accessUntil {
                        let delay = max(0, until.timeIntervalSince(clock.now()))
                        wakeAtEnd = Task {
                            try? await Task.sleep(for: .milliseconds(Int64(delay * 1000) + 5))
                            if !Task.isCancelled { await hub.poke(id) }
                        }
                    }
                }
                // A revoked or expired session, or a disabled user, ends the stream within 15 seconds.
                if let credential, clock.now().timeIntervalSince(checkedAt) >= 15 {
                    guard try await SessionService.isActive(credential, on: db, now: clock.now()) else {
                        try await writer.writeBuffer(ByteBuffer(string: "event: session-ended\ndata: {}\n\n"))
                        break
                    }
                    checkedAt = clock.now()
                }
                if pending {
                    repeat {
                        let batch = try await events(after: cursor, on: db, hub: hub, visibility: &visibility)
                        for event in batch.events { try await writer.writeBuffer(ByteBuffer(string: event.frame)) }
                        let advanced = batch.cursor != cursor
                        cursor = batch.cursor
                        pending = advanced
                    } while pending
                }
                if let incident = watchedIncident, visibility[incident]?.allowed == false { continue }
                guard let signal = await iterator.next() else { break }
                switch signal {
                case .changed: pending = true
                case .heartbeat: try await writer.writeBuffer(ByteBuffer(string: ": keep-alive\n\n"))
                }
            }
            logger.debug("live stream \(id) ended")
        })
        return Response(status: .ok, headers: headers, body: body)
    }
}
