import KnooppuntCore
import Plot

/// How `RegionsPage` is drawn: its HTML, from the model's data.
extension RegionsPage {
    static let path = SiteURL.regions.path
    static let navLabel = LocalizedLabel(nl: "Regio's", en: "Regions")

    private var showsPhases: Bool { regions.contains { $0.phase != nil } }

    func render() -> String {
        var layout = Layout(title: strings.regionList, strings: strings, csrfToken: csrfToken, user: user, path: Self.path)
        if leafletAvailable {
            layout.styles = [SiteURL.leaflet("leaflet.css").path]
            layout.scripts = [SiteURL.leaflet("leaflet.js").path, SiteURL.asset(.value("region-map.js")).path]
        }
        return layout.render(
            .group(
                .h1(.text(strings.regionList)),
                .section(
                    .attribute(named: "aria-labelledby", value: "map-title"),
                    .h2(.id("map-title"), .text(strings.regionMapTitle)),
                    .p(.class("help"), .text(strings.regionMapHelp)),
                    .div(
                        .id("region-map"), .class("map"),
                        .attribute(named: "role", value: "region"),
                        .attribute(named: "aria-label", value: strings.regionMapTitle),
                        .data(named: "boundaries", value: SiteURL.api(.regionBoundaries).path),
                        .data(named: "highlight", value: user.regionCode ?? ""),
                        .data(named: "tiles", value: DisplayFormat.attribute(tileURL ?? "")),
                        .if(!leafletAvailable, .p(.class("error"), .text(strings.mapUnavailable)))
                    )
                ),
                .section(
                    .attribute(named: "aria-labelledby", value: "regions-title"),
                    .h2(.id("regions-title"), .text(strings.regionList)),
                    .table(
                        .id("region-table"),
                        .thead(.tr(.th(.text(strings.code)), .th(.text(strings.name)), .th(.text(strings.province)),
                                   .if(showsPhases, .th(.text(strings.phaseLabel))))),
                        .tbody(
                            .forEach(regions) { region in
                                .tr(
                                    .if(region.code == user.regionCode, .class("own-region")),
                                    .td(.text(region.code)), .td(.text(region.name)), .td(.text(region.province)),
                                    .unwrap(region.phase) { .td(.class("region-phase-cell"), .text($0)) })
                            })
                    )
                )
            ))
    }
}
