import Foundation
import KnooppuntCore
import Plot
import Vapor

/// How `BestuurPage` is drawn: its HTML, from the model's data.
extension BestuurPage {
    var language: KnooppuntCore.Language { strings.language }
    static let path = SiteURL.bestuur.path

    static func navLabel(_ language: KnooppuntCore.Language) -> String { LocalizedLabel(nl: "Bestuur", en: "Bestuur (authority)").text(language) }

    func render() -> String {
        let title = say(nl: "Bestuurlijk overzicht", en: "Overview for the bestuur")
        let layout = Layout(title: title, strings: strings, csrfToken: csrfToken, user: user, path: Self.path)
        return layout.render(
            .group(
                .h1(.text(title)),
                .if(!overview.offices.isEmpty,
                    .p(.class("help bestuur-offices"), .text(say(nl: "U bent", en: "You are") + " " + overview.offices.map { say($0) }.joined(separator: ", ") + "."))),
                .unwrap(overview.explanation) { .p(.class("empty bestuur-explanation"), .text(say($0))) },
                .if(overview.explanation == nil, .group(toDecide(), underAuthority(), aanwijzingen(), mandates()))
            ))
    }

    // MARK: Te beslissen
    private func toDecide() -> Node<HTML.BodyContext> {
        let forms = ProposalDecisionForms(language: strings.language, csrfToken: csrfToken, returnTo: Self.path)
        return .section(
            .class("card bestuur-to-decide" + (overview.toDecide.isEmpty ? "" : " urgent")), .id("te-beslissen"),
            .attribute(named: "aria-labelledby", value: "to-decide-title"),
            .h2(.id("to-decide-title"), .text(say(nl: "Te beslissen", en: "To decide") + " (\(overview.toDecide.count))")),
            overview.toDecide.isEmpty
                ? .p(.class("muted"), .text(say(nl: "Er ligt niets ter beslissing bij u.", en: "Nothing waits for your decision.")))
                : .ul(.class("proposal-list"), .forEach(overview.toDecide) { pending in
                    .li(
                        .class("proposal proposal-open"), .id("proposal-\(pending.proposal.id)"),
                        .p(.strong(.text(say(pending.proposal.proposes))), .text(" — "),
                           .a(.href(SiteURL.incident(.value(pending.proposal.incident)).url(anchor: "proposals")), .text(pending.incidentTitle))),
                        .p(.text(pending.proposal.reason)),
                        .p(.class("muted"), .text(
                            say(nl: "Voorgesteld door", en: "Proposed by") + " \(pending.proposal.proposedBy), " + DisplayFormat.minute(pending.proposal.proposedAt))),
                        forms.render(pending.proposal))
                }))
    }

    // MARK: Onder uw gezag
    private func underAuthority() -> Node<HTML.BodyContext> {
        .section(
            .class("card bestuur-under-authority"), .id("onder-uw-gezag"), .attribute(named: "aria-labelledby", value: "under-title"),
            .h2(.id("under-title"), .text(say(nl: "Onder uw gezag", en: "Under your authority") + " (\(overview.underAuthority.count))")),
            overview.underAuthority.isEmpty
                ? .p(.class("muted"), .text(say(nl: "Geen open incidenten onder uw gezag.", en: "No open incidents under your authority.")))
                : .ul(.class("bestuur-incidents"), .forEach(overview.underAuthority) { item in
                    .li(
                        .class("bestuur-incident"), .data(named: "incident", value: item.incident.uuidString),
                        .p(.a(.href(SiteURL.incident(.value(item.incident)).path), .strong(.text(item.title))),
                           .text(" "), .span(.class("badge grip"), .text(say(item.scale))),
                           .if(item.exercise, .span(.class("badge"), .text(say(nl: "Oefening", en: "Exercise"))))),
                        .p(.class("who-decides"), .text(say(nl: "Wie beslist", en: "Who decides") + ": " + say(item.whoDecides)
                            + " · " + say(nl: "u als", en: "you as") + " " + say(item.asHolder))),
                        .unwrap(item.review) { review in
                            review.overdue
                                ? .p(.class("warning review-overdue"), .text(
                                    say(nl: "Herbeoordeling van opschaling en gezag te laat: was uiterlijk", en: "Review of scale and authority overdue: was due")
                                        + " " + DisplayFormat.minute(review.dueAt)))
                                : .p(.class("muted"), .text(say(nl: "Volgende herbeoordeling", en: "Next review") + ": " + DisplayFormat.minute(review.dueAt)))
                        },
                        .if(item.decisionsOutsideAuthority > 0, .p(.class("warning outside-authority"), .text(
                            say(nl: "Besluiten buiten gezag genomen", en: "Decisions taken outside authority") + ": \(item.decisionsOutsideAuthority)"))),
                        .p(.class("links"),
                           .a(.href(SiteURL.incident(.value(item.incident)).path), .text(say(nl: "Naar het incident", en: "Open the incident"))),
                           .unwrap(item.report) { .group(.text(" · "), .a(.href($0), .text(say(nl: "Verslag aan de raden (art. 40)", en: "Report to the councils (art. 40)")))) }))
                }))
    }

    // MARK: Aanwijzingen
    private func aanwijzingen() -> Node<HTML.BodyContext> {
        guard !overview.aanwijzingen.isEmpty else { return .empty }
        let card = AanwijzingCard(strings: strings, csrfToken: csrfToken, returnTo: Self.path, now: now)
        return .section(
            .class("bestuur-aanwijzingen"), .id("aanwijzingen"),
            .h2(.text(say(nl: "Aanwijzingen in werking", en: "Aanwijzingen in force") + " (\(overview.aanwijzingen.count))")),
            .forEach(overview.aanwijzingen) { card.render($0) })
    }

    // MARK: Mandaten
    private func mandates() -> Node<HTML.BodyContext> {
        guard !overview.mandatesGranted.isEmpty || !overview.mandatesHeld.isEmpty else { return .empty }
        func matters(_ mandate: MandateView) -> String {
            mandate.matters.map { $0.label.text(strings.language) }.joined(separator: ", ")
                + " · " + (mandate.validUntil.map { say(nl: "tot", en: "until") + " " + DisplayFormat.minute($0) } ?? say(nl: "tot intrekking", en: "until withdrawn"))
        }
        return .section(
            .class("card bestuur-mandates"), .id("mandaten"), .attribute(named: "aria-labelledby", value: "mandates-title"),
            .h2(.id("mandates-title"), .text(say(nl: "Mandaten", en: "Mandates"))),
            .if(!overview.mandatesHeld.isEmpty, .group(
                .h3(.text(say(nl: "U handelt in mandaat van", en: "You act under mandate of"))),
                .ul(.forEach(overview.mandatesHeld) { mandate in
                    .li(.strong(.text(say(mandate.officeName))), .text(": " + matters(mandate)))
                }))),
            .if(!overview.mandatesGranted.isEmpty, .group(
                .h3(.text(say(nl: "Door u verleend", en: "Granted by you"))),
                .ul(.forEach(overview.mandatesGranted) { mandate in
                    .li(.strong(.text(mandate.mandataryName)), .text(" " + say(nl: "voor", en: "for") + " " + say(mandate.officeName) + ": " + matters(mandate)))
                }))))
    }
}
