import Foundation
import KnooppuntCore
import Plot

/// How `AccessReportPage` is drawn: its HTML, from the model's data.
extension AccessReportPage {
    func render() -> String {
        let layout = Layout(title: strings.accessReport, strings: strings, csrfToken: csrfToken, user: user, path: SiteURL.accessReport.path)
        return layout.render(
            .group(
                .h1(.text(strings.accessReport)),
                .p(.class("help"), .text(strings.accessReportIntro)),
                .form(
                    .class("filters"), .method(.get), .action(SiteURL.accessReport.path),
                    .label(.for("report-since"), .text(strings.sinceLabel)),
                    .input(.type(.date), .id("report-since"), .name("since"), .value(DisplayFormat.attribute(since))),
                    .button(.type(.submit), .text(strings.show))),
                .p(.a(.id("report-csv"), .href(DisplayFormat.attribute(SiteURL.api(.accessReport).url(query: ["format": "csv", "since": since]))), .text(strings.downloadCSV))),
                lines.isEmpty
                    ? .p(.class("empty"), .text("—"))
                    : .tableScroll(
                        strings.accessReport,
                        .table(
                            .id("access-report"),
                            .thead(.tr(
                                .th(.text(strings.lastUpdate)), .th(.text(strings.kind)), .th(.text(strings.actor)),
                                .th(.text(strings.organisationLabel)), .th(.text(strings.untilLabel)), .th(.text(strings.purpose)),
                                .th(.text(strings.incidents)))),
                            .tbody(.forEach(lines.reversed()) { line in
                                .tr(
                                    .class("report-\(line.kind.replacingOccurrences(of: ".", with: "-"))"),
                                    .td(.text(RFC3339.parse(line.at).map(DisplayFormat.time) ?? line.at)),
                                    .td(.text(line.kind)),
                                    .td(.text("\(line.actor) (\(line.actorOrganisation))")),
                                    .td(.text(line.organisation)),
                                    .td(.text(line.validUntil.map(DisplayFormat.time) ?? "")),
                                    .td(.text(line.purpose ?? "")),
                                    .td(.unwrap(line.incident) { .a(.href(SiteURL.incident(.value($0)).path), .text(String($0.uuidString.prefix(8)))) }))
                            })))
            ))
    }
}
