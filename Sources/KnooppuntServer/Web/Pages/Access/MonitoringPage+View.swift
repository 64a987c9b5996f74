import Foundation
import KnooppuntCore
import Plot

/// How `MonitoringPage` is drawn: its HTML, from the model's data.
extension MonitoringPage {
    private var language: KnooppuntCore.Language { strings.language }

    func render() -> String {
        var layout = Layout(title: strings.monitoringList, strings: strings, csrfToken: csrfToken, user: user, path: SiteURL.monitoring.path)
        layout.scripts = [SiteURL.asset(.value("live.js")).path, SiteURL.asset(.value("incident-list.js")).path]
        return layout.render(
            .group(
                .h1(.text(strings.monitoringList)),
                .p(.class("help"), .text(strings.monitoringIntro)),
                .unwrap(denial) { .p(.class("empty"), .attribute(named: "role", value: "status"), .text($0)) },
                .div(
                    .id("incident-rows"),
                    .data(named: "stream", value: SiteURL.api(.monitoringStream).url(query: ["lastEventId": "\(journalPosition)"])),
                    alertSection(),
                    .if(denial == nil && items.isEmpty, .p(.class("empty"), .text(strings.noMonitoring))),
                    .if(!items.isEmpty,
                        .tableScroll(
                            strings.monitoringList,
                            .table(
                                .id("monitoring-table"),
                                .thead(.tr(
                                    .th(.text(strings.title)), .th(.text(strings.category)), .th(.text(strings.gripLabel)),
                                    .th(.text(strings.regionsLabel)), .th(.text(strings.linkStatus)), .th())),
                                .tbody(.forEach(items) { row($0) }))))
                )
            ))
    }

    private func alertSection() -> Node<HTML.BodyContext> {
        .section(
            .class("card"), .id("alerts"), .attribute(named: "aria-labelledby", value: "alerts-title"),
            .h2(.id("alerts-title"), .text(strings.alerts)),
            alerts.isEmpty
                ? .p(.class("muted"), .text(strings.noAlerts))
                : .ul(.class("alerts"), .forEach(alerts) { alert in
                    .li(
                        .class(alert.acknowledgedAt == nil ? "alert open" : "alert"), .data(named: "alert", value: alert.id.uuidString),
                        .strong(.text("\(alert.reference ?? "") · \(alert.title ?? "")")),
                        .unwrap(alert.grip) { .span(.class("badge grip-\($0.rawValue)"), .text(" " + $0.scaleLabel.text(language))) },
                        .p(.class("muted"), .text("\(DisplayFormat.time(alert.raisedAt)) · \(alert.reason)")),
                        .p(.text(AlertStatusText.text(alert, strings))),
                        .if(alert.acknowledgedAt == nil,
                            .form(
                                .class("inline js-refresh"), .method(.post), .action(SiteURL.alertAcknowledgement(.value(alert.id)).path),
                                .input(.type(.hidden), .name(CSRFMiddleware.fieldName), .value(csrfToken)),
                                .button(.type(.submit), .class("small"), .text(strings.acknowledge)))))
                }))
    }

    private func row(_ item: MonitoringItem) -> Node<HTML.TableContext> {
        let link: String
        switch item.link {
        case "active": link = PartnerStatus.active.label.text(language)
        case "monitoring": link = PartnerStatus.monitoring.label.text(language)
        default: link = strings.notLinked
        }
        return .tr(
            .data(named: "incident", value: item.id.uuidString),
            .td(.text("\(item.reference) · \(item.title)")),
            .td(.text(item.category.label.text(language))),
            .td(.span(.class("badge grip-\(item.grip.rawValue)"), .text(item.grip.scaleLabel.text(language)))),
            .td(.text(item.involvedRegions.map(\.rawValue).joined(separator: ", "))),
            .td(.text(link + (item.linkUntil.map { " · \(strings.untilLabel) \(DisplayFormat.time($0))" } ?? ""))),
            .td(.if(item.mayRead, .a(.class("open-picture"), .href(SiteURL.incident(.value(item.id)).path), .text(strings.openPicture))))
        )
    }
}
