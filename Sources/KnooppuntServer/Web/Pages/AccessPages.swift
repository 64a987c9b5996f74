import Foundation
import KnooppuntCore
import Plot

/// A standby partner's monitoring list: incidents in its regions with title, category, area and GRIP
/// only; the picture opens once the region's IM admits the partner.
struct MonitoringPage {
    let strings: UIStrings
    let csrfToken: String
    let user: CurrentUser
    let items: [MonitoringItem]
    let alerts: [PartnerAlertDTO]
    /// Set when the user has no monitoring list: the policy's reason.
    let denial: String?
    let journalPosition: Int64

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

/// Accountability afterwards: the access report as a page (administrators, chairs, the national node).
struct AccessReportPage {
    let strings: UIStrings
    let csrfToken: String
    let user: CurrentUser
    let since: String
    let lines: [AccessReport.Line]

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

/// How far an alert got, in words.
enum AlertStatusText {
    /// `person` turns a username into the name a reader sees.
    static func text(_ alert: PartnerAlertDTO, _ strings: UIStrings, person: (String) -> String = { $0 }) -> String {
        if let at = alert.acknowledgedAt {
            return "\(strings.acknowledgedBy) \(alert.acknowledgedBy.map(person) ?? "") · \(DisplayFormat.time(at))"
        }
        if let to = alert.escalatedTo { return "\(strings.escalatedTo) \(to)" }
        return "\(strings.escalatesAt) \(DisplayFormat.time(alert.escalatesAt))"
    }
}

/// An administrator issues an ad-hoc partner a temporary account bound to one incident.
struct TemporaryAccountPage {
    let strings: UIStrings
    let csrfToken: String
    let user: CurrentUser
    /// After issuing: the account, with its password shown once.
    let issued: IssuedTemporaryAccount?

    func render() -> String {
        let layout = Layout(
            title: strings.temporaryAccounts, strings: strings, csrfToken: csrfToken, user: user, path: SiteURL.temporaryAccounts.path)
        return layout.render(
            .group(
                .h1(.text(strings.temporaryAccounts)),
                .p(.class("help"), .text(strings.temporaryAccountsIntro)),
                .unwrap(issued) { account in
                    .div(
                        .class("card issued"), .id("issued-account"), .attribute(named: "role", value: "status"),
                        .p(.text("\(account.username) · \(account.organisation) · \(strings.untilLabel) \(DisplayFormat.time(account.validUntil))")),
                        .p(.text(strings.accountIssued + " "), .code(.id("issued-password"), .text(account.password))))
                },
                .form(
                    .id("temporary-account-form"), .class("stacked card"), .method(.post), .action(SiteURL.temporaryAccounts.path),
                    .input(.type(.hidden), .name(CSRFMiddleware.fieldName), .value(csrfToken)),
                    field("ta-incident", "incident", strings.incidentReference, required: true),
                    field("ta-organisation", "organisation", strings.organisationCode, required: true),
                    field("ta-organisation-name", "organisationName", strings.organisationNameIfNew, required: false),
                    field("ta-username", "username", strings.username, required: true),
                    field("ta-display-name", "displayName", strings.displayName, required: true),
                    field("ta-purpose", "purpose", strings.purpose, required: true),
                    .label(.for("ta-hours"), .text(strings.duration)),
                    .select(.id("ta-hours"), .attribute(named: "name", value: "hours"), .forEach([8, 24, 72, 168, 720]) {
                        .choice("\($0)", "\($0) \(strings.hoursUnit)", selected: $0 == 24)
                    }),
                    .button(.type(.submit), .id("ta-submit"), .text(strings.issueAccount)))
            ))
    }

    private func field(_ id: String, _ name: String, _ label: String, required: Bool) -> Node<HTML.FormContext> {
        .group(
            .label(.for(id), .text(label)),
            .input(.type(.text), .id(id), .name(name), .required(required)))
    }
}
