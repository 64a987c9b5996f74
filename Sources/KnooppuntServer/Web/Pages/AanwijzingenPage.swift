import Foundation
import KnooppuntCore
import Plot

/// One aanwijzing as the register, the received list and the incident page show it: what it directs and
/// whether it is in force first, then to whom, about what, until when; the grounds and consultation
/// folded below; then acknowledgement (regional) or delivery per region (national).
struct AanwijzingCard {
    let strings: UIStrings
    let csrfToken: String
    /// Where to return after acknowledging.
    let returnTo: String
    let now: Date

    private var nl: Bool { strings.language == .nl }
    private func t(_ dutch: String, _ english: String) -> String { nl ? dutch : english }
    private func text(_ label: AuthorityView.LabelText) -> String { nl ? label.nl : label.en }

    func render(_ aanwijzing: AanwijzingView) -> Node<HTML.BodyContext> {
        let ended = aanwijzing.withdrawnAt != nil || !aanwijzing.inForce
        return .article(
            .class("card aanwijzing" + (ended ? " ended" : "")), .id("aanwijzing-\(aanwijzing.id)"),
            .h3(.text(t("Aanwijzing van de minister van JenV", "Aanwijzing of the minister of JenV"))),
            .p(
                .span(.class("badge aanwijzing-state"), .text(state(aanwijzing))),
                .span(.class("badge"), .attribute(named: "title", value: text(aanwijzing.kindLabel)), .text(
                    aanwijzing.kind == .warm ? t("Warme fase", "Warm phase") : t("Koude fase: taakverwaarlozing", "Cold phase: neglect of duties")))),
            .p(.class("aanwijzing-direction"), .text(aanwijzing.direction)),
            .dl(
                .class("facts"),
                .dt(.text(t("Aan", "To"))), .dd(.text(addressed(aanwijzing))),
                .if(!aanwijzing.matters.isEmpty, .group(
                    .dt(.text(t("Over", "About"))),
                    .dd(.text(aanwijzing.matters.map { $0.label.text(strings.language) }.joined(separator: ", "))))),
                .if(!aanwijzing.incidents.isEmpty, .group(
                    .dt(.text(t("Incident", "Incident"))),
                    .dd(.forEach(aanwijzing.incidents) { incident in
                        incident.here
                            ? .a(.href("/incidents/\(incident.incident)"), .text("\(incident.reference) · \(incident.title) "))
                            : .span(.text("\(incident.reference) · \(incident.title) "))
                    }))),
                .dt(.text(t("Geldig", "Valid"))), .dd(.text(validity(aanwijzing))),
                .dt(.text(t("Gegeven door", "Given by"))), .dd(.text("\(aanwijzing.givenBy), \(DisplayFormat.time(aanwijzing.givenAt))")),
                .unwrap(aanwijzing.withdrawnAt) { at in
                    .group(
                        .dt(.text(t("Ingetrokken", "Withdrawn"))),
                        .dd(.text("\(aanwijzing.withdrawnBy ?? ""), \(DisplayFormat.time(at))"
                            + (aanwijzing.withdrawalReason.map { ": \($0)" } ?? ""))))
                }),
            grounds(aanwijzing),
            .unwrap(aanwijzing.deliveries) { deliveries($0) },
            acknowledgement(aanwijzing),
            .if(aanwijzing.mayWithdraw, withdrawForm(aanwijzing)))
    }

    private func state(_ aanwijzing: AanwijzingView) -> String {
        if aanwijzing.withdrawnAt != nil { return t("Ingetrokken", "Withdrawn") }
        if aanwijzing.inForce { return t("In werking", "In force") }
        return aanwijzing.validFrom > now ? t("Nog niet in werking", "Not yet in force") : t("Verlopen", "Lapsed")
    }

    /// "de voorzitter van Kennemerland" (warm) or "het bestuur van Kennemerland" (koud).
    private func addressed(_ aanwijzing: AanwijzingView) -> String {
        let whom = aanwijzing.kind == .koud ? t("het bestuur van", "the board of") : t("de voorzitter van", "the chair of")
        return aanwijzing.addresseeNames.map { "\(whom) \($0)" }.joined(separator: ", ")
    }

    private func validity(_ aanwijzing: AanwijzingView) -> String {
        t("vanaf", "from") + " \(DisplayFormat.time(aanwijzing.validFrom)) "
            + (aanwijzing.validUntil.map { t("tot", "until") + " \(DisplayFormat.time($0))" } ?? t("tot intrekking", "until withdrawn"))
    }

    /// Why, on what basis, and who was consulted (or why not): folded, so the direction comes first on a phone.
    private func grounds(_ aanwijzing: AanwijzingView) -> Node<HTML.BodyContext> {
        .details(
            .class("aanwijzing-grounds"),
            .summary(.text(t("Toelichting, grondslag en overleg", "Reasons, legal basis and consultation"))),
            .dl(
                .class("facts"),
                .dt(.text(t("Waarom nodig en proportioneel", "Why necessary and proportionate"))), .dd(.text(aanwijzing.justification)),
                .dt(.text(t("Grondslag", "Legal basis"))), .dd(.text(aanwijzing.legalBasis)),
                .if(!aanwijzing.consultation.isEmpty, .group(
                    .dt(.text(t("Overleg", "Consultation"))),
                    .dd(.ul(.forEach(aanwijzing.consultation) { record in
                        .li(.text("\(text(record.partyName)), \(DisplayFormat.time(record.at)): \(record.outcome)"))
                    })))),
                .unwrap(aanwijzing.urgency) { reason in
                    .group(.dt(.text(t("Zonder (volledig) overleg wegens spoed", "Without (full) consultation for urgency"))), .dd(.text(reason)))
                }))
    }

    private func deliveries(_ deliveries: [AanwijzingView.Delivery]) -> Node<HTML.BodyContext> {
        .group(
            .h4(.text(t("Ontvangst per regio", "Receipt per region"))),
            .ul(.class("aanwijzing-deliveries"), .forEach(deliveries) { delivery in
            .li(
                .data(named: "region", value: delivery.region.rawValue),
                .strong(.text("\(delivery.regionName): ")),
                .text(delivery.acknowledgedAt.map { t("bevestigd door", "acknowledged by") + " \(delivery.acknowledgedBy ?? ""), \(DisplayFormat.time($0))" }
                    ?? (delivery.delivered ? t("afgeleverd, nog niet bevestigd", "delivered, not yet acknowledged")
                        : t("nog niet afgeleverd", "not yet delivered"))))
            }))
    }

    private func acknowledgement(_ aanwijzing: AanwijzingView) -> Node<HTML.BodyContext> {
        if let at = aanwijzing.acknowledgedAt {
            return .p(.class("aanwijzing-acknowledged"), .text(
                t("Ontvangst bevestigd door", "Receipt acknowledged by") + " \(aanwijzing.acknowledgedBy ?? ""), \(DisplayFormat.time(at))"))
        }
        guard aanwijzing.mayAcknowledge else {
            return aanwijzing.deliveries == nil && aanwijzing.withdrawnAt == nil
                ? .p(.class("muted"), .text(t("De voorzitter heeft de ontvangst nog niet bevestigd.", "The chair has not acknowledged receipt yet.")))
                : .empty
        }
        return .form(
            .class("inline"), .method(.post), .action("/aanwijzingen/\(aanwijzing.id)/acknowledge"),
            .input(.type(.hidden), .name(CSRFMiddleware.fieldName), .value(csrfToken)),
            .input(.type(.hidden), .name("next"), .value(returnTo)),
            .button(.type(.submit), .class("primary acknowledge-aanwijzing"), .text(t("Ontvangst bevestigen", "Acknowledge receipt"))))
    }

    private func withdrawForm(_ aanwijzing: AanwijzingView) -> Node<HTML.BodyContext> {
        .details(
            .summary(.text(t("Intrekken", "Withdraw"))),
            .form(
                .class("stacked"), .method(.post), .action("/aanwijzingen/\(aanwijzing.id)/withdraw"),
                .input(.type(.hidden), .name(CSRFMiddleware.fieldName), .value(csrfToken)),
                .label(.for("withdraw-reason-\(aanwijzing.id)"), .text(t("Reden (niet verplicht)", "Reason (optional)"))),
                .input(.type(.text), .id("withdraw-reason-\(aanwijzing.id)"), .name("reason"), .attribute(named: "maxlength", value: "2000")),
                .button(.type(.submit), .class("secondary withdraw-aanwijzing"), .text(t("Aanwijzing intrekken", "Withdraw aanwijzing")))))
    }
}

/// `/aanwijzingen`: on the national node the register for the minister and the staff, with delivery
/// and acknowledgement per region; on a regional node the aanwijzingen it received, to acknowledge.
struct AanwijzingenPage {
    let strings: UIStrings
    let csrfToken: String
    let user: CurrentUser
    let national: Bool
    let aanwijzingen: [AanwijzingView]
    let now: Date

    private func t(_ dutch: String, _ english: String) -> String { strings.language == .nl ? dutch : english }

    func render() -> String {
        let title = national ? t("Register van aanwijzingen", "Register of aanwijzingen") : t("Aanwijzingen van de minister", "Aanwijzingen of the minister")
        let layout = Layout(title: title, strings: strings, csrfToken: csrfToken, user: user, path: "/aanwijzingen")
        let open = aanwijzingen.filter { $0.withdrawnAt == nil && $0.inForce }
        let card = AanwijzingCard(strings: strings, csrfToken: csrfToken, returnTo: "/aanwijzingen", now: now)
        return layout.render(
            .group(
                .h1(.text(title)),
                .p(.class("help"), .text(national
                    ? t("Aanwijzingen van de minister van Justitie en Veiligheid aan de voorzitters van veiligheidsregio's (warme fase) of het bestuur van een regio (koude fase), met per regio of ze is afgeleverd en bevestigd. Alleen de minister geeft en trekt in.",
                        "Aanwijzingen of the minister of Justice and Security to the chairs of safety regions (warm phase) or a region's board (cold phase), with per region whether it was delivered and acknowledged. Only the minister gives and withdraws them.")
                    : t("Aanwijzingen van de minister van Justitie en Veiligheid aan deze regio. De voorzitter bevestigt de ontvangst; de bevestiging gaat terug naar het landelijk knooppunt.",
                        "Aanwijzingen of the minister of Justice and Security to this region. The chair acknowledges receipt; the acknowledgement goes back to the national node."))),
                .p(.id("aanwijzingen-count"), .attribute(named: "role", value: "status"),
                   .text(t("In werking", "In force") + ": \(open.count) · " + t("totaal", "total") + ": \(aanwijzingen.count)")),
                aanwijzingen.isEmpty
                    ? .p(.class("empty"), .text(t("Nog geen aanwijzingen.", "No aanwijzingen yet.")))
                    : .div(.id("aanwijzingen"), .forEach(aanwijzingen) { card.render($0) })
            ))
    }
}
