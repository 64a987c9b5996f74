import Fluent
import Foundation
import KnooppuntCore
import KnooppuntInterop
import KnooppuntTestSupport
import Testing
import Vapor
import VaporTesting

@testable import KnooppuntServer

enum PublicWarnings {
    static let body = #"""
        {"event":{"nl":"Hoogwater","en":"High water"},
         "headline":{"nl":"Hoogwater Amstel: blijf uit de uiterwaarden","en":"High water on the Amstel: keep out of the floodplains"},
         "description":{"nl":"De Amstel staat hoog.","en":"The Amstel is high."},
         "instruction":{"nl":"Blijf binnen en sluit ramen en deuren.","en":"Stay inside and close windows and doors."},
         "areaDescription":{"nl":"Ouderkerk aan de Amstel","en":"Ouderkerk on the Amstel"},
         "category":"Met","responseType":"Shelter","urgency":"Immediate","severity":"Severe","certainty":"Likely",
         "expires":"2027-01-16T08:00:00Z"}
        """#

    static func publish(_ app: Application, _ incident: UUID, token: String, json: String = body) async throws -> TestingHTTPResponse {
        try await HTTP.send(app, .POST, "/api/v1/incidents/\(incident)/public-warnings", json: json, token: token)
    }
}

@Suite("Public warnings (CAP export, feed, public page)")
struct PublicWarningTests {
    @Test("a published warning is CAP 1.2 that passes xmllint, in nl-NL and en-US, with the incident's area as polygons")
    func publish() async throws {
        let clock = ManualClock(Picture.start)
        try await withTestApp(clock: clock) { app in
            let (incident, im) = try await SitReps.incidentWithPicture(app, clock: clock)
            // Crisis communication is the burgemeester's; the chair of VR13 is burgemeester of Amsterdam.
            let bestuur = try await HTTP.login(app, "voorzitter-vr13")
            let response = try await PublicWarnings.publish(app, incident.id, token: bestuur)
            #expect(response.status == .created, "\(response.body.string)")
            let warning = try response.content.decode(PublicWarningDTO.self)
            #expect(warning.msgType == "Alert")
            let xml = try await app.testing().sendRequest(.GET, warning.cap)
            #expect(xml.headers.contentType == WarningsController.capXML)
            let bytes = Data(xml.body.readableBytesView)
            let lint = try ExternalTool.xmllint(bytes, schema: Warnings.corpus.appendingPathComponent("schema/CAP-v1.2.xsd"))
            #expect(lint.status == 0, "xmllint: \(lint.output)")
            let alert = try CAPReader.read(bytes).alert
            #expect(alert.infos.map(\.language) == ["nl-NL", "en-US"])
            #expect(alert.infos.map(\.instruction) == ["Blijf binnen en sluit ramen en deuren.", "Stay inside and close windows and doors."])
            #expect(alert.infos[0].severity == "Severe" && alert.infos[0].urgency == "Immediate" && alert.infos[0].certainty == "Likely")
            let area = try #require(alert.infos.first?.areas.first)
            #expect(area.polygons.count == 1, "the effect area")
            #expect(area.circles.count == 1, "the incident's point location, 1 km around it")
            #expect(alert.status == "Actual" && alert.scope == "Public")

            // A second warning updates the first, referencing it.
            let second = try await PublicWarnings.publish(app, incident.id, token: bestuur).content.decode(PublicWarningDTO.self)
            #expect(second.msgType == "Update")
            let updated = try CAPReader.read(Data(try await app.testing().sendRequest(.GET, second.cap).body.readableBytesView)).alert
            #expect(updated.references == "\(alert.sender),\(alert.identifier),\(alert.sent)")

            // For systems that take EDXL-DE: the same CAP in a 1.0 or 2.0 envelope that passes xmllint.
            let edxl = TestPaths.packageRoot.deletingLastPathComponent().appendingPathComponent("shared/interop/edxl-de/schema")
            for (version, schema) in [("1.0", "v1.0/EDXL-DE_Schema_v1.0.xsd"), ("2.0", "v2.0/EDXL-DE-envelope-only.xsd")] {
                let envelope = try await HTTP.send(app, .GET, "/api/v1/incidents/\(incident.id)/public-warnings/1/edxl-de?version=\(version)", token: im)
                let data = Data(envelope.body.readableBytesView)
                let lint = try ExternalTool.xmllint(data, schema: edxl.appendingPathComponent(schema))
                #expect(lint.status == 0, "EDXL-DE \(version): \(lint.output)")
                let inner = try #require(try EDXLReader.read(data).envelope.contents.first?.xml)
                #expect(try CAPReader.read(inner).alert == alert)
            }
        }
    }

    @Test("every channel tells the same: the feed lists the warning, the public page shows its Dutch and English instructions")
    func channels() async throws {
        let clock = ManualClock(Picture.start)
        try await withTestApp(clock: clock) { app in
            let (incident, im) = try await SitReps.incidentWithPicture(app, clock: clock)
            // Crisis communication is the burgemeester's; the chair of VR13 is burgemeester of Amsterdam.
            let bestuur = try await HTTP.login(app, "voorzitter-vr13")
            let warning = try await PublicWarnings.publish(app, incident.id, token: bestuur).content.decode(PublicWarningDTO.self)
            let feed = try await app.testing().sendRequest(.GET, "/cap/feed.xml")
            #expect(feed.headers.contentType?.subType == "atom+xml")
            let root = try #require(try SafeXML.parse(Data(feed.body.readableBytesView)).root)
            #expect(root.name == "feed" && root.namespace == "http://www.w3.org/2005/Atom")
            let entries = root.all("entry")
            #expect(entries.count == 1)
            #expect(entries.first?.value("title") == "Hoogwater Amstel: blijf uit de uiterwaarden")
            #expect(entries.first?.all("link").compactMap { $0.attributes["href"] }.contains(warning.cap) == true)
            let page = try await app.testing().sendRequest(.GET, warning.page)
            #expect(page.status == .ok)
            #expect(page.body.string.contains("Blijf binnen en sluit ramen en deuren."))
            #expect(page.body.string.contains("Stay inside and close windows and doors."))

            // Withdrawn: a Cancel references it; the page and the feed say so.
            let cancel = try await HTTP.send(app, .POST, "/api/v1/incidents/\(incident.id)/public-warnings/cancel", token: bestuur)
            #expect(cancel.status == .ok, "\(cancel.body.string)")
            #expect(try cancel.content.decode(PublicWarningDTO.self).msgType == "Cancel")
            #expect(try await app.testing().sendRequest(.GET, warning.page).body.string.contains("warning-withdrawn"))
            let after = try SafeXML.parse(Data(try await app.testing().sendRequest(.GET, "/cap/feed.xml").body.readableBytesView)).root
            #expect(after?.all("entry").count == 2)
            let again = try await HTTP.send(app, .POST, "/api/v1/incidents/\(incident.id)/public-warnings/cancel", token: bestuur)
            #expect(again.status == .conflict)
        }
    }

    @Test("only crisis-team roles publish; texts in both languages are required; exercises stay off the public channels")
    func rules() async throws {
        let clock = ManualClock(Picture.start)
        try await withTestApp(clock: clock) { app in
            let (incident, im) = try await SitReps.incidentWithPicture(app, clock: clock)
            // Crisis communication is the burgemeester's; the chair of VR13 is burgemeester of Amsterdam.
            let bestuur = try await HTTP.login(app, "voorzitter-vr13")
            let hin = try await HTTP.login(app, "hin-vr13")
            let denied = try await PublicWarnings.publish(app, incident.id, token: hin)
            #expect(denied.status == .forbidden)
            #expect(HTTP.problemDetail(denied).contains("handelingsperspectief"))
            let noEnglish = PublicWarnings.body.replacingOccurrences(of: #""en":"Stay inside and close windows and doors.""#, with: #""en":"""#)
            let refused = try await PublicWarnings.publish(app, incident.id, token: bestuur, json: noEnglish)
            #expect(refused.status == .unprocessableEntity)
            #expect(HTTP.problemDetail(refused).contains("instruction.en"))
            let badSeverity = PublicWarnings.body.replacingOccurrences(of: #""severity":"Severe""#, with: #""severity":"Huge""#)
            #expect(try await PublicWarnings.publish(app, incident.id, token: bestuur, json: badSeverity).status == .unprocessableEntity)

            let exercise = try await Picture.createIncident(app, token: im, title: "Oefening", exercise: true, extra: Warnings.amsterdam)
            let drill = try await PublicWarnings.publish(app, exercise.id, token: bestuur)
            #expect(drill.status == .created, "\(drill.body.string)")
            let drillWarning = try drill.content.decode(PublicWarningDTO.self)
            #expect(drillWarning.status == "Exercise")
            #expect(try await app.testing().sendRequest(.GET, drillWarning.page).status == .notFound)
            #expect(try await app.testing().sendRequest(.GET, drillWarning.cap).status == .notFound)
            let feed = try SafeXML.parse(Data(try await app.testing().sendRequest(.GET, "/cap/feed.xml").body.readableBytesView)).root
            #expect(feed?.all("entry").isEmpty == true)
            #expect(try await PublicWarningModel.query(on: app.db).count() == 1)
        }
    }
}
