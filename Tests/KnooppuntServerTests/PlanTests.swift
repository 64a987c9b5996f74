import Fluent
import Foundation
import KnooppuntCore
import KnooppuntInterop
import Testing
import Vapor
import VaporTesting

@testable import KnooppuntServer

@Suite("Plans register: plans with owner, adoption, review and linked risks; reminders; attached to incidents and risk pictures")
struct PlanApiTests {
    static func body(title: String = "Rampbestrijdingsplan Amsterdam-Rijnkanaal", kind: String = "rampbestrijdingsplan", reviewOn: String = "2027-02-20",
                     adoption: String = #","adoptedBy":"Burgemeester van Amsterdam","adoptedOn":"2025-05-01""#, base: Int? = nil) -> String {
        #"{"title":"\#(title)","kind":"\#(kind)","owner":"Risicoadviseur VR13","reviewOn":"\#(reviewOn)""#
            + adoption + (base.map { #","baseVersion":\#($0)"# } ?? "") + "}"
    }

    @Test("the risk advisor records plans; the register puts reviews past and coming first; a change needs its version")
    func register() async throws {
        try await withTestApp(clock: ManualClock(Picture.start)) { app in
            // setup: the clock stands on 2027-01-15
            let advisor = try await HTTP.login(app, "risicoadviseur-vr13")
            let path = "/api/v1/regions/VR13/plans"

            // MUT
            let soon = try await HTTP.send(app, .POST, path, json: Self.body(), token: advisor)
            #expect(soon.status == .created, "\(soon.body.string)")
            _ = try await HTTP.send(app, .POST, path, json: Self.body(title: "Handboek crisiscommunicatie", kind: "handboek", reviewOn: "2026-12-31", adoption: ""), token: advisor)
            _ = try await HTTP.send(app, .POST, path, json: Self.body(title: "Regionaal crisisplan", kind: "regionaal-crisisplan", reviewOn: "2028-06-30"), token: advisor)
            let plan = try soon.content.decode(Plans.PlanDTO.self)
            let changed = try await HTTP.send(app, .PUT, "/api/v1/plans/\(plan.id)", json: Self.body(reviewOn: "2027-03-01", base: 1), token: advisor)
            let stale = try await HTTP.send(app, .PUT, "/api/v1/plans/\(plan.id)", json: Self.body(reviewOn: "2027-04-01", base: 1), token: advisor)

            // validate
            #expect(changed.status == .ok && stale.status == .conflict)
            let mine: Set<String> = ["Handboek crisiscommunicatie", "Rampbestrijdingsplan Amsterdam-Rijnkanaal", "Regionaal crisisplan"]
            let list = try await HTTP.send(app, .GET, path, token: try await HTTP.login(app, "waternet")).content.decode([Plans.PlanDTO].self)
                .filter { mine.contains($0.title) }
            #expect(list.map(\.title) == ["Handboek crisiscommunicatie", "Rampbestrijdingsplan Amsterdam-Rijnkanaal", "Regionaal crisisplan"])
            #expect(list.map(\.review) == [.due, .soon, .later], "past, within 60 days, later")
            let events = try await JournalEventModel.query(on: app.db).filter(\.$kind == "plan.recorded").sort(\.$id).all()
                .compactMap { try $0.record.event(as: PlanRecorded.self) }.filter { $0.plan == plan.id }
            #expect(events.map(\.version) == [1, 2] && events.last?.reviewOn == "2027-03-01")
        }
    }

    @Test("bad input names the field; only the region's keepers record plans, the DPG the zorgrisicoprofiel")
    func refusals() async throws {
        try await withTestApp(clock: ManualClock(Picture.start)) { app in
            let advisor = try await HTTP.login(app, "risicoadviseur-vr13")
            let path = "/api/v1/regions/VR13/plans"
            let count = try await PlanModel.query(on: app.db).count()
            for (body, field) in [
                (Self.body(reviewOn: "2027-02-30"), "reviewOn"),
                (Self.body(adoption: #","adoptedBy":"Burgemeester""#), "adoptedOn"),
                (Self.body(title: "x"), "title"),
                (Self.body(kind: "brochure"), "kind"),
            ] {
                let response = try await HTTP.send(app, .POST, path, json: body, token: advisor)
                #expect(response.status == .unprocessableEntity && Risks.field(response) == field, "\(field): \(response.body.string)")
            }
            #expect(try await HTTP.send(app, .POST, path, json: Self.body(), token: try await HTTP.login(app, "im-vr13")).status == .forbidden)
            let dpg = try await HTTP.login(app, "dpg-vr13")
            #expect(try await HTTP.send(app, .POST, path, json: Self.body(), token: dpg).status == .forbidden)
            #expect(try await PlanModel.query(on: app.db).count() == count)
            #expect(try await HTTP.send(app, .POST, path, json: Self.body(title: "Zorgrisicoprofiel", kind: "zorgrisicoprofiel"), token: dpg).status == .created)
        }
    }

    @Test("a plan attached to an incident shows with it for its readers; attaching needs the right to change the incident")
    func attachments() async throws {
        try await withTestApp(clock: ManualClock(Picture.start)) { app in
            let advisor = try await HTTP.login(app, "risicoadviseur-vr13")
            let plan = try await HTTP.send(app, .POST, "/api/v1/regions/VR13/plans", json: Self.body(), token: advisor).content.decode(Plans.PlanDTO.self)
            let im = try await HTTP.login(app, "im-vr13")
            let incident = try await Picture.createIncident(app, token: im).id
            let attach = "/api/v1/plans/\(plan.id)/attachments"
            #expect(try await HTTP.send(app, .POST, attach, json: #"{"incident":"\#(incident)"}"#, token: try await HTTP.login(app, "rws")).status == .notFound,
                    "a partner not linked does not learn of the incident")
            #expect(try await HTTP.send(app, .POST, attach, json: #"{}"#, token: im).status == .unprocessableEntity)
            #expect(try await HTTP.send(app, .POST, attach, json: #"{"incident":"\#(incident)"}"#, token: im).status == .ok)
            #expect(try await HTTP.send(app, .POST, attach, json: #"{"incident":"\#(incident)"}"#, token: im).status == .ok, "once")
            let attached = try await HTTP.send(app, .GET, "/api/v1/incidents/\(incident)/plans", token: im).content.decode([Plans.PlanDTO].self)
            #expect(attached.map(\.id) == [plan.id])
            let elsewhere = try await Picture.createIncident(app, token: try await HTTP.login(app, "im-vr12")).id
            let other = try await HTTP.send(app, .POST, attach, json: #"{"incident":"\#(elsewhere)"}"#, token: try await HTTP.login(app, "im-vr12"))
            #expect(other.status == .unprocessableEntity, "a plan of VR13 does not go with an incident of VR12")
            let picture = try await RiskPictureFixture.open(app, token: advisor)
            #expect(try await HTTP.send(app, .POST, attach, json: #"{"picture":"\#(picture.id)"}"#, token: advisor).status == .ok)
            let shown = try await HTTP.send(app, .GET, "/api/v1/risk-pictures/\(picture.id)", token: im).content.decode(RiskPictures.PictureDTO.self)
            #expect(shown.plans.map(\.title) == ["Rampbestrijdingsplan Amsterdam-Rijnkanaal"])
            #expect(try await HTTP.send(app, .GET, "/api/v1/incidents/\(incident)/plans", token: try await HTTP.login(app, "tennet")).status == .notFound)
        }
    }
}

@Suite("Risk communication in the cold phase: public CAP about a risk by the region's bestuur")
struct RiskCommunicationApiTests {
    static func body(urgency: String = "Future") -> String {
        #"""
        {"event":{"nl":"Hoogwater","en":"High water"},"headline":{"nl":"Wat te doen bij hoogwater langs de Amstel","en":"What to do when the Amstel floods"},
         "description":{"nl":"Langs de Amstel kan de polder onder water lopen.","en":"Along the Amstel the polder can flood."},
         "instruction":{"nl":"Zorg voor een noodpakket en weet waar u heen kunt.","en":"Keep an emergency kit and know where to go."},
         "urgency":"\#(urgency)","severity":"Moderate","certainty":"Possible","category":"Met"}
        """#
    }

    @Test("the voorzitter publishes it on the public feed as CAP 1.2 Alert with urgency Future; others are refused naming who decides")
    func publish() async throws {
        try await withTestApp(clock: ManualClock(Picture.start)) { app in
            // setup
            let flood = try #require(try await RegionalRiskModel.query(on: app.db).filter(\.$region == "VR13")
                .filter(\.$title == "Overstroming regionale wateren").first()).riskID
            let path = "/api/v1/risks/\(flood)/communications"
            let advisor = try await HTTP.login(app, "risicoadviseur-vr13")

            // MUT: the advisor and the IM may not; the voorzitter may, but not with urgency Immediate
            let byAdvisor = try await HTTP.send(app, .POST, path, json: Self.body(), token: advisor)
            #expect(byAdvisor.status == .forbidden)
            #expect(HTTP.problemDetail(byAdvisor).contains("voorzitter"), "names who decides: \(HTTP.problemDetail(byAdvisor))")
            #expect(try await HTTP.send(app, .POST, path, json: Self.body(), token: try await HTTP.login(app, "im-vr13")).status == .forbidden)
            #expect(try await HTTP.send(app, .POST, path, json: Self.body(), token: try await HTTP.login(app, "voorzitter-vr12")).status == .forbidden)
            let chair = try await HTTP.login(app, "voorzitter-vr13")
            let immediate = try await HTTP.send(app, .POST, path, json: Self.body(urgency: "Immediate"), token: chair)
            #expect(immediate.status == .unprocessableEntity && Risks.field(immediate) == "urgency")
            #expect(try await RiskCommunicationModel.query(on: app.db).count() == 0)
            let first = try await HTTP.send(app, .POST, path, json: Self.body(), token: chair)
            let second = try await HTTP.send(app, .POST, path, json: Self.body(urgency: "Expected"), token: chair)

            // validate: on the feed, valid CAP, in Dutch and English, an Update referencing the first
            #expect(first.status == .created, "\(first.body.string)")
            let published = try first.content.decode(RiskCommunication.DTO.self)
            let feed = try await app.testing().sendRequest(.GET, "/cap/feed.xml").body.string
            #expect(feed.contains("Wat te doen bij hoogwater langs de Amstel"))
            let cap = try await app.testing().sendRequest(.GET, published.cap)
            let alert = try CAPReader.read(Data(cap.body.readableBytesView)).alert
            #expect(alert.msgType == "Alert" && alert.scope == "Public" && alert.incidents == nil)
            #expect(alert.infos.map(\.language) == ["nl-NL", "en-US"] && alert.infos.allSatisfy { $0.urgency == "Future" })
            #expect(alert.infos.first?.senderName == "Veiligheidsregio Amsterdam-Amstelland")
            let update = try second.content.decode(RiskCommunication.DTO.self)
            #expect(update.msgType == "Update" && update.number == 2)
            let page = try await app.testing().sendRequest(.GET, published.page)
            #expect(page.status == .ok && page.body.string.contains("Zorg voor een noodpakket"))
            #expect(try await HTTP.send(app, .GET, path, token: advisor).content.decode([RiskCommunication.DTO].self).count == 2)
        }
    }
}
