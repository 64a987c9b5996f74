import Foundation
import KnooppuntCore
import Plot

/// How `FallbackIncidentPage` is drawn: its HTML, from the model's data.
extension FallbackIncidentPage {
    func render() -> String {
        let text = strings.fallback
        let language = strings.language
        let picture = detail.picture
        let incident = picture.incident
        let age = NationalText(language: language)
        let layout = Layout(
            title: "\(incident.reference) \(incident.title)", strings: strings, csrfToken: csrfToken, user: user, path: SiteURL.fallback.path,
            scripts: [SiteURL.asset(.value("fallback.js")).path])
        return layout.render(
            .div(
                .class("fallback"),
                .p(.class("no-print"), .a(.href(SiteURL.fallback.path), .text(text.back))),
                fallbackBanner(text),
                .h1(.id("fallback-title"), .text("\(incident.reference) · \(incident.title)")),
                .p(.id("fallback-age"), .class("fallback-age"), .text(
                    "\(text.lastUpdatedAt) \(DisplayFormat.time(detail.pictureAt)) (\(age.age(detail.ageSeconds))) · "
                        + "\(text.received) \(DisplayFormat.time(detail.receivedAt)) · \(detail.sourceNode)")),
                printButton(text),
                .section(
                    .id("fallback-status"), .class("card"),
                    .h2(.text(text.status)),
                    .p(
                        .span(.class("badge grip-\(incident.grip.rawValue)"), .text(incident.grip.scaleLabel.text(language))),
                        .span(.class("badge"), .text(incident.phase.label.text(language))),
                        .span(.class("badge"), .text(incident.status.label.text(language))),
                        .span(.class("badge"), .text(incident.category.label.text(language)))),
                    .unwrap(incident.gripReason) { .p(.text($0)) },
                    .dl(
                        .class("identity"),
                        .dt(.text(text.started)), .dd(.text(DisplayFormat.time(incident.startedAt))),
                        .dt(.text(text.leadRegion)), .dd(.text(incident.leadRegion.rawValue)),
                        .dt(.text(text.region)), .dd(.text(incident.involvedRegions.map(\.rawValue).joined(separator: ", "))))),
                .section(.id("fallback-entries"), .class("card"), .h2(.text(text.entries)), entries(picture.entries)),
                .section(
                    .id("fallback-decisions"), .class("card"),
                    .h2(.text(text.decisions)),
                    picture.decisions.isEmpty ? .p(.class("empty"), .text(text.noDecisions))
                        : .ul(.forEach(picture.decisions) { decision in
                            .li(
                                .p(.text(decision.text)),
                                .p(.class("muted"), .text(
                                    "\(decision.team.label.text(language)) · \(decision.decidedBy) · \(DisplayFormat.time(decision.decidedAt))")))
                        })),
                .section(
                    .id("fallback-actions"), .class("card"),
                    .h2(.text(text.openActions)),
                    picture.openActions.isEmpty ? .p(.class("empty"), .text(text.noActions))
                        : .ul(.forEach(picture.openActions) { action in
                            .li(
                                .p(.text(action.text)),
                                .p(.class("muted"), .text(
                                    "\(action.owner) · \(action.status.label.text(language))"
                                        + (action.deadline.map { " · \(text.deadline) \(DisplayFormat.time($0))" } ?? ""))))
                        })),
                .section(
                    .id("fallback-sitrap"), .class("card"),
                    .h2(.text(text.latestSitRap)),
                    .unwrap(picture.sitrap, { sitrap in
                        .group(
                            .h3(.text("SitRap \(sitrap.number) · \(sitrap.title)")),
                            .p(.class("muted"), .text("\(text.issuedAt) \(DisplayFormat.time(sitrap.issuedAt)) · \(sitrap.issuedBy)")),
                            .p(.text(sitrap.summary)))
                    }, else: .p(.class("empty"), .text(text.noSitRap))))))
    }

    /// The entries grouped per theme, the disciplines first, then the partners' themes.
    private func entries(_ entries: [WireEntry]) -> Node<HTML.BodyContext> {
        let text = strings.fallback
        let language = strings.language
        guard !entries.isEmpty else { return .p(.class("empty"), .text(text.noEntries)) }
        var themes = Theme.disciplines.filter { theme in entries.contains { $0.theme == theme } }
        for entry in entries where !themes.contains(entry.theme) { themes.append(entry.theme) }
        return .forEach(themes) { theme in
            .div(
                .class("fallback-theme"),
                .h3(.text(DisplayFormat.themeLabel(theme, language))),
                .ul(.class("entries"), .forEach(entries.filter { $0.theme == theme }) { entry in
                    .li(
                        .class("entry verification-\(entry.verification.rawValue)"),
                        .data(named: "entry", value: entry.id.uuidString.lowercased()),
                        .p(.class("entry-text"), .text(entry.text)),
                        .p(.class("entry-meta"), .text(
                            "\(entry.verification.label.text(language)) · \(text.source): \(entry.source) · "
                                + "\(text.observed) \(DisplayFormat.time(entry.observedAt))"
                                + (entry.awaitingAdmission ? " · \(text.awaitingAdmission)" : ""))))
                }))
        }
    }
}
