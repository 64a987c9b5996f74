import Fluent
import Foundation
import KnooppuntCore
import Vapor

/// One demo incident, so a newcomer sees a picture, a map and a linked partner at once: high water on
/// the Amstel near Ouderkerk, GRIP 1, with entries, an effect area, a command post and Rijkswaterstaat
/// linked. Seeded by `serve --demo` and `knooppunt demo` into a database without incidents.
enum DemoIncident {
    static func seed(_ app: Application) async throws {
        guard try await IncidentModel.query(on: app.db).count() == 0 else { return }
        let store = PictureStore(db: app.db, context: app.knooppunt)
        let im = PictureStore.Author(username: "im-vr13", organisation: "VR13")
        let now = app.knooppunt.clock.now()
        let state = IncidentState(
            title: "Hoogwater Amstel bij Ouderkerk", category: .overstroming,
            location: #"{"coordinates":[4.9012,52.2951],"type":"Point"}"#, startedAt: now.addingTimeInterval(-3600),
            grip: .one, gripReason: "Kade onder druk; bewoners langs de Amstel gewaarschuwd",
            involvedRegions: [RegionCode(number: 13)], leadRegion: RegionCode(number: 13))
        let incident = try await store.createIncident(state, exercise: false, by: im).incidentID
        for (theme, text, source) in [
            (Theme.brandweer, "Pompcapaciteit ingezet bij de Amsteldijk Noord", "OvD Brandweer"),
            (Theme.algemeen, "Waterstand Amstel 40 cm boven streefpeil, stijgend", "Waterschap AGV"),
            (Theme.bevolkingszorg, "Opvang voorbereid in sporthal De Ronde Venen", "AC Bevolkingszorg"),
        ] {
            _ = try await store.addEntry(
                .init(theme: theme, text: text, source: source, observedAt: Microseconds.from(now), priority: .normaal),
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
            incident: incident, by: im, kind: "access.granted")
    }
}
