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
                    : .div(.id("aanwijzingen"), .forEach(aanwijzingen) { card.render($0) }),
                .unwrap(give) { giveForm($0) }
            ))
    }

    /// The minister's form (decision 0020): warm — about open incidents, to their voorzitters, on named matters
    /// — or cold, to one region's bestuur; the consultation of the voorzitters and the CdK, or urgency.
    private func giveForm(_ choices: GiveChoices) -> Node<HTML.BodyContext> {
        .element(named: "details", nodes: [
            .class("action-toggle"), .id("give-aanwijzing"),
            .element(named: "summary", nodes: [.class("button-like"), .text(say(nl: "Aanwijzing geven", en: "Give an aanwijzing"))]),
            .form(
                .id("give-aanwijzing-form"), .class("stacked"), .method(.post), .action(SiteURL.aanwijzingen.path),
                .input(.type(.hidden), .name(CSRFMiddleware.fieldName), .value(csrfToken)),
                .label(.for("give-kind"), .text(say(nl: "Soort", en: "Kind"))),
                .select(
                    .id("give-kind"), .attribute(named: "name", value: "kind"),
                    .choice("warm", say(nl: "Warm: aan voorzitters, over een incident", en: "Warm: to chairs, about an incident")),
                    .choice("koud", say(nl: "Koud: aan het bestuur van een regio", en: "Cold: to a region's board"))),
                checkGroup("give-addressee", name: "addressees[]", legend: say(nl: "Aan (regio's)", en: "To (regions)"),
                           RegionCode.all.map { ($0.rawValue, $0.rawValue) }),
                .if(!choices.incidents.isEmpty, checkGroup(
                    "give-incident", name: "incidents[]", legend: say(nl: "Over (incidenten, warm)", en: "About (incidents, warm)"), choices.incidents)),
                checkGroup("give-matter", name: "matters[]", legend: say(nl: "Onderwerpen (warm)", en: "Matters (warm)"),
                           GovernanceMatter.allCases.map { ($0.rawValue, say($0.label)) }),
                textArea("give-direction", "direction", say(nl: "Aanwijzing", en: "Direction")),
                textArea("give-legal-basis", "legalBasis", say(nl: "Grondslag", en: "Legal basis")),
                textArea("give-justification", "justification", say(nl: "Motivering (sturing nodig en proportioneel)", en: "Justification (necessary and proportionate)")),
                .element(named: "fieldset", nodes: [
                    .element(named: "legend", text: say(nl: "Overleg en raadpleging (002:L258-271)", en: "Consultation (002:L258-271)")),
                    .forEach(0..<3) { row in
                        .div(
                            .class("consultation-row"),
                            .label(.for("give-consult-party-\(row)"), .text(say(nl: "Wie", en: "Who"))),
                            .select(
                                .id("give-consult-party-\(row)"), .attribute(named: "name", value: "consultParty[]"),
                                .choice("", "—"), .forEach(choices.consulted) { .choice($0.value, $0.label) }),
                            .label(.for("give-consult-at-\(row)"), .text(say(nl: "Wanneer", en: "When"))),
                            .input(.type(.datetimeLocal), .id("give-consult-at-\(row)"), .name("consultAt[]")),
                            .label(.for("give-consult-outcome-\(row)"), .text(say(nl: "Uitkomst", en: "Outcome"))),
                            .input(.type(.text), .id("give-consult-outcome-\(row)"), .name("consultOutcome[]"),
                                   .attribute(named: "maxlength", value: "1000")))
                    },
                ]),
                textArea("give-urgency", "urgency", say(nl: "Spoed (in plaats van overleg): waarom", en: "Urgency (instead of consultation): why"), required: false),
                .button(.type(.submit), .class("primary"), .id("give-submit"), .text(say(nl: "Aanwijzing geven", en: "Give the aanwijzing"))))
        ])
    }

    private func checkGroup(_ id: String, name: String, legend: String, _ options: [(String, String)]) -> Node<HTML.FormContext> {
        FormParts.checkGroup(id, name: name, legend: legend, options)
    }

    private func textArea(_ id: String, _ name: String, _ label: String, required: Bool = true) -> Node<HTML.FormContext> {
        .group(
            .label(.for(id), .text(label)),
            .textarea(.id(id), .name(name), .required(required), .attribute(named: "maxlength", value: "4000")))
    }
}
