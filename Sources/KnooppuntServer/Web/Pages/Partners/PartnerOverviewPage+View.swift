import Foundation
import KnooppuntCore
import Plot

/// How `PartnerOverviewPage` is drawn: its HTML, from the model's data.
extension PartnerOverviewPage {
    var language: KnooppuntCore.Language { strings.language }

    func render() -> String {
        let layout = Layout(title: strings.partnerOverview, strings: strings, csrfToken: csrfToken, user: user, path: SiteURL.partners.path)
        return layout.render(
            .group(
                .h1(.text(strings.partnerOverview)),
                .p(.class("help"), .text(strings.partnerOverviewIntro)),
                summary(),
                filterForm(),
                .p(.a(.id("overview-csv"), .href(SiteURL.api(.partnersOverview).url(query: ["format": "csv"]) + filters.query), .text(strings.downloadCSV))),
                rows.isEmpty
                    ? .p(.class("empty"), .text(strings.noPartners))
                    : .tableScroll(
                        strings.partners,
                        .table(
                        .id("partner-table"),
                        .thead(
                            .tr(
                                .th(.text(strings.partner)), .th(.text(strings.profile)),
                                .th(.text(say(nl: "Van kracht", en: "In effect"))), .th(.text(strings.coreTask)),
                                .th(.text(strings.regionsLabel)), .th(.text(strings.reach)), .th(.text(strings.adoptionRegion)),
                                .th(.text(strings.stage)), .th(.text(strings.test)), .th(.text(strings.preconditions)))),
                        .tbody(.forEach(rows) { row($0) })))
            ))
    }

    private func summary() -> Node<HTML.BodyContext> {
        .ul(
            .class("summary"), .id("profile-summary"),
            .forEach(CollaborationProfile.allCases) { profile in
                let count = Set(rows.filter { $0.profile == profile }.map(\.partner)).count
                return .li(.span(.class("badge profile-\(profile.rawValue)"), .text("\(profile.label.text(language)): \(count)")))
            })
    }

    private func row(_ row: PartnerOverviewRow) -> Node<HTML.TableContext> {
        let regions =
            row.regions.count == RegionCode.all.count
            ? strings.allRegions : row.regions.map(\.rawValue).joined(separator: ", ")
        let test: String =
            switch row.testOutcome {
            case nil where row.reach == .regionaal && row.stage == .inWerking:
                say(nl: "Ongetoetst (regionaal; toetsing vereist vanaf 2020, Tabel 2)", en: "Not tested (regional; toetsing required from 2020, Tabel 2)")
            case nil: strings.untested
            case .voorwaardelijk?:
                row.testOutcome!.label.text(language)
                    + (row.retestDate.map { " · \(strings.retest) \(DisplayFormat.date($0))" } ?? "")
            case let outcome?: outcome.label.text(language)
            }
        return .tr(
            .class("partner-row" + (row.inTalks ? " in-talks" : "") + (row.inEffect ? "" : " not-in-effect")),
            .data(named: "partner", value: row.partner),
            .td(.a(.href(SiteURL.partner(.value(row.partner)).path), .strong(.text(row.name))), .span(.class("muted"), .text(" \(row.partner)"))),
            .td(.span(.class("badge profile-\(row.profile.rawValue)"), .text(row.profile.label.text(language)))),
            .td(.class(row.inEffect ? "in-effect" : "not-in-effect"), .text(say(row.effect))),
            .td(.text(row.coreTask.shortLabel.text(language))),
            .td(.class("regions"), .text(regions)),
            .td(.text(row.reach.label.text(language))),
            .td(.text(row.adoptionRegion?.rawValue ?? "—")),
            .td(
                .text(row.stage.label.text(language) + (row.inTalks ? " (\(strings.inTalks))" : "")),
                .unwrap(row.evaluationDue) { due in
                    .span(.class("muted evaluation-due"), .text(" · " + say(nl: "evaluatie", en: "evaluation") + " " + DisplayFormat.date(due)))
                }),
            .td(
                .class("test-\(row.testOutcome?.rawValue ?? "untested")"), .text(test),
                .forEach(row.deadlines) { deadline in
                    .span(.class(deadline.flag.isOverdue ? "retest-flag overdue" : "retest-flag"), .text(" — " + say(deadline.label)))
                }),
            .td(.text("\(row.preconditionsMet) / \(row.preconditionsTotal)"))
        )
    }

    private func filterForm() -> Node<HTML.BodyContext> {
        .form(
            .class("filters"), .method(.get), .action(SiteURL.partners.path),
            .filterSelect(
                "region", strings.regionsLabel, RegionCode.all.map { ($0.rawValue, $0.rawValue) }, selected: filters.region,
                any: strings.any),
            .filterSelect(
                "profile", strings.profile, CollaborationProfile.allCases.map { ($0.rawValue, $0.label.text(language)) },
                selected: filters.profile, any: strings.any),
            .filterSelect(
                "coreTask", strings.coreTask, CoreTask.allCases.map { ($0.rawValue, $0.label.text(language)) },
                selected: filters.coreTask, any: strings.any),
            .filterSelect(
                "outcome", strings.test,
                TestOutcome.allCases.map { ($0.rawValue, $0.label.text(language)) } + [("untested", strings.untested)],
                selected: filters.outcome, any: strings.any),
            .button(.type(.submit), .id("filter-submit"), .text(strings.filter))
        )
    }
}

extension PartnerOverviewPage.Filters {
    var query: String {
        let pairs = [("region", region), ("profile", profile), ("coreTask", coreTask), ("outcome", outcome)]
            .compactMap { name, value in value.map { "\(name)=\($0)" } }
        return pairs.isEmpty ? "" : "&" + pairs.joined(separator: "&")
    }
}
