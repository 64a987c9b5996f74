import Fluent
import Foundation
import KnooppuntCore
import Testing
import Vapor
import VaporTesting

@testable import KnooppuntServer

/// Helpers for the dependency model (decision 0032).
enum Dependencies {
    static func pump(key: String = "vr13-gemaal-test", name: String = "Gemaal Test", lon: Double = 4.88, lat: Double = 52.30,
                     region: String = "VR13", owner: String = "WS-AGV", baseVersion: Int? = nil) -> String {
        var fields = [
            #""key":"\#(key)""#, #""kind":"object""#, #""name":"\#(name)""#, #""objectType":"pumping-station""#,
            #""process":"vp-keren-en-beheren-waterkwantiteit""#, #""owner":"\#(owner)""#, #""region":"\#(region)""#,
            #""location":{"lon":\#(lon),"lat":\#(lat)}"#,
        ]
        if let baseVersion { fields.append(#""baseVersion":\#(baseVersion)"#) }
        return "{" + fields.joined(separator: ",") + "}"
    }

    static func edge(_ node: String, on dependsOn: String, delay: Int = 60, probability: Double = 0.5, baseVersion: Int? = nil) -> String {
        var body = #"{"node":"\#(node)","dependsOn":"\#(dependsOn)","delayMinutes":\#(delay),"probability":\#(probability),"source":{"kind":"assumption","reference":"Aanname van de test"}"#
        if let baseVersion { body += #","baseVersion":\#(baseVersion)"# }
        return body + "}"
    }

    static func model(_ app: Application, _ token: String) async throws -> DependencyStore.ModelDTO {
        try await HTTP.send(app, .GET, "/api/v1/dependencies", token: token).content.decode(DependencyStore.ModelDTO.self)
    }

    static func cascade(_ app: Application, _ token: String, _ body: String) async throws -> TestingHTTPResponse {
        try await HTTP.send(app, .POST, "/api/v1/dependencies/cascade", json: body, token: token)
    }

    static func steps(_ cascade: DependencyStore.CascadeDTO) -> [String] { cascade.waves.flatMap { $0.steps.map(\.node.key) } }
}

@Suite("Dependency model: kept by regions and owners, versioned, classified, imported all or nothing; what follows")
struct DependencyModelApiTests {
    @Test("the risk advisor records, changes and withdraws an object; each change is a version; a stale change is refused; all journaled")
    func edits() async throws {
        try await withTestApp(clock: ManualClock(Picture.start)) { app in
            let advisor = try await HTTP.login(app, "risicoadviseur-vr13")
            let created = try await HTTP.send(app, .POST, "/api/v1/dependencies/nodes", json: Dependencies.pump(), token: advisor)
            #expect(created.status == .created, "\(created.body.string)")
            let node = try created.content.decode(DependencyStore.NodeDTO.self)
            #expect(node.version == 1 && node.classification == .confidential, "a vulnerable object is confidential by default")
            #expect(node.municipality == "GM0362", "worked out from the location: Amstelveen")
            let twice = try await HTTP.send(app, .POST, "/api/v1/dependencies/nodes", json: Dependencies.pump(), token: advisor)
            #expect(twice.status == .conflict)

            let edge = try await HTTP.send(app, .PUT, "/api/v1/dependencies/edges", json: Dependencies.edge("vr13-gemaal-test", on: "vr13-onderstation-diemen"), token: advisor)
            #expect(edge.status == .ok, "\(edge.body.string)")
            let changed = try await HTTP.send(app, .PUT, "/api/v1/dependencies/nodes/vr13-gemaal-test",
                                              json: Dependencies.pump(name: "Gemaal Test-Noord", baseVersion: 1), token: advisor)
            #expect(changed.status == .ok, "\(changed.body.string)")
            let stale = try await HTTP.send(app, .PUT, "/api/v1/dependencies/nodes/vr13-gemaal-test",
                                            json: Dependencies.pump(name: "Gemaal Oud", baseVersion: 1), token: advisor)
            #expect(stale.status == .conflict, "a change made on version 1 while the node is at 2")

            let withdrawn = try await HTTP.send(app, .POST, "/api/v1/dependencies/nodes/vr13-gemaal-test/withdrawal",
                                                json: #"{"reason":"Gemaal gesloopt","baseVersion":2}"#, token: advisor)
            #expect(withdrawn.status == .ok, "\(withdrawn.body.string)")
            let model = try await Dependencies.model(app, advisor)
            #expect(!model.nodes.contains { $0.key == "vr13-gemaal-test" })
            #expect(!model.edges.contains { $0.node == "vr13-gemaal-test" }, "its edges left with it")
            let detail = try await HTTP.send(app, .GET, "/api/v1/dependencies/nodes/vr13-gemaal-test", token: advisor)
            #expect(detail.status == .notFound)

            let nodeEvents = try await JournalEventModel.query(on: app.db).filter(\.$kind == "dependency.node-recorded").sort(\.$id).all()
                .compactMap { try $0.record.event(as: DependencyNodeRecorded.self) }.filter { $0.node == "vr13-gemaal-test" }
            #expect(nodeEvents.map(\.change) == ["created", "changed", "withdrawn"])
            #expect(nodeEvents.allSatisfy { $0.name == nil }, "a confidential object's name stays out of the journal")
            let edgeEvents = try await JournalEventModel.query(on: app.db).filter(\.$kind == "dependency.edge-recorded").sort(\.$id).all()
                .compactMap { try $0.record.event(as: DependencyEdgeRecorded.self) }.filter { $0.node == "vr13-gemaal-test" }
            #expect(edgeEvents.map(\.change) == ["created", "withdrawn"])
        }
    }

    @Test("bad nodes are refused with the field named, and nothing changes: wrong region, unknown owner, no source, not the keeper")
    func refusals() async throws {
        try await withTestApp(clock: ManualClock(Picture.start)) { app in
            let advisor = try await HTTP.login(app, "risicoadviseur-vr13")
            let before = try await DependencyNodeModel.query(on: app.db).count()
            let rotterdam = try await HTTP.send(app, .POST, "/api/v1/dependencies/nodes", json: Dependencies.pump(lon: 4.48, lat: 51.92), token: advisor)
            #expect(rotterdam.status == .unprocessableEntity && Risks.field(rotterdam) == "location", "\(rotterdam.body.string)")
            #expect(rotterdam.body.string.contains("VR17"))
            let owner = try await HTTP.send(app, .POST, "/api/v1/dependencies/nodes", json: Dependencies.pump(owner: "NOBODY"), token: advisor)
            #expect(owner.status == .unprocessableEntity && Risks.field(owner) == "owner")
            let key = try await HTTP.send(app, .POST, "/api/v1/dependencies/nodes", json: Dependencies.pump(key: "Gemaal 1"), token: advisor)
            #expect(key.status == .unprocessableEntity && Risks.field(key) == "key")
            let process = try await HTTP.send(app, .POST, "/api/v1/dependencies/nodes",
                                              json: #"{"key":"vp-nieuw","kind":"process","name":"Nieuw proces"}"#, token: advisor)
            #expect(process.status == .forbidden, "the vital processes are the national list")
            let noSource = try await HTTP.send(app, .PUT, "/api/v1/dependencies/edges",
                                               json: #"{"node":"vr13-gemaal-ouderkerk","dependsOn":"vr13-telefonie","delayMinutes":5,"probability":0.5,"source":{"kind":"seed","reference":""}}"#,
                                               token: advisor)
            #expect(noSource.status == .unprocessableEntity && Risks.field(noSource) == "source.reference")
            let voorzitter = try await HTTP.send(app, .POST, "/api/v1/dependencies/nodes", json: Dependencies.pump(), token: try await HTTP.login(app, "voorzitter-vr13"))
            #expect(voorzitter.status == .forbidden)
            let otherRegion = try await HTTP.send(app, .POST, "/api/v1/dependencies/nodes", json: Dependencies.pump(), token: try await HTTP.login(app, "im-vr17"))
            #expect(otherRegion.status == .forbidden)
            let partner = try await HTTP.send(app, .POST, "/api/v1/dependencies/nodes", json: Dependencies.pump(owner: "WATERNET"), token: try await HTTP.login(app, "agv"))
            #expect(partner.status == .forbidden, "a partner keeps what it owns, not another's objects")
            let own = try await HTTP.send(app, .POST, "/api/v1/dependencies/nodes", json: Dependencies.pump(key: "vr13-gemaal-agv"), token: try await HTTP.login(app, "agv"))
            #expect(own.status == .created, "the water board records its own pumping station")
            let malformed = try await HTTP.send(app, .POST, "/api/v1/dependencies/nodes", json: #"{"key":"x","kind":"object","name":1}"#, token: advisor)
            #expect(malformed.status == .badRequest || malformed.status == .unprocessableEntity)
            #expect(try await DependencyNodeModel.query(on: app.db).count() == before + 1)
        }
    }

    @Test("a partner without rights sees no confidential object, nor its edges, nor through a cascade; its owner and its region do")
    func classification() async throws {
        try await withTestApp(clock: ManualClock(Picture.start)) { app in
            let waternet = try await HTTP.login(app, "waternet")
            let agv = try await HTTP.login(app, "agv")
            let im13 = try await HTTP.login(app, "im-vr13")
            let im17 = try await HTTP.login(app, "im-vr17")
            let seen = try await Dependencies.model(app, waternet)
            #expect(!seen.nodes.contains { $0.key == "vr13-gemaal-amstelveen" || $0.key == "vr13-onderstation-diemen" })
            #expect(!seen.edges.contains { $0.node.contains("gemaal") || $0.dependsOn.contains("gemaal") || $0.dependsOn == "vr13-onderstation-diemen" })
            #expect(seen.nodes.contains { $0.key == "vp-elektriciteit-regionaal" }, "the vital processes are public")
            #expect(try await Dependencies.model(app, agv).nodes.contains { $0.key == "vr13-gemaal-amstelveen" }, "the water board sees its own")
            #expect(try await Dependencies.model(app, im13).nodes.contains { $0.key == "vr13-onderstation-diemen" }, "the region sees what lies in it")
            #expect(try await !Dependencies.model(app, im17).nodes.contains { $0.key == "vr13-onderstation-diemen" }, "another region does not")
            let hidden = try await HTTP.send(app, .GET, "/api/v1/dependencies/nodes/vr13-gemaal-amstelveen", token: waternet)
            #expect(hidden.status == .notFound, "not 403: its existence stays hidden too")
            let export = try await HTTP.send(app, .GET, "/api/v1/dependencies/export?format=geojson", token: waternet)
            #expect(export.status == .ok && !export.body.string.contains("gemaal"))

            let power = #"{"nodes":["vp-elektriciteit-regionaal"]}"#
            let full = try await Dependencies.cascade(app, im13, power).content.decode(DependencyStore.CascadeDTO.self)
            #expect(Dependencies.steps(full).contains("vr13-gemaal-amstelveen"))
            #expect(Dependencies.steps(full).contains("vr13-drinkwater-amsterdam-zuid"))
            let partial = try await Dependencies.cascade(app, waternet, power).content.decode(DependencyStore.CascadeDTO.self)
            #expect(Dependencies.steps(partial) == ["vp-elektriciteit-regionaal"], "the path runs through the confidential substation: hidden")
            #expect(!partial.partners.contains { $0.code == "WS-AGV" })
            let asked = try await Dependencies.cascade(app, waternet, #"{"nodes":["vr13-onderstation-diemen"]}"#)
            #expect(asked.status == .notFound, "a failure of what the reader may not see is not computed")
            let admin = try await HTTP.send(app, .GET, "/api/v1/dependencies", token: try await HTTP.login(app, "admin"))
            #expect(admin.status == .forbidden)
        }
    }

    @Test("an import is all or nothing, every bad item named; an export imports again unchanged")
    func importAndExport() async throws {
        try await withTestApp(clock: ManualClock(Picture.start)) { app in
            let advisor = try await HTTP.login(app, "risicoadviseur-vr13")
            let nodesBefore = try await DependencyNodeModel.query(on: app.db).count()
            let edgesBefore = try await DependencyEdgeModel.query(on: app.db).count()
            let bad = """
            {"nodes":[\(Dependencies.pump(key: "vr13-gemaal-a")),\(Dependencies.pump(key: "vr13-gemaal-b", lon: 4.48, lat: 51.92)),
            {"key":"vr13-zonder-plaats","kind":"object","name":"Zonder plaats","objectType":"sluice","process":"vp-scheepvaartafwikkeling","owner":"RWS","region":"VR13"}],
             "edges":[\(Dependencies.edge("vr13-gemaal-a", on: "vr13-bestaat-niet")),\(Dependencies.edge("vr13-gemaal-a", on: "vr13-onderstation-diemen", probability: 7))]}
            """
            let refused = try await HTTP.send(app, .POST, "/api/v1/dependencies/import", json: bad, token: advisor)
            #expect(refused.status == .unprocessableEntity)
            for item in ["nodes[1].location", "nodes[2].location", "edges[0].dependsOn", "edges[1].probability"] {
                #expect(refused.body.string.contains(item), "names \(item): \(refused.body.string)")
            }
            #expect(try await DependencyNodeModel.query(on: app.db).count() == nodesBefore, "nothing taken in")
            #expect(try await DependencyEdgeModel.query(on: app.db).count() == edgesBefore)

            let good = """
            {"nodes":[\(Dependencies.pump(key: "vr13-gemaal-a"))],"edges":[\(Dependencies.edge("vr13-gemaal-a", on: "vr13-onderstation-diemen"))]}
            """
            let taken = try await HTTP.send(app, .POST, "/api/v1/dependencies/import", json: good, token: advisor)
            #expect(taken.status == .ok, "\(taken.body.string)")
            #expect(try taken.content.decode(DependencyStore.ImportResult.self) == .init(nodesCreated: 1, nodesChanged: 0, edgesCreated: 1, edgesChanged: 0, unchanged: 0))

            let forbidden = try await HTTP.send(app, .POST, "/api/v1/dependencies/import", json: good, token: try await HTTP.login(app, "im-vr17"))
            #expect(forbidden.status == .unprocessableEntity && forbidden.body.string.contains("edges[0].dependsOn"),
                    "a node VR17 may not see answers like one that does not exist: \(forbidden.body.string)")
            let partner = """
            {"nodes":[\(Dependencies.pump(key: "vr13-gemaal-z", owner: "RWS"))]}
            """
            let notOwn = try await HTTP.send(app, .POST, "/api/v1/dependencies/import", json: partner, token: try await HTTP.login(app, "agv"))
            #expect(notOwn.status == .forbidden && notOwn.body.string.contains("nodes[0]"), "\(notOwn.body.string)")

            // GeoJSON too: the export imports again unchanged, and a bad feature is named
            let geojson = try await HTTP.send(app, .GET, "/api/v1/dependencies/export?format=geojson", token: advisor)
            var geoRequest = HTTPHeaders()
            geoRequest.bearerAuthorization = .init(token: advisor)
            geoRequest.contentType = HTTPMediaType(type: "application", subType: "geo+json")
            let geoAgain = try await app.testing().sendRequest(.POST, "/api/v1/dependencies/import", headers: geoRequest,
                                                               body: ByteBuffer(string: geojson.body.string))
            #expect(geoAgain.status == .ok, "\(geoAgain.body.string)")
            let geoResult = try geoAgain.content.decode(DependencyStore.ImportResult.self)
            #expect(geoResult.nodesCreated == 0 && geoResult.nodesChanged == 0 && geoResult.edgesChanged == 0 && geoResult.unchanged > 5)
            let polygon = #"{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Polygon","coordinates":[]},"properties":{}}]}"#
            let geoBad = try await app.testing().sendRequest(.POST, "/api/v1/dependencies/import", headers: geoRequest, body: ByteBuffer(string: polygon))
            #expect(geoBad.status == .unprocessableEntity && geoBad.body.string.contains("features[0]"))

            let exported = try await HTTP.send(app, .GET, "/api/v1/dependencies/export", token: advisor)
            #expect(exported.status == .ok)
            let again = try await HTTP.send(app, .POST, "/api/v1/dependencies/import", json: exported.body.string, token: advisor)
            #expect(again.status == .ok, "\(again.body.string)")
            let result = try again.content.decode(DependencyStore.ImportResult.self)
            #expect(result.nodesCreated == 0 && result.nodesChanged == 0 && result.edgesCreated == 0 && result.edgesChanged == 0 && result.unchanged > 10)
        }
    }

    @Test("what follows a disruption of the port system: in waves, every step explained with its source; the other region to inform")
    func portCascade() async throws {
        try await withTestApp(clock: ManualClock(Picture.start)) { app in
            let im17 = try await HTTP.login(app, "im-vr17")
            let response = try await Dependencies.cascade(app, im17, #"{"nodes":["vr17-havensysteem"]}"#)
            #expect(response.status == .ok, "\(response.body.string)")
            let cascade = try response.content.decode(DependencyStore.CascadeDTO.self)
            let order = Dependencies.steps(cascade)
            let chain = ["vr17-havensysteem", "vr17-containerterminal", "vr17-aanvoerroutes", "vr17-bereikbaarheid-hulpdiensten", "vr18-chemietrein-stedelijk"]
            #expect(chain.compactMap { order.firstIndex(of: $0) } == chain.compactMap { order.firstIndex(of: $0) }.sorted() && chain.allSatisfy(order.contains))
            #expect(cascade.waves.first?.label == "Direct (T+0)")
            let road = try #require(cascade.waves.flatMap(\.steps).first { $0.node.key == "vr17-aanvoerroutes" })
            #expect(road.atLabel == "T+1 uur")
            #expect(road.via?.source == "Bronnotitie digitale ontwrichting, regels 165-167" && road.via?.sourceKind == .seed)
            #expect(road.explanation.contains("hangt af van Containerterminal Maasvlakte-Noord"))
            #expect(cascade.regionsToInform.map(\.code) == ["VR18"] && cascade.crossesRegions)
            #expect(cascade.partners.map(\.code).contains("PRORAIL"))

            let area = #"{"area":{"type":"Polygon","coordinates":[[[4.8,52.25],[5.0,52.25],[5.0,52.4],[4.8,52.4],[4.8,52.25]]]},"areaProcess":"vp-elektriciteit-regionaal"}"#
            let local = try await Dependencies.cascade(app, try await HTTP.login(app, "im-vr13"), area).content.decode(DependencyStore.CascadeDTO.self)
            #expect(Dependencies.steps(local).first == "vp-elektriciteit-regionaal" && Dependencies.steps(local).contains("vr13-gemaal-amstelveen"))
            let point = try await Dependencies.cascade(app, im17, #"{"area":{"type":"Point","coordinates":[4.0,52.0]}}"#)
            #expect(point.status == .unprocessableEntity)
            let none = try await Dependencies.cascade(app, im17, #"{}"#)
            #expect(none.status == .unprocessableEntity)
        }
    }

    @Test("on a port disruption: what follows from the incident's area; a step becomes an unverified entry; the owner is alerted once")
    func incidentWhatFollows() async throws {
        try await withTestApp(clock: ManualClock(Picture.start)) { app in
            let im17 = try await HTTP.login(app, "im-vr17")
            let created = try await HTTP.send(app, .POST, "/api/v1/incidents", json: """
                {"title":"Storing havensysteem Maasvlakte","category":"digitale-ontwrichting","location":{"type":"Point","coordinates":[4.04,51.96]}}
                """, token: im17)
            #expect(created.status == .created, "\(created.body.string)")
            let incident = try created.content.decode(IncidentView.self)
            let path = "/api/v1/incidents/\(incident.id)/what-follows"
            let result = try await HTTP.send(app, .GET, path, token: im17).content.decode(IncidentCascades.ResultDTO.self)
            #expect(result.fromArea && Set(result.failing.map(\.key)) == ["vr17-havensysteem", "vr17-containerterminal"], "within 2 km of the location")
            #expect(Dependencies.steps(result.cascade).contains("vr18-chemietrein-stedelijk"))
            #expect(result.cascade.regionsToInform.map(\.code) == ["VR18"])

            let entry = try await HTTP.send(app, .POST, "\(path)/entries", json: #"{"node":"vr17-aanvoerroutes"}"#, token: im17)
            #expect(entry.status == .created, "\(entry.body.string)")
            let picture = try await Picture.picture(app, incident.id, token: im17)
            let made = try #require(picture.entries.first { $0.source == IncidentCascades.entrySource })
            #expect(made.text.contains("Doorstroming aanvoerroutes haven") && made.text.contains("T+1 uur"))
            #expect(made.verification == .unverified)
            let twice = try await HTTP.send(app, .POST, "\(path)/entries", json: #"{"node":"vr17-aanvoerroutes"}"#, token: im17)
            #expect(twice.status == .conflict, "a step becomes one entry")
            let again2 = try await HTTP.send(app, .GET, path, token: im17).content.decode(IncidentCascades.ResultDTO.self)
            #expect(again2.reported == ["vr17-aanvoerroutes"])
            let notFollowing = try await HTTP.send(app, .POST, "\(path)/entries", json: #"{"node":"vr13-telefonie"}"#, token: im17)
            #expect(notFollowing.status == .unprocessableEntity)

            let alert = try await HTTP.send(app, .POST, "\(path)/alerts", json: #"{"partner":"PRORAIL","node":"vr18-chemietrein-stedelijk"}"#, token: im17)
            #expect(alert.status == .created, "\(alert.body.string)")
            let again = try await HTTP.send(app, .POST, "\(path)/alerts", json: #"{"partner":"PRORAIL","node":"vr17-havenspoorlijn"}"#, token: im17)
            #expect(again.status == .conflict, "one alert per partner per incident")
            let wrong = try await HTTP.send(app, .POST, "\(path)/alerts", json: #"{"partner":"KPN","node":"vr17-aanvoerroutes"}"#, token: im17)
            #expect(wrong.status == .unprocessableEntity && Risks.field(wrong) == "partner")
            let alerts = try await PartnerAlertModel.query(on: app.db).filter(\.$incidentID == incident.id).all()
            #expect(alerts.map(\.organisationCode).contains("PRORAIL"))
            let reason = try #require(alerts.first { $0.organisationCode == "PRORAIL" }?.reason)
            #expect(reason.contains("Trein met chemische lading") && !reason.contains("Havenspoorlijn"), "the alert names only ProRail's own step")
            let partner = try await HTTP.send(app, .POST, "\(path)/alerts", json: #"{"partner":"RWS","node":"vr17-aanvoerroutes"}"#,
                                              token: try await HTTP.login(app, "im-vr13"))
            #expect(partner.status == .forbidden || partner.status == .notFound, "another region's staff do not act on the incident")
        }
    }
}

@Suite("Bestuurlijke netwerkkaart: per aspect and phase, gaps as gaps, per scenario; changed by administrators")
struct NetworkMapApiTests {
    @Test("the standard map shows its gaps; a scenario keeps the ministries whose processes it reaches")
    func readAndScenario() async throws {
        try await withTestApp(clock: ManualClock(Picture.start)) { app in
            let voorzitter = try await HTTP.login(app, "voorzitter-vr13")
            let whole = try await HTTP.send(app, .GET, "/api/v1/network-map", token: voorzitter).content.decode(NetworkMaps.MapDTO.self)
            #expect(whole.version == 0 && !whole.gaps.isEmpty)
            #expect(whole.gaps.contains { $0.aspect == .consequenceManagement && $0.phase == .warm },
                    "cybergevolgbestrijding is 'nog onontgonnen terrein' (004:L414-418)")
            let internet = try await HTTP.send(app, .GET, "/api/v1/network-map?phase=warm&process=vp-internettoegang-en-dataverkeer", token: voorzitter)
                .content.decode(NetworkMaps.MapDTO.self)
            #expect(internet.ministries.contains("EZK") && internet.responsibilities.allSatisfy { $0.phase == .warm })
            #expect(internet.responsibilities.contains { $0.actor == .voorzitterVeiligheidsregio })
            let water = try await HTTP.send(app, .GET, "/api/v1/network-map?process=vp-keren-en-beheren-waterkwantiteit", token: voorzitter)
                .content.decode(NetworkMaps.MapDTO.self)
            #expect(!water.ministries.contains("EZK") && !water.responsibilities.contains { $0.actor == .ministerEZK })
            let bad = try await HTTP.send(app, .GET, "/api/v1/network-map?phase=heet", token: voorzitter)
            #expect(bad.status == .unprocessableEntity)
            let csv = try await HTTP.send(app, .GET, "/api/v1/network-map/export?format=csv", token: voorzitter)
            #expect(csv.status == .ok && csv.body.string.hasPrefix("aspect,phase,actor"))
        }
    }

    @Test("an administrator records and removes a responsibility, each a version, journaled; others and stale changes are refused")
    func change() async throws {
        try await withTestApp(clock: ManualClock(Picture.start)) { app in
            let admin = try await HTTP.login(app, "admin")
            let record = #"{"baseVersion":0,"record":{"aspect":"public-order","phase":"lauw","actor":"burgemeester","dutyNl":"Noodbevel bij ernstige vrees voor wanordelijkheden","dutyEn":"Emergency order when serious disorder is feared","legalBasis":"Gemeentewet art. 175","clarity":"clear","source":"[PK] Gemeentewet art. 175"}}"#
            let recorded = try await HTTP.send(app, .POST, "/api/v1/network-map/changes", json: record, token: admin)
            #expect(recorded.status == .ok, "\(recorded.body.string)")
            let map = try recorded.content.decode(NetworkMaps.MapDTO.self)
            #expect(map.version == 1)
            #expect(map.responsibilities.contains { $0.actor == .burgemeester && $0.phase == .lauw && $0.aspect == .publicOrder && $0.clarity == .clear && $0.legalBasis == "Gemeentewet art. 175" })
            let stale = try await HTTP.send(app, .POST, "/api/v1/network-map/changes", json: record, token: admin)
            #expect(stale.status == .conflict)
            let remove = try await HTTP.send(app, .POST, "/api/v1/network-map/changes",
                                             json: #"{"baseVersion":1,"remove":{"aspect":"public-order","phase":"lauw","actor":"burgemeester"}}"#, token: admin)
            #expect(remove.status == .ok)
            let notAdmin = try await HTTP.send(app, .POST, "/api/v1/network-map/changes",
                                               json: record.replacingOccurrences(of: #""baseVersion":0"#, with: #""baseVersion":2"#),
                                               token: try await HTTP.login(app, "voorzitter-vr13"))
            #expect(notAdmin.status == .forbidden)
            let control = try await HTTP.send(app, .POST, "/api/v1/network-map/changes",
                                              json: record.replacingOccurrences(of: #""baseVersion":0"#, with: #""baseVersion":2"#)
                                                  .replacingOccurrences(of: "Noodbevel bij", with: "Noodbevel\\u0007bij"), token: admin)
            #expect(control.status == .unprocessableEntity && Risks.field(control) == "record.dutyNl", "\(control.body.string)")
            let events = try await JournalEventModel.query(on: app.db).filter(\.$kind == "network-map.changed").sort(\.$id).all()
                .compactMap { try $0.record.event(as: NetworkMapChanged.self) }
            #expect(events.map(\.version) == [1, 2])
        }
    }
}

@Suite("Scenario library: a named failure with its assumptions, run in the cold phase, the start of an exercise")
struct ScenarioApiTests {
    @Test("the risk advisor records a scenario; it runs on the reader's view; an exercise incident starts from it; others are refused")
    func scenarios() async throws {
        try await withTestApp(clock: ManualClock(Picture.start)) { app in
            let advisor = try await HTTP.login(app, "risicoadviseur-vr13")
            let body = #"{"title":"Uitval internetknooppunt","assumptions":"Een aanval legt het knooppunt zes uur stil.","failing":["vr13-internetknooppunt"]}"#
            let created = try await HTTP.send(app, .POST, "/api/v1/scenarios", json: body, token: advisor)
            #expect(created.status == .created, "\(created.body.string)")
            let scenario = try created.content.decode(Scenarios.SummaryDTO.self)
            #expect(scenario.scope == "VR13" && scenario.version == 1 && scenario.mayKeep)

            let run = try await HTTP.send(app, .GET, "/api/v1/scenarios/\(scenario.id)", token: try await HTTP.login(app, "im-vr13"))
                .content.decode(Scenarios.DetailDTO.self)
            #expect(Dependencies.steps(run.cascade).contains("vr13-bereikbaarheid-112"))
            #expect(Dependencies.steps(run.cascade).contains("vr13-openbare-orde"))

            let hidden = try await HTTP.send(app, .POST, "/api/v1/scenarios",
                                             json: #"{"title":"Stroom","assumptions":"Uitval van het onderstation.","failing":["vr13-onderstation-diemen"]}"#,
                                             token: try await HTTP.login(app, "im-vr17"))
            #expect(hidden.status == .notFound || hidden.status == .forbidden, "another region's confidential object, and not its keeper")
            let partner = try await HTTP.send(app, .GET, "/api/v1/scenarios/\(scenario.id)", token: try await HTTP.login(app, "waternet"))
            #expect(partner.status == .notFound, "a region's scenarios are for its staff and the national node")
            let empty = try await HTTP.send(app, .POST, "/api/v1/scenarios", json: #"{"title":"Leeg","assumptions":"Niets.","failing":[]}"#, token: advisor)
            #expect(empty.status == .unprocessableEntity && Risks.field(empty) == "failing")
            let stale = try await HTTP.send(app, .PUT, "/api/v1/scenarios/\(scenario.id)",
                                            json: body.replacingOccurrences(of: "}", with: #","baseVersion":0}"#), token: advisor)
            #expect(stale.status == .conflict)

            let exercise = try await HTTP.send(app, .POST, "/api/v1/scenarios/\(scenario.id)/exercise", token: try await HTTP.login(app, "im-vr13"))
            #expect(exercise.status == .created, "\(exercise.body.string)")
            struct Started: Decodable { var incident: UUID; var failing: [String] }
            let started = try exercise.content.decode(Started.self)
            let incident = try await Picture.picture(app, started.incident, token: try await HTTP.login(app, "im-vr13")).incident
            #expect(incident.exercise && incident.category == .digitaleOntwrichting && incident.title == "Oefening: Uitval internetknooppunt")
            let follows = try await HTTP.send(app, .GET, "/api/v1/incidents/\(started.incident)/what-follows?failing=vr13-internetknooppunt",
                                              token: try await HTTP.login(app, "im-vr13")).content.decode(IncidentCascades.ResultDTO.self)
            #expect(Dependencies.steps(follows.cascade).contains("vr13-bereikbaarheid-112"))
            let events = try await JournalEventModel.query(on: app.db).filter(\.$kind == "dependency.scenario-recorded").sort(\.$id).all()
                .compactMap { try $0.record.event(as: ScenarioRecorded.self) }
            #expect(events.contains { $0.scenario == scenario.id && $0.version == 1 })
        }
    }
}

@Suite("Cascades that cross regions reach the national map")
struct CascadeSharingTests {
    @Test("VR13 shares what may follow from a pumping station incident: the national node holds the steps that are not confidential")
    func nationally() async throws {
        try await ThreeNodes.run { nodes in
            // setup: the water board records a pumping station in Gooi en Vechtstreek (VR14) that depends on its Amstelveen station
            let agv = try await HTTP.login(nodes.vr13, "agv")
            let station = try await HTTP.send(nodes.vr13, .POST, "/api/v1/dependencies/nodes", json: """
                {"key":"vr14-gemaal-hilversum","kind":"object","name":"Gemaal Hilversum-Noord (fictief)","objectType":"pumping-station",
                 "process":"vp-keren-en-beheren-waterkwantiteit","owner":"WS-AGV","region":"VR14","location":{"lon":5.18,"lat":52.23},"classification":"internal"}
                """, token: agv)
            #expect(station.status == .created, "\(station.body.string)")
            #expect(try await HTTP.send(nodes.vr13, .PUT, "/api/v1/dependencies/edges",
                                        json: Dependencies.edge("vr14-gemaal-hilversum", on: "vr13-gemaal-amstelveen", delay: 120), token: agv).status == .ok)
            let im = try await HTTP.login(nodes.vr13, "im-vr13")
            let incident = try await HTTP.send(nodes.vr13, .POST, "/api/v1/incidents", json: """
                {"title":"Storing gemaal Bovenkerkerpolder","category":"uitval-nutsvoorziening","location":{"type":"Point","coordinates":[4.84,52.28]}}
                """, token: im).content.decode(IncidentView.self)

            // MUT: the IM shares what may follow; VR13 delivers
            let shared = try await HTTP.send(nodes.vr13, .POST, "/api/v1/incidents/\(incident.id)/what-follows/share", token: im)
            #expect(shared.status == .ok, "\(shared.body.string)")
            #expect(try await nodes.deliver(from: nodes.vr13) > 0)

            // validate: the national node holds the cascade; the confidential pumping station stays with the region
            let analyst = try await HTTP.login(nodes.kcr2, "analist-kcr2")
            let cascades = try await HTTP.send(nodes.kcr2, .GET, "/api/v1/national/cascades", token: analyst).content.decode([CascadeSharing.Shared].self)
            let cascade = try #require(cascades.first)
            #expect(cascade.incidentTitle == "Storing gemaal Bovenkerkerpolder" && cascade.regions == ["VR13", "VR14"])
            #expect(cascade.steps.map(\.key).contains("vr14-gemaal-hilversum"))
            #expect(!cascade.steps.contains { $0.key == "vr13-gemaal-amstelveen" } && cascade.withheld >= 1)
            let html = try await WebSession.login(nodes.kcr2, "analist-kcr2")
            let page = try await nodes.kcr2.testing().sendRequest(.GET, "/national", headers: html.cookieHeader).body.string
            #expect(page.contains("Gevolgen over regiogrenzen (1)") && page.contains("Gemaal Hilversum-Noord"))
            #expect(try await HTTP.send(nodes.kcr2, .GET, "/api/v1/national/cascades", token: try await HTTP.login(nodes.vr13, "im-vr13")).status == .unauthorized)

            // a cascade that stays within the region does not go up
            let local = try await HTTP.send(nodes.vr13, .POST, "/api/v1/incidents", json: """
                {"title":"Storing telefonie","category":"digitale-ontwrichting","location":{"type":"Point","coordinates":[4.93,52.362]}}
                """, token: im).content.decode(IncidentView.self)
            let stays = try await HTTP.send(nodes.vr13, .POST, "/api/v1/incidents/\(local.id)/what-follows/share", token: im)
            #expect(stays.status == .conflict)
        }
    }
}
