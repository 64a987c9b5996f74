import Foundation
import KnooppuntCore
import KnooppuntInterop
import Plot

/// A map of every open incident the user may see, regions coloured by their highest GRIP level.
struct NationalMapPage {
    let strings: UIStrings
    let csrfToken: String
    let user: CurrentUser
    let incidents: [IncidentView]
    let leafletAvailable: Bool
    let tileURL: String?

    private var language: KnooppuntCore.Language { strings.language }

    func render() -> String {
        var layout = Layout(title: strings.nationalMap, strings: strings, csrfToken: csrfToken, user: user, path: SiteURL.map.path)
        if leafletAvailable {
            layout.styles = [SiteURL.leaflet("leaflet.css").path]
            layout.scripts = [SiteURL.leaflet("leaflet.js").path, SiteURL.asset(.value("live.js")).path, SiteURL.asset(.value("national-map.js")).path]
        }
        return layout.render(
            .group(
                .h1(.text(strings.nationalMap)),
                .p(.class("help"), .text(strings.nationalMapIntro)),
                .if(!leafletAvailable, .p(.class("error"), .text(strings.mapUnavailable))),
                .div(
                    .class("map-layout"),
                    .div(
                        .id("national-map"), .class("incident-map"), .attribute(named: "role", value: "region"),
                        .attribute(named: "aria-label", value: strings.nationalMap),
                        .data(named: "boundaries", value: SiteURL.api(.regionBoundaries).path),
                        .data(named: "tiles", value: DisplayFormat.attribute(tileURL ?? "")),
                        .data(named: "incidents", value: DisplayFormat.attribute(incidentsJSON()))),
                    .aside(
                        .class("affected"),
                        incidents.isEmpty
                            ? .p(.class("empty"), .text(strings.noIncidents))
                            : .ul(.id("national-incidents"), .forEach(incidents) { incident in
                                .li(
                                    .span(.class("badge grip-\(incident.grip.rawValue)"), .text(incident.grip.scaleLabel.text(language))),
                                    .a(.href(SiteURL.incident(.value(incident.id)).path), .text(" \(incident.reference) · \(incident.title)")),
                                    .span(.class("muted"), .text(" · " + incident.involvedRegions.map(\.rawValue).joined(separator: ", "))))
                            })))
            ))
    }

    /// The incidents for the map script.
    private func incidentsJSON() -> String {
        MapMarker.json(incidents.map { incident in
            MapMarker(id: incident.id, reference: incident.reference, title: incident.title, grip: incident.grip, language: language,
                      regions: incident.involvedRegions.map(\.rawValue), category: incident.category.label.text(language),
                      location: incident.location, url: SiteURL.incident(.value(incident.id)).path)
        })
    }
}

/// An incident as the map scripts show it: marker, tooltip, region colour and where a click leads.
struct MapMarker: Encodable {
    let id: UUID
    let reference: String
    let title: String
    let grip: Int
    /// "GRIP 3 (lokaal)", "geen GRIP / routine".
    let gripLabel: String
    let regions: [String]
    let category: String
    let location: JSONValue?
    let url: String

    /// An incident of the national picture, linking to its details from the source node.
    init(_ summary: IncidentSummary, node: String, language: KnooppuntCore.Language) {
        self.init(
            id: summary.incident, reference: summary.reference, title: summary.title, grip: summary.grip, language: language,
            regions: summary.involvedRegions.map(\.rawValue), category: summary.category.label.text(language),
            location: summary.location.flatMap { try? JSONDecoder().decode(JSONValue.self, from: Data($0.utf8)) },
            url: NationalPicturePage.detailURL(node, summary.incident))
    }

    init(id: UUID, reference: String, title: String, grip: GRIPLevel, language: KnooppuntCore.Language, regions: [String],
         category: String, location: JSONValue?, url: String) {
        self.id = id
        self.reference = reference
        self.title = title
        self.grip = grip.rawValue
        self.gripLabel = grip.scaleLabel.text(language)
        self.regions = regions
        self.category = category
        self.location = location
        self.url = url
    }

    static func json(_ markers: [MapMarker]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return (try? encoder.encode(markers)).map { String(decoding: $0, as: UTF8.self) } ?? "[]"
    }
}
