import Foundation
import KnooppuntCore
import Plot

/// How `TemporaryAccountPage` is drawn: its HTML, from the model's data.
extension TemporaryAccountPage {
    func render() -> String {
        let layout = Layout(
            title: strings.temporaryAccounts, strings: strings, csrfToken: csrfToken, user: user, path: SiteURL.temporaryAccounts.path)
        return layout.render(
            .group(
                .h1(.text(strings.temporaryAccounts)),
                .p(.class("help"), .text(strings.temporaryAccountsIntro)),
                .unwrap(issued) { account in
                    .div(
                        .class("card issued"), .id("issued-account"), .attribute(named: "role", value: "status"),
                        .p(.text("\(account.username) · \(account.organisation) · \(strings.untilLabel) \(DisplayFormat.time(account.validUntil))")),
                        .p(.text(strings.accountIssued + " "), .code(.id("issued-password"), .text(account.password))))
                },
                .form(
                    .id("temporary-account-form"), .class("stacked card"), .method(.post), .action(SiteURL.temporaryAccounts.path),
                    .input(.type(.hidden), .name(CSRFMiddleware.fieldName), .value(csrfToken)),
                    field("ta-incident", "incident", strings.incidentReference, required: true),
                    field("ta-organisation", "organisation", strings.organisationCode, required: true),
                    field("ta-organisation-name", "organisationName", strings.organisationNameIfNew, required: false),
                    field("ta-username", "username", strings.username, required: true),
                    field("ta-display-name", "displayName", strings.displayName, required: true),
                    field("ta-purpose", "purpose", strings.purpose, required: true),
                    .label(.for("ta-hours"), .text(strings.duration)),
                    .select(.id("ta-hours"), .attribute(named: "name", value: "hours"), .forEach([8, 24, 72, 168, 720]) {
                        .choice("\($0)", "\($0) \(strings.hoursUnit)", selected: $0 == 24)
                    }),
                    .button(.type(.submit), .id("ta-submit"), .text(strings.issueAccount)))
            ))
    }

    private func field(_ id: String, _ name: String, _ label: String, required: Bool) -> Node<HTML.FormContext> {
        .group(
            .label(.for(id), .text(label)),
            .input(.type(.text), .id(id), .name(name), .required(required)))
    }
}
