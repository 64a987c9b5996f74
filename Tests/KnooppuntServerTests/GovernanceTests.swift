import Fluent
import Foundation
import KnooppuntCore
import Testing
import Vapor
import VaporTesting

@testable import KnooppuntServer

/// Bestuurlijk gezag in the server (decision 0020): the office and mandate registers, proposals to the
/// competent authority, and who may change GRIP or declare a crisis.
@Suite("Bestuurlijk gezag")
struct GovernanceServerTests {
    static let dam = #","location":{"type":"Point","coordinates":[4.8917,52.3731]}"#
    static let amstelveen = #","location":{"type":"Point","coordinates":[4.8606,52.3030]}"#

    static func patch(_ app: Application, _ id: UUID, _ json: String, token: String) async throws -> TestingHTTPResponse {
        try await HTTP.send(app, .PATCH, "/api/v1/incidents/\(id)", json: json, token: token)
    }

    static func proposals(_ app: Application, _ id: UUID, token: String) async throws -> [ProposalView] {
        let response = try await HTTP.send(app, .GET, "/api/v1/incidents/\(id)/proposals", token: token)
        #expect(response.status == .ok, "\(response.body.string)")
        return try response.content.decode([ProposalView].self)
    }

    @Test("the office register: an administrator records offices by name, with their Dutch names; others may not; bad codes name the field")
    func offices() async throws {
        try await withTestApp { app in
            let admin = try await HTTP.login(app, "admin")
            let im = try await HTTP.login(app, "im-vr13")
            let listed = try await HTTP.send(app, .GET, "/api/v1/offices", token: im).content.decode([OfficeView].self)
            let ouderAmstel = try #require(listed.first { $0.office == "burgemeester:GM0437" })
            #expect(ouderAmstel.name.nl == "de burgemeester van Ouder-Amstel")
            #expect(ouderAmstel.displayName == "Gerrit Hoekstra")
            #expect(listed.contains { $0.office == "cdk:PV27" && $0.name.nl == "de commissaris van de Koning in Noord-Holland" })

            let before = try await HTTP.journalLength(app)
            let refused = try await HTTP.send(
                app, .POST, "/api/v1/offices", json: #"{"username":"hin-vr13","office":"burgemeester:GM0358"}"#, token: im)
            #expect(refused.status == .forbidden)
            for (body, field) in [
                (#"{"username":"hin-vr13","office":"burgemeester:GM9999"}"#, "office"),
                (#"{"username":"hin-vr13","office":"koning:NL"}"#, "office"),
                (#"{"username":"niemand","office":"burgemeester:GM0358"}"#, "username"),
                (#"{"username":"hin-vr13","office":"burgemeester:GM0358","rank":1}"#, "rank"),
            ] {
                let bad = try await HTTP.send(app, .POST, "/api/v1/offices", json: body, token: admin)
                #expect(bad.status == .unprocessableEntity, "\(body)")
                #expect(HTTP.problemDetail(bad).contains(field), "\(body): \(bad.body.string)")
            }
            #expect(try await HTTP.journalLength(app) == before, "refusals change nothing")

            let created = try await HTTP.send(
                app, .POST, "/api/v1/offices", json: #"{"username":"hin-vr13","office":"burgemeester:GM0358"}"#, token: admin)
            #expect(created.status == .created)
            let office = try created.content.decode(OfficeView.self)
            #expect(office.name.nl == "de burgemeester van Aalsmeer")
            let twice = try await HTTP.send(
                app, .POST, "/api/v1/offices", json: #"{"username":"hin-vr13","office":"burgemeester:GM0358"}"#, token: admin)
            #expect(twice.status == .conflict)
            let ended = try await HTTP.send(app, .POST, "/api/v1/offices/\(office.id)/end", token: admin).content.decode(OfficeView.self)
            #expect(ended.endedAt != nil)
            let kinds = try await JournalEventModel.query(on: app.db).filter(\.$id > before).sort(\.$id).all().map(\.kind)
            #expect(kinds == ["office.assigned", "office.ended"])
            let partner = try await HTTP.login(app, "rws")
            #expect(try await HTTP.send(app, .GET, "/api/v1/offices", token: partner).status == .forbidden)
        }
    }

    @Test("a mandate lets its mandatary decide for the office, only on its matters and while in force; only the bearer grants it")
    func mandates() async throws {
        try await withTestApp { app in
            let im = try await HTTP.login(app, "im-vr13")
            let ol = try await HTTP.login(app, "ol-vr13")
            let bgm = try await HTTP.login(app, "bgm-amstelveen")
            let incident = try await Picture.createIncident(app, token: ol, extra: Self.amstelveen + #","grip":1,"gripReason":"CoPI""#)
            let authority = try await HTTP.send(app, .GET, "/api/v1/incidents/\(incident.id)/authority", token: ol)
                .content.decode(AuthorityView.self)
            #expect(authority.holders.map(\.gemeente) == ["GM0362"])

            let without = try await Self.patch(app, incident.id, #"{"baseVersion":1,"grip":3,"gripReason":"Wijk ontruimd"}"#, token: ol)
            #expect(without.status == .forbidden)
            #expect(HTTP.problemDetail(without).contains("Amstelveen"))

            // Not the bearer: the IM cannot give the burgemeester's mandate.
            let notBearer = try await HTTP.send(
                app, .POST, "/api/v1/mandates", json: #"{"mandatary":"ol-vr13","office":"burgemeester:GM0362","matters":["scaling"]}"#,
                token: im)
            #expect(notBearer.status == .forbidden)
            // The minister of IenW holds an office that decides none of the matters.
            let ienw = try await HTTP.login(app, "minister-ienw")
            let noMatters = try await HTTP.send(
                app, .POST, "/api/v1/mandates", json: #"{"mandatary":"ol-vr13","office":"minister:ienw","matters":["scaling"]}"#, token: ienw)
            #expect(noMatters.status == .unprocessableEntity)
            let backwards = try await HTTP.send(
                app, .POST, "/api/v1/mandates",
                json: #"{"mandatary":"ol-vr13","office":"burgemeester:GM0362","matters":["scaling"],"validFrom":"2030-01-02T00:00:00Z","validUntil":"2030-01-01T00:00:00Z"}"#,
                token: bgm)
            #expect(backwards.status == .unprocessableEntity)
            #expect(HTTP.problemDetail(backwards).contains("validUntil"))

            // A mandate for public warnings does not cover scaling.
            let warningsOnly = try await Self.patch(app, incident.id, #"{"baseVersion":1,"grip":3,"gripReason":"Wijk ontruimd"}"#, token: ol)
            #expect(warningsOnly.status == .forbidden, "the demo mandate of the OL covers public warnings only")

            let granted = try await HTTP.send(
                app, .POST, "/api/v1/mandates",
                json: #"{"mandatary":"ol-vr13","office":"burgemeester:GM0362","matters":["scaling"],"note":"Tijdens de nacht"}"#, token: bgm)
            #expect(granted.status == .created, "\(granted.body.string)")
            let mandate = try granted.content.decode(MandateView.self)
            #expect(mandate.inForce && mandate.officeName.nl == "de burgemeester van Amstelveen")

            let with = try await Self.patch(app, incident.id, #"{"baseVersion":1,"grip":3,"gripReason":"Wijk ontruimd"}"#, token: ol)
            #expect(with.status == .ok, "\(with.body.string)")
            // The history of authority says it was decided under the burgemeester's mandate (C10, C13).
            let scaled = try await Gezag.history(app, incident.id, token: im).last
            #expect(scaled?.changes.contains("grip") == true)
            #expect(scaled?.decidedAs == "de burgemeester van Amstelveen" && scaled?.underMandateOf == "de burgemeester van Amstelveen")

            let withdrawn = try await HTTP.send(app, .POST, "/api/v1/mandates/\(mandate.id)/withdraw", token: bgm)
            #expect(try withdrawn.content.decode(MandateView.self).inForce == false)
            let after = try await Self.patch(app, incident.id, #"{"baseVersion":2,"grip":2,"gripReason":"Stabiel"}"#, token: ol)
            #expect(after.status == .forbidden, "a withdrawn mandate decides nothing")
            let again = try await HTTP.send(app, .POST, "/api/v1/mandates/\(mandate.id)/withdraw", token: bgm)
            #expect(again.status == .conflict)
        }
    }

    @Test("the IM proposes GRIP 3; the wrong people cannot decide it; the burgemeester accepts; the incident follows")
    func proposals() async throws {
        try await withTestApp { app in
            let im = try await HTTP.login(app, "im-vr13")
            let bgm = try await HTTP.login(app, "voorzitter-vr13") // also burgemeester of Amsterdam
            let other = try await HTTP.login(app, "bgm-amstelveen")
            let incident = try await Picture.createIncident(app, token: im, extra: Self.dam + #","vitalInterests":["fysieke-veiligheid"]"#)
            let path = "/api/v1/incidents/\(incident.id)/proposals"

            for (body, field) in [
                (#"{"reason":"x"}"#, "grip"),
                (#"{"grip":2,"reason":"ROT"}"#, "operational"),
                (#"{"grip":3,"reason":""}"#, "reason"),
                (#"{"grip":5,"reason":"Landelijk"}"#, "two or more involved regions"),
                (#"{"grip":7,"reason":"x"}"#, "grip"),
            ] {
                let bad = try await HTTP.send(app, .POST, path, json: body, token: im)
                #expect(bad.status == .unprocessableEntity, "\(body)")
                #expect(HTTP.problemDetail(bad).contains(field), "\(body): \(bad.body.string)")
            }
            let made = try await HTTP.send(app, .POST, path, json: #"{"grip":3,"reason":"Meerdere straten ontruimd"}"#, token: im)
            #expect(made.status == .created)
            let proposal = try made.content.decode(ProposalView.self)
            #expect(proposal.addressedTo == ["de burgemeester van Amsterdam"])
            #expect(proposal.mine && !proposal.mayDecide)

            let partner = try await HTTP.login(app, "rws")
            #expect(try await HTTP.send(app, .GET, path, token: partner).status == .notFound)
            let notHers = try await HTTP.send(app, .POST, "\(path)/\(proposal.id)/accept", token: other)
            #expect(notHers.status == .forbidden, "the burgemeester of Amstelveen does not decide on the Dam")
            let noReason = try await HTTP.send(app, .POST, "\(path)/\(proposal.id)/reject", token: bgm)
            #expect(noReason.status == .unprocessableEntity)
            #expect(try await Self.proposals(app, incident.id, token: bgm).first?.mayDecide == true)

            let accepted = try await HTTP.send(app, .POST, "\(path)/\(proposal.id)/accept", json: #"{"reason":"Akkoord"}"#, token: bgm)
            #expect(accepted.status == .ok, "\(accepted.body.string)")
            let view = try accepted.content.decode(ProposalView.self)
            #expect(view.status == "accepted" && view.decidedAs == "de burgemeester van Amsterdam" && view.incidentVersion == 2)
            let now = try await HTTP.send(app, .GET, "/api/v1/incidents/\(incident.id)", token: im).content.decode(IncidentView.self)
            #expect(now.grip == .three && now.gripReason == "Meerdere straten ontruimd — Akkoord")
            #expect(try await HTTP.send(app, .POST, "\(path)/\(proposal.id)/accept", token: bgm).status == .conflict)

            // A second proposal: rejected with a reason, and one withdrawn by its maker.
            let up = try await HTTP.send(app, .POST, path, json: #"{"grip":4,"reason":"Rook over de stad"}"#, token: im)
                .content.decode(ProposalView.self)
            #expect(up.addressedTo == ["de voorzitter van Amsterdam-Amstelland"], "GRIP 4 goes to the voorzitter")
            let rejected = try await HTTP.send(app, .POST, "\(path)/\(up.id)/reject", json: #"{"reason":"Nog niet nodig"}"#, token: bgm)
            #expect(try rejected.content.decode(ProposalView.self).status == "rejected")
            let ramp = try await HTTP.send(app, .POST, path, json: #"{"classification":"ramp","reason":"Dijkdoorbraak"}"#, token: im)
                .content.decode(ProposalView.self)
            #expect(try await HTTP.send(app, .POST, "\(path)/\(ramp.id)/withdraw", token: bgm).status == .forbidden)
            let withdrawn = try await HTTP.send(app, .POST, "\(path)/\(ramp.id)/withdraw", token: im)
            #expect(try withdrawn.content.decode(ProposalView.self).status == "withdrawn")
            let kinds = try await JournalEventModel.query(on: app.db).sort(\.$id).all().map(\.kind).filter { $0.hasPrefix("proposal.") }
            #expect(kinds == ["proposal.made", "proposal.decided", "proposal.made", "proposal.decided", "proposal.made", "proposal.decided"])
        }
    }

    @Test("opening an incident at GRIP 3 is the burgemeester's decision; the IM opens it at GRIP 0–2")
    func createAtGRIPThree() async throws {
        try await withTestApp { app in
            let im = try await HTTP.login(app, "im-vr13")
            let body = #"{"title":"Brand","category":"brand","grip":3,"gripReason":"Grote brand""# + Self.dam + "}"
            let refused = try await HTTP.send(app, .POST, "/api/v1/incidents", json: body, token: im)
            #expect(refused.status == .forbidden)
            #expect(HTTP.problemDetail(refused).contains("Amsterdam"))
            let bgm = try await HTTP.login(app, "voorzitter-vr13")
            #expect(try await HTTP.send(app, .POST, "/api/v1/incidents", json: body, token: bgm).status == .created)
        }
    }

    @Test("the minister and the CdK read an incident at the national level and write nothing; the CdK only in their province")
    func rijkReads() async throws {
        try await withTestApp { app in
            let im = try await HTTP.login(app, "im-vr13")
            let incident = try await Picture.createIncident(app, token: im, extra: Self.dam)
            for user in ["minister-jenv", "ncc-jenv", "cdk-nh"] {
                let token = try await HTTP.login(app, user)
                #expect(try await HTTP.send(app, .GET, "/api/v1/incidents/\(incident.id)", token: token).status == .ok, "\(user)")
                let write = try await HTTP.send(
                    app, .POST, "/api/v1/incidents/\(incident.id)/entries", json: #"{"theme":"algemeen","text":"Waterstand stijgt","source":"NCC"}"#, token: token)
                #expect(write.status == .forbidden, "\(user)")
            }
            let vr12 = try await HTTP.login(app, "im-vr12")
            let elsewhere = try await Picture.createIncident(app, token: vr12, title: "Brand in Zeeland")
            _ = elsewhere
            let cdk = try await HTTP.login(app, "cdk-nh")
            // VR12 Kennemerland lies in Noord-Holland too; a Zeeland incident would not. Check via the policy's list.
            let listed = try await HTTP.send(app, .GET, "/api/v1/incidents", token: cdk).content.decode([IncidentView].self)
            #expect(Set(listed.map(\.id)) == Set([incident.id, elsewhere.id]))
        }
    }

    @Test("a decision names the authority it was taken under; a policy team without authority is flagged, in the log and the art. 40 report")
    func decisionsNameTheirAuthority() async throws {
        try await withTestApp { app in
            let im = try await HTTP.login(app, "im-vr13")
            let incident = try await Picture.createIncident(app, token: im, extra: Self.dam + #","grip":2,"gripReason":"ROT""#)
            var views: [DecisionView] = []
            for team in ["gbt", "rbt", "rot"] {
                let response = try await HTTP.send(
                    app, .POST, "/api/v1/incidents/\(incident.id)/decisions",
                    json: #"{"team":"\#(team)","text":"Besluit \#(team)","decidedBy":"Voorzitter","reason":"Nodig"}"#, token: im)
                #expect(response.status == .created, "\(response.body.string)")
                views.append(try response.content.decode(DecisionView.self))
            }
            #expect(views[0].authority == "de burgemeester van Amsterdam" && views[0].outsideAuthority == false)
            #expect(views[1].authority == "de burgemeester van Amsterdam" && views[1].outsideAuthority == true,
                    "an RBT decision while the burgemeester holds authority")
            #expect(views[2].authority == "operationele leiding (ROT)" && views[2].outsideAuthority == false)
            let page = try await WebSession.login(app, "im-vr13").get(app, "/incidents/\(incident.id)").body.string
            #expect(page.components(separatedBy: "buiten bevoegd gezag").count - 1 == 1)
            let report = try await HTTP.send(app, .GET, "/api/v1/incidents/\(incident.id)/report", token: try await HTTP.login(app, "voorzitter-vr13"))
            #expect(report.status == .ok, "\(report.body.string)")
            let decisions = try report.content.decode(CouncilReportView.self).decisions
            #expect(decisions.map(\.outsideAuthority) == [false, true, false])
        }
    }

    @Test("scaling to GRIP 4 takes authority over, so the voorzitter may declare the ramp in the same change; the IM may not")
    func takeOverAndDeclare() async throws {
        try await withTestApp { app in
            let im = try await HTTP.login(app, "im-vr13")
            let voorzitter = try await HTTP.login(app, "voorzitter-vr13")
            let incident = try await Picture.createIncident(app, token: im)
            let change = #"{"baseVersion":1,"grip":4,"gripReason":"RBT","classification":"ramp","vitalInterests":["fysieke-veiligheid"]}"#
            #expect(try await Self.patch(app, incident.id, change, token: im).status == .forbidden)
            let decided = try await Self.patch(app, incident.id, change, token: voorzitter)
            #expect(decided.status == .ok, "\(decided.body.string)")
            let authority = try await AuthorityTests.authority(app, incident.id, token: im)
            #expect(authority.rule == "regionalVoorzitter" && authority.opperbevel)
            // Taken as the voorzitter in person; the opening (the IM's GRIP 0) was no decision of the bestuur.
            let history = try await Gezag.history(app, incident.id, token: im)
            #expect(history.first?.decidedAs == nil)
            #expect(history.last?.decidedAs?.hasPrefix("de voorzitter van") == true && history.last?.underMandateOf == nil)
            let logbook = try await HTTP.send(app, .GET, "/api/v1/incidents/\(incident.id)/logbook", token: im).body.string
            #expect(logbook.contains("incident.authority-exercised"))

            // The same as a proposal: accepting it takes over authority too, so the voorzitter decides both.
            let second = try await Picture.createIncident(app, token: im, extra: #","vitalInterests":["fysieke-veiligheid"]"#)
            let path = "/api/v1/incidents/\(second.id)/proposals"
            let made = try await HTTP.send(app, .POST, path, json: #"{"grip":4,"classification":"ramp","reason":"Dijkdoorbraak"}"#, token: im)
            #expect(made.status == .created, "\(made.body.string)")
            let proposal = try made.content.decode(ProposalView.self)
            #expect(try await Self.proposals(app, second.id, token: voorzitter).first?.mayDecide == true)
            let accepted = try await HTTP.send(app, .POST, "\(path)/\(proposal.id)/accept", json: "{}", token: voorzitter)
            #expect(accepted.status == .ok, "\(accepted.body.string)")
            let now = try await HTTP.send(app, .GET, "/api/v1/incidents/\(second.id)", token: im).content.decode(IncidentView.self)
            #expect(now.grip == .four && now.classification == .ramp)
            #expect(try await Gezag.history(app, second.id, token: im).last?.decidedAs?.hasPrefix("de voorzitter van") == true)
        }
    }

    @Test("a public warning is the competent authority's: the IM is refused naming the burgemeester; the OL publishes under the demo mandate of Amstelveen")
    func publicWarningsFollowAuthority() async throws {
        try await withTestApp { app in
            let im = try await HTTP.login(app, "im-vr13")
            let ol = try await HTTP.login(app, "ol-vr13")
            let incident = try await Picture.createIncident(app, token: im, extra: Self.amstelveen)
            let refused = try await PublicWarnings.publish(app, incident.id, token: im)
            #expect(refused.status == .forbidden)
            #expect(HTTP.problemDetail(refused).contains("Amstelveen"), "names who decides")
            let published = try await PublicWarnings.publish(app, incident.id, token: ol)
            #expect(published.status == .created, "\(published.body.string)")
            // Outside the mandate's gemeente the OL is refused: the Dam is Amsterdam's.
            let dam = try await Picture.createIncident(app, token: im, extra: Self.dam)
            #expect(try await PublicWarnings.publish(app, dam.id, token: ol).status == .forbidden)
        }
    }
}
