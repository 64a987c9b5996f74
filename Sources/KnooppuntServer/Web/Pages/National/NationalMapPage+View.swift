import Foundation
import KnooppuntCore
import KnooppuntInterop
import Plot

/// How `NationalMapPage` is drawn: its HTML, from the model's data.
extension NationalMapPage {
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
