import Foundation
import KnooppuntCore
import Plot

/// `/plannen`: a region's plans register — reviews past and coming first — and for its keepers the form to
/// record a plan (decision 0030).
struct PlansPage: Bilingual {
    let strings: UIStrings
    let csrfToken: String
    let user: CurrentUser
    let regionName: String
    let plans: [Plans.PlanDTO]
    let riskChoices: [(id: UUID, title: String)]
    let mayKeep: Bool

    var language: KnooppuntCore.Language { strings.language }

    func render() -> String {
        let attention = plans.filter { $0.review != .later }
        let layout = Layout(title: say(nl: "Plannen", en: "Plans"), strings: strings, csrfToken: csrfToken, user: user, path: SiteURL.plans().path)
        return layout.render(.group(
            .h1(.text(say(nl: "Plannen en handboeken \(regionName)", en: "Plans and handbooks \(regionName)"))),
            .p(.id("plans-status"), .class("lead"), .text(say(nl: "\(plans.count) plannen", en: "\(plans.count) plans")),
               .if(!attention.isEmpty, .span(.class("badge overdue"), .text(say(nl: "\(attention.count) te herzien", en: "\(attention.count) to review"))))),
            .if(!attention.isEmpty, .section(
                .id("plans-review"), .class("card attention"),
                .h2(.text(say(nl: "Herziening nodig of nabij", en: "Review due or near"))),
                .ul(.forEach(attention) { plan in
                    .li(.a(.href(SiteURL.plans(.plan(.value(plan.id))).path), .text(plan.title)),
                        .text(" — " + PlanText(language: language).review(plan)))
                }))),
            .section(
                .id("plans-list"), .class("card"),
                .h2(.text(say(nl: "Register", en: "Register"))),
                plans.isEmpty ? .p(.class("help"), .text(say(nl: "Nog geen plannen vastgelegd.", en: "No plans recorded yet.")))
                    : .tableScroll(say(nl: "Plannen", en: "Plans"), .table(
                        .id("plans-table"),
                        .thead(.tr(.th(.text(say(nl: "Plan", en: "Plan"))), .th(.text(say(nl: "Soort", en: "Kind"))),
                                   .th(.text(say(nl: "Vaststelling", en: "Adoption"))), .th(.text(say(nl: "Herziening", en: "Review"))))),
                        .tbody(.forEach(plans) { plan in
                            .tr(.td(.a(.href(SiteURL.plans(.plan(.value(plan.id))).path), .text(plan.title))),
                                .td(.text(plan.kind.label.text(language))),
                                .td(.text(PlanText(language: language).adoption(plan))),
                                .td(.text(PlanText(language: language).review(plan))))
                        })))),
            .if(mayKeep, .section(
                .id("plan-forms"), .class("card"),
                .details(
                    .summary(.text(say(nl: "Plan vastleggen", en: "Record a plan"))),
                    .form(.id("plan-form"), .class("stacked"), .method(.post), .action(SiteURL.plans().path),
                          RiskText(language: language).hidden(csrfToken), PlanText(language: language).fields(nil, risks: riskChoices),
                          .button(.type(.submit), .id("plan-submit"), .text(say(nl: "Vastleggen", en: "Record")))))))
        ))
    }
}

/// `/plannen/{id}`: a plan, and for its keepers the change form and the form to attach it.
struct PlanPage: Bilingual {
    let strings: UIStrings
    let csrfToken: String
    let user: CurrentUser
    let plan: Plans.PlanDTO
    let risks: [(id: UUID, title: String)]
    let mayKeep: Bool
    /// Open incidents and open risk pictures of the region the reader may attach the plan to.
    let incidents: [(id: UUID, label: String)]
    let pictures: [(id: UUID, label: String)]

    var language: KnooppuntCore.Language { strings.language }

    func render() -> String {
        let text = PlanText(language: language)
        let layout = Layout(title: plan.title, strings: strings, csrfToken: csrfToken, user: user, path: SiteURL.plans(.plan(.value(plan.id))).path)
        return layout.render(.group(
            .p(.a(.href(SiteURL.plans().path), .text(say(nl: "← Plannen", en: "← Plans")))),
            .h1(.text(plan.title)),
            .p(.id("plan-state"), .class("lead"), .span(.class(plan.review == .later ? "badge" : "badge overdue"), .text(text.review(plan))),
               .text(" " + text.adoption(plan))),
            .section(.class("card"), .dl(
                .class("facts risk-facts"),
                .dt(.text(say(nl: "Soort", en: "Kind"))), .dd(.text(plan.kind.label.text(language))),
                .dt(.text(say(nl: "Eigenaar", en: "Owner"))), .dd(.text(plan.owner)),
                .dt(.text(say(nl: "Vindplaats", en: "Location"))), .dd(.text(plan.location ?? "—")),
                .dt(.text(say(nl: "Risico's", en: "Risks"))),
                .dd(.ul(.class("plain"), .forEach(risks.filter { plan.risks.contains($0.id) }) { risk in
                    .li(.a(.href(SiteURL.risks(.risk(.value(risk.id))).path), .text(risk.title)))
                })),
                .dt(.text(say(nl: "Partners", en: "Partners"))), .dd(.text(plan.partners.isEmpty ? "—" : plan.partners.joined(separator: ", "))),
                .dt(.text(say(nl: "Laatst vastgelegd", en: "Last recorded"))),
                .dd(.text("\(DisplayFormat.minute(plan.recordedAt)), \(plan.recordedByName) (" + say(nl: "versie", en: "version") + " \(plan.version))")))),
            .if(!incidents.isEmpty || !pictures.isEmpty, .section(
                .id("plan-attach"), .class("card"),
                .details(
                    .summary(.text(say(nl: "Koppelen aan een incident of risicobeeld", en: "Attach to an incident or risk picture"))),
                    .form(.id("plan-attach-form"), .class("stacked"), .method(.post), .action(SiteURL.plans(.attachment(.value(plan.id))).path),
                          RiskText(language: language).hidden(csrfToken),
                          .label(.for("attach-incident"), .text(say(nl: "Incident", en: "Incident"))),
                          .select(.id("attach-incident"), .attribute(named: "name", value: "incident"), .choice("", "—"),
                                  .forEach(incidents) { .choice($0.id.uuidString, $0.label) }),
                          .label(.for("attach-picture"), .text(say(nl: "of risicobeeld", en: "or risk picture"))),
                          .select(.id("attach-picture"), .attribute(named: "name", value: "picture"), .choice("", "—"),
                                  .forEach(pictures) { .choice($0.id.uuidString, $0.label) }),
                          .button(.type(.submit), .id("plan-attach-submit"), .text(say(nl: "Koppelen", en: "Attach"))))))),
            .if(mayKeep, .section(
                .id("plan-forms"), .class("card"),
                .details(
                    .summary(.text(say(nl: "Wijzigen of vaststelling vastleggen", en: "Change, or record the adoption"))),
                    .form(.id("plan-change-form"), .class("stacked"), .method(.post), .action(SiteURL.plans(.plan(.value(plan.id))).path),
                          RiskText(language: language).hidden(csrfToken), .input(.type(.hidden), .name("baseVersion"), .value(String(plan.version))),
                          text.fields(plan, risks: risks),
                          .button(.type(.submit), .id("plan-change"), .text(say(nl: "Opslaan", en: "Save")))))))
        ))
    }
}

/// Parts the plan pages share.
struct PlanText: Bilingual {
    let language: KnooppuntCore.Language

    func review(_ plan: Plans.PlanDTO) -> String {
        let day = RiskText.day(plan.reviewOn)
        switch plan.review {
        case .due: return say(nl: "herziening was op \(day)", en: "review was due on \(day)")
        case .soon: return say(nl: "herziening op \(day) (binnen 60 dagen)", en: "review on \(day) (within 60 days)")
        case .later: return say(nl: "herziening op \(day)", en: "review on \(day)")
        }
    }

    func adoption(_ plan: Plans.PlanDTO) -> String {
        guard let by = plan.adoptedBy, let on = plan.adoptedOn else { return say(nl: "Niet vastgesteld", en: "Not adopted") }
        return say(nl: "Vastgesteld door \(by) op \(RiskText.day(on))", en: "Adopted by \(by) on \(RiskText.day(on))")
    }

    func fields(_ plan: Plans.PlanDTO?, risks: [(id: UUID, title: String)]) -> Node<HTML.FormContext> {
        let kinds: [Node<HTML.SelectContext>] = PlanKind.allCases.map { .choice($0.rawValue, $0.label.text(language), selected: plan?.kind == $0) }
        let boxes: [Node<HTML.FormContext>] = risks.enumerated().map { index, risk in
            .label(.class("check"), .input(.type(.checkbox), .name("risks[]"), .value(risk.id.uuidString), .id("plan-risk-\(index)"),
                                          Attribute<HTML.InputContext>(name: "checked", value: plan?.risks.contains(risk.id) == true ? "checked" : "", ignoreIfValueIsEmpty: true)),
                   .text(" " + risk.title))
        }
        return .group(
            .label(.for("plan-title"), .text(say(nl: "Titel", en: "Title"))),
            .input(.id("plan-title"), .name("title"), .type(.text), .required(true), .value(plan?.title ?? "")),
            .label(.for("plan-kind"), .text(say(nl: "Soort", en: "Kind"))),
            .select(.id("plan-kind"), .attribute(named: "name", value: "kind"), .group(kinds)),
            .label(.for("plan-owner"), .text(say(nl: "Eigenaar", en: "Owner"))),
            .input(.id("plan-owner"), .name("owner"), .type(.text), .required(true), .value(plan?.owner ?? "")),
            .label(.for("plan-review"), .text(say(nl: "Herzien op", en: "Review on"))),
            .input(.id("plan-review"), .name("reviewOn"), .type(.date), .required(true), .value(plan?.reviewOn ?? "")),
            .label(.for("plan-adopted-by"), .text(say(nl: "Vastgesteld door (leeg: nog niet)", en: "Adopted by (empty: not yet)"))),
            .input(.id("plan-adopted-by"), .name("adoptedBy"), .type(.text), .value(plan?.adoptedBy ?? "")),
            .label(.for("plan-adopted-on"), .text(say(nl: "Vastgesteld op", en: "Adopted on"))),
            .input(.id("plan-adopted-on"), .name("adoptedOn"), .type(.date), .value(plan?.adoptedOn ?? "")),
            .label(.for("plan-location"), .text(say(nl: "Vindplaats (optioneel)", en: "Location (optional)"))),
            .input(.id("plan-location"), .name("location"), .type(.text), .value(plan?.location ?? "")),
            .element(named: "fieldset", nodes: [.element(named: "legend", text: say(nl: "Risico's uit het profiel", en: "Risks of the profile")), .group(boxes)]))
    }
}
