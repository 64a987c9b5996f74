import Fluent
import Foundation
import KnooppuntCore
import Testing
import Vapor
import VaporTesting

@testable import KnooppuntServer

@Suite("Urgent entries: marked, counted per reader, acknowledged once (decision 0022)")
struct UrgentEntryTests {
    @Test("a partner's spoed entry counts for the IM until the IM acknowledges it; everyone sees the acknowledgement")
    func acknowledgement() async throws {
        try await withTestApp { app in
            let im = try await HTTP.login(app, "im-vr13")
            let rws = try await HTTP.login(app, "rws")
            let incident = try await Picture.createIncident(app, token: im)
            _ = try await Access.link(app, incident.id, "RWS", token: im)
            let posted = try await Access.entry(
                app, incident.id, token: rws,
                json: #"{"theme":"partner:RWS","text":"SPOED: kade bezwijkt mogelijk","source":"RWS","priority":"spoed"}"#)
            #expect(posted.status == .created)
            let spoed = try posted.content.decode(EntryView.self)
            _ = try await Picture.addEntry(app, incident.id, token: im, text: "Gewone melding")

            let urgentPath = "/api/v1/incidents/\(incident.id)/urgent"
            let before = try await HTTP.send(app, .GET, urgentPath, token: im).content.decode(UrgentEntriesView.self)
            #expect(before.unacknowledged == 1)
            #expect(before.entries.map(\.text) == ["SPOED: kade bezwijkt mogelijk"])

            // The partner who wrote it may not acknowledge it: that is the region's staff.
            let ackPath = "/api/v1/incidents/\(incident.id)/entries/\(spoed.id)/acknowledgement"
            #expect(try await HTTP.send(app, .POST, ackPath, token: rws).status == .forbidden)

            let acknowledged = try await HTTP.send(app, .POST, ackPath, token: im)
            #expect(acknowledged.status == .created)
            let view = try acknowledged.content.decode(AcknowledgementView.self)
            #expect(view.entry == spoed.id)
            #expect(!view.acknowledgedBy.isEmpty && view.acknowledgedBy != "im-vr13")
            #expect(try await HTTP.send(app, .POST, ackPath, token: im).status == .conflict)

            let after = try await HTTP.send(app, .GET, urgentPath, token: rws).content.decode(UrgentEntriesView.self)
            #expect(after.unacknowledged == 0)
            #expect(after.entries.first?.acknowledgement?.entry == spoed.id)
            let events = try await JournalEventModel.query(on: app.db).filter(\.$kind == JournalKind.entryAcknowledged.rawValue).all()
            #expect(events.count == 1)
        }
    }

    @Test("a partner neither counts nor acknowledges an urgent entry it may not read; a normal entry is not acknowledged")
    func visibility() async throws {
        try await withTestApp { app in
            let im = try await HTTP.login(app, "im-vr13")
            let rws = try await HTTP.login(app, "rws")
            let incident = try await Picture.createIncident(app, token: im)
            _ = try await Access.link(app, incident.id, "RWS", token: im)
            let secret = try await Access.entry(
                app, incident.id, token: im,
                json: #"{"theme":"politie","text":"Verdachte bekend","source":"Politie","classification":"confidential","priority":"spoed"}"#)
                .content.decode(EntryView.self)
            let normal = try await Picture.addEntry(app, incident.id, token: im, text: "Gewone melding")

            let urgentPath = "/api/v1/incidents/\(incident.id)/urgent"
            #expect(try await HTTP.send(app, .GET, urgentPath, token: im).content.decode(UrgentEntriesView.self).unacknowledged == 1)
            let partner = try await HTTP.send(app, .GET, urgentPath, token: rws).content.decode(UrgentEntriesView.self)
            #expect(partner.unacknowledged == 0 && partner.entries.isEmpty)

            let hidden = try await HTTP.send(
                app, .POST, "/api/v1/incidents/\(incident.id)/entries/\(secret.id)/acknowledgement", token: rws)
            #expect(hidden.status == .notFound)
            let notUrgent = try await HTTP.send(
                app, .POST, "/api/v1/incidents/\(incident.id)/entries/\(normal.id)/acknowledgement", token: im)
            #expect(notUrgent.status == .unprocessableEntity)
            #expect(try await EntryAcknowledgementModel.query(on: app.db).count() == 0)
        }
    }
}
