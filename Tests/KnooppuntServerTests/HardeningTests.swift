import Fluent
import Foundation
import KnooppuntCore
import KnooppuntInterop
import KnooppuntTestSupport
import Testing
import Vapor
import VaporTesting

@testable import KnooppuntServer

/// Regression tests for the hostile-input probe (issue 13), named after its points.
@Suite("Hardening: hostile input never stops a node")
struct HardeningTests {
    static let rmCorpus = TestPaths.packageRoot.deletingLastPathComponent().appendingPathComponent("shared/interop/edxl-rm")

    static func requestResource(quantity: String) throws -> String {
        let base = try String(contentsOf: rmCorpus.appendingPathComponent("valid/xcore--RequestResource.1.xml"), encoding: .utf8)
        let replaced = base.replacingOccurrences(of: "<rm:QuantityText>4</rm:QuantityText>", with: quantity)
        #expect(replaced != base, "the corpus file no longer holds the quantity this test replaces")
        return replaced
    }

    static func postRM(_ app: Application, _ xml: String, token: String) async throws -> TestingHTTPResponse {
        try await HTTP.send(app, .POST, "/api/v1/edxl-rm", token: token, headers: ["Content-Type": "application/xml"], body: xml)
    }

    @Test("1: numeric extremes in an EDXL-RM amount are refused naming the value, and the node keeps answering",
          arguments: ["1E300", "-1E300", "INF", "NaN", "-INF", "1e19"])
    func rmAmountExtremesDoNotStopTheNode(_ amount: String) async throws {
        try await withTestApp { app in
            // setup
            let im = try await HTTP.login(app, "im-vr13")
            let xml = try Self.requestResource(quantity: "<rm:MeasuredQuantity><rm:Amount>\(amount)</rm:Amount></rm:MeasuredQuantity>")
            // MUT
            let response = try await Self.postRM(app, xml, token: im)
            // validate
            #expect(response.status == .unprocessableEntity)
            #expect(HTTP.problemDetail(response).contains("Amount '\(amount)' is not a number of units"))
            #expect(try await AssistanceRequestModel.query(on: app.db).count() == 0)
            #expect(try await HTTP.send(app, .GET, "/api/v1/health").status == .ok)
        }
    }

    @Test("1: a QuantityText beyond any real deployment is refused; an ordinary one still reads")
    func rmQuantityTextBounded() async throws {
        try await withTestApp { app in
            let im = try await HTTP.login(app, "im-vr13")
            let huge = try await Self.postRM(app, try Self.requestResource(quantity: "<rm:QuantityText>99999999999999999999999</rm:QuantityText>"), token: im)
            #expect(huge.status == .unprocessableEntity)
            #expect(HTTP.problemDetail(huge).contains("QuantityText"))
            let ordinary = try await Self.postRM(app, try Self.requestResource(quantity: "<rm:QuantityText>4 pompen</rm:QuantityText>"), token: im)
            #expect(ordinary.status == .created, "\(ordinary.body.string)")
        }
    }

    @Test("1: permissions are checked before parsing: an account that may not ask for assistance is refused unread")
    func rmPermissionBeforeParsing() async throws {
        try await withTestApp { app in
            let partner = try await HTTP.login(app, "agv")
            let response = try await Self.postRM(app, "<not-even-xml", token: partner)
            #expect(response.status == .forbidden)
        }
    }

    @Test("1: checked numbers: infinity, NaN, out-of-range and overlong numerals are nil, never a trap")
    func untrustedNumbers() {
        #expect(UntrustedNumber.decimal("1E300") == nil)
        #expect(UntrustedNumber.decimal("inf") == nil)
        #expect(UntrustedNumber.decimal("nan") == nil)
        #expect(UntrustedNumber.decimal("52.37") == 52.37)
        #expect(UntrustedNumber.decimal("200", in: -180...180) == nil)
        #expect(UntrustedNumber.rounded(.infinity, in: 0...10) == nil)
        #expect(UntrustedNumber.rounded(9.3e18, in: 0...Int.max) == nil)
        #expect(UntrustedNumber.rounded(2.6, in: 0...10) == 3)
        #expect(UntrustedNumber.whole(String(repeating: "9", count: 100), in: 0...Int.max) == nil)
        #expect(UntrustedNumber.whole("12", in: 0...10) == nil)
    }

    @Test("2: CR/LF, TAB and other tricks in `next` cannot split headers or redirect off-site", arguments: [
        "/%0d%0aSet-Cookie:%20injected=1", "/%0aSet-Cookie:%20injected=1", "/%09/example.org", "//example.org",
        "/%5Cexample.org", "https://example.org", "/%00", "/%20/example.org",
    ])
    func nextParameterCannotSplitHeaders(_ next: String) async throws {
        try await withTestApp { app in
            let switched = try await app.testing().sendRequest(.GET, "/lang/en?next=\(next)")
            // Either refused outright (a control character in the query) or sent home: never elsewhere.
            #expect(switched.status == .badRequest || switched.headers.first(name: .location) == "/", "\(switched.status)")
            #expect(!switched.headers[.setCookie].contains { $0.contains("injected") })
            let csrf = try await WebSession.csrfCookie(app)
            let decoded = next.removingPercentEncoding ?? next
            let login = try await WebSession.postForm(
                app, "/login", fields: ["_csrf": csrf, "username": "im-vr13", "password": "demo", "next": decoded],
                cookies: "kp_csrf=\(csrf)")
            #expect(login.headers.first(name: .location) == "/" || login.status == .badRequest, "\(login.status)")
            #expect(!login.headers[.setCookie].contains { $0.contains("injected") })
        }
    }

    @Test("2: a local path with a query still works as `next`")
    func nextLocalPathKept() {
        #expect(LanguageRoute.safeLocalPath("/incidents?status=open") == "/incidents?status=open")
        #expect(LanguageRoute.safeLocalPath("/a\r\nSet-Cookie: x=1") == nil)
        #expect(LanguageRoute.safeLocalPath("/\t/example.org") == nil)
    }

    @Test("2: whatever code puts a line break into a response header, it never leaves the node")
    func headerGuard() {
        var headers = HTTPHeaders()
        headers.add(name: "Location", value: "/ok")
        #expect(SecurityHeadersMiddleware.unsafeHeader(in: headers) == nil)
        headers.add(name: "X-Test", value: "a\r\nSet-Cookie: injected=1")
        #expect(SecurityHeadersMiddleware.unsafeHeader(in: headers) == "X-Test")
    }

    @Test("3: attribute and namespace floods, deep nesting and DOCTYPEs are refused by a linear prescan")
    func quadraticXMLRefused() throws {
        let attributes = (0..<40_000).map { " a\($0)=\"x\"" }.joined()
        #expect(throws: XMLProblem.self) { try XMLPrescan.check(Data("<r\(attributes)/>".utf8)) }
        let namespaces = (0..<1_000).map { " xmlns:n\($0)=\"urn:x:\($0)\"" }.joined()
        #expect(throws: XMLProblem.self) { try XMLPrescan.check(Data("<r\(namespaces)/>".utf8)) }
        let deep = String(repeating: "<a>", count: 10_000) + String(repeating: "</a>", count: 10_000)
        #expect(throws: XMLProblem.self) { try XMLPrescan.check(Data(deep.utf8)) }
        let bomb = #"<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaa">]><l>&a;</l>"#
        #expect(throws: XMLProblem.self) { try XMLPrescan.check(Data(bomb.utf8)) }
        // Quotes, comments, CDATA and processing instructions do not confuse the count.
        let ordinary = #"<?xml version="1.0"?><!-- <x a="1" b="2"> --><r a="1>2" b='x=y'><![CDATA[<c d="e">]]></r>"#
        try XMLPrescan.check(Data(ordinary.utf8))
    }

    @Test("3: an attribute flood posted as a CAP alert is refused with the reason, the node keeps answering")
    func attributeFloodThroughTheAPI() async throws {
        try await withTestApp { app in
            let im = try await HTTP.login(app, "im-vr13")
            let attributes = (0..<40_000).map { " a\($0)=\"x\"" }.joined()
            let body = #"<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"\#(attributes)/>"#
            let response = try await HTTP.send(app, .POST, "/api/v1/cap", token: im, headers: ["Content-Type": "application/cap+xml"], body: body)
            #expect(response.status == .unprocessableEntity)
            #expect(HTTP.problemDetail(response).contains("more than 256 attributes"))
            #expect(try await HTTP.send(app, .GET, "/api/v1/health").status == .ok)
        }
    }

    @Test("3: parsing runs off the cooperative threads with a deadline; a parse past it is answered 503 at once")
    func parsingDeadline() async throws {
        let pool = ParsingPool(concurrent: 1, waiting: 0)
        let release = DispatchSemaphore(value: 0)
        await #expect(throws: Problem.self) {
            _ = try await pool.run("test document", deadline: .milliseconds(50)) { release.wait(); return 1 }
        }
        // The one slot is still taken by the stuck parse: the next document is told to come back.
        await #expect(throws: Problem.self) { _ = try await pool.run("second document") { 2 } }
        release.signal()
    }

    @Test("4: markup in an incident title is escaped in the page's <head>, no meta refresh reaches a viewer")
    func markupInHeadEscaped() async throws {
        try await withTestApp { app in
            let im = try await HTTP.login(app, "im-vr13")
            let title = #"<meta http-equiv=\"refresh\" content=\"0;url=https://example.org\"> \"><script>x()</script>"#
            let incident = try await Picture.createIncident(app, token: im, title: title)
            let session = try await WebSession.login(app, "im-vr13")
            let page = try await session.get(app, "/incidents/\(incident.id)").body.string
            let head = String(page[..<(page.range(of: "</head>")?.lowerBound ?? page.endIndex)])
            #expect(!head.contains("<meta http-equiv"), "only the escaped title may appear")
            #expect(!page.contains("<script>x()"))
            #expect(head.contains("&lt;meta http-equiv"))
            #expect(!head.contains("og:title"))
        }
    }

    @Test("6: a failed login with an oversized username is refused without growing the journal")
    func oversizedUsernameNotJournaled() async throws {
        try await withTestApp { app in
            let before = try await HTTP.journalLength(app)
            let name = String(repeating: "a", count: 500_000)
            let response = try await HTTP.send(app, .POST, "/api/v1/session", json: #"{"username":"\#(name)","password":"x"}"#)
            #expect(response.status == .unauthorized)
            #expect(try await HTTP.journalLength(app) == before)
        }
    }

    @Test("6: a refused federation request's 60 KB header becomes a capped journal line; a flood is turned away unread")
    func federationRefusalsCappedAndLimited() async throws {
        try await withTestApp(clock: ManualClock(Picture.start)) { app in
            _ = try await Federation.setUp(app)
            let message = Federation.envelope(sequence: 1)
            let huge = String(repeating: "x", count: 60_000)
            let refused = try await Federation.deliver(app, message, node: huge, signature: "c2ln")
            #expect(refused.status == .forbidden)
            #expect(HTTP.problemDetail(refused).utf8.count < 1_000)
            let payloads = try await Federation.refusals(app)
            #expect(payloads.count == 1)
            #expect(payloads.allSatisfy { $0.utf8.count < 1_000 }, "journaled capped, with the length and a hash of the rest")
            #expect(payloads.first?.contains("60000 bytes, sha256") == true)
            var statuses: [HTTPResponseStatus] = []
            for _ in 0..<40 { statuses.append(try await Federation.deliver(app, message, node: "vr99", signature: "c2ln").status) }
            #expect(statuses.contains(.tooManyRequests), "past 30 refusals a minute the address is turned away")
            #expect(try await Federation.refusals(app).count == RefusalLimiter.journaledPerWindow)
        }
    }

    @Test("8: impossible dates are refused: 30 February, year 0000, year 9999, hour 24",
          arguments: ["2026-02-30T10:00:00Z", "0000-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "2026-12-06T24:00:00Z",
                      "2026-12-06T10:00:00+15:00", "2026-13-01T10:00:00Z"])
    func impossibleDatesRefused(_ text: String) async throws {
        #expect(DateTimeText.parse(text) == nil)
        try await withTestApp { app in
            let im = try await HTTP.login(app, "im-vr13")
            let incident = try await Picture.createIncident(app, token: im)
            let response = try await HTTP.send(
                app, .POST, "/api/v1/incidents/\(incident.id)/entries",
                json: #"{"theme":"brandweer","text":"Rook","source":"OvD","observedAt":"\#(text)"}"#, token: im)
            #expect(response.status == .unprocessableEntity)
            #expect(HTTP.problemDetail(response).contains("observedAt"))
        }
    }

    @Test("8: real dates still read, with offsets and fractions, and 29 February in a leap year")
    func realDatesRead() {
        #expect(DateTimeText.parse("2028-02-29T12:00:00+01:00") == Date(timeIntervalSince1970: 1_835_434_800))
        #expect(DateTimeText.parse("2026-12-06T10:00:00.250Z") == Date(timeIntervalSince1970: 1_796_551_200.25))
        #expect(DateTimeText.parse("2027-02-29T12:00:00Z") == nil)
    }

    @Test("8: control characters in JSON text and in forms are refused naming where, and change nothing")
    func controlCharactersRefused() async throws {
        try await withTestApp { app in
            let im = try await HTTP.login(app, "im-vr13")
            let before = try await HTTP.journalLength(app)
            let json = try await HTTP.send(app, .POST, "/api/v1/incidents", json: #"{"title":"Brand\u001b[31m","category":"brand"}"#, token: im)
            #expect(json.status == .unprocessableEntity)
            #expect(HTTP.problemDetail(json).contains("field 'title' holds a control character"))
            let session = try await WebSession.login(app, "im-vr13")
            let form = try await WebSession.postForm(
                app, "/incidents", fields: ["_csrf": session.csrf, "title": "Brand\u{01}", "category": "brand"],
                cookies: "kp_session=\(session.session)")
            #expect(form.status == .badRequest)
            // C1 controls too: the 8-bit CSI (U+009B) and NEL (U+0085), in a form and in JSON.
            let c1Form = try await WebSession.postForm(
                app, "/incidents", fields: ["_csrf": session.csrf, "title": "Brand\u{9B}2J", "category": "brand"],
                cookies: "kp_session=\(session.session)")
            #expect(c1Form.status == .badRequest)
            let c1 = try await HTTP.send(app, .POST, "/api/v1/incidents", json: #"{"title":"Brand\u0085haven","category":"brand"}"#, token: im)
            #expect(c1.status == .unprocessableEntity && HTTP.problemDetail(c1).contains("control character"))
            #expect(try await HTTP.journalLength(app) == before + 1, "only the form login was journaled")
            let newline = try await HTTP.send(app, .POST, "/api/v1/incidents", json: #"{"title":"Brand\nhaven","category":"brand"}"#, token: im)
            #expect(newline.status != .unprocessableEntity || !HTTP.problemDetail(newline).contains("control character"))
        }
    }

    @Test("8: the CSRF token is bound to the session: a planted cookie or another session's token is refused")
    func csrfBoundToSession() async throws {
        try await withTestApp { app in
            let im = try await WebSession.login(app, "im-vr13")
            let other = try await WebSession.login(app, "im-vr12")
            #expect(im.csrf != other.csrf)
            let planted = "a" + String(repeating: "b", count: 42)
            let withPlanted = try await WebSession.postForm(
                app, "/incidents", fields: ["_csrf": planted, "title": "Gaslek", "category": "gevaarlijke-stoffen"],
                cookies: "kp_csrf=\(planted); kp_session=\(im.session)")
            #expect(withPlanted.status == .forbidden)
            let withOthers = try await WebSession.postForm(
                app, "/incidents", fields: ["_csrf": other.csrf, "title": "Gaslek", "category": "gevaarlijke-stoffen"],
                cookies: "kp_session=\(im.session)")
            #expect(withOthers.status == .forbidden)
            let own = try await WebSession.postForm(
                app, "/incidents", fields: ["_csrf": im.csrf, "title": "Gaslek", "category": "gevaarlijke-stoffen"],
                cookies: "kp_session=\(im.session)")
            #expect(own.status == .seeOther)
        }
    }

    @Test("8: pages a signed-in user sees are not kept by browsers or caches")
    func authenticatedPagesNotCached() async throws {
        try await withTestApp { app in
            let session = try await WebSession.login(app, "im-vr13")
            for path in ["/incidents", "/capacity", "/warnings", "/map"] {
                let page = try await session.get(app, path)
                #expect(page.status == .ok, "\(path)")
                #expect(page.headers.first(name: .cacheControl) == "no-store", "\(path)")
            }
        }
    }

    @Test("8: JSON that Foundation tolerates but is not JSON (a trailing comma) is refused and creates nothing")
    func trailingCommaRefused() async throws {
        try await withTestApp { app in
            let im = try await HTTP.login(app, "im-vr13")
            let response = try await HTTP.send(app, .POST, "/api/v1/incidents", json: #"{"title":"Brand","category":"brand",}"#, token: im)
            #expect(response.status == .badRequest)
            #expect(HTTP.problemDetail(response).contains("trailing commas"))
            #expect(try await IncidentModel.query(on: app.db).count() == 0)
            #expect(StrictJSON.trailingComma(in: Data(#"{"a":"x,}","b":[1, 2 ]}"#.utf8)) == nil, "commas inside strings do not count")
        }
    }

    @Test("1: a number that does not fit a whole-number field is refused naming the field", arguments: ["1e308", "-1e308", "18446744073709551616", "2.5"])
    func unfitWholeNumberNamed(_ number: String) async throws {
        try await withTestApp { app in
            let im = try await HTTP.login(app, "im-vr13")
            let response = try await HTTP.send(app, .POST, "/api/v1/tokens", json: #"{"name":"koppeling","expiresInDays":\#(number)}"#, token: im)
            #expect(response.status == .unprocessableEntity)
            #expect(HTTP.problemDetail(response).contains("field 'expiresInDays' must be a whole number"), "\(HTTP.problemDetail(response))")
        }
    }

    @Test("8: a CAP alert sent in a year that cannot be is refused naming the date")
    func capImpossibleSentDate() throws {
        let corpus = TestPaths.packageRoot.deletingLastPathComponent().appendingPathComponent("shared/interop/cap/valid")
        let file = try #require(try FileManager.default.contentsOfDirectory(atPath: corpus.path).sorted().first { $0.hasSuffix(".xml") })
        let xml = try String(contentsOf: corpus.appendingPathComponent(file), encoding: .utf8)
        let sent = try #require(xml.range(of: #"<sent>[^<]*</sent>"#, options: .regularExpression))
        let changed = xml.replacingCharacters(in: sent, with: "<sent>9999-12-31T23:59:59-00:00</sent>")
        do {
            _ = try CAPReader.read(Data(changed.utf8))
            Issue.record("an alert sent in 9999 was accepted")
        } catch {
            #expect(error.description.contains("sent '9999-12-31T23:59:59-00:00' is not an existing date-time"), "\(error.description)")
        }
    }

    @Test("2: percent-encoded tricks in `next` are refused as well")
    func encodedNextRefused() {
        #expect(LanguageRoute.safeLocalPath("/%09/evil.example") == nil)
        #expect(LanguageRoute.safeLocalPath("/%2f%2fevil.example") == nil)
        #expect(LanguageRoute.safeLocalPath("/%5cevil.example") == nil)
        #expect(LanguageRoute.safeLocalPath("/incidents?q=kaart%20lijst") == "/incidents?q=kaart%20lijst")
    }

    @Test("8: the chair's access report shows a partner's confidential read of the region's incident")
    func chairSeesPartnersConfidentialReads() async throws {
        try await withTestApp { app in
            let im = try await HTTP.login(app, "im-vr13")
            let incident = try await Picture.createIncident(app, token: im)
            _ = try await Access.link(app, incident.id, "RWS", token: im, extra: #","maxClassification":"confidential""#)
            let secret = try await Access.entry(
                app, incident.id, token: im, json: #"{"theme":"algemeen","text":"Dijk zwak bij km 12","source":"RWS","classification":"confidential"}"#)
            #expect(secret.status == .created)
            let rws = try await HTTP.login(app, "rws")
            #expect(try await Picture.picture(app, incident.id, token: rws).entries.contains { $0.text == "Dijk zwak bij km 12" })
            let chair = try await HTTP.login(app, "voorzitter-vr13")
            let report = try await HTTP.send(app, .GET, "/api/v1/reports/access?since=2000-01-01", token: chair)
            #expect(report.status == .ok)
            let lines = try report.content.decode([AccessReport.Line].self)
            #expect(lines.contains { $0.kind == JournalKind.auditConfidentialRead.rawValue && $0.actorOrganisation == "RWS" && $0.incident == incident.id })
        }
    }

    @Test("8: an EDXL-RM export names the incident only to a reader who may read it")
    func rmExportHidesIncident() async throws {
        try await withTestApp { app in
            let im = try await HTTP.login(app, "im-vr13")
            let incident = try await Picture.createIncident(app, token: im, title: "Dijkdoorbraak")
            let request = try await HTTP.send(app, .POST, "/api/v1/assistance-requests",
                json: #"{"type":"pomp","quantity":1,"incident":"\#(incident.id)","locationText":"Dijk","reason":"Water in de polder"}"#,
                token: try await HTTP.login(app, "ol-vr13")).content.decode(AssistanceRequestDTO.self)
            let own = try await HTTP.send(app, .GET, "/api/v1/assistance-requests/\(request.id)/edxl-rm", token: im).body.string
            #expect(own.contains("<rm:IncidentID>\(incident.reference)</rm:IncidentID>"))
            let partner = try await HTTP.login(app, "rws")
            let theirs = try await HTTP.send(app, .GET, "/api/v1/assistance-requests/\(request.id)/edxl-rm", token: partner)
            #expect(theirs.status == .ok)
            #expect(!theirs.body.string.contains("<rm:IncidentID>"), "the request number may name the region, never the incident")
            let lint = try ExternalTool.xmllint(Data(theirs.body.readableBytesView),
                                                schema: Self.rmCorpus.appendingPathComponent("schema/em-serializers/EDXL-RMRequestResource.xsd"))
            #expect(lint.status == 0, "\(lint.output)")
        }
    }
}
