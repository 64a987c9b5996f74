import Fluent
import KnooppuntCore
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import KnooppuntServer

/// Helpers for the picture API.
enum Picture {
    static let start = Date(timeIntervalSince1970: 1_800_000_000)  // 2027-01-15T08:00:00Z

    static func rfc3339(_ date: Date) -> String { JournalTime.string(from: date) }

    static func createIncident(
        _ app: Application, token: String, title: String = "Brand bij de haven", exercise: Bool = false,
        extra: String = ""
    ) async throws -> IncidentView {
        let response = try await HTTP.send(
            app, .POST, "/api/v1/incidents",
            json: #"{"title":"\#(title)","category":"brand","exercise":\#(exercise)\#(extra)}"#, token: token)
        #expect(response.status == .created, "\(response.body.string)")
        return try response.content.decode(IncidentView.self)
    }

    static func addEntry(_ app: Application, _ incident: UUID, token: String, text: String, theme: String = "brandweer")
        async throws -> EntryView
    {
        let response = try await HTTP.send(
            app, .POST, "/api/v1/incidents/\(incident)/entries",
            json: #"{"theme":"\#(theme)","text":"\#(text)","source":"OvD Brandweer"}"#, token: token)
        #expect(response.status == .created, "\(response.body.string)")
        return try response.content.decode(EntryView.self)
    }

    static func picture(_ app: Application, _ incident: UUID, token: String, at: Date? = nil) async throws -> PictureView {
        let query = at.map { "?at=" + rfc3339($0).addingPercentEncoding(withAllowedCharacters: .alphanumerics)! } ?? ""
        let response = try await HTTP.send(app, .GET, "/api/v1/incidents/\(incident)/picture\(query)", token: token)
        #expect(response.status == .ok, "\(response.body.string)")
        return try response.content.decode(PictureView.self)
    }
}

@Suite("The shared picture")
struct PictureTests {
    @Test("a new incident gets a reference, starts open at version 1, and is led by the creator's region")
    func create() async throws {
        try await withTestApp(clock: ManualClock(Picture.start)) { app in
            let token = try await HTTP.login(app, "im-vr13")
            let incident = try await Picture.createIncident(app, token: token)
            #expect(incident.reference == "VR13-2027-0001")
            #expect(incident.version == 1)
            #expect(incident.status == .open)
            #expect(incident.leadRegion.rawValue == "VR13")
            #expect(incident.involvedRegions.map(\.rawValue) == ["VR13"])
            let second = try await Picture.createIncident(app, token: token, title: "Tweede incident")
            #expect(second.reference == "VR13-2027-0002")
        }
    }

    @Test("the picture at a moment shows exactly the versions valid then, at the boundaries too")
    func asOf() async throws {
        let clock = ManualClock(Picture.start)
        try await withTestApp(clock: clock) { app in
            // setup: incident at t0, entry at t1, entry edited at t2, GRIP raised at t3
            let token = try await HTTP.login(app, "im-vr13")
            let incident = try await Picture.createIncident(app, token: token)
            clock.advance(by: 60)
            let t1 = Picture.start.addingTimeInterval(60)
            let entry = try await Picture.addEntry(app, incident.id, token: token, text: "Rookontwikkeling zichtbaar")
            clock.advance(by: 60)
            let t2 = t1.addingTimeInterval(60)
            let edit = try await HTTP.send(
                app, .PATCH, "/api/v1/incidents/\(incident.id)/entries/\(entry.id)",
                json: #"{"baseVersion":1,"text":"Zware rookontwikkeling, wind west"}"#, token: token)
            #expect(edit.status == .ok)
            clock.advance(by: 60)
            let t3 = t2.addingTimeInterval(60)
            let raise = try await HTTP.send(
                app, .PATCH, "/api/v1/incidents/\(incident.id)",
                json: #"{"baseVersion":1,"grip":2,"gripReason":"Rook trekt over woonwijk"}"#, token: token)
            #expect(raise.status == .ok)

            // MUT + validate
            let beforeEntry = try await Picture.picture(app, incident.id, token: token, at: t1.addingTimeInterval(-1))
            #expect(beforeEntry.entries.isEmpty)
            let atEntry = try await Picture.picture(app, incident.id, token: token, at: t1)
            #expect(atEntry.entries.map(\.text) == ["Rookontwikkeling zichtbaar"])
            let justBeforeEdit = try await Picture.picture(app, incident.id, token: token, at: t2.addingTimeInterval(-1))
            #expect(justBeforeEdit.entries.map(\.version) == [1])
            let atEdit = try await Picture.picture(app, incident.id, token: token, at: t2)
            #expect(atEdit.entries.map(\.text) == ["Zware rookontwikkeling, wind west"])
            #expect(atEdit.incident.grip == .routine)
            let atRaise = try await Picture.picture(app, incident.id, token: token, at: t3)
            #expect(atRaise.incident.grip == .two)
            #expect(atRaise.incident.version == 2)
            let now = try await Picture.picture(app, incident.id, token: token)
            #expect(now.incident.grip == .two)
            #expect(now.entries.count == 1)
            let tooEarly = try await HTTP.send(
                app, .GET,
                "/api/v1/incidents/\(incident.id)/picture?at=2020-01-01T00:00:00Z", token: token)
            #expect(tooEarly.status == .notFound)
            let garbage = try await HTTP.send(app, .GET, "/api/v1/incidents/\(incident.id)/picture?at=gisteren", token: token)
            #expect(garbage.status == .badRequest)
        }
    }

    @Test("a stale edit gets 409 with the current version and changes nothing")
    func staleEdit() async throws {
        try await withTestApp { app in
            let im = try await HTTP.login(app, "im-vr13")
            let hin = try await HTTP.login(app, "hin-vr13")
            let incident = try await Picture.createIncident(app, token: im)
            let entry = try await Picture.addEntry(app, incident.id, token: im, text: "Eerste melding")
            let first = try await HTTP.send(
                app, .PATCH, "/api/v1/incidents/\(incident.id)/entries/\(entry.id)",
                json: #"{"baseVersion":1,"text":"Aanvulling HIN"}"#, token: hin)
            #expect(first.status == .ok)
            let before = try await HTTP.journalLength(app)
            let stale = try await HTTP.send(
                app, .PATCH, "/api/v1/incidents/\(incident.id)/entries/\(entry.id)",
                json: #"{"baseVersion":1,"text":"Aanvulling IM"}"#, token: im)
            #expect(stale.status == .conflict)
            #expect(HTTP.problemDetail(stale).contains("the current version is 2"))
            #expect(stale.headers.first(name: "X-Current-Version") == "2")
            #expect(try await HTTP.journalLength(app) == before)
            let now = try await Picture.picture(app, incident.id, token: im)
            #expect(now.entries.map(\.text) == ["Aanvulling HIN"])

            let staleIncident = try await HTTP.send(
                app, .PATCH, "/api/v1/incidents/\(incident.id)", json: #"{"baseVersion":7,"phase":"nafase"}"#, token: im)
            #expect(staleIncident.status == .conflict)
        }
    }

    @Test("concurrent edits of the same version: exactly one wins, the others get 409")
    func concurrentEdits() async throws {
        try await withTestApp { app in
            let im = try await HTTP.login(app, "im-vr13")
            let incident = try await Picture.createIncident(app, token: im)
            let entry = try await Picture.addEntry(app, incident.id, token: im, text: "Basis")
            let statuses = try await withThrowingTaskGroup(of: HTTPResponseStatus.self) { group in
                for index in 0..<8 {
                    group.addTask {
                        try await HTTP.send(
                            app, .PATCH, "/api/v1/incidents/\(incident.id)/entries/\(entry.id)",
                            json: #"{"baseVersion":1,"text":"Versie \#(index)"}"#, token: im
                        ).status
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == .ok }.count == 1)
            #expect(statuses.filter { $0 == .conflict }.count == 7)
            let versions = try await HTTP.send(
                app, .GET, "/api/v1/incidents/\(incident.id)/entries/\(entry.id)/versions", token: im
            ).content.decode([EntryView].self)
            #expect(versions.map(\.version) == [1, 2])
        }
    }

    @Test("an archived incident is read-only")
    func archived() async throws {
        try await withTestApp { app in
            let im = try await HTTP.login(app, "im-vr13")
            let incident = try await Picture.createIncident(app, token: im)
            let entry = try await Picture.addEntry(app, incident.id, token: im, text: "Laatste stand")
            for (base, status) in [(1, "closed"), (2, "archived")] {
                let response = try await HTTP.send(
                    app, .PATCH, "/api/v1/incidents/\(incident.id)", json: #"{"baseVersion":\#(base),"status":"\#(status)"}"#,
                    token: im)
                #expect(response.status == .ok, "\(response.body.string)")
            }
            let before = try await HTTP.journalLength(app)
            let writes: [(HTTPMethod, String, String)] = [
                (.PATCH, "/api/v1/incidents/\(incident.id)", #"{"baseVersion":3,"status":"open"}"#),
                (.POST, "/api/v1/incidents/\(incident.id)/entries", #"{"theme":"algemeen","text":"x","source":"y"}"#),
                (.PATCH, "/api/v1/incidents/\(incident.id)/entries/\(entry.id)", #"{"baseVersion":1,"text":"z"}"#),
                (.POST, "/api/v1/incidents/\(incident.id)/entries/\(entry.id)/verification",
                    #"{"baseVersion":1,"status":"verified"}"#),
            ]
            for (method, path, body) in writes {
                let response = try await HTTP.send(app, method, path, json: body, token: im)
                #expect(response.status == .conflict, "\(method) \(path)")
                #expect(HTTP.problemDetail(response).contains("archived"))
            }
            #expect(try await HTTP.journalLength(app) == before)
            let read = try await HTTP.send(app, .GET, "/api/v1/incidents/\(incident.id)/picture", token: im)
            #expect(read.status == .ok)
        }
    }

    @Test("exercises never appear among real incidents, and the other way round")
    func exercisesApart() async throws {
        try await withTestApp { app in
            let im = try await HTTP.login(app, "im-vr13")
            let real = try await Picture.createIncident(app, token: im, title: "Echte brand")
            let drill = try await Picture.createIncident(app, token: im, title: "Oefening Waterproef", exercise: true)
            #expect(drill.exercise)
            let realList = try await HTTP.send(app, .GET, "/api/v1/incidents", token: im).content.decode([IncidentView].self)
            #expect(realList.map(\.id) == [real.id])
            let drills = try await HTTP.send(app, .GET, "/api/v1/incidents?exercise=true", token: im)
                .content.decode([IncidentView].self)
            #expect(drills.map(\.id) == [drill.id])
            let filtered = try await HTTP.send(app, .GET, "/api/v1/incidents?status=open&grip=0&region=VR13", token: im)
                .content.decode([IncidentView].self)
            #expect(filtered.map(\.id) == [real.id])
        }
    }

    @Test("GRIP up- and down-scaling is kept with who, when and why; GRIP 3 is the burgemeester's")
    func gripHistory() async throws {
        try await withTestApp { app in
            let ol = try await HTTP.login(app, "ol-vr13")
            // The chair of VR13 is also burgemeester of Amsterdam in the demo's office register.
            let burgemeester = try await HTTP.login(app, "voorzitter-vr13")
            let incident = try await Picture.createIncident(
                app, token: ol, extra: #","grip":1,"gripReason":"CoPI ingesteld","location":{"type":"Point","coordinates":[4.8917,52.3731]}"#)
            let notTheOLs = try await HTTP.send(
                app, .PATCH, "/api/v1/incidents/\(incident.id)", json: #"{"baseVersion":1,"grip":3,"gripReason":"Gemeente getroffen"}"#,
                token: ol)
            #expect(notTheOLs.status == .forbidden)
            #expect(HTTP.problemDetail(notTheOLs).contains("Amsterdam"), "names who decides")
            #expect(HTTP.problemDetail(notTheOLs).contains("/proposals"), "says how to propose")
            let steps = [(1, 3, "Gemeente getroffen"), (2, 2, "Situatie stabiel")]
            for (base, grip, reason) in steps {
                let response = try await HTTP.send(
                    app, .PATCH, "/api/v1/incidents/\(incident.id)",
                    json: #"{"baseVersion":\#(base),"grip":\#(grip),"gripReason":"\#(reason)"}"#, token: burgemeester)
                #expect(response.status == .ok, "\(response.body.string)")
            }
            let noReason = try await HTTP.send(
                app, .PATCH, "/api/v1/incidents/\(incident.id)", json: #"{"baseVersion":3,"grip":4}"#, token: burgemeester)
            #expect(noReason.status == .unprocessableEntity)
            #expect(HTTP.problemDetail(noReason).contains("needs a reason"))
            let history = try await HTTP.send(app, .GET, "/api/v1/incidents/\(incident.id)/grip-history", token: ol)
                .content.decode([GRIPChangeView].self)
            #expect(history.map(\.to) == [.one, .three, .two])
            #expect(history.map(\.reason) == ["CoPI ingesteld", "Gemeente getroffen", "Situatie stabiel"])
            #expect(history.map(\.by) == ["ol-vr13", "voorzitter-vr13", "voorzitter-vr13"])
        }
    }

    @Test("only the IM or HIN verifies; verification records who and when")
    func verification() async throws {
        try await withTestApp { app in
            let ac = try await HTTP.login(app, "ac-vr13")
            let incident = try await Picture.createIncident(app, token: ac)
            let entry = try await Picture.addEntry(app, incident.id, token: ac, text: "Twee gewonden")
            #expect(entry.verification == .unverified)
            let body = #"{"baseVersion":1,"status":"verified"}"#
            let path = "/api/v1/incidents/\(incident.id)/entries/\(entry.id)/verification"
            let refused = try await HTTP.send(app, .POST, path, json: body, token: ac)
            #expect(refused.status == .forbidden)
            let hin = try await HTTP.login(app, "hin-vr13")
            let verified = try await HTTP.send(app, .POST, path, json: body, token: hin).content.decode(EntryView.self)
            #expect(verified.verification == .verified)
            #expect(verified.verifiedBy == "hin-vr13")
            #expect(verified.version == 2)
        }
    }

    @Test("need-to-know: other regions and partners do not see the incident; the national node does")
    func needToKnow() async throws {
        try await withTestApp { app in
            let im = try await HTTP.login(app, "im-vr13")
            let incident = try await Picture.createIncident(app, token: im)
            for user in ["im-vr12", "rws", "admin"] {
                let token = try await HTTP.login(app, user)
                let show = try await HTTP.send(app, .GET, "/api/v1/incidents/\(incident.id)", token: token)
                #expect(show.status == .notFound, "\(user)")
                let list = try await HTTP.send(app, .GET, "/api/v1/incidents", token: token)
                #expect(list.body.string == "[]", "\(user)")
            }
            let kcr2 = try await HTTP.login(app, "analist-kcr2")
            #expect(try await HTTP.send(app, .GET, "/api/v1/incidents/\(incident.id)", token: kcr2).status == .ok)
            let write = try await HTTP.send(
                app, .POST, "/api/v1/incidents/\(incident.id)/entries",
                json: #"{"theme":"algemeen","text":"x","source":"y"}"#, token: kcr2)
            #expect(write.status == .forbidden)
            let liaison = try await HTTP.login(app, "hin-gedetacheerd-vr13")
            let edit = try await HTTP.send(
                app, .PATCH, "/api/v1/incidents/\(incident.id)", json: #"{"baseVersion":1,"phase":"nafase"}"#, token: liaison)
            #expect(edit.status == .forbidden)
        }
    }

    @Test(
        "bad incident input is refused with a reason and creates nothing",
        arguments: [
            (#"{"title":"Brand","category":"vulkaan"}"#, "category"),
            (#"{"title":"Brand","category":"brand","location":{"type":"Point","coordinates":[52.3,400]}}"#, "location"),
            (#"{"title":"Brand","category":"brand","classification":"crisis"}"#, "vital interest"),
            (#"{"title":"Brand","category":"brand","involvedRegions":["VR12"]}"#, "own region"),
            (#"{"title":"Brand","category":"brand","involvedRegions":["VR99"]}"#, "VR99"),
            (#"{"title":"Brand","category":"brand","grip":9}"#, "grip"),
            (#"{"title":"Brand","category":"brand","startedAt":"gisteren"}"#, "RFC 3339"),
            (#"{"title":"Brand","category":"brand","severity":"hoog"}"#, "unknown field 'severity'"),
        ])
    func badInput(_ body: String, expected: String) async throws {
        try await withTestApp { app in
            let im = try await HTTP.login(app, "im-vr13")
            let before = try await HTTP.journalLength(app)
            let response = try await HTTP.send(app, .POST, "/api/v1/incidents", json: body, token: im)
            #expect(response.status == .unprocessableEntity)
            #expect(HTTP.problemDetail(response).contains(expected), "\(response.body.string)")
            #expect(try await HTTP.journalLength(app) == before)
        }
    }
}

@Suite("Scale rules")
struct ScaleRuleTests {
    @Test("GRIP 5 with one involved region is refused with the reason and changes nothing; with two regions it is accepted")
    func gripFiveNeedsTwoRegions() async throws {
        try await withTestApp { app in
            let im = try await HTTP.login(app, "im-vr13")
            let incident = try await Picture.createIncident(app, token: im)
            let alone = try await HTTP.send(
                app, .PATCH, "/api/v1/incidents/\(incident.id)",
                json: #"{"baseVersion":1,"grip":5,"gripReason":"Uitval in het hele land"}"#, token: im)
            #expect(alone.status == .unprocessableEntity)
            #expect(alone.body.string.contains("two or more involved regions"))
            let unchanged = try await HTTP.send(app, .GET, "/api/v1/incidents/\(incident.id)", token: im).content.decode(IncidentView.self)
            #expect(unchanged.version == 1)
            #expect(unchanged.grip == .routine)
            let voorzitter = try await HTTP.login(app, "voorzitter-vr13")
            let joint = try await HTTP.send(
                app, .PATCH, "/api/v1/incidents/\(incident.id)",
                json: #"{"baseVersion":1,"grip":5,"gripReason":"Uitval in twee regio's","involvedRegions":["VR13","VR12"]}"#, token: voorzitter)
            #expect(joint.status == .ok)
            #expect(try joint.content.decode(IncidentView.self).grip == .five)
        }
    }
}

@Suite("Wie beslist nu")
struct AuthorityTests {
    static func authority(_ app: Application, _ incident: UUID, token: String) async throws -> AuthorityView {
        let response = try await HTTP.send(app, .GET, "/api/v1/incidents/\(incident)/authority", token: token)
        #expect(response.status == .ok)
        return try response.content.decode(AuthorityView.self)
    }

    @Test("a local incident on the Dam is the burgemeester of Amsterdam's; at GRIP 4 the voorzitter's; at GRIP 5 with two regions the IRBT's")
    func authorityFollowsScale() async throws {
        try await withTestApp { app in
            let im = try await HTTP.login(app, "im-vr13")
            let incident = try await Picture.createIncident(
                app, token: im, extra: #","location":{"type":"Point","coordinates":[4.8917,52.3731]}"#)
            let local = try await Self.authority(app, incident.id, token: im)
            #expect(local.rule == "localBurgemeester")
            #expect(local.holders.map(\.gemeente) == ["GM0363"])
            #expect(local.holders.first?.name.nl.contains("Amsterdam") == true)
            #expect(local.significance == .local)

            let voorzitterToken = try await HTTP.login(app, "voorzitter-vr13")
            let regional = try await HTTP.send(
                app, .PATCH, "/api/v1/incidents/\(incident.id)",
                json: #"{"baseVersion":1,"grip":4,"gripReason":"Rook over meerdere gemeenten"}"#, token: voorzitterToken)
            #expect(regional.status == .ok)
            let voorzitter = try await Self.authority(app, incident.id, token: im)
            #expect(voorzitter.rule == "regionalVoorzitter")
            #expect(voorzitter.holders.map(\.region) == [RegionCode("VR13")])
            #expect(voorzitter.holders.first?.name.nl.contains("Amsterdam-Amstelland") == true)

            let irbt = try await HTTP.send(
                app, .PATCH, "/api/v1/incidents/\(incident.id)",
                json: #"{"baseVersion":2,"grip":5,"gripReason":"Ook Kennemerland getroffen","involvedRegions":["VR13","VR12"]}"#,
                token: voorzitterToken)
            #expect(irbt.status == .ok)
            let team = try await Self.authority(app, incident.id, token: im)
            #expect(team.irbt)
            #expect(team.holders.map(\.kind) == ["coordinerend-voorzitter", "voorzitter"])
            #expect(team.holders.map(\.region) == [RegionCode("VR13"), RegionCode("VR12")])
        }
    }

    @Test("a local incident without an area names nobody and asks for the area to be recorded")
    func unresolvedWithoutArea() async throws {
        try await withTestApp { app in
            let im = try await HTTP.login(app, "im-vr13")
            let incident = try await Picture.createIncident(app, token: im)
            let authority = try await Self.authority(app, incident.id, token: im)
            #expect(authority.rule == "unresolved")
            #expect(authority.holders.isEmpty)
        }
    }
}
