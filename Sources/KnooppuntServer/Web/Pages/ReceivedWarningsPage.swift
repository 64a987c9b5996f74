import Foundation
import KnooppuntCore
import Plot

/// Warnings taken in from other systems (CAP): risk information for everyone who may read them,
/// with their signature check and the incidents they became entries of.
struct ReceivedWarningsPage {
    let strings: UIStrings
    let csrfToken: String
    let user: CurrentUser
    let warnings: [WarningDTO]
    let references: [UUID: String]
    let advisories: [AdvisoriesController.AdvisoryDTO]
    /// Aanwijzingen of the minister this region received: counted here, read and acknowledged on /aanwijzingen.
    var aanwijzingen: [AanwijzingView] = []

    private var nl: Bool { strings.language == .nl }
    private func t(_ dutch: String, _ english: String) -> String { nl ? dutch : english }

    static func navLabel(_ language: KnooppuntCore.Language) -> String { language == .nl ? "Waarschuwingen" : "Warnings" }

    func render() -> String {
        let layout = Layout(title: t("Ontvangen waarschuwingen", "Warnings received"), strings: strings, csrfToken: csrfToken,
                            user: user, path: "/warnings")
        return layout.render(
            .group(
                .h1(.text(t("Ontvangen waarschuwingen (CAP)", "Warnings received (CAP)"))),
                .p(.class("help"), .text(t(
                    "Waarschuwingen uit andere systemen, ingenomen via de API of de opdrachtregel. Een waarschuwing over het gebied van een open incident staat ook als melding bij dat incident. Gepubliceerde publieke waarschuwingen staan in de feed /cap/feed.xml.",
                    "Warnings from other systems, taken in through the API or the command line. A warning over an open incident's area is also an entry of that incident. Published public warnings are on the feed /cap/feed.xml."))),
                aanwijzingenSection(),
                .if(!advisories.isEmpty, .section(
                    .class("card"), .id("advisories"),
                    .h2(.text(t("Van het landelijk knooppunt", "From the national node"))),
                    .ul(.forEach(advisories) { advisory in
                        .li(
                            .class(advisory.acknowledgedAt == nil ? "alert open" : "alert"),
                            .strong(.text(advisory.title)), .text(" · \(advisory.from) · \(DisplayFormat.time(advisory.createdAt))"),
                            .p(.text(advisory.text)),
                            advisory.acknowledgedAt == nil
                                ? .form(.class("inline"), .method(.post), .action("/advisories/\(advisory.id)/acknowledge"),
                                        .input(.type(.hidden), .name(CSRFMiddleware.fieldName), .value(csrfToken)),
                                        .button(.type(.submit), .class("acknowledge-advisory"), .text(t("Bevestigen", "Acknowledge"))))
                                : .p(.class("muted"), .text(t("Bevestigd door ", "Acknowledged by ") + (advisory.acknowledgedBy ?? ""))))
                    }))),
                warnings.isEmpty
                    ? .p(.class("empty"), .text(t("Nog geen waarschuwingen ontvangen.", "No warnings received yet.")))
                    : .tableScroll(t("Ontvangen waarschuwingen", "Warnings received"), .table(
                        .id("warnings-table"),
                        .thead(.tr(.th(.text(t("Kop", "Headline"))), .th(.text(t("Afzender", "Sender"))), .th(.text(t("Verzonden", "Sent"))),
                                   .th(.text(t("Handtekening", "Signature"))), .th(.text(t("Incidenten", "Incidents"))), .th())),
                        .tbody(.forEach(warnings) { warning in
                            .tr(
                                .td(.text(warning.headline)),
                                .td(.text(warning.sender)),
                                .td(.text(warning.sent)),
                                .td(.attribute(named: "title", value: DisplayFormat.attribute(warning.signatureDetail)), .text(signature(warning.signature))),
                                .td(.forEach(warning.incidentIDs) { id in
                                    .a(.href("/incidents/\(id)"), .text((references[id] ?? id.uuidString) + " "))
                                }),
                                .td(.a(.href("/api/v1/cap/alerts/\(warning.id)/original"), .text("CAP")), .text(" · "),
                                    .a(.href("/api/v1/cap/alerts/\(warning.id)"), .text("JSON"))))
                        })))
            ))
    }

    /// How many aanwijzingen are in force and wait for the voorzitter, with the way to them.
    private func aanwijzingenSection() -> Node<HTML.BodyContext> {
        guard !aanwijzingen.isEmpty else { return .empty }
        let inForce = aanwijzingen.filter { $0.inForce && $0.withdrawnAt == nil }.count
        let waiting = aanwijzingen.filter { $0.acknowledgedAt == nil && $0.withdrawnAt == nil }.count
        let summary = t("In werking", "In force") + ": \(inForce) · " + t("ontvangst nog niet bevestigd", "receipt not yet acknowledged") + ": \(waiting)"
        return .section(
            .class("card aanwijzing"), .id("received-aanwijzingen"),
            .h2(.text(t("Aanwijzingen van de minister van JenV", "Aanwijzingen of the minister of JenV"))),
            .p(.text(summary)),
            .a(.href("/aanwijzingen"), .text(t("Naar de aanwijzingen", "To the aanwijzingen"))))
    }

    private func signature(_ state: String) -> String {
        switch state {
        case "verified": t("geverifieerd", "verified")
        case "unverifiable": t("niet te controleren", "not checkable")
        default: t("niet ondertekend", "unsigned")
        }
    }
}
