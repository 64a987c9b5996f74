import Foundation
import Testing
import Vapor
import VaporTesting

@testable import KnooppuntServer

@Suite("Side effects come from one environment")
struct SideEffectsTests {
    /// The number at the end of an id handed out by `IDs.sequential()`, nil for any other id.
    private func sequenceNumber(_ id: UUID) -> UInt64? {
        let text = id.uuidString
        guard text.hasPrefix("00000000-0000-0000-0000-") else { return nil }
        return UInt64(text.suffix(12), radix: 16)
    }

    @Test("incidents, entries and records take their ids from the environment, so a test can fix them")
    func idsFromTheEnvironment() async throws {
        try await withTestApp(ids: .sequential()) { app in
            let im = try await HTTP.login(app, "im-vr13")
            let incident = try await Picture.createIncident(app, token: im)
            let entry = try await Picture.addEntry(app, incident.id, token: im, text: "Rookontwikkeling bij de kade")
            let first = try #require(sequenceNumber(incident.id))
            let second = try #require(sequenceNumber(entry.id))
            #expect(second > first)
        }
    }

    @Test("with the live environment, ids are random (version 4)")
    func randomIDsByDefault() async throws {
        try await withTestApp { app in
            let im = try await HTTP.login(app, "im-vr13")
            let incident = try await Picture.createIncident(app, token: im)
            #expect(sequenceNumber(incident.id) == nil)
            #expect(incident.id.uuidString.dropFirst(14).first == "4")
        }
    }
}
