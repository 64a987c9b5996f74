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

    var language: KnooppuntCore.Language { strings.language }

    private var path: String { SiteURL.incident(.value(incident.id), .whatFollows).path }
    private var steps: [DependencyStore.CascadeStepDTO] { result.cascade.waves.flatMap(\.steps) }

    func render() -> String {
        var layout = Layout(title: say(nl: "Wat kan volgen", en: "What may follow") + " · \(incident.reference)", strings: strings, csrfToken: csrfToken,
                            user: user, path: path)
        if leafletAvailable {
            layout.styles = [SiteURL.leaflet("leaflet.css").path]
            layout.scripts = [SiteURL.leaflet("leaflet.js").path, SiteURL.asset(.value("cascade-map.js")).path]
        }
        let cascade = result.cascade
        let consequences = steps.filter { $0.via != nil }
        let numbers = Dictionary(uniqueKeysWithValues: steps.enumerated().map { ($1.node.key, $0 + 1) })
        return layout.render(.group(
            .p(.a(.href(SiteURL.incident(.value(incident.id)).path), .text("← \(incident.reference) · \(incident.title)"))),
            .h1(.id("what-follows-title"), .text(say(nl: "Wat kan volgen", en: "What may follow"))),
            .unwrap(done) { done in
                .p(.id("what-follows-done"), .class("notice"), .attribute(named: "role", value: "status"),
                   .text(done.kind == "alert"
                         ? say(nl: "Gealarmeerd: \(done.name).", en: "Alerted: \(done.name).")
                         : say(nl: "Melding gemaakt in het thema Algemeen (nog niet geverifieerd): \(done.name).",
                               en: "Entry made in the General theme (not yet verified): \(done.name).")))
            },
            .p(.id("what-follows-status"), .class("lead"), .text(status(consequences.count))),
            .if(cascade.crossesRegions && !cascade.regionsToInform.isEmpty, crossRegions()),
            .if(!steps.isEmpty, .section(
                .class("card map-section"), .id("cascade-map-section"), .attribute(named: "aria-labelledby", value: "cascade-map-title"),
                .h2(.id("cascade-map-title"), .text(say(nl: "Op de kaart, per golf", en: "On the map, by wave"))),
                .if(!leafletAvailable, .p(.class("help"), .text(say(nl: "De kaart is op deze server niet beschikbaar; de golven staan hieronder.",
                                                                   en: "The map is not available on this server; the waves are listed below.")))),
                .if(leafletAvailable, .div(
                    .id("cascade-map"), .class("cascade-map"), .attribute(named: "role", value: "img"),
                    .attribute(named: "aria-label", value: say(nl: "Kaart van de gevolgen per golf", en: "Map of the consequences by wave")),
                    .data(named: "tiles", value: DisplayFormat.attribute(tileURL ?? "")),
                    .data(named: "boundaries", value: SiteURL.api(.regionBoundaries).path),
                    .data(named: "steps", value: DisplayFormat.attribute(mapData())))),
                legend())),
            .forEach(cascade.waves) { self.wave($0, numbered: numbers) },
            .if(steps.isEmpty, .section(.class("card"), .p(.class("help"), .text(say(
                nl: "Er ligt niets uit het afhankelijkhedenmodel in het gebied van het incident dat u mag zien. Kies hieronder wat uitvalt.",
                en: "Nothing of the dependency model that you may see lies in the incident's area. Choose below what fails."))))),
            .if(!result.roles.isEmpty, roles()),
            chooser(),
            .p(.class("help"), .id("what-follows-basis"), .text(basis()))
        ))
    }

    private func status(_ consequences: Int) -> String {
        let cascade = result.cascade
        let failing = result.failing.map(\.name).joined(separator: ", ")
        var parts: [String] = []
        if result.failing.isEmpty { return say(nl: "Nog niets gekozen dat uitvalt.", en: "Nothing chosen that fails yet.") }
        parts.append(say(nl: "Uitval van \(failing)", en: "Failure of \(failing)") + (result.fromArea ? say(nl: " (in het gebied van het incident)", en: " (in the incident's area)") : ""))
        parts.append(say(nl: "\(consequences) \(consequences == 1 ? "gevolg" : "gevolgen") binnen 3 dagen", en: "\(consequences) consequence\(consequences == 1 ? "" : "s") within 3 days"))
        if !cascade.regions.isEmpty { parts.append(say(nl: "raakt ", en: "reaches ") + cascade.regions.map(\.name).joined(separator: ", ")) }
        if cascade.population > 0 {
            parts.append(say(nl: "ca. \(DisplayFormat.count(cascade.population, language)) mensen afhankelijk", en: "about \(DisplayFormat.count(cascade.population, language)) people depend on it"))
        }
        return parts.joined(separator: " · ") + "."
    }

    private func crossRegions() -> Node<HTML.BodyContext> {
        let others = result.cascade.regionsToInform.map(\.name).joined(separator: ", ")
        let reason = say(nl: "Wat kan volgen raakt ook \(others): gevolgen over de regiogrens vragen om afstemming (GRIP 5 / IRBT).",
                         en: "What may follow also reaches \(others): consequences across the regional border call for coordination (GRIP 5 / IRBT).")
        return .section(
            .id("what-follows-regions"), .class("card attention"), .attribute(named: "aria-labelledby", value: "what-follows-regions-title"),
            .h2(.id("what-follows-regions-title"), .text(say(nl: "Raakt ook \(others)", en: "Also reaches \(others)"))),
            .p(.text(say(nl: "Informeer \(others). Bij gevolgen in meer dan één regio stelt de voorzitter GRIP 5 vast of wordt een IRBT gevormd.",
                         en: "Inform \(others). With consequences in more than one region, the chair sets GRIP 5 or an IRBT is formed."))),
            .if(mayAct, .form(
                .id("what-follows-propose"), .class("stacked"), .method(.post), .action(SiteURL.incident(.value(incident.id), .proposals).path),
                .input(.type(.hidden), .name(CSRFMiddleware.fieldName), .value(csrfToken)),
                .input(.type(.hidden), .name("grip"), .value("5")),
                .label(.for("what-follows-reason"), .text(say(nl: "Reden van het voorstel", en: "Reason for the proposal"))),
                .textarea(.id("what-follows-reason"), .name("reason"), .attribute(named: "rows", value: "2"), .text(reason)),
                .button(.type(.submit), .id("what-follows-propose-submit"), .text(say(nl: "GRIP 5 voorstellen", en: "Propose GRIP 5"))))))
    }

    private func mapData() -> String {
        struct Point: Encodable {
            var key: String
            var name: String
            var lon: Double
            var lat: Double
            var wave: Int
            var at: String
            var from: String?
            var number: Int
        }
        let points = steps.enumerated().compactMap { index, step -> Point? in
            guard let location = step.node.location else { return nil }
            return Point(key: step.node.key, name: step.node.name, lon: location.lon, lat: location.lat, wave: step.wave, at: step.atLabel,
                         from: step.via?.dependsOn, number: index + 1)
        }
        return (try? CanonicalJSON.encode(points)) ?? "[]"
    }

    private func legend() -> Node<HTML.BodyContext> {
        .ul(.class("wave-legend"), .forEach(result.cascade.waves) { wave in
            .li(.span(.class("wave-dot wave-\(wave.index)"), .attribute(named: "aria-hidden", value: "true")), .text(" " + wave.label + " (\(wave.steps.count))"))
        })
    }

    private func wave(_ wave: DependencyStore.CascadeWaveDTO, numbered numbers: [String: Int]) -> Node<HTML.BodyContext> {
        .section(
            .class("card wave"), .id("wave-\(wave.index)"), .attribute(named: "aria-labelledby", value: "wave-\(wave.index)-title"),
            .h2(.id("wave-\(wave.index)-title"), .span(.class("wave-dot wave-\(wave.index)"), .attribute(named: "aria-hidden", value: "true")),
                .text(" " + wave.label)),
            .ol(.class("steps"), .forEach(wave.steps) { step($0, number: numbers[$0.node.key] ?? 0) }))
    }

    private func step(_ step: DependencyStore.CascadeStepDTO, number: Int) -> Node<HTML.ListContext> {
        let failing = result.fromArea ? [] : result.failing.map(\.key)
        let owner = step.node.ownerName ?? step.node.owner ?? ""
        let alertLabel = say(nl: "Alarmeer \(owner)", en: "Alert \(owner)")
        return .li(
            .class("step"), .data(named: "node", value: step.node.key),
            .p(.span(.class("step-number wave-\(step.wave)"), .text("\(number)")), .text(" "), .strong(.text(step.node.name)),
               .text(" · \(step.node.typeLabel)" + (step.node.region.map { " · \($0)" } ?? "") + " · \(step.atLabel)"),
               .if(step.via != nil, .text(" · " + say(nl: "kans", en: "chance") + " \(Int((step.probability * 100).rounded())) %"))),
            .p(.class("step-why"), .text(step.explanation)),
            .unwrap(step.via) { via in
                .p(.class("step-source"),
                   .span(.class(via.sourceKind == .assumption ? "badge source-assumption" : "badge source-\(via.sourceKind.rawValue)"), .text(via.sourceLabel)),
                   .unwrap(via.effect) { .text(" " + $0) })
            },
            .if(mayAddEntry || (mayAct && step.node.owner != nil), .div(
                .class("step-actions"),
                .if(mayAddEntry, .form(
                    .class("inline"), .method(.post), .action(SiteURL.incident(.value(incident.id), .whatFollowsEntry).path),
                    .input(.type(.hidden), .name(CSRFMiddleware.fieldName), .value(csrfToken)),
                    .input(.type(.hidden), .name("node"), .value(step.node.key)),
                    .forEach(failing) { .input(.type(.hidden), .name("failing[]"), .value($0)) },
                    .button(.type(.submit), .class("small"), .data(named: "action", value: "entry"),
                            .text(say(nl: "Maak er een melding van", en: "Make it an entry"))))),
                .if(mayAct && step.node.owner != nil, .form(
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
        let scenarioProcess = steps.first { $0.node.kind == .process }?.node.key
        let link = scenarioProcess.map { SiteURL.networkMap().url(query: ["fase": result.rolesPhase.rawValue, "proces": $0]) }
            ?? SiteURL.networkMap().url(query: ["fase": result.rolesPhase.rawValue])
        return .section(
            .class("card"), .id("what-follows-roles"), .attribute(named: "aria-labelledby", value: "what-follows-roles-title"),
            .h2(.id("what-follows-roles-title"), .text(say(nl: "Wie is aan zet", en: "Who is responsible"))),
            .p(.class("help"), .text(say(
                nl: "Volgens de bestuurlijke netwerkkaart, \(result.rolesPhase.label.nl.lowercased()), voor de vitale processen die geraakt worden" + (result.ministries.isEmpty ? "." : " (ministeries: \(result.ministries.joined(separator: ", ")))."),
                en: "By the administrative network map, \(result.rolesPhase.label.en.lowercased()), for the vital processes reached" + (result.ministries.isEmpty ? "." : " (ministries: \(result.ministries.joined(separator: ", "))).")))),
            .ul(.class("plain responsibilities"), .forEach(DigitalSecurityAspect.allCases) { aspect in
                let items = result.roles.filter { $0.aspect == aspect }
                return .li(
                    .strong(.text(aspect.label.text(language) + ": ")),
                    items.isEmpty ? .span(.class("badge overdue"), .text(say(nl: "niemand aangewezen", en: "nobody designated")))
                        : .group(items.enumerated().map { index, item in
                            .group(.if(index > 0, .text(" · ")), .text(item.actorLabel + (item.legalBasis.map { " (\($0))" } ?? "")),
                                   .if(item.clarity == .unclear, .span(.class("badge source-assumption"), .text(" " + item.clarityLabel))))
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

    private func basis() -> String {
        let pruned = result.cascade.prunedSteps
        return say(nl: "Berekend op het deel van het afhankelijkhedenmodel dat u mag zien; elke stap noemt de afhankelijkheid en haar bron. "
                       + "Een aanname is een inschatting, geen gemeten feit."
                       + (pruned > 0 ? " \(pruned) mogelijke \(pruned == 1 ? "stap is" : "stappen zijn") weggelaten (kans onder 5 % of later dan 3 dagen)." : ""),
                   en: "Computed on the part of the dependency model you may see; every step names the dependency and its source. "
                       + "An assumption is an estimate, not a measured fact."
                       + (pruned > 0 ? " \(pruned) possible step\(pruned == 1 ? " was" : "s were") left out (chance below 5 % or later than 3 days)." : ""))
    }
}
