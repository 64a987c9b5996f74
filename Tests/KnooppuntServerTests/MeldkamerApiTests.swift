import Fluent
import Foundation
import KnooppuntCore
import Testing
import Vapor
import VaporTesting

@testable import KnooppuntServer

/// Helpers for the meldkamer intake (decision 0034).
enum Meldkamer {
    static func plain(_ app: Application, _ token: String, _ lines: [String]) async throws -> TestingHTTPResponse {
        var headers = HTTPHeaders()
        headers.contentType = .plainText
        return try await HTTP.send(app, .POST, "/api/v1/meldkamer/messages", token: token, headers: headers, body: lines.joined(separator: "\n"))
    }

    static func proposals(_ app: Application, _ token: String, query: String = "?status=open") async throws -> MeldkamerProposals.ListDTO {
        let response = try await HTTP.send(app, .GET, "/api/v1/meldkamer/proposals\(query)", token: token)
        #expect(response.status == .ok, "\(response.body.string)")
        return try response.content.decode(MeldkamerProposals.ListDTO.self)
    }

    static let at = "2026-12-31T23:10:00+01:00"
}

@Suite("Meldkamer intake: messages read, stored once, grouped into proposals; the CaCo promotes; the IM takes over")
struct MeldkamerApiTests {
    @Test("raw P2000 lines: each answered with what was understood; the same line twice is stored once; unreadable lines kept and reported")
    func intake() async throws {
        try await withTestApp(clock: ManualClock(Picture.start)) { app in
            let caco = try await HTTP.login(app, "caco-amsterdam")
            let response = try await Meldkamer.plain(app, caco, [
                "\(Meldkamer.at) P 1 BAD-02 BR woning , Damrak Amsterdam 13ASD",
                "2026-12-31T23:14:00+01:00 P 1 BAD-02 BR woning (Middelbrand) , Damrak ADAM 13ASD 13ASW",
                "2026-12-31T23:20:00+01:00 P 2 BDH-02 Buitenbrand Lijsterbesstraat SGRAVH 159635",
                "Graag eerst even bellen",
            ])
            #expect(response.status == .created, "\(response.body.string)")
            let result = try response.content.decode(MeldkamerIntake.Result.self)
            #expect(result.stored == 4 && result.duplicates == 0 && result.unreadable == 1)
            let first = result.messages[0]
            #expect(first.priority == 1 && first.unit == "BAD-02" && first.messageTypeExpanded == "Brand woning")
            #expect(first.street == "Damrak" && first.municipality?.name == "Amsterdam" && first.region == "VR13")
            #expect(first.capcodes == ["13ASD"] && first.proposal?.opened == true)
            let second = result.messages[1]
            #expect(second.placeExpanded == "Amsterdam")
            #expect(second.proposal?.id == first.proposal?.id, "same street, four minutes later")
            #expect(second.proposal?.reason == "zelfde straat (Damrak) en 4 min na het vorige bericht")
            let haag = result.messages[2]
            #expect(haag.municipality?.name == "'s-Gravenhage" && haag.region == "VR15")
            #expect(haag.proposal == nil && haag.reasons.last == "VR15 valt buiten het gebied van deze meldkamer: geen voorstel",
                    "Amsterdam's meldkamer proposes only in VR13")
            #expect(result.messages[3].unreadable && result.messages[3].proposal == nil)

            // The same lines again: nothing new.
            let again = try await Meldkamer.plain(app, caco, ["\(Meldkamer.at) P 1 BAD-02 BR woning , Damrak  Amsterdam 13ASD"])
            let repeated = try again.content.decode(MeldkamerIntake.Result.self)
            #expect(again.status == .ok && repeated.duplicates == 1 && repeated.messages[0].id == first.id)
            let stored = try await MeldkamerMessageModel.query(on: app.db).count()
            #expect(stored == 4)

            // The unreadable line is listed for the meldkamer that sent it.
            let unplaced = try await HTTP.send(app, .GET, "/api/v1/meldkamer/messages", token: caco)
            #expect(try unplaced.content.decode([MeldkamerProposals.MessageDTO].self).map(\.text).contains("Graag eerst even bellen"))

            // Amsterdam's CaCo sees VR13's proposal, not VR15's; Rotterdam's sees neither.
            let seen = try await Meldkamer.proposals(app, caco)
            #expect(seen.regions == ["VR13"] && seen.proposals.count == 1)
            #expect(seen.proposals[0].messages.count == 2 && seen.proposals[0].highestPriority == 1)
            #expect(seen.proposals[0].title == "Brand woning — Damrak, Amsterdam" && seen.proposals[0].category == "brand")
            let rotterdam = try await HTTP.login(app, "caco-rotterdam")
            #expect(try await Meldkamer.proposals(app, rotterdam).proposals.isEmpty)
            let vr12 = try await HTTP.login(app, "im-vr12")
            let refused = try await HTTP.send(app, .GET, "/api/v1/meldkamer/proposals?region=VR13", token: vr12)
            #expect(refused.status == .forbidden)
            let other = try await HTTP.send(app, .GET, "/api/v1/meldkamer/proposals/\(seen.proposals[0].id)", token: vr12)
            #expect(other.status == .notFound, "a proposal one may not see is not there for one")
            // Only a meldkamer sends messages.
            let im = try await HTTP.login(app, "im-vr13")
            #expect(try await Meldkamer.plain(app, im, ["P 1 BR woning , Damrak Amsterdam 13ASD"]).status == .forbidden)

            let events = try await JournalEventModel.query(on: app.db).filter(\.$kind == "meldkamer.messages-received").all()
            #expect(events.count == 1, "a batch of duplicates writes nothing")

            // An exercise message with the same text is another message, and never joins a real proposal.
            let exercise = try await HTTP.send(app, .POST, "/api/v1/meldkamer/messages",
                                               json: #"{"text":"P 1 BAD-02 BR woning , Damrak Amsterdam 13ASD","receivedAt":"\#(Meldkamer.at)","exercise":true}"#, token: caco)
            let practised = try exercise.content.decode(MeldkamerIntake.Result.self).messages[0]
            #expect(practised.status == "stored" && practised.proposal?.opened == true && practised.proposal?.id != first.proposal?.id)
        }
    }

    @Test("a bad batch is refused whole, naming the message and field; nothing is stored")
    func badBatch() async throws {
        try await withTestApp(clock: ManualClock(Picture.start)) { app in
            let caco = try await HTTP.login(app, "caco-amsterdam")
            let cases: [(String, String)] = [
                (#"[{"text":"P 1 BR woning , Damrak Amsterdam 13ASD"},{"text":"P 1 \u0007 bel"}]"#, "messages[1]"),
                (#"[{"text":"P 1 BR woning , Damrak Amsterdam","receivedAt":"gisteren"}]"#, "receivedAt"),
                (#"{"text":"P 1 BR woning , Damrak Amsterdam","lat":52.37}"#, "lon"),
                (#"{"text":"P 1 BR woning , Damrak Amsterdam","lat":91,"lon":4.9}"#, "lat"),
                (#"{"text":"P 1","colour":"red"}"#, "colour"),
                (#"{"text":""}"#, "text"),
                (#"[]"#, "messages"),
            ]
            for (body, field) in cases {
                let response = try await HTTP.send(app, .POST, "/api/v1/meldkamer/messages", json: body, token: caco)
                #expect(response.status == .badRequest || response.status == .unprocessableEntity, "\(body): \(response.status)")
                #expect(response.body.string.contains(field), "\(body) names \(field): \(response.body.string)")
            }
            let long = String(repeating: "x", count: 1001)
            let tooLong = try await HTTP.send(app, .POST, "/api/v1/meldkamer/messages", json: #"{"text":"\#(long)"}"#, token: caco)
            #expect(tooLong.body.string.contains("1000"))
            var headers = HTTPHeaders()
            headers.contentType = .xml
            let xml = try await HTTP.send(app, .POST, "/api/v1/meldkamer/messages", token: caco, headers: headers, body: "<a/>")
            #expect(xml.status == .unsupportedMediaType)
            #expect(try await MeldkamerMessageModel.query(on: app.db).count() == 0)
        }
    }

    @Test("the CaCo promotes a proposal: a GRIP 1 incident with the messages as unverified meldkamer entries and the point plotted; the CaCo keeps the meldkamer theme until the IM takes over")
    func promoteAndTakeOver() async throws {
        try await withTestApp(clock: ManualClock(Picture.start)) { app in
            let caco = try await HTTP.login(app, "caco-amsterdam")
            _ = try await HTTP.send(app, .POST, "/api/v1/meldkamer/messages", json: """
                [{"text":"P 1 BAD-06 BR industrie , Westhavenweg Amsterdam 13ASN","receivedAt":"2026-12-31T23:00:00+01:00","lat":52.3995,"lon":4.8080},
                 {"text":"P 1 BAD-06 (Middelbrand) opschaling , Westhavenweg Amsterdam 13ASN 13ASW","receivedAt":"2026-12-31T23:12:00+01:00"}]
                """, token: caco)
            let proposal = try await Meldkamer.proposals(app, caco).proposals[0]
            #expect(proposal.lat == 52.3995 && proposal.pointIsExact)
            let ol = try await HTTP.login(app, "ol-vr13")
            let notOL = try await HTTP.send(app, .POST, "/api/v1/meldkamer/proposals/\(proposal.id)/promote", json: #"{"version":\#(proposal.version)}"#, token: ol)
            #expect(notOL.status == .forbidden, "the operational leader sees proposals but does not promote them")
            let stale = try await HTTP.send(app, .POST, "/api/v1/meldkamer/proposals/\(proposal.id)/promote", json: #"{"version":99}"#, token: caco)
            #expect(stale.status == .conflict)

            let promoted = try await HTTP.send(app, .POST, "/api/v1/meldkamer/proposals/\(proposal.id)/promote", json: #"{"version":\#(proposal.version)}"#, token: caco)
            #expect(promoted.status == .created, "\(promoted.body.string)")
            let result = try promoted.content.decode(MeldkamerProposals.PromotedDTO.self)
            #expect(result.proposal.status == "promoted" && result.reference.hasPrefix("VR13-"))
            let twice = try await HTTP.send(app, .POST, "/api/v1/meldkamer/proposals/\(proposal.id)/promote", json: #"{"version":\#(result.proposal.version)}"#, token: caco)
            #expect(twice.status == .conflict)

            let im = try await HTTP.login(app, "im-vr13")
            let picture = try await Picture.picture(app, result.incident, token: im)
            #expect(picture.incident.grip == .one && picture.incident.meldkamer == MeldkamerCustody(meldkamer: "MK-AA", inCharge: true))
            #expect(picture.entries.count == 2)
            #expect(picture.entries.allSatisfy { $0.theme == .meldkamer && $0.source == "meldkamer" && $0.verification == .unverified })
            #expect(picture.entries.contains { $0.text.hasPrefix("P 1 BAD-06 BR industrie , Westhavenweg Amsterdam 13ASN") })
            let plots = try await HTTP.send(app, .GET, "/api/v1/incidents/\(result.incident)/plots", token: im)
            #expect(plots.body.string.contains("4.808") && plots.body.string.contains("52.3995"))

            // The CaCo writes the meldkamer theme, and nothing else.
            let entry = try await HTTP.send(app, .POST, "/api/v1/incidents/\(result.incident)/entries",
                                            json: #"{"theme":"meldkamer","text":"Tweede TS onderweg","source":"CaCo"}"#, token: caco)
            #expect(entry.status == .created, "\(entry.body.string)")
            let brandweer = try await HTTP.send(app, .POST, "/api/v1/incidents/\(result.incident)/entries",
                                                json: #"{"theme":"brandweer","text":"Binnenaanval","source":"CaCo"}"#, token: caco)
            #expect(brandweer.status == .forbidden)
            // The briefing back to the meldkamer.
            let briefing = try await HTTP.send(app, .GET, "/api/v1/meldkamer/incidents/\(result.incident)/briefing", token: caco)
            #expect(briefing.status == .ok, "\(briefing.body.string)")
            let brief = try briefing.content.decode(MeldkamerController.BriefingDTO.self)
            #expect(brief.plots.count == 1 && brief.reference == result.reference)
            let rotterdam = try await HTTP.login(app, "caco-rotterdam")
            let elsewhere = try await HTTP.send(app, .GET, "/api/v1/meldkamer/incidents/\(result.incident)/briefing", token: rotterdam)
            #expect(elsewhere.status == .notFound, "an incident the reader may not read is not there for it: \(elsewhere.status)")

            // The IM takes over; from then on the CaCo reads but no longer writes.
            let notCaco = try await HTTP.send(app, .POST, "/api/v1/incidents/\(result.incident)/meldkamer/takeover", json: #"{"version":1}"#, token: caco)
            #expect(notCaco.status == .forbidden)
            let takeOver = try await HTTP.send(app, .POST, "/api/v1/incidents/\(result.incident)/meldkamer/takeover",
                                               json: #"{"version":\#(picture.incident.version)}"#, token: im)
            #expect(takeOver.status == .ok, "\(takeOver.body.string)")
            let after = try await HTTP.send(app, .POST, "/api/v1/incidents/\(result.incident)/entries",
                                            json: #"{"theme":"meldkamer","text":"Nog een bericht","source":"CaCo"}"#, token: caco)
            #expect(after.status == .forbidden)
            #expect(try await Picture.picture(app, result.incident, token: caco).incident.meldkamer?.inCharge == false)
            let again = try await HTTP.send(app, .POST, "/api/v1/incidents/\(result.incident)/meldkamer/takeover",
                                            json: #"{"version":\#(picture.incident.version + 1)}"#, token: im)
            #expect(again.status == .conflict)

            let handled = try await JournalEventModel.query(on: app.db).filter(\.$kind == "meldkamer.proposal-handled").all()
                .compactMap { try $0.record.event(as: MeldkamerProposalHandled.self) }
            #expect(handled.map(\.action) == ["promoted"] && handled[0].incident == result.incident)
            let takenOver = try await JournalEventModel.query(on: app.db).filter(\.$kind == "meldkamer.theme-taken-over").count()
            #expect(takenOver == 1)
        }
    }

    @Test("merge, split and dismiss: the IM regroups what the rules grouped wrongly; all journaled")
    func regroup() async throws {
        try await withTestApp(clock: ManualClock(Picture.start)) { app in
            let caco = try await HTTP.login(app, "caco-amsterdam")
            _ = try await Meldkamer.plain(app, caco, [
                "2026-12-31T23:00:00+01:00 P 1 BAD-01 BR woning , Damrak Amsterdam 13ASD",
                "2026-12-31T23:02:00+01:00 P 1 BAD-01 BR woning , Rokin Amsterdam 13ASN",
                "2026-12-31T23:04:00+01:00 P 2 BAD-01 BR container , Damrak Amsterdam 13ASD",
            ])
            let im = try await HTTP.login(app, "im-vr13")
            var open = try await Meldkamer.proposals(app, im).proposals
            #expect(open.count == 2)
            let damrak = try #require(open.first { $0.messages.count == 2 })
            let rokin = try #require(open.first { $0.messages.count == 1 })
            let merged = try await HTTP.send(app, .POST, "/api/v1/meldkamer/proposals/\(rokin.id)/merge",
                                             json: #"{"version":\#(rokin.version),"into":"\#(damrak.id)"}"#, token: im)
            #expect(merged.status == .ok, "\(merged.body.string)")
            let combined = try merged.content.decode(MeldkamerProposals.ProposalDTO.self)
            #expect(combined.messages.count == 3)
            let container = try #require(combined.messages.first { $0.messageType == "BR container" })
            let split = try await HTTP.send(app, .POST, "/api/v1/meldkamer/proposals/\(combined.id)/split",
                                            json: #"{"version":\#(combined.version),"messages":["\#(container.id)"]}"#, token: im)
            #expect(split.status == .ok, "\(split.body.string)")
            let parts = try split.content.decode([MeldkamerProposals.ProposalDTO].self)
            #expect(parts.map(\.messages.count) == [2, 1])
            let all = try await HTTP.send(app, .POST, "/api/v1/meldkamer/proposals/\(parts[1].id)/split",
                                          json: #"{"version":\#(parts[1].version),"messages":["\#(container.id)"]}"#, token: im)
            #expect(all.status == .badRequest || all.status == .unprocessableEntity, "a split keeps at least one message")
            let noReason = try await HTTP.send(app, .POST, "/api/v1/meldkamer/proposals/\(parts[1].id)/dismiss",
                                               json: #"{"version":\#(parts[1].version),"reason":""}"#, token: im)
            #expect(noReason.body.string.contains("reason"))
            let dismissed = try await HTTP.send(app, .POST, "/api/v1/meldkamer/proposals/\(parts[1].id)/dismiss",
                                                json: #"{"version":\#(parts[1].version),"reason":"Loos alarm: container al gedoofd"}"#, token: im)
            #expect(dismissed.status == .ok)
            open = try await Meldkamer.proposals(app, im).proposals
            #expect(open.count == 1 && open[0].messages.count == 2)
            let actions = try await JournalEventModel.query(on: app.db).filter(\.$kind == "meldkamer.proposal-handled").sort(\.$id).all()
                .compactMap { try $0.record.event(as: MeldkamerProposalHandled.self) }.map(\.action)
            #expect(actions == ["merged", "split", "dismissed"])
        }
    }

    @Test("a replay feeds the bundled night as exercise messages of the CaCo's meldkamer; one at a time; only a CaCo starts it")
    func replay() async throws {
        try await withTestApp(clock: ManualClock(Picture.start)) { app in
            let caco = try await HTTP.login(app, "caco-amsterdam")
            let none = try await HTTP.send(app, .GET, "/api/v1/meldkamer/replay", token: caco)
            #expect(none.status == .noContent)
            let started = try await HTTP.send(app, .POST, "/api/v1/meldkamer/replay", json: #"{"speed":100000,"limit":12}"#, token: caco)
            #expect(started.status == .accepted, "\(started.body.string)")
            let bad = try await HTTP.send(app, .POST, "/api/v1/meldkamer/replay", json: #"{"speed":0}"#, token: caco)
            #expect(bad.body.string.contains("speed"))
            // Wait for the state the replay reaches: all twelve sent.
            var status = try started.content.decode(MeldkamerReplays.Status.self)
            let deadline = ContinuousClock.now.advanced(by: .seconds(60))
            while status.running, ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(20))
                status = try await HTTP.send(app, .GET, "/api/v1/meldkamer/replay", token: caco).content.decode(MeldkamerReplays.Status.self)
            }
            #expect(!status.running && status.sent == 12 && status.problem == nil, "\(status)")
            let practised = try await Meldkamer.proposals(app, caco, query: "?exercise=true")
            #expect(!practised.proposals.isEmpty && practised.proposals.allSatisfy(\.exercise))
            #expect(try await Meldkamer.proposals(app, caco, query: "?exercise=false").proposals.isEmpty)
            let stored = try await MeldkamerMessageModel.query(on: app.db).all()
            #expect(stored.count == 12 && stored.allSatisfy { $0.exercise && $0.meldkamer == "MK-AA" })
            #expect(stored.allSatisfy { $0.receivedAt <= Microseconds.from(Picture.start) }, "a replayed night ends now; nothing lies in the future")
            let im = try await HTTP.login(app, "im-vr13")
            #expect(try await HTTP.send(app, .POST, "/api/v1/meldkamer/replay", json: #"{"speed":60}"#, token: im).status == .forbidden)
        }
    }

    @Test("the live stream tells who sees a region that its proposals changed, and no one else")
    func live() async throws {
        try await withTestApp(clock: ManualClock(Picture.start)) { app in
            let caco = try await HTTP.login(app, "caco-amsterdam")
            let cursor = try await Journal.lastSequence(on: app.db)
            _ = try await Meldkamer.plain(app, caco, ["P 1 BR woning , Damrak Amsterdam 13ASD", "P 1 BR woning , Coolsingel Rotterdam 171230"])
            func events(_ username: String, _ regions: Set<RegionCode>) async throws -> [LiveEvent] {
                let subject = Subject(username: username, role: .informatiemanager, organisationCode: "X", organisationKind: .region, regionCode: nil)
                return try await LiveSelection(subject: subject, scope: .meldkamer(regions: regions)).events(after: cursor, on: app.db).events
            }
            let vr13 = try await events("a", [RegionCode(number: 13)])
            #expect(vr13.count == 1 && vr13[0].data.contains(#""regions":["VR13"]"#) && !vr13[0].data.contains("VR17"))
            #expect(try await events("b", [RegionCode(number: 12)]).isEmpty)
            // The stream endpoint itself refuses who sees no region's proposals.
            let partner = try await HTTP.login(app, "rws")
            #expect(try await HTTP.send(app, .GET, "/api/v1/meldkamer/stream", token: partner).status == .forbidden)
        }
    }
}
