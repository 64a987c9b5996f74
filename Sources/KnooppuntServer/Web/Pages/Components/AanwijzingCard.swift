import Foundation
import KnooppuntCore
import Plot

/// One aanwijzing as the register, the received list and the incident page show it: what it directs and
/// whether it is in force first, then to whom, about what, until when; the grounds and consultation
/// folded below; then acknowledgement (regional) or delivery per region (national).
struct AanwijzingCard: Bilingual {
    let strings: UIStrings
    let csrfToken: String
    /// Where to return after acknowledging.
    let returnTo: String
    let now: Date
    var language: KnooppuntCore.Language { strings.language }

    func render(_ aanwijzing: AanwijzingView) -> Node<HTML.BodyContext> {
        let ended = aanwijzing.withdrawnAt != nil || !aanwijzing.inForce
        return .article(
            .class("card aanwijzing" + (ended ? " ended" : "")), .id("aanwijzing-\(aanwijzing.id)"),
            .h3(.text(say(nl: "Aanwijzing van de minister van JenV", en: "Aanwijzing of the minister of JenV"))),
            .p(
                .span(.class("badge aanwijzing-state"), .text(state(aanwijzing))),
                .span(.class("badge"), .attribute(named: "title", value: say(aanwijzing.kindLabel)), .text(
                    aanwijzing.kind == .warm ? say(nl: "Warme fase", en: "Warm phase") : say(nl: "Koude fase: taakverwaarlozing", en: "Cold phase: neglect of duties")))),
            .p(.class("aanwijzing-direction"), .text(aanwijzing.direction)),
            .dl(
                .class("facts"),
                .dt(.text(say(nl: "Aan", en: "To"))), .dd(.text(addressed(aanwijzing))),
                .if(!aanwijzing.matters.isEmpty, .group(
                    .dt(.text(say(nl: "Over", en: "About"))),
                    .dd(.text(aanwijzing.matters.map { $0.label.text(strings.language) }.joined(separator: ", "))))),
                .if(!aanwijzing.incidents.isEmpty, .group(
                    .dt(.text(say(nl: "Incident", en: "Incident"))),
                    .dd(.forEach(aanwijzing.incidents) { incident in
                        incident.here
                            ? .a(.href(SiteURL.incident(.value(incident.incident)).path), .text("\(incident.reference) · \(incident.title) "))
                            : .span(.text("\(incident.reference) · \(incident.title) "))
                    }))),
                .dt(.text(say(nl: "Geldig", en: "Valid"))), .dd(.text(validity(aanwijzing))),
                .dt(.text(say(nl: "Gegeven door", en: "Given by"))), .dd(.text("\(aanwijzing.givenBy), \(DisplayFormat.time(aanwijzing.givenAt))")),
                .unwrap(aanwijzing.withdrawnAt) { at in
                    .group(
                        .dt(.text(say(nl: "Ingetrokken", en: "Withdrawn"))),
                        .dd(.text("\(aanwijzing.withdrawnBy ?? ""), \(DisplayFormat.time(at))"
                            + (aanwijzing.withdrawalReason.map { ": \($0)" } ?? ""))))
                }),
            grounds(aanwijzing),
            .unwrap(aanwijzing.deliveries) { deliveries($0) },
            acknowledgement(aanwijzing),
            .if(aanwijzing.mayWithdraw, withdrawForm(aanwijzing)))
    }

    private func state(_ aanwijzing: AanwijzingView) -> String {
        if aanwijzing.withdrawnAt != nil { return say(nl: "Ingetrokken", en: "Withdrawn") }
        if aanwijzing.inForce { return say(nl: "In werking", en: "In force") }
        return aanwijzing.validFrom > now ? say(nl: "Nog niet in werking", en: "Not yet in force") : say(nl: "Verlopen", en: "Lapsed")
    }

    /// "de voorzitter van Kennemerland" (warm) or "het bestuur van Kennemerland" (koud).
    private func addressed(_ aanwijzing: AanwijzingView) -> String {
        let whom = aanwijzing.kind == .koud ? say(nl: "het bestuur van", en: "the board of") : say(nl: "de voorzitter van", en: "the chair of")
        return aanwijzing.addresseeNames.map { "\(whom) \($0)" }.joined(separator: ", ")
    }

    private func validity(_ aanwijzing: AanwijzingView) -> String {
        say(nl: "vanaf", en: "from") + " \(DisplayFormat.time(aanwijzing.validFrom)) "
            + (aanwijzing.validUntil.map { say(nl: "tot", en: "until") + " \(DisplayFormat.time($0))" } ?? say(nl: "tot intrekking", en: "until withdrawn"))
    }

    /// Why, on what basis, and who was consulted (or why not): folded, so the direction comes first on a phone.
    private func grounds(_ aanwijzing: AanwijzingView) -> Node<HTML.BodyContext> {
        .details(
            .class("aanwijzing-grounds"),
            .summary(.text(say(nl: "Toelichting, grondslag en overleg", en: "Reasons, legal basis and consultation"))),
            .dl(
                .class("facts"),
                .dt(.text(say(nl: "Waarom nodig en proportioneel", en: "Why necessary and proportionate"))), .dd(.text(aanwijzing.justification)),
                .dt(.text(say(nl: "Grondslag", en: "Legal basis"))), .dd(.text(aanwijzing.legalBasis)),
                .if(!aanwijzing.consultation.isEmpty, .group(
                    .dt(.text(say(nl: "Overleg", en: "Consultation"))),
                    .dd(.ul(.forEach(aanwijzing.consultation) { record in
                        .li(.text("\(say(record.partyName)), \(DisplayFormat.time(record.at)): \(record.outcome)"))
                    })))),
                .unwrap(aanwijzing.urgency) { reason in
                    .group(.dt(.text(say(nl: "Zonder (volledig) overleg wegens spoed", en: "Without (full) consultation for urgency"))), .dd(.text(reason)))
                }))
    }

    private func deliveries(_ deliveries: [AanwijzingView.Delivery]) -> Node<HTML.BodyContext> {
        .group(
            .h4(.text(say(nl: "Ontvangst per regio", en: "Receipt per region"))),
            .ul(.class("aanwijzing-deliveries"), .forEach(deliveries) { delivery in
            .li(
                .data(named: "region", value: delivery.region.rawValue),
                .strong(.text("\(delivery.regionName): ")),
                .text(delivery.acknowledgedAt.map { say(nl: "bevestigd door", en: "acknowledged by") + " \(delivery.acknowledgedBy ?? ""), \(DisplayFormat.time($0))" }
                    ?? (delivery.delivered ? say(nl: "afgeleverd, nog niet bevestigd", en: "delivered, not yet acknowledged")
                        : say(nl: "nog niet afgeleverd", en: "not yet delivered"))))
            }))
    }

    private func acknowledgement(_ aanwijzing: AanwijzingView) -> Node<HTML.BodyContext> {
        if let at = aanwijzing.acknowledgedAt {
            return .p(.class("aanwijzing-acknowledged"), .text(
                say(nl: "Ontvangst bevestigd door", en: "Receipt acknowledged by") + " \(aanwijzing.acknowledgedBy ?? ""), \(DisplayFormat.time(at))"))
        }
        guard aanwijzing.mayAcknowledge else {
            return aanwijzing.deliveries == nil && aanwijzing.withdrawnAt == nil
                ? .p(.class("muted"), .text(say(nl: "De voorzitter heeft de ontvangst nog niet bevestigd.", en: "The chair has not acknowledged receipt yet.")))
                : .empty
        }
        return .form(
            .class("inline"), .method(.post), .action(SiteURL.aanwijzing(.value(aanwijzing.id), .acknowledge).path),
            .input(.type(.hidden), .name(CSRFMiddleware.fieldName), .value(csrfToken)),
            .input(.type(.hidden), .name("next"), .value(returnTo)),
            .button(.type(.submit), .class("primary acknowledge-aanwijzing"), .text(say(nl: "Ontvangst bevestigen", en: "Acknowledge receipt"))))
    }

    private func withdrawForm(_ aanwijzing: AanwijzingView) -> Node<HTML.BodyContext> {
        .details(
            .summary(.text(say(nl: "Intrekken", en: "Withdraw"))),
            .form(
                .class("stacked"), .method(.post), .action(SiteURL.aanwijzing(.value(aanwijzing.id), .withdraw).path),
                .input(.type(.hidden), .name(CSRFMiddleware.fieldName), .value(csrfToken)),
                .label(.for("withdraw-reason-\(aanwijzing.id)"), .text(say(nl: "Reden (niet verplicht)", en: "Reason (optional)"))),
                .input(.type(.text), .id("withdraw-reason-\(aanwijzing.id)"), .name("reason"), .attribute(named: "maxlength", value: "2000")),
                .button(.type(.submit), .class("secondary withdraw-aanwijzing"), .text(say(nl: "Aanwijzing intrekken", en: "Withdraw aanwijzing")))))
    }
}
