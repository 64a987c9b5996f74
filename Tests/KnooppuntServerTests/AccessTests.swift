import AsyncHTTPClient
import Fluent
import Foundation
import KnooppuntCore
import Testing
import Vapor
import VaporTesting

@testable import KnooppuntServer

/// Helpers for partner access to incidents.
enum Access {
    static func until(_ app: Application, hours: Double) -> String {
        Picture.rfc3339(app.knooppunt.clock.now().addingTimeInterval(hours * 3600))
    }

    /// The IM links `organisation` to the incident; returns the grant.
    static func link(
        _ app: Application, _ incident: UUID, _ organisation: String, token: String, hours: Double = 8, extra: String = ""
    ) async throws -> AccessGrantDTO {
        let response = try await HTTP.send(
            app, .POST, "/api/v1/incidents/\(incident)/access",
            json: #"{"organisation":"\#(organisation)","purpose":"Meedenken over de gevolgen","until":"\#(until(app, hours: hours))"\#(extra)}"#,
            token: token)
        #expect(response.status == .created, "\(response.body.string)")
        return try response.content.decode(AccessGrantDTO.self)
    }

    static func entry(_ app: Application, _ incident: UUID, token: String, json: String) async throws -> TestingHTTPResponse {
        try await HTTP.send(app, .POST, "/api/v1/incidents/\(incident)/entries", json: json, token: token)
    }

    /// Opens an SSE stream over a real socket and lets the test read it as it arrives.
    static func withStream(
        _ app: Application, path: String, token: String, _ body: (StreamReader) async throws -> Void
    ) async throws {
        try await app.server.start(address: .hostname("127.0.0.1", port: 0))
        let port = try #require(app.http.server.shared.localAddress?.port)
        let client = HTTPClient(eventLoopGroupProvider: .singleton)
        do {
            var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)\(path)")
            request.headers.bearerAuthorization = .init(token: token)
            let response = try await client.execute(request, timeout: .seconds(60))
            #expect(response.status == .ok)
            try await body(StreamReader(iterator: response.body.makeAsyncIterator()))
        } catch {
            try? await client.shutdown()
            await app.server.shutdown()
            throw error
        }
        try await client.shutdown()
        await app.server.shutdown()
    }

    /// Reads a stream's text as it arrives.
    final class StreamReader: @unchecked Sendable {
        var iterator: HTTPClientResponse.Body.AsyncIterator
        private(set) var text = ""

        init(iterator: HTTPClientResponse.Body.AsyncIterator) { self.iterator = iterator }

        /// Reads until the text holds `marker`; fails if the stream ends first.
        func read(until marker: String) async throws {
            while !text.contains(marker) {
                guard let chunk = try await iterator.next() else {
                    Issue.record("the stream ended before '\(marker)'")
                    return
                }
                text += String(buffer: chunk)
            }
        }

        /// Reads until the server ends the stream.
        func readToEnd() async throws {
            while let chunk = try await iterator.next() { text += String(buffer: chunk) }
        }
    }
}

@Suite("Partner access to incidents")
struct AccessTests {
    @Test("kern: reads once linked, writes only its own theme, straight into the picture")
    func kern() async throws {
        try await withTestApp { app in
            let im = try await HTTP.login(app, "im-vr13")
            let rws = try await HTTP.login(app, "rws")
            let incident = try await Picture.createIncident(app, token: im, title: "Dijkdoorbraak Amstel")
            #expect(try await HTTP.send(app, .GET, "/api/v1/incidents/\(incident.id)", token: rws).status == .notFound)
            #expect(try await HTTP.send(app, .GET, "/api/v1/incidents", token: rws).body.string.contains("Dijkdoorbraak") == false)

            let grant = try await Access.link(app, incident.id, "RWS", token: im)
            #expect(grant.profile == .kern && grant.status == .active && grant.maxClassification == .internal)
            #expect(try await HTTP.send(app, .GET, "/api/v1/incidents", token: rws).body.string.contains("Dijkdoorbraak"))
            _ = try await Picture.addEntry(app, incident.id, token: im, text: "Regionale melding")

            let own = try await Access.entry(
                app, incident.id, token: rws, json: #"{"theme":"partner:RWS","text":"Peil Amstel stijgt","source":"RWS meetpost"}"#)
            #expect(own.status == .created, "\(own.body.string)")
            #expect(try own.content.decode(EntryView.self).awaitingAdmission == false)
            let other = try await Access.entry(
                app, incident.id, token: rws, json: #"{"theme":"brandweer","text":"x","source":"y"}"#)
            #expect(other.status == .forbidden)
            #expect(HTTP.problemDetail(other).contains("own theme"))
            let decide = try await HTTP.send(
                app, .POST, "/api/v1/incidents/\(incident.id)/decisions", json: #"{"text":"Evacueren","decidedBy":"RWS"}"#, token: rws)
            #expect(decide.status == .forbidden)

            let picture = try await Picture.picture(app, incident.id, token: rws)
            #expect(Set(picture.entries.map(\.text)) == ["Regionale melding", "Peil Amstel stijgt"])
            #expect(picture.themes.contains { $0.theme == .partner("RWS") && $0.entries == 1 })
        }
    }

    @Test("structureel: entries wait for the IM's admission and are hidden from others until then")
    func structureel() async throws {
        try await withTestApp { app in
            let im = try await HTTP.login(app, "im-vr13")
            let agv = try await HTTP.login(app, "agv")
            let rws = try await HTTP.login(app, "rws")
            let incident = try await Picture.createIncident(app, token: im)
            #expect(try await Access.link(app, incident.id, "WS-AGV", token: im).profile == .structureel)
            _ = try await Access.link(app, incident.id, "RWS", token: im)
            let response = try await Access.entry(
                app, incident.id, token: agv, json: #"{"theme":"partner:WS-AGV","text":"Kade verzwakt","source":"Dijkwacht"}"#)
            #expect(response.status == .created)
            let entry = try response.content.decode(EntryView.self)
            #expect(entry.awaitingAdmission)
            #expect(try await Picture.picture(app, incident.id, token: agv).entries.map(\.text) == ["Kade verzwakt"])
            #expect(try await Picture.picture(app, incident.id, token: im).entries.map(\.text) == ["Kade verzwakt"])
            #expect(try await Picture.picture(app, incident.id, token: rws).entries.isEmpty)

            let admit = try await HTTP.send(
                app, .POST, "/api/v1/incidents/\(incident.id)/entries/\(entry.id)/admission",
                json: #"{"baseVersion":1,"admitted":true}"#, token: im)
            #expect(admit.status == .ok, "\(admit.body.string)")
            let seen = try await Picture.picture(app, incident.id, token: rws).entries
            #expect(seen.map(\.text) == ["Kade verzwakt"] && seen[0].inSharedPicture && !seen[0].awaitingAdmission)
        }
    }

    @Test("koppel: no access of the partner's users; the region's HIN or detached HIN enters for it while it is linked, marked via HIN")
    func koppelViaRegion() async throws {
        try await withTestApp { app in
            let im = try await HTTP.login(app, "im-vr13")
            let hin = try await HTTP.login(app, "hin-gedetacheerd-vr13")
            let waternet = try await HTTP.login(app, "waternet")
            let incident = try await Picture.createIncident(app, token: im)
            let body = #"{"theme":"partner:WATERNET","text":"Drinkwater veilig","source":"Waternet piket","onBehalfOf":"WATERNET"}"#
            let unlinked = try await Access.entry(app, incident.id, token: hin, json: body)
            #expect(unlinked.status == .forbidden)
            #expect(HTTP.problemDetail(unlinked).contains("not linked"))
            #expect(try await Access.link(app, incident.id, "WATERNET", token: im).profile == .koppel)
            let denied = try await HTTP.send(app, .GET, "/api/v1/incidents/\(incident.id)/picture", token: waternet)
            #expect(denied.status == .forbidden)
            #expect(HTTP.problemDetail(denied).contains("koppelsamenwerking"))

            let via = try await Access.entry(app, incident.id, token: hin, json: body)
            #expect(via.status == .created, "\(via.body.string)")
            let entry = try via.content.decode(EntryView.self)
            #expect(entry.onBehalfOf == "WATERNET" && entry.organisation == "VR13" && !entry.awaitingAdmission)
            // A kern partner enters its information itself.
            _ = try await Access.link(app, incident.id, "RWS", token: im)
            let forKern = try await Access.entry(
                app, incident.id, token: hin, json: #"{"theme":"partner:RWS","text":"x","source":"y","onBehalfOf":"RWS"}"#)
            #expect(forKern.status == .forbidden)
            #expect(HTTP.problemDetail(forKern).contains("koppelsamenwerking or ad-hoc"))
            // Only the HIN or detached HIN does this; the IM keeps regie.
            let byIM = try await Access.entry(app, incident.id, token: im, json: body)
            #expect(byIM.status == .forbidden)
            let wrongTheme = try await Access.entry(
                app, incident.id, token: hin, json: #"{"theme":"brandweer","text":"x","source":"y","onBehalfOf":"WATERNET"}"#)
            #expect(wrongTheme.status == .unprocessableEntity)
        }
    }

    @Test("the region records an ad-hoc-aansluiting with its conditions and the detached HIN; only that HIN enters for the partner, which itself reads and writes nothing")
    func adHocAansluiting() async throws {
        try await withTestApp { app in
            // setup: an organisation outside the partner registry, with a user of its own
            let im = try await HTTP.login(app, "im-vr13")
            let incident = try await Picture.createIncident(app, token: im)
            let account = try await HTTP.send(
                app, .POST, "/api/v1/users",
                json: #"{"username":"zorg-1","displayName":"Locatiemanager","organisation":"AMSTELHOF","role":"partner-user","password":"lang-genoeg-1"}"#,
                token: try await HTTP.login(app, "admin"))
            #expect(account.status == .created, "\(account.body.string)")
            let until = Access.until(app, hours: 8)
            func record(_ fields: String, token: String) async throws -> TestingHTTPResponse {
                try await HTTP.send(
                    app, .POST, "/api/v1/incidents/\(incident.id)/access",
                    json: #"{"organisation":"AMSTELHOF","purpose":"Bewoners locatie Ouderkerk","until":"\#(until)"\#(fields)}"#, token: token)
            }
            let ol = try await HTTP.login(app, "ol-vr13")
            let journalBefore = try await HTTP.journalLength(app)

            // MUT + validate: refusals name what is missing and store nothing
            let noLink = try await record("", token: im)
            #expect(noLink.status == .unprocessableEntity && HTTP.problemDetail(noLink).contains("ad-hoc-aansluiting"))
            let noConditions = try await record(#","detachedHIN":"hin-gedetacheerd-vr13""#, token: im)
            #expect(noConditions.status == .unprocessableEntity && HTTP.problemDetail(noConditions).contains("conditions"))
            let notAHIN = try await record(#","detachedHIN":"ac-vr13","conditions":"Alleen bewonersinformatie""#, token: im)
            #expect(notAHIN.status == .unprocessableEntity && HTTP.problemDetail(notAHIN).contains("detachedHIN"))
            let otherRegion = try await record(#","detachedHIN":"im-vr12","conditions":"Alleen bewonersinformatie""#, token: im)
            #expect(otherRegion.status == .unprocessableEntity)
            let underAgreement = try await HTTP.send(
                app, .POST, "/api/v1/incidents/\(incident.id)/access",
                json: #"{"organisation":"RWS","purpose":"x y z","hours":8,"detachedHIN":"hin-gedetacheerd-vr13","conditions":"abc"}"#, token: im)
            #expect(underAgreement.status == .unprocessableEntity && HTTP.problemDetail(underAgreement).contains("agreement in effect"))
            let byOL = try await record(#","detachedHIN":"hin-gedetacheerd-vr13","conditions":"Alleen bewonersinformatie""#, token: ol)
            #expect(byOL.status == .forbidden, "the region's regie (IM or HIN) decides")
            #expect(try await HTTP.journalLength(app) == journalBefore)

            let recorded = try await record(#","detachedHIN":"hin-gedetacheerd-vr13","conditions":"Alleen bewonersinformatie; eindigt met de evacuatie""#, token: im)
            #expect(recorded.status == .created, "\(recorded.body.string)")
            let grant = try recorded.content.decode(AccessGrantDTO.self)
            #expect(grant.profile == .adHoc && grant.detachedHIN == "hin-gedetacheerd-vr13")
            #expect(grant.conditions == "Alleen bewonersinformatie; eindigt met de evacuatie")
            let journaled = try await JournalEventModel.query(on: app.db).filter(\.$kind == "access.granted").sort(\.$id).all().last
            #expect(journaled?.payload.contains(#""detachedHIN":"hin-gedetacheerd-vr13""#) == true)

            // The named detached HIN enters for the partner; the region's other HIN does not.
            let body = #"{"theme":"partner:AMSTELHOF","text":"62 bewoners","source":"Locatiemanager","onBehalfOf":"AMSTELHOF"}"#
            let entered = try await Access.entry(app, incident.id, token: try await HTTP.login(app, "hin-gedetacheerd-vr13"), json: body)
            #expect(entered.status == .created, "\(entered.body.string)")
            #expect(try entered.content.decode(EntryView.self).onBehalfOf == "AMSTELHOF")
            let other = try await Access.entry(app, incident.id, token: try await HTTP.login(app, "hin-vr13"), json: body)
            #expect(other.status == .forbidden && HTTP.problemDetail(other).contains("detached"))
            // An organisation met for the first time is recorded with the aansluiting, by name.
            let newOne = #"{"organisation":"BUURTHUIS-OK","purpose":"Opvang buurtbewoners","hours":8,"detachedHIN":"hin-vr13","conditions":"Alleen aantallen opgevangen bewoners""#
            let unnamed = try await HTTP.send(app, .POST, "/api/v1/incidents/\(incident.id)/access", json: newOne + "}", token: im)
            #expect(unnamed.status == .unprocessableEntity && HTTP.problemDetail(unnamed).contains("organisationName"))
            let named = try await HTTP.send(
                app, .POST, "/api/v1/incidents/\(incident.id)/access", json: newOne + #","organisationName":"Buurthuis Ouderkerk"}"#, token: im)
            #expect(named.status == .created, "\(named.body.string)")
            #expect(try await OrganisationModel.query(on: app.db).filter(\.$code == "BUURTHUIS-OK").first()?.name == "Buurthuis Ouderkerk")
            // The partner's own user reads and writes nothing.
            let user = try await HTTP.login(app, "zorg-1", password: "lang-genoeg-1")
            #expect(try await HTTP.send(app, .GET, "/api/v1/incidents/\(incident.id)/picture", token: user).status == .forbidden)
            let own = try await Access.entry(app, incident.id, token: user, json: #"{"theme":"partner:AMSTELHOF","text":"x","source":"y"}"#)
            #expect(own.status == .forbidden)
        }
    }

    @Test("the liaison is the partner's person: it supplies into its own theme while linked, waits for admission, and reads only what it supplied")
    func liaisonOfThePartner() async throws {
        try await withTestApp { app in
            // setup: an incident with entries of the fire service, a totaalbeeld and Waternet linked (koppel)
            let im = try await HTTP.login(app, "im-vr13")
            let liaison = try await HTTP.login(app, "liaison-waternet")
            let incident = try await Picture.createIncident(app, token: im, title: "Hoogwater Amstel")
            _ = try await Picture.addEntry(app, incident.id, token: im, text: "Pompen ingezet", theme: "brandweer")
            let put = try await HTTP.send(app, .PUT, "/api/v1/incidents/\(incident.id)/summaries/algemeen", json: #"{"picture":"Kade onder druk"}"#, token: im)
            #expect(put.status == .created)
            let body = #"{"theme":"partner:WATERNET","text":"Gemaal op volle capaciteit","source":"Liaison"}"#
            #expect(try await Access.entry(app, incident.id, token: liaison, json: body).status == .notFound, "not linked: unknown")
            _ = try await Access.link(app, incident.id, "WATERNET", token: im)

            // MUT: the liaison supplies
            let supplied = try await Access.entry(app, incident.id, token: liaison, json: body)
            #expect(supplied.status == .created, "\(supplied.body.string)")
            let entry = try supplied.content.decode(EntryView.self)
            #expect(entry.awaitingAdmission && entry.organisation == "WATERNET" && entry.onBehalfOf == "WATERNET")

            // validate: it reads what it supplied and nothing else — no fire-service line, no totaalbeeld, no SitRaps
            let picture = try await Picture.picture(app, incident.id, token: liaison)
            #expect(picture.entries.map(\.text) == ["Gemaal op volle capaciteit"])
            #expect(picture.summaries.isEmpty)
            #expect(try await HTTP.send(app, .POST, "/api/v1/incidents/\(incident.id)/sitraps", json: "{}", token: im).status == .created)
            let sitraps = try await HTTP.send(app, .GET, "/api/v1/incidents/\(incident.id)/sitraps", token: liaison)
            #expect(try sitraps.content.decode([SitRapSummaryDTO].self).isEmpty, "a SitRap is the whole picture")
            let logbook = try await HTTP.send(app, .GET, "/api/v1/incidents/\(incident.id)/logbook", token: liaison)
            #expect(logbook.status == .ok && !logbook.body.string.contains("Pompen ingezet") && !logbook.body.string.contains("Kade onder druk"))
            // It writes only its own theme, no summary, and nothing for another partner.
            let fire = try await Access.entry(app, incident.id, token: liaison, json: #"{"theme":"brandweer","text":"x","source":"y"}"#)
            #expect(fire.status == .forbidden)
            let summary = try await HTTP.send(app, .PUT, "/api/v1/incidents/\(incident.id)/summaries/partner:WATERNET", json: #"{"picture":"x"}"#, token: liaison)
            #expect(summary.status == .forbidden)
            // Waternet's other users still have no access of their own.
            #expect(try await HTTP.send(app, .GET, "/api/v1/incidents/\(incident.id)/picture", token: try await HTTP.login(app, "waternet")).status == .forbidden)
            // The IM admits it; then the region sees it in the shared picture.
            let admit = try await HTTP.send(
                app, .POST, "/api/v1/incidents/\(incident.id)/entries/\(entry.id)/admission", json: #"{"baseVersion":1,"admitted":true}"#, token: im)
            #expect(admit.status == .ok, "\(admit.body.string)")
            #expect(try await Picture.picture(app, incident.id, token: liaison).entries.first?.inSharedPicture == true)
            // Unlinked again, the liaison has nothing.
            let grants = try await HTTP.send(app, .GET, "/api/v1/incidents/\(incident.id)/access", token: im)
            let waternet = try grants.content.decode([AccessGrantDTO].self).first { $0.organisation == "WATERNET" }!
            #expect(try await HTTP.send(app, .POST, "/api/v1/incidents/\(incident.id)/access/\(waternet.id)/revocation", token: im).status == .ok)
            #expect(try await HTTP.send(app, .GET, "/api/v1/incidents/\(incident.id)/picture", token: liaison).status == .forbidden)
        }
    }

    @Test("roles belong where they work: a liaison is not created in a region, a HIN gedetacheerd not in a partner")
    func rolesBelongWhereTheyWork() async throws {
        try await withTestApp { app in
            let admin = try await HTTP.login(app, "admin")
            func create(_ org: String, _ role: String) async throws -> TestingHTTPResponse {
                try await HTTP.send(
                    app, .POST, "/api/v1/users",
                    json: #"{"username":"n-\#(role)-\#(org.lowercased())","displayName":"Nieuw","organisation":"\#(org)","role":"\#(role)","password":"lang-genoeg-1"}"#,
                    token: admin)
            }
            let liaisonInRegion = try await create("VR13", "liaison")
            #expect(liaisonInRegion.status == .unprocessableEntity && HTTP.problemDetail(liaisonInRegion).contains("hin-gedetacheerd"))
            #expect(try await create("WATERNET", "hin-gedetacheerd").status == .unprocessableEntity)
            #expect(try await create("WATERNET", "liaison").status == .created)
            #expect(try await create("VR13", "hin-gedetacheerd").status == .created)
        }
    }

    @Test("an admitted standby partner reads what the IM opens: the totaalbeeld by default, named themes, or the whole picture; decisions, SitRaps and other logbook lines only with the whole picture")
    func standbyReadScope() async throws {
        try await withTestApp { app in
            // setup: entries of two disciplines, the totaalbeeld, a fire-service summary, a decision and a SitRap
            let im = try await HTTP.login(app, "im-vr13")
            let redCross = try await HTTP.login(app, "rodekruis")
            let incident = try await Picture.createIncident(app, token: im, title: "Brand Westpoort")
            _ = try await Picture.addEntry(app, incident.id, token: im, text: "Brand in loods", theme: "brandweer")
            _ = try await Picture.addEntry(app, incident.id, token: im, text: "Afzetting Westpoortweg", theme: "politie")
            for (theme, text) in [("algemeen", "Grote brand, rook richting Zaandam"), ("brandweer", "Inzet drie TS")] {
                let put = try await HTTP.send(app, .PUT, "/api/v1/incidents/\(incident.id)/summaries/\(theme)", json: #"{"picture":"\#(text)"}"#, token: im)
                #expect(put.status == .created, "\(put.body.string)")
            }
            let decision = try await HTTP.send(
                app, .POST, "/api/v1/incidents/\(incident.id)/decisions", json: #"{"text":"Opvang in sporthal","team":"rot","decidedBy":"ROT"}"#, token: im)
            #expect(decision.status == .created, "\(decision.body.string)")
            #expect(try await HTTP.send(app, .POST, "/api/v1/incidents/\(incident.id)/sitraps", json: "{}", token: im).status == .created)
            let grant = try await Access.link(app, incident.id, "RODEKRUIS", token: im, extra: #","status":"active""#)
            #expect(grant.readScope == nil, "the default of a standby link")
            func picture() async throws -> PictureView { try await Picture.picture(app, incident.id, token: redCross) }
            func read(_ path: String) async throws -> TestingHTTPResponse {
                try await HTTP.send(app, .GET, "/api/v1/incidents/\(incident.id)\(path)", token: redCross)
            }
            func scope(_ text: String) async throws -> TestingHTTPResponse {
                try await HTTP.send(app, .PATCH, "/api/v1/incidents/\(incident.id)/access/\(grant.id)", json: #"{"readScope":"\#(text)"}"#, token: im)
            }

            // validate: the totaalbeeld only — no entries, no other summary, no decisions, SitRaps or their lines
            var seen = try await picture()
            #expect(seen.entries.isEmpty && seen.decisions.isEmpty && seen.summaries.map(\.theme) == [.algemeen])
            #expect(try await read("/sitraps").content.decode([SitRapSummaryDTO].self).isEmpty)
            #expect(try await read("/sitraps/1").status == .forbidden)
            var logbook = try await read("/logbook").body.string
            #expect(logbook.contains("summary.created") && !logbook.contains("entry.created") && !logbook.contains("decision.created"))
            #expect(!logbook.contains("Brand in loods") && !logbook.contains("Inzet drie TS"))
            #expect(logbook.contains("incident.created"), "the incident's header is read by everyone who reads it")
            for path in ["/decisions", "/actions", "/reviews", "/sitrap-schedule"] {
                #expect(try await read(path).status == .forbidden, "\(path)")
            }
            #expect(try await read("/urgent").content.decode(UrgentEntriesView.self).entries.isEmpty)

            // MUT: the IM opens the fire service's theme
            #expect(try await scope("themes:brandweer").status == .ok)
            seen = try await picture()
            #expect(seen.entries.map(\.text) == ["Brand in loods"] && seen.summaries.map(\.theme) == [.algemeen, .brandweer])
            #expect(seen.decisions.isEmpty)
            logbook = try await read("/logbook").body.string
            #expect(logbook.contains("Brand in loods") && !logbook.contains("Afzetting"))

            // MUT: the whole picture, journaled as an access change
            #expect(try await scope("whole").status == .ok)
            seen = try await picture()
            #expect(seen.entries.count == 2 && seen.decisions.map(\.text) == ["Opvang in sporthal"])
            #expect(try await read("/sitraps").content.decode([SitRapSummaryDTO].self).count == 1)
            let kinds = try await JournalEventModel.query(on: app.db).all().map(\.kind)
            #expect(kinds.filter { $0 == "access.changed" }.count == 2)

            // Refused, changing nothing: a scope on a grant other than a standby link, an unknown theme
            let rws = try await Access.link(app, incident.id, "RWS", token: im)
            let onKern = try await HTTP.send(app, .PATCH, "/api/v1/incidents/\(incident.id)/access/\(rws.id)", json: #"{"readScope":"summary"}"#, token: im)
            #expect(onKern.status == .unprocessableEntity && Gezag.field(onKern) == "readScope")
            let unknown = try await scope("themes:vuurwerk")
            #expect(unknown.status.code >= 400 && unknown.status.code < 500 && unknown.body.string.contains("readScope"), "\(unknown.body.string)")
        }
    }

    @Test("standby through another party's process: the IM links under a discipline's mandate, a kern partner under its own; it reads that process's theme; the mandate holder may end it")
    func standbyUnderMandate() async throws {
        try await withTestApp { app in
            // setup: entries of bevolkingszorg and brandweer; Rijkswaterstaat linked under kernsamenwerking
            let (im, redCross, rws) = (try await HTTP.login(app, "im-vr13"), try await HTTP.login(app, "rodekruis"), try await HTTP.login(app, "rws"))
            let incident = try await Picture.createIncident(app, token: im, title: "Dijkdoorbraak Ouderkerk")
            _ = try await Picture.addEntry(app, incident.id, token: im, text: "Opvang in sporthal De Brink", theme: "bevolkingszorg")
            _ = try await Picture.addEntry(app, incident.id, token: im, text: "Pompen bij gemaal", theme: "brandweer")
            let path = "/api/v1/incidents/\(incident.id)/access"
            func link(_ organisation: String, _ mandate: String?, token: String) async throws -> TestingHTTPResponse {
                let field = mandate.map { #","underMandateOf":"\#($0)""# } ?? ""
                return try await HTTP.send(
                    app, .POST, path, json: #"{"organisation":"\#(organisation)","purpose":"Opvang en verzorging","hours":8\#(field)}"#, token: token)
            }
            let journal = try await HTTP.journalLength(app)
            // Refused, changing nothing: a discipline's mandate for a non-standby partner, the totaalbeeld's
            // "mandate", a kern partner that is not on the incident, a partner without a kern link bringing one in.
            #expect(Gezag.field(try await link("WS-AGV", "bevolkingszorg", token: im)) == "underMandateOf")
            #expect(Gezag.field(try await link("RODEKRUIS", "algemeen", token: im)) == "underMandateOf")
            #expect(Gezag.field(try await link("RODEKRUIS", "partner:TENNET", token: im)) == "underMandateOf")
            // Rijkswaterstaat is not on this incident: to it, the incident does not exist.
            #expect(try await link("RODEKRUIS", nil, token: rws).status == .notFound)
            #expect(try await HTTP.journalLength(app) == journal)

            // MUT: the IM links the Red Cross under the mandate of bevolkingszorg (SIS-like, 001:L867-871)
            let underBz = try await link("RODEKRUIS", "bevolkingszorg", token: im)
            // validate: visible as such, taking part at once, reading bevolkingszorg only
            #expect(underBz.status == .created, "\(underBz.body.string)")
            let grant = try underBz.content.decode(AccessGrantDTO.self)
            #expect(grant.underMandateOf == "bevolkingszorg" && grant.status == .active && grant.readScope == nil)
            #expect(try await Picture.picture(app, incident.id, token: redCross).entries.map(\.text) == ["Opvang in sporthal De Brink"])
            // Nor may it end what the IM linked there.
            #expect(try await HTTP.send(app, .POST, "\(path)/\(grant.id)/revocation", token: rws).status == .notFound)

            // MUT: a kern partner brings the Red Cross in under its own mandate, on a second incident
            let second = try await Picture.createIncident(app, token: im, title: "Hoogwater Amstel")
            _ = try await Access.link(app, second.id, "RWS", token: im)
            let ownEntry = try await Access.entry(app, second.id, token: rws, json: #"{"theme":"partner:RWS","text":"Waterstand 2,10 m NAP","source":"Meetpost"}"#)
            #expect(ownEntry.status == .created, "\(ownEntry.body.string)")
            _ = try await Picture.addEntry(app, second.id, token: im, text: "Wegafsluiting", theme: "politie")
            let secondPath = "/api/v1/incidents/\(second.id)/access"
            let elsewhere = try await HTTP.send(
                app, .POST, secondPath, json: #"{"organisation":"RODEKRUIS","purpose":"Opvang langs de dijk","hours":8,"underMandateOf":"bevolkingszorg"}"#, token: rws)
            #expect(elsewhere.status == .forbidden, "a partner brings one in under its own mandate only")
            let broughtIn = try await HTTP.send(
                app, .POST, secondPath, json: #"{"organisation":"RODEKRUIS","purpose":"Opvang langs de dijk","hours":8}"#, token: rws)
            #expect(broughtIn.status == .created, "\(broughtIn.body.string)")
            let rwsGrant = try broughtIn.content.decode(AccessGrantDTO.self)
            #expect(rwsGrant.underMandateOf == "partner:RWS" && rwsGrant.grantedByOrganisation == "RWS")
            #expect(try await Picture.picture(app, second.id, token: redCross).entries.map(\.text) == ["Waterstand 2,10 m NAP"])
            // The mandate holder ends it.
            #expect(try await HTTP.send(app, .POST, "\(secondPath)/\(rwsGrant.id)/revocation", token: rws).status == .ok)
            #expect(try await HTTP.send(app, .GET, "/api/v1/incidents/\(second.id)/picture", token: redCross).status == .forbidden)
        }
    }

    @Test("standby: monitoring list without details; reads only once the IM admits it; disconnecting ends it")
    func standby() async throws {
        try await withTestApp { app in
            let im = try await HTTP.login(app, "im-vr13")
            let redCross = try await HTTP.login(app, "rodekruis")
            let incident = try await Picture.createIncident(app, token: im, title: "Grote brand Westpoort")
            _ = try await Picture.addEntry(app, incident.id, token: im, text: "Geheime details")

            let list = try await HTTP.send(app, .GET, "/api/v1/monitoring", token: redCross)
            #expect(list.status == .ok)
            #expect(list.body.string.contains("Grote brand Westpoort"))
            #expect(!list.body.string.contains("Geheime details"))
            let item = try #require(try list.content.decode([MonitoringItem].self).first { $0.id == incident.id })
            #expect(item.link == "none" && !item.mayRead && item.grip == incident.grip)
            let before = try await HTTP.send(app, .GET, "/api/v1/incidents/\(incident.id)/picture", token: redCross)
            #expect(before.status == .forbidden)
            #expect(HTTP.problemDetail(before).contains("not linked"))

            let grant = try await Access.link(app, incident.id, "RODEKRUIS", token: im)
            #expect(grant.profile == .standby && grant.status == .monitoring)
            let monitoring = try await HTTP.send(app, .GET, "/api/v1/incidents/\(incident.id)/picture", token: redCross)
            #expect(monitoring.status == .forbidden)
            #expect(HTTP.problemDetail(monitoring).contains("admits it"))

            let admit = try await HTTP.send(
                app, .PATCH, "/api/v1/incidents/\(incident.id)/access/\(grant.id)", json: #"{"status":"active"}"#, token: im)
            #expect(admit.status == .ok, "\(admit.body.string)")
            // Admitted, it reads what the IM opens (decision 0027 §7): by default the totaalbeeld only.
            #expect(try await Picture.picture(app, incident.id, token: redCross).entries.isEmpty)
            let opened = try await HTTP.send(
                app, .PATCH, "/api/v1/incidents/\(incident.id)/access/\(grant.id)", json: #"{"readScope":"themes:brandweer"}"#, token: im)
            #expect(opened.status == .ok, "\(opened.body.string)")
            #expect(try await Picture.picture(app, incident.id, token: redCross).entries.map(\.text) == ["Geheime details"])
            let write = try await Access.entry(
                app, incident.id, token: redCross, json: #"{"theme":"partner:RODEKRUIS","text":"x","source":"y"}"#)
            #expect(write.status == .forbidden)
            #expect(HTTP.problemDetail(write).contains("does not write"))
            // Only the IM manages access.
            let selfService = try await HTTP.send(
                app, .PATCH, "/api/v1/incidents/\(incident.id)/access/\(grant.id)", json: #"{"until":"\#(Access.until(app, hours: 48))"}"#,
                token: redCross)
            #expect(selfService.status == .forbidden)

            let revoke = try await HTTP.send(app, .POST, "/api/v1/incidents/\(incident.id)/access/\(grant.id)/revocation", token: im)
            #expect(revoke.status == .ok)
            let after = try await HTTP.send(app, .GET, "/api/v1/incidents/\(incident.id)/picture", token: redCross)
            #expect(after.status == .forbidden)
            #expect(HTTP.problemDetail(after).contains("was ended"))
            let again = try await HTTP.send(app, .POST, "/api/v1/incidents/\(incident.id)/access/\(grant.id)/revocation", token: im)
            #expect(again.status == .conflict)

            // Only standby partners have a monitoring list; partners see their own grants only.
            let rws = try await HTTP.login(app, "rws")
            let none = try await HTTP.send(app, .GET, "/api/v1/monitoring", token: rws)
            #expect(none.status == .forbidden)
            _ = try await Access.link(app, incident.id, "RWS", token: im)
            let grants = try await HTTP.send(app, .GET, "/api/v1/incidents/\(incident.id)/access", token: rws)
            #expect(try grants.content.decode([AccessGrantDTO].self).map(\.organisation) == ["RWS"])
            let all = try await HTTP.send(app, .GET, "/api/v1/incidents/\(incident.id)/access", token: im)
            #expect(try all.content.decode([AccessGrantDTO].self).map(\.organisation) == ["RODEKRUIS", "RWS"])
        }
    }

    @Test("a link follows the registry: no agreement in effect, no link; bad input changes nothing")
    func linkRules() async throws {
        try await withTestApp { app in
            let im = try await HTTP.login(app, "im-vr13")
            let ac = try await HTTP.login(app, "ac-vr13")
            let incident = try await Picture.createIncident(app, token: im)
            let journal = try await HTTP.journalLength(app)
            func post(_ json: String, token: String) async throws -> TestingHTTPResponse {
                try await HTTP.send(app, .POST, "/api/v1/incidents/\(incident.id)/access", json: json, token: token)
            }
            let until = Access.until(app, hours: 4)
            let schiphol = try await post(#"{"organisation":"SCHIPHOL","purpose":"Meekijken","until":"\#(until)"}"#, token: im)
            #expect(schiphol.status == .unprocessableEntity)
            #expect(HTTP.problemDetail(schiphol).contains("no agreement in effect"))
            let vitens = try await post(#"{"organisation":"VITENS","purpose":"Meekijken","until":"\#(until)"}"#, token: im)
            #expect(HTTP.problemDetail(vitens).contains("VR13"))
            let unknown = try await post(#"{"organisation":"NOPE","purpose":"Meekijken","until":"\#(until)"}"#, token: im)
            #expect(HTTP.problemDetail(unknown).contains("not in the partner registry"))
            let past = try await post(#"{"organisation":"RWS","purpose":"Meekijken","until":"2020-01-01T00:00:00Z"}"#, token: im)
            #expect(past.status == .unprocessableEntity && HTTP.problemDetail(past).contains("future"))
            let noPurpose = try await post(#"{"organisation":"RWS","purpose":"","until":"\#(until)"}"#, token: im)
            #expect(HTTP.problemDetail(noPurpose).contains("purpose"))
            let extra = try await post(#"{"organisation":"RWS","purpose":"Meekijken","until":"\#(until)","profile":"kern"}"#, token: im)
            #expect(extra.status == .badRequest || extra.status == .unprocessableEntity)
            let notIM = try await post(#"{"organisation":"RWS","purpose":"Meekijken","until":"\#(until)"}"#, token: ac)
            #expect(notIM.status == .forbidden && HTTP.problemDetail(notIM).contains("information manager"))
            #expect(try await HTTP.journalLength(app) == journal)

            _ = try await Access.link(app, incident.id, "RWS", token: im)
            let twice = try await post(#"{"organisation":"RWS","purpose":"Meekijken","until":"\#(until)"}"#, token: im)
            #expect(twice.status == .conflict)
        }
    }

    @Test("access stops at the grant's end: reads, lists and the live stream")
    func expiry() async throws {
        let clock = ManualClock(Picture.start)
        try await withTestApp(clock: clock) { app in
            let im = try await HTTP.login(app, "im-vr13")
            let rws = try await HTTP.login(app, "rws")
            let incident = try await Picture.createIncident(app, token: im, title: "Stroomstoring")
            _ = try await Access.link(app, incident.id, "RWS", token: im, hours: 1)
            _ = try await Picture.addEntry(app, incident.id, token: im, text: "Binnen de koppeling")

            try await Access.withStream(app, path: "/api/v1/incidents/\(incident.id)/stream?lastEventId=0", token: rws) { stream in
                try await stream.read(until: "Binnen de koppeling")
                clock.advance(by: 3601)
                _ = try await Picture.addEntry(app, incident.id, token: im, text: "Na het einde")
                try await stream.readToEnd()
                #expect(!stream.text.contains("Na het einde"))
                #expect(stream.text.hasSuffix("event: access-ended\ndata: {}\n\n"))
            }

            let read = try await HTTP.send(app, .GET, "/api/v1/incidents/\(incident.id)", token: rws)
            #expect(read.status == .forbidden && HTTP.problemDetail(read).contains("expired"))
            #expect(!(try await HTTP.send(app, .GET, "/api/v1/incidents", token: rws).body.string.contains("Stroomstoring")))
        }
    }

    @Test("disconnecting a partner ends its open live stream at once")
    func revocationEndsStream() async throws {
        try await withTestApp { app in
            let im = try await HTTP.login(app, "im-vr13")
            let rws = try await HTTP.login(app, "rws")
            let incident = try await Picture.createIncident(app, token: im)
            let grant = try await Access.link(app, incident.id, "RWS", token: im)
            _ = try await Picture.addEntry(app, incident.id, token: im, text: "Voor ontkoppelen")
            try await Access.withStream(app, path: "/api/v1/incidents/\(incident.id)/stream?lastEventId=0", token: rws) { stream in
                try await stream.read(until: "Voor ontkoppelen")
                let revoke = try await HTTP.send(app, .POST, "/api/v1/incidents/\(incident.id)/access/\(grant.id)/revocation", token: im)
                #expect(revoke.status == .ok)
                _ = try await Picture.addEntry(app, incident.id, token: im, text: "Na ontkoppelen")
                try await stream.readToEnd()
                #expect(!stream.text.contains("Na ontkoppelen"))
                #expect(stream.text.hasSuffix("event: access-ended\ndata: {}\n\n"))
            }
        }
    }

    @Test("break glass: the chair opens an incident for a limited time with a reason; journaled and reported")
    func breakGlass() async throws {
        try await withTestApp { app in
            let im = try await HTTP.login(app, "im-vr13")
            let chair = try await HTTP.login(app, "voorzitter-vr13")
            let knmi = try await HTTP.login(app, "jenv")
            let incident = try await Picture.createIncident(app, token: im, title: "Gifwolk")
            let path = "/api/v1/incidents/\(incident.id)/break-glass"
            let json = #"{"organisation":"JENV","reason":"NCTV moet de dreiging beoordelen","until":"\#(Access.until(app, hours: 6))"}"#
            let byIM = try await HTTP.send(app, .POST, path, json: json, token: im)
            #expect(byIM.status == .forbidden && HTTP.problemDetail(byIM).contains("chair"))
            let tooLong = try await HTTP.send(
                app, .POST, path, json: #"{"organisation":"JENV","reason":"Lang","until":"\#(Access.until(app, hours: 30))"}"#, token: chair)
            #expect(tooLong.status == .unprocessableEntity && HTTP.problemDetail(tooLong).contains("24 hours"))
            #expect(try await HTTP.send(app, .GET, "/api/v1/incidents/\(incident.id)", token: knmi).status == .notFound)

            let opened = try await HTTP.send(app, .POST, path, json: json, token: chair)
            #expect(opened.status == .created, "\(opened.body.string)")
            #expect(try await HTTP.send(app, .GET, "/api/v1/incidents/\(incident.id)/picture", token: knmi).status == .ok)
            let write = try await Access.entry(app, incident.id, token: knmi, json: #"{"theme":"partner:JENV","text":"x","source":"y"}"#)
            #expect(write.status == .forbidden && HTTP.problemDetail(write).contains("read-only"))

            // The IM sees it in the logbook; the report lists it for accountability.
            let logbook = try await HTTP.send(app, .GET, "/api/v1/incidents/\(incident.id)/logbook", token: im)
            #expect(logbook.body.string.contains("Glas gebroken"))
            let admin = try await HTTP.login(app, "admin")
            let report = try await HTTP.send(app, .GET, "/api/v1/reports/access?since=2000-01-01", token: admin)
            #expect(report.status == .ok, "\(report.body.string)")
            let lines = try report.content.decode([AccessReport.Line].self)
            #expect(lines.contains { $0.kind == "access.break-glass" && $0.organisation == "JENV" && $0.actor == "voorzitter-vr13" })
            #expect(try await HTTP.send(app, .GET, "/api/v1/reports/access?since=2000-01-01", token: im).status == .forbidden)
            #expect(try await HTTP.send(app, .GET, "/api/v1/reports/access?since=gisteren", token: admin).status == .unprocessableEntity)

            // The chair ends what the chair opened.
            let grant = try opened.content.decode(AccessGrantDTO.self)
            let end = try await HTTP.send(app, .POST, "/api/v1/incidents/\(incident.id)/access/\(grant.id)/revocation", token: chair)
            #expect(end.status == .ok)
            #expect(try await HTTP.send(app, .GET, "/api/v1/incidents/\(incident.id)/picture", token: knmi).status == .forbidden)
        }
    }

    @Test("classification: confidential entries reach only who may read them, and every read is journaled")
    func classification() async throws {
        try await withTestApp { app in
            let im = try await HTTP.login(app, "im-vr13")
            let rws = try await HTTP.login(app, "rws")
            let national = try await HTTP.login(app, "analist-kcr2")
            let incident = try await Picture.createIncident(app, token: im)
            _ = try await Access.link(app, incident.id, "RWS", token: im)
            let secret = try await Access.entry(
                app, incident.id, token: im,
                json: #"{"theme":"politie","text":"Verdachte bekend","source":"Politie","classification":"confidential"}"#)
            #expect(secret.status == .created)
            _ = try await Picture.addEntry(app, incident.id, token: im, text: "Algemeen bekend")
            #expect(try await Picture.picture(app, incident.id, token: rws).entries.map(\.text) == ["Algemeen bekend"])
            #expect(try await Picture.picture(app, incident.id, token: national).entries.map(\.text) == ["Algemeen bekend"])
            let partnerSecret = try await Access.entry(
                app, incident.id, token: rws,
                json: #"{"theme":"partner:RWS","text":"x","source":"y","classification":"confidential"}"#)
            #expect(partnerSecret.status == .forbidden)

            let before = try await AccessReport.lines(since: .distantPast, on: app.db).filter { $0.kind == JournalKind.auditConfidentialRead.rawValue }
            #expect(before.isEmpty)
            let full = try await Picture.picture(app, incident.id, token: im)
            #expect(full.entries.count == 2)
            let reads = try await AccessReport.lines(since: .distantPast, on: app.db).filter { $0.kind == JournalKind.auditConfidentialRead.rawValue }
            #expect(reads.count == 1 && reads[0].actor == "im-vr13" && reads[0].incident == incident.id)

            // In the live stream a confidential entry travels without its text.
            let subject = try await SessionService(request: Request(application: app, on: app.eventLoopGroup.next()))
                .resolve(token: im, via: .bearer).get().subject
            let events = try await LiveSelection(subject: subject, scope: .incident(incident.id)).events(after: 0, on: app.db).events
            #expect(events.contains { $0.kind == "entry.created" && $0.data.contains(#""classification":"confidential""#) })
            #expect(!events.contains { $0.data.contains("Verdachte bekend") })
        }
    }

    @Test("ad hoc: no system access — nobody issues temporary accounts, an administrator reads no incident; M0041 ends one still in force, disables its account and its sessions, journaled")
    func noTemporaryAccounts() async throws {
        try await withTestApp { app in
            // setup: a temporary account as the node issued them before decision 0027 §6 (a partner user and a grant)
            let im = try await HTTP.login(app, "im-vr13")
            let admin = try await HTTP.login(app, "admin")
            let incident = try await Picture.createIncident(app, token: im, title: "Instorting parkeergarage")
            let path = "/api/v1/incidents/\(incident.id)/temporary-accounts"
            let json = #"{"organisation":"WATERNET","username":"adhoc-jan","displayName":"Jan","purpose":"Constructeur","until":"\#(Access.until(app, hours: 12))"}"#
            #expect(try await HTTP.send(app, .POST, path, json: json, token: admin).status == .notFound, "the endpoint is gone")
            #expect(try await WebSession.login(app, "admin").get(app, "/temporary-accounts").status == .notFound)
            #expect(try await HTTP.send(app, .GET, "/api/v1/incidents/\(incident.id)", token: admin).status == .notFound)
            let created = try await HTTP.send(
                app, .POST, "/api/v1/users",
                json: #"{"username":"adhoc-jan","displayName":"Jan Bouwer","organisation":"WATERNET","role":"partner-user","password":"bouwplaats-2026"}"#,
                token: admin)
            #expect(created.status == .created, "\(created.body.string)")
            let grant = AccessGrantModel()
            grant.incidentID = incident.id
            grant.organisationCode = "WATERNET"
            grant.kind = "temporary-account"
            grant.username = "adhoc-jan"
            grant.purpose = "Constructeur beoordeelt de garage"
            grant.status = PartnerStatus.active.rawValue
            grant.maxClassification = Classification.internal.rawValue
            grant.validFrom = Microseconds.from(app.knooppunt.clock.now())
            grant.validUntil = Microseconds.from(app.knooppunt.clock.now().addingTimeInterval(12 * 3600))
            grant.grantedBy = "admin"
            grant.grantedByOrganisation = "KCR2"
            try await grant.create(on: app.db)
            let token = try await HTTP.login(app, "adhoc-jan", password: "bouwplaats-2026")
            // Even before the migration, the old grant gives nothing: Tabel 1 says no read and no write.
            #expect(try await HTTP.send(app, .GET, "/api/v1/incidents/\(incident.id)/picture", token: token).status != .ok)

            // MUT: migrations run when a node starts, before it holds any session (SessionCache); here the
            // running app stands in for the restarted one.
            try await M0041_NoTemporaryAccounts().prepare(on: app.db)
            app.knooppunt.sessions.invalidate()

            // validate: the grant ended, the account disabled and signed out, both journaled
            let after = try #require(try await AccessGrantModel.find(grant.requireID(), on: app.db))
            #expect(after.revokedAt != nil && after.revokedBy == "system")
            #expect(try await UserModel.query(on: app.db).filter(\.$username == "adhoc-jan").first()?.disabledAt != nil)
            #expect(try await HTTP.send(app, .GET, "/api/v1/incidents", token: token).status == .unauthorized)
            let kinds = try await JournalEventModel.query(on: app.db).filter(\.$actor == "system").all().map(\.kind)
            #expect(kinds.contains("access.revoked") && kinds.contains("user.disabled"))
        }
    }

    @Test("the page opens several themes to an admitted standby partner at once: the disciplines and a kern partner's theme")
    func severalThemesFromThePage() async throws {
        try await withTestApp { app in
            // setup: Rijkswaterstaat (kern) and the Red Cross (standby, monitoring) linked to an incident
            let im = try await HTTP.login(app, "im-vr13")
            let incident = try await Picture.createIncident(app, token: im)
            _ = try await Access.link(app, incident.id, "RWS", token: im)
            let grant = try await Access.link(app, incident.id, "RODEKRUIS", token: im)
            let web = try await WebSession.login(app, "im-vr13")
            let page = try await web.get(app, "/incidents/\(incident.id)").body.string
            #expect(page.contains(#"id="read-scope-RODEKRUIS-partner-RWS""#), "a kern partner's theme is offered")

            // MUT: the IM ticks bevolkingszorg and Rijkswaterstaat's theme and admits
            let admitted = try await WebSession.postForm(
                app, "/incidents/\(incident.id)/access/\(grant.id)/admit",
                pairs: [("_csrf", web.csrf), ("readScope", "summary"), ("themes[]", "bevolkingszorg"), ("themes[]", "partner:RWS")],
                cookies: "\(CSRFMiddleware.cookieName)=\(web.csrf); \(AuthenticationMiddleware.sessionCookie)=\(web.session)")
            #expect(admitted.status == .seeOther, "\(admitted.body.string)")

            // validate: the grant reads those two themes (with the totaalbeeld), and the page says so
            let grants = try await HTTP.send(app, .GET, "/api/v1/incidents/\(incident.id)/access", token: im).content.decode([AccessGrantDTO].self)
            let redCross = try #require(grants.first { $0.organisation == "RODEKRUIS" })
            #expect(redCross.status == .active && redCross.readScope == .themes([.bevolkingszorg, .partner("RWS")]))
            #expect(try await web.get(app, "/incidents/\(incident.id)").body.string.contains("leest het totaalbeeld en bevolkingszorg, Rijkswaterstaat"))
        }
    }

    @Test("a liaison's change of an admitted, verified line waits for the IM again: out of the shared picture and unverified")
    func liaisonChangeWaitsAgain() async throws {
        try await withTestApp { app in
            // setup: Waternet's liaison supplied a line, the IM admitted and verified it
            let im = try await HTTP.login(app, "im-vr13")
            let liaison = try await HTTP.login(app, "liaison-waternet")
            let incident = try await Picture.createIncident(app, token: im)
            _ = try await Access.link(app, incident.id, "WATERNET", token: im)
            let created = try await Access.entry(app, incident.id, token: liaison, json: #"{"theme":"partner:WATERNET","text":"Dijk stabiel","source":"Liaison"}"#)
            let entry = try created.content.decode(EntryView.self)
            let base = "/api/v1/incidents/\(incident.id)/entries/\(entry.id)"
            #expect(try await HTTP.send(app, .POST, base + "/admission", json: #"{"baseVersion":1,"admitted":true}"#, token: im).status == .ok)
            #expect(try await HTTP.send(app, .POST, base + "/verification", json: #"{"baseVersion":2,"status":"verified"}"#, token: im).status == .ok)

            // MUT: the liaison changes the text
            let changed = try await HTTP.send(app, .PATCH, base, json: #"{"baseVersion":3,"text":"Dijk breekt, evacueer iedereen"}"#, token: liaison)
            #expect(changed.status == .ok, "\(changed.body.string)")

            // validate: the region reads the change as waiting, unverified, outside the shared picture
            let seen = try #require(try await Picture.picture(app, incident.id, token: im).entries.first { $0.id == entry.id })
            #expect(seen.text == "Dijk breekt, evacueer iedereen")
            #expect(seen.awaitingAdmission && !seen.inSharedPicture && seen.verification == .unverified)
        }
    }

    @Test("hostile input on access and entries is refused with the field named and changes nothing")
    func hostileAccessInput() async throws {
        try await withTestApp { app in
            let im = try await HTTP.login(app, "im-vr13")
            let rws = try await HTTP.login(app, "rws")
            let incident = try await Picture.createIncident(app, token: im)
            let path = "/api/v1/incidents/\(incident.id)/access"
            _ = try await Access.link(app, incident.id, "RWS", token: im)
            let adHoc = #"{"organisation":"NIEUW-1","organisationName":"Nieuw één","purpose":"Opvang","hours":8,"detachedHIN":"hin-gedetacheerd-vr13","#
            let before = try await HTTP.journalLength(app)
            func refused(_ body: String, token: String, _ status: HTTPStatus, naming text: String) async throws {
                let response = try await HTTP.send(app, .POST, path, json: body, token: token)
                #expect(response.status == status, "\(body.prefix(80)): \(response.body.string)")
                #expect(HTTP.problemDetail(response).contains(text), "\(body.prefix(80)): \(HTTP.problemDetail(response))")
            }
            // A key given twice: the parser and the decoder would each keep another copy.
            try await refused(adHoc + #""conditions":"abc\u001bdef","conditions":"schone tekst"}"#, token: im, .unprocessableEntity, naming: "more than once")
            try await refused(adHoc + #""conditions":"x","\u0063onditions":"schone tekst"}"#, token: im, .unprocessableEntity, naming: "more than once")
            // C1 controls (the 8-bit CSI) and characters of stacked marks.
            try await refused(adHoc + #""conditions":"abc\u009b2Jdef"}"#, token: im, .unprocessableEntity, naming: "control character")
            let stacked = "a" + String(repeating: "\u{0301}", count: 400)
            try await refused(adHoc + #""conditions":"\#(stacked)bc"}"#, token: im, .unprocessableEntity, naming: "stacked marks")
            // A name for an organisation that exists, a code that only looks valid once upper-cased, a name on two lines.
            try await refused(#"{"organisation":"JENV","organisationName":"Gekaapt","purpose":"Opvang","hours":8,"detachedHIN":"hin-gedetacheerd-vr13","conditions":"abc"}"#, token: im, .unprocessableEntity, naming: "known already")
            try await refused(#"{"organisation":"straße","organisationName":"Straat","purpose":"Opvang","hours":8,"detachedHIN":"hin-gedetacheerd-vr13","conditions":"abc"}"#, token: im, .unprocessableEntity, naming: "organisation code")
            try await refused(adHoc.replacingOccurrences(of: "Nieuw één", with: "Nieuw\\néén") + #""conditions":"abc"}"#, token: im, .unprocessableEntity, naming: "one line")
            // A partner records no ad-hoc-aansluiting.
            try await refused(adHoc + #""conditions":"abc"}"#, token: rws, .forbidden, naming: "region's decision")
            #expect(try await HTTP.journalLength(app) == before)

            // A grant's change keeps the limits of its making.
            let recorded = try await HTTP.send(app, .POST, path, json: adHoc + #""conditions":"Alleen aantallen"}"#, token: im)
            let grant = try recorded.content.decode(AccessGrantDTO.self)
            let monitoring = try await HTTP.send(app, .PATCH, path + "/\(grant.id)", json: #"{"status":"monitoring"}"#, token: im)
            #expect(monitoring.status == .unprocessableEntity && HTTP.problemDetail(monitoring).contains("standby link only"))
            let far = try await HTTP.send(app, .PATCH, path + "/\(grant.id)", json: #"{"until":"2199-01-01T00:00:00Z"}"#, token: im)
            #expect(far.status == .unprocessableEntity && HTTP.problemDetail(far).contains("90 days"))
            // An empty onBehalfOf names the field.
            let empty = try await Access.entry(app, incident.id, token: im, json: #"{"theme":"partner:RWS","text":"x","source":"y","onBehalfOf":" "}"#)
            #expect(empty.status == .unprocessableEntity && HTTP.problemDetail(empty).contains("onBehalfOf"))
        }
    }

    @Test("M0042: a region user with the old role liaison becomes HIN gedetacheerd, and a koppel link at public reads internal; each journaled by system")
    func liaisonMigration() async throws {
        try await withTestApp { app in
            // setup: what an older version wrote — a liaison in VR13 and a koppel link shown up to public
            let im = try await HTTP.login(app, "im-vr13")
            let incident = try await Picture.createIncident(app, token: im)
            let grant = try await Access.link(app, incident.id, "WATERNET", token: im)
            try await AccessGrantModel.query(on: app.db).filter(\.$id == grant.id).set(\.$maxClassification, to: "public").update()
            try await UserModel.query(on: app.db).filter(\.$username == "hin-gedetacheerd-vr13").set(\.$role, to: "liaison").update()
            try await UserModel.query(on: app.db).filter(\.$username == "liaison-waternet").set(\.$role, to: "liaison").update()
            let before = try await HTTP.journalLength(app)

            // MUT
            try await M0042_LiaisonAndAdHoc.migrateData(on: app.db, now: app.knooppunt.clock.now())

            // validate: the region's user changed role, the partner's liaison did not; the link reads internal
            let role = { (name: String) in try await UserModel.query(on: app.db).filter(\.$username == name).first()?.role }
            #expect(try await role("hin-gedetacheerd-vr13") == "hin-gedetacheerd")
            #expect(try await role("liaison-waternet") == "liaison")
            #expect(try await AccessGrantModel.find(grant.id, on: app.db)?.maxClassification == "internal")
            let events = try await JournalEventModel.query(on: app.db).filter(\.$id > before).sort(\.$id).all()
            #expect(events.map(\.kind) == ["user.role-changed", "access.changed"])
            #expect(events.allSatisfy { $0.actor == "system" })
            #expect(events[0].payload.contains(#""from":"liaison""#) && events[0].payload.contains(#""to":"hin-gedetacheerd""#))
            #expect(try await Journal.verify(on: app.db) == .intact(events: Int(before) + 2))
        }
    }

    @Test("alerting: matching partners are alerted, acknowledge, and unacknowledged alerts escalate to the contact point")
    func alerting() async throws {
        let clock = ManualClock(Picture.start)
        try await withTestApp(clock: clock) { app in
            let im = try await HTTP.login(app, "im-vr13")
            let redCross = try await HTTP.login(app, "rodekruis")
            let rws = try await HTTP.login(app, "rws")
            let knmiRule = try #require(DemoPartners.registrations.first { $0.organisationCode == "KNMI" }?.alertRules.first)
            #expect(knmiRule.escalateAfterMinutes == 30)
            // GRIP 0: the Red Cross (from GRIP 2) is not alerted; a flood at GRIP 1 alerts RWS and KNMI.
            let quiet = try await Picture.createIncident(app, token: im, title: "Kleine brand")
            let created = try await HTTP.send(
                app, .POST, "/api/v1/incidents", json: #"{"title":"Dijkdoorbraak","category":"overstroming","grip":1}"#, token: im)
            let flood = try created.content.decode(IncidentView.self)
            let onFlood = try await HTTP.send(app, .GET, "/api/v1/incidents/\(flood.id)/alerts", token: im)
            #expect(Set(try onFlood.content.decode([PartnerAlertDTO].self).map(\.organisation)) == ["RWS", "KNMI"])
            #expect(try await HTTP.send(app, .GET, "/api/v1/incidents/\(quiet.id)/alerts", token: im).body.string == "[]")

            // Scaling up to GRIP 2 alerts the Red Cross, once.
            _ = try await HTTP.send(
                app, .PATCH, "/api/v1/incidents/\(flood.id)", json: #"{"baseVersion":1,"grip":2,"gripReason":"Meerdere wijken"}"#, token: im)
            let mine = try await HTTP.send(app, .GET, "/api/v1/alerts", token: redCross)
            let alerts = try mine.content.decode([PartnerAlertDTO].self)
            #expect(alerts.count == 1 && alerts[0].title == "Dijkdoorbraak" && alerts[0].grip == .two)
            // An alerted partner learns why it may not read the picture, instead of a 404.
            let read = try await HTTP.send(app, .GET, "/api/v1/incidents/\(flood.id)", token: redCross)
            #expect(read.status == .forbidden)

            // RWS acknowledges; nobody at the Red Cross (15 minutes) or KNMI (30) does: theirs escalate, RWS's does not.
            let rwsAlert = try #require(try await HTTP.send(app, .GET, "/api/v1/alerts", token: rws).content.decode([PartnerAlertDTO].self).first)
            let ack = try await HTTP.send(app, .POST, "/api/v1/alerts/\(rwsAlert.id)/acknowledgement", token: rws)
            #expect(ack.status == .ok)
            #expect(try await HTTP.send(app, .POST, "/api/v1/alerts/\(rwsAlert.id)/acknowledgement", token: rws).status == .conflict)
            #expect(try await HTTP.send(app, .POST, "/api/v1/alerts/\(rwsAlert.id)/acknowledgement", token: redCross).status == .notFound)
            clock.advance(by: 14 * 60)
            #expect(try await AlertService.escalateDue(context: app.knooppunt, on: app.db) == 0)
            clock.advance(by: 61)
            #expect(try await AlertService.escalateDue(context: app.knooppunt, on: app.db) == 1)
            clock.advance(by: 15 * 60)
            #expect(try await AlertService.escalateDue(context: app.knooppunt, on: app.db) == 1)
            #expect(try await AlertService.escalateDue(context: app.knooppunt, on: app.db) == 0)
            let after = try await HTTP.send(app, .GET, "/api/v1/incidents/\(flood.id)/alerts", token: im)
            let byOrg = Dictionary(uniqueKeysWithValues: try after.content.decode([PartnerAlertDTO].self).map { ($0.organisation, $0) })
            #expect(byOrg["RWS"]?.acknowledgedBy == "rws" && byOrg["RWS"]?.escalatedAt == nil)
            #expect(byOrg["KNMI"]?.escalatedTo?.contains("Piketfunctionaris") == true)
            let logbook = try await HTTP.send(app, .GET, "/api/v1/incidents/\(flood.id)/logbook", token: im).body.string
            #expect(logbook.contains("opgeschaald naar"))
            #expect(try await HTTP.send(app, .GET, "/api/v1/alerts", token: im).status == .forbidden)
        }
    }

    @Test("kern: imports entries from its own netcentric picture, repeatably; other profiles may not")
    func importEntries() async throws {
        try await withTestApp { app in
            let im = try await HTTP.login(app, "im-vr13")
            let rws = try await HTTP.login(app, "rws")
            let agv = try await HTTP.login(app, "agv")
            let incident = try await Picture.createIncident(app, token: im)
            _ = try await Access.link(app, incident.id, "RWS", token: im)
            _ = try await Access.link(app, incident.id, "WS-AGV", token: im)
            let path = "/api/v1/incidents/\(incident.id)/entries/import"
            func post(_ json: String, token: String) async throws -> TestingHTTPResponse {
                try await HTTP.send(app, .POST, path, json: json, token: token)
            }
            let batch = #"{"entries":[{"externalId":"ncp-1","text":"Waterstand Lek 4,20 m"},{"externalId":"ncp-2","text":"Stremming scheepvaart"}]}"#
            let first = try await post(batch, token: rws)
            #expect(first.status == .ok, "\(first.body.string)")
            let created = try first.content.decode(ImportResultDTO.self)
            #expect(created.created.count == 2 && created.created.allSatisfy { $0.theme == .partner("RWS") })
            let again = try await post(batch, token: rws).content.decode(ImportResultDTO.self)
            #expect(again.created.isEmpty && again.updated.isEmpty && again.unchanged == 2)
            let changed = try await post(batch.replacingOccurrences(of: "4,20", with: "4,35"), token: rws).content.decode(ImportResultDTO.self)
            #expect(changed.updated.map(\.text) == ["Waterstand Lek 4,35 m"] && changed.updated[0].version == 2 && changed.unchanged == 1)
            #expect(try await Picture.picture(app, incident.id, token: im).entries.count == 2)

            let structureel = try await post(batch, token: agv)
            #expect(structureel.status == .forbidden && HTTP.problemDetail(structureel).contains("kernsamenwerking"))
            let region = try await post(batch, token: im)
            #expect(region.status == .forbidden)
            let twice = try await post(#"{"entries":[{"externalId":"a","text":"x"},{"externalId":"a","text":"y"}]}"#, token: rws)
            #expect(twice.status == .unprocessableEntity && HTTP.problemDetail(twice).contains("appears twice"))
            let many = "{\"entries\":[" + (0...500).map { #"{"externalId":"n\#($0)","text":"x"}"# }.joined(separator: ",") + "]}"
            #expect(try await post(many, token: rws).status == .unprocessableEntity)
            let unknownField = try await post(#"{"entries":[{"externalId":"z","text":"x","theme":"brandweer"}]}"#, token: rws)
            #expect(unknownField.status == .unprocessableEntity || unknownField.status == .badRequest)
            #expect(try await Picture.picture(app, incident.id, token: im).entries.count == 2)
        }
    }

    @Test("a standby partner's monitoring list holds what is relevant to its core tasks, and incidents it is linked to")
    func monitoringRelevance() async throws {
        try await withTestApp { app in
            let im = try await HTTP.login(app, "im-vr13")
            let weather = try await HTTP.send(
                app, .POST, "/api/v1/incidents", json: #"{"title":"Zware storm","category":"extreem-weer"}"#, token: im)
            #expect(weather.status == .created)
            let fire = try await Picture.createIncident(app, token: im, title: "Brand in loods")
            // KNMI's rules watch weather, floods and hazardous materials.
            let admin = try await HTTP.login(app, "admin")
            let user = try await HTTP.send(
                app, .POST, "/api/v1/users",
                json: #"{"username":"knmi","displayName":"Weerkamer","organisation":"KNMI","role":"partner-user","password":"weerkamer-2026"}"#,
                token: admin)
            #expect(user.status == .created, "\(user.body.string)")
            let token = try await HTTP.login(app, "knmi", password: "weerkamer-2026")
            func titles() async throws -> [String] {
                try await HTTP.send(app, .GET, "/api/v1/monitoring", token: token).content.decode([MonitoringItem].self).map(\.title)
            }
            #expect(try await titles() == ["Zware storm"])
            _ = try await Access.link(app, fire.id, "KNMI", token: im)
            #expect(Set(try await titles()) == ["Zware storm", "Brand in loods"])
        }
    }
}
