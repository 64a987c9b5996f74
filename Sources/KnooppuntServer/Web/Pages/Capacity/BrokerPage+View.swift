import Foundation
import KnooppuntCore
import KnooppuntInterop
import Plot

/// How `BrokerPage` is drawn: its HTML, from the model's data.
extension BrokerPage {
    var language: KnooppuntCore.Language { strings.language }

    private var text: CapacityText { CapacityText(language: strings.language, types: Dictionary(uniqueKeysWithValues: types.map { ($0.code, $0) })) }

    func render() -> String {
        var layout = Layout(title: say(nl: "Makelaar capaciteit", en: "Capacity broker"), strings: strings, csrfToken: csrfToken, user: user, path: SiteURL.capacity().path)
        layout.scripts = [SiteURL.asset(.value("live.js")).path, SiteURL.asset(.value("live-section.js")).path]
        return layout.render(
            .group(
                .p(.a(.href(SiteURL.capacity().path), .text(say(nl: "← Capaciteit en bijstand", en: "← Capacity and assistance")))),
                .h1(.text(say(nl: "Makelaar capaciteit (LOCC)", en: "Capacity broker (LOCC)"))),
                .p(.class("help"), .text(say(nl: "Per open aanvraag: wat nog nodig is en welke capaciteit van anderen het snelst ter plaatse kan zijn (gereedheid plus reistijd), binnen wat zij kunnen missen. Een voorstel gaat eerst naar de houder ter bevestiging.", en: "For each open request: what is still needed and whose capacity could be there soonest (readiness plus travel), within what they can spare. A proposal goes to the holder to confirm first."))),
                .div(
                    .id("broker-live"), .data(named: "live-stream", value: SiteURL.api(.capacityStream).path),
                    broker.matches.isEmpty ? .p(.class("empty"), .text(remote.isEmpty ? say(nl: "Geen open aanvragen.", en: "No open requests.")
                        : say(nl: "Geen open aanvragen op dit knooppunt.", en: "No open requests on this node.")))
                        : .div(.id("matches"), .forEach(broker.matches) { match in
                            .section(
                                .class("card"), .data(named: "request", value: match.request.id.uuidString),
                                .h2(.a(.href(SiteURL.assistanceRequest(.value(match.request.id)).path),
                                       .text("\(match.request.number) · \(match.request.quantity) × \(text.type(match.request.type)) · \(match.request.requester)"))),
                                .p(.text(say(nl: "Nog nodig: \(match.needed)", en: "Still needed: \(match.needed)") + " · " + match.request.locationText)),
                                match.proposals.isEmpty ? .p(.class("empty"), .text(say(nl: "Geen capaciteit van anderen beschikbaar.", en: "No capacity of others available.")))
                                    : .ul(.forEach(match.proposals) { proposal in
                                        .li(
                                            .text("\(proposal.quantity) × \(proposal.holder) · \(proposal.label) · "
                                                + say(nl: "gereed in \(proposal.readinessMinutes) min", en: "ready in \(proposal.readinessMinutes) min")
                                                + (proposal.distanceKm.map { " · \($0) km" } ?? "")
                                                + (proposal.etaMinutes.map { say(nl: " · ter plaatse in ± \($0) min", en: " · on scene in about \($0) min") } ?? "") + " "),
                                            text.button(SiteURL.assistanceRequest(.value(match.request.id), .proposals).path, say(nl: "Voorstellen", en: "Propose"), csrf: csrfToken,
                                                        fields: [("capacityItem", proposal.capacityItem.uuidString), ("quantity", String(proposal.quantity))]))
                                    }))
                        }),
                    .if(!remote.isEmpty, .section(
                        .id("remote-requests"), .class("card"),
                        .h2(.text(say(nl: "Open aanvragen van andere knooppunten", en: "Open requests of other nodes"))),
                        .p(.class("help"), .text(say(nl: "Deze aanvragen worden afgehandeld op het knooppunt van de aanvrager; hier ziet u wat nog nodig is.", en: "These requests are handled on the requester's node; here you see what is still needed."))),
                        .ul(.forEach(remote) { item in
                            .li(.data(named: "request", value: item.request.id.uuidString),
                                .text("\(item.request.number) · \(item.request.quantity) × \(text.type(item.request.type)) · \(item.request.requester) · "
                                    + say(nl: "toegezegd: ", en: "committed: ") + String(item.request.committedQuantity) + " · "
                                    + say(nl: "bij knooppunt ", en: "at node ") + item.node))
                        }))),
                    .section(
                        .class("card"),
                        .h2(.text(say(nl: "Toewijzingsbesluiten", en: "Allocation decisions"))),
                        broker.decisions.isEmpty ? .p(.class("empty"), .text(say(nl: "Nog geen besluiten.", en: "No decisions yet.")))
                            : .ul(.id("decisions"), .forEach(broker.decisions) { decision in
                                .li(.strong(.text("\(text.type(decision.type)): \(decision.decision)")),
                                    .text(" · \(decision.authority.label.text(strings.language)) · \(DisplayFormat.time(decision.decidedAt)) · "
                                        + say(nl: "reden: ", en: "reason: ") + decision.reason
                                        + (decision.priorities.isEmpty ? "" : " · " + say(nl: "volgorde: ", en: "priority: ") + decision.priorities.joined(separator: ", "))))
                            }))),
                .section(
                    .class("card"),
                    .h2(.text(say(nl: "Besluit over schaarse capaciteit vastleggen", en: "Record a decision on scarce capacity"))),
                    .form(
                        .id("decision-form"), .class("stacked"), .method(.post), .action(SiteURL.brokerDecisions.path), text.hidden(csrfToken),
                        .label(.for("decision-type"), .text(say(nl: "Type", en: "Type"))),
                        .select(.id("decision-type"), .attribute(named: "name", value: "type"), .forEach(types) { .choice($0.code, text.type($0.code)) }),
                        .label(.for("decision-authority"), .text(say(nl: "Bevoegd gezag", en: "Competent authority"))),
                        .select(.id("decision-authority"), .attribute(named: "name", value: "authority"),
                                .forEach(AllocationAuthority.allCases) { .choice($0.rawValue, $0.label.text(strings.language)) }),
                        .label(.for("decision-text"), .text(say(nl: "Besluit", en: "Decision"))),
                        .input(.id("decision-text"), .name("decision"), .type(.text), .required(true)),
                        .label(.for("decision-reason"), .text(say(nl: "Reden", en: "Reason"))),
                        .input(.id("decision-reason"), .name("reason"), .type(.text), .required(true)),
                        .label(.for("decision-priorities"), .text(say(nl: "Volgorde van aanvragen (nummers, komma's)", en: "Requests in order (numbers, commas)"))),
                        .input(.id("decision-priorities"), .name("priorities"), .type(.text)),
                        .button(.type(.submit), .id("decision-submit"), .text(say(nl: "Vastleggen", en: "Record")))))
            ))
    }
}
