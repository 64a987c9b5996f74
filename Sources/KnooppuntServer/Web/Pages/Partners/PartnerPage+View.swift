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
                .dt(.text(strings.test)), .dd(.class("test-summary"), .text(testText(agreement))),
                .dt(.text(say(nl: "Contact", en: "Contact"))),
                .dd(.text(agreement.contacts.isEmpty
                    ? "—" : agreement.contacts.map { say($0.role.label) + ": " + $0.name + ($0.phone.map { " (\($0))" } ?? "") }
                        .joined(separator: "; ")))),
            toetsingSection(index, agreement),
            evaluationSection(index, agreement))
    }

    /// One line: the standpoint that stands, or where the toetsing is.
    private func testText(_ agreement: PartnerAgreement) -> String {
        if let test = agreement.test, test.outcome == nil {
            if let advice = test.advice {
                return say(nl: "Advies ", en: "Advice ") + say(advice.outcome.label).lowercased()
                    + say(nl: ", wacht op het standpunt van de regiegroep", en: ", awaiting the regiegroep's standpoint")
            }
            if TestComponent.allCases.contains(where: { test.part($0) != nil }) {
                return say(nl: "Toetsing loopt", en: "Toetsing under way")
            }
        }
        guard let standing = agreement.standingTest, let outcome = standing.outcome else {
            return agreement.reach == .regionaal
                ? say(nl: "Ongetoetst (regionaal)", en: "Not tested (regional)") : say(nl: "Niet getoetst", en: "Not tested")
        }
        var text = say(outcome.label)
        if let at = standing.standpoint?.at { text += " · " + say(nl: "standpunt ", en: "standpoint ") + DisplayFormat.date(at) }
        if let retest = standing.retestDate { text += " · " + say(nl: "hertoets", en: "re-test") + " " + DisplayFormat.date(retest) }
        return text
    }

    /// The current toetsing as two records — the tester's advice and the chair's standpoint — with the forms
    /// for the toetser and the chair where it is their turn (decision 0027 §3).
    private func toetsingSection(_ index: Int, _ agreement: PartnerAgreement) -> Node<HTML.BodyContext> {
        let test = agreement.test
        let earlier = agreement.earlierTests ?? []
        guard test != nil || mayTest else { return .empty }
        return .div(
            .class("toetsing"), .id("toetsing-\(index)"),
            .h3(.text(say(nl: "Toetsing", en: "Toetsing (assessment)"))),
            .unwrap(test) { test in
                .group(
                    .ul(
                        .class("toetsing-parts"),
                        .forEach(TestComponent.allCases) { component in
                            .li(.text(componentLabel(component) + ": " + (test.part(component).map {
                                DisplayFormat.date($0.date) + " — " + $0.finding
                            } ?? say(nl: "nog niet vastgelegd", en: "not recorded yet"))))
                        }),
                    .unwrap(test.advice) { advice in
                        .p(.class("toetsing-advice"),
                           .strong(.text(say(nl: "Advies toetsingspartij: ", en: "Advice of the assessor: ") + say(advice.outcome.label))),
                           .text(" — " + advice.reasons + " (" + advice.byName + " · " + DisplayFormat.date(advice.at) + ")"))
                    },
                    .unwrap(test.standpoint) { standpoint in
                        .p(.class("toetsing-standpoint"),
                           .strong(.text(say(nl: "Standpunt regiegroep: ", en: "Standpoint of the regiegroep: ") + say(standpoint.outcome.label))),
                           .text(" — " + (standpoint.followsAdvice
                                ? say(nl: "neemt het advies over", en: "takes over the advice")
                                : say(nl: "wijkt af van het advies", en: "departs from the advice"))
                               + ". " + standpoint.argumentation + " (" + [standpoint.byName, standpoint.mandate, DisplayFormat.date(standpoint.at)]
                                   .joined(separator: " · ") + ")"),
                           .unwrap(standpoint.alternative) { alternative in
                               .span(.class("toetsing-alternative"), .text(" " + say(
                                   nl: "Nee, maar: samenwerken als \(say(alternative.profile.label).lowercased()) volgens andere randvoorwaarden — ",
                                   en: "No, but: working together as \(say(alternative.profile.label).lowercased()) under other terms — ")
                                   + alternative.conditions))
                           })
                    })
            },
            .if(!earlier.isEmpty, .p(.class("muted"), .text(say(nl: "Eerdere toetsingen: ", en: "Earlier toetsingen: ")
                + earlier.compactMap { test in test.outcome.map { say($0.label) + (test.standpoint.map { " (" + DisplayFormat.date($0.at) + ")" } ?? "") } }
                    .joined(separator: "; ")))),
            .if(mayTest, toetserForms(index, agreement)),
            .if(mayTakeStandpoint && test?.advice != nil && test?.standpoint == nil, standpointForm(index, agreement, test?.advice)))
    }

    private func componentLabel(_ component: TestComponent) -> String {
        switch component {
        case .richting: say(nl: "Richting", en: "Direction")
        case .inrichting: say(nl: "Inrichting", en: "Set-up")
        case .verrichting: say(nl: "Verrichting", en: "Performance")
        }
    }

    /// The toetser's forms: a part (a new toetsing once the standpoint is taken), then the advice.
    private func toetserForms(_ index: Int, _ agreement: PartnerAgreement) -> Node<HTML.BodyContext> {
        let test = agreement.test
        let awaitingStandpoint = test?.advice != nil && test?.standpoint == nil
        let code = registration.organisationCode
        let partID = "toetsing-part-\(index)"
        let adviceID = "advice-\(index)"
        return .group(
            .if(!awaitingStandpoint, .element(named: "details", nodes: [
                .class("action-toggle"),
                .element(named: "summary", nodes: [.class("button-like"), .text(test?.standpoint != nil
                    ? say(nl: "Hertoetsing: onderdeel vastleggen", en: "Re-test: record a part")
                    : say(nl: "Onderdeel vastleggen", en: "Record a part"))]),
                .form(
                    .id("\(partID)-form"), .class("stacked"), .method(.post),
                    .action(SiteURL.partnerToetsing(.value(code), agreement: .value(index), .parts).path),
                    hiddenFields(),
                    .label(.for("\(partID)-part"), .text(say(nl: "Onderdeel", en: "Part"))),
                    .select(
                        .id("\(partID)-part"), .attribute(named: "name", value: "part"),
                        .forEach(TestComponent.allCases) { .choice($0.rawValue, componentLabel($0)) }),
                    .label(.for("\(partID)-finding"), .text(say(nl: "Bevinding", en: "Finding"))),
                    .textarea(.id("\(partID)-finding"), .name("finding"), .required(true), .attribute(named: "maxlength", value: "4000")),
                    .button(.type(.submit), .class("primary"), .id("\(partID)-submit"), .text(say(nl: "Vastleggen", en: "Record"))))
            ])),
            .if(test?.partsComplete == true && test?.advice == nil, .element(named: "details", nodes: [
                .class("action-toggle"),
                .element(named: "summary", nodes: [.class("button-like"), .text(say(nl: "Advies geven", en: "Give the advice"))]),
                .form(
                    .id("\(adviceID)-form"), .class("stacked"), .method(.post),
                    .action(SiteURL.partnerToetsing(.value(code), agreement: .value(index), .advice).path),
                    hiddenFields(),
                    .label(.for("\(adviceID)-outcome"), .text(say(nl: "Advies", en: "Advice"))),
                    .select(
                        .id("\(adviceID)-outcome"), .attribute(named: "name", value: "outcome"),
                        .forEach(TestOutcome.allCases) { .choice($0.rawValue, say($0.label)) }),
                    .label(.for("\(adviceID)-reasons"), .text(say(nl: "Onderbouwing", en: "Reasons"))),
                    .textarea(.id("\(adviceID)-reasons"), .name("reasons"), .required(true), .attribute(named: "maxlength", value: "4000")),
                    .button(.type(.submit), .class("primary"), .id("\(adviceID)-submit"), .text(say(nl: "Advies geven", en: "Give the advice"))))
            ])))
    }

    /// The chair's form: the standpoint on the advice, preset to it; a re-test date for a conditional one.
    private func standpointForm(_ index: Int, _ agreement: PartnerAgreement, _ advice: TestAdvice?) -> Node<HTML.BodyContext> {
        let id = "standpoint-\(index)"
        return .element(named: "details", nodes: [
            .class("action-toggle"),
            .element(named: "summary", nodes: [.class("button-like"), .text(say(nl: "Standpunt innemen", en: "Take the standpoint"))]),
            .form(
                .id("\(id)-form"), .class("stacked"), .method(.post),
                .action(SiteURL.partnerStandpoint(.value(registration.organisationCode), agreement: .value(index)).path),
                hiddenFields(),
                .label(.for("\(id)-outcome"), .text(say(nl: "Standpunt", en: "Standpoint"))),
                .select(
                    .id("\(id)-outcome"), .attribute(named: "name", value: "outcome"),
                    .forEach(TestOutcome.allCases) { .choice($0.rawValue, say($0.label), selected: $0 == advice?.outcome) }),
                .label(.for("\(id)-argumentation"), .text(say(nl: "Argumentatie", en: "Argumentation"))),
                .textarea(.id("\(id)-argumentation"), .name("argumentation"), .required(true), .attribute(named: "maxlength", value: "4000")),
                .label(.for("\(id)-mandate"), .text(say(nl: "Mandaat", en: "Mandate"))),
                .input(.type(.text), .id("\(id)-mandate"), .name("mandate"), .required(true), .attribute(named: "maxlength", value: "300"),
                       .value("Mandaat directeuren veiligheidsregio's (RDVR)")),
                .label(.for("\(id)-retest"), .text(say(nl: "Hertoetsing uiterlijk (alleen bij voorwaardelijk)", en: "Re-test by (conditional only)"))),
                .input(.type(.date), .id("\(id)-retest"), .name("retestDate")),
                .if(!agreement.profile.narrowerAlternatives(for: agreement.coreTask).isEmpty, .element(named: "fieldset", nodes: [
                    .element(named: "legend", text: say(
                        nl: "Nee, maar: andere randvoorwaarden (alleen bij geen samenwerking volgens profiel)",
                        en: "No, but: other terms (only with not under this profile)")),
                    .label(.for("\(id)-alternative-profile"), .text(say(nl: "Samenwerken als", en: "Work together as"))),
                    .select(
                        .id("\(id)-alternative-profile"), .attribute(named: "name", value: "alternativeProfile"),
                        .choice("", say(nl: "— geen —", en: "— none —")),
                        .forEach(agreement.profile.narrowerAlternatives(for: agreement.coreTask)) { .choice($0.rawValue, say($0.label)) }),
                    .label(.for("\(id)-alternative-conditions"), .text(say(nl: "Randvoorwaarden", en: "Conditions"))),
                    .textarea(.id("\(id)-alternative-conditions"), .name("alternativeConditions"), .attribute(named: "maxlength", value: "4000")),
                ])),
                .button(.type(.submit), .class("primary"), .id("\(id)-submit"), .text(say(nl: "Standpunt vastleggen", en: "Record the standpoint"))))
        ])
    }

    private func hiddenFields() -> Node<HTML.FormContext> {
        .group(
            .input(.type(.hidden), .name(CSRFMiddleware.fieldName), .value(csrfToken)),
            .input(.type(.hidden), .name("baseVersion"), .value("\(entry.version)")))
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
