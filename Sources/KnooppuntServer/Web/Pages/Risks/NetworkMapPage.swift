import Foundation
import KnooppuntCore
import KnooppuntInterop
import Plot

/// `/netwerkkaart`: the bestuurlijke netwerkkaart digitale ontwrichting (decision 0033) — first how much is
/// unclear, then per aspect and phase who is responsible, with what power or duty and on which legal basis,
/// the gaps shown as gaps; a graph of one phase; a scenario (a vital process failing) narrows it to the
/// actors it concerns. Administrators change it at the end of the page.
struct NetworkMapPage: Bilingual {
    let strings: UIStrings
    let csrfToken: String
    let user: CurrentUser
    let map: NetworkMaps.MapDTO
    /// The phase the graph shows.
    let graphPhase: RegionPhase
    let mayEdit: Bool
    /// The role the reader acts in on the map, if it is one of its actors (a chair, a mayor, a minister).
    let ownActor: NetworkActor?
    /// What an administrator just did, to confirm it.
    let notice: String?

    /// The actor a signed-in person is on the map: the chair, a mayor, or the minister of their ministry.
    static func actor(of user: CurrentUser) -> NetworkActor? {
        switch user.role {
        case .voorzitter: .voorzitterVeiligheidsregio
        case .burgemeester: .burgemeester
        case .minister:
            switch user.organisationCode {
            case "JENV": .ministerJenV
            case "IENW": .ministerIenW
            default: nil
            }
        default: nil
        }
    }

    /// The ministries by their full names, as a person reads them.
    static func ministryName(_ code: String, _ language: KnooppuntCore.Language) -> String {
        let names: [String: LocalizedLabel] = [
            "EZK": LocalizedLabel(nl: "Economische Zaken (EZK)", en: "Economic Affairs (EZK)"),
            "IenW": LocalizedLabel(nl: "Infrastructuur en Waterstaat (IenW)", en: "Infrastructure and Water Management (IenW)"),
            "JenV": LocalizedLabel(nl: "Justitie en Veiligheid (JenV)", en: "Justice and Security (JenV)"),
            "BZK": LocalizedLabel(nl: "Binnenlandse Zaken en Koninkrijksrelaties (BZK)", en: "the Interior and Kingdom Relations (BZK)"),
            "FIN": LocalizedLabel(nl: "Financiën (FIN)", en: "Finance (FIN)"),
            "DEF": LocalizedLabel(nl: "Defensie", en: "Defence"),
        ]
        return names[code]?.text(language) ?? code
    }

    var language: KnooppuntCore.Language { strings.language }

    static func navLabel(_ language: KnooppuntCore.Language) -> String { language == .nl ? "Netwerkkaart" : "Network map" }

    func render() -> String {
        let layout = Layout(title: say(nl: "Bestuurlijke netwerkkaart", en: "Administrative network map"), strings: strings, csrfToken: csrfToken,
                            user: user, path: SiteURL.networkMap().path)
        let phases = map.phase.map { [$0] } ?? RegionPhase.allCases
        let cells = DigitalSecurityAspect.allCases.count * phases.count
        return layout.render(.group(
            .h1(.text(say(nl: "Bestuurlijke netwerkkaart digitale ontwrichting", en: "Administrative network map of digital disruption"))),
            .p(.id("network-map-status"), .class("lead"),
               .text(say(nl: "\(map.responsibilities.count) verantwoordelijkheden · ", en: "\(map.responsibilities.count) responsibilities · ")),
               .span(.class(map.gaps.isEmpty ? "badge" : "badge overdue"),
                     .text(say(nl: "\(map.gaps.count) van \(cells) cellen onvoldoende helder", en: "\(map.gaps.count) of \(cells) cells not clear enough")))),
            .p(.class("help"), .text(say(
                nl: "Wie is verantwoordelijk voor welk aspect van digitale veiligheid, in de koude, lauwe en warme fase — naar de bronnotitie over digitale ontwrichting en de wet. Waar de verantwoordelijkheid onvoldoende helder is, staat dat er.",
                en: "Who is responsible for which aspect of digital security, in the cold, lukewarm and warm phase — after the source paper on digital disruption and the law. Where responsibility is not clear enough, it says so."))),
            .unwrap(notice) { .p(.id("network-map-notice"), .class("notice"), .attribute(named: "role", value: "status"), .text($0)) },
            .unwrap(ownActor) { ownRole($0, phases: phases) },
            filters(),
            .if(map.scenarioProcess != nil, scenarioNote()),
            graph(),
            graphList(),
            .forEach(DigitalSecurityAspect.allCases) { aspect($0, phases: phases) },
            .section(.class("card"), .id("network-map-export"),
                     .p(.text(say(nl: "Downloaden: ", en: "Download: ")),
                        .a(.href(SiteURL.api(.networkMapExport).url(query: ["format": "json"])), .text("JSON")), .text(" · "),
                        .a(.href(SiteURL.api(.networkMapExport).url(query: ["format": "csv"])), .text("CSV")),
                        .text(map.version == 0 ? say(nl: " · standaardkaart", en: " · standard map")
                              : say(nl: " · versie \(map.version)", en: " · version \(map.version)")
                                + (map.recordedAt.map { " (" + DisplayFormat.minute($0) + (map.recordedByName.map { ", \($0)" } ?? "") + ")" } ?? "")))),
            .p(.class("help"), .id("network-map-sources"), .text(say(
                nl: "Bronnen: 004:L… zijn regels uit de bronnotitie over digitale ontwrichting (002 en 000: de andere bronnotities); [PK] is openbare kennis (wet, beleid), met de naam van de bron.",
                en: "Sources: 004:L… are lines of the source paper on digital disruption (002 and 000: the other source papers); [PK] is public knowledge (law, policy), with the source named."))),
            .if(mayEdit, editor())
        ))
    }

    private func filters() -> Node<HTML.BodyContext> {
        let phaseChoices: [Node<HTML.SelectContext>] = [.choice("", say(nl: "Alle fasen", en: "All phases"), selected: map.phase == nil)]
            + RegionPhase.allCases.map { .choice($0.rawValue, $0.label.text(language), selected: map.phase == $0) }
        let processChoices: [Node<HTML.SelectContext>] = [.choice("", say(nl: "Geen scenario", en: "No scenario"), selected: map.scenarioProcess == nil)]
            + VitalProcesses.nodes.map { .choice($0.key, $0.name, selected: map.scenarioProcess == $0.key) }
        return .form(
            .id("network-map-filters"), .class("inline filters"), .method(.get), .action(SiteURL.networkMap().path),
            .label(.for("network-map-phase"), .text(say(nl: "Fase", en: "Phase"))),
            .select(.id("network-map-phase"), .attribute(named: "name", value: "fase"), .group(phaseChoices)),
            .label(.for("network-map-process"), .text(say(nl: "Scenario: uitval van", en: "Scenario: failure of"))),
            .select(.id("network-map-process"), .attribute(named: "name", value: "proces"), .group(processChoices)),
            .button(.type(.submit), .class("small"), .id("network-map-apply"), .text(say(nl: "Toon", en: "Show"))))
    }

    /// The reader's own role first: what it is responsible for, per phase, and where that is unclear.
    private func ownRole(_ actor: NetworkActor, phases: [RegionPhase]) -> Node<HTML.BodyContext> {
        let mine = map.responsibilities.filter { $0.actor == actor }
        return .section(
            .class("card attention"), .id("network-map-own"), .attribute(named: "aria-labelledby", value: "network-map-own-title"),
            .h2(.id("network-map-own-title"), .text(say(nl: "Uw rol: \(actor.label.nl)", en: "Your role: \(actor.label.en)"))),
            mine.isEmpty ? .p(.text(say(nl: "In deze keuze heeft u geen taak op de kaart.", en: "In this selection the map gives you no task.")))
                : .ul(.class("plain responsibilities"), .forEach(mine) { item in
                    .li(.class(item.clarity == .unclear ? "unclear" : "clear"),
                        .strong(.text("\(item.aspectLabel), \(item.phase.label.text(language).lowercased()): ")), .text(item.duty),
                        .unwrap(item.legalBasis) { .text(" (\($0))") },
                        .if(item.clarity == .unclear, .group(.text(" "), .span(.class("badge source-assumption"), .text(item.clarityLabel)))))
                }))
    }

    /// On a phone the graph becomes a list: per aspect who is responsible in the phase, unclear ones marked.
    private func graphList() -> Node<HTML.BodyContext> {
        let shown = map.responsibilities.filter { $0.phase == graphPhase }
        return .section(
            .class("card graph-list"), .id("network-graph-list"),
            .h2(.text(say(nl: "Wie per aspect: \(graphPhase.label.nl.lowercased())", en: "Who per aspect: \(graphPhase.label.en.lowercased())"))),
            .ul(.class("plain responsibilities"), .forEach(DigitalSecurityAspect.allCases) { aspect in
                let items = shown.filter { $0.aspect == aspect }
                return .li(.strong(.text(aspect.label.text(language) + ": ")),
                           items.isEmpty ? .span(.class("badge overdue"), .text(say(nl: "niemand aangewezen", en: "nobody designated")))
                               : .group(items.enumerated().map { index, item in
                                   .group(.if(index > 0, .text(" · ")), .text(item.actorLabel),
                                          .if(item.clarity == .unclear, .group(.text(" "), .span(.class("badge source-assumption"), .text(item.clarityLabel)))))
                               }))
            }))
    }

    private func scenarioNote() -> Node<HTML.BodyContext> {
        let names = Dictionary(uniqueKeysWithValues: VitalProcesses.nodes.map { ($0.key, $0.name) })
        let reached = map.scenarioProcesses.compactMap { names[$0] }
        return .p(.id("network-map-scenario"), .class("advice"), .attribute(named: "role", value: "note"),
                  .text(say(nl: "Scenario: uitval van \(names[map.scenarioProcess ?? ""] ?? "—"). Volgens het afhankelijkhedenmodel raakt dat: \(reached.joined(separator: ", ")). Betrokken ministeries: \(map.ministries.map { Self.ministryName($0, .nl) }.joined(separator: ", ")).",
                            en: "Scenario: failure of \(names[map.scenarioProcess ?? ""] ?? "—"). By the dependency model it reaches: \(reached.joined(separator: ", ")). Ministries concerned: \(map.ministries.map { Self.ministryName($0, .en) }.joined(separator: ", "))."))
        )
    }

    /// The phase as a graph: the aspects on the left, the actors on the right, a line for each
    /// responsibility — solid where it is clear, dashed red where it is not.
    private func graph() -> Node<HTML.BodyContext> {
        let shown = map.responsibilities.filter { $0.phase == graphPhase }
        let aspects = DigitalSecurityAspect.allCases
        let actors = NetworkActor.allCases.filter { actor in shown.contains { $0.actor == actor } }
        let rowHeight = 34, top = 28
        let height = max(aspects.count, actors.count) * rowHeight + top + 8
        func y(_ index: Int, of count: Int) -> Int {
            let free = (max(aspects.count, actors.count) - count) * rowHeight / 2
            return top + free + index * rowHeight + rowHeight / 2
        }
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 720 \(height)\" role=\"img\" class=\"network-graph\" aria-labelledby=\"network-graph-title\">"
        svg += "<title id=\"network-graph-title\">" + Markup.escape(say(nl: "Netwerkkaart, \(graphPhase.label.nl.lowercased())", en: "Network map, \(graphPhase.label.en.lowercased())")) + "</title>"
        svg += "<text x=\"8\" y=\"16\" class=\"graph-head\">" + Markup.escape(say(nl: "Aspect", en: "Aspect")) + "</text>"
        svg += "<text x=\"712\" y=\"16\" text-anchor=\"end\" class=\"graph-head\">" + Markup.escape(say(nl: "Wie", en: "Who")) + "</text>"
        for responsibility in shown {
            guard let a = aspects.firstIndex(of: responsibility.aspect), let b = actors.firstIndex(of: responsibility.actor) else { continue }
            let unclear = responsibility.clarity == .unclear
            svg += "<line x1=\"300\" y1=\"\(y(a, of: aspects.count))\" x2=\"430\" y2=\"\(y(b, of: actors.count))\" class=\"\(unclear ? "edge unclear" : "edge")\"/>"
        }
        for (index, aspect) in aspects.enumerated() {
            let gap = map.gaps.contains { $0.aspect == aspect && $0.phase == graphPhase }
            svg += "<text x=\"294\" y=\"\(y(index, of: aspects.count) + 5)\" text-anchor=\"end\" class=\"\(gap ? "node gap" : "node")\">" + Markup.escape(aspect.label.text(language)) + "</text>"
            svg += "<circle cx=\"300\" cy=\"\(y(index, of: aspects.count))\" r=\"4\"/>"
        }
        for (index, actor) in actors.enumerated() {
            svg += "<circle cx=\"430\" cy=\"\(y(index, of: actors.count))\" r=\"4\"/>"
            svg += "<text x=\"436\" y=\"\(y(index, of: actors.count) + 5)\" class=\"node\">" + Markup.escape(actor.label.text(language)) + "</text>"
        }
        svg += "</svg>"
        return .section(
            .class("card"), .id("network-graph"), .attribute(named: "aria-labelledby", value: "network-graph-heading"),
            .h2(.id("network-graph-heading"), .text(say(nl: "Als netwerk: \(graphPhase.label.nl.lowercased())", en: "As a network: \(graphPhase.label.en.lowercased())"))),
            .div(.class("graph-scroll"), .raw(svg)),
            .p(.class("help"), .text(say(nl: "Doorgetrokken lijn: helder. Rode stippellijn: onvoldoende helder. Een rood aspect heeft een leemte in deze fase.",
                                         en: "Solid line: clear. Red dashed line: not clear enough. A red aspect has a gap in this phase."))))
    }

    private func aspect(_ aspect: DigitalSecurityAspect, phases: [RegionPhase]) -> Node<HTML.BodyContext> {
        .section(
            .class("card network-aspect"), .id("aspect-\(aspect.rawValue)"), .attribute(named: "aria-labelledby", value: "aspect-\(aspect.rawValue)-title"),
            .h2(.id("aspect-\(aspect.rawValue)-title"), .text(aspect.label.text(language))),
            .div(.class("network-phases"), .forEach(phases) { phase in
                let items = map.responsibilities.filter { $0.aspect == aspect && $0.phase == phase }
                let gap = map.gaps.first { $0.aspect == aspect && $0.phase == phase }
                return .div(
                    .class("network-phase"), .data(named: "phase", value: phase.rawValue),
                    .h3(.text(phase.label.text(language)), .unwrap(gap) { .span(.class("badge overdue"), .text(" " + $0.label)) }),
                    items.isEmpty ? .p(.class("help"), .text(say(nl: "Niemand aangewezen.", en: "Nobody designated."))) : .ul(.class("plain responsibilities"), .forEach(items) { item in
                        .li(
                            .class(item.clarity == .unclear ? "unclear" : "clear"),
                            .strong(.text(item.actorLabel)), .text(": " + item.duty),
                            .unwrap(item.legalBasis) { .text(" (\($0))") },
                            .if(item.clarity == .unclear, .group(.text(" "), .span(.class("badge source-assumption"), .text(item.clarityLabel)))),
                            .br(), .span(.class("muted small"), .text(say(nl: "Bron: ", en: "Source: ") + item.source)),
                            .if(mayEdit, .form(
                                .class("inline"), .method(.post), .action(SiteURL.networkMap(.removal).path),
                                .input(.type(.hidden), .name(CSRFMiddleware.fieldName), .value(csrfToken)),
                                .input(.type(.hidden), .name("baseVersion"), .value(String(map.version))),
                                .input(.type(.hidden), .name("aspect"), .value(item.aspect.rawValue)),
                                .input(.type(.hidden), .name("phase"), .value(item.phase.rawValue)),
                                .input(.type(.hidden), .name("actor"), .value(item.actor.rawValue)),
                                .text(" "), .button(.type(.submit), .class("small secondary"), .text(say(nl: "Verwijderen", en: "Remove"))))))
                    }))
            }))
    }

    private func editor() -> Node<HTML.BodyContext> {
        func select<T: RawRepresentable & CaseIterable>(_ name: String, _ id: String, _ label: (T) -> String) -> Node<HTML.FormContext> where T.RawValue == String {
            .select(.id(id), .attribute(named: "name", value: name), .group(T.allCases.map { Node<HTML.SelectContext>.choice($0.rawValue, label($0)) }))
        }
        return .section(
            .class("card"), .id("network-map-edit"),
            .details(
                .summary(.text(say(nl: "Verantwoordelijkheid vastleggen of wijzigen", en: "Record or change a responsibility"))),
                .form(
                    .id("network-map-form"), .class("stacked"), .method(.post), .action(SiteURL.networkMap().path),
                    .input(.type(.hidden), .name(CSRFMiddleware.fieldName), .value(csrfToken)),
                    .input(.type(.hidden), .name("baseVersion"), .value(String(map.version))),
                    .p(.class("help"), .text(say(nl: "Heeft deze persoon of organisatie in dit aspect en deze fase al een verantwoordelijkheid, dan vervangt dit die tekst.",
                                                 en: "If this person or organisation already has a responsibility for this aspect and phase, this replaces that text."))),
                    .label(.for("nm-aspect"), .text(say(nl: "Aspect", en: "Aspect"))),
                    select("aspect", "nm-aspect") { (aspect: DigitalSecurityAspect) in aspect.label.text(language) },
                    .label(.for("nm-phase"), .text(say(nl: "Fase", en: "Phase"))),
                    select("phase", "nm-phase") { (phase: RegionPhase) in phase.label.text(language) },
                    .label(.for("nm-actor"), .text(say(nl: "Wie", en: "Who"))),
                    select("actor", "nm-actor") { (actor: NetworkActor) in actor.label.text(language) },
                    .label(.for("nm-duty-nl"), .text(say(nl: "Taak of bevoegdheid (Nederlands)", en: "Duty or power (Dutch)"))),
                    .input(.id("nm-duty-nl"), .name("dutyNl"), .type(.text), .required(true)),
                    .label(.for("nm-duty-en"), .text(say(nl: "Taak of bevoegdheid (Engels)", en: "Duty or power (English)"))),
                    .input(.id("nm-duty-en"), .name("dutyEn"), .type(.text), .required(true)),
                    .label(.for("nm-basis"), .text(say(nl: "Wettelijke grondslag (leeg: onbekend)", en: "Legal basis (empty: unknown)"))),
                    .input(.id("nm-basis"), .name("legalBasis"), .type(.text)),
                    .label(.for("nm-clarity"), .text(say(nl: "Helderheid", en: "Clarity"))),
                    select("clarity", "nm-clarity") { (clarity: NetworkClarity) in clarity.label.text(language) },
                    .label(.for("nm-source"), .text(say(nl: "Bron", en: "Source"))),
                    .input(.id("nm-source"), .name("source"), .type(.text), .required(true)),
                    .button(.type(.submit), .id("network-map-submit"), .text(say(nl: "Vastleggen", en: "Record"))))))
    }
}
