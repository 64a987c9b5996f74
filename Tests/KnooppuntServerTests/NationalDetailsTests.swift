import Fluent
import Foundation
import KnooppuntCore
import KnooppuntInterop
import Testing
import Vapor
import VaporTesting

@testable import KnooppuntServer

@Suite("National picture: details from the source, shared entries and SitRaps, bovenregionale bundelingen")
struct NationalDetailsTests {
    private func deliver(_ app: Application) async throws -> Int {
        try await FederationOutbox(db: app.db, context: app.knooppunt).deliverDue(transport: HTTPNodeTransport())
    }

    private func detail(_ national: Application, _ incident: UUID, token: String) async throws -> NationalDetails.DetailDTO {
        let response = try await HTTP.send(national, .GET, "/api/v1/national/incidents/vr13/\(incident)", token: token)
        #expect(response.status == .ok, "\(response.body.string)")
        return try response.content.decode(NationalDetails.DetailDTO.self)
    }

    @Test("opening an incident fetches its picture from the source node for that user; the source's policy decides; cached copies show their age when the source is down")
    func detailsStayAtTheSource() async throws {
        try await withNodePair { kcr2, vr13 in
            let national = try #require(kcr2.app)
            let region = try #require(vr13.app)
            let im = try await HTTP.login(region, "im-vr13")
            let incident = try await Picture.createIncident(region, token: im, title: "Brand Westpoort", extra: Warnings.amsterdam)
            let open = try await Picture.addEntry(region, incident.id, token: im, text: "Rookpluim richting Zaandam", theme: "algemeen")
            let secret = try await HTTP.send(
                region, .POST, "/api/v1/incidents/\(incident.id)/entries",
                json: #"{"theme":"politie","text":"Verdachte aangehouden","source":"OvD Politie","classification":"confidential"}"#, token: im)
            #expect(secret.status == .created, "\(secret.body.string)")
            #expect(try await deliver(region) == 1, "the summary of the new incident")

            let analyst = try await HTTP.login(national, "analist-kcr2")
            let fetched = try await detail(national, incident.id, token: analyst)
            #expect(!fetched.fromCache && fetched.sourceProblem == nil)
            let texts = fetched.picture?.entries.map(\.text) ?? []
            #expect(texts.contains("Rookpluim richting Zaandam"))
            #expect(!texts.contains("Verdachte aangehouden"), "the source reads confidential entries to no national user without a grant")
            let reads = try await JournalEventModel.query(on: region.db).filter(\.$kind == "federation.detail-read").all()
            #expect(reads.map(\.actor) == ["kcr2/analist-kcr2"], "the source journals who read, on whose behalf")

            // Only the national node's staff ask; a partner on the national node gets nothing.
            let partner = try await HTTP.login(national, "rws")
            #expect(try await HTTP.send(national, .GET, "/api/v1/national/incidents/vr13/\(incident.id)", token: partner).status == .forbidden)

            // The source refuses requests that are unsigned, altered or not from the national node.
            let path = "/api/v1/federation/incidents/\(incident.id)/picture"
            let unsigned = try await HTTP.send(region, .GET, path, headers: ["Knooppunt-Node": "kcr2"])
            #expect(unsigned.status == .unauthorized, "\(unsigned.body.string)")
            let identity = try #require(try await NodeIdentityModel.query(on: national.db).first())
            var altered = try NodeRequest.headers(
                method: "GET", path: path, date: Date(), sender: identity, recipient: "vr13",
                user: .init(username: "analist-kcr2", role: "kcr2-analist", organisation: "KCR2"))
            altered.replaceOrAdd(name: NodeRequest.roleHeader, value: "voorzitter")
            let tampered = try await HTTP.send(region, .GET, path, headers: altered)
            #expect(tampered.status == .forbidden)
            #expect(HTTP.problemDetail(tampered).contains("signature does not verify"))
            let stale = try NodeRequest.headers(
                method: "GET", path: path, date: Date().addingTimeInterval(-3600), sender: identity, recipient: "vr13",
                user: .init(username: "analist-kcr2", role: "kcr2-analist", organisation: "KCR2"))
            #expect(try await HTTP.send(region, .GET, path, headers: stale).status == .unauthorized, "an old request is not replayed")
            let refusals = try await JournalEventModel.query(on: region.db).filter(\.$kind == "federation.refused").count()
            #expect(refusals == 3)

            // The source goes down: the user's copy is shown with its age and why the source was not asked.
            try await vr13.stop()
            let cached = try await detail(national, incident.id, token: analyst)
            #expect(cached.fromCache)
            #expect(cached.sourceProblem?.contains("cannot be reached") == true)
            #expect(cached.picture?.entries.map(\.id).contains(open.id) == true)
            #expect(cached.fetchedAt != nil)
            _ = try await AccountService(application: national).createUser(
                username: "lcms-kcr2", displayName: "Tweede analist", organisationCode: "KCR2", role: .kcr2Analist,
                password: "lang-genoeg-1", actor: .commandLine)
            let otherAnalyst = try await HTTP.login(national, "lcms-kcr2", password: "lang-genoeg-1")
            let nothing = try await HTTP.send(national, .GET, "/api/v1/national/incidents/vr13/\(incident.id)", token: otherAnalyst)
            #expect(nothing.status == .ok)
            let none = try nothing.content.decode(NationalDetails.DetailDTO.self)
            #expect(none.picture == nil && none.sourceProblem != nil, "one user's copy is never shown to another")
            try await vr13.start()
        }
    }

    @Test("entries the region marks for national sharing, their later versions and issued SitRaps reach the national node; bovenregionale bundelingen join incidents of two or more regions")
    func sharedEntriesSitRapsAndGroupings() async throws {
        try await withNodePair { kcr2, vr13 in
            let national = try #require(kcr2.app)
            let region = try #require(vr13.app)
            let im = try await HTTP.login(region, "im-vr13")
            let incident = try await Picture.createIncident(region, token: im, title: "Hoogwater Maas", extra: Warnings.amsterdam)
            let entry = try await Picture.addEntry(region, incident.id, token: im, text: "Kade bij Venlo houdt", theme: "algemeen")
            let secret = try await HTTP.send(
                region, .POST, "/api/v1/incidents/\(incident.id)/entries",
                json: #"{"theme":"algemeen","text":"Vertrouwelijk","source":"IM","classification":"confidential"}"#, token: im)
            let secretEntry = try secret.content.decode(EntryView.self)

            let base = "/api/v1/incidents/\(incident.id)/entries"
            let liaison = try await HTTP.login(region, "hin-gedetacheerd-vr13")
            #expect(try await HTTP.send(region, .POST, "\(base)/\(entry.id)/national-sharing", token: liaison).status == .forbidden)
            let refused = try await HTTP.send(region, .POST, "\(base)/\(secretEntry.id)/national-sharing", token: im)
            #expect(refused.status == .unprocessableEntity)
            #expect(HTTP.problemDetail(refused).contains("internal"))
            #expect(try await HTTP.send(region, .POST, "\(base)/\(entry.id)/national-sharing", token: im).status == .created)
            #expect(try await HTTP.send(region, .POST, "\(base)/\(entry.id)/national-sharing", token: im).status == .conflict)
            let issued = try await HTTP.send(region, .POST, "/api/v1/incidents/\(incident.id)/sitraps", json: "{}", token: im)
            #expect(issued.status == .created, "\(issued.body.string)")
            #expect(try await deliver(region) == 4, "summary, shared entry, SitRap with a fresh summary")

            let analyst = try await HTTP.login(national, "analist-kcr2")
            var seen = try await detail(national, incident.id, token: analyst)
            #expect(seen.sharedEntries.map(\.text) == ["Kade bij Venlo houdt"])
            #expect(seen.sitraps.map(\.number) == [1])
            #expect(seen.summary.figures?.entries == 1, "key figures as of the SitRap, without the confidential entry")
            let sitrapPage = try await HTTP.send(national, .GET, "/api/v1/national/sitraps/\(seen.sitraps[0].id)", token: analyst)
            #expect(sitrapPage.status == .ok)

            // A later version follows; a contradicted one is withdrawn.
            let changed = try await HTTP.send(
                region, .PATCH, "\(base)/\(entry.id)", json: #"{"baseVersion":1,"text":"Kade bij Venlo houdt, wordt verhoogd"}"#, token: im)
            #expect(changed.status == .ok, "\(changed.body.string)")
            #expect(try await deliver(region) == 1)
            seen = try await detail(national, incident.id, token: analyst)
            #expect(seen.sharedEntries.map(\.text) == ["Kade bij Venlo houdt, wordt verhoogd"])
            let contradicted = try await HTTP.send(
                region, .POST, "\(base)/\(entry.id)/verification", json: #"{"baseVersion":2,"status":"contradicted"}"#, token: im)
            #expect(contradicted.status == .ok, "\(contradicted.body.string)")
            #expect(try await deliver(region) == 1)
            seen = try await detail(national, incident.id, token: analyst)
            #expect(seen.sharedEntries.isEmpty)

            // A bovenregionale bundeling joins incidents of two or more regions.
            let second = try await Picture.createIncident(
                region, token: im, title: "Hoogwater Roer", extra: #","involvedRegions":["VR13","VR23"]"#)
            let third = try await Picture.createIncident(region, token: im, title: "Hoogwater Geul")
            _ = try await deliver(region)
            let one = try await HTTP.send(
                national, .POST, "/api/v1/national/groupings",
                json: #"{"name":"Hoogwater Limburg","incidents":[{"node":"vr13","incident":"\#(incident.id)"}]}"#, token: analyst)
            #expect(one.status == .unprocessableEntity)
            let oneRegion = try await HTTP.send(
                national, .POST, "/api/v1/national/groupings",
                json: #"{"name":"Hoogwater Limburg","incidents":[{"node":"vr13","incident":"\#(incident.id)"},{"node":"vr13","incident":"\#(third.id)"}]}"#,
                token: analyst)
            #expect(oneRegion.status == .unprocessableEntity)
            #expect(Phases.field(oneRegion) == "incidents")
            #expect(HTTP.problemDetail(oneRegion).contains("two or more regions"))
            #expect(try await NationalGroupingModel.query(on: national.db).count() == 0, "nothing was made")
            let created = try await HTTP.send(
                national, .POST, "/api/v1/national/groupings",
                json: #"{"name":"Hoogwater Limburg","incidents":[{"node":"vr13","incident":"\#(incident.id)"},{"node":"vr13","incident":"\#(second.id)"}]}"#,
                token: analyst)
            #expect(created.status == .created, "\(created.body.string)")
            let grouping = try created.content.decode(NationalGroupings.GroupingDTO.self)
            #expect(Set(grouping.members.map(\.summary.title)) == ["Hoogwater Maas", "Hoogwater Roer"])
            #expect(grouping.regions == [RegionCode(number: 13), RegionCode(number: 23)])
            let im13 = try await HTTP.login(national, "rws")
            #expect(try await HTTP.send(national, .GET, "/api/v1/national/groupings", token: im13).status == .forbidden)
            // Members change as a whole, never below two.
            let membersPath = "/api/v1/national/groupings/\(grouping.id)/members"
            let tooFew = try await HTTP.send(national, .PUT, membersPath,
                                             json: #"{"incidents":[{"node":"vr13","incident":"\#(incident.id)"}]}"#, token: analyst)
            #expect(tooFew.status == .unprocessableEntity)
            #expect(try await NationalGroupingMemberModel.query(on: national.db).count() == 2, "nothing changed")
            let shrunk = try await HTTP.send(national, .PUT, membersPath, json: """
                {"incidents":[{"node":"vr13","incident":"\(incident.id)"},{"node":"vr13","incident":"\(third.id)"}]}
                """, token: analyst)
            #expect(shrunk.status == .unprocessableEntity, "a bundeling cannot be changed to span one region")
            #expect(Phases.field(shrunk) == "incidents")
            let replaced = try await HTTP.send(national, .PUT, membersPath, json: """
                {"incidents":[{"node":"vr13","incident":"\(second.id)"},{"node":"vr13","incident":"\(third.id)"}]}
                """, token: analyst)
            #expect(replaced.status == .ok, "\(replaced.body.string)")
            let titles = Set(try replaced.content.decode(NationalGroupings.GroupingDTO.self).members.map(\.summary.title))
            #expect(titles == ["Hoogwater Roer", "Hoogwater Geul"])
        }
    }
}
