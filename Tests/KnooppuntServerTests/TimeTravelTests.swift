import Fluent
import Foundation
import KnooppuntCore
import Testing
import Vapor
import VaporTesting

@testable import KnooppuntServer

@Suite("Time travel")
struct TimeTravelTests {
    /// What the test knows of an entry after each step: its version and text.
    struct Known: CustomStringConvertible {
        var version: Int
        var text: String
        var description: String { "v\(version) \(text)" }
    }

    @Test("the picture as at any moment of a long history is the one shown at that moment, and holds the entry versions valid then")
    func history() async throws {
        let clock = ManualClock(Picture.start)
        try await withTestApp(clock: clock) { app in
            // setup: 120 steps of entries added, edited and verified (some public, one confidential), the GRIP
            // level changed, a decision made and revised, actions, the totaalbeeld written and rewritten and a
            // conflict marked; the picture shown after each step, and what each entry then said, are kept
            let im = try await HTTP.login(app, "im-vr13")
            let incident = try await Picture.createIncident(app, token: im)
            let base = "/api/v1/incidents/\(incident.id)"
            var entries: [UUID: Known] = [:]
            var order: [UUID] = []
            var shown: [(at: Date, picture: String, entries: [UUID: Known])] = []
            var verification: [UUID: String] = [:]
            var decision: (id: UUID, version: Int)?
            var summaryVersion: Int?
            var conflictMarked = false
            func send(_ method: HTTPMethod, _ path: String, _ json: String, expect status: HTTPStatus = .ok) async throws -> TestingHTTPResponse {
                let response = try await HTTP.send(app, method, base + path, json: json, token: im)
                #expect(response.status == status, "\(method) \(path): \(response.body.string)")
                return response
            }
            for step in 1...120 {
                // Mostly seconds apart, with whole and half seconds; every 25th step half an hour later, so that
                // unverified entries become overdue and the picture stale.
                clock.advance(by: step % 25 == 0 ? 1800 : (step % 2 == 0 ? 7 : 3.5))
                let target = order.isEmpty ? nil : order[(step * 7) % order.count]
                switch (step % 4, target) {
                case (0, _), (_, nil):
                    let theme = ["algemeen", "brandweer", "politie", "geneeskundig", "bevolkingszorg"][step % 5]
                    let classification = step == 8 ? #","classification":"confidential""# : (step % 3 == 0 ? #","classification":"public""# : "")
                    let added = try await send(
                        .POST, "/entries", #"{"theme":"\#(theme)","text":"Melding \#(step)","source":"OvD"\#(classification)}"#,
                        expect: .created)
                    let entry = try added.content.decode(EntryView.self)
                    entries[entry.id] = Known(version: 1, text: entry.text)
                    order.append(entry.id)
                case (1, let id?), (3, let id?):
                    let known = entries[id]!
                    let text = "Melding bijgewerkt in stap \(step)"
                    _ = try await send(.PATCH, "/entries/\(id)", #"{"baseVersion":\#(known.version),"text":"\#(text)"}"#)
                    entries[id] = Known(version: known.version + 1, text: text)
                case (_, let id?):
                    switch step % 40 {
                    case 2:
                        let grip = (step / 40) % 2 == 0 ? 1 : 2
                        _ = try await send(.PATCH, "", #"{"baseVersion":\#(step / 40 + 1),"grip":\#(grip),"gripReason":"Stap \#(step)"}"#)
                    case 10:
                        if let current = decision {
                            _ = try await send(
                                .PATCH, "/decisions/\(current.id)", #"{"baseVersion":\#(current.version),"text":"Besluit herzien in stap \#(step)"}"#)
                            decision = (current.id, current.version + 1)
                        } else {
                            let made = try await send(
                                .POST, "/decisions", #"{"text":"Besluit in stap \#(step)","team":"rot","decidedBy":"ROT"}"#, expect: .created)
                            decision = (try made.content.get(UUID.self, at: "id"), 1)
                        }
                    case 18:
                        _ = try await send(.POST, "/actions", #"{"text":"Actie \#(step)","owner":"POLITIE"}"#, expect: .created)
                    case 26:
                        let baseVersion = summaryVersion.map { #","baseVersion":\#($0)"# } ?? ""
                        let summary = try await HTTP.send(
                            app, .PUT, base + "/summaries/algemeen", json: #"{"picture":"Beeld na stap \#(step)"\#(baseVersion)}"#, token: im)
                        #expect([.ok, .created].contains(summary.status), "\(summary.body.string)")
                        summaryVersion = (summaryVersion ?? 0) + 1
                    case 34 where !conflictMarked:
                        // Left open: a conflict is one row, and a picture from before its resolution shows the
                        // resolution too, so it would not be the picture shown then.
                        _ = try await send(
                            .POST, "/conflicts", #"{"entries":["\#(order[0])","\#(order[1])"],"note":"Tegenstrijdig"}"#, expect: .created)
                        conflictMarked = true
                    default:
                        let known = entries[id]!
                        let status = verification[id] == "verified" ? "contradicted" : "verified"
                        _ = try await send(.POST, "/entries/\(id)/verification", #"{"baseVersion":\#(known.version),"status":"\#(status)"}"#)
                        entries[id] = Known(version: known.version + 1, text: known.text)
                        verification[id] = status
                    }
                default: break
                }
                let now = try await HTTP.send(app, .GET, base + "/picture", token: im)
                #expect(now.status == .ok)
                shown.append((clock.clock.now(), now.body.string, entries))
            }
            clock.advance(by: 3600)
            let versions = try await EntryVersionModel.query(on: app.db).filter(\.$incidentID == incident.id).all()
            #expect(versions.count >= 100, "a long history of entry versions")

            // MUT + validate: at each moment, the same answer as then, byte for byte
            for (moment, picture, _) in shown {
                let asAt = try await HTTP.send(app, .GET, base + "/picture?at=" + Self.query(moment), token: im)
                #expect(asAt.status == .ok)
                #expect(asAt.body.string == picture, "the picture as at \(Picture.rfc3339(moment)) differs from the one shown then")
            }
            // Between the steps: the entries each had then, and exactly the versions valid then, in the picture's order.
            let encoder = try ContentConfiguration.global.requireEncoder(for: .json)
            for (index, (moment, _, known)) in shown.enumerated() {
                let next = index + 1 < shown.count ? shown[index + 1].at : moment.addingTimeInterval(3600)
                let between = moment.addingTimeInterval(next.timeIntervalSince(moment) / 2).cutToMilliseconds()
                let picture = try await Picture.picture(app, incident.id, token: im, at: between)
                #expect(picture.entries.map { "\($0.id) v\($0.version) \($0.text)" }.sorted() == known.map { "\($0) \($1)" }.sorted())
                let expected = try Self.reconstruction(versions, at: between, currency: app.knooppunt.configuration.currency)
                #expect(try Self.json(picture.entries, encoder) == Self.json(expected, encoder))
                // Inside a transaction the versions are queried, outside they come from memory: the same.
                for instant in [Microseconds.from(moment), Microseconds.from(between)] {
                    let held = try await PictureStore(db: app.db, context: app.knooppunt).entries(of: incident.id, at: instant)
                    let queried = try await app.db.transaction { db in
                        try await PictureStore(db: db, context: app.knooppunt).entries(of: incident.id, at: instant)
                    }
                    #expect(queried.map { "\($0.entryID) v\($0.version)" } == held.map { "\($0.entryID) v\($0.version)" })
                }
            }
            let before = try await HTTP.send(
                app, .GET, base + "/picture?at=" + Self.query(Picture.start.addingTimeInterval(-0.001)), token: im)
            #expect(before.status == .notFound)
        }
    }

    @Test("the entry versions held in memory: a write after a read shows in the next answer as at a moment, and a partner sees only the versions it may see")
    func heldHistory() async throws {
        let clock = ManualClock(Picture.start)
        try await withTestApp(clock: clock) { app in
            // setup: an incident with an internal and a confidential entry; RWS linked as kern partner, which
            // reads up to internal entries
            let im = try await HTTP.login(app, "im-vr13")
            let rws = try await HTTP.login(app, "rws")
            let incident = try await Picture.createIncident(app, token: im)
            _ = try await Access.link(app, incident.id, "RWS", token: im)
            clock.advance(by: 5)
            let open = try await Picture.addEntry(app, incident.id, token: im, text: "Rook boven de haven")
            let secret = try await Access.entry(
                app, incident.id, token: im,
                json: #"{"theme":"politie","text":"Verdachte aangehouden","source":"OvD Politie","classification":"confidential"}"#)
            #expect(secret.status == .created)
            clock.advance(by: 5)
            let first = clock.clock.now()

            // MUT: the IM reads the picture as at a moment (which reads the incident's history into memory),
            // then both entries change, by the API's write path, which does not touch what is held; the key is
            // the incident's last journal event, read from the database, as another instance's write would be
            let before = try await Picture.picture(app, incident.id, token: im, at: first)
            #expect(Set(before.entries.map(\.text)) == ["Rook boven de haven", "Verdachte aangehouden"])
            clock.advance(by: 5)
            let secretID = try secret.content.decode(EntryView.self).id
            for (id, text) in [(open.id, "Rook trekt op"), (secretID, "Verdachte verhoord")] {
                let edited = try await HTTP.send(
                    app, .PATCH, "/api/v1/incidents/\(incident.id)/entries/\(id)", json: #"{"baseVersion":1,"text":"\#(text)"}"#,
                    token: im)
                #expect(edited.status == .ok, "\(edited.body.string)")
            }
            clock.advance(by: 5)
            let second = clock.clock.now()

            // validate: the write shows as at a moment after it, not before it; the partner never sees the
            // confidential entry, in any version, nor a version that was not valid at the moment asked
            let after = try await Picture.picture(app, incident.id, token: im, at: second)
            #expect(Set(after.entries.map { "\($0.text) v\($0.version)" }) == ["Rook trekt op v2", "Verdachte verhoord v2"])
            let again = try await Picture.picture(app, incident.id, token: im, at: first)
            #expect(Set(again.entries.map { "\($0.text) v\($0.version)" }) == ["Rook boven de haven v1", "Verdachte aangehouden v1"])
            for (moment, expected) in [(first, "Rook boven de haven v1"), (second, "Rook trekt op v2")] {
                let partner = try await Picture.picture(app, incident.id, token: rws, at: moment)
                #expect(partner.entries.map { "\($0.text) v\($0.version)" } == [expected])
                let now = try await HTTP.send(app, .GET, "/api/v1/incidents/\(incident.id)/picture", token: rws)
                #expect(!now.body.string.contains("Verdachte"))
            }
        }
    }

    @Test("the versions held stay within their budget: the incident asked about longest ago goes first, one with more versions than the budget is not held, a later journal event is read again")
    func heldBudget() async throws {
        actor Reads {
            var count = 0
            func add() { count += 1 }
        }
        let reads = Reads()
        let histories = EntryHistories(budget: 3)
        let (first, second, large) = (UUID(), UUID(), UUID())
        func ask(_ incident: UUID, versions: Int, sequence: Int64 = 1) async throws {
            let history = try await histories.history(of: incident, sequence: sequence) {
                await reads.add()
                return (0..<versions).map { PictureJSONTests.row($0, text: "v\($0)", at: 0, full: false) }
            }
            #expect(history.versions.count == versions && history.sequence == sequence)
        }
        try await ask(first, versions: 2)
        try await ask(first, versions: 2)
        #expect(await reads.count == 1)
        try await ask(second, versions: 2)  // four versions: the first incident's go
        try await ask(second, versions: 2)
        #expect(await reads.count == 2)
        try await ask(first, versions: 2)
        #expect(await reads.count == 3)
        try await ask(large, versions: 4)
        try await ask(large, versions: 4)
        #expect(await reads.count == 5)
        try await ask(first, versions: 2)
        #expect(await reads.count == 5)
        try await ask(first, versions: 2, sequence: 2)
        #expect(await reads.count == 6)
    }

    /// The entries valid at `at` from every version, the plain way: valid from at or before it and not closed
    /// by then, oldest observation first, then by id.
    static func reconstruction(_ versions: [EntryVersionModel], at: Date, currency: CurrencyPolicy) throws -> [EntryView] {
        let instant = Microseconds.from(at)
        return try versions.filter { $0.validFrom <= instant && ($0.validTo.map { $0 > instant } ?? true) }
            .sorted { ($0.observedAt, $0.entryID.uuidString) < ($1.observedAt, $1.entryID.uuidString) }
            .map { try EntryView($0, currency: currency, now: at) }
    }

    static func json(_ entries: [EntryView], _ encoder: any ContentEncoder) throws -> String {
        var body = ByteBuffer()
        var headers = HTTPHeaders()
        try encoder.encode(entries, to: &body, headers: &headers)
        return String(buffer: body)
    }

    static func query(_ date: Date) -> String {
        Picture.rfc3339(date).addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
    }
}

extension Date {
    /// The same moment with its fraction of a second cut to whole milliseconds, as the API reads it.
    fileprivate func cutToMilliseconds() -> Date {
        Date(timeIntervalSince1970: (timeIntervalSince1970 * 1000).rounded(.down) / 1000)
    }
}
