import Fluent
import Foundation
import KnooppuntCore
import Testing
import Vapor
import VaporTesting

@testable import KnooppuntServer

/// Helpers for the current risk pictures (decision 0029).
enum RiskPictureFixture {
    static let area = #"{"type":"Polygon","coordinates":[[[4.88,52.30],[4.95,52.30],[4.95,52.34],[4.88,52.34],[4.88,52.30]]]}"#

    static func body(title: String = "Hoogwater Amstel", partners: [String] = ["WS-AGV", "RWS", "WATERNET", "RODEKRUIS"],
                     risks: [UUID] = [], phaseReason: String? = nil, baseVersion: Int? = nil) -> String {
        var fields = [
            #""title":"\#(title)""#, #""kind":"hoogwater""#, #""description":"Hoge afvoer op de Amstel na dagen regen; kades onder druk.""#,
            #""expectedFrom":"2027-01-15T12:00:00Z""#, #""expectedUntil":"2027-01-17T12:00:00Z""#, #""area":\#(area)"#,
            #""partners":[\#(partners.map { "\"\($0)\"" }.joined(separator: ","))]"#,
            #""risks":[\#(risks.map { "\"\($0)\"" }.joined(separator: ","))]"#,
        ]
        if let phaseReason { fields.append(#""phaseReason":"\#(phaseReason)""#) }
        if let baseVersion { fields.append(#""baseVersion":\#(baseVersion)"#) }
        return "{" + fields.joined(separator: ",") + "}"
    }

    static func open(_ app: Application, token: String, _ body: String = body()) async throws -> RiskPictures.PictureDTO {
        let response = try await HTTP.send(app, .POST, "/api/v1/regions/VR13/risk-pictures", json: body, token: token)
        #expect(response.status == .created, "\(response.body.string)")
        return try response.content.decode(RiskPictures.PictureDTO.self)
    }

    static func effect(_ app: Application, _ picture: UUID, _ text: String, theme: String? = nil, token: String) async throws -> TestingHTTPResponse {
        let themeField = theme.map { #""theme":"\#($0)","# } ?? ""
        return try await HTTP.send(app, .POST, "/api/v1/risk-pictures/\(picture)/effects", json: #"{\#(themeField)"text":"\#(text)"}"#, token: token)
    }
}

@Suite("Current risk pictures: a threat the region and its partners fill with expected effects, escalated into an incident")
struct RiskPictureApiTests {
    @Test("partners add expected effects under their profile: kern linked, structureel and a koppel liaison for admission, standby reads only")
    func effectsUnderProfiles() async throws {
        try await withTestApp(clock: ManualClock(Picture.start)) { app in
            // setup
            let advisor = try await HTTP.login(app, "risicoadviseur-vr13")
            let picture = try await RiskPictureFixture.open(app, token: advisor)
            #expect(picture.partners.map(\.profile) == [.standby, .kern, .koppel, .structureel], "RODEKRUIS standby, RWS kern, WATERNET koppel, WS-AGV structureel")
            let (agv, rws, liaison, waternet, redCross) = (
                try await HTTP.login(app, "agv"), try await HTTP.login(app, "rws"), try await HTTP.login(app, "liaison-waternet"),
                try await HTTP.login(app, "waternet"), try await HTTP.login(app, "rodekruis"))

            // MUT
            let kern = try await RiskPictureFixture.effect(app, picture.id, "Scheepvaart Amstel stilgelegd", token: rws)
            let structureel = try await RiskPictureFixture.effect(app, picture.id, "Kade bij Ouderkerk kan overlopen", token: agv)
            let viaLiaison = try await RiskPictureFixture.effect(app, picture.id, "Gemalen op volle kracht", token: liaison)
            let koppelUser = try await RiskPictureFixture.effect(app, picture.id, "Rioolstelsel vol", token: waternet)
            let standby = try await RiskPictureFixture.effect(app, picture.id, "Opvanglocatie gereed", token: redCross)
            let otherTheme = try await RiskPictureFixture.effect(app, picture.id, "Politie zet af", theme: "politie", token: agv)
            let outsider = try await RiskPictureFixture.effect(app, picture.id, "Stroom valt uit", token: try await HTTP.login(app, "tennet"))
            let region = try await RiskPictureFixture.effect(app, picture.id, "Evacuatie Ouderkerk voorbereiden", theme: "bevolkingszorg",
                                                           token: try await HTTP.login(app, "im-vr13"))

            // validate: who writes, on which terms
            #expect(try kern.content.decode(RiskPictures.EffectDTO.self).status == "linked")
            #expect(try structureel.content.decode(RiskPictures.EffectDTO.self).status == "awaiting")
            let supplied = try viaLiaison.content.decode(RiskPictures.EffectDTO.self)
            #expect(supplied.status == "awaiting" && supplied.viaLiaison && supplied.theme == "partner:WATERNET")
            #expect(koppelUser.status == .forbidden && standby.status == .forbidden && otherTheme.status == .forbidden)
            #expect(outsider.status == .notFound, "a partner not invited does not learn the picture exists")
            #expect(region.status == .created)

            // validate: who reads what
            let forRedCross = try await HTTP.send(app, .GET, "/api/v1/risk-pictures/\(picture.id)", token: redCross).content.decode(RiskPictures.PictureDTO.self)
            #expect(forRedCross.effects.map(\.text) == ["Scheepvaart Amstel stilgelegd", "Evacuatie Ouderkerk voorbereiden"], "awaiting effects are the region's")
            #expect(forRedCross.writesTheme == nil && !forRedCross.mayKeep)
            let forLiaison = try await HTTP.send(app, .GET, "/api/v1/risk-pictures/\(picture.id)", token: liaison).content.decode(RiskPictures.PictureDTO.self)
            #expect(forLiaison.effects.map(\.text) == ["Gemalen op volle kracht"], "the liaison reads what it supplied")
            let forAGV = try await HTTP.send(app, .GET, "/api/v1/regions/VR13/risk-pictures", token: agv).content.decode([RiskPictures.PictureDTO].self)
            #expect(forAGV.first?.effects.contains { $0.text == "Kade bij Ouderkerk kan overlopen" } == true, "its own awaiting effect")
            #expect(try await HTTP.send(app, .GET, "/api/v1/regions/VR13/risk-pictures", token: try await HTTP.login(app, "tennet"))
                .content.decode([RiskPictures.PictureDTO].self).isEmpty)

            // MUT: the IM admits the waterschap's effect; a partner cannot
            let awaiting = try structureel.content.decode(RiskPictures.EffectDTO.self)
            #expect(try await HTTP.send(app, .POST, "/api/v1/risk-pictures/\(picture.id)/effects/\(awaiting.id)/admission", token: agv).status == .forbidden)
            let admitted = try await HTTP.send(app, .POST, "/api/v1/risk-pictures/\(picture.id)/effects/\(awaiting.id)/admission",
                                               token: try await HTTP.login(app, "im-vr13"))
            #expect(try admitted.content.decode(RiskPictures.EffectDTO.self).admittedByName == "Sanne de Vries")
            let after = try await HTTP.send(app, .GET, "/api/v1/risk-pictures/\(picture.id)", token: redCross).content.decode(RiskPictures.PictureDTO.self)
            #expect(after.effects.contains { $0.text == "Kade bij Ouderkerk kan overlopen" })
        }
    }

    @Test("opening with a reason moves the region from koud to lauw in the same write; partners invited see the phase")
    func phaseToLauw() async throws {
        try await withTestApp(clock: ManualClock(Picture.start)) { app in
            let advisor = try await HTTP.login(app, "risicoadviseur-vr13")
            let picture = try await RiskPictureFixture.open(app, token: advisor, RiskPictureFixture.body(phaseReason: "KNMI code oranje: hoogwater verwacht"))
            #expect(picture.regionPhase == .lauw)
            let phase = try await HTTP.send(app, .GET, "/api/v1/regions/VR13/phase", token: try await HTTP.login(app, "im-vr13"))
                .content.decode(RegionPhases.PhaseDTO.self)
            #expect(phase.phase == .lauw && phase.current?.reason == "KNMI code oranje: hoogwater verwacht" && phase.current?.setByName == "Femke de Wit")
            let forAGV = try await HTTP.send(app, .GET, "/api/v1/risk-pictures/\(picture.id)", token: try await HTTP.login(app, "agv"))
                .content.decode(RiskPictures.PictureDTO.self)
            #expect(forAGV.regionPhase == .lauw, "the region's phase is shown to its partners on the picture")
        }
    }

    @Test("bad input names the field and changes nothing; who may not keep a picture is refused")
    func refusals() async throws {
        try await withTestApp(clock: ManualClock(Picture.start)) { app in
            let advisor = try await HTTP.login(app, "risicoadviseur-vr13")
            let path = "/api/v1/regions/VR13/risk-pictures"
            let body = RiskPictureFixture.body()
            let cases: [(String, String)] = [
                (body.replacingOccurrences(of: "2027-01-17T12:00:00Z", with: "2027-01-14T12:00:00Z"), "expectedUntil"),
                (body.replacingOccurrences(of: "2027-01-17T12:00:00Z", with: "2027-06-17T12:00:00Z"), "expectedUntil"),
                (body.replacingOccurrences(of: #""WS-AGV""#, with: #""HBR""#), "partners"),
                (body.replacingOccurrences(of: #""Polygon""#, with: #""LineString""#), "area"),
                (RiskPictureFixture.body(risks: [UUID()]), "risks"),
                (body.replacingOccurrences(of: #""hoogwater""#, with: #""tsunami""#), "kind"),
            ]
            let journal = try await JournalEventModel.query(on: app.db).filter(\.$kind =~ "risk.picture").count()
            for (input, field) in cases {
                let response = try await HTTP.send(app, .POST, path, json: input, token: advisor)
                #expect(response.status == .unprocessableEntity, "\(field): \(response.body.string)")
                #expect(Risks.field(response) == field, "\(response.body.string)")
            }
            for user in ["voorzitter-vr13", "agv", "risicoadviseur-vr13"] where user != "risicoadviseur-vr13" {
                #expect(try await HTTP.send(app, .POST, path, json: body, token: try await HTTP.login(app, user)).status == .forbidden)
            }
            #expect(try await HTTP.send(app, .POST, "/api/v1/regions/VR12/risk-pictures", json: body, token: advisor).status == .forbidden)
            #expect(try await JournalEventModel.query(on: app.db).filter(\.$kind =~ "risk.picture").count() == journal)
            #expect(try await RiskPictureModel.query(on: app.db).count() == 0)
        }
    }

    @Test("escalation opens the incident with the area, every effect by its author and every partner linked; the region turns warm")
    func escalation() async throws {
        try await withTestApp(clock: ManualClock(Picture.start)) { app in
            // setup: a picture linked to the profile's flood risk, with effects of RWS (linked), AGV (awaiting) and the IM
            let advisor = try await HTTP.login(app, "risicoadviseur-vr13")
            let flood = try #require(try await RegionalRiskModel.query(on: app.db).filter(\.$region == "VR13")
                .filter(\.$title == "Overstroming regionale wateren").first()).riskID
            let picture = try await RiskPictureFixture.open(app, token: advisor, RiskPictureFixture.body(risks: [flood], phaseReason: "Hoogwater verwacht"))
            let rws = try await HTTP.login(app, "rws"), agv = try await HTTP.login(app, "agv"), im = try await HTTP.login(app, "im-vr13")
            _ = try await RiskPictureFixture.effect(app, picture.id, "Scheepvaart Amstel stilgelegd", token: rws)
            _ = try await RiskPictureFixture.effect(app, picture.id, "Kade bij Ouderkerk kan overlopen", token: agv)
            _ = try await RiskPictureFixture.effect(app, picture.id, "Evacuatie Ouderkerk voorbereiden", theme: "bevolkingszorg", token: im)
            let journal = try await HTTP.journalLength(app)

            // MUT: a stale version is refused, changing nothing; then the IM escalates
            let stale = try await HTTP.send(app, .POST, "/api/v1/risk-pictures/\(picture.id)/escalation", json: #"{"baseVersion":0}"#, token: im)
            #expect(stale.status == .conflict)
            #expect(try await IncidentModel.query(on: app.db).count() == 0)
            #expect(try await JournalEventModel.query(on: app.db).filter(\.$id > journal).filter(\.$kind =~ "incident.").count() == 0)
            let partner = try await HTTP.send(app, .POST, "/api/v1/risk-pictures/\(picture.id)/escalation", json: #"{"baseVersion":1}"#, token: rws)
            #expect(partner.status == .forbidden)
            let escalated = try await HTTP.send(app, .POST, "/api/v1/risk-pictures/\(picture.id)/escalation", json: #"{"baseVersion":1}"#, token: im)
            #expect(escalated.status == .created, "\(escalated.body.string)")
            let result = try escalated.content.decode(RiskPictures.EscalationDTO.self)

            // validate: the incident's picture already holds the effects, area and partners; nothing retyped
            let incident = try await HTTP.send(app, .GET, "/api/v1/incidents/\(result.incident)", token: im)
            #expect(incident.status == .ok)
            let state = try incident.content.decode(IncidentView.self)
            #expect(state.title == "Hoogwater Amstel" && state.category == .overstroming && state.leadRegion == RegionCode(number: 13))
            #expect(state.vitalInterests == [.territorial, .physical, .economic, .socialPolitical], "from the linked risk's impacts")
            let entries = try await EntryVersionModel.query(on: app.db).filter(\.$incidentID == result.incident).sort(\.$observedAt).all()
            #expect(entries.map(\.text) == ["Verwacht effect: Scheepvaart Amstel stilgelegd", "Verwacht effect: Kade bij Ouderkerk kan overlopen",
                                            "Verwacht effect: Evacuatie Ouderkerk voorbereiden"])
            #expect(entries.map(\.theme) == ["partner:RWS", "partner:WS-AGV", "bevolkingszorg"])
            #expect(entries.map(\.authorOrganisation) == ["RWS", "WS-AGV", "VR13"], "each by its own author")
            #expect(entries.map(\.awaitingAdmission) == [false, true, false], "what waited still waits for the IM")
            let plots = try await PlotVersionModel.query(on: app.db).filter(\.$incidentID == result.incident).all()
            #expect(plots.map(\.kind) == ["effect-area"])
            let grants = try await AccessGrantModel.query(on: app.db).filter(\.$incidentID == result.incident).all()
            #expect(Set(grants.map(\.organisationCode)) == ["WS-AGV", "RWS", "WATERNET", "RODEKRUIS"])
            #expect(grants.first { $0.organisationCode == "WS-AGV" }?.profile == "structurele-samenwerking")
            let forRWS = try await HTTP.send(app, .GET, "/api/v1/incidents/\(result.incident)", token: rws)
            #expect(forRWS.status == .ok, "the kern partner reads the new incident at once")
            let phase = try await HTTP.send(app, .GET, "/api/v1/regions/VR13/phase", token: im).content.decode(RegionPhases.PhaseDTO.self)
            #expect(phase.phase == .warm && phase.history.map(\.phase) == [.warm, .lauw])
            let after = try await HTTP.send(app, .GET, "/api/v1/risk-pictures/\(picture.id)", token: im).content.decode(RiskPictures.PictureDTO.self)
            #expect(after.status == .escalated && after.incident == result.incident && after.incidentReference == result.reference)
            let again = try await HTTP.send(app, .POST, "/api/v1/risk-pictures/\(picture.id)/escalation", json: #"{"baseVersion":2}"#, token: im)
            #expect(again.status == .conflict, "escalated once")
            #expect(try await RiskPictureFixture.effect(app, picture.id, "Nog een effect", token: rws).status == .conflict)
        }
    }

    @Test("a CAP warning in the area fires the picture's CAP rule; a partner's measurement crossing its threshold fires once; the IM acknowledges")
    func monitoring() async throws {
        try await withTestApp(clock: ManualClock(Picture.start)) { app in
            // setup: a picture with a CAP rule (Severe or worse), a measurement rule on AGV's water level and an advisory rule
            let advisor = try await HTTP.login(app, "risicoadviseur-vr13")
            let picture = try await RiskPictureFixture.open(app, token: advisor)
            let rules = "/api/v1/risk-pictures/\(picture.id)/rules"
            #expect(try await HTTP.send(app, .POST, rules, json: #"{"source":"cap","minimumSeverity":"Severe"}"#, token: advisor).status == .created)
            #expect(try await HTTP.send(app, .POST, rules, json: #"{"source":"measurement","partner":"WS-AGV","quantity":"waterstand Amstel","threshold":0.4}"#,
                                        token: advisor).status == .created)
            let refusedRule = try await HTTP.send(app, .POST, rules, json: #"{"source":"measurement","partner":"TENNET","quantity":"belasting","threshold":1}"#,
                                                  token: advisor)
            #expect(refusedRule.status == .unprocessableEntity && Risks.field(refusedRule) == "partner", "TENNET is not invited")
            #expect(try await HTTP.send(app, .POST, rules, json: #"{"source":"cap"}"#, token: advisor).status == .unprocessableEntity)
            #expect(try await HTTP.send(app, .POST, rules, json: #"{"source":"cap","minimumSeverity":"Minor"}"#,
                                        token: try await HTTP.login(app, "agv")).status == .forbidden)

            // MUT: a CAP warning elsewhere, then one over the Amstel
            let im = try await HTTP.login(app, "im-vr13")
            let elsewhere = Warnings.alert(identifier: "NL-RWS-2027-0002", polygon: "51.90,4.40 51.90,4.50 51.95,4.50 51.95,4.40 51.90,4.40")
            #expect(try await Warnings.post(app, elsewhere, token: im).status == .created)
            #expect(try await HTTP.send(app, .GET, "/api/v1/risk-pictures/\(picture.id)", token: im).content.decode(RiskPictures.PictureDTO.self).signals.isEmpty)
            #expect(try await Warnings.post(app, Warnings.alert(), token: im).status == .created)

            // validate: the CAP signal
            var now = try await HTTP.send(app, .GET, "/api/v1/risk-pictures/\(picture.id)", token: im).content.decode(RiskPictures.PictureDTO.self)
            #expect(now.signals.map(\.source) == [.cap])
            #expect(now.signals.first?.summary.contains("Hoogwater Amstel verwacht") == true)

            // MUT: AGV measures below, then above (a signal), then above again (none)
            let agv = try await HTTP.login(app, "agv")
            let measure = "/api/v1/risk-pictures/\(picture.id)/measurements"
            let values = [0.2, 0.45, 0.5]
            var raised: [Int] = []
            for value in values {
                let response = try await HTTP.send(app, .POST, measure, json: #"{"quantity":"waterstand Amstel","value":\#(value),"unit":"m NAP"}"#, token: agv)
                #expect(response.status == .created, "\(response.body.string)")
                raised.append(try response.content.get(Int.self, at: "signals"))
            }
            #expect(raised == [0, 1, 0], "a value that stays beyond the threshold raises no second signal")
            let standby = try await HTTP.send(app, .POST, measure, json: #"{"quantity":"waterstand Amstel","value":1}"#,
                                              token: try await HTTP.login(app, "rodekruis"))
            #expect(standby.status == .forbidden, "standby reads along; it supplies no information")
            #expect(try await HTTP.send(app, .POST, measure, json: #"{"quantity":"waterstand Amstel","value":1}"#,
                                        token: try await HTTP.login(app, "tennet")).status == .notFound)
            #expect(try await HTTP.send(app, .POST, measure, json: #"{"quantity":"w","value":1}"#, token: agv).status == .unprocessableEntity)

            // MUT: the IM acknowledges the CAP signal
            now = try await HTTP.send(app, .GET, "/api/v1/risk-pictures/\(picture.id)", token: im).content.decode(RiskPictures.PictureDTO.self)
            #expect(now.signals.map(\.source) == [.measurement, .cap])
            let cap = try #require(now.signals.last)
            let acknowledged = try await HTTP.send(app, .POST, "/api/v1/risk-pictures/\(picture.id)/signals/\(cap.id)/acknowledgement", token: im)
            #expect(try acknowledged.content.decode(RiskMonitoring.SignalDTO.self).acknowledgedByName == "Sanne de Vries")
            let events = try await JournalEventModel.query(on: app.db).filter(\.$kind == "risk.signal-raised").count()
            #expect(events == 2)
        }
    }

    @Test("a picture at lauw in VR13 reaches the national node with its effects; a KCR2 risk message raises the picture's advisory signal")
    func nationally() async throws {
        try await ThreeNodes.run { nodes in
            // setup: VR13's advisor opens a picture and moves the region to lauw; RWS adds an effect; an advisory rule
            let advisor = try await HTTP.login(nodes.vr13, "risicoadviseur-vr13")
            let picture = try await RiskPictureFixture.open(
                nodes.vr13, token: advisor, RiskPictureFixture.body(partners: ["RWS", "WS-AGV"], phaseReason: "Hoogwater Amstel verwacht"))
            #expect(try await HTTP.send(nodes.vr13, .POST, "/api/v1/risk-pictures/\(picture.id)/rules", json: #"{"source":"advisory"}"#,
                                        token: advisor).status == .created)
            _ = try await RiskPictureFixture.effect(nodes.vr13, picture.id, "Scheepvaart Amstel stilgelegd", token: try await HTTP.login(nodes.vr13, "rws"))
            _ = try await RiskPictureFixture.effect(nodes.vr13, picture.id, "Kade kan overlopen", token: try await HTTP.login(nodes.vr13, "agv"))

            // MUT: VR13 delivers; KCR2 sends a risk message to VR13, which arrives; VR13 delivers again
            #expect(try await nodes.deliver(from: nodes.vr13) > 0)
            let analyst = try await HTTP.login(nodes.kcr2, "analist-kcr2")
            let phase = try await HTTP.send(nodes.kcr2, .GET, "/api/v1/regions/VR13/phase", token: analyst).content.decode(RegionPhases.PhaseDTO.self)
            #expect(phase.phase == .lauw, "lauw in VR13 appears on the national node")
            var shared = try await HTTP.send(nodes.kcr2, .GET, "/api/v1/national/risk-pictures", token: analyst)
                .content.decode([RiskPictureSharing.Shared].self)
            #expect(shared.map(\.title) == ["Hoogwater Amstel"] && shared.first?.phase == .lauw)
            #expect(shared.first?.effects.map(\.text) == ["Scheepvaart Amstel stilgelegd"], "the effect waiting for admission stays with the region")
            let html = try await WebSession.login(nodes.kcr2, "analist-kcr2")
            let page = try await nodes.kcr2.testing().sendRequest(.GET, "/national", headers: html.cookieHeader).body.string
            #expect(page.contains("Regio's in de lauwe fase (1)") && page.contains("Hoogwater Amstel"))
            let minister = try await HTTP.login(nodes.kcr2, "analist-kcr2")
            let sent = try await HTTP.send(nodes.kcr2, .POST, "/api/v1/national/advisories",
                                           json: #"{"kind":"risk","title":"Zware neerslag Midden-Nederland","text":"KNMI verwacht 80 mm in 24 uur.","regions":["VR13"]}"#,
                                           token: minister)
            #expect(sent.status == .created, "\(sent.body.string)")
            #expect(try await nodes.deliver(from: nodes.kcr2) > 0)
            let now = try await HTTP.send(nodes.vr13, .GET, "/api/v1/risk-pictures/\(picture.id)", token: advisor).content.decode(RiskPictures.PictureDTO.self)
            #expect(now.signals.map(\.summary) == ["Risicobericht KCR2: Zware neerslag Midden-Nederland"])
            #expect(try await nodes.deliver(from: nodes.vr13) > 0)
            shared = try await HTTP.send(nodes.kcr2, .GET, "/api/v1/national/risk-pictures", token: analyst).content.decode([RiskPictureSharing.Shared].self)
            #expect(shared.first?.signals.count == 1, "its signals go up with it")
            #expect(try await HTTP.send(nodes.kcr2, .GET, "/api/v1/national/risk-pictures", token: try await HTTP.login(nodes.vr13, "im-vr13")).status == .unauthorized)
        }
    }
}
