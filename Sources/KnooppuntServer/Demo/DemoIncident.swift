import Fluent
import Foundation
import KnooppuntCore
import KnooppuntInterop
import Vapor

/// One demo incident, so a newcomer sees a picture, a map and a linked partner at once: high water on
/// the Amstel near Ouderkerk, GRIP 1, with entries, an effect area, a command post and Rijkswaterstaat
/// linked. Seeded by `serve --demo` and `knooppunt demo` into a database without incidents.
enum DemoIncident {
    static func seed(_ app: Application) async throws {
        guard try await IncidentModel.query(on: app.db).count() == 0 else { return }
        // The incident belongs to VR13: a node for another region, or the national node, does not hold it.
        switch app.knooppunt.configuration.role {
        case .national: return
        case .region(let region) where region != RegionCode(number: 13): return
        case .region, .standalone: break
        }
        let store = PictureStore(db: app.db, context: app.knooppunt)
        let im = PictureStore.Author(username: "im-vr13", organisation: "VR13")
        let now = app.knooppunt.clock.now()
        let state = IncidentState(
            title: "Hoogwater Amstel bij Ouderkerk", category: .overstroming,
            location: #"{"coordinates":[4.9012,52.2951],"type":"Point"}"#, startedAt: now.addingTimeInterval(-3600),
            grip: .one, gripReason: "Kade onder druk; bewoners langs de Amstel gewaarschuwd",
            involvedRegions: [RegionCode(number: 13)], leadRegion: RegionCode(number: 13))
        let incident = try await store.createIncident(state, exercise: false, by: im).incidentID
        // Observed a few seconds apart, so the picture reads in one order wherever it is shown.
        for (offset, (theme, text, source)) in [
            (Theme.brandweer, "Pompcapaciteit ingezet bij de Amsteldijk Noord", "OvD Brandweer"),
            (Theme.algemeen, "Waterstand Amstel 40 cm boven streefpeil, stijgend", "Waterschap AGV"),
            (Theme.bevolkingszorg, "Opvang voorbereid in sporthal De Ronde Venen", "AC Bevolkingszorg"),
        ].enumerated() {
            _ = try await store.addEntry(
                .init(theme: theme, text: text, source: source, observedAt: Microseconds.from(now.addingTimeInterval(Double(offset) * 10 - 50)),
                      priority: .normaal),
                to: incident, by: im)
        }
        let area = #"{"coordinates":[[[4.885,52.285],[4.915,52.285],[4.915,52.305],[4.885,52.305],[4.885,52.285]]],"type":"Polygon"}"#
        _ = try await store.addPlots(
            [
                .init(style: PlotStyle(kind: .effectArea, label: "Mogelijk overstroomd gebied"), geometry: area, classification: .internal),
                .init(
                    style: PlotStyle(kind: .symbol, symbol: .commandPost, label: "CoPI Ouderkerk"),
                    geometry: #"{"coordinates":[4.9012,52.2951],"type":"Point"}"#, classification: .internal),
            ], to: incident, by: im)
        _ = try await GrantStore(db: app.db, context: app.knooppunt).create(
            .init(organisation: "RWS", kind: .link(.kern), purpose: "Waterstanden en beheer van de Amstel", until: now.addingTimeInterval(72 * 3600),
                  status: .active, maxClassification: nil),
            incident: incident, by: im)
        try await seedPartnersWithoutAccess(app, incident: incident, now: now)
        try await seedAssessment(app, incident: incident, now: now)
        try await seedWarningAndSitRap(app, incident: incident, now: now)
        try await DemoCapacity.seedRequest(app, incident: incident)
        let reference = try await IncidentModel.read(incident, on: app.db)?.reference ?? ""
        try await DemoRisks.seedPictures(app, incident: incident, reference: reference, area: area)
    }

    /// Partners without access of their own (decision 0027 §6, §8): Waternet under koppelsamenwerking, whose
    /// liaison supplied a line that waits for the IM; and a care home joined ad hoc, with the region's
    /// conditions and the HIN detached to it, who entered its first line.
    private static func seedPartnersWithoutAccess(_ app: Application, incident: UUID, now: Date) async throws {
        let im = PictureStore.Author(username: "im-vr13", organisation: "VR13")
        let grants = GrantStore(db: app.db, context: app.knooppunt)
        _ = try await grants.create(
            .init(organisation: "WATERNET", kind: .link(.koppel), purpose: "Gemalen en rioolstelsel langs de Amstel",
                  until: now.addingTimeInterval(72 * 3600), status: .active, maxClassification: nil),
            incident: incident, by: im)
        _ = try await grants.create(
            .init(organisation: "AMSTELHOF", kind: .link(.adHoc), purpose: "Bewoners van de locatie Ouderkerk aan de Amstel",
                  until: now.addingTimeInterval(24 * 3600), status: .active, maxClassification: nil,
                  detachedHIN: "hin-gedetacheerd-vr13",
                  conditions: "Alleen informatie over bewoners en personeel van de locatie Ouderkerk; aanleveren via de gedetacheerde HIN; eindigt met de evacuatie."),
            incident: incident, by: im)
        let store = PictureStore(db: app.db, context: app.knooppunt)
        _ = try await store.addEntry(
            .init(theme: .partner("WATERNET"), text: "Gemaal Ouderkerk draait op volle capaciteit; riool Amsteldijk loopt vol",
                  source: "Liaison Waternet", observedAt: Microseconds.from(now.addingTimeInterval(-20)), priority: .normaal, awaitingAdmission: true,
                  onBehalfOf: "WATERNET"),
            to: incident, by: PictureStore.Author(username: "liaison-waternet", organisation: "WATERNET"))
        _ = try await store.addEntry(
            .init(theme: .partner("AMSTELHOF"), text: "62 bewoners, van wie 14 rolstoelgebonden; vervoer voor hen nodig bij evacuatie",
                  source: "Locatiemanager Amstelhof", observedAt: Microseconds.from(now.addingTimeInterval(-10)), priority: .normaal, onBehalfOf: "AMSTELHOF"),
            to: incident, by: PictureStore.Author(username: "hin-gedetacheerd-vr13", organisation: "VR13"))
    }

    /// Beeld – oordeel – besluit (decision 0024): the IM's totaalbeeld, the fire service's and Rijkswaterstaat's
    /// own pictures, and one besluitpunt for the municipal policy team.
    private static func seedAssessment(_ app: Application, incident: UUID, now: Date) async throws {
        let records = RecordStore(db: app.db, context: app.knooppunt)
        let im = PictureStore.Author(username: "im-vr13", organisation: "VR13")
        let summaries: [(ThemeSummaryBody, PictureStore.Author)] = [
            (ThemeSummaryBody(
                theme: .algemeen, picture: "Amstel 40 cm boven streefpeil en stijgend; kade Amsteldijk Noord onder druk, pompen draaien.",
                bottlenecks: "Pompcapaciteit krap als het peil verder stijgt.",
                outlook: "Piek verwacht over 10 tot 12 uur, tot 60 cm boven streefpeil."), im),
            (ThemeSummaryBody(
                theme: .brandweer, picture: "Twee pompen ingezet bij de Amsteldijk Noord; kade wordt elk uur gecontroleerd.",
                outlook: "Extra pompcapaciteit nodig bij meer dan 50 cm boven streefpeil."), im),
            (ThemeSummaryBody(
                theme: .partner("RWS"), picture: "Waterstand Amstel stijgend; gemaal Ouderkerk draait op volle capaciteit.",
                outlook: "Stijging houdt 12 uur aan.", classification: .public), PictureStore.Author(username: "rws", organisation: "RWS")),
        ]
        for (summary, author) in summaries {
            _ = try await records.create(summary, in: incident, by: author, id: IncidentCommands.summaryID(incident: incident, theme: summary.theme))
        }
        _ = try await records.create(
            DecisionPointBody(
                text: "Evacueren we de 40 woningen aan de Amsteldijk Noord preventief?",
                considerations: "Kade kan bij verdere stijging bezwijken; opvang in sporthal De Ronde Venen staat klaar.",
                team: .gbt, deadline: now.addingTimeInterval(3600)),
            in: incident, by: im)
    }

    /// A CAP warning from Rijkswaterstaat over the same stretch of the Amstel, taken in through the same
    /// intake as any other (so it becomes an entry of the incident), and the first SitRap.
    private static func seedWarningAndSitRap(_ app: Application, incident: UUID, now: Date) async throws {
        let alert = CAPAlert(
            identifier: "NL-RWS-DEMO-AMSTEL-1", sender: "waterinfo@rws.nl", sent: CAPTime.format(now.addingTimeInterval(-1800)),
            status: "Actual", msgType: "Alert", scope: "Public",
            infos: [CAPInfo(
                language: "nl-NL", categories: ["Met"], event: "Hoogwater", responseTypes: ["Monitor"], urgency: "Expected",
                severity: "Moderate", certainty: "Likely", expires: CAPTime.format(now.addingTimeInterval(24 * 3600)),
                senderName: "Rijkswaterstaat", headline: "Verhoogde waterstand Amstel",
                description: "De waterstand op de Amstel stijgt de komende 12 uur tot 60 cm boven streefpeil.",
                instruction: "Houd kades en gemalen in de gaten; blijf uit de uiterwaarden.",
                areas: [CAPArea(areaDesc: "Amstel, Ouderkerk aan de Amstel",
                                polygons: ["52.28,4.88 52.28,4.92 52.31,4.92 52.31,4.88 52.28,4.88"])])])
        let subject = try await Subjects.active("im-vr13", on: app.db, at: now)
        let message = try CAPReader.read(CAPWriter.xml(alert))
        _ = try await WarningIntake(db: app.db, context: app.knooppunt).take(message, by: .init(subject: subject))
        _ = try await SitRapService(db: app.db, context: app.knooppunt).issue(
            for: incident, .init(unverified: .mark, summary: "Kade onder druk; pompen ingezet, opvang voorbereid."), by: subject)
    }
}
