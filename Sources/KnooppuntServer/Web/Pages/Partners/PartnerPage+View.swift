import Foundation
import KnooppuntCore
import Plot

/// How `PartnerPage` is drawn: status first (in effect or not, and what needs doing), then the details.
extension PartnerPage {
    func render() -> String {
        let code = registration.organisationCode
        let layout = Layout(title: entry.name, strings: strings, csrfToken: csrfToken, user: user, path: SiteURL.partner(.value(code)).path)
        return layout.render(
            .group(
                .p(.a(.href(SiteURL.partners.path), .text("← " + strings.partnerOverview))),
                .h1(.text(entry.name), .span(.class("muted"), .text(" \(code)"))),
                .p(
                    .class("help"),
                    .text(say(nl: "Reikwijdte", en: "Reach") + ": " + say(registration.reach.label) + " · "
                        + say(nl: "Adoptieregio", en: "Adoptieregio") + ": " + (registration.adoptionRegion?.rawValue ?? "—"))),
                .forEach(Array(registration.agreements.enumerated())) { index, agreement in
                    agreementCard(index, agreement)
                }
            ))
    }

    private func agreementCard(_ index: Int, _ agreement: PartnerAgreement) -> Node<HTML.BodyContext> {
        let effect = agreement.effect(at: now)
        let deadlines = agreement.deadlines(at: now)
        return .section(
            .class("card partner-agreement"), .id("agreement-\(index)"),
            .attribute(named: "aria-labelledby", value: "agreement-\(index)-title"),
            .h2(
                .id("agreement-\(index)-title"),
                .text(say(agreement.profile.label) + " · " + say(agreement.coreTask.shortLabel))),
            .p(.class(effect.inEffect ? "in-effect" : "not-in-effect"), .strong(.text(say(effect.label)))),
            .forEach(deadlines) { deadline in
                .p(.class(deadline.flag.isOverdue ? "retest-flag overdue" : "retest-flag"), .text(say(deadline.label)))
            },
            .dl(
                .class("facts"),
                .dt(.text(say(nl: "Regio's", en: "Regions"))),
                .dd(.text(agreement.regions.count == RegionCode.all.count
                    ? strings.allRegions : agreement.regions.map(\.rawValue).joined(separator: ", "))),
                .dt(.text(say(nl: "Reikwijdte", en: "Reach"))), .dd(.text(say(agreement.reach.label))),
                .dt(.text(strings.stage)), .dd(.text(say(agreement.stage.label))),
                .dt(.text(strings.test)), .dd(.text(testText(agreement))),
                .dt(.text(say(nl: "Contact", en: "Contact"))),
                .dd(.text(agreement.contacts.isEmpty
                    ? "—" : agreement.contacts.map { say($0.role.label) + ": " + $0.name + ($0.phone.map { " (\($0))" } ?? "") }
                        .joined(separator: "; ")))),
            evaluationSection(index, agreement))
    }

    private func testText(_ agreement: PartnerAgreement) -> String {
        guard let test = agreement.test, let outcome = test.outcome else {
            return agreement.reach == .regionaal
                ? say(nl: "Ongetoetst (regionaal)", en: "Not tested (regional)") : say(nl: "Niet getoetst", en: "Not tested")
        }
        var text = say(outcome.label)
        if let verrichting = test.verrichting { text += " · " + say(nl: "verrichting", en: "performance") + " " + DisplayFormat.date(verrichting.date) + ": " + verrichting.finding }
        if let retest = test.retestDate { text += " · " + say(nl: "hertoets", en: "re-test") + " " + DisplayFormat.date(retest) }
        if let standpoint = test.standpoint, !standpoint.isEmpty { text += " · " + standpoint }
        return text
    }

    private func evaluationSection(_ index: Int, _ agreement: PartnerAgreement) -> Node<HTML.BodyContext> {
        guard let schedule = agreement.evaluation else {
            return agreement.reach.needsAdoptionRegion && agreement.stage == .inWerking
                ? .p(.class("not-in-effect"), .text(say(nl: "Geen evaluatiemoment vastgelegd.", en: "No evaluation moment recorded.")))
                : .empty
        }
        return .div(
            .class("evaluation"),
            .h3(.text(say(nl: "Evaluatiemoment", en: "Evaluation moment"))),
            .p(.text(say(nl: "Elke \(schedule.intervalMonths) maanden; volgende: ", en: "Every \(schedule.intervalMonths) months; next: ")
                + DisplayFormat.date(schedule.nextDue))),
            .if(!schedule.history.isEmpty, .ul(
                .class("evaluation-history"),
                .forEach(schedule.history.reversed()) { held in
                    .li(
                        .strong(.text(DisplayFormat.date(held.date) + " · " + say(held.outcome.label))),
                        .text(" — " + say(nl: "inbreng van ", en: "input from ") + held.regionsHeard.map(\.rawValue).joined(separator: ", ")
                            + " · " + held.byName + (held.notes.isEmpty ? "" : " · " + held.notes)))
                })),
            .if(mayEvaluate, evaluationForm(index, agreement)))
    }

    private func evaluationForm(_ index: Int, _ agreement: PartnerAgreement) -> Node<HTML.BodyContext> {
        let id = "evaluation-\(index)"
        return .element(named: "details", nodes: [
            .class("action-toggle"),
            .element(named: "summary", nodes: [.class("button-like"), .text(say(nl: "Evaluatie vastleggen", en: "Record an evaluation"))]),
            .form(
                .id("\(id)-form"), .class("stacked"), .method(.post),
                .action(SiteURL.partnerEvaluation(.value(registration.organisationCode), agreement: .value(index)).path),
                .input(.type(.hidden), .name(CSRFMiddleware.fieldName), .value(csrfToken)),
                .input(.type(.hidden), .name("baseVersion"), .value("\(entry.version)")),
                .label(.for("\(id)-outcome"), .text(say(nl: "Uitkomst", en: "Outcome"))),
                .select(
                    .id("\(id)-outcome"), .attribute(named: "name", value: "outcome"),
                    .forEach(EvaluationOutcome.allCases) { .choice($0.rawValue, say($0.label)) }),
                .element(named: "fieldset", nodes: [
                    .element(named: "legend", text: say(nl: "Regio's die inbreng gaven", en: "Regions that gave input")),
                    .forEach(agreement.regions) { region in regionCheck(id, region) },
                ]),
                .label(.for("\(id)-notes"), .text(say(nl: "Toelichting", en: "Notes"))),
                .textarea(.id("\(id)-notes"), .name("notes"), .attribute(named: "maxlength", value: "4000")),
                .button(.type(.submit), .class("primary"), .id("\(id)-submit"), .text(say(nl: "Vastleggen", en: "Record"))))
        ])
    }

    private func regionCheck(_ id: String, _ region: RegionCode) -> Node<HTML.FormContext> {
        let code = region.rawValue
        let adopted = region == registration.adoptionRegion
        return .label(
            .class("check"),
            .input(.type(.checkbox), .name("regionsHeard[]"), .value(code), .id("\(id)-\(code)"), .checked(adopted)),
            .text(" " + code))
    }
}
