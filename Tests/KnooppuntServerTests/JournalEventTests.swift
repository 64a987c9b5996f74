import Fluent
import Foundation
import KnooppuntCore
import Testing
import Vapor

@testable import KnooppuntServer

@Suite("Typed journal events and reactors")
struct JournalEventServerTests {
    @Test("every event the demo seeds reads back as its kind's event and encodes to the bytes stored")
    func demoJournalReadsTyped() async throws {
        try await withTestApp { app in
            // setup: `knooppunt demo` seeds the organisations, users and partners, then the demo incident
            try await DemoIncident.seed(app)
            let rows = try await JournalEventModel.query(on: app.db).sort(\.$id).all()
            var kinds = Set<String>()
            for row in rows {
                // MUT
                let event = try row.record.event()
                // validate
                #expect(type(of: event).kind.rawValue == row.kind)
                #expect(try event.payload() == row.payload, "event \(row.id ?? 0) (\(row.kind)) changed on the way back")
                kinds.insert(row.kind)
            }
            #expect(kinds.isSuperset(of: [
                "reference.loaded", "organisation.created", "user.created", "partner.registered", "incident.created",
                "alert.raised", "entry.created", "plot.created", "access.granted", "warning.received", "sitrap.issued",
                "capacity.imported", "assistance.requested", "assistance.offered",
            ]))
        }
    }

    /// The journal payload of a grant change before events were typed: the API's grant as it stands.
    private struct GrantEventBeforeTyping: Encodable {
        let incident: UUID
        let grant: AccessGrantDTO
    }

    @Test("payloads that used to be API DTOs encode exactly as those DTOs did")
    func dtoShapedPayloads() async throws {
        try await withTestApp { app in
            // setup
            try await DemoIncident.seed(app)
            let grant = try #require(try await AccessGrantModel.query(on: app.db).first())
            let line = CapacityItemDTO(
                id: UUID(), holder: "VR13", type: "zandzakvuller", label: "Kazerne Noord", count: 3, unavailable: 1,
                committed: 1, available: 1, keepForOwn: 0, offerable: 1, readinessMinutes: 45, longitude: 4.9012,
                latitude: 52.2951, version: 2, updatedAt: Date(timeIntervalSince1970: 1_796_000_000.25), updatedBy: "im-vr13")
            let type = CapacityTypeDTO(code: "pomp", nl: "Pomp", en: "Pump", category: .overig)
            let decision = AllocationDecisionDTO(
                id: UUID(), type: "pomp", authority: .voorzitters, decision: "VR13 eerst", reason: "dijk", priorities: ["BIJ-1"],
                decidedAt: Date(timeIntervalSince1970: 1_796_000_000), recordedBy: "lcms")
            // MUT / validate
            #expect(try AccessChanged(GrantPayload(incident: grant.incidentID, grant)).payload()
                == CanonicalJSON.encode(GrantEventBeforeTyping(incident: grant.incidentID, grant: try AccessGrantDTO(grant))))
            #expect(try CapacityChanged(CapacityLinePayload(line)).payload() == CanonicalJSON.encode(line))
            #expect(try CapacityTypeAdded(CapacityType(code: type.code, nl: type.nl, en: type.en, category: type.category)).payload()
                == CanonicalJSON.encode(type))
            #expect(try CapacityAllocationDecided(
                id: decision.id, type: decision.type, authority: decision.authority.rawValue, decision: decision.decision,
                reason: decision.reason, priorities: decision.priorities, decidedAt: decision.decidedAt,
                recordedBy: decision.recordedBy
            ).payload() == CanonicalJSON.encode(decision))
        }
    }

    /// Follows `user.disabled` with `account.unlocked`, and refuses `user.password-changed`.
    private struct TestReactor: JournalReactor {
        struct Refused: Error {}

        func subscribe(to journal: inout JournalReactions) {
            journal.on(UserDisabled.self) { disabled, reaction in
                #expect(reaction.record.kind == "user.disabled")
                try await Journal.append(
                    AccountUnlocked(username: disabled.username, failures: "0"), on: reaction.db, actor: "test",
                    organisation: "system")
            }
            journal.on(UserPasswordChanged.self) { _, _ in throw Refused() }
        }
    }

    @Test("a reactor follows its event inside the write, and its failure rolls the write back")
    func reactorsRunInsideTheWrite() async throws {
        try await withTestApp { app in
            // setup
            let context = KnooppuntContext(
                configuration: app.knooppunt.configuration, effects: SideEffects(clock: app.knooppunt.clock), reactors: [TestReactor()])
            let before = try await HTTP.journalLength(app)
            // MUT
            try await context.write(on: app.db) { db in
                try await Journal.append(UserDisabled(username: "piet"), on: db, actor: "test", organisation: "system")
                try await Journal.append(UserCreated(username: "jan", organisation: "VR13", role: "im"), on: db, actor: "test", organisation: "system")
            }
            await #expect(throws: TestReactor.Refused.self) {
                try await context.write(on: app.db) { db in
                    try await Journal.append(UserCreated(username: "kees", organisation: "VR13", role: "im"), on: db, actor: "test", organisation: "system")
                    try await Journal.append(UserPasswordChanged(username: "kees"), on: db, actor: "test", organisation: "system")
                }
            }
            // validate
            let kinds = try await JournalEventModel.query(on: app.db).filter(\.$id > before).sort(\.$id).all().map(\.kind)
            #expect(kinds == ["user.disabled", "account.unlocked", "user.created"])
            #expect(try await Journal.verify(on: app.db) == .intact(events: Int(before) + 3))
        }
    }

    @Test("opening an incident journals it, then the alerts that follow it, in one write")
    func incidentThenAlerts() async throws {
        try await withTestApp { app in
            // setup
            let before = try await HTTP.journalLength(app)
            let store = PictureStore(db: app.db, context: app.knooppunt)
            let state = IncidentState(
                title: "Dijkdoorbraak", category: .overstroming, startedAt: app.knooppunt.clock.now(), grip: .one,
                involvedRegions: [RegionCode(number: 13)], leadRegion: RegionCode(number: 13))
            // MUT
            _ = try await store.createIncident(state, exercise: false, by: .init(username: "im-vr13", organisation: "VR13"))
            // validate
            let kinds = try await JournalEventModel.query(on: app.db).filter(\.$id > before).sort(\.$id).all().map(\.kind)
            #expect(kinds.first == "incident.created")
            #expect(kinds.dropFirst().allSatisfy { $0 == "alert.raised" } && kinds.count > 1)
        }
    }

    @Test("the picture knows neither partners' alerting nor federation")
    func pictureStaysOutOfFederation() throws {
        // setup
        let picture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Sources/KnooppuntServer/Picture")
        let files = try FileManager.default.contentsOfDirectory(at: picture, includingPropertiesForKeys: nil)
        #expect(!files.isEmpty)
        for file in files {
            // MUT
            let text = try String(contentsOf: file, encoding: .utf8)
            // validate
            for name in ["AlertService", "NationalPicture", "NationalSharing", "CapacitySharing", "FallbackPicture", "Federation"] {
                #expect(!text.contains(name), "\(file.lastPathComponent) names \(name)")
            }
        }
    }
}
