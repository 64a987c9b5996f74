import Foundation
import KnooppuntCore
import Plot

/// How `IncidentListPage` is drawn: its HTML, from the model's data.
extension IncidentListPage {
    func render() -> String {
        let language = strings.language
        var layout = Layout(
            title: strings.incidents, strings: strings, csrfToken: csrfToken, user: user,
            path: SiteURL.incidents.path + (filters.exercise ? "?exercise=true" : ""))
        layout.scripts = [SiteURL.asset(.value("live.js")).path, SiteURL.asset(.value("incident-list.js")).path]
        return layout.render(
            .group(
                .h1(.text(filters.exercise ? strings.exercises : strings.incidents)),
                .nav(
                    .class("tabs"), .attribute(named: "aria-label", value: strings.incidents),
                    .a(
                        .href(SiteURL.incidents.path), .text(strings.realIncidents),
                        .attribute(named: "aria-current", value: filters.exercise ? "false" : "page")),
                    .a(
                        .href(SiteURL.incidents.url(query: ["exercise": "true"])), .text(strings.exercises),
                        .attribute(named: "aria-current", value: filters.exercise ? "page" : "false"))
                ),
                filterForm(language),
                .div(
                    .id("incident-rows"),
                    .data(
                        named: "stream",
                        value: SiteURL.api(.stream).url(pairs: [("lastEventId", "\(journalPosition)")] + (filters.exercise ? [("exercise", "true")] : []))),
                    rows.isEmpty
                        ? .p(.class("empty"), .text(strings.noIncidents))
                        // On a phone the table scrolls in its own box instead of widening the page.
                        : .tableScroll(language.say(nl: "Incidenten", en: "Incidents"), .table(
                            .id("incident-table"),
                            .thead(
                                .tr(
                                    .th("#"), .th(.text(strings.title)), .th(.text(strings.category)),
                                    .th(.text(strings.gripLabel)), .th(.text(strings.phaseLabel)),
                                    .th(.text(strings.statusLabel)), .th(.text(strings.regionsLabel)),
                                    .th(.text(strings.lastUpdate)))),
                            .tbody(.forEach(rows) { row in self.row(row, language) })))
                ),
                .if(mayCreate, createForm(language))
            ))
    }

    private func row(_ row: Row, _ language: KnooppuntCore.Language) -> Node<HTML.TableContext> {
        let incident = row.incident
        return .tr(
            .class("incident-row" + (row.stale ? " stale" : "")),
            .data(named: "incident", value: incident.id.uuidString),
            .td(.text(incident.reference)),
            .td(.a(.href(SiteURL.incident(.value(incident.id)).path), .text(incident.title))),
            .td(.text(incident.category.label.text(language))),
            .td(.span(.class("badge grip-\(incident.grip.rawValue)"), .text(incident.grip.scaleLabel.text(language)))),
            .td(.text(incident.phase.label.text(language))),
            .td(.text(incident.status.label.text(language))),
            .td(.text(incident.involvedRegions.map(\.rawValue).joined(separator: ", "))),
            .td(
                .text(DisplayFormat.time(incident.updatedAt)),
                .if(row.stale, .span(.class("badge stale-badge"), .text(" \(strings.stale)"))))
        )
    }

    private func filterForm(_ language: KnooppuntCore.Language) -> Node<HTML.BodyContext> {
        .form(
            .class("filters"), .method(.get), .action(SiteURL.incidents.path),
            .if(filters.exercise, .input(.type(.hidden), .name("exercise"), .value("true"))),
            select("region", strings.regionsLabel, RegionCode.all.map { ($0.rawValue, $0.rawValue) }, filters.region),
            select("grip", strings.gripLabel, GRIPLevel.allCases.map { ("\($0.rawValue)", $0.scaleLabel.text(language)) },
                filters.grip.map(String.init)),
            select("phase", strings.phaseLabel, IncidentPhase.allCases.map { ($0.rawValue, $0.label.text(language)) },
                filters.phase),
            select("status", strings.statusLabel, IncidentStatus.allCases.map { ($0.rawValue, $0.label.text(language)) },
                filters.status),
            .button(.type(.submit), .text(strings.filter))
        )
    }

    private func select(_ name: String, _ label: String, _ options: [(String, String)], _ selected: String?)

        -> Node<HTML.FormContext>

    {
        .filterSelect(name, label, options, selected: selected, any: strings.any)
    }

    private func createForm(_ language: KnooppuntCore.Language) -> Node<HTML.BodyContext> {
        .section(
            .class("card"), .attribute(named: "aria-labelledby", value: "new-incident-title"),
            .h2(.id("new-incident-title"), .text(strings.newIncident)),
            .form(
                .id("new-incident"), .class("stacked"), .method(.post), .action(SiteURL.incidents.path),
                .input(.type(.hidden), .name(CSRFMiddleware.fieldName), .value(csrfToken)),
                .label(.for("incident-title"), .text(strings.title)),
                .input(.type(.text), .id("incident-title"), .name("title"), .required(true),
                    .attribute(named: "minlength", value: "3"), .attribute(named: "maxlength", value: "200")),
                .label(.for("incident-category"), .text(strings.category)),
                .select(
                    .id("incident-category"), .attribute(named: "name", value: "category"),
                    .forEach(IncidentCategory.allCases) { .choice($0.rawValue, $0.label.text(language)) }),
                .label(.for("incident-grip"), .text(strings.gripLabel)),
                .select(
                    .id("incident-grip"), .attribute(named: "name", value: "grip"),
                    .forEach(GRIPLevel.allCases) { .choice("\($0.rawValue)", $0.scaleLabel.text(language)) }),
                .div(
                    .class("checkbox"),
                    .input(.type(.checkbox), .id("incident-exercise"), .name("exercise"), .value("true"),
                        .checked(filters.exercise)),
                    .label(.for("incident-exercise"), .text(strings.exerciseFlag))),
                .button(.type(.submit), .id("create-incident"), .text(strings.create))
            )
        )
    }
}
