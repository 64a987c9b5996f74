import Foundation
import KnooppuntCore
import KnooppuntInterop
import Plot

/// How `NationalIncidentPage` is drawn: its HTML, from the model's data.
extension NationalIncidentPage {
    var language: KnooppuntCore.Language { strings.language }

    private var text: NationalText { NationalText(language: strings.language) }

    func render() -> String {
        let summary = detail.summary
        let layout = Layout(title: "\(summary.reference) \(summary.title)", strings: strings, csrfToken: csrfToken, user: user, path: SiteURL.national().path)
        let language = strings.language
        return layout.render(
            .group(
                .p(.a(.href(SiteURL.national().path), .text(say(nl: "← Landelijk beeld", en: "← National picture")))),
                .h1(.text("\(summary.reference) · \(summary.title)")),
                .p(
                    .span(.class("badge grip-\(summary.grip.rawValue)"), .text(summary.grip.scaleLabel.text(language))), .text(" "),
                    .text("\(summary.phase.label.text(language)) · \(summary.category.label.text(language)) · "
                        + summary.involvedRegions.map(\.rawValue).joined(separator: ", "))),
                .p(.id("detail-source"), .class(detail.fromCache || detail.picture == nil ? "warning" : "help"),
                   .attribute(named: "role", value: "status"), .text(sourceLine())),
                .unwrap(detail.picture) { picture in
                    .section(
                        .class("card"), .id("source-picture"),
                        .h2(.text(say(nl: "Beeld bij de bron", en: "Picture at the source"))),
                        picture.entries.isEmpty ? .p(.class("empty"), .text(say(nl: "Geen berichten die u mag zien.", en: "No entries you may see.")))
                            : .tableScroll(say(nl: "Beeld bij de bron", en: "Picture at the source"), .table(
                                .id("detail-entries"),
                                .thead(.tr(.th(.text(say(nl: "Thema", en: "Theme"))), .th(.text(say(nl: "Bericht", en: "Entry"))),
                                           .th(.text(say(nl: "Status", en: "Status"))), .th(.text(say(nl: "Waargenomen", en: "Observed"))))),
                                .tbody(.forEach(picture.entries) { entry in
                                    .tr(.data(named: "entry", value: entry.id.uuidString),
                                        .td(.text(DisplayFormat.themeLabel(entry.theme, language))), .td(.text(entry.text)),
                                        .td(.text(entry.verification.label.text(language))), .td(.text(DisplayFormat.time(entry.observedAt))))
                                }))),
                        .h3(.text(say(nl: "Besluiten", en: "Decisions"))),
                        picture.decisions.filter { !$0.revoked }.isEmpty ? .p(.class("empty"), .text("—"))
                            : .ul(.id("detail-decisions"), .forEach(picture.decisions.filter { !$0.revoked }) { decision in
                                .li(.text("\(DisplayFormat.time(decision.decidedAt)) · \(decision.text) (\(decision.decidedBy))"))
                            }),
                        .h3(.text(say(nl: "Acties", en: "Actions"))),
                        picture.actions.isEmpty ? .p(.class("empty"), .text("—"))
                            : .ul(.id("detail-actions"), .forEach(picture.actions) { action in
                                .li(.text("\(action.text) · \(action.owner) · \(action.status.rawValue)"))
                            }))
                },
                .section(
                    .class("card"),
                    .h2(.text(say(nl: "Landelijk gedeelde berichten", en: "Entries shared nationally"))),
                    text.sharedEntries(detail.sharedEntries.map { (nil, $0) }, id: "shared-entries")),
                .section(
                    .class("card"),
                    .h2(.text("SitRaps")),
                    detail.sitraps.isEmpty ? .p(.class("empty"), .text(say(nl: "Nog geen SitRaps gedeeld.", en: "No SitRaps shared yet.")))
                        : .ul(.id("shared-sitraps"), .forEach(detail.sitraps) { sitrap in
                            .li(.a(.href(SiteURL.national(.sitrap(.value(sitrap.id))).path), .text("SitRap \(sitrap.number) · \(DisplayFormat.time(sitrap.issuedAt))")))
                        }))
            ))
    }

    private func sourceLine() -> String {
        let source = say(nl: "Bron: knooppunt \(detail.sourceNode)", en: "Source: node \(detail.sourceNode)")
        guard let age = detail.ageSeconds else {
            return source + " · " + say(nl: "geen details: ", en: "no details: ") + (detail.sourceProblem ?? "")
        }
        if detail.fromCache {
            return source + " · " + say(nl: "bewaarde details, opgehaald ", en: "cached details, fetched ") + text.age(age) + " · "
                + say(nl: "de bron is nu niet bereikbaar: ", en: "the source cannot be reached now: ") + (detail.sourceProblem ?? "")
        }
        return source + " · " + say(nl: "details zojuist bij de bron opgehaald, namens u", en: "details fetched from the source just now, on your behalf")
    }
}
