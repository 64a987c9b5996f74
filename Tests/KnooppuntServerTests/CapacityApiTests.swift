import Fluent
import Foundation
import KnooppuntCore
import Testing
import Vapor
import VaporTesting

@testable import KnooppuntServer

@Suite("Capacity registry and assistance requests through the API")
struct CapacityApiTests {
    private func line(_ app: Application, holder: String, type: String) async throws -> CapacityItemDTO {
        let items = try await CapacityService(db: app.db, context: app.knooppunt).items(holder: holder, type: type)
        return try #require(items.first)
    }

    /// A step without a body (submit, close, confirm, deploy, …) is sent without one, as the contract says.
    private func post(_ app: Application, _ path: String, _ json: String? = nil, token: String) async throws -> TestingHTTPResponse {
        try await HTTP.send(app, .POST, path, json: json, token: token)
    }

    @Test("VR13 asks for two pumps, VR12 offers them, VR13 accepts: committed everywhere at once, deployed, released, closed — each step journaled")
    func lifecycle() async throws {
        try await withTestApp { app in
            let im13 = try await HTTP.login(app, "im-vr13")
            let im12 = try await HTTP.login(app, "im-vr12")
            let pumps12 = try await line(app, holder: "VR12", type: "pomp")
            #expect(pumps12.available == 4 && pumps12.offerable == 3)

            // Bijstand follows authority (decision 0020): the IM may not request it, only draft a proposal,
            // which the operational leader submits under her mandate of the voorzitter.
            let json = """
                {"type":"pomp","quantity":2,"locationText":"Amsteldijk Noord","longitude":4.90,"latitude":52.29,"reason":"Kade onder druk"
                """
            let refused = try await HTTP.send(app, .POST, "/api/v1/assistance-requests", json: json + "}", token: im13)
            #expect(refused.status == .forbidden)
            #expect(HTTP.problemDetail(refused).contains("Here the chair of Amsterdam-Amstelland decides"), "\(refused.body.string)")
            let created = try await HTTP.send(app, .POST, "/api/v1/assistance-requests", json: json + #","submit":false}"#, token: im13)
            #expect(created.status == .created, "\(created.body.string)")
            var request = try created.content.decode(AssistanceRequestDTO.self)
            #expect(request.status == .draft)
            #expect(request.number.hasPrefix("BIJ-VR13-"))
            let base = "/api/v1/assistance-requests/\(request.id)"
            #expect(try await post(app, "\(base)/submit", token: im13).status == .forbidden)
            let ol13 = try await HTTP.login(app, "ol-vr13")
            let submitted = try await post(app, "\(base)/submit", token: ol13)
            #expect(submitted.status == .ok, "\(submitted.body.string)")
            #expect(try submitted.content.decode(AssistanceRequestDTO.self).status == .requested)

            // VR13 cannot offer to itself, and VR12 cannot offer more than it can spare.
            let pumps13 = try await line(app, holder: "VR13", type: "pomp")
            #expect(try await post(app, "\(base)/offers", #"{"capacityItem":"\#(pumps13.id)","quantity":1}"#, token: im13).status == .forbidden)
            let tooMany = try await post(app, "\(base)/offers", #"{"capacityItem":"\#(pumps12.id)","quantity":4}"#, token: im12)
            #expect(tooMany.status == .conflict)
            #expect(HTTP.problemDetail(tooMany).contains("3"))
            let offered = try await post(app, "\(base)/offers", #"{"capacityItem":"\#(pumps12.id)","quantity":2,"note":"Binnen 20 minuten"}"#, token: im12)
            #expect(offered.status == .created, "\(offered.body.string)")
            request = try offered.content.decode(AssistanceRequestDTO.self)
            #expect(request.status == .offered)
            let offer = try #require(request.offers.first)

            // Only the requester accepts.
            #expect(try await post(app, "\(base)/commitments", #"{"offer":"\#(offer.id)"}"#, token: im12).status == .forbidden)
            let accepted = try await post(app, "\(base)/commitments", #"{"offer":"\#(offer.id)"}"#, token: im13)
            #expect(accepted.status == .created, "\(accepted.body.string)")
            request = try accepted.content.decode(AssistanceRequestDTO.self)
            #expect(request.status == .committed && request.committedQuantity == 2)
            let after = try await line(app, holder: "VR12", type: "pomp")
            #expect(after.committed == 2 && after.available == 2, "the registry shows the commitment at once")
            let overview = try await HTTP.send(app, .GET, "/api/v1/capacity/overview", token: im13).content.decode(CapacityOverviewDTO.self)
            #expect(overview.rows.first { $0.type == "pomp" && $0.holder == "VR12" }?.committed == 2)
            #expect(overview.openRequests.map(\.number).contains(request.number))

            let commitment = try #require(request.commitments.first)
            request = try await post(app, "\(base)/commitments/\(commitment.id)/deploy", token: im12).content.decode(AssistanceRequestDTO.self)
            #expect(request.status == .deployed)
            #expect(try await post(app, "\(base)/close", token: im13).status == .conflict, "active commitments are released first")
            let released = try await post(app, "\(base)/releases", #"{"commitment":"\#(commitment.id)"}"#, token: im13)
            #expect(released.status == .created)
            #expect(try released.content.decode(AssistanceRequestDTO.self).status == .released)
            #expect(try await line(app, holder: "VR12", type: "pomp").available == 4)
            let closed = try await post(app, "\(base)/close", token: im13)
            #expect(try closed.content.decode(AssistanceRequestDTO.self).status == .closed)
            #expect(try await post(app, "\(base)/withdraw", token: im13).status == .conflict)

            let steps = try await JournalEventModel.query(on: app.db).filter(\.$kind =~ "assistance.").sort(\.$id).all()
            #expect(steps.map(\.kind) == ["assistance.drafted", "assistance.requested", "assistance.offered", "assistance.committed",
                                          "assistance.deployed", "assistance.released", "assistance.closed"])
            #expect(steps.map(\.actor) == ["im-vr13", "ol-vr13", "im-vr12", "im-vr13", "im-vr12", "im-vr13", "im-vr13"])
            #expect(steps[1].payload.contains("submitted as the chair of VR13 under mandate"), "the journal says as whom")
        }
    }

    @Test("parallel acceptances never commit more than a line has, and counts never go negative")
    func concurrentCommitments() async throws {
        try await withTestApp { app in
            let im12 = try await HTTP.login(app, "im-vr12")
            let im13 = try await HTTP.login(app, "im-vr13")
            let rws = try await HTTP.login(app, "rws")
            // Requested by those who hold authority for bijstand, accepted by the information managers.
            let ol13 = try await HTTP.login(app, "ol-vr13")
            let voorzitter12 = try await HTTP.login(app, "voorzitter-vr12")
            // RWS has 5 pumps available (6, one unavailable) and keeps none back.
            let pumps = try await line(app, holder: "RWS", type: "pomp")
            #expect(pumps.available == 5)
            // Eight requests of one pump each from VR13 and VR12; RWS offers while it can (offers do not reserve).
            var pairs: [(request: UUID, offer: UUID, token: String)] = []
            for number in 0..<8 {
                let token = number % 2 == 0 ? im13 : im12
                let request = try await HTTP.send(app, .POST, "/api/v1/assistance-requests", json: """
                    {"type":"pomp","quantity":1,"locationText":"Dijk \(number)","reason":"Wateroverlast"}
                    """, token: number % 2 == 0 ? ol13 : voorzitter12).content.decode(AssistanceRequestDTO.self)
                let offered = try await post(app, "/api/v1/assistance-requests/\(request.id)/offers", #"{"capacityItem":"\#(pumps.id)","quantity":1}"#, token: rws)
                #expect(offered.status == .created, "\(offered.body.string)")
                pairs.append((request.id, try #require(try offered.content.decode(AssistanceRequestDTO.self).offers.first?.id), token))
            }
            let statuses = try await withThrowingTaskGroup(of: HTTPStatus.self) { group in
                for pair in pairs {
                    group.addTask {
                        try await HTTP.send(app, .POST, "/api/v1/assistance-requests/\(pair.request)/commitments",
                                            json: #"{"offer":"\#(pair.offer)"}"#, token: pair.token).status
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == .created }.count == 5)
            #expect(statuses.filter { $0 == .conflict }.count == 3)
            let after = try await line(app, holder: "RWS", type: "pomp")
            #expect(after.committed == 5 && after.available == 0)
            // The holder cannot lower its count below what is committed.
            let lowered = try await HTTP.send(app, .PATCH, "/api/v1/capacity/\(pumps.id)", json: """
                {"type":"pomp","label":"Steunpunt Lelystad","count":5,"unavailable":1,"baseVersion":1}
                """, token: rws)
            #expect(lowered.status == .conflict)
            #expect(HTTP.problemDetail(lowered).contains("5 committed"))
        }
    }

    @Test("CSV import names every bad row and imports nothing then; a good file adds and changes lines in one write")
    func csvImport() async throws {
        try await withTestApp { app in
            let im13 = try await HTTP.login(app, "im-vr13")
            func send(_ csv: String, token: String) async throws -> TestingHTTPResponse {
                try await HTTP.send(app, .POST, "/api/v1/capacity/import", token: token, headers: ["Content-Type": "text/csv"], body: csv)
            }
            let before = try await CapacityService(db: app.db, context: app.knooppunt).items(holder: "VR13")
            let bad = try await send(#"""
                type,label,count,unavailable,longitude,latitude
                pomp,Kazerne Diemen,3,0,4.96,52.34
                raket,Kazerne Diemen,1,0,,
                aggregaat,Kazerne Osdorp,twee,0,,
                drone,"Kazerne ""Oost""",2,0,4.9,
                """#, token: im13)
            #expect(bad.status == .unprocessableEntity)
            let detail = HTTP.problemDetail(bad)
            #expect(detail.contains("row 3: unknown type 'raket'"))
            #expect(detail.contains("row 4: 'count' is 'twee'"))
            #expect(detail.contains("row 5: give both longitude and latitude"))
            #expect(try await CapacityService(db: app.db, context: app.knooppunt).items(holder: "VR13") == before, "nothing half-imported")

            let good = try await send(
                "type,label,count,unavailable,keep_for_own,readiness_minutes\r\npomp,Kazerne Diemen,5,1,1,25\r\n"
                    + #"drone,"Kazerne ""Oost""",2,0,0,10"# + "\r\n", token: im13)
            #expect(good.status == .ok, "\(good.body.string)")
            let result = try good.content.decode(CapacityService.ImportResult.self)
            #expect(result.added == 1 && result.changed == 1)
            #expect(try await line(app, holder: "VR13", type: "drone").label == #"Kazerne "Oost""#)
            #expect(try await line(app, holder: "VR13", type: "pomp").count == 5)
            // Another organisation's lines are not imported by VR13.
            let foreign = try await HTTP.send(app, .POST, "/api/v1/capacity/import?holder=VR12", token: im13,
                                              headers: ["Content-Type": "text/csv"], body: "type,label,count\npomp,X,1\n")
            #expect(foreign.status == .forbidden)
            #expect(try await HTTP.send(app, .POST, "/api/v1/capacity/import", token: im13, headers: ["Content-Type": "application/json"], body: "{}").status
                == .unsupportedMediaType)
        }
    }

    @Test("the broker proposes the nearest ready capacity, the holder confirms, the requester accepts; scarce allocation decisions are recorded with their reason")
    func brokering() async throws {
        try await withTestApp { app in
            let im13 = try await HTTP.login(app, "im-vr13")
            let analyst = try await HTTP.login(app, "analist-kcr2")
            let im17 = try await HTTP.login(app, "im-vr17")
            let request = try await HTTP.send(app, .POST, "/api/v1/assistance-requests", json: """
                {"type":"hcp","quantity":3,"locationText":"Polder Ouderkerk","longitude":4.90,"latitude":52.29,"reason":"Polder loopt onder"}
                """, token: try await HTTP.login(app, "ol-vr13")).content.decode(AssistanceRequestDTO.self)
            #expect(try await HTTP.send(app, .GET, "/api/v1/capacity/broker", token: im13).status == .forbidden)
            let broker = try await HTTP.send(app, .GET, "/api/v1/capacity/broker", token: analyst).content.decode(BrokerDTO.self)
            let match = try #require(broker.matches.first { $0.request.id == request.id })
            #expect(match.needed == 3)
            // The national pool (Bunnik area) is closer than Rotterdam but takes two hours to ready; Rotterdam's two first.
            #expect(match.proposals.map(\.holder) == ["VR17", "KCR2"])
            #expect(match.proposals.map(\.quantity) == [2, 1])
            let first = try #require(match.proposals.first)
            let proposed = try await post(app, "/api/v1/assistance-requests/\(request.id)/proposals",
                                          #"{"capacityItem":"\#(first.capacityItem)","quantity":2}"#, token: analyst)
            #expect(proposed.status == .created, "\(proposed.body.string)")
            let offer = try #require(try proposed.content.decode(AssistanceRequestDTO.self).offers.first)
            #expect(offer.status == .proposed)
            let early = try await post(app, "/api/v1/assistance-requests/\(request.id)/commitments", #"{"offer":"\#(offer.id)"}"#, token: im13)
            #expect(early.status == .conflict && HTTP.problemDetail(early).contains("not confirmed"))
            #expect(try await post(app, "/api/v1/assistance-requests/\(request.id)/offers/\(offer.id)/confirm", token: im17).status == .ok)
            #expect(try await post(app, "/api/v1/assistance-requests/\(request.id)/commitments", #"{"offer":"\#(offer.id)"}"#, token: im13).status == .created)

            let decision = try await post(app, "/api/v1/capacity/allocation-decisions", """
                {"type":"hcp","authority":"minister-jenv","decision":"Alle HCP's eerst naar Ouderkerk","reason":"Meerdere polders lopen onder; Ouderkerk heeft de meeste inwoners","priorities":["\(request.number)"]}
                """, token: analyst)
            #expect(decision.status == .created, "\(decision.body.string)")
            #expect(try await post(app, "/api/v1/capacity/allocation-decisions", """
                {"type":"hcp","authority":"minister-jenv","decision":"x","reason":"y"}
                """, token: im13).status == .forbidden)
            let missing = try await post(app, "/api/v1/capacity/allocation-decisions", """
                {"type":"hcp","authority":"minister-jenv","decision":"x","reason":"y","priorities":["BIJ-VR99-2026-0001"]}
                """, token: analyst)
            #expect(missing.status == .unprocessableEntity)
            let decisions = try await HTTP.send(app, .GET, "/api/v1/capacity/allocation-decisions", token: im13).content.decode([AllocationDecisionDTO].self)
            #expect(decisions.map(\.reason) == ["Meerdere polders lopen onder; Ouderkerk heeft de meeste inwoners"])

            // The national node does not decline on its own: not while the competent authority's decision gives
            // the request priority (decision 0020, bijstand follows authority) ...
            let prioritised = try await post(app, "/api/v1/assistance-requests/\(request.id)/decline", #"{"reason":"Toegewezen aan een andere regio"}"#, token: analyst)
            #expect(prioritised.status == .forbidden && HTTP.problemDetail(prioritised).contains("priority"))
            // ... and once a new decision of the minister leaves it out, the decline releases its commitments.
            let reallocated = try await post(app, "/api/v1/capacity/allocation-decisions", """
                {"type":"hcp","authority":"minister-jenv","decision":"HCP's naar de polders van Friesland","reason":"Dijkdoorbraak daar","priorities":[]}
                """, token: analyst)
            #expect(reallocated.status == .created)
            let declined = try await post(app, "/api/v1/assistance-requests/\(request.id)/decline", #"{"reason":"Toegewezen aan een andere regio"}"#, token: analyst)
            #expect(try declined.content.decode(AssistanceRequestDTO.self).status == .declined)
            #expect(try await line(app, holder: "VR17", type: "hcp").committed == 0)
        }
    }

    @Test("bad input names the problem and changes nothing; administrators keep only the catalogue")
    func badInputAndCatalogue() async throws {
        try await withTestApp { app in
            let im13 = try await HTTP.login(app, "im-vr13")
            let admin = try await HTTP.login(app, "admin")
            let rws = try await HTTP.login(app, "rws")
            let unknown = try await HTTP.send(app, .POST, "/api/v1/assistance-requests",
                                              json: #"{"type":"raket","quantity":1,"locationText":"x","reason":"y"}"#, token: im13)
            #expect(unknown.status == .unprocessableEntity && HTTP.problemDetail(unknown).contains("raket"))
            let zero = try await HTTP.send(app, .POST, "/api/v1/assistance-requests",
                                           json: #"{"type":"pomp","quantity":0,"locationText":"x","reason":"y"}"#, token: im13)
            #expect(zero.status == .unprocessableEntity && HTTP.problemDetail(zero).contains("quantity"))
            let extra = try await HTTP.send(app, .POST, "/api/v1/assistance-requests",
                                            json: #"{"type":"pomp","quantity":1,"locationText":"x","reason":"y","priority":"hoog"}"#, token: im13)
            #expect(extra.status == .unprocessableEntity && HTTP.problemDetail(extra).contains("priority"))
            #expect(try await HTTP.send(app, .POST, "/api/v1/assistance-requests",
                                        json: #"{"type":"pomp","quantity":1,"locationText":"x","reason":"y"}"#, token: rws).status == .forbidden)
            #expect(try await AssistanceRequestModel.query(on: app.db).count() == 0, "nothing stored")

            // A partner sees a request but not which incident it is for, unless it may read that incident.
            let incident = try await Picture.createIncident(app, token: im13, title: "Dijkdoorbraak")
            let linked = try await HTTP.send(app, .POST, "/api/v1/assistance-requests",
                json: #"{"type":"pomp","quantity":1,"incident":"\#(incident.id)","locationText":"Dijk","reason":"Water in de polder"}"#,
                token: try await HTTP.login(app, "ol-vr13")).content.decode(AssistanceRequestDTO.self)
            #expect(linked.incident == incident.id)
            let seen = try await HTTP.send(app, .GET, "/api/v1/assistance-requests/\(linked.id)", token: rws).content.decode(AssistanceRequestDTO.self)
            #expect(seen.incident == nil)
            let all = try await HTTP.send(app, .GET, "/api/v1/assistance-requests", token: rws).content.decode([AssistanceRequestDTO].self)
            #expect(!all.isEmpty && all.allSatisfy { $0.incident == nil })
            #expect(try await HTTP.send(app, .GET, "/api/v1/capacity", token: admin).status == .forbidden)
            let added = try await HTTP.send(app, .POST, "/api/v1/capacity/types",
                                            json: #"{"code":"bluswaterschip","nl":"Blusboot","en":"Fireboat","category":"brandweer"}"#, token: admin)
            #expect(added.status == .created, "\(added.body.string)")
            #expect(try await HTTP.send(app, .POST, "/api/v1/capacity/types",
                                        json: #"{"code":"x2","nl":"x","en":"x","category":"brandweer"}"#, token: im13).status == .forbidden)
            let types = try await HTTP.send(app, .GET, "/api/v1/capacity/types", token: im13).content.decode([CapacityTypeDTO].self)
            #expect(types.contains { $0.code == "bluswaterschip" })
        }
    }

    @Test("a regional node's capacity and open requests reach the national overview with their source, changes included")
    func federatedOverview() async throws {
        try await withNodePair { kcr2, vr13 in
            let national = try #require(kcr2.app)
            let region = try #require(vr13.app)
            let im = try await HTTP.login(region, "im-vr13")
            let added = try await HTTP.send(region, .POST, "/api/v1/capacity", json: """
                {"type":"aggregaat","label":"Kazerne Osdorp","count":3,"readinessMinutes":15,"longitude":4.80,"latitude":52.36}
                """, token: im)
            #expect(added.status == .created, "\(added.body.string)")
            let request = try await HTTP.send(region, .POST, "/api/v1/assistance-requests", json: """
                {"type":"hcp","quantity":1,"locationText":"Polder Ouderkerk","reason":"Polder loopt onder"}
                """, token: try await HTTP.login(region, "ol-vr13")).content.decode(AssistanceRequestDTO.self)
            let delivered = try await FederationOutbox(db: region.db, context: region.knooppunt).deliverDue(transport: HTTPNodeTransport())
            #expect(delivered == 3, "a snapshot after the line, a snapshot and the request after the request")

            let analyst = try await HTTP.login(national, "analist-kcr2")
            var overview = try await HTTP.send(national, .GET, "/api/v1/capacity/overview", token: analyst).content.decode(CapacityOverviewDTO.self)
            let generators = overview.rows.first { $0.type == "aggregaat" && $0.holder == "VR13" }
            #expect(generators?.source == "vr13" && generators?.available == 3)
            #expect(overview.rows.contains { $0.holder == "KCR2" && $0.source == nil }, "the national pool is the national node's own")
            #expect(overview.remoteRequests.map(\.request.number) == [request.number])
            #expect(overview.remoteRequests.first?.node == "vr13")
            #expect(overview.sources.map(\.node) == ["vr13"])

            // Withdrawn on the region: no longer open nationally.
            _ = try await HTTP.send(region, .POST, "/api/v1/assistance-requests/\(request.id)/withdraw", json: "{}", token: im)
            _ = try await FederationOutbox(db: region.db, context: region.knooppunt).deliverDue(transport: HTTPNodeTransport())
            overview = try await HTTP.send(national, .GET, "/api/v1/capacity/overview", token: analyst).content.decode(CapacityOverviewDTO.self)
            #expect(overview.remoteRequests.isEmpty)
        }
    }
}
