import Foundation
import KnooppuntCore
import KnooppuntInterop
import Plot

/// How `AssistancePage` is drawn: its HTML, from the model's data.
extension AssistancePage {
    var language: KnooppuntCore.Language { strings.language }

    private var text: CapacityText { CapacityText(language: strings.language, types: Dictionary(uniqueKeysWithValues: types.map { ($0.code, $0) })) }

    private var isRequester: Bool { CapacityPolicy.decide(user.subject, .actAsRequester(request.requester)).allowed }

    private var isBroker: Bool { CapacityPolicy.decide(user.subject, .broker).allowed }

    private func step(_ step: AssistanceStep) -> String { SiteURL.assistanceRequest(.value(request.id), .step(step)).path }

    func render() -> String {
        var layout = Layout(title: request.number, strings: strings, csrfToken: csrfToken, user: user, path: SiteURL.capacity().path)
        layout.scripts = [SiteURL.asset(.value("live.js")).path, SiteURL.asset(.value("live-section.js")).path]
        let open = !request.status.isFinal
        return layout.render(
            .group(
                .p(.a(.href(SiteURL.capacity().path), .text(say(nl: "← Capaciteit en bijstand", en: "← Capacity and assistance")))),
                .div(
                    .id("request-live"), .data(named: "live-stream", value: SiteURL.api(.capacityStream).path),
                    .h1(.text("\(request.number) · \(request.quantity) × \(text.type(request.type))")),
                    .p(.span(.id("request-status"), .class("badge status-\(request.status.rawValue)"), .text(text.status(request.status))),
                       .text(" " + say(nl: "\(request.committedQuantity) van \(request.quantity) toegezegd", en: "\(request.committedQuantity) of \(request.quantity) committed"))),
                    .dl(
                        .class("facts"),
                        .dt(.text(say(nl: "Aanvrager", en: "Requester"))), .dd(.text(request.requester + (request.externalRequester.map { " (\($0))" } ?? ""))),
                        .if(!request.typeNote.isEmpty, .group(.dt(.text(say(nl: "Toelichting type", en: "Type detail"))), .dd(.text(request.typeNote)))),
                        .dt(.text(say(nl: "Waar", en: "Where"))), .dd(.text(request.locationText)),
                        .dt(.text(say(nl: "Vanaf", en: "From"))), .dd(.text(DisplayFormat.time(request.from))),
                        .unwrap(request.until) { .group(.dt(.text(say(nl: "Tot", en: "Until"))), .dd(.text(DisplayFormat.time($0)))) },
                        .dt(.text(say(nl: "Waarom", en: "Why"))), .dd(.text(request.reason))),
                    .if(open && isRequester && request.status == .draft, submitSection()),
                    offersSection(open),
                    commitmentsSection(open),
                    .if(open && isRequester, .div(
                        .class("request-actions"),
                        .if(request.status == .released,
                            text.button(step(.close), say(nl: "Afsluiten", en: "Close"), csrf: csrfToken, id: "close-request")),
                        text.button(step(.withdraw), say(nl: "Intrekken", en: "Withdraw"), csrf: csrfToken, id: "withdraw-request", danger: true))),
                    .section(
                        .class("card"),
                        .h2(.text(say(nl: "Verloop", en: "History"))),
                        .ol(.id("request-history"), .forEach(history) { item in
                            .li(.text("\(DisplayFormat.time(item.0)) · \(item.1) · \(item.2)"))
                        }))),
                .if(open && isBroker, .form(
                    .id("decline-form"), .class("stacked"), .method(.post), .action(step(.decline)), text.hidden(csrfToken),
                    .label(.for("decline-reason"), .text(say(nl: "Afwijzen namens het bevoegd gezag: reden", en: "Decline on behalf of the competent authority: reason"))),
                    .input(.id("decline-reason"), .name("reason"), .type(.text), .required(true)),
                    .button(.type(.submit), .class("danger"), .text(say(nl: "Afwijzen", en: "Decline"))))),
                .if(open && !ownLines.isEmpty && !isRequester, offerForm()),
                .p(.class("help"), .text("EDXL-RM: "), .a(.href(SiteURL.api(.assistanceMessage(request.id)).path), .text("RequestResource")))
            ))
    }

    /// A draft is a proposal until the competent authority (or its mandatary) submits it.
    private func submitSection() -> Node<HTML.BodyContext> {
        switch submission {
        case .decide(let holder, _)?:
            let label = holder.label.text(strings.language)
            return .div(
                .p(.class("help"), .text(say(nl: "U dient deze aanvraag in als \(label).", en: "You submit this request as \(label)."))),
                text.button(step(.submit), say(nl: "Indienen", en: "Submit"), csrf: csrfToken, id: "submit-request"))
        case .propose(let reason)?, .refuse(let reason)?:
            return .p(.id("awaiting-authority"), .class("notice"),
                      .strong(.text(say(nl: "Voorstel — wacht op het bevoegd gezag. ", en: "Proposal — awaiting the competent authority. "))),
                      .text(reason.text(strings.language)))
        case nil:
            return .empty
        }
    }

    private func offersSection(_ open: Bool) -> Node<HTML.BodyContext> {
        .section(
            .class("card"),
            .h2(.text(say(nl: "Aanbiedingen", en: "Offers"))),
            request.offers.isEmpty ? .p(.class("empty"), .text(say(nl: "Nog geen aanbiedingen.", en: "No offers yet.")))
                : .ul(.id("offers"), .forEach(request.offers) { offer in
                    .li(
                        .data(named: "offer", value: offer.id.uuidString),
                        .strong(.text("\(offer.quantity) · \(offer.holder)")),
                        .text((offer.label.map { " · \($0)" } ?? "") + (offer.note.isEmpty ? "" : " · \(offer.note)") + " "),
                        .span(.class("badge offer-\(offer.status.rawValue)"), .text(offer.status.label.text(strings.language))),
                        .if(open && isRequester && offer.status == .open, .group(
                            text.button(SiteURL.assistanceRequest(.value(request.id), .offer(.value(offer.id), .accept)).path, say(nl: "Accepteren", en: "Accept"), csrf: csrfToken, id: "accept-\(offer.id)"),
                            text.button(SiteURL.assistanceRequest(.value(request.id), .offer(.value(offer.id), .decline)).path, say(nl: "Afwijzen", en: "Decline"), csrf: csrfToken))),
                        .if(open && offer.status == .proposed && CapacityPolicy.decide(user.subject, .actAsHolder(offer.holder)).allowed,
                            text.button(SiteURL.assistanceRequest(.value(request.id), .offer(.value(offer.id), .confirm)).path, say(nl: "Voorstel bevestigen", en: "Confirm proposal"), csrf: csrfToken, id: "confirm-\(offer.id)")),
                        .if(open && (offer.status == .open || offer.status == .proposed) && CapacityPolicy.decide(user.subject, .actAsHolder(offer.holder)).allowed,
                            text.button(SiteURL.assistanceRequest(.value(request.id), .offer(.value(offer.id), .withdraw)).path, say(nl: "Aanbod intrekken", en: "Withdraw offer"), csrf: csrfToken)))
                }))
    }

    private func commitmentsSection(_ open: Bool) -> Node<HTML.BodyContext> {
        .section(
            .class("card"),
            .h2(.text(say(nl: "Toezeggingen", en: "Commitments"))),
            request.commitments.isEmpty ? .p(.class("empty"), .text(say(nl: "Nog niets toegezegd.", en: "Nothing committed yet.")))
                : .ul(.id("commitments"), .forEach(request.commitments) { commitment in
                    .li(
                        .data(named: "commitment", value: commitment.id.uuidString),
                        .strong(.text("\(commitment.quantity) · \(commitment.holder) ")),
                        .span(.class("badge commitment-\(commitment.status.rawValue)"), .text(commitment.status.label.text(strings.language))),
                        .text(" · " + say(nl: "toegezegd ", en: "committed ") + DisplayFormat.time(commitment.committedAt) + " "),
                        .if(open && commitment.status == .committed
                                && (isRequester || CapacityPolicy.decide(user.subject, .actAsHolder(commitment.holder)).allowed),
                            text.button(SiteURL.assistanceRequest(.value(request.id), .commitment(.value(commitment.id), .deploy)).path, say(nl: "Ingezet", en: "Deployed"), csrf: csrfToken)),
                        .if(open && isRequester && commitment.status != .released,
                            text.button(SiteURL.assistanceRequest(.value(request.id), .commitment(.value(commitment.id), .release)).path, say(nl: "Vrijgeven", en: "Release"), csrf: csrfToken,
                                        id: "release-\(commitment.id)")),
                        .a(.href(SiteURL.api(.commitmentMessage(request: request.id, commitment: commitment.id)).path), .text(" CommitResource")))
                }))
    }

    private func offerForm() -> Node<HTML.BodyContext> {
        .section(
            .class("card"),
            .h2(.text(say(nl: "Aanbieden", en: "Offer"))),
            .form(
                .id("offer-form"), .class("stacked"), .method(.post), .action(SiteURL.assistanceRequest(.value(request.id), .offers).path), text.hidden(csrfToken),
                .label(.for("offer-line"), .text(say(nl: "Uit", en: "From"))),
                .select(.id("offer-line"), .attribute(named: "name", value: "capacityItem"), .forEach(ownLines) { line in
                    .choice(line.id.uuidString, "\(line.label) — \(line.offerable) " + say(nl: "beschikbaar om aan te bieden", en: "available to offer"))
                }),
                text.number("offer-quantity", "quantity", say(nl: "Aantal", en: "Quantity"), value: min(ownLines.first?.offerable ?? 1, request.quantity), min: 1),
                .label(.for("offer-note"), .text(say(nl: "Toelichting (optioneel)", en: "Note (optional)"))),
                .input(.id("offer-note"), .name("note"), .type(.text)),
                .button(.type(.submit), .id("offer-submit"), .text(say(nl: "Aanbieden", en: "Offer")))))
    }
}
