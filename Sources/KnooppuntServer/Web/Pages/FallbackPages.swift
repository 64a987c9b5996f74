import Foundation
import KnooppuntCore
import Plot

/// The banner every fallback page opens with: whose copy this is, its ceiling, and that reads are journaled.
private func fallbackBanner(_ strings: FallbackStrings) -> Node<HTML.BodyContext> {
    .div(
        .id("fallback-banner"), .class("fallback-banner"), .attribute(named: "role", value: "note"),
        .p(.strong(.text(strings.banner))),
        .p(.text(strings.ceilingNote + " " + strings.journaledNote)))
}

private func printButton(_ strings: FallbackStrings) -> Node<HTML.BodyContext> {
    .button(.type(.button), .id("fallback-print"), .class("no-print small"), .text(strings.print))
}

/// `/fallback` on the national node: the open incidents of the emergency account's region, with the age
/// of each copy.
struct FallbackListPage {
    let strings: UIStrings
    let csrfToken: String
    let user: CurrentUser
    let items: [FallbackController.ItemDTO]

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

/// `/fallback/{node}/{incident}`: one incident's copy — status first, then entries per theme, decisions,
/// open actions and the latest SitRap. Printable, and readable on a phone.
struct FallbackIncidentPage {
    let strings: UIStrings
    let csrfToken: String
    let user: CurrentUser
    let detail: FallbackController.DetailDTO

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
