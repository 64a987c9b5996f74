import Foundation
import KnooppuntCore
import Plot

/// Proposals to the competent authority on the incident page: what waits for a decision first, with
/// the buttons for whoever may decide it; decided proposals folded away below.
extension IncidentPage {
    func proposalsSection() -> Node<HTML.BodyContext> {
        let open = proposals.filter { $0.status == "open" }
        let decided = proposals.filter { $0.status != "open" }
        guard !proposals.isEmpty else { return .empty }
        return .section(
            .class("card proposals"), .id("proposals"), .attribute(named: "aria-labelledby", value: "proposals-title"),
            .h2(.id("proposals-title"), .text(say(nl: "Voorstellen aan het bestuur", en: "Proposals to the bestuur")
                + (open.isEmpty ? "" : " (\(open.count) \(say(nl: "open", en: "open")))"))),
            .if(open.isEmpty, .p(.class("muted"), .text(say(nl: "Geen open voorstellen.", en: "No open proposals.")))),
            .ul(.class("proposal-list"), .forEach(open) { proposalItem($0) }),
            .if(!decided.isEmpty,
                .details(
                    .summary(.text(say(nl: "Afgehandelde voorstellen", en: "Decided proposals") + " (\(decided.count))")),
                    .ul(.class("proposal-list decided"), .forEach(decided) { proposalItem($0) })))
        )
    }

    private func proposalItem(_ proposal: ProposalView) -> Node<HTML.ListContext> {
        return .li(
            .class("proposal proposal-\(proposal.status)"), .id("proposal-\(proposal.id)"),
            .p(
                .strong(.text(say(proposal.proposes))),
                .text(" — " + proposal.reason)),
            .p(.class("muted"), .text(
                say(nl: "Voorgesteld door", en: "Proposed by") + " \(proposal.proposedBy) (\(proposal.proposedByOrganisation)), "
                    + DisplayFormat.time(proposal.proposedAt)
                    + (proposal.addressedTo.isEmpty ? "" : " · " + say(nl: "beslist door", en: "decided by") + " " + proposal.addressedTo.joined(separator: ", ")))),
            .if(proposal.status != "open", .p(.class("proposal-outcome"), .text(outcome(proposal)))),
            .if(live && proposal.status == "open" && proposal.mayDecide,
                ProposalDecisionForms(language: strings.language, csrfToken: csrfToken).render(proposal)),
            .if(live && proposal.status == "open" && proposal.mine,
                .form(
                    .class("inline"), .method(.post), .action(SiteURL.incident(.value(proposal.incident), .proposal(.value(proposal.id), .withdraw)).path),
                    .input(.type(.hidden), .name(CSRFMiddleware.fieldName), .value(csrfToken)),
                    .button(.type(.submit), .class("small secondary"), .text(say(nl: "Voorstel intrekken", en: "Withdraw proposal")))))
        )
    }

    private func outcome(_ proposal: ProposalView) -> String {
        let who = proposal.decidedBy ?? ""
        let as_ = proposal.decidedAs.map { " " + say(nl: "als", en: "as") + " \($0)" } ?? ""
        let mandate = proposal.underMandateOf.map { " (" + say(nl: "in mandaat van", en: "under mandate of") + " \($0))" } ?? ""
        let when = proposal.decidedAt.map { ", " + DisplayFormat.time($0) } ?? ""
        let reason = proposal.decisionReason.map { ": \($0)" } ?? ""
        switch proposal.status {
        case "accepted": return say(nl: "Aanvaard door", en: "Accepted by") + " \(who)\(as_)\(mandate)\(when)\(reason)"
        case "rejected": return say(nl: "Afgewezen door", en: "Rejected by") + " \(who)\(as_)\(mandate)\(when)\(reason)"
        default: return say(nl: "Ingetrokken", en: "Withdrawn") + "\(when)"
        }
    }
}
