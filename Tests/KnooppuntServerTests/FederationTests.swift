import Fluent
import Foundation
import KnooppuntCore
import KnooppuntInterop
import Testing
import Vapor
import VaporTesting

@testable import KnooppuntServer

enum Federation {
    /// A peer "vr13" with its own keys, trusted by the node under test ("kcr2").
    static func setUp(_ app: Application) async throws -> (privateKey: String, publicKey: String) {
        let service = FederationService(db: app.db, context: app.knooppunt)
        _ = try await service.initialise(name: "kcr2")
        let peer = NodeKeys.generate()
        _ = try await service.trust(name: "vr13", url: "http://127.0.0.1:9013", publicKey: peer.publicKey)
        return peer
    }

    static func envelope(sequence: Int64, id: UUID = UUID(), sender: String = "vr13", recipient: String = "kcr2") -> Data {
        NodeMessage(id: id, sender: sender, recipient: recipient, sequence: sequence, kind: "incident-summary",
                    sent: "2027-01-15T09:00:00+01:00", body: Data(#"{"grip":2}"#.utf8)).envelope(expires: "2027-01-22T09:00:00+01:00")
    }

    static func deliver(_ app: Application, _ body: Data, node: String? = "vr13", signature: String?) async throws -> TestingHTTPResponse {
        var headers = HTTPHeaders()
        headers.contentType = .xml
        if let node { headers.add(name: FederationService.nodeHeader, value: node) }
        if let signature { headers.add(name: FederationService.signatureHeader, value: signature) }
        return try await app.testing().sendRequest(.POST, "/api/v1/federation/inbox", headers: headers, body: ByteBuffer(data: body))
    }

    static func refusals(_ app: Application) async throws -> [String] {
        try await JournalEventModel.query(on: app.db).filter(\.$kind == "federation.refused").sort(\.$id).all().map(\.payload)
    }
}

@Suite("Federation: node identity, trust and the signed inbox")
struct FederationTests {
    @Test("a signed message from a trusted peer is applied once, in the peer's order")
    func applied() async throws {
        try await withTestApp(clock: ManualClock(Picture.start)) { app in
            let peer = try await Federation.setUp(app)
            let first = Federation.envelope(sequence: 1)
            let response = try await Federation.deliver(app, first, signature: try NodeKeys.sign(first, privateKey: peer.privateKey))
            #expect(response.status == .created, "\(response.body.string)")
            let again = try await Federation.deliver(app, first, signature: try NodeKeys.sign(first, privateKey: peer.privateKey))
            #expect(again.status == .ok)
            #expect(try again.content.get(String.self, at: "status") == "duplicate")
            let third = Federation.envelope(sequence: 3)
            let gap = try await Federation.deliver(app, third, signature: try NodeKeys.sign(third, privateKey: peer.privateKey))
            #expect(gap.status == .conflict)
            #expect(gap.headers.first(name: "Knooppunt-Expected-Sequence") == "2")
            let second = Federation.envelope(sequence: 2)
            #expect(try await Federation.deliver(app, second, signature: try NodeKeys.sign(second, privateKey: peer.privateKey)).status == .created)
            #expect(try await Federation.deliver(app, third, signature: try NodeKeys.sign(third, privateKey: peer.privateKey)).status == .created)
            let applied = try await NodeInboxModel.query(on: app.db).sort(\.$sequence).all().map(\.sequence)
            #expect(applied == [1, 2, 3])
            let stored = try #require(try await NodeInboxModel.query(on: app.db).filter(\.$sequence == 1).first())
            #expect(stored.envelope == first, "kept byte for byte, so its signature still verifies")
        }
    }

    @Test("unsigned, wrongly signed, untrusted and misaddressed messages are refused with a reason, journaled, and change nothing")
    func refused() async throws {
        let clock = ManualClock(Picture.start)
        try await withTestApp(clock: clock) { app in
            let peer = try await Federation.setUp(app)
            let stranger = NodeKeys.generate()
            let message = Federation.envelope(sequence: 1)
            let unsigned = try await Federation.deliver(app, message, signature: nil)
            #expect(unsigned.status == .unauthorized)
            #expect(HTTP.problemDetail(unsigned).contains("not signed"))
            let forged = try await Federation.deliver(app, message, signature: try NodeKeys.sign(message, privateKey: stranger.privateKey))
            #expect(forged.status == .forbidden)
            #expect(HTTP.problemDetail(forged).contains("does not verify"))
            var tampered = message
            tampered.append(contentsOf: Data("\n".utf8))
            let changed = try await Federation.deliver(app, tampered, signature: try NodeKeys.sign(message, privateKey: peer.privateKey))
            #expect(changed.status == .forbidden)
            let unknown = try await Federation.deliver(app, message, node: "vr99", signature: try NodeKeys.sign(message, privateKey: stranger.privateKey))
            #expect(unknown.status == .forbidden)
            #expect(HTTP.problemDetail(unknown).contains("not trusted"))
            let elsewhere = Federation.envelope(sequence: 1, recipient: "vr12")
            let misaddressed = try await Federation.deliver(app, elsewhere, signature: try NodeKeys.sign(elsewhere, privateKey: peer.privateKey))
            #expect(misaddressed.status == .unprocessableEntity)
            #expect(HTTP.problemDetail(misaddressed).contains("is for 'vr12'"))
            let spoofed = Federation.envelope(sequence: 1, sender: "vr12")
            let claimedOther = try await Federation.deliver(app, spoofed, signature: try NodeKeys.sign(spoofed, privateKey: peer.privateKey))
            #expect(claimedOther.status == .unprocessableEntity)
            #expect(try await NodeInboxModel.query(on: app.db).count() == 0)
            // The first five refusals from an address in ten minutes are journaled in full, the rest counted
            // and journaled as one summary when the window has passed.
            #expect(try await Federation.refusals(app).count == 5)
            clock.advance(by: 10 * 60)
            try await app.knooppunt.refusals.flush(db: app.db, context: app.knooppunt)
            let summaries = try await JournalEventModel.query(on: app.db).filter(\.$kind == "federation.refusals-summarised").all()
            #expect(summaries.count == 1)
            #expect(summaries.first?.payload.contains(#""refusals":"1""#) == true)
        }
    }

    @Test("a node without an identity refuses to receive; init twice keeps the first key; trust checks the key and URL")
    func identity() async throws {
        try await withTestApp(clock: ManualClock(Picture.start)) { app in
            let message = Federation.envelope(sequence: 1)
            #expect(try await Federation.deliver(app, message, signature: "x").status == .serviceUnavailable)
            #expect(try await app.testing().sendRequest(.GET, "/api/v1/federation/node").status == .notFound)
            let service = FederationService(db: app.db, context: app.knooppunt)
            let me = try await service.initialise(name: "KCR2")
            #expect(me.name == "kcr2")
            await #expect(throws: Problem.self) { _ = try await service.initialise(name: "kcr2") }
            let published = try await app.testing().sendRequest(.GET, "/api/v1/federation/node")
            #expect(try published.content.get(String.self, at: "publicKey") == me.publicKey)
            await #expect(throws: Problem.self) { _ = try await service.trust(name: "vr13", url: "http://x", publicKey: "abc") }
            await #expect(throws: Problem.self) { _ = try await service.trust(name: "vr13", url: "ftp://x", publicKey: NodeKeys.generate().publicKey) }
            await #expect(throws: Problem.self) { _ = try await service.trust(name: "v r13", url: "http://x", publicKey: NodeKeys.generate().publicKey) }
        }
    }
}
