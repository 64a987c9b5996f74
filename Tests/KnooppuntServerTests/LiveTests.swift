import Fluent
import Foundation
import KnooppuntCore
import Testing
import Vapor
import VaporTesting

@testable import KnooppuntServer

@Suite("Live updates")
struct LiveTests {
    func subject(_ app: Application, _ username: String) async throws -> Subject {
        let token = try await HTTP.login(app, username)
        let result = try await SessionService(request: Request(application: app, on: app.eventLoopGroup.next()))
            .resolve(token: token, via: .bearer)
        return try result.get().subject
    }

    @Test("resuming after any event delivers exactly the later events, in order, once")
    func resume() async throws {
        try await withTestApp { app in
            let token = try await HTTP.login(app, "im-vr13")
            let incident = try await Picture.createIncident(app, token: token)
            let selection = LiveSelection(subject: try await subject(app, "im-vr13"), scope: .incident(incident.id))
            let start = try await HTTP.journalLength(app)
            for number in 1...5 {
                _ = try await Picture.addEntry(app, incident.id, token: token, text: "Melding \(number)")
            }
            let all = try await selection.events(after: start, on: app.db)
            #expect(all.events.count == 5)
            #expect(all.events.map(\.kind) == Array(repeating: "entry.created", count: 5))
            let sequences = all.events.map(\.sequence)
            #expect(sequences == sequences.sorted())
            for (index, sequence) in sequences.enumerated() {
                let resumed = try await selection.events(after: sequence, on: app.db)
                #expect(resumed.events.map(\.sequence) == Array(sequences.dropFirst(index + 1)))
            }
            #expect(all.events[2].data.contains(#""text":"Melding 3""#))
            #expect(all.events[0].frame.hasPrefix("id: \(sequences[0])\nevent: entry.created\ndata: {"))
        }
    }

    @Test("a stream carries only its incident, and nothing a subscriber may not read")
    func filtered() async throws {
        try await withTestApp { app in
            let vr13 = try await HTTP.login(app, "im-vr13")
            let vr12 = try await HTTP.login(app, "im-vr12")
            let start = try await HTTP.journalLength(app)
            let ours = try await Picture.createIncident(app, token: vr13, title: "Incident VR13")
            let theirs = try await Picture.createIncident(app, token: vr12, title: "Incident VR12")
            _ = try await Picture.addEntry(app, theirs.id, token: vr12, text: "Alleen voor VR12")
            _ = try await Picture.addEntry(app, ours.id, token: vr13, text: "Alleen voor VR13")

            let own = LiveSelection(subject: try await subject(app, "im-vr13"), scope: .incident(ours.id))
            let events = try await own.events(after: start, on: app.db).events
            #expect(events.map(\.kind) == ["incident.created", "entry.created"])
            #expect(events.allSatisfy { !$0.data.contains("VR12") || $0.data.contains("Incident VR13") })

            let list = LiveSelection(subject: try await subject(app, "im-vr13"), scope: .incidentList(exercise: false))
            let listed = try await list.events(after: start, on: app.db).events
            #expect(!listed.contains { $0.data.contains("Alleen voor VR12") || $0.data.contains("Incident VR12") })
            #expect(listed.contains { $0.data.contains("Incident VR13") })

            let partner = LiveSelection(subject: try await subject(app, "rws"), scope: .incidentList(exercise: false))
            #expect(try await partner.events(after: start, on: app.db).events.isEmpty)
            let national = LiveSelection(subject: try await subject(app, "analist-kcr2"), scope: .incidentList(exercise: false))
            #expect(try await national.events(after: start, on: app.db).events.count == 4)
        }
    }

    @Test("the incident-list stream keeps exercises apart")
    func exercises() async throws {
        try await withTestApp { app in
            let token = try await HTTP.login(app, "im-vr13")
            let start = try await HTTP.journalLength(app)
            _ = try await Picture.createIncident(app, token: token, title: "Echt incident")
            _ = try await Picture.createIncident(app, token: token, title: "Oefening", exercise: true)
            let who = try await subject(app, "im-vr13")
            let real = try await LiveSelection(subject: who, scope: .incidentList(exercise: false)).events(after: start, on: app.db)
            let drill = try await LiveSelection(subject: who, scope: .incidentList(exercise: true)).events(after: start, on: app.db)
            #expect(real.events.count == 1 && real.events[0].data.contains("Echt incident"))
            #expect(drill.events.count == 1 && drill.events[0].data.contains("Oefening"))
        }
    }

    @Test("streams that are caught up read recent events from memory, identical to the journal")
    func windowMatchesJournal() async throws {
        try await withTestApp { app in
            let token = try await HTTP.login(app, "im-vr13")
            let start = try await HTTP.journalLength(app)
            let incident = try await Picture.createIncident(app, token: token)
            let other = try await Picture.createIncident(app, token: token, title: "Ander incident")
            for number in 1...4 {
                _ = try await Picture.addEntry(app, number.isMultiple(of: 2) ? incident.id : other.id, token: token, text: "M\(number)")
            }
            let hub = app.knooppunt.live
            #expect(hub.recent(after: start, limit: 500) != nil, "the window covers everything since start")
            for scope in [LiveSelection.Scope.incident(incident.id), .incidentList(exercise: false)] {
                let selection = LiveSelection(subject: try await subject(app, "im-vr13"), scope: scope)
                let end = try await HTTP.journalLength(app)
                for cursor in start...end {
                    var fromMemory = LiveSelection.Visibility()
                    let viaHub = try await selection.events(after: cursor, on: app.db, hub: hub, visibility: &fromMemory)
                    let viaJournal = try await selection.events(after: cursor, on: app.db)
                    #expect(viaHub.events == viaJournal.events, "cursor \(cursor)")
                    #expect(viaHub.cursor == end)
                }
            }
        }
    }

    @Test("a following stream judges each offered event as a read of the journal does, and sends the same bytes")
    func fastPathMatchesJournal() async throws {
        try await withTestApp { app in
            let token = try await HTTP.login(app, "im-vr13")
            let start = try await HTTP.journalLength(app)
            let incident = try await Picture.createIncident(app, token: token)
            let other = try await Picture.createIncident(app, token: token, title: "Ander incident")
            _ = try await Picture.addEntry(app, incident.id, token: token, text: "Gewoon")
            let secret = try await HTTP.send(
                app, .POST, "/api/v1/incidents/\(incident.id)/entries",
                json: #"{"theme":"brandweer","text":"Geheim","source":"OvD","classification":"confidential"}"#, token: token)
            #expect(secret.status == .created, "\(secret.body.string)")
            _ = try await Picture.addEntry(app, other.id, token: token, text: "Elders")
            let hub = app.knooppunt.live
            let offered = try #require(hub.recent(after: start, limit: 500)).events
            for (username, scope) in [
                ("im-vr13", LiveSelection.Scope.incident(incident.id)), ("im-vr13", .incidentList(exercise: false)),
                ("rws", .incidentList(exercise: false)), ("analist-kcr2", .incidentList(exercise: false)),
            ] {
                let selection = LiveSelection(subject: try await subject(app, username), scope: scope)
                var visibility = LiveSelection.Visibility()
                let expected = try await selection.events(after: start, on: app.db, visibility: &visibility).events
                var sent: [String] = []
                // Changes to an incident or its access are always judged with the database (`.unsure`).
                for event in offered where !event.record.kind.hasPrefix("incident.") && !event.record.kind.hasPrefix("access.") {
                    switch selection.decide(event, visibility: visibility, now: Date()) {
                    case .send(let frame): sent.append(String(buffer: frame))
                    case .skip: break
                    case .unsure: Issue.record("\(username): \(event.record.kind) \(event.record.sequence) needed the database")
                    }
                }
                let fromJournal = expected.filter { !$0.kind.hasPrefix("incident.") && !$0.kind.hasPrefix("access.") }.map(\.frame)
                #expect(sent == fromJournal, "\(username) \(scope)")
            }
            // The confidential entry travels without its text, to everyone who sees it.
            #expect(offered.contains { String(buffer: $0.frame).contains(#""classification":"confidential""#) })
            #expect(!offered.contains { String(buffer: $0.frame).contains("Geheim") })
        }
    }

    /// A connection that keeps what a stream writes to it.
    final class RecordingWriter: BodyStreamWriter, @unchecked Sendable {
        let eventLoop: EventLoop
        private let lock = NSLock()
        private var buffers: [String] = []

        init(eventLoop: EventLoop) { self.eventLoop = eventLoop }

        func write(_ result: BodyStreamResult, promise: EventLoopPromise<Void>?) {
            if case .buffer(let buffer) = result { lock.withLock { buffers.append(String(buffer: buffer)) } }
            promise?.succeed()
        }

        var writes: [String] { lock.withLock { buffers } }
    }

    @Test("events committed while a loop is busy reach a following stream all, in order, once, as one write")
    func busyLoopCoalesces() async throws {
        try await withTestApp { app in
            let token = try await HTTP.login(app, "im-vr13")
            let incident = try await Picture.createIncident(app, token: token)
            let start = try await HTTP.journalLength(app)
            // A hub of its own, so the test decides when each write is handed over.
            let hub = LiveHub(heartbeatInterval: .seconds(3600))
            let loop = app.eventLoopGroup.next()
            let writer = RecordingWriter(eventLoop: loop)
            let selection = LiveSelection(subject: try await subject(app, "im-vr13"), scope: .incident(incident.id))
            let subscriber = try await loop.submit {
                LiveSubscriber.start(
                    writer: writer, selection: selection, hub: hub, db: app.db, clock: app.knooppunt.clock, lastEventID: start,
                    logger: app.logger)
            }.get()
            #expect(try await waitFor { try await loop.submit { subscriber.mode == .following }.get() })
            for number in 1...3 {
                _ = try await Picture.addEntry(app, incident.id, token: token, text: "Melding \(number)")
            }
            let committed = try #require(app.knooppunt.live.recent(after: start, limit: 500)).events
                .filter { $0.incident == incident.id }
            #expect(committed.count >= 3)
            let before = writer.writes.count
            // Hold the loop while the writes are handed over one by one, then let it go.
            let gate = DispatchSemaphore(value: 0)
            loop.execute { gate.wait() }
            var after = start
            for event in committed {
                hub.publish(after: after, upTo: event.record.sequence, [LiveHub.Committed(record: event.record, incident: event.incident)])
                after = event.record.sequence
            }
            gate.signal()
            #expect(try await waitFor { writer.writes.count > before })
            let written = writer.writes.dropFirst(before)
            #expect(written.count == 1, "one write for everything offered in one pass")
            let ids = written.joined().split(separator: "\n").filter { $0.hasPrefix("id: ") }.map { String($0.dropFirst(4)) }
            #expect(ids == committed.map { String($0.record.sequence) })
            hub.shutdown()
        }
    }

    @Test("a write handed over twice (by this instance and by another's notification) is offered once")
    func overlappingPublish() {
        let hub = LiveHub(heartbeatInterval: .seconds(3600))
        let incident = UUID()
        func event(_ sequence: Int64, about: UUID? = nil) -> LiveHub.Committed {
            LiveHub.Committed(
                record: JournalRecord(
                    sequence: sequence, recordedAt: "", actor: "", organisation: "", kind: "entry.created", payload: "{}",
                    previousHash: ""),
                incident: about)
        }
        hub.publish([event(10, about: incident), event(11)])
        hub.publish(after: 9, upTo: 12, [event(10, about: incident), event(11), event(12, about: incident)])
        #expect(hub.recent(after: 9, limit: 10)?.events.map(\.record.sequence) == [10, 12])
        #expect(hub.newest == 12)
        hub.publish(after: 5, upTo: 12, [event(12, about: incident)])
        #expect(hub.recent(after: 9, limit: 10)?.events.map(\.record.sequence) == [10, 12], "nothing new: nothing changes")
        #expect(hub.recent(after: 12, limit: 10)?.events.isEmpty == true)
    }

    @Test("after a write by someone else the window restarts, and older cursors read the journal")
    func windowGap() async throws {
        let hub = LiveHub(heartbeatInterval: .seconds(3600))
        func event(_ sequence: Int64) -> LiveHub.Committed {
            LiveHub.Committed(
                record: JournalRecord(
                    sequence: sequence, recordedAt: "", actor: "", organisation: "", kind: "entry.created", payload: "{}",
                    previousHash: ""),
                incident: UUID())
        }
        hub.publish([event(10), event(11)])
        #expect(hub.recent(after: 9, limit: 10)?.events.count == 2)
        #expect(hub.recent(after: 8, limit: 10) == nil)
        hub.publish([event(15)])
        #expect(hub.recent(after: 11, limit: 10) == nil, "12–14 were written elsewhere")
        #expect(hub.recent(after: 14, limit: 10)?.events.map(\.record.sequence) == [15])
        let capped = LiveHub(heartbeatInterval: .seconds(3600), windowSize: 2)
        capped.publish([event(1), event(2), event(3)])
        #expect(capped.recent(after: 0, limit: 10) == nil)
        #expect(capped.recent(after: 1, limit: 10)?.events.map(\.record.sequence) == [2, 3])
    }

    @Test("a session that was just used ends at once when it is closed, and other sessions of the user go on")
    func sessionEndsAtOnce() async throws {
        try await withTestApp { app in
            let token = try await HTTP.login(app, "im-vr13")
            let other = try await HTTP.login(app, "im-vr13")
            #expect(try await HTTP.send(app, .GET, "/api/v1/incidents", token: token).status == .ok)
            #expect(try await HTTP.send(app, .GET, "/api/v1/incidents", token: token).status == .ok)
            #expect(try await HTTP.send(app, .DELETE, "/api/v1/session", token: token).status == .noContent)
            let after = try await HTTP.send(app, .GET, "/api/v1/incidents", token: token)
            #expect(after.status == .unauthorized)
            #expect(HTTP.problemDetail(after).contains("revoked"))
            #expect(try await HTTP.send(app, .GET, "/api/v1/incidents", token: other).status == .ok)
            let tokenIDs = try await AccessTokenModel.query(on: app.db).all().compactMap(\.id)
            let active = try await SessionService.active(tokenIDs, on: app.db, now: Date())
            #expect(active.count == tokenIDs.count - 1, "one query answers for every open stream's session")
        }
    }

    @Test("the stream endpoints check access before streaming")
    func endpointsCheckAccess() async throws {
        try await withTestApp { app in
            let token = try await HTTP.login(app, "im-vr13")
            let incident = try await Picture.createIncident(app, token: token)
            #expect(try await HTTP.send(app, .GET, "/api/v1/incidents/\(incident.id)/stream").status == .unauthorized)
            let other = try await HTTP.login(app, "im-vr12")
            let hidden = try await HTTP.send(app, .GET, "/api/v1/incidents/\(incident.id)/stream", token: other)
            #expect(hidden.status == .notFound)
            #expect(try await HTTP.send(app, .GET, "/api/v1/stream").status == .unauthorized)
        }
    }
}
