import Foundation
import KnooppuntCore
import Plot

/// How `ReceivedWarningsPage` is drawn: its HTML, from the model's data.
extension ReceivedWarningsPage {
    var language: KnooppuntCore.Language { strings.language }

    static func navLabel(_ language: KnooppuntCore.Language) -> String { language.say(nl: "Waarschuwingen", en: "Warnings") }

    func render() -> String {
        let layout = Layout(title: say(nl: "Ontvangen waarschuwingen", en: "Warnings received"), strings: strings, csrfToken: csrfToken,
                            user: user, path: SiteURL.warnings.path)
        return layout.render(
            .group(
                .h1(.text(say(nl: "Ontvangen waarschuwingen (CAP)", en: "Warnings received (CAP)"))),
                .p(.class("help"), .text(say(nl: "Waarschuwingen uit andere systemen, ingenomen via de API of de opdrachtregel. Een waarschuwing over het gebied van een open incident staat ook als melding bij dat incident. Gepubliceerde publieke waarschuwingen staan in de feed /cap/feed.xml.", en: "Warnings from other systems, taken in through the API or the command line. A warning over an open incident's area is also an entry of that incident. Published public warnings are on the feed /cap/feed.xml."))),
                aanwijzingenSection(),
                .if(!advisories.isEmpty, .section(
                    .class("card"), .id("advisories"),
                    .h2(.text(say(nl: "Van het landelijk knooppunt", en: "From the national node"))),
                    .ul(.forEach(advisories) { advisory in
                        .li(
                            .class(advisory.acknowledgedAt == nil ? "alert open" : "alert"),
                            .strong(.text(advisory.title)), .text(" · \(advisory.from) · \(DisplayFormat.time(advisory.createdAt))"),
                            .p(.text(advisory.text)),
                            .if(advisory.kind == "risk", .p(.a(.class("open-risk-picture"), .href(SiteURL.riskPictures().url(query: ["advies": advisory.id.uuidString])),
                                                               .text(say(nl: "Risicobeeld openen vanuit dit risicobericht", en: "Open a risk picture from this risk message"))))),
                            advisory.acknowledgedAt == nil
                                ? .form(.class("inline"), .method(.post), .action(SiteURL.advisoryAcknowledgement(.value(advisory.id)).path),
                                        .input(.type(.hidden), .name(CSRFMiddleware.fieldName), .value(csrfToken)),
                                        .button(.type(.submit), .class("acknowledge-advisory"), .text(say(nl: "Bevestigen", en: "Acknowledge"))))
                                : .p(.class("muted"), .text(say(nl: "Bevestigd door ", en: "Acknowledged by ") + (advisory.acknowledgedBy ?? ""))))
                    }))),
                warnings.isEmpty
                    ? .p(.class("empty"), .text(say(nl: "Nog geen waarschuwingen ontvangen.", en: "No warnings received yet.")))
                    : .tableScroll(say(nl: "Ontvangen waarschuwingen", en: "Warnings received"), .table(
                        .id("warnings-table"),
                        .thead(.tr(.th(.text(say(nl: "Kop", en: "Headline"))), .th(.text(say(nl: "Afzender", en: "Sender"))), .th(.text(say(nl: "Verzonden", en: "Sent"))),
                                   .th(.text(say(nl: "Handtekening", en: "Signature"))), .th(.text(say(nl: "Incidenten", en: "Incidents"))), .th())),
                        .tbody(.forEach(warnings) { warning in
                            .tr(
                                .td(.text(warning.headline)),
                                .td(.text(warning.sender)),
                                .td(.text(warning.sent)),
                                .td(.attribute(named: "title", value: DisplayFormat.attribute(warning.signatureDetail)), .text(signature(warning.signature))),
                                .td(.forEach(warning.incidentIDs) { id in
                                    .a(.href(SiteURL.incident(.value(id)).path), .text((references[id] ?? id.uuidString) + " "))
                                }),
                                .td(.a(.href(SiteURL.api(.capAlertOriginal(warning.id)).path), .text("CAP")), .text(" · "),
                                    .a(.href(SiteURL.api(.capAlert(warning.id)).path), .text("JSON"))))
                        })))
            ))
    }

    /// How many aanwijzingen are in force and wait for the voorzitter, with the way to them.
    private func aanwijzingenSection() -> Node<HTML.BodyContext> {
        guard !aanwijzingen.isEmpty else { return .empty }
        let inForce = aanwijzingen.filter { $0.inForce && $0.withdrawnAt == nil }.count
        let waiting = aanwijzingen.filter { $0.acknowledgedAt == nil && $0.withdrawnAt == nil }.count
        let summary = say(nl: "In werking", en: "In force") + ": \(inForce) · " + say(nl: "ontvangst nog niet bevestigd", en: "receipt not yet acknowledged") + ": \(waiting)"
        return .section(
            .class("card aanwijzing"), .id("received-aanwijzingen"),
            .h2(.text(say(nl: "Aanwijzingen van de minister van JenV", en: "Aanwijzingen of the minister of JenV"))),
            .p(.text(summary)),
            .a(.href(SiteURL.aanwijzingen.path), .text(say(nl: "Naar de aanwijzingen", en: "To the aanwijzingen"))))
    }

    private func signature(_ state: String) -> String {
        switch state {
        case "verified": say(nl: "geverifieerd", en: "verified")
        case "unverifiable": say(nl: "niet te controleren", en: "not checkable")
        default: say(nl: "niet ondertekend", en: "unsigned")
        }
    }
}
