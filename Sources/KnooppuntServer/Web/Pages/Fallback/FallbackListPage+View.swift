import Foundation
import KnooppuntCore
import Plot

/// How `FallbackListPage` is drawn: its HTML, from the model's data.
extension FallbackListPage {
    func render() -> String {
        let text = strings.fallback
        let language = strings.language
        let age = NationalText(language: language)
        let region = user.regionCode ?? user.organisationCode
        let layout = Layout(
            title: "\(text.title) \(region)", strings: strings, csrfToken: csrfToken, user: user, path: SiteURL.fallback.path,
            scripts: [SiteURL.asset(.value("fallback.js")).path])
        return layout.render(
            .div(
                .class("fallback"),
                fallbackBanner(text),
                .h1(.text("\(text.title) · \(user.organisationName)")),
                .dl(
                    .class("identity"),
                    .dt(.text(text.region)), .dd(.id("organisation-name"), .text("\(user.organisationName) (\(user.organisationCode))")),
                    .dt(.text(text.account)), .dd(.text("\(user.displayName) (\(user.username))"))),
                printButton(text),
                items.isEmpty ? .p(.id("fallback-none"), .class("empty"), .text(text.none))
                    : .ul(.id("fallback-incidents"), .class("fallback-list"), .forEach(items) { item in
                        .li(
                            .class("card"), .data(named: "incident", value: item.incident.uuidString.lowercased()),
                            .h2(.a(.href(DisplayFormat.attribute(SiteURL.fallbackIncident(node: .value(item.sourceNode), incident: .value(item.incident.uuidString.lowercased())).path)),
                                   .text("\(item.reference) · \(item.title)"))),
                            .p(
                                .span(.class("badge grip-\(item.grip.rawValue)"), .text(item.grip.scaleLabel.text(language))),
                                .span(.class("badge"), .text(item.phase.label.text(language))),
                                .unwrap(item.sitrapNumber) { .span(.class("badge"), .text("SitRap \($0)")) }),
                            .p(.class("fallback-age"), .text(
                                "\(text.lastUpdatedAt) \(DisplayFormat.time(item.pictureAt)) (\(age.age(item.ageSeconds)))")))
                    })))
    }
}
