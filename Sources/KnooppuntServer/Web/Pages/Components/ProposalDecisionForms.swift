import Foundation
import KnooppuntCore
import Plot

/// The accept and reject forms of an open proposal, for whoever may decide it: on the incident page and
/// on the bestuurlijk overzicht, which asks to come back to itself (`returnTo`, sent as the `next` query
/// parameter and followed only to a path on this site).
struct ProposalDecisionForms: Bilingual {
    let language: KnooppuntCore.Language
    let csrfToken: String
    var returnTo: String? = nil


    private func action(_ proposal: ProposalView, _ step: ProposalStep) -> String {
        let url = SiteURL.incident(.value(proposal.incident), .proposal(.value(proposal.id), step))
        guard let returnTo else { return url.path }
        return url.url(query: ["next": returnTo])
    }

    func render(_ proposal: ProposalView) -> Node<HTML.BodyContext> {
        .div(
            .class("proposal-decision"),
            .form(
                .class("stacked"), .method(.post), .action(action(proposal, .accept)),
                .input(.type(.hidden), .name(CSRFMiddleware.fieldName), .value(csrfToken)),
                .label(.for("accept-reason-\(proposal.id)"), .text(say(nl: "Toelichting (niet verplicht)", en: "Note (optional)"))),
                .input(.type(.text), .id("accept-reason-\(proposal.id)"), .name("reason"), .attribute(named: "maxlength", value: "2000")),
                .button(.type(.submit), .class("primary accept-proposal"), .text(say(nl: "Aanvaarden", en: "Accept")))),
            .form(
                .class("stacked"), .method(.post), .action(action(proposal, .reject)),
                .input(.type(.hidden), .name(CSRFMiddleware.fieldName), .value(csrfToken)),
                .label(.for("reject-reason-\(proposal.id)"), .text(say(nl: "Reden van afwijzing", en: "Reason for rejection"))),
                .input(
                    .type(.text), .id("reject-reason-\(proposal.id)"), .name("reason"), .required(true),
                    .attribute(named: "maxlength", value: "2000")),
                .button(.type(.submit), .class("secondary reject-proposal"), .text(say(nl: "Afwijzen", en: "Reject"))))
        )
    }
}
