import Foundation
import KnooppuntCore
import Plot

/// The national node's Landelijk Operationeel Beeld as far as it is built: the incidents the regional
/// nodes shared, by GRIP, with their source and age; and per region whether anything runs at GRIP 2 or
/// higher and when its node was last heard from.
struct NationalPicturePage {
    struct RegionRow {
        let code: String
        let name: String
        let incidents: Int
        let highestGRIP: GRIPLevel?
        let lastContact: Date?
    }

    let strings: UIStrings
    let csrfToken: String
    let user: CurrentUser
    let incidents: [NationalController.NationalIncidentDTO]
    let regions: [RegionRow]
    let now: Date
    let isNationalNode: Bool
    let advisories: [AdvisoriesController.AdvisoryDTO]

    private var nl: Bool { strings.language == .nl }
    private func t(_ dutch: String, _ english: String) -> String { nl ? dutch : english }

    private func age(_ seconds: Int) -> String {
        if seconds < 120 { return t("\(seconds) s geleden", "\(seconds) s ago") }
        if seconds < 7200 { return t("\(seconds / 60) min geleden", "\(seconds / 60) min ago") }
        return t("\(seconds / 3600) uur geleden", "\(seconds / 3600) h ago")
    }

    func render() -> String {
        let layout = Layout(title: t("Landelijk beeld", "National picture"), strings: strings, csrfToken: csrfToken, user: user, path: "/national")
        return layout.render(
            .group(
                .h1(.text(t("Landelijk operationeel beeld", "National operational picture"))),
                .p(.class("help"), .text(t(
                    "Incidenten zoals de regionale knooppunten ze delen: samenvattingen met hun bron en hun leeftijd. Details blijven bij de bron.",
                    "Incidents as the regional nodes share them: summaries with their source and age. Details stay at the source."))),
                .if(!isNationalNode, .p(.class("empty"), .id("not-national"), .attribute(named: "role", value: "status"), .text(t(
                    "Dit knooppunt is niet het landelijk knooppunt; start het met serve --role national om het landelijk beeld op te bouwen.",
                    "This node is not the national node; start it with serve --role national to build the national picture.")))),
                .section(
                    .class("card"),
                    .h2(.text(t("Incidenten", "Incidents"))),
                    incidents.isEmpty ? .p(.class("empty"), .text(t("Nog geen incidenten gedeeld.", "No incidents shared yet.")))
                        : .div(.class("table-scroll"), .table(
                            .id("national-incidents"),
                            .thead(.tr(.th(.text(t("Kenmerk", "Reference"))), .th(.text(t("Titel", "Title"))), .th(.text("GRIP")),
                                       .th(.text(t("Fase", "Phase"))), .th(.text(t("Regio's", "Regions"))),
                                       .th(.text(t("Bron", "Source"))), .th(.text(t("Bijgewerkt", "Updated"))))),
                            .tbody(.forEach(incidents) { row in
                                .tr(
                                    .data(named: "incident", value: row.summary.incident.uuidString),
                                    .td(.text(row.summary.reference)), .td(.text(row.summary.title)),
                                    .td(.span(.class("badge grip-\(row.summary.grip.rawValue)"), .text(row.summary.grip.label.text(strings.language)))),
                                    .td(.text(row.summary.phase.label.text(strings.language))),
                                    .td(.text(row.summary.involvedRegions.map(\.description).joined(separator: ", "))),
                                    .td(.text(row.sourceNode)), .td(.text(age(row.ageSeconds))))
                            })))),
                .if(isNationalNode, advisorySection()),
                .section(
                    .class("card"),
                    .h2(.text(t("Regio's", "Regions"))),
                    .div(.class("table-scroll"), .table(
                        .id("national-regions"),
                        .thead(.tr(.th(.text(t("Regio", "Region"))), .th(.text(t("Incidenten", "Incidents"))),
                                   .th(.text(t("Hoogste GRIP", "Highest GRIP"))), .th(.text(t("Laatste contact", "Last contact"))))),
                        .tbody(.forEach(regions) { region in
                            .tr(
                                .class((region.highestGRIP ?? .routine) >= .two ? "scaled" : ""),
                                .td(.text("\(region.code) \(region.name)")), .td(.text(String(region.incidents))),
                                .td(.text(region.highestGRIP.map { $0.label.text(strings.language) } ?? "—")),
                                .td(.text(region.lastContact.map { age(Int(now.timeIntervalSince($0))) } ?? t("nooit", "never"))))
                        }))))
            ))
    }

    private func kindLabel(_ kind: String) -> String {
        switch kind {
        case "risk": t("Risicobericht", "Risk message")
        case "handelingsperspectief": t("Handelingsperspectief", "Course of action")
        default: t("Advies", "Advisory")
        }
    }

    private func advisorySection() -> Node<HTML.BodyContext> {
        .section(
            .class("card"),
            .h2(.text(t("Adviezen aan de regio's", "Advisories to the regions"))),
            advisories.isEmpty ? .p(.class("empty"), .text(t("Nog niets verstuurd.", "Nothing sent yet.")))
                : .ul(.id("advisory-list"), .forEach(advisories) { advisory in
                    .li(
                        .strong(.text("\(kindLabel(advisory.kind)): \(advisory.title)")),
                        .text(" · \(DisplayFormat.time(advisory.createdAt)) · "),
                        .forEach(advisory.deliveries ?? []) { delivery in
                            .span(
                                .class(delivery.acknowledgedAt == nil ? "badge open" : "badge"),
                                .text(delivery.node.uppercased() + ": "
                                    + (delivery.acknowledgedAt.map { t("bevestigd ", "acknowledged ") + DisplayFormat.time($0) }
                                        ?? t("nog niet bevestigd", "not yet acknowledged")) + " "))
                        })
                }),
            .form(
                .id("advisory-form"), .class("stacked"), .method(.post), .action("/national/advisories"),
                .input(.type(.hidden), .name(CSRFMiddleware.fieldName), .value(csrfToken)),
                .label(.for("advisory-kind"), .text(t("Soort", "Kind"))),
                .select(.id("advisory-kind"), .attribute(named: "name", value: "kind"),
                        .forEach(Advisories.kinds) { .choice($0, kindLabel($0)) }),
                .label(.for("advisory-title"), .text(t("Titel", "Title"))),
                .input(.id("advisory-title"), .name("title"), .type(.text), .required(true)),
                .label(.for("advisory-text"), .text(t("Tekst", "Text"))),
                .textarea(.id("advisory-text"), .name("text"), .required(true), .attribute(named: "rows", value: "3")),
                .label(.for("advisory-regions"), .text(t("Regio's (bijv. VR13, VR12; leeg: alle regionale knooppunten)",
                                                         "Regions (e.g. VR13, VR12; empty: every regional node)"))),
                .input(.id("advisory-regions"), .name("regions"), .type(.text)),
                .button(.type(.submit), .id("advisory-send"), .text(t("Versturen", "Send")))))
    }
}
