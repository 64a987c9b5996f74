import Fluent
import Foundation
import KnooppuntCore
import Testing
import Vapor
import VaporTesting

@testable import KnooppuntServer

/// Helpers for decision 0021: region phases and the IRBT.
enum Phases {
    static func put(_ app: Application, _ path: String, phase: String, reason: String, token: String) async throws -> TestingHTTPResponse {
        try await HTTP.send(app, .PUT, path, json: #"{"phase":"\#(phase)","reason":"\#(reason)"}"#, token: token)
    }

    /// The field a problem+json answer names.
    static func field(_ response: TestingHTTPResponse) -> String? {
        let object = try? JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any]
        return object?["field"] as? String
    }

    /// Makes the incident's current version as the server wrote versions before decision 0021: its phase
    /// `legacy` (koud, lauw or warm) in the row and in the journal event, digest and all.
    static func writeOlderVersion(_ app: Application, _ id: UUID, phase legacy: IncidentPhase) async throws {
        let at = Microseconds.from(app.knooppunt.clock.now())
        try await app.knooppunt.write(on: app.db) { db in
            let current = try await PictureStore.currentIncidentVersion(id, on: db)
            var state = try PictureStore.decodeState(current)
            state.phase = legacy
            current.validTo = at
            try await current.update(on: db)
            let next = PictureStore.incidentVersion(
                incidentID: id, number: current.version + 1, state: state, json: try CanonicalJSON.encode(state), at: at,
                author: .init(username: "im-vr13", organisation: "VR13"))
            try await next.create(on: db)
            try await Journal.append(
                IncidentUpdated(IncidentVersionPayload(next, state: state, exercise: false)), on: db, actor: "im-vr13",
                organisation: "VR13", incident: id)
        }
    }
}

@Suite("Region phase: koud, lauw, warm per region and nationally, with a reason and its history")
struct RegionPhaseApiTests {
    @Test("a region's staff set its phase with a reason; the history keeps every setting; each is journaled")
    func setAndHistory() async throws {
        try await withTestApp(clock: ManualClock(Picture.start)) { app in
            // setup
            let im = try await HTTP.login(app, "im-vr13")
            let path = "/api/v1/regions/VR13/phase"
            let unrecorded = try await HTTP.send(app, .GET, path, token: im).content.decode(RegionPhases.PhaseDTO.self)
            #expect(unrecorded.phase == .koud && !unrecorded.recorded && unrecorded.history.isEmpty)
            #expect(unrecorded.name == "Amsterdam-Amstelland")
            let before = try await HTTP.journalLength(app)

            // MUT: without a reason, then with one
            let noReason = try await Phases.put(app, path, phase: "lauw", reason: " ", token: im)
            #expect(noReason.status == .unprocessableEntity)
            #expect(Phases.field(noReason) == "reason")
            #expect(try await HTTP.journalLength(app) == before, "a refused change changes nothing")
            let lauw = try await Phases.put(app, path, phase: "lauw", reason: "Hoogwater verwacht op de Amstel", token: im)
            #expect(lauw.status == .ok, "\(lauw.body.string)")
            let same = try await Phases.put(app, path, phase: "lauw", reason: "Nog steeds hoogwater", token: im)
            #expect(Phases.field(same) == "phase")
            let chair = try await HTTP.login(app, "voorzitter-vr13")
            let warm = try await Phases.put(app, path, phase: "warm", reason: "Dijk bij Ouderkerk doorgebroken", token: chair)
            #expect(warm.status == .ok)

            // validate
            let now = try await HTTP.send(app, .GET, path, token: try await HTTP.login(app, "im-vr12"))
                .content.decode(RegionPhases.PhaseDTO.self)
            #expect(now.phase == .warm && now.recorded)
            #expect(now.current?.setByName == "Anne Jansen")
            #expect(now.history.map(\.phase) == [.warm, .lauw], "newest first")
            #expect(now.history.last?.reason == "Hoogwater verwacht op de Amstel")
            let events = try await JournalEventModel.query(on: app.db).filter(\.$kind == "region.phase-changed").sort(\.$id).all()
            let changes = try events.map { try #require(try $0.record.event(as: RegionPhaseChanged.self)) }
            #expect(changes.map(\.phase) == ["lauw", "warm"])
            #expect(changes.map(\.previous) == [nil, "lauw"])
            #expect(changes.map(\.scope) == ["VR13", "VR13"])
        }
    }

    @Test("another region's staff, a liaison and a partner cannot set it; partners and administrators do not read it")
    func refusals() async throws {
        try await withTestApp { app in
            let path = "/api/v1/regions/VR13/phase"
            let before = try await HTTP.journalLength(app)
            for user in ["im-vr12", "hin-gedetacheerd-vr13", "rws", "analist-kcr2", "admin"] {
                let token = try await HTTP.login(app, user)
                let refused = try await Phases.put(app, path, phase: "warm", reason: "Dreiging", token: token)
                #expect(refused.status == .forbidden, "\(user)")
            }
            #expect(try await HTTP.send(app, .GET, path, token: try await HTTP.login(app, "rws")).status == .forbidden)
            #expect(try await HTTP.send(app, .GET, path, token: try await HTTP.login(app, "admin")).status == .forbidden)
            #expect(try await HTTP.send(app, .GET, "/api/v1/regions/VR99/phase", token: try await HTTP.login(app, "im-vr13")).status
                == .notFound)
            let sessions = try await JournalEventModel.query(on: app.db).filter(\.$id > before)
                .filter(\.$kind == "region.phase-changed").count()
            #expect(sessions == 0)
        }
    }

    @Test("the national phase is set by the national node's KCR2 analyst; a regional node keeps none")
    func national() async throws {
        try await withTestApp { app in
            let analyst = try await HTTP.login(app, "analist-kcr2")
            let set = try await Phases.put(app, "/api/v1/national/phase", phase: "lauw", reason: "Cyberdreiging vitale sector", token: analyst)
            #expect(set.status == .ok, "\(set.body.string)")
            let phase = try set.content.decode(RegionPhases.PhaseDTO.self)
            #expect(phase.scope == "national" && phase.phase == .lauw)
            let im = try await HTTP.login(app, "im-vr13")
            #expect(try await Phases.put(app, "/api/v1/national/phase", phase: "warm", reason: "Dreiging", token: im).status == .forbidden)
            #expect(try await HTTP.send(app, .GET, "/api/v1/national/phase", token: im).content.decode(RegionPhases.PhaseDTO.self).phase
                == .lauw)
        }
        try await withTestApp(role: .region(RegionCode(number: 13))) { app in
            let analyst = try await HTTP.login(app, "analist-kcr2")
            let refused = try await Phases.put(app, "/api/v1/national/phase", phase: "lauw", reason: "Dreiging", token: analyst)
            #expect(refused.status == .notFound)
        }
    }

    @Test("opening and scaling an incident leave the phase alone; a cold region with an incident at GRIP 1 or higher is asked")
    func incidentsDoNotMoveThePhase() async throws {
        try await withTestApp { app in
            // setup
            let im = try await HTTP.login(app, "im-vr13")
            let incident = try await Picture.createIncident(app, token: im, extra: #","grip":2,"gripReason":"Twee straten ontruimd""#)
            // validate: no phase was recorded by the incident
            let phase = try await HTTP.send(app, .GET, "/api/v1/regions/VR13/phase", token: im).content.decode(RegionPhases.PhaseDTO.self)
            #expect(!phase.recorded && phase.phase == .koud)
            #expect(try await JournalEventModel.query(on: app.db).filter(\.$kind == "region.phase-changed").count() == 0)
            // The region's staff see the question on the home page and the incident page.
            let session = try await WebSession.login(app, "im-vr13")
            let home = try await session.get(app, "/").body.string
            #expect(home.contains(#"id="region-phase-hint""#))
            #expect(home.contains("GRIP 2 (lokaal)"))
            let page = try await session.get(app, "/incidents/\(incident.id)").body.string
            #expect(page.contains("Amsterdam-Amstelland: koude fase (niet vastgelegd)"))
            #expect(page.contains(#"id="region-phase-hint""#))
            #expect(page.contains("GRIP 2 (lokaal)"))
            // Once the region records the warm phase, the question is gone and the page shows it.
            _ = try await Phases.put(app, "/api/v1/regions/VR13/phase", phase: "warm", reason: "Grote brand", token: im)
            let after = try await session.get(app, "/incidents/\(incident.id)").body.string
            #expect(after.contains("Amsterdam-Amstelland: warme fase"))
            #expect(!after.contains(#"id="region-phase-hint""#))
        }
    }
}

@Suite("Incident phase: respons → nafase")
struct IncidentPhaseApiTests {
    @Test("koud, lauw and warm are refused on an incident, naming the field; nafase is accepted")
    func refused() async throws {
        try await withTestApp { app in
            let im = try await HTTP.login(app, "im-vr13")
            let created = try await HTTP.send(
                app, .POST, "/api/v1/incidents", json: #"{"title":"Brand","category":"brand","phase":"warm"}"#, token: im)
            #expect(created.status == .unprocessableEntity)
            #expect(Phases.field(created) == "phase")
            let incident = try await Picture.createIncident(app, token: im)
            #expect(incident.phase == .respons)
            let lauw = try await HTTP.send(app, .PATCH, "/api/v1/incidents/\(incident.id)", json: #"{"baseVersion":1,"phase":"lauw"}"#, token: im)
            #expect(lauw.status == .unprocessableEntity)
            #expect(HTTP.problemDetail(lauw).contains("/regions/{code}/phase"))
            let after = try await HTTP.send(app, .PATCH, "/api/v1/incidents/\(incident.id)", json: #"{"baseVersion":1,"phase":"nafase"}"#, token: im)
            #expect(try after.content.decode(IncidentView.self).phase == .nafase)
            #expect(try await HTTP.send(app, .GET, "/api/v1/incidents?phase=warm", token: im).status == .badRequest)
        }
    }

    @Test("an incident stored as warm reads as respons, is found as respons, and its next version is written with respons")
    func olderVersions() async throws {
        try await withTestApp { app in
            // setup: a version as the server wrote them before decision 0021
            let im = try await HTTP.login(app, "im-vr13")
            let incident = try await Picture.createIncident(app, token: im)
            try await Phases.writeOlderVersion(app, incident.id, phase: .warm)
            // validate: it reads as respons everywhere
            let read = try await HTTP.send(app, .GET, "/api/v1/incidents/\(incident.id)", token: im).content.decode(IncidentView.self)
            #expect(read.version == 2 && read.phase == .respons)
            let found = try await HTTP.send(app, .GET, "/api/v1/incidents?phase=respons", token: im).content.decode([IncidentView].self)
            #expect(found.map(\.id) == [incident.id])
            let versions = try await HTTP.send(app, .GET, "/api/v1/incidents/\(incident.id)/versions", token: im).content
                .decode([IncidentView].self)
            #expect(versions.map(\.phase) == [.respons, .respons])
            // MUT: any next change writes respons
            let changed = try await HTTP.send(
                app, .PATCH, "/api/v1/incidents/\(incident.id)", json: #"{"baseVersion":2,"title":"Brand bij de haven, uitslaand"}"#, token: im)
            #expect(changed.status == .ok, "\(changed.body.string)")
            let row = try await PictureStore.currentIncidentVersion(incident.id, on: app.db)
            #expect(row.phase == "respons")
            // The stored older version is untouched, so the journal audit still holds.
            #expect(try await PictureStore.incidentVersion(incident.id, number: 2, on: app.db).phase == "warm")
            let report = try await JournalAudit(db: app.db).run(anchors: [])
            #expect(report.problems.isEmpty, "\(report.problems)")
        }
    }
}

@Suite("The IRBT as a team")
struct IRBTApiTests {
    @Test("going to GRIP 5 forms the IRBT by itself: the voorzitters of the involved regions, the lead region's coordinating")
    func formedAtGRIPFive() async throws {
        try await withTestApp { app in
            // setup
            let im = try await HTTP.login(app, "im-vr13")
            let incident = try await Picture.createIncident(app, token: im)
            let irbtPath = "/api/v1/incidents/\(incident.id)/irbt"
            _ = try await HTTP.send(app, .PATCH, "/api/v1/incidents/\(incident.id)",
                                    json: #"{"baseVersion":1,"involvedRegions":["VR13","VR12"]}"#, token: im)
            let before = try await HTTP.send(app, .GET, irbtPath, token: im).content.decode(IRBTView.self)
            #expect(!before.formed && before.possible)
            // MUT
            // GRIP 5 is the voorzitters' decision (decision 0020): VR13's voorzitter scales.
            let voorzitter = try await HTTP.login(app, "voorzitter-vr13")
            let scaled = try await HTTP.send(app, .PATCH, "/api/v1/incidents/\(incident.id)",
                                             json: #"{"baseVersion":2,"grip":5,"gripReason":"Overstroming in twee regio's"}"#, token: voorzitter)
            #expect(scaled.status == .ok, "\(scaled.body.string)")
            // validate
            let im12 = try await HTTP.login(app, "im-vr12")
            let irbt = try await HTTP.send(app, .GET, irbtPath, token: im12).content.decode(IRBTView.self)
            #expect(irbt.formed && irbt.origin == .grip5)
            #expect(irbt.members.map(\.region.rawValue) == ["VR13", "VR12"])
            #expect(irbt.members.map(\.coordinating) == [true, false])
            #expect(irbt.members.first?.name.nl == "de voorzitter van Amsterdam-Amstelland")
            #expect(irbt.coordinatingRegion?.rawValue == "VR13")
            let formed = try await JournalEventModel.query(on: app.db).filter(\.$kind == "irbt.formed").all()
            #expect(formed.count == 1)
            #expect(formed.first?.actor == "voorzitter-vr13")
            let logbook = try await HTTP.send(app, .GET, "/api/v1/incidents/\(incident.id)/logbook", token: im).body.string
            #expect(logbook.contains("IRBT ingericht bij GRIP 5"))
            #expect(try await HTTP.send(app, .POST, irbtPath, json: "{}", token: im).status == .conflict, "formed once")
        }
    }

    @Test("below GRIP 5 an involved region's IM forms it on request; with one region it is refused, naming the field")
    func formedOnRequest() async throws {
        try await withTestApp { app in
            let im = try await HTTP.login(app, "im-vr13")
            let incident = try await Picture.createIncident(app, token: im)
            let irbtPath = "/api/v1/incidents/\(incident.id)/irbt"
            let before = try await HTTP.journalLength(app)
            let alone = try await HTTP.send(app, .POST, irbtPath, json: "{}", token: im)
            #expect(alone.status == .unprocessableEntity)
            #expect(Phases.field(alone) == "involvedRegions")
            #expect(try await HTTP.journalLength(app) == before)
            _ = try await HTTP.send(app, .PATCH, "/api/v1/incidents/\(incident.id)",
                                    json: #"{"baseVersion":1,"involvedRegions":["VR13","VR12"]}"#, token: im)
            let hin = try await HTTP.login(app, "hin-vr13")
            #expect(try await HTTP.send(app, .POST, irbtPath, json: "{}", token: hin).status == .forbidden, "forming is for the IM or voorzitter")
            let outsider = try await HTTP.send(app, .POST, irbtPath, json: #"{"coordinatingRegion":"VR17"}"#, token: im)
            #expect(Phases.field(outsider) == "coordinatingRegion")
            let formed = try await HTTP.send(app, .POST, irbtPath, json: "{}", token: im)
            #expect(formed.status == .created, "\(formed.body.string)")
            let irbt = try formed.content.decode(IRBTView.self)
            #expect(irbt.origin == .request && irbt.coordinatingRegion?.rawValue == "VR13")
            // Another voorzitter coordinates.
            let im12 = try await HTTP.login(app, "im-vr12")
            let moved = try await HTTP.send(app, .PUT, irbtPath + "/coordinator", json: #"{"coordinatingRegion":"VR12"}"#, token: im12)
            #expect(moved.status == .ok, "\(moved.body.string)")
            let now = try moved.content.decode(IRBTView.self)
            #expect(now.members.map(\.region.rawValue) == ["VR12", "VR13"] && now.members.first?.coordinating == true)
            #expect(try await JournalEventModel.query(on: app.db).filter(\.$kind == "irbt.coordinator-changed").count() == 1)
        }
    }

    @Test("a joint decision lists the regions that agreed; alignments with the Rijk say with whom; partners and outsiders are refused")
    func decisionsAndAccess() async throws {
        try await withTestApp { app in
            // setup
            let im = try await HTTP.login(app, "im-vr13")
            let incident = try await Picture.createIncident(app, token: im)
            let irbtPath = "/api/v1/incidents/\(incident.id)/irbt"
            _ = try await HTTP.send(app, .PATCH, "/api/v1/incidents/\(incident.id)",
                                    json: #"{"baseVersion":1,"involvedRegions":["VR13","VR12"]}"#, token: im)
            _ = try await Access.link(app, incident.id, "RWS", token: im)
            let early = try await HTTP.send(app, .POST, irbtPath + "/decisions", json: #"{"text":"Evacuatie","agreedRegions":["VR13"]}"#, token: im)
            #expect(early.status == .conflict, "no IRBT yet")
            #expect(try await HTTP.send(app, .POST, irbtPath, json: "{}", token: im).status == .created)

            // MUT
            let one = try await HTTP.send(
                app, .POST, irbtPath + "/decisions", json: #"{"text":"Scholen in Diemen sluiten","agreedRegions":["VR13"]}"#, token: im)
            let im12 = try await HTTP.login(app, "im-vr12")
            let both = try await HTTP.send(
                app, .POST, irbtPath + "/decisions",
                json: #"{"text":"Gezamenlijke evacuatie langs de Amstel","agreedRegions":["VR13","VR12"]}"#, token: im12)
            let outsider = try await HTTP.send(
                app, .POST, irbtPath + "/decisions", json: #"{"text":"Evacuatie","agreedRegions":["VR17"]}"#, token: im)
            let aligned = try await HTTP.send(
                app, .POST, irbtPath + "/alignments", json: #"{"text":"Inzet Defensie besproken","with":"NCC (NCTV)"}"#, token: im)

            // validate
            #expect(one.status == .created && both.status == .created && aligned.status == .created)
            #expect(Phases.field(outsider) == "agreedRegions")
            let irbt = try await HTTP.send(app, .GET, irbtPath, token: im).content.decode(IRBTView.self)
            #expect(irbt.decisions.map(\.allAgreed) == [false, true])
            #expect(irbt.decisions.last?.agreedRegions.map(\.rawValue) == ["VR13", "VR12"])
            #expect(irbt.decisions.last?.recordedByName == "Lotte Smit")
            #expect(irbt.alignments.map(\.with) == ["NCC (NCTV)"])
            // The national node reads but does not write; a linked partner and an outside region neither.
            let analyst = try await HTTP.login(app, "analist-kcr2")
            #expect(try await HTTP.send(app, .GET, irbtPath, token: analyst).status == .ok)
            #expect(try await HTTP.send(app, .POST, irbtPath + "/alignments", json: #"{"text":"Overleg","with":"NCC"}"#, token: analyst)
                .status == .forbidden)
            let rws = try await HTTP.login(app, "rws")
            #expect(try await HTTP.send(app, .GET, irbtPath, token: rws).status == .forbidden)
            let partnerLogbook = try await HTTP.send(app, .GET, "/api/v1/incidents/\(incident.id)/logbook", token: rws).body.string
            #expect(!partnerLogbook.contains("irbt."), "partners do not see the IRBT's events")
            #expect(try await HTTP.send(app, .GET, irbtPath, token: try await HTTP.login(app, "im-vr17")).status == .notFound)
            // The incident page shows the team compactly to the involved regions.
            let session = try await WebSession.login(app, "im-vr13")
            let page = try await session.get(app, "/incidents/\(incident.id)").body.string
            #expect(page.contains(#"id="irbt""#))
            #expect(page.contains("de voorzitter van Amsterdam-Amstelland"))
            #expect(page.contains("alle voorzitters akkoord"))
        }
    }
}
