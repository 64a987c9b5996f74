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
