import Fluent
import Foundation
import KnooppuntCore
import Testing
import Vapor
import VaporTesting

@testable import KnooppuntServer

enum Warnings {
    static let corpus = TestPaths.packageRoot.deletingLastPathComponent().appendingPathComponent("shared/interop/cap")

    static func files(_ folder: String) throws -> [URL] {
        try FileManager.default.contentsOfDirectory(at: corpus.appendingPathComponent(folder), includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "xml" }.sorted { $0.lastPathComponent < $1.lastPathComponent }
    }

    static func post(_ app: Application, _ body: Data, token: String, contentType: String = "application/cap+xml")
        async throws -> TestingHTTPResponse
    {
        var headers = HTTP.bearer(token)
        headers.replaceOrAdd(name: .contentType, value: contentType)
        return try await app.testing().sendRequest(.POST, "/api/v1/cap", headers: headers, body: ByteBuffer(data: body))
    }

    /// A CAP 1.2 alert about high water around Amsterdam (or elsewhere), sent at `sent`.
    static func alert(
        identifier: String = "NL-RWS-2027-0001", sent: String = "2027-01-15T09:00:00+01:00", scope: String = "Public",
        polygon: String = "52.30,4.80 52.30,5.00 52.45,5.00 52.45,4.80 52.30,4.80", status: String = "Actual"
    ) -> Data {
        Data("""
            <?xml version="1.0" encoding="UTF-8"?>
            <alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
              <identifier>\(identifier)</identifier>
              <sender>waterinfo@rws.nl</sender>
              <sent>\(sent)</sent>
              <status>\(status)</status>
              <msgType>Alert</msgType>
              <scope>\(scope)</scope>\(scope == "Restricted" ? "\n  <restriction>hulpdiensten</restriction>" : "")
              <info>
                <language>nl-NL</language>
                <category>Met</category>
                <event>Hoogwater</event>
                <urgency>Expected</urgency>
                <severity>Severe</severity>
                <certainty>Likely</certainty>
                <expires>2027-01-16T09:00:00+01:00</expires>
                <senderName>Rijkswaterstaat</senderName>
                <headline>Hoogwater Amstel verwacht</headline>
                <description>De waterstand van de Amstel stijgt tot 1,20 m boven NAP.</description>
                <instruction>Blijf uit de uiterwaarden.</instruction>
                <area>
                  <areaDesc>Amstel bij Ouderkerk</areaDesc>
                  <polygon>\(polygon)</polygon>
                </area>
              </info>
            </alert>
            """.utf8)
    }

    static let amsterdam = #","location":{"type":"Point","coordinates":[4.9,52.37]}"#
    static let groningen = "53.20,6.50 53.20,6.60 53.25,6.60 53.25,6.50 53.20,6.50"
}

@Suite("CAP intake (warnings)")
struct WarningTests {
    @Test("every valid CAP file is taken in; every invalid one is refused with its reason and changes nothing")
    func corpus() async throws {
        try await withTestApp(clock: ManualClock(Picture.start)) { app in
            let im = try await HTTP.login(app, "im-vr13")
            let valid = try Warnings.files("valid")
            var identities = Set<String>()
            for file in valid {
                let response = try await Warnings.post(app, try Data(contentsOf: file), token: im)
                // The corpus holds some alerts twice (signed and unsigned copies): the second is acknowledged, not stored.
                #expect(response.status == .created || response.status == .ok, "\(file.lastPathComponent): \(response.body.string)")
                let warning = try response.content.decode(WarningDTO.self)
                let identity = "\(warning.sender)|\(warning.identifier)|\(warning.sent)"
                #expect(warning.duplicate == identities.contains(identity), "\(file.lastPathComponent)")
                identities.insert(identity)
            }
            #expect(identities.count >= 20)
            let journal = try await HTTP.journalLength(app)
            for file in try Warnings.files("invalid") {
                let response = try await Warnings.post(app, try Data(contentsOf: file), token: im)
                #expect(response.status == .unprocessableEntity, "\(file.lastPathComponent) was \(response.status)")
                #expect(HTTP.problemDetail(response).hasPrefix("CAP alert refused: "), "\(file.lastPathComponent)")
            }
            #expect(try await WarningModel.query(on: app.db).count() == identities.count)
            #expect(try await HTTP.journalLength(app) == journal)
        }
    }

    @Test("a warning over an open incident's area becomes an entry there, with its source; elsewhere it stays risk information")
    func matching() async throws {
        try await withTestApp(clock: ManualClock(Picture.start)) { app in
            let im = try await HTTP.login(app, "im-vr13")
            let incident = try await Picture.createIncident(app, token: im, title: "Hoogwater", extra: Warnings.amsterdam)
            let response = try await Warnings.post(app, Warnings.alert(), token: im)
            #expect(response.status == .created, "\(response.body.string)")
            let warning = try response.content.decode(WarningDTO.self)
            #expect(warning.incidents?.map(\.id) == [incident.id])
            #expect(warning.signature == "unsigned")
            let entries = try await Picture.picture(app, incident.id, token: im).entries
            let entry = try #require(entries.first { $0.source.hasPrefix("CAP Rijkswaterstaat") })
            #expect(entry.text.contains("Hoogwater Amstel verwacht"))
            #expect(entry.text.contains("Handelingsperspectief: Blijf uit de uiterwaarden."))
            #expect(entry.priority == .hoog)

            let elsewhere = try await Warnings.post(
                app, Warnings.alert(identifier: "NL-RWS-2027-0002", polygon: Warnings.groningen), token: im)
            #expect(elsewhere.status == .created)
            #expect(try elsewhere.content.decode(WarningDTO.self).incidents?.isEmpty == true)

            // The same alert again: acknowledged, nothing new.
            let entriesBefore = try await Picture.picture(app, incident.id, token: im).entries.count
            let again = try await Warnings.post(app, Warnings.alert(), token: im)
            #expect(again.status == .ok)
            #expect(try again.content.decode(WarningDTO.self).duplicate == true)
            #expect(try await Picture.picture(app, incident.id, token: im).entries.count == entriesBefore)
            #expect(try await WarningModel.query(on: app.db).count() == 2)
        }
    }

    @Test("the same alert delivered twice at once is stored once; both deliveries are acknowledged")
    func concurrentDuplicates() async throws {
        try await withTestApp(clock: ManualClock(Picture.start)) { app in
            let im = try await HTTP.login(app, "im-vr13")
            async let first = Warnings.post(app, Warnings.alert(identifier: "C-1"), token: im)
            async let second = Warnings.post(app, Warnings.alert(identifier: "C-1"), token: im)
            let statuses = try await [first.status, second.status]
            #expect(Set(statuses.map(\.code)) == [HTTPStatus.created.code, HTTPStatus.ok.code])
            #expect(try await WarningModel.query(on: app.db).count() == 1)
        }
    }

    @Test("an exercise alert matches exercise incidents only, and an alert that expired before the incident matches nothing")
    func matchingRespectsStatusAndTime() async throws {
        try await withTestApp(clock: ManualClock(Picture.start)) { app in
            let im = try await HTTP.login(app, "im-vr13")
            _ = try await Picture.createIncident(app, token: im, title: "Echt", extra: Warnings.amsterdam)
            let exercise = try await Picture.createIncident(app, token: im, title: "Oefening", exercise: true, extra: Warnings.amsterdam)
            let drill = try await Warnings.post(app, Warnings.alert(identifier: "OEF-1", status: "Exercise"), token: im)
            #expect(try drill.content.decode(WarningDTO.self).incidents?.map(\.id) == [exercise.id])
            let old = Data(String(decoding: Warnings.alert(identifier: "OUD-1", sent: "2026-12-01T09:00:00+01:00"), as: UTF8.self)
                .replacingOccurrences(of: "2027-01-16T09:00:00+01:00", with: "2026-12-02T09:00:00+01:00").utf8)
            let expired = try await Warnings.post(app, old, token: im)
            #expect(expired.status == .created, "\(expired.body.string)")
            #expect(try expired.content.decode(WarningDTO.self).incidents?.isEmpty == true)
        }
    }

    @Test("partners and liaisons may not take in warnings; restricted warnings stay hidden from partners")
    func access() async throws {
        try await withTestApp(clock: ManualClock(Picture.start)) { app in
            let rws = try await HTTP.login(app, "rws")
            let denied = try await Warnings.post(app, Warnings.alert(), token: rws)
            #expect(denied.status == .forbidden)
            #expect(HTTP.problemDetail(denied).contains("partners"))
            let liaison = try await HTTP.login(app, "hin-gedetacheerd-vr13")
            #expect(try await Warnings.post(app, Warnings.alert(), token: liaison).status == .forbidden)

            let im = try await HTTP.login(app, "im-vr13")
            let restricted = try await Warnings.post(app, Warnings.alert(identifier: "R-1", scope: "Restricted"), token: im)
            #expect(restricted.status == .created, "\(restricted.body.string)")
            let restrictedID = try restricted.content.decode(WarningDTO.self).id
            let open = try await Warnings.post(app, Warnings.alert(identifier: "P-1"), token: im)
            let openID = try open.content.decode(WarningDTO.self).id

            let partnerList = try await HTTP.send(app, .GET, "/api/v1/cap/alerts", token: rws).content.decode([WarningDTO].self)
            #expect(partnerList.map(\.id) == [openID])
            #expect(try await HTTP.send(app, .GET, "/api/v1/cap/alerts/\(restrictedID)", token: rws).status == .notFound)
            let regionList = try await HTTP.send(app, .GET, "/api/v1/cap/alerts", token: im).content.decode([WarningDTO].self)
            #expect(Set(regionList.map(\.id)) == [openID, restrictedID])
            let kcr2 = try await HTTP.login(app, "analist-kcr2")
            #expect(try await HTTP.send(app, .GET, "/api/v1/cap/alerts/\(restrictedID)", token: kcr2).status == .ok)

            // A public warning that became an entry of a VR13 incident does not reveal that incident to others.
            let incident = try await Picture.createIncident(app, token: im, title: "Hoogwater", extra: Warnings.amsterdam)
            let matched = try await Warnings.post(app, Warnings.alert(identifier: "M-1"), token: im).content.decode(WarningDTO.self)
            #expect(matched.incidentIDs == [incident.id])
            let seenByPartner = try await HTTP.send(app, .GET, "/api/v1/cap/alerts", token: rws).content.decode([WarningDTO].self)
            #expect(seenByPartner.first { $0.id == matched.id }?.incidentIDs == [])
            let detail = try await HTTP.send(app, .GET, "/api/v1/cap/alerts/\(matched.id)", token: rws)
            #expect(try detail.content.get([UUID].self, at: "warning", "incidentIDs") == [])
            let seenByRegion = try await HTTP.send(app, .GET, "/api/v1/cap/alerts", token: im).content.decode([WarningDTO].self)
            #expect(seenByRegion.first { $0.id == matched.id }?.incidentIDs == [incident.id])
        }
    }

    @Test("a signed alert is kept byte-for-byte and its signature verified; its content reads back as JSON")
    func signedOriginal() async throws {
        try await withTestApp(clock: ManualClock(Picture.start)) { app in
            let im = try await HTTP.login(app, "im-vr13")
            let bytes = try Data(contentsOf: Warnings.corpus.appendingPathComponent("valid/wmo--sc-valid.xml"))
            let warning = try await Warnings.post(app, bytes, token: im).content.decode(WarningDTO.self)
            #expect(warning.signature == "verified")
            let original = try await HTTP.send(app, .GET, "/api/v1/cap/alerts/\(warning.id)/original", token: im)
            #expect(Data(original.body.readableBytesView) == bytes)
            #expect(original.headers.contentType == WarningsController.capXML)
            let detail = try await HTTP.send(app, .GET, "/api/v1/cap/alerts/\(warning.id)", token: im)
            #expect(try detail.content.get(String.self, at: "alert", "infos", 0, "event") == "Strong Winds")
        }
    }

    @Test("bad requests: wrong media type, empty body, oversized alert, not logged in")
    func badRequests() async throws {
        try await withTestApp(clock: ManualClock(Picture.start)) { app in
            let im = try await HTTP.login(app, "im-vr13")
            let json = try await Warnings.post(app, Data("{}".utf8), token: im, contentType: "application/json")
            #expect(json.status == .unsupportedMediaType)
            #expect(HTTP.problemDetail(json).contains("application/cap+xml"))
            let empty = try await Warnings.post(app, Data(), token: im)
            #expect(empty.status == .badRequest)
            var big = Warnings.alert()
            big.append(Data(repeating: 0x20, count: 5 * 1024 * 1024))
            let oversized = try await Warnings.post(app, big, token: im)
            #expect(oversized.status == .unprocessableEntity)
            #expect(HTTP.problemDetail(oversized).contains("at most"))
            let anonymous = try await app.testing().sendRequest(
                .POST, "/api/v1/cap", headers: ["Content-Type": "application/cap+xml"], body: ByteBuffer(data: Warnings.alert()))
            #expect(anonymous.status == .unauthorized)
            #expect(try await WarningModel.query(on: app.db).count() == 0)
        }
    }

    @Test("an EDXL-DE envelope's CAP alerts are taken in together; one bad alert refuses the envelope; other content is reported")
    func envelopes() async throws {
        try await withTestApp(clock: ManualClock(Picture.start)) { app in
            let im = try await HTTP.login(app, "im-vr13")
            let edxl = TestPaths.packageRoot.deletingLastPathComponent().appendingPathComponent("shared/interop/edxl-de")
            func post(_ file: String) async throws -> TestingHTTPResponse {
                var headers = HTTP.bearer(im)
                headers.contentType = .xml
                return try await app.testing().sendRequest(
                    .POST, "/api/v1/edxl-de", headers: headers, body: ByteBuffer(data: try Data(contentsOf: edxl.appendingPathComponent(file))))
            }
            let refused = try await post("v1.0/invalid/google--bushfire_invalid.xml")
            #expect(refused.status == .unprocessableEntity)
            #expect(HTTP.problemDetail(refused).contains("content object"))
            #expect(try await WarningModel.query(on: app.db).count() == 0)

            let bushfire = try await post("v1.0/valid/google--bushfire_valid.xml")
            #expect(bushfire.status == .ok, "\(bushfire.body.string)")
            let intake = try bushfire.content.decode(EnvelopeIntakeDTO.self)
            #expect(intake.version == "1.0")
            #expect(intake.contents.filter { $0.kind == "cap" }.count == 7)
            #expect(try await WarningModel.query(on: app.db).count() == 7)

            let french = try await post("v2.0/valid/samu--RS-EDA.xml")
            let other = try french.content.decode(EnvelopeIntakeDTO.self)
            #expect(other.version == "2.0")
            #expect(other.contents.map(\.kind) == ["xml"])
            #expect(other.contents.first?.namespace == "urn:emergency:cisu:3.0")
            #expect(try await WarningModel.query(on: app.db).count() == 7)

            let xxe = try await post("v2.0/invalid/samu--external-entity.xml")
            #expect(xxe.status == .unprocessableEntity)
            #expect(HTTP.problemDetail(xxe).contains("DOCTYPE"))
        }
    }
}
