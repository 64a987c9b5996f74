import Foundation
import KnooppuntCore
import Plot

/// `/scenarios`: the scenario library (decision 0032) — the scenarios the reader may read, and for keepers
/// the form to add one: a title, the assumptions, and what fails.
struct ScenariosPage: Bilingual {
    let strings: UIStrings
    let csrfToken: String
    let user: CurrentUser
    let scenarios: [Scenarios.SummaryDTO]
    /// What a keeper may choose to fail: the vital processes and the objects and functions it may see.
    let choices: [IncidentCascades.Candidate]
    let mayKeep: Bool

    var language: KnooppuntCore.Language { strings.language }

    func render() -> String {
        let layout = Layout(title: say(nl: "Scenario's", en: "Scenarios"), strings: strings, csrfToken: csrfToken, user: user, path: SiteURL.scenarios().path)
        return layout.render(.group(
            .h1(.text(say(nl: "Scenario's: wat kan volgen als …", en: "Scenarios: what may follow if …"))),
            .p(.id("scenarios-status"), .class("lead"), .text(say(nl: "\(scenarios.count) scenario's", en: "\(scenarios.count) scenarios"))),
            .p(.class("help"), .text(say(
                nl: "Een scenario is een uitval met de aannames waarop het rust. Doorreken het in de koude fase om plannen voor te bereiden, of start er een oefening mee.",
                en: "A scenario is a failure with the assumptions it rests on. Run it in the cold phase to prepare plans, or start an exercise from it."))),
            .section(
                .class("card"), .id("scenarios-list"),
                scenarios.isEmpty ? .p(.class("help"), .text(say(nl: "Nog geen scenario's.", en: "No scenarios yet.")))
                    : .ul(.class("plain"), .forEach(scenarios) { scenario in
                        .li(.a(.href(SiteURL.scenarios(.scenario(.value(scenario.id))).path), .text(scenario.title)),
                            .text(" · " + (scenario.scope == "national" ? say(nl: "landelijk", en: "national") : scenario.scope)),
                            .br(), .span(.class("muted small"), .text(scenario.assumptions.count > 160 ? String(scenario.assumptions.prefix(160)) + "…" : scenario.assumptions)))
                    })),
            .if(mayKeep, form())
        ))
    }

    private func form() -> Node<HTML.BodyContext> {
        let boxes: [Node<HTML.FormContext>] = choices.enumerated().map { index, choice in
            .label(.class("check"), .input(.type(.checkbox), .name("failing[]"), .value(choice.key), .id("scenario-fail-\(index)")),
                   .text(" \(choice.name) · \(choice.typeLabel)"))
        }
        return .section(
            .class("card"), .id("scenario-forms"),
            .details(
                .summary(.text(say(nl: "Scenario toevoegen", en: "Add a scenario"))),
                .form(
                    .id("scenario-form"), .class("stacked"), .method(.post), .action(SiteURL.scenarios().path),
                    .input(.type(.hidden), .name(CSRFMiddleware.fieldName), .value(csrfToken)),
                    .label(.for("scenario-title"), .text(say(nl: "Titel", en: "Title"))),
                    .input(.id("scenario-title"), .name("title"), .type(.text), .required(true)),
                    .label(.for("scenario-assumptions"), .text(say(nl: "Aannames", en: "Assumptions"))),
                    .textarea(.id("scenario-assumptions"), .name("assumptions"), .attribute(named: "rows", value: "3"), .required(true)),
                    .p(.strong(.text(say(nl: "Wat valt uit?", en: "What fails?")))),
                    .group(boxes),
                    .button(.type(.submit), .id("scenario-submit"), .text(say(nl: "Vastleggen", en: "Record"))))))
    }
}

/// `/scenarios/{id}`: a scenario run — what fails, how far it reaches, the waves on the map and as lists — and
/// the button that starts an exercise from it.
struct ScenarioPage: Bilingual {
    let strings: UIStrings
    let csrfToken: String
    let user: CurrentUser
    let detail: Scenarios.DetailDTO
    let mayExercise: Bool
    let leafletAvailable: Bool
    let tileURL: String?

    var language: KnooppuntCore.Language { strings.language }

    func render() -> String {
        let view = CascadeView(language: language, cascade: detail.cascade, leafletAvailable: leafletAvailable, tileURL: tileURL)
        var layout = Layout(title: detail.scenario.title, strings: strings, csrfToken: csrfToken, user: user,
                            path: SiteURL.scenarios(.scenario(.value(detail.scenario.id))).path)
        view.assets(&layout)
        let failing = detail.failing.map(\.name).joined(separator: ", ")
        return layout.render(.group(
            .p(.a(.href(SiteURL.scenarios().path), .text(say(nl: "← Scenario's", en: "← Scenarios")))),
            .h1(.text(detail.scenario.title)),
            .p(.id("scenario-status"), .class("lead"),
               .text(say(nl: "Uitval van \(failing.isEmpty ? "—" : failing) · ", en: "Failure of \(failing.isEmpty ? "—" : failing) · ") + view.reach() + ".")),
            .p(.id("scenario-assumptions"), .text(say(nl: "Aannames: ", en: "Assumptions: ") + detail.scenario.assumptions)),
            .if(mayExercise, .form(
                .id("scenario-exercise"), .class("inline"), .method(.post), .action(SiteURL.scenarios(.exercise(.value(detail.scenario.id))).path),
                .input(.type(.hidden), .name(CSRFMiddleware.fieldName), .value(csrfToken)),
                .button(.type(.submit), .id("scenario-exercise-submit"), .text(say(nl: "Oefening starten", en: "Start an exercise"))),
                .text(" "), .span(.class("help"), .text(say(nl: "Een oefenincident: niemand wordt gealarmeerd.", en: "An exercise incident: nobody is alerted."))))),
            .p(.a(.href(SiteURL.plans().path), .text(say(nl: "Plannen en handboeken", en: "Plans and handbooks")))),
            view.mapSection(),
            view.waves { _ in .empty },
            .p(.class("help"), .text(view.basis() + " " + say(
                nl: "Versie \(detail.scenario.version), vastgelegd door \(detail.scenario.recordedByName) op \(DisplayFormat.minute(detail.scenario.recordedAt)).",
                en: "Version \(detail.scenario.version), recorded by \(detail.scenario.recordedByName) on \(DisplayFormat.minute(detail.scenario.recordedAt))."))),
        ))
    }
}
