import KnooppuntCore
import Plot

/// The page after login: who you are and a map of the 25 regions, with the same regions as a table for
/// keyboard and screen-reader users.
struct HomePage {
    struct RegionRow {
        let code: String
        let name: String
        let province: String
    }

    let strings: UIStrings
    let csrfToken: String
    let user: CurrentUser
    let regions: [RegionRow]
    let leafletAvailable: Bool
    let tileURL: String?

    func render() -> String {
        let language = strings.language
        var layout = Layout(title: strings.home, strings: strings, csrfToken: csrfToken, user: user, path: "/")
        if leafletAvailable {
            layout.styles = ["/vendor/leaflet/leaflet.css"]
            layout.scripts = ["/vendor/leaflet/leaflet.js", "/assets/region-map.js"]
        }
        return layout.render(
            .group(
                .h1(.text("\(strings.welcome), \(user.displayName)")),
                .dl(
                    .class("identity"),
                    .dt(.text(strings.yourOrganisation)),
                    .dd(.id("organisation-name"), .text("\(user.organisationName) (\(user.organisationCode))")),
                    .dt(.text(strings.yourRole)),
                    .dd(.id("role-name"), .text(user.role.label.text(language)))
                ),
                .section(
                    .attribute(named: "aria-labelledby", value: "map-title"),
                    .h2(.id("map-title"), .text(strings.regionMapTitle)),
                    .p(.class("help"), .text(strings.regionMapHelp)),
                    .div(
                        .id("region-map"), .class("map"),
                        .attribute(named: "role", value: "img"),
                        .attribute(named: "aria-label", value: strings.regionMapTitle),
                        .data(named: "boundaries", value: "/api/v1/regions/boundaries"),
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
                        .thead(.tr(.th(.text(strings.code)), .th(.text(strings.name)), .th(.text(strings.province)))),
                        .tbody(
                            .forEach(regions) { region in
                                .tr(
                                    .if(region.code == user.regionCode, .class("own-region")),
                                    .td(.text(region.code)), .td(.text(region.name)), .td(.text(region.province)))
                            })
                    )
                )
            ))
    }
}
