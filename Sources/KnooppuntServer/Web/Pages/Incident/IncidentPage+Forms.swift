import Foundation
import KnooppuntCore
import Plot

/// The forms behind the action bar's buttons: the scale, a new entry, a decision, an action.
extension IncidentPage {
    func scalingForm() -> Node<HTML.BodyContext> {
        .section(
            .class("card"), .attribute(named: "aria-labelledby", value: "scaling-title"),
            .h2(.id("scaling-title"), .text(strings.scaling)),
            .p(.class("help"), .id("scaling-help"), .text(say(
                nl: "GRIP 0 tot 2 stelt de operationele leiding in. GRIP 3 en hoger en het verklaren van een crisis of ramp beslist het bevoegd gezag; wie dat niet is, dient hiermee een voorstel in.",
                en: "GRIP 0 to 2 is set by the operational leadership. GRIP 3 and up, and declaring a crisis or ramp, are decided by the competent authority; anyone else puts a proposal with this form."))),
            .form(
                .id("scaling-form"), .class("stacked js-refresh"), .method(.post), .action(SiteURL.incident(.value(incident.id), .update).path),
                .input(.type(.hidden), .name(CSRFMiddleware.fieldName), .value(csrfToken)),
                .input(.type(.hidden), .name("baseVersion"), .value("\(incident.version)")),
                .label(.for("scaling-grip"), .text(strings.gripLabel)),
                .select(.id("scaling-grip"), .attribute(named: "name", value: "grip"), .forEach(GRIPLevel.allCases) {
                    .choice("\($0.rawValue)", $0.scaleLabel.text(language), selected: $0 == incident.grip)
                }),
                .label(.for("scaling-reason"), .text(strings.reason)),
                .input(.type(.text), .id("scaling-reason"), .name("gripReason")),
                governanceFields(),
                .label(.for("scaling-phase"), .text(strings.phaseLabel)),
                .select(.id("scaling-phase"), .attribute(named: "name", value: "phase"), .forEach(IncidentPhase.allCases) {
                    .choice($0.rawValue, $0.label.text(language), selected: $0 == incident.phase)
                }),
                .label(.for("scaling-status"), .text(strings.statusLabel)),
                .select(
                    .id("scaling-status"), .attribute(named: "name", value: "status"),
                    .forEach([incident.status] + incident.status.next.sorted { $0.rawValue < $1.rawValue }) {
                        .choice($0.rawValue, $0.label.text(language), selected: $0 == incident.status)
                    }),
                .button(.type(.submit), .id("scaling-submit"), .text(strings.save))
            )
        )
    }

    func entryForm() -> Node<HTML.BodyContext> {
        // Region staff write the disciplines; a partner's theme only "Namens crisispartner" (decision 0027 §6, §8).
        // The calamiteitencoördinator writes the meldkamer theme only (decision 0034).
        let themes = user.subject.isPartner
            ? [Theme.partner(user.organisationCode)]
            : user.organisationKind == .meldkamer ? [Theme.meldkamer]
            : picture.themes.map(\.theme).filter { if case .partner = $0 { false } else { true } }
        return .section(
            .class("card"), .attribute(named: "aria-labelledby", value: "new-entry-title"),
            .h2(.id("new-entry-title"), .text(strings.newEntry)),
            .form(
                .id("entry-form"), .class("stacked js-refresh js-reset"), .method(.post),
                .action(SiteURL.incident(.value(incident.id), .entries).path),
                .input(.type(.hidden), .name(CSRFMiddleware.fieldName), .value(csrfToken)),
                .label(.for("entry-theme"), .text(strings.theme)),
                .select(.id("entry-theme"), .attribute(named: "name", value: "theme"), .forEach(themes) { theme in
                    .choice(theme.description, themeName(theme))
                }),
                .label(.for("entry-text"), .text(strings.text)),
                .textarea(.id("entry-text"), .name("text"), .required(true), .attribute(named: "rows", value: "3")),
                .label(.for("entry-source"), .text(strings.source)),
                .input(.type(.text), .id("entry-source"), .name("source"), .required(true)),
                .label(.for("entry-priority"), .text(strings.priority)),
                .select(.id("entry-priority"), .attribute(named: "name", value: "priority"), .forEach(EntryPriority.allCases) { priority in
                    .choice(priority.rawValue, priority.label.text(language), selected: priority == .normaal)
                }),
                .label(.for("entry-classification"), .text(strings.classification)),
                .select(
                    .id("entry-classification"), .attribute(named: "name", value: "classification"),
                    .forEach(user.subject.isPartner ? [Classification.public, .internal] : Classification.allCases) { level in
                        .choice(level.rawValue, level.label.text(language), selected: level == .internal)
                    }),
                // A partner's own liaison writes in its own theme anyway; the choice is for the region's (detached) HIN.
                .if(may.enterOnBehalf && !onBehalfChoices.isEmpty && !user.subject.isPartner,
                    .group(
                        .label(.for("entry-on-behalf"), .text(strings.onBehalfOf)),
                        .select(
                            .id("entry-on-behalf"), .attribute(named: "name", value: "onBehalfOf"),
                            .choice("", strings.ownOrganisation),
                            .forEach(onBehalfChoices) { .choice($0.code, "\($0.name) (\($0.code))") }))),
                .button(.type(.submit), .id("entry-submit"), .text(strings.add))
            )
        )
    }

    func decisionForm() -> Node<HTML.BodyContext> {
        .section(
            .class("card"), .attribute(named: "aria-labelledby", value: "new-decision-title"),
            .h2(.id("new-decision-title"), .text(strings.decisions)),
            .form(
                .id("decision-form"), .class("stacked js-refresh js-reset"), .method(.post),
                .action(SiteURL.incident(.value(incident.id), .decisions).path),
                .input(.type(.hidden), .name(CSRFMiddleware.fieldName), .value(csrfToken)),
                .label(.for("decision-team"), .text(strings.team)),
                .select(.id("decision-team"), .attribute(named: "name", value: "team"), .forEach(CrisisTeam.allCases) {
                    .choice($0.rawValue, $0.label.text(language))
                }),
                .label(.for("decision-text"), .text(strings.text)),
                .textarea(.id("decision-text"), .name("text"), .required(true), .attribute(named: "rows", value: "2")),
                .label(.for("decision-by"), .text(strings.decidedBy)),
                .input(.type(.text), .id("decision-by"), .name("decidedBy"), .required(true)),
                .label(.for("decision-reason"), .text(reportStrings.reason)),
                .textarea(.id("decision-reason"), .name("reason"), .attribute(named: "rows", value: "2")),
                .button(.type(.submit), .text(strings.add))
            )
        )
    }

    func actionForm() -> Node<HTML.BodyContext> {
        .section(
            .class("card"), .attribute(named: "aria-labelledby", value: "new-action-title"),
            .h2(.id("new-action-title"), .text(strings.actions)),
            .form(
                .id("action-form"), .class("stacked js-refresh js-reset"), .method(.post),
                .action(SiteURL.incident(.value(incident.id), .actions).path),
                .input(.type(.hidden), .name(CSRFMiddleware.fieldName), .value(csrfToken)),
                .label(.for("action-text"), .text(strings.text)),
                .input(.type(.text), .id("action-text"), .name("text"), .required(true)),
                .label(.for("action-owner"), .text(strings.owner)),
                .input(.type(.text), .id("action-owner"), .name("owner"), .required(true), .value(user.organisationCode)),
                .button(.type(.submit), .text(strings.add))
            )
        )
    }
}
