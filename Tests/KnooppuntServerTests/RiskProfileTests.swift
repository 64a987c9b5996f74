import Fluent
import Foundation
import KnooppuntCore
import Testing
import Vapor
import VaporTesting

@testable import KnooppuntServer

/// Helpers for the regional risk profiles (decision 0028).
enum Risks {
    static func body(title: String = "Uitval drinkwater Amstelveen", likelihood: String = "C", impacts: String = #"{"fysieke-veiligheid":"C"}"#,
                     careProfile: Bool = false, adoption: (String, String)? = nil, baseVersion: Int? = nil) -> String {
        var fields = [
            #""title":"\#(title)""#, #""scenario":"Een leidingbreuk laat 40.000 inwoners zonder drinkwater.""#,
            #""likelihood":"\#(likelihood)""#, #""impacts":\#(impacts)"#, #""capacities":["Noodwater","Informatiepunten"]"#,
            #""owner":"Risicoadviseur VR13""#, #""reviewOn":"2028-06-30""#, #""careProfile":\#(careProfile)"#,
        ]
        if let adoption { fields += [#""adoptedBy":"\#(adoption.0)""#, #""adoptedOn":"\#(adoption.1)""#] }
        if let baseVersion { fields.append(#""baseVersion":\#(baseVersion)"#) }
        return "{" + fields.joined(separator: ",") + "}"
    }

    static func field(_ response: TestingHTTPResponse) -> String? {
        let object = try? JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any]
        return object?["field"] as? String
    }

    static func csv(_ rows: [String]) -> String {
        ([RiskProfileCSV.header.joined(separator: ",")] + rows).joined(separator: "\n") + "\n"
    }

    static func count(_ app: Application) async throws -> Int { try await RegionalRiskModel.query(on: app.db).count() }
}

@Suite("Regional risk profile: kept by the region, versioned, adopted, imported all or nothing, side by side nationally")
struct RiskProfileApiTests {
    @Test("the risk advisor records and changes a risk; each change is a version; adoptions have their history; a stale change is refused")
    func versionsAndAdoption() async throws {
        try await withTestApp(clock: ManualClock(Picture.start)) { app in
            // setup
            let advisor = try await HTTP.login(app, "risicoadviseur-vr13")
            let path = "/api/v1/regions/VR13/risks"
            let before = try await HTTP.send(app, .GET, path, token: advisor).content.decode([RiskProfiles.RiskDTO].self)
            #expect(before.contains { $0.title == "Overstroming regionale wateren" }, "the demo's profile")

            // MUT: record, change, adopt, and a change on an old version
            let created = try await HTTP.send(app, .POST, path, json: Risks.body(), token: advisor)
            #expect(created.status == .created, "\(created.body.string)")
            let risk = try created.content.decode(RiskProfiles.RiskDTO.self)
            #expect(risk.version == 1 && risk.impact == .c && risk.adoptedBy == nil && risk.recordedByName == "Femke de Wit")
            let changed = try await HTTP.send(app, .PUT, "/api/v1/risks/\(risk.id)",
                                              json: Risks.body(likelihood: "D", impacts: #"{"fysieke-veiligheid":"C","economische-veiligheid":"D"}"#, baseVersion: 1),
                                              token: advisor)
            #expect(changed.status == .ok, "\(changed.body.string)")
            let adopted = try await HTTP.send(app, .PUT, "/api/v1/risks/\(risk.id)",
                                              json: Risks.body(likelihood: "D", impacts: #"{"fysieke-veiligheid":"C","economische-veiligheid":"D"}"#,
                                                               adoption: ("Algemeen bestuur Veiligheidsregio Amsterdam-Amstelland", "2027-01-14"), baseVersion: 2),
                                              token: advisor)
            #expect(adopted.status == .ok)
            let stale = try await HTTP.send(app, .PUT, "/api/v1/risks/\(risk.id)", json: Risks.body(likelihood: "E", baseVersion: 2), token: advisor)
            #expect(stale.status == .conflict, "a change made on version 2 while the risk is at 3")
            let readopted = try await HTTP.send(app, .PUT, "/api/v1/risks/\(risk.id)",
                                                json: Risks.body(likelihood: "D", impacts: #"{"fysieke-veiligheid":"C","economische-veiligheid":"D"}"#,
                                                                 adoption: ("Algemeen bestuur Veiligheidsregio Amsterdam-Amstelland", "2027-01-15"), baseVersion: 3),
                                                token: advisor)
            #expect(readopted.status == .ok)

            // validate: the risk now, its versions, its adoptions, the journal
            let detail = try await HTTP.send(app, .GET, "/api/v1/risks/\(risk.id)", token: try await HTTP.login(app, "waternet"))
                .content.decode(RiskProfiles.DetailDTO.self)
            #expect(detail.risk.version == 4 && detail.risk.likelihood == .d && detail.risk.impact == .d, "impact is the most severe class")
            #expect(detail.risk.adoptedOn == "2027-01-15")
            #expect(detail.history.map(\.change) == [.adopted, .adopted, .changed, .created], "newest first")
            #expect(detail.history.last?.likelihood == .c, "the first version stays as it was")
            #expect(detail.adoptions.map(\.adoptedOn) == ["2027-01-15", "2027-01-14"])
            let events = try await JournalEventModel.query(on: app.db).filter(\.$kind == "risk.recorded").sort(\.$id).all()
            let recorded = try events.map { try #require(try $0.record.event(as: RiskRecorded.self)) }.filter { $0.risk == risk.id }
            #expect(recorded.map(\.version) == [1, 2, 3, 4])
            #expect(recorded.map(\.change) == ["created", "changed", "adopted", "adopted"])
            #expect(events.last?.actor == "risicoadviseur-vr13")
        }
    }

    @Test("only the region's risk advisor and directeur keep its profile, the DPG its zorgrisicoprofiel; a refusal changes nothing")
    func whoKeepsIt() async throws {
        try await withTestApp(clock: ManualClock(Picture.start)) { app in
            let path = "/api/v1/regions/VR13/risks"
            let rows = try await Risks.count(app)
            let journal = try await HTTP.journalLength(app)
            for user in ["im-vr13", "voorzitter-vr13", "waternet", "risicoadviseur-vr13"] where user != "risicoadviseur-vr13" {
                let refused = try await HTTP.send(app, .POST, path, json: Risks.body(), token: try await HTTP.login(app, user))
                #expect(refused.status == .forbidden, "\(user): \(refused.body.string)")
            }
            let otherRegion = try await HTTP.send(app, .POST, "/api/v1/regions/VR12/risks", json: Risks.body(),
                                                  token: try await HTTP.login(app, "risicoadviseur-vr13"))
            #expect(otherRegion.status == .forbidden, "VR13's advisor does not keep VR12's profile")
            let dpg = try await HTTP.login(app, "dpg-vr13")
            #expect(try await HTTP.send(app, .POST, path, json: Risks.body(), token: dpg).status == .forbidden, "the DPG keeps only the zorgrisicoprofiel")
            let directeur = try await HTTP.login(app, "directeur-vr13")
            #expect(try await HTTP.send(app, .POST, path, json: Risks.body(careProfile: true), token: directeur).status == .forbidden)
            #expect(try await Risks.count(app) == rows)
            #expect(try await HTTP.journalLength(app) > journal, "logins are journaled")
            #expect(try await JournalEventModel.query(on: app.db).filter(\.$kind == "risk.recorded").filter(\.$id > journal).count() == 0)

            #expect(try await HTTP.send(app, .POST, path, json: Risks.body(careProfile: true), token: dpg).status == .created)
            #expect(try await HTTP.send(app, .POST, path, json: Risks.body(title: "Stormschade"), token: directeur).status == .created)
            let duplicate = try await HTTP.send(app, .POST, path, json: Risks.body(title: "  stormschade "), token: directeur)
            #expect(duplicate.status == .conflict && Risks.field(duplicate) == "title", "the same title, case and spaces aside")
        }
    }

    @Test("bad input names the field and changes nothing: an unknown interest, a class F, a day that does not exist, half an adoption")
    func badInput() async throws {
        try await withTestApp(clock: ManualClock(Picture.start)) { app in
            let advisor = try await HTTP.login(app, "risicoadviseur-vr13")
            let path = "/api/v1/regions/VR13/risks"
            let rows = try await Risks.count(app)
            let cases: [(String, String)] = [
                (Risks.body(impacts: #"{"ruimtevaart":"C"}"#), "impacts.ruimtevaart"),
                (Risks.body(likelihood: "F"), "likelihood"),
                (Risks.body(impacts: "{}"), "impacts"),
                (Risks.body().replacingOccurrences(of: "2028-06-30", with: "2027-02-30"), "reviewOn"),
                (Risks.body(adoption: ("", "2027-01-01")), "adoptedBy"),
                (Risks.body(title: "x"), "title"),
            ]
            for (body, field) in cases {
                let response = try await HTTP.send(app, .POST, path, json: body, token: advisor)
                #expect(response.status == .unprocessableEntity, "\(field): \(response.body.string)")
                #expect(Risks.field(response) == field, "\(response.body.string)")
            }
            #expect(try await HTTP.send(app, .POST, "/api/v1/regions/VR99/risks", json: Risks.body(), token: advisor).status == .notFound)
            #expect(try await Risks.count(app) == rows)
        }
    }

    @Test("a CSV file with bad rows is refused whole, every row named; a good one adds, changes and leaves; export reads back")
    func importAllOrNothing() async throws {
        try await withTestApp(clock: ManualClock(Picture.start)) { app in
            // setup
            let advisor = try await HTTP.login(app, "risicoadviseur-vr13")
            let path = "/api/v1/regions/VR13/risks"
            let csv: HTTPHeaders = ["Content-Type": "text/csv"]
            let rows = try await Risks.count(app)
            let journal = try await JournalEventModel.query(on: app.db).filter(\.$kind =~ "risk.").count()
            let interests = VitalInterest.allCases.count

            // MUT: a file with three bad rows and one good one
            let empty = Array(repeating: "", count: interests - 1)
            let bad = Risks.csv([
                (["Cyberaanval op gemeente", "Ransomware legt de dienstverlening stil.", "C"] + ["B"] + empty
                    + ["", "CISO", "2028-01-31", "nee", "", ""]).joined(separator: ","),
                (["Pandemie", "Een griepgolf.", "G"] + ["C"] + empty + ["", "GHOR", "2028-01-31", "ja", "", ""]).joined(separator: ","),
                (["Natuurbrand", "Brand in het Amsterdamse Bos.", "B"] + ["B"] + empty + ["", "Brandweer", "2028-13-01", "nee", "", ""]).joined(separator: ","),
                "te,weinig,velden",
            ])
            let refused = try await HTTP.send(app, .POST, path + "/import", token: advisor, headers: csv, body: bad)
            #expect(refused.status == .unprocessableEntity)
            let detail = HTTP.problemDetail(refused)
            #expect(detail.contains("line 3, likelihood") && detail.contains("line 4, reviewOn") && detail.contains("line 5, (row)"), "\(detail)")
            #expect(!detail.contains("line 2"), "the good row is not named")
            #expect(try await Risks.count(app) == rows, "nothing taken in")
            #expect(try await JournalEventModel.query(on: app.db).filter(\.$kind =~ "risk.").count() == journal)

            // MUT: the profile exported, one risk changed, one added
            let exported = try await HTTP.send(app, .GET, path + "/export", token: advisor)
            #expect(exported.headers.contentType?.subType == "csv")
            var lines = exported.body.string.components(separatedBy: "\r\n").filter { !$0.isEmpty }
            let storm = try #require(lines.firstIndex { $0.hasPrefix("Zeer zware storm,") })
            lines[storm] = lines[storm].replacingOccurrences(of: ",D,", with: ",E,")
            lines.append((["Cyberaanval op gemeente", "Ransomware legt de dienstverlening stil.", "C"] + ["B"] + empty
                          + ["", "CISO", "2028-01-31", "nee", "", ""]).joined(separator: ","))
            let taken = try await HTTP.send(app, .POST, path + "/import", token: advisor, headers: csv, body: lines.joined(separator: "\r\n"))
            #expect(taken.status == .ok, "\(taken.body.string)")
            let result = try taken.content.decode(RiskProfiles.ImportResult.self)
            let held = try await HTTP.send(app, .GET, path, token: advisor).content.decode([RiskProfiles.RiskDTO].self)
            #expect(result == .init(created: 1, changed: 1, unchanged: held.count - 2))

            // validate
            #expect(held.first { $0.title == "Zeer zware storm" }?.likelihood == .e)
            #expect(held.first { $0.title == "Zeer zware storm" }?.version == 2)
            #expect(held.contains { $0.title == "Cyberaanval op gemeente" && $0.impacts == [.territorial: .b] })
            let imported = try await JournalEventModel.query(on: app.db).filter(\.$kind == "risk.profile-imported").all()
            #expect(try imported.compactMap { try $0.record.event(as: RiskProfileImported.self) }.contains { $0.created == 1 && $0.changed == 1 })
            let notCSV = try await HTTP.send(app, .POST, path + "/import", json: "{}", token: advisor)
            #expect(notCSV.status == .unsupportedMediaType)

            // A scenario of two lines goes out quoted and comes back the same; a control character is refused as in JSON.
            let twoLines = Risks.body(title: "Tweeregelig scenario").replacingOccurrences(
                of: "Een leidingbreuk laat 40.000 inwoners zonder drinkwater.", with: #"Eerste regel\ntweede regel"#)
            #expect(try await HTTP.send(app, .POST, path, json: twoLines, token: advisor).status == .created)
            let again = try await HTTP.send(app, .GET, path + "/export", token: advisor).body.string
            let roundTrip = try await HTTP.send(app, .POST, path + "/import", token: advisor, headers: csv, body: again)
            #expect(roundTrip.status == .ok, "\(roundTrip.body.string)")
            #expect(try roundTrip.content.decode(RiskProfiles.ImportResult.self).changed == 0, "what export wrote, import reads back unchanged")
            let control = Risks.csv([(["Stuur\u{1B}teken", "Scenario", "C"] + ["B"] + empty + ["", "CISO", "2028-01-31", "nee", "", ""]).joined(separator: ",")])
            let refusedControl = try await HTTP.send(app, .POST, path + "/import", token: advisor, headers: csv, body: control)
            #expect(refusedControl.status == .unprocessableEntity && HTTP.problemDetail(refusedControl).contains("line 2, title"))
        }
    }

    @Test("the national view puts the risks regions share first, with each region's likelihood and impact")
    func nationalView() async throws {
        try await withTestApp(clock: ManualClock(Picture.start)) { app in
            let analyst = try await HTTP.login(app, "analist-kcr2")
            let rows = try await HTTP.send(app, .GET, "/api/v1/national/risks", token: analyst).content.decode([RiskProfiles.NationalRowDTO].self)
            let shared = rows.prefix { $0.shared }
            #expect(Set(shared.map(\.title)) == ["Zeer zware storm", "Overstroming regionale wateren", "Langdurige uitval elektriciteit"])
            let storm = try #require(rows.first { $0.title == "Zeer zware storm" })
            #expect(storm.regions.map(\.region) == ["VR12", "VR13"])
            #expect(!rows.contains { $0.title == "Hittegolf" }, "the zorgrisicoprofiel stays out")
        }
    }

    @Test("a risk withdrawn leaves the profile with its reason; its versions stay and it cannot be changed")
    func withdrawal() async throws {
        try await withTestApp(clock: ManualClock(Picture.start)) { app in
            let advisor = try await HTTP.login(app, "risicoadviseur-vr13")
            let risk = try await HTTP.send(app, .POST, "/api/v1/regions/VR13/risks", json: Risks.body(), token: advisor)
                .content.decode(RiskProfiles.RiskDTO.self)
            let noReason = try await HTTP.send(app, .POST, "/api/v1/risks/\(risk.id)/withdrawal", json: #"{"reason":" ","baseVersion":1}"#, token: advisor)
            #expect(noReason.status == .unprocessableEntity && Risks.field(noReason) == "reason")
            let withdrawn = try await HTTP.send(app, .POST, "/api/v1/risks/\(risk.id)/withdrawal",
                                                json: #"{"reason":"Opgenomen in het scenario drinkwater","baseVersion":1}"#, token: advisor)
            #expect(withdrawn.status == .ok, "\(withdrawn.body.string)")
            let list = try await HTTP.send(app, .GET, "/api/v1/regions/VR13/risks", token: advisor).content.decode([RiskProfiles.RiskDTO].self)
            #expect(!list.contains { $0.id == risk.id })
            let detail = try await HTTP.send(app, .GET, "/api/v1/risks/\(risk.id)", token: advisor).content.decode(RiskProfiles.DetailDTO.self)
            #expect(detail.risk.withdrawn == "Opgenomen in het scenario drinkwater" && detail.history.count == 2)
            let change = try await HTTP.send(app, .PUT, "/api/v1/risks/\(risk.id)", json: Risks.body(baseVersion: 2), token: advisor)
            #expect(change.status == .conflict)
        }
    }

    @Test("a regional node sends its profile's new versions to the national node, which keeps only the sender's own region")
    func sharedNationally() async throws {
        try await ThreeNodes.run { nodes in
            let advisor = try await HTTP.login(nodes.vr13, "risicoadviseur-vr13")
            let risk = try await HTTP.send(nodes.vr13, .POST, "/api/v1/regions/VR13/risks", json: Risks.body(), token: advisor)
                .content.decode(RiskProfiles.RiskDTO.self)
            #expect(try await nodes.deliver(from: nodes.vr13) == 1)
            let analyst = try await HTTP.login(nodes.kcr2, "analist-kcr2")
            let held = try await HTTP.send(nodes.kcr2, .GET, "/api/v1/regions/VR13/risks", token: analyst).content.decode([RiskProfiles.RiskDTO].self)
            #expect(held.map(\.id) == [risk.id] && held.first?.recordedByName == "Femke de Wit")
            let national = try await HTTP.send(nodes.kcr2, .GET, "/api/v1/national/risks", token: analyst).content.decode([RiskProfiles.NationalRowDTO].self)
            #expect(national.map(\.title) == ["Uitval drinkwater Amstelveen"])
            // The national node holds copies: a risk is kept on its region's node.
            #expect(try await HTTP.send(nodes.kcr2, .POST, "/api/v1/regions/VR13/risks", json: Risks.body(), token: analyst).status == .forbidden)
        }
    }
}
