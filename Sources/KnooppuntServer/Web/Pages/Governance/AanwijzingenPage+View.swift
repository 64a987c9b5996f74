import Foundation
import KnooppuntCore
import Plot

/// How `AanwijzingenPage` is drawn: its HTML, from the model's data.
extension AanwijzingenPage {
    var language: KnooppuntCore.Language { strings.language }

    func render() -> String {
        let title = national ? say(nl: "Register van aanwijzingen", en: "Register of aanwijzingen") : say(nl: "Aanwijzingen van de minister", en: "Aanwijzingen of the minister")
        let layout = Layout(title: title, strings: strings, csrfToken: csrfToken, user: user, path: SiteURL.aanwijzingen.path)
        let open = aanwijzingen.filter { $0.withdrawnAt == nil && $0.inForce }
        let card = AanwijzingCard(strings: strings, csrfToken: csrfToken, returnTo: SiteURL.aanwijzingen.path, now: now)
        return layout.render(
            .group(
                .h1(.text(title)),
                .p(.class("help"), .text(national
                    ? say(nl: "Aanwijzingen van de minister van Justitie en Veiligheid aan de voorzitters van veiligheidsregio's (warme fase) of het bestuur van een regio (koude fase), met per regio of ze is afgeleverd en bevestigd. Alleen de minister geeft en trekt in.", en: "Aanwijzingen of the minister of Justice and Security to the chairs of safety regions (warm phase) or a region's board (cold phase), with per region whether it was delivered and acknowledged. Only the minister gives and withdraws them.")
                    : say(nl: "Aanwijzingen van de minister van Justitie en Veiligheid aan deze regio. De voorzitter bevestigt de ontvangst; de bevestiging gaat terug naar het landelijk knooppunt.", en: "Aanwijzingen of the minister of Justice and Security to this region. The chair acknowledges receipt; the acknowledgement goes back to the national node."))),
                .p(.id("aanwijzingen-count"), .attribute(named: "role", value: "status"),
                   .text(say(nl: "In werking", en: "In force") + ": \(open.count) · " + say(nl: "totaal", en: "total") + ": \(aanwijzingen.count)")),
                aanwijzingen.isEmpty
                    ? .p(.class("empty"), .text(say(nl: "Nog geen aanwijzingen.", en: "No aanwijzingen yet.")))
                    : .div(.id("aanwijzingen"), .forEach(aanwijzingen) { card.render($0) })
            ))
    }
}
