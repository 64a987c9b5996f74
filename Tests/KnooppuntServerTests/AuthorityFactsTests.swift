import Fluent
import Foundation
import KnooppuntCore
import Testing
import Vapor
import VaporTesting

@testable import KnooppuntServer

/// Helpers for the recorded facts of bestuurlijk gezag.
enum Gezag {
    /// A point in Amstelveen (Stadshart) and one in Diemen, both VR13.
    static let amstelveen = #"{"type":"Point","coordinates":[4.8630,52.3030]}"#
    static let diemen = #"{"type":"Point","coordinates":[4.9626,52.3391]}"#
    static let dam = #","location":{"type":"Point","coordinates":[4.8917,52.3731]}"#

    static func patch(_ app: Application, _ incident: UUID, _ json: String, token: String) async throws -> TestingHTTPResponse {
        try await HTTP.send(app, .PATCH, "/api/v1/incidents/\(incident)", json: json, token: token)
    }

    static func field(_ response: TestingHTTPResponse) -> String? {
        let object = try? JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any]
        return object?["field"] as? String
    }

    static func history(_ app: Application, _ incident: UUID, token: String) async throws -> [AuthorityChangeView] {
        let response = try await HTTP.send(app, .GET, "/api/v1/incidents/\(incident)/authority/history", token: token)
        #expect(response.status == .ok, "\(response.body.string)")
        return try response.content.decode([AuthorityChangeView].self)
    }

    static func circle(_ app: Application, _ incident: UUID, _ point: String, classification: String, token: String) async throws {
        let created = try await Plots.send(
            app, .POST, "/api/v1/incidents/\(incident)/plots",
            feature: Plots.feature(point, #"{"kind":"circle","radius":150,"classification":"\#(classification)"}"#), token: token)
        #expect(created.status == .created, "\(created.body.string)")
    }
}

@Suite("Recorded significance, stage and declaration")
struct RecordedAuthorityFactsTests {
    @Test("a recorded significance decides the authority; a GRIP level that contradicts it is refused naming the field set")
    func recordedSignificance() async throws {
        try await withTestApp { app in
            // setup: a local incident on the Dam, significance not recorded
            let im = try await HTTP.login(app, "im-vr13")
            // The chair of VR13 is also burgemeester of Amsterdam: she decides scale, significance, stage
            // and declarations on the Dam (decision 0020); the IM keeps the record.
            let bestuur = try await HTTP.login(app, "voorzitter-vr13")
            let incident = try await Picture.createIncident(app, token: im, extra: Gezag.dam)
            #expect(incident.significance == nil)
            #expect(try await AuthorityTests.authority(app, incident.id, token: im).significanceFrom == "grip")
            let before = try await HTTP.journalLength(app)

            // MUT: more than local at GRIP 0 contradicts the scale; recording without a reason is refused
            let contradicting = try await Gezag.patch(
                app, incident.id, #"{"baseVersion":1,"significance":"meer-dan-plaatselijk","authorityReason":"Rook over de regio"}"#, token: bestuur)
            let unexplained = try await Gezag.patch(
                app, incident.id, #"{"baseVersion":1,"grip":3,"gripReason":"GBT","significance":"plaatselijk"}"#, token: bestuur)

            // validate
            #expect(contradicting.status == .unprocessableEntity)
            #expect(Gezag.field(contradicting) == "significance")
            #expect(HTTP.problemDetail(contradicting).contains("settle the scale or the significance"))
            #expect(unexplained.status == .unprocessableEntity)
            #expect(Gezag.field(unexplained) == "authorityReason")
            #expect(try await HTTP.journalLength(app) == before)

            // MUT: recorded as local at GRIP 3
            let recorded = try await Gezag.patch(
                app, incident.id,
                #"{"baseVersion":1,"grip":3,"gripReason":"GBT","significance":"plaatselijk","authorityReason":"Alleen Amsterdam getroffen"}"#,
                token: bestuur)
            #expect(recorded.status == .ok, "\(recorded.body.string)")
            let view = try recorded.content.decode(IncidentView.self)
            #expect(view.significance == .local && view.authorityReason == "Alleen Amsterdam getroffen")
            let local = try await AuthorityTests.authority(app, incident.id, token: im)
            #expect(local.significanceFrom == "recorded" && local.rule == "localBurgemeester")

            // MUT: GRIP 4 alone now contradicts the recorded significance, and names grip
            let scaled = try await Gezag.patch(app, incident.id, #"{"baseVersion":2,"grip":4,"gripReason":"RBT"}"#, token: bestuur)
            #expect(scaled.status == .unprocessableEntity)
            #expect(Gezag.field(scaled) == "grip")
            // both together are accepted, and the voorzitter decides
            let both = try await Gezag.patch(
                app, incident.id,
                #"{"baseVersion":2,"grip":4,"gripReason":"RBT","significance":"meer-dan-plaatselijk","authorityReason":"Rook over Amstelveen en Diemen"}"#,
                token: bestuur)
            #expect(both.status == .ok, "\(both.body.string)")
            let regional = try await AuthorityTests.authority(app, incident.id, token: im)
            #expect(regional.rule == "regionalVoorzitter" && regional.significance == .moreThanLocal)
        }
    }

    @Test("in the beheerfase the voorzitter keeps authority, the answer says it may return to the burgemeester, and reviews fall due daily")
    func beheerfase() async throws {
        try await withTestApp { app in
            // setup
            let im = try await HTTP.login(app, "im-vr13")
            // The chair of VR13 is also burgemeester of Amsterdam: she decides scale, significance, stage
            // and declarations on the Dam (decision 0020); the IM keeps the record.
            let bestuur = try await HTTP.login(app, "voorzitter-vr13")
            let incident = try await Picture.createIncident(app, token: im, extra: Gezag.dam)
            #expect(try await Gezag.patch(
                app, incident.id,
                #"{"baseVersion":1,"grip":4,"gripReason":"RBT","significance":"meer-dan-plaatselijk","authorityReason":"Bovenlokaal"}"#,
                token: bestuur).status == .ok)
            #expect(try await AuthorityTests.authority(app, incident.id, token: im).review?.intervalHours == 4)

            // MUT
            let managed = try await Gezag.patch(
                app, incident.id, #"{"baseVersion":2,"stage":"beheer","authorityReason":"Situatie onder controle"}"#, token: bestuur)

            // validate
            #expect(managed.status == .ok, "\(managed.body.string)")
            #expect(try managed.content.decode(IncidentView.self).stage == .beheer)
            let authority = try await AuthorityTests.authority(app, incident.id, token: im)
            #expect(authority.stage == .beheer)
            #expect(authority.holders.map(\.kind) == ["voorzitter"])
            #expect(authority.notes.contains { $0.nl.contains("of het gezag terug kan naar de burgemeester") })
            #expect(authority.explanation.nl.contains("beheerfase"))
            #expect(authority.review?.intervalHours == 24)
        }
    }

    @Test("a declared ramp gives the holders the opperbevel, one line to the bestuur, on the API and the page")
    func declaredRamp() async throws {
        try await withTestApp { app in
            // setup
            let im = try await HTTP.login(app, "im-vr13")
            // The chair of VR13 is also burgemeester of Amsterdam: she decides scale, significance, stage
            // and declarations on the Dam (decision 0020); the IM keeps the record.
            let bestuur = try await HTTP.login(app, "voorzitter-vr13")
            let incident = try await Picture.createIncident(app, token: im, extra: Gezag.dam)

            // MUT: a ramp is a crisis: it names a vital interest
            let unnamed = try await Gezag.patch(
                app, incident.id, #"{"baseVersion":1,"declaration":"ramp","authorityReason":"Explosie"}"#, token: bestuur)
            let declared = try await Gezag.patch(
                app, incident.id,
                #"{"baseVersion":1,"declaration":"ramp","vitalInterests":["fysieke-veiligheid"],"authorityReason":"Explosie met veel slachtoffers"}"#,
                token: bestuur)

            // validate
            #expect(unnamed.status == .unprocessableEntity && Gezag.field(unnamed) == "vitalInterests")
            #expect(declared.status == .ok, "\(declared.body.string)")
            let view = try declared.content.decode(IncidentView.self)
            #expect(view.declaration == .ramp && view.classification == .ramp)
            let authority = try await AuthorityTests.authority(app, incident.id, token: im)
            #expect(authority.opperbevel && authority.declaration == .ramp)
            #expect(authority.holders.allSatisfy(\.opperbevel) && !authority.holders.isEmpty)
            let page = try await WebSession.login(app, "im-vr13").get(app, "/incidents/\(incident.id)").body.string
            #expect(page.contains("Wie beslist: de burgemeester van Amsterdam — opperbevel, één lijn naar het bestuur"))
            #expect(page.contains("Verklaard tot ramp"))

            // MUT: the classification follows the declaration; changing it alone is refused
            let reclassified = try await Gezag.patch(app, incident.id, #"{"baseVersion":2,"classification":"crisis"}"#, token: bestuur)
            #expect(reclassified.status == .unprocessableEntity && Gezag.field(reclassified) == "classification")
        }
    }

    @Test(
        "bad recorded facts are refused naming the field and change nothing",
        arguments: [
            (#"{"baseVersion":1,"significance":"regionaal","authorityReason":"x"}"#, "significance"),
            (#"{"baseVersion":1,"stage":"lang","authorityReason":"x"}"#, "stage"),
            (#"{"baseVersion":1,"declaration":"noodtoestand","authorityReason":"x"}"#, "declaration"),
            (#"{"baseVersion":1,"reviewIntervalHours":0}"#, "reviewIntervalHours"),
            (#"{"baseVersion":1,"reviewIntervalHours":500}"#, "reviewIntervalHours"),
            (#"{"baseVersion":1,"stage":"beheer","authorityReason":"   "}"#, "authorityReason"),
        ])
    func badFacts(_ body: String, field: String) async throws {
        try await withTestApp { app in
            let im = try await HTTP.login(app, "im-vr13")
            // The chair of VR13 is also burgemeester of Amsterdam: she decides scale, significance, stage
            // and declarations on the Dam (decision 0020); the IM keeps the record.
            let bestuur = try await HTTP.login(app, "voorzitter-vr13")
            let incident = try await Picture.createIncident(app, token: im)
            let before = try await HTTP.journalLength(app)
            let response = try await Gezag.patch(app, incident.id, body, token: bestuur)
            #expect(response.status == .unprocessableEntity, "\(response.body.string)")
            #expect(Gezag.field(response) == field, "\(response.body.string)")
            #expect(try await HTTP.journalLength(app) == before)
        }
    }

    @Test("the scaling form records the stage with its reason, and the GRIP level with the significance in one change")
    func pageForm() async throws {
        try await withTestApp { app in
            // setup
            let im = try await HTTP.login(app, "im-vr13")
            let incident = try await Picture.createIncident(app, token: im, extra: Gezag.dam)
            // The form of the voorzitter, who decides scale and stage here (decision 0020).
            let session = try await WebSession.login(app, "voorzitter-vr13")
            let cookies = "kp_csrf=\(session.csrf); kp_session=\(session.session)"
            let page = try await session.get(app, "/incidents/\(incident.id)").body.string
            #expect(page.contains("Van plaatselijke betekenis (volgt GRIP)"))
            #expect(page.contains(#"id="authority-significance""#))
            /// What the scaling form posts: every select, blank text boxes.
            func scalingForm(_ version: Int, grip: Int, gripReason: String, significance: String, stage: String, reason: String)
                -> [(String, String)]
            {
                [
                    ("_csrf", session.csrf), ("baseVersion", "\(version)"), ("grip", "\(grip)"), ("gripReason", gripReason),
                    ("significance", significance), ("stage", stage), ("declaration", "none"), ("authorityReason", reason),
                    ("reviewIntervalHours", ""), ("phase", "respons"), ("status", "open"),
                ]
            }

            // MUT
            let managed = try await WebSession.postForm(
                app, "/incidents/\(incident.id)/update",
                pairs: scalingForm(1, grip: 0, gripReason: "", significance: "", stage: "beheer", reason: "Nazorg loopt"), cookies: cookies)
            let regional = try await WebSession.postForm(
                app, "/incidents/\(incident.id)/update",
                pairs: scalingForm(2, grip: 4, gripReason: "RBT", significance: "meer-dan-plaatselijk", stage: "beheer", reason: "Bovenlokaal"),
                cookies: cookies)

            // validate
            #expect(managed.status == .seeOther && regional.status == .seeOther)
            let view = try await HTTP.send(app, .GET, "/api/v1/incidents/\(incident.id)", token: im).content.decode(IncidentView.self)
            #expect(view.version == 3 && view.grip == .four && view.significance == .moreThanLocal)
            #expect(view.stage == .beheer && view.declaration == .notDeclared && view.authorityReason == "Bovenlokaal")
            let after = try await session.get(app, "/incidents/\(incident.id)").body.string
            #expect(after.contains(#"id="fact-stage">Beheerfase"#) && after.contains(#"id="fact-significance">Van meer dan plaatselijke betekenis<"#))
        }
    }
}

@Suite("Verloop van het gezag")
struct AuthorityHistoryTests {
    @Test("the history lists each change of authority with who, what and why, and counts only the plots the reader sees")
    func history() async throws {
        let clock = ManualClock(Picture.start)
        try await withTestApp(clock: clock) { app in
            // setup: opened on the Dam; GRIP 2 changes nobody's authority; an internal area in Amstelveen adds its
            // burgemeester; a confidential area in Diemen stays out; then the voorzitter takes over
            let im = try await HTTP.login(app, "im-vr13")
            // The chair of VR13 is also burgemeester of Amsterdam: she decides scale, significance, stage
            // and declarations on the Dam (decision 0020); the IM keeps the record.
            let bestuur = try await HTTP.login(app, "voorzitter-vr13")
            let incident = try await Picture.createIncident(app, token: im, extra: Gezag.dam)
            clock.advance(by: 600)
            #expect(try await Gezag.patch(app, incident.id, #"{"baseVersion":1,"grip":2,"gripReason":"COPI"}"#, token: bestuur).status == .ok)
            clock.advance(by: 600)
            try await Gezag.circle(app, incident.id, Gezag.amstelveen, classification: "internal", token: im)
            clock.advance(by: 600)
            try await Gezag.circle(app, incident.id, Gezag.diemen, classification: "confidential", token: im)
            clock.advance(by: 600)
            #expect(try await Gezag.patch(
                app, incident.id,
                #"{"baseVersion":2,"grip":4,"gripReason":"RBT ingesteld","significance":"meer-dan-plaatselijk","authorityReason":"Twee gemeenten getroffen"}"#,
                token: bestuur).status == .ok)

            // MUT
            let response = try await HTTP.send(app, .GET, "/api/v1/incidents/\(incident.id)/authority/history", token: im)
            let changes = try response.content.decode([AuthorityChangeView].self)

            // validate
            #expect(changes.map(\.changes) == [["opened"], ["area"], ["grip", "significance"]])
            #expect(changes.map(\.at) == [Picture.start, Picture.start + 1200, Picture.start + 2400])
            #expect(changes[0].authority.holders.map(\.gemeente) == ["GM0363"])
            #expect(changes[1].authority.holders.compactMap { $0.name.nl.split(separator: " ").last.map(String.init) }.sorted()
                == ["Amstelveen", "Amsterdam"])
            #expect(changes[2].gripReason == "RBT ingesteld" && changes[2].reason == "Twee gemeenten getroffen")
            #expect(changes[2].authority.rule == "regionalVoorzitter")
            #expect(changes.map(\.by) == ["Sanne de Vries", "Sanne de Vries", "Anne Jansen"], "the IM recorded, the voorzitter scaled")
            #expect(!response.body.string.contains("Diemen") && !response.body.string.contains("GM0384"))
            #expect(!response.body.string.contains("im-vr13"))
            // the page shows it collapsed under the "Wie beslist" line
            let page = try await WebSession.login(app, "ac-vr13").get(app, "/incidents/\(incident.id)").body.string
            #expect(page.contains(#"<details id="authority-history""#) && page.contains("Verloop van het gezag (3)"))
            #expect(page.contains("Reden: Twee gemeenten getroffen"))
            // a region not involved does not learn of it
            let other = try await HTTP.login(app, "im-vr12")
            #expect(try await HTTP.send(app, .GET, "/api/v1/incidents/\(incident.id)/authority/history", token: other).status == .notFound)
        }
    }
}

@Suite("Herbeoordeling opschaling en gezag")
struct ScaleReviewTests {
    static func review(_ app: Application, _ incident: UUID, _ json: String, token: String) async throws -> TestingHTTPResponse {
        try await HTTP.send(app, .POST, "/api/v1/incidents/\(incident)/reviews", json: json, token: token)
    }

    @Test("a review falls due four hours after scaling up, is overdue after that, and recording one clears it")
    func overdueAndCleared() async throws {
        let clock = ManualClock(Picture.start)
        try await withTestApp(clock: clock) { app in
            // setup: at GRIP 0 nothing is due and nothing can be reviewed
            let im = try await HTTP.login(app, "im-vr13")
            // The chair of VR13 is also burgemeester of Amsterdam: she decides scale, significance, stage
            // and declarations on the Dam (decision 0020); the IM keeps the record.
            let bestuur = try await HTTP.login(app, "voorzitter-vr13")
            let incident = try await Picture.createIncident(app, token: im, extra: Gezag.dam)
            #expect(try await AuthorityTests.authority(app, incident.id, token: im).review == nil)
            #expect(try await Self.review(app, incident.id, #"{"outcome":"handhaven","reason":"Routine"}"#, token: im).status == .conflict)
            clock.advance(by: 60)
            let scaledAt = Picture.start + 60
            #expect(try await Gezag.patch(app, incident.id, #"{"baseVersion":1,"grip":1,"gripReason":"Motorkapoverleg"}"#, token: bestuur).status == .ok)
            let due = try #require(try await AuthorityTests.authority(app, incident.id, token: im).review)
            #expect(due.dueAt == scaledAt + 4 * 3600 && !due.overdue && due.basis == "change")
            let session = try await WebSession.login(app, "im-vr13")
            #expect(try await session.get(app, "/incidents/\(incident.id)").body.string
                .contains("Herbeoordeling opschaling en gezag: volgende uiterlijk"))

            // MUT: time passes
            clock.advance(by: 4 * 3600 + 60)

            // validate
            let late = try #require(try await AuthorityTests.authority(app, incident.id, token: im).review)
            #expect(late.overdue)
            #expect(try await session.get(app, "/incidents/\(incident.id)").body.string
                .contains("Herbeoordeling opschaling en gezag: te laat sinds"))

            // MUT: the IM records a review
            let recorded = try await Self.review(
                app, incident.id, #"{"baseVersion":2,"outcome":"afschalen-voorgesteld","reason":"Brand meester, GRIP kan eraf"}"#, token: im)

            // validate
            #expect(recorded.status == .created, "\(recorded.body.string)")
            let overview = try recorded.content.decode(ScaleReviewsView.self)
            let reviewedAt = scaledAt + 4 * 3600 + 60
            #expect(overview.status?.overdue == false && overview.status?.basis == "review")
            #expect(overview.status?.dueAt == reviewedAt + 4 * 3600)
            #expect(overview.reviews.map(\.outcome) == [.scaleDownProposed])
            #expect(overview.reviews.first?.reviewedBy == "Sanne de Vries")
            #expect(try await JournalEventModel.query(on: app.db).filter(\.$kind == "incident.reviewed").count() == 1)
            #expect(try await session.get(app, "/incidents/\(incident.id)").body.string
                .contains("Opschaling en gezag herbeoordeeld (GRIP 1): afschalen voorgesteld"))

            // MUT: a shorter interval counts from the review
            #expect(try await Gezag.patch(app, incident.id, #"{"baseVersion":2,"reviewIntervalHours":2}"#, token: bestuur).status == .ok)
            let shorter = try #require(try await AuthorityTests.authority(app, incident.id, token: im).review)
            #expect(shorter.dueAt == reviewedAt + 2 * 3600 && shorter.intervalHours == 2)
        }
    }

    @Test(
        "a bad review is refused naming the field and records nothing",
        arguments: [
            (#"{"outcome":"afschalen","reason":"Brand meester"}"#, "outcome"),
            (#"{"outcome":"handhaven","reason":"  "}"#, "reason"),
            (#"{"outcome":"handhaven"}"#, "reason"),
            (#"{"outcome":"handhaven","reason":"Rustig","grip":2}"#, "grip"),
        ])
    func badReview(_ body: String, field: String) async throws {
        try await withTestApp { app in
            let im = try await HTTP.login(app, "im-vr13")
            let incident = try await Picture.createIncident(app, token: im, extra: #","grip":1,"gripReason":"Start""#)
            let before = try await HTTP.journalLength(app)
            let response = try await Self.review(app, incident.id, body, token: im)
            #expect(response.status == .unprocessableEntity, "\(response.body.string)")
            #expect(Gezag.field(response) == field, "\(response.body.string)")
            #expect(try await HTTP.journalLength(app) == before)
        }
    }

    @Test("who may not edit the incident may read the reviews but not record one")
    func access() async throws {
        try await withTestApp { app in
            let im = try await HTTP.login(app, "im-vr13")
            let incident = try await Picture.createIncident(app, token: im, extra: #","grip":1,"gripReason":"Start""#)
            _ = try await Access.link(app, incident.id, "RWS", token: im)
            let rws = try await HTTP.login(app, "rws")
            #expect(try await HTTP.send(app, .GET, "/api/v1/incidents/\(incident.id)/reviews", token: rws).status == .ok)
            #expect(try await Self.review(app, incident.id, #"{"outcome":"handhaven","reason":"Rustig"}"#, token: rws).status == .forbidden)
        }
    }
}
