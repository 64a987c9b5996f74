import Fluent
import Foundation
import KnooppuntCore
import KnooppuntInterop
import KnooppuntTestSupport
import Testing
import Vapor
import VaporTesting

@testable import KnooppuntServer

@Suite("EDXL-RM intake and export for assistance requests")
struct ResourceMessageTests {
    static let corpus = TestPaths.packageRoot.deletingLastPathComponent().appendingPathComponent("shared/interop/edxl-rm")

    private func post(_ app: Application, _ file: String, token: String) async throws -> TestingHTTPResponse {
        let xml = try String(contentsOf: Self.corpus.appendingPathComponent(file), encoding: .utf8)
        return try await HTTP.send(app, .POST, "/api/v1/edxl-rm", token: token, headers: ["Content-Type": "application/xml"], body: xml)
    }

    private func lint(_ response: TestingHTTPResponse, _ kind: RMKind) throws -> ExternalTool.Result {
        try ExternalTool.xmllint(Data(response.body.readableBytesView),
                                 schema: Self.corpus.appendingPathComponent("schema/em-serializers/EDXL-RM\(kind.rawValue).xsd"))
    }

    @Test("the corpus imports: a request, a commitment that answers it as an offer, one for an unknown request kept; the invalid one is refused; a second delivery changes nothing")
    func corpusImport() async throws {
        try await withTestApp { app in
            let im = try await HTTP.login(app, "im-vr13")
            let request = try await post(app, "valid/xcore--RequestResource.1.xml", token: im)
            #expect(request.status == .created, "\(request.body.string)")
            let intake = try request.content.decode(ResourceMessages.IntakeDTO.self)
            let id = try #require(intake.request)
            // The IM's system holds no authority for bijstand: the request is kept as a draft, never dropped,
            // and the operational leader submits it under her mandate of the voorzitter (decision 0020).
            #expect(intake.outcome.contains("kept as a draft for the competent authority to submit"), "\(intake.outcome)")
            var shown = try await HTTP.send(app, .GET, "/api/v1/assistance-requests/\(id)", token: im).content.decode(AssistanceRequestDTO.self)
            #expect(shown.status == .draft)
            #expect(try await HTTP.send(app, .POST, "/api/v1/assistance-requests/\(id)/submit", token: try await HTTP.login(app, "ol-vr13")).status == .ok)
            #expect(shown.quantity == 4 && shown.type == "overig" && shown.typeNote == "Track Dozer, Type I")
            #expect(shown.externalRequester == "Arlington Fire Station" && shown.requester == "VR13")
            #expect(shown.locationText == "Arlington Waste Facility")
            #expect(try await post(app, "valid/xcore--RequestResource.2.xml", token: im).status == .created)

            let commit = try await post(app, "valid/xcore--CommitResource.1.xml", token: im)
            #expect(commit.status == .created, "\(commit.body.string)")
            shown = try await HTTP.send(app, .GET, "/api/v1/assistance-requests/\(id)", token: im).content.decode(AssistanceRequestDTO.self)
            #expect(shown.status == .offered)
            let offer = try #require(shown.offers.first)
            #expect(offer.holder == "Fairfax Fire Station" && offer.quantity == 2 && offer.capacityItem == nil)
            #expect(try await post(app, "valid/xcore--CommitResource.2.xml", token: im).status == .created)
            for unknown in ["valid/xcore--CommitResource.4.xml", "valid/xcore--CommitResource.NoLocation.xml"] {
                let kept = try await post(app, unknown, token: im)
                #expect(kept.status == .accepted || kept.status == .ok, "\(unknown): \(kept.body.string)")
            }
            let again = try await post(app, "valid/xcore--CommitResource.1.xml", token: im)
            let duplicate = try again.content.decode(ResourceMessages.IntakeDTO.self).duplicate
            #expect(again.status == .ok && duplicate)
            #expect(try await AssistanceOfferModel.query(on: app.db).filter(\.$requestID == id).count() == 1, "applied once")

            let invalid = try await post(app, "invalid/xcore--CommitResource-Decline.xml", token: im)
            #expect(invalid.status == .unprocessableEntity)
            #expect(HTTP.problemDetail(invalid).contains("not a valid EDXL-RM CommitResource"))
            // CommitResource.NoLocation reuses the MessageID of CommitResource.4: the same message id is one message.
            #expect(try await ResourceMessageModel.query(on: app.db).count() == 5, "every accepted message kept once, the refused one not")
            let liaison = try await HTTP.login(app, "hin-gedetacheerd-vr13")
            // A liaison does not act for the region's capacity: refused before the message is read at all.
            #expect(try await post(app, "valid/xcore--RequestResource.1.xml", token: liaison).status == .forbidden)
        }
    }

    @Test("requests, commitments and releases export as EDXL-RM that xmllint accepts, and a release taken in releases the commitment")
    func exportAndRelease() async throws {
        try await withTestApp { app in
            let im13 = try await HTTP.login(app, "im-vr13")
            let im12 = try await HTTP.login(app, "im-vr12")
            let request = try await HTTP.send(app, .POST, "/api/v1/assistance-requests", json: """
                {"type":"pomp","quantity":2,"locationText":"Amsteldijk Noord & Ouderkerk","reason":"Kade onder druk"}
                """, token: try await HTTP.login(app, "ol-vr13")).content.decode(AssistanceRequestDTO.self)
            let base = "/api/v1/assistance-requests/\(request.id)"
            let exported = try await HTTP.send(app, .GET, "\(base)/edxl-rm", token: im13)
            #expect(exported.status == .ok)
            let lintRequest = try lint(exported, .requestResource)
            #expect(lintRequest.status == 0, "\(lintRequest.output)")
            let pumps = try #require(try await CapacityService(db: app.db, context: app.knooppunt).items(holder: "VR12", type: "pomp").first)
            let offered = try await HTTP.send(app, .POST, "\(base)/offers", json: #"{"capacityItem":"\#(pumps.id)","quantity":2}"#, token: im12)
                .content.decode(AssistanceRequestDTO.self)
            let committed = try await HTTP.send(app, .POST, "\(base)/commitments", json: #"{"offer":"\#(offered.offers[0].id)"}"#, token: im13)
                .content.decode(AssistanceRequestDTO.self)
            let commitment = try #require(committed.commitments.first)
            let commitXML = try await HTTP.send(app, .GET, "\(base)/commitments/\(commitment.id)/edxl-rm", token: im12)
            let lintCommit = try lint(commitXML, .commitResource)
            #expect(lintCommit.status == 0, "\(lintCommit.output)")
            #expect(try await HTTP.send(app, .GET, "\(base)/commitments/\(commitment.id)/edxl-rm?kind=release", token: im13).status == .conflict)

            // The release comes in as EDXL-RM (e.g. from the requester's own system).
            let message = try await ResourceMessages(db: app.db, context: app.knooppunt).commitmentMessage(
                try #require(try await AssistanceCommitmentModel.find(commitment.id, on: app.db)),
                of: try #require(try await AssistanceRequestModel.find(request.id, on: app.db)), release: false,
                for: try await Subjects.active("im-vr13", on: app.db, at: app.knooppunt.clock.now()))
            var release = message
            release.kind = .releaseResource
            release.messageID = "extern-vrijgave-1"
            release.precedingMessageID = message.messageID
            release.resources[0].scheduleType = "ActualReturnDeparture"
            let taken = try await HTTP.send(app, .POST, "/api/v1/edxl-rm", token: im13, headers: ["Content-Type": "application/xml"],
                                            body: String(decoding: RMWriter.xml(release), as: UTF8.self))
            #expect(taken.status == .created, "\(taken.body.string)")
            let after = try await HTTP.send(app, .GET, base, token: im13).content.decode(AssistanceRequestDTO.self)
            #expect(after.status == .released)
            #expect(try #require(try await CapacityService(db: app.db, context: app.knooppunt).items(holder: "VR12", type: "pomp").first).committed == 0)
            let releaseXML = try await HTTP.send(app, .GET, "\(base)/commitments/\(commitment.id)/edxl-rm?kind=release", token: im13)
            let lintRelease = try lint(releaseXML, .releaseResource)
            #expect(lintRelease.status == 0, "\(lintRelease.output)")
            #expect(try await HTTP.send(app, .POST, "/api/v1/edxl-rm", token: im13, headers: ["Content-Type": "text/plain"], body: "x").status
                == .unsupportedMediaType)
        }
    }
}
