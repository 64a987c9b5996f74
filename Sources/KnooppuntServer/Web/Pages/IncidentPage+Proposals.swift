import Foundation
import KnooppuntCore
import Plot

/// Proposals to the competent authority on the incident page: what waits for a decision first, with
/// the buttons for whoever may decide it; decided proposals folded away below.
extension IncidentPage {
    private func text(_ nl: String, _ en: String) -> String { strings.language == .nl ? nl : en }

    func proposalsSection() -> Node<HTML.BodyContext> {
        let open = proposals.filter { $0.status == "open" }
        let decided = proposals.filter { $0.status != "open" }
        guard !proposals.isEmpty else { return .empty }
        return .section(
            .class("card proposals"), .id("proposals"), .attribute(named: "aria-labelledby", value: "proposals-title"),
            .h2(.id("proposals-title"), .text(text("Voorstellen aan het bestuur", "Proposals to the bestuur")
                + (open.isEmpty ? "" : " (\(open.count) \(text("open", "open")))"))),
            .if(open.isEmpty, .p(.class("muted"), .text(text("Geen open voorstellen.", "No open proposals.")))),
            .ul(.class("proposal-list"), .forEach(open) { proposalItem($0) }),
            .if(!decided.isEmpty,
                .details(
                    .summary(.text(text("Afgehandelde voorstellen", "Decided proposals") + " (\(decided.count))")),
                    .ul(.class("proposal-list decided"), .forEach(decided) { proposalItem($0) })))
        )
    }

    private func proposalItem(_ proposal: ProposalView) -> Node<HTML.ListContext> {
        let base = "/incidents/\(proposal.incident)/proposals/\(proposal.id)"
        return .li(
            .class("proposal proposal-\(proposal.status)"), .id("proposal-\(proposal.id)"),
            .p(
                .strong(.text(strings.language == .nl ? proposal.proposes.nl : proposal.proposes.en)),
                .text(" — " + proposal.reason)),
            .p(.class("muted"), .text(
                text("Voorgesteld door", "Proposed by") + " \(proposal.proposedBy) (\(proposal.proposedByOrganisation)), "
                    + DisplayFormat.time(proposal.proposedAt)
                    + (proposal.addressedTo.isEmpty ? "" : " · " + text("beslist door", "decided by") + " " + proposal.addressedTo.joined(separator: ", ")))),
            .if(proposal.status != "open", .p(.class("proposal-outcome"), .text(outcome(proposal)))),
            .if(live && proposal.status == "open" && proposal.mayDecide,
                ProposalDecisionForms(language: strings.language, csrfToken: csrfToken).render(proposal)),
            .if(live && proposal.status == "open" && proposal.mine,
                .form(
                    .class("inline"), .method(.post), .action("\(base)/withdraw"),
                    .input(.type(.hidden), .name(CSRFMiddleware.fieldName), .value(csrfToken)),
                    .button(.type(.submit), .class("small secondary"), .text(text("Voorstel intrekken", "Withdraw proposal")))))
        )
    }

    private func outcome(_ proposal: ProposalView) -> String {
        let who = proposal.decidedBy ?? ""
        let as_ = proposal.decidedAs.map { " " + text("als", "as") + " \($0)" } ?? ""
        let mandate = proposal.underMandateOf.map { " (" + text("in mandaat van", "under mandate of") + " \($0))" } ?? ""
        let when = proposal.decidedAt.map { ", " + DisplayFormat.time($0) } ?? ""
        let reason = proposal.decisionReason.map { ": \($0)" } ?? ""
        switch proposal.status {
        case "accepted": return text("Aanvaard door", "Accepted by") + " \(who)\(as_)\(mandate)\(when)\(reason)"
        case "rejected": return text("Afgewezen door", "Rejected by") + " \(who)\(as_)\(mandate)\(when)\(reason)"
        default: return text("Ingetrokken", "Withdrawn") + "\(when)"
        }
    }
}
