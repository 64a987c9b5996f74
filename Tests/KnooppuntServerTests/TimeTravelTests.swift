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
            }
            let before = try await HTTP.send(
                app, .GET, base + "/picture?at=" + Self.query(Picture.start.addingTimeInterval(-0.001)), token: im)
            #expect(before.status == .notFound)
        }
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
