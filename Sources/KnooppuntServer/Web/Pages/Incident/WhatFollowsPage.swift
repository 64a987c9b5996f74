import Foundation
import KnooppuntCore
import KnooppuntInterop
import Plot

/// `/incidents/{id}/wat-kan-volgen`: what may follow from an incident (decision 0032) — first what it means
/// (how far it reaches, which other regions, how many people), then the waves over time with every step's
/// reason and source, each with its actions; choosing another failure is a form at the end.
struct WhatFollowsPage: Bilingual {
    let strings: UIStrings
    let csrfToken: String
    let user: CurrentUser
    let incident: (id: UUID, reference: String, title: String)
    let result: IncidentCascades.ResultDTO
    /// May add entries, alert partners, propose: the incident is open and the reader edits it.
    let mayAct: Bool
    let mayAddEntry: Bool
    let leafletAvailable: Bool
    let tileURL: String?
    /// What was just done, to confirm it: "entry" or "alert", with the step's name.
    let done: (kind: String, name: String)?
    /// The regions the incident involves: a GRIP 5 proposal needs the other regions involved first.
    let involvedRegions: [String]
    /// A regional node with a national node: the IM may share the cascade that crosses regions.
    let mayShare: Bool

    var language: KnooppuntCore.Language { strings.language }

    private var path: String { SiteURL.incident(.value(incident.id), .whatFollows).path }
    private var steps: [DependencyStore.CascadeStepDTO] { result.cascade.waves.flatMap(\.steps) }

    func render() -> String {
        var layout = Layout(title: say(nl: "Wat kan volgen", en: "What may follow") + " · \(incident.reference)", strings: strings, csrfToken: csrfToken,
                            user: user, path: path)
        let view = CascadeView(language: language, cascade: result.cascade, leafletAvailable: leafletAvailable, tileURL: tileURL)
        view.assets(&layout)
        let cascade = result.cascade
        return layout.render(.group(
            .p(.a(.href(SiteURL.incident(.value(incident.id)).path), .text("← \(incident.reference) · \(incident.title)"))),
            .h1(.id("what-follows-title"), .text(say(nl: "Wat kan volgen", en: "What may follow"))),
            .unwrap(done) { done in
                .p(.id("what-follows-done"), .class("notice"), .attribute(named: "role", value: "status"),
                   .text(done.kind == "shared" ? say(nl: "Gedeeld met het landelijk knooppunt: de gevolgen die niet vertrouwelijk zijn staan op de landelijke kaart.",
                                                     en: "Shared with the national node: the consequences that are not confidential show on the national map.")
                         : done.kind == "alert"
                         ? say(nl: "Gealarmeerd: \(done.name).", en: "Alerted: \(done.name).")
                         : say(nl: "Melding gemaakt in het thema Algemeen (nog niet geverifieerd): \(done.name).",
                               en: "Entry made in the General theme (not yet verified): \(done.name).")))
            },
            .p(.id("what-follows-status"), .class("lead"), .text(status(view))),
            .if(cascade.crossesRegions && !cascade.regionsToInform.isEmpty, crossRegions()),
            view.mapSection(),
            view.waves { self.actions($0) },
            .if(steps.isEmpty, .section(.class("card"), .p(.class("help"), .text(say(
                nl: "Er ligt niets uit het afhankelijkhedenmodel in het gebied van het incident dat u mag zien. Kies hieronder wat uitvalt.",
                en: "Nothing of the dependency model that you may see lies in the incident's area. Choose below what fails."))))),
            .if(!result.roles.isEmpty, roles()),
            chooser(),
            .p(.class("help"), .id("what-follows-basis"), .text(view.basis()))
        ))
    }

    private func status(_ view: CascadeView) -> String {
        if result.failing.isEmpty { return say(nl: "Nog niets gekozen dat uitvalt.", en: "Nothing chosen that fails yet.") }
        let failing = result.failing.map(\.name).joined(separator: ", ")
        return say(nl: "Uitval van \(failing)", en: "Failure of \(failing)")
            + (result.fromArea ? say(nl: " (in het gebied van het incident)", en: " (in the incident's area)") : "") + " · " + view.reach() + "."
    }

    private func crossRegions() -> Node<HTML.BodyContext> {
        let others = result.cascade.regionsToInform.map(\.name).joined(separator: ", ")
        let missing = result.cascade.regionsToInform.filter { !involvedRegions.contains($0.code) }
        let missingNames = missing.map(\.name).joined(separator: ", ")
        let failingKeys = result.fromArea ? [] : result.failing.map(\.key)
        let reason = say(nl: "Wat kan volgen raakt ook \(others): gevolgen over de regiogrens vragen om afstemming (GRIP 5 / IRBT).",
                         en: "What may follow also reaches \(others): consequences across the regional border call for coordination (GRIP 5 / IRBT).")
        return .section(
            .id("what-follows-regions"), .class("card attention"), .attribute(named: "aria-labelledby", value: "what-follows-regions-title"),
            .h2(.id("what-follows-regions-title"), .text(say(nl: "Raakt ook \(others)", en: "Also reaches \(others)"))),
            .p(.text(say(nl: "Informeer \(others). Bij gevolgen in meer dan één regio stelt de voorzitter GRIP 5 vast of wordt een IRBT gevormd.",
                         en: "Inform \(others). With consequences in more than one region, the chair sets GRIP 5 or an IRBT is formed."))),
            .if(mayAct && !missing.isEmpty, .form(
                .id("what-follows-involve"), .class("stacked"), .method(.post), .action(SiteURL.incident(.value(incident.id), .whatFollowsRegions).path),
                .input(.type(.hidden), .name(CSRFMiddleware.fieldName), .value(csrfToken)),
                .forEach(missing) { .input(.type(.hidden), .name("regions[]"), .value($0.code)) },
                .forEach(failingKeys) { .input(.type(.hidden), .name("failing[]"), .value($0)) },
                .p(.class("help"), .text(say(nl: "Eerst betrekt u \(missingNames) bij het incident; daarna kunt u GRIP 5 voorstellen.",
                                             en: "First involve \(missingNames) in the incident; then you can propose GRIP 5."))),
                .button(.type(.submit), .id("what-follows-involve-submit"), .text(say(nl: "\(missingNames) betrekken", en: "Involve \(missingNames)"))))),
            .if(mayShare, .form(
                .id("what-follows-share"), .class("inline"), .method(.post), .action(SiteURL.incident(.value(incident.id), .whatFollowsShare).path),
                .input(.type(.hidden), .name(CSRFMiddleware.fieldName), .value(csrfToken)),
                .forEach(failingKeys) { .input(.type(.hidden), .name("failing[]"), .value($0)) },
                .button(.type(.submit), .class("secondary"), .id("what-follows-share-submit"),
                        .text(say(nl: "Delen met het landelijk knooppunt", en: "Share with the national node"))))),
            .if(mayAct && missing.isEmpty, .form(
                .id("what-follows-propose"), .class("stacked"), .method(.post), .action(SiteURL.incident(.value(incident.id), .proposals).path),
                .input(.type(.hidden), .name(CSRFMiddleware.fieldName), .value(csrfToken)),
                .input(.type(.hidden), .name("grip"), .value("5")),
                .label(.for("what-follows-reason"), .text(say(nl: "Reden van het voorstel", en: "Reason for the proposal"))),
                .textarea(.id("what-follows-reason"), .name("reason"), .attribute(named: "rows", value: "3"), .text(reason)),
                .button(.type(.submit), .id("what-follows-propose-submit"), .text(say(nl: "GRIP 5 voorstellen", en: "Propose GRIP 5"))))))
    }

    /// What the reader may do with a step: make it an entry, alert its owner.
    private func actions(_ step: DependencyStore.CascadeStepDTO) -> Node<HTML.BodyContext> {
        let failing = result.fromArea ? [] : result.failing.map(\.key)
        let owner = step.node.ownerName ?? step.node.owner ?? ""
        let alertLabel = say(nl: "Alarmeer \(owner)", en: "Alert \(owner)")
        let reported = result.reported.contains(step.node.key)
        let alerted = step.node.owner.map(result.alerted.contains) ?? false
        let mayEntry = mayAddEntry && !reported
        let mayAlert = mayAct && step.node.owner != nil && !alerted
        return .group(
            .if(reported || alerted, .p(.class("step-done"), .text([
                reported ? say(nl: "Melding gemaakt", en: "Entry made") : nil,
                alerted ? say(nl: "\(owner) gealarmeerd", en: "\(owner) alerted") : nil,
            ].compactMap { $0 }.joined(separator: " · ")))),
            .if(mayEntry || mayAlert, .div(
                .class("step-actions"),
                .if(mayEntry, .form(
                    .class("inline"), .method(.post), .action(SiteURL.incident(.value(incident.id), .whatFollowsEntry).path),
                    .input(.type(.hidden), .name(CSRFMiddleware.fieldName), .value(csrfToken)),
                    .input(.type(.hidden), .name("node"), .value(step.node.key)),
                    .forEach(failing) { .input(.type(.hidden), .name("failing[]"), .value($0)) },
                    .button(.type(.submit), .class("small"), .data(named: "action", value: "entry"),
                            .text(say(nl: "Maak er een melding van", en: "Make it an entry"))))),
                .if(mayAlert, .form(
                    .class("inline"), .method(.post), .action(SiteURL.incident(.value(incident.id), .whatFollowsAlert).path),
                    .input(.type(.hidden), .name(CSRFMiddleware.fieldName), .value(csrfToken)),
                    .input(.type(.hidden), .name("node"), .value(step.node.key)),
                    .input(.type(.hidden), .name("partner"), .value(step.node.owner ?? "")),
                    .forEach(failing) { .input(.type(.hidden), .name("failing[]"), .value($0)) },
                    .button(.type(.submit), .class("small secondary"), .data(named: "action", value: "alert"),
                            .text(alertLabel)))))))
    }

    /// Who is at turn in this scenario and phase, by aspect: the bestuurlijke netwerkkaart (decision 0033).
    private func roles() -> Node<HTML.BodyContext> {
        let scenarioProcess = result.scenarioProcess
        let link = scenarioProcess.map { SiteURL.networkMap().url(query: ["fase": result.rolesPhase.rawValue, "proces": $0]) }
            ?? SiteURL.networkMap().url(query: ["fase": result.rolesPhase.rawValue])
        return .section(
            .class("card"), .id("what-follows-roles"), .attribute(named: "aria-labelledby", value: "what-follows-roles-title"),
            .h2(.id("what-follows-roles-title"), .text(say(nl: "Wie is aan zet", en: "Who is responsible"))),
            .p(.class("help"), .text(say(
                nl: "Volgens de bestuurlijke netwerkkaart, \(result.rolesPhase.label.nl.lowercased()), voor de vitale processen die geraakt worden" + (result.ministries.isEmpty ? "." : " (ministeries: \(result.ministries.map { NetworkMapPage.ministryName($0, .nl) }.joined(separator: ", ")))."),
                en: "By the administrative network map, \(result.rolesPhase.label.en.lowercased()), for the vital processes reached" + (result.ministries.isEmpty ? "." : " (ministries: \(result.ministries.map { NetworkMapPage.ministryName($0, .en) }.joined(separator: ", "))).")))),
            .ul(.class("plain responsibilities"), .forEach(DigitalSecurityAspect.allCases) { aspect in
                let items = result.roles.filter { $0.aspect == aspect }
                return .li(
                    .strong(.text(aspect.label.text(language) + ": ")),
                    items.isEmpty ? .span(.class("badge overdue"), .text(say(nl: "niemand aangewezen", en: "nobody designated")))
                        : .group(items.enumerated().map { index, item in
                            .group(.if(index > 0, .text(" · ")), .text(item.actorLabel + (item.legalBasis.map { " (\($0))" } ?? "")),
                                   .if(item.clarity == .unclear, .group(.text(" "), .span(.class("badge source-assumption"), .text(item.clarityLabel)))))
                        }))
            }),
            .p(.a(.href(link), .text(say(nl: "De hele netwerkkaart", en: "The whole network map")))))
    }

    private func chooser() -> Node<HTML.BodyContext> {
        let chosen = Set(result.failing.map(\.key))
        let inArea = say(nl: " (in het gebied)", en: " (in the area)")
        let boxes: [Node<HTML.FormContext>] = result.candidates.enumerated().map { index, candidate in
            let checked = Attribute<HTML.InputContext>(name: "checked", value: chosen.contains(candidate.key) ? "checked" : "", ignoreIfValueIsEmpty: true)
            let text = " \(candidate.name) · \(candidate.typeLabel)" + (candidate.inArea ? inArea : "")
            return .label(.class("check"), .input(.type(.checkbox), .name("uitval[]"), .value(candidate.key), .id("fail-\(index)"), checked), .text(text))
        }
        return .section(
            .class("card"), .id("what-follows-choose"),
            .details(
                .summary(.text(say(nl: "Andere uitval kiezen", en: "Choose another failure"))),
                .form(
                    .id("what-follows-form"), .class("stacked"), .method(.get), .action(path),
                    .p(.strong(.text(say(nl: "Wat valt uit?", en: "What fails?")))),
                    .group(boxes),
                    .button(.type(.submit), .id("what-follows-compute"), .text(say(nl: "Bereken wat volgt", en: "Compute what follows"))))))
    }

}
