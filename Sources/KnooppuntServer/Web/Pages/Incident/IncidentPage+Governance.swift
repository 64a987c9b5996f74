import Foundation
import KnooppuntCore
import Plot

/// The incident page's parts on bestuurlijk gezag: the recorded significance, stage and declaration
/// beside GRIP, when the scale and authority are next reviewed, how authority changed over time, and
/// the forms that record them (decision 0020).
extension IncidentPage {

    /// The significance (or that the GRIP level stands for it), the stage and a declaration, if any.
    func governanceBadges() -> Node<HTML.BodyContext> {
        let significance = incident.significance.map { $0.label.text(language) }
            ?? CrisisSignificance.implied(by: incident.grip).label.text(language) + say(nl: " (volgt GRIP)", en: " (follows GRIP)")
        return .group(
            .span(.class("badge"), .id("fact-significance"), .text(significance)),
            .span(.class(incident.stage == .beheer ? "badge stage-beheer" : "badge"), .id("fact-stage"), .text(incident.stage.label.text(language))))
    }

    /// "Herbeoordeling opschaling en gezag: te laat sinds …" or "… volgende uiterlijk …" (C13), with the
    /// form to record one for who may edit the incident. Inside the live part, so it follows the scale.
    func reviewLine() -> Node<HTML.BodyContext> {
        .unwrap(authority?.review) { review in
            .group(
                .p(
                    .id("scale-review"), .class(review.overdue ? "scale-review overdue" : "scale-review muted"),
                    .attribute(named: "role", value: review.overdue ? "alert" : "status"),
                    .text(say(nl: "Herbeoordeling opschaling en gezag: ", en: "Review of scaling and authority: ")
                        + (review.overdue ? say(nl: "te laat sinds ", en: "overdue since ") : say(nl: "volgende uiterlijk ", en: "next by "))
                        + DisplayFormat.time(review.dueAt))),
                .if(live && may.editIncident,
                    .details(
                        .id("review-record"), .class("scale-review-record"),
                        .summary(.text(say(nl: "Herbeoordeling vastleggen", en: "Record a review"))),
                        reviewForm())))
        }
    }

    /// "Verloop van het gezag": each change of the distribution of authority, newest first, collapsed.
    func authorityHistorySection() -> Node<HTML.BodyContext> {
        .if(!authorityHistory.isEmpty,
            .details(
                .id("authority-history"), .class("authority-history"),
                .summary(.text(say(nl: "Verloop van het gezag", en: "How authority changed") + " (\(authorityHistory.count))")),
                .ol(.forEach(authorityHistory.reversed()) { change in
                    .li(
                        .strong(.text(DisplayFormat.time(change.at))),
                        .text(" · " + [change.by, change.organisation].compactMap { $0 }.joined(separator: ", ")
                            + " · " + change.changes.map { changeLabel($0, change) }.joined(separator: ", ")),
                        .unwrap(decidedLine(change)) { .p(.class("decided-as"), .text($0)) },
                        .unwrap(change.gripReason) { .p(.class("muted"), .text(say(nl: "Reden GRIP: ", en: "GRIP reason: ") + $0)) },
                        .unwrap(change.reason) { .p(.class("muted"), .text(say(nl: "Reden: ", en: "Reason: ") + $0)) },
                        .p(.text(Self.authorityLine(change.authority, language))))
                })))
    }

    /// As whom a decision of bestuurlijk gezag was taken (C10): "Besloten als de burgemeester van Amstelveen".
    private func decidedLine(_ change: AuthorityChangeView) -> String? {
        if let mandate = change.underMandateOf { return say(nl: "Besloten onder mandaat van ", en: "Decided under the mandate of ") + mandate }
        return change.decidedAs.map { say(nl: "Besloten als ", en: "Decided as ") + $0 }
    }

    private func changeLabel(_ code: String, _ change: AuthorityChangeView) -> String {
        switch code {
        case "opened": say(nl: "incident geopend", en: "incident opened")
        case "grip": change.grip.scaleLabel.text(language)
        case "significance": change.authority.significance.label.text(language).lowercased()
        case "stage": change.authority.stage.label.text(language).lowercased()
        case "declaration": change.authority.declaration.label.text(language).lowercased()
        case "classification": say(nl: "classificatie", en: "classification")
        case "regions": say(nl: "betrokken regio's", en: "involved regions")
        case "area": say(nl: "getroffen gebied", en: "affected area")
        default: code
        }
    }

    /// The significance, stage and declaration in the scaling form, beside GRIP: a change of scale and of
    /// significance must be made together when the recorded significance would contradict the new level.
    func governanceFields() -> Node<HTML.FormContext> {
        .group(
            .label(.for("authority-significance"), .text(say(nl: "Betekenis", en: "Significance"))),
            .select(
                .id("authority-significance"), .attribute(named: "name", value: "significance"),
                .if(incident.significance == nil, .choice("", say(nl: "Niet vastgelegd (volgt GRIP)", en: "Not recorded (follows GRIP)"), selected: true)),
                .forEach(CrisisSignificance.allCases) { .choice($0.rawValue, $0.label.text(language), selected: $0 == incident.significance) }),
            .label(.for("authority-stage"), .text(say(nl: "Fase van de crisis", en: "Stage of the crisis"))),
            .select(.id("authority-stage"), .attribute(named: "name", value: "stage"), .forEach(CrisisStage.allCases) {
                .choice($0.rawValue, $0.label.text(language), selected: $0 == incident.stage)
            }),
            .label(.for("authority-declaration"), .text(say(nl: "Verklaring", en: "Declaration"))),
            .select(.id("authority-declaration"), .attribute(named: "name", value: "declaration"), .forEach(CrisisDeclaration.allCases) {
                .choice($0.rawValue, $0.label.text(language), selected: $0 == incident.declaration)
            }),
            .div(
                .class("checkbox-group"), .attribute(named: "role", value: "group"),
                .attribute(named: "aria-labelledby", value: "authority-interests"),
                .span(.id("authority-interests"), .class("group-label"),
                      .text(say(nl: "Vitale belangen (nodig bij een crisis of ramp)", en: "Vital interests (needed for a crisis or ramp)"))),
                .forEach(VitalInterest.allCases) { interest in
                    .div(
                        .class("checkbox"),
                        .input(
                            .type(.checkbox), .id("authority-interest-\(interest.rawValue)"), .name("vitalInterests[]"),
                            .value(interest.rawValue), .checked(incident.vitalInterests.contains(interest))),
                        .label(.for("authority-interest-\(interest.rawValue)"), .text(interest.label.text(language))))
                }),
            .label(.for("authority-reason"), .text(say(nl: "Reden betekenis, fase of verklaring", en: "Reason for significance, stage or declaration"))),
            .input(.type(.text), .id("authority-reason"), .name("authorityReason"), .attribute(named: "maxlength", value: "1000")),
            .label(.for("authority-interval"), .text(say(nl: "Herbeoordeling elke … uur", en: "Review every … hours"))),
            .input(
                .type(.number), .id("authority-interval"), .name("reviewIntervalHours"),
                .attribute(named: "min", value: "\(ScaleReview.intervalBounds.lowerBound)"),
                .attribute(named: "max", value: "\(ScaleReview.intervalBounds.upperBound)"),
                .attribute(named: "placeholder", value: "\(ScaleReview.defaultHours(incident.stage))"),
                .value(incident.reviewIntervalHours.map(String.init) ?? "")))
    }

    private func reviewForm() -> Node<HTML.DetailsContext> {
        .form(
            .id("review-form"), .class("stacked js-refresh js-reset"), .method(.post), .action(SiteURL.incident(.value(incident.id), .reviews).path),
            .p(.class("help"), .text(say(
                nl: "Rechtvaardigt de fase de opschaling en de gezagsverdeling nog, of kan er worden afgeschaald? (002:L845-848)",
                en: "Does the stage still justify the scaling and the distribution of authority, or can it be scaled down? (002:L845-848)"))),
            .input(.type(.hidden), .name(CSRFMiddleware.fieldName), .value(csrfToken)),
            .input(.type(.hidden), .name("baseVersion"), .value("\(incident.version)")),
            .label(.for("review-outcome"), .text(say(nl: "Uitkomst", en: "Outcome"))),
            .select(.id("review-outcome"), .attribute(named: "name", value: "outcome"), .forEach(ReviewOutcome.allCases) {
                .choice($0.rawValue, $0.label.text(language), selected: $0 == .maintain)
            }),
            .label(.for("review-reason"), .text(say(nl: "Reden", en: "Reason"))),
            .textarea(.id("review-reason"), .name("reason"), .required(true), .attribute(named: "minlength", value: "3"),
                      .attribute(named: "rows", value: "2")),
            .button(.type(.submit), .id("review-submit"), .text(say(nl: "Herbeoordeling vastleggen", en: "Record the review"))))
    }
}
