import Foundation
import KnooppuntCore
import KnooppuntInterop
import Plot

/// How `NationalPicturePage` is drawn: its HTML, from the model's data.
extension NationalPicturePage {
    var language: KnooppuntCore.Language { strings.language }

    private var text: NationalText { NationalText(language: strings.language) }

    private func age(_ seconds: Int) -> String { text.age(seconds) }

    /// The regions in the lukewarm phase with the threats they share, first what they see coming (decision 0029).
    private func lukewarmSection() -> Node<HTML.BodyContext> {
        let lukewarm = regions.filter { $0.phase?.phase == .lauw }
        let shared = riskPictures.filter { $0.status == .open && $0.phase != .koud }
        return .section(
            .id("national-lukewarm"), .class(lukewarm.isEmpty ? "card" : "card urgent"),
            .h2(.text(say(nl: "Regio's in de lauwe fase", en: "Regions in the lukewarm phase") + " (\(lukewarm.count))")),
            lukewarm.isEmpty && shared.isEmpty
                ? .p(.class("empty"), .text(say(nl: "Geen regio in de lauwe fase; geen gedeelde risicobeelden.", en: "No region in the lukewarm phase; no shared risk pictures.")))
                : .ul(.forEach(lukewarm) { region in
                    .li(.strong(.text("\(region.code) \(region.name)")), .text(" — " + (region.phase?.reason ?? "")),
                        .ul(.forEach(shared.filter { $0.region == region.code }) { picture in
                            .li(.data(named: "picture", value: picture.picture.uuidString),
                                .text("\(picture.title) · \(picture.kind.label.text(language)) · "
                                      + say(nl: "verwacht \(DisplayFormat.minute(picture.expectedFrom)) tot \(DisplayFormat.minute(picture.expectedUntil))",
                                            en: "expected \(DisplayFormat.minute(picture.expectedFrom)) to \(DisplayFormat.minute(picture.expectedUntil))")
                                      + " · " + say(nl: "\(picture.effects.count) verwachte effecten, \(picture.signals.count) signalen",
                                                    en: "\(picture.effects.count) expected effects, \(picture.signals.count) signals")))
                        }))
                }))
    }

    /// What may follow across regional borders, as the regions share it; its steps are drawn on the map.
    private func cascadesSection() -> Node<HTML.BodyContext> {
        let names = Dictionary(regions.map { ($0.code, $0.name) }, uniquingKeysWith: { first, _ in first })
        func name(_ code: String?) -> String { code.map { names[$0] ?? $0 } ?? "—" }
        return .section(
            .id("national-cascades"), .class(cascades.isEmpty ? "card" : "card attention"),
            .h2(.text(say(nl: "Gevolgen over regiogrenzen", en: "Consequences across regional borders") + " (\(cascades.count))")),
            cascades.isEmpty
                ? .p(.class("empty"), .text(say(nl: "Geen gedeelde cascades.", en: "No shared cascades.")))
                : .ul(.forEach(cascades) { cascade in
                    .li(.data(named: "cascade", value: cascade.incident.uuidString),
                        .strong(.text("\(cascade.incidentReference) \(cascade.incidentTitle)")),
                        .text(" · " + say(nl: "raakt \(cascade.regions.map(name).joined(separator: ", "))", en: "reaches \(cascade.regions.map(name).joined(separator: ", "))")
                              + " · " + say(nl: "\(cascade.steps.count) gevolgen gedeeld", en: "\(cascade.steps.count) consequences shared")
                              + (cascade.withheld > 0 ? say(nl: ", \(cascade.withheld) vertrouwelijk bij de regio", en: ", \(cascade.withheld) confidential with the region") : "")
                              + " · " + say(nl: "gedeeld \(DisplayFormat.minute(cascade.sentAt)) door \(cascade.sentByName)",
                                            en: "shared \(DisplayFormat.minute(cascade.sentAt)) by \(cascade.sentByName)")),
                        .ul(.forEach(cascade.steps.filter { $0.region != cascade.region }) { step in
                            .li(.text("\(step.atLabel): \(step.name) (\(name(step.region)))"))
                        }))
                }))
    }

    /// The shared cascades' steps for the national map: a dot per located step in its wave's colour.
    static func cascadePoints(_ cascades: [CascadeSharing.Shared]) -> String {
        struct Point: Encodable { var key: String; var name: String; var lon: Double; var lat: Double; var wave: Int; var at: String; var from: String? }
        let points = cascades.enumerated().flatMap { index, cascade in
            cascade.steps.compactMap { step -> Point? in
                guard let lon = step.lon, let lat = step.lat else { return nil }
                return Point(key: "\(index):\(step.key)", name: "\(cascade.incidentReference) · \(step.name)", lon: lon, lat: lat, wave: step.wave,
                             at: step.atLabel, from: step.from.map { "\(index):\($0)" })
            }
        }
        return (try? CanonicalJSON.encode(points)) ?? "[]"
    }

    func render() -> String {
        var layout = Layout(title: say(nl: "Landelijk beeld", en: "National picture"), strings: strings, csrfToken: csrfToken, user: user, path: SiteURL.national().path)
        let showMap = isNationalNode && leafletAvailable
        if showMap {
            layout.styles = [SiteURL.leaflet("leaflet.css").path]
            layout.scripts = [SiteURL.leaflet("leaflet.js").path, SiteURL.asset(.value("live.js")).path, SiteURL.asset(.value("national-map.js")).path]
        }
        return layout.render(
            .group(
                .h1(.text(say(nl: "Landelijk operationeel beeld", en: "National operational picture"))),
                .p(.class("help"), .text(say(nl: "Incidenten zoals de regionale knooppunten ze delen: samenvattingen met hun bron en hun leeftijd. Details blijven bij de bron.", en: "Incidents as the regional nodes share them: summaries with their source and age. Details stay at the source."))),
                .unwrap(nationalPhase) { $0.render(id: "national-phase") },
                .if(isNationalNode, lukewarmSection()),
                .if(isNationalNode, cascadesSection()),
                .if(!isNationalNode, .p(.class("empty"), .id("not-national"), .attribute(named: "role", value: "status"), .text(say(nl: "Dit knooppunt is niet het landelijk knooppunt; start het met serve --role national om het landelijk beeld op te bouwen.", en: "This node is not the national node; start it with serve --role national to build the national picture.")))),
                .if(showMap, .div(
                    .id("national-map"), .class("incident-map"), .attribute(named: "role", value: "region"),
                    .attribute(named: "aria-label", value: say(nl: "Kaart van het landelijk beeld", en: "Map of the national picture")),
                    .data(named: "boundaries", value: SiteURL.api(.regionBoundaries).path),
                    .data(named: "tiles", value: DisplayFormat.attribute(tileURL ?? "")),
                    .data(named: "incidents", value: DisplayFormat.attribute(NationalPicturePage.markers(incidents, language: strings.language))),
                    .data(named: "cascades", value: DisplayFormat.attribute(NationalPicturePage.cascadePoints(cascades))))),
                .section(
                    .class("card"),
                    .h2(.text(say(nl: "Incidenten", en: "Incidents"))),
                    incidents.isEmpty ? .p(.class("empty"), .text(say(nl: "Nog geen incidenten gedeeld.", en: "No incidents shared yet.")))
                        : .tableScroll(say(nl: "Incidenten", en: "Incidents"), .table(
                            .id("national-incidents"),
                            .thead(.tr(.th(.text(say(nl: "Kenmerk", en: "Reference"))), .th(.text(say(nl: "Titel", en: "Title"))), .th(.text("GRIP")),
                                       .th(.text(say(nl: "Fase", en: "Phase"))), .th(.text(say(nl: "Regio's", en: "Regions"))),
                                       .th(.text(say(nl: "Kerncijfers", en: "Key figures"))),
                                       .th(.text(say(nl: "Bron", en: "Source"))), .th(.text(say(nl: "Bijgewerkt", en: "Updated"))))),
                            .tbody(.forEach(incidents) { row in
                                .tr(
                                    .data(named: "incident", value: row.summary.incident.uuidString),
                                    .td(.text(row.summary.reference)),
                                    .td(.a(.href(Self.detailURL(row.sourceNode, row.summary.incident)), .text(row.summary.title))),
                                    .td(.span(.class("badge grip-\(row.summary.grip.rawValue)"), .text(row.summary.grip.scaleLabel.text(strings.language)))),
                                    .td(.text(row.summary.phase.label.text(strings.language))),
                                    .td(.text(row.summary.involvedRegions.map(\.description).joined(separator: ", "))),
                                    .td(.class("figures"), .text(row.summary.figures.map(figuresText) ?? "—")),
                                    .td(.text(row.sourceNode)), .td(.text(age(row.ageSeconds))))
                            })))),
                .if(isNationalNode, groupingSection()),
                .if(isNationalNode, advisorySection()),
                .section(
                    .class("card"),
                    .h2(.text(say(nl: "Regio's", en: "Regions"))),
                    .tableScroll(say(nl: "Regio's", en: "Regions"), .table(
                        .id("national-regions"),
                        .thead(.tr(.th(.text(say(nl: "Regio", en: "Region"))), .th(.text(say(nl: "Incidenten", en: "Incidents"))),
                                   .th(.text(say(nl: "Hoogste GRIP", en: "Highest GRIP"))), .th(.text(say(nl: "Fase", en: "Phase"))),
                                   .th(.text(say(nl: "Laatste contact", en: "Last contact"))))),
                        .tbody(.forEach(regions) { region in
                            .tr(
                                .class((region.highestGRIP ?? .routine) >= .two ? "scaled" : ""),
                                .td(.text("\(region.code) \(region.name)")), .td(.text(String(region.incidents))),
                                .td(.text(region.highestGRIP.map { $0.scaleLabel.text(strings.language) } ?? "—")),
                                .td(.class("region-phase-cell"),
                                    .attribute(named: "title", value: DisplayFormat.attribute(region.phase?.reason ?? "")),
                                    .text((region.phase?.phase ?? RegionPhase.unrecorded).label.text(strings.language)
                                        + (region.phase == nil ? say(nl: " (niet gemeld)", en: " (not reported)") : ""))),
                                .td(.text(region.lastContact.map { age(Int(now.timeIntervalSince($0))) } ?? say(nl: "nooit", en: "never"))))
                        }))))
            ))
    }

    private func figuresText(_ figures: IncidentSummary.KeyFigures) -> String {
        say(nl: "\(figures.entries) berichten (\(figures.verifiedEntries) geverifieerd) · \(figures.decisions) besluiten · \(figures.openActions) open acties · \(figures.partners) partners", en: "\(figures.entries) entries (\(figures.verifiedEntries) verified) · \(figures.decisions) decisions · \(figures.openActions) open actions · \(figures.partners) partners")
    }

    static func detailURL(_ node: String, _ incident: UUID) -> String {
        SiteURL.national(.incident(node: .value(node), incident: .value(incident))).path
    }

    static func markers(_ incidents: [NationalController.NationalIncidentDTO], language: KnooppuntCore.Language) -> String {
        MapMarker.json(incidents.map { MapMarker($0.summary, node: $0.sourceNode, language: language) })
    }

    /// Bovenregionale bundelingen: the list, and a form joining incidents of two or more regions into one picture.
    private func groupingSection() -> Node<HTML.BodyContext> {
        .section(
            .class("card"),
            .h2(.text(say(nl: "Bovenregionale bundelingen", en: "Supra-regional bundles (bovenregionale bundelingen)"))),
            groupings.isEmpty ? .p(.class("empty"), .text(say(nl: "Nog geen bovenregionale bundelingen.", en: "No supra-regional bundles yet.")))
                : .ul(.id("grouping-list"), .forEach(groupings) { grouping in
                    .li(
                        .a(.href(SiteURL.national(.grouping(.value(grouping.id))).path), .text(grouping.name)),
                        .text(" · \(grouping.members.count) " + say(nl: "incidenten", en: "incidents") + " · "
                            + grouping.regions.map(\.rawValue).joined(separator: ", ")),
                        .unwrap(grouping.highestGRIP) { .span(.class("badge grip-\($0.rawValue)"), .text(" " + $0.scaleLabel.text(strings.language))) })
                }),
            .if(incidents.count >= 2, .form(
                .id("grouping-form"), .class("stacked"), .method(.post), .action(SiteURL.national(.groupings).path),
                .input(.type(.hidden), .name(CSRFMiddleware.fieldName), .value(csrfToken)),
                .label(.for("grouping-name"), .text(say(nl: "Naam", en: "Name"))),
                .input(.id("grouping-name"), .name("name"), .type(.text), .required(true)),
                .label(.for("grouping-description"), .text(say(nl: "Toelichting", en: "Description"))),
                .input(.id("grouping-description"), .name("description"), .type(.text)),
                .div(
                    .class("checkbox-group"), .attribute(named: "role", value: "group"),
                    .attribute(named: "aria-label", value: say(nl: "Incidenten", en: "Incidents")),
                    .p(.class("help"), .text(say(nl: "Incidenten (minstens twee, uit minstens twee regio's)", en: "Incidents (at least two, from at least two regions)"))),
                    .forEach(incidents) { row in
                        .label(
                            .class("checkbox"),
                            .input(.type(.checkbox), .name("incidents[]"), .value("\(row.sourceNode)/\(row.summary.incident.uuidString)"),
                                   .data(named: "incident", value: row.summary.incident.uuidString)),
                            .text(" \(row.summary.reference) · \(row.summary.title) (\(row.sourceNode))"))
                    }),
                .button(.type(.submit), .id("grouping-create"), .text(say(nl: "Bundeling maken", en: "Create bundle"))))))
    }

    private func kindLabel(_ kind: String) -> String {
        switch kind {
        case "risk": say(nl: "Risicobericht", en: "Risk message")
        case "handelingsperspectief": say(nl: "Handelingsperspectief", en: "Course of action")
        default: say(nl: "Advies", en: "Advisory")
        }
    }

    private func advisorySection() -> Node<HTML.BodyContext> {
        .section(
            .class("card"),
            .h2(.text(say(nl: "Adviezen aan de regio's", en: "Advisories to the regions"))),
            advisories.isEmpty ? .p(.class("empty"), .text(say(nl: "Nog niets verstuurd.", en: "Nothing sent yet.")))
                : .ul(.id("advisory-list"), .forEach(advisories) { advisory in
                    .li(
                        .strong(.text("\(kindLabel(advisory.kind)): \(advisory.title)")),
                        .text(" · \(DisplayFormat.time(advisory.createdAt)) · "),
                        .forEach(advisory.deliveries ?? []) { delivery in
                            .span(
                                .class(delivery.acknowledgedAt == nil ? "badge open" : "badge"),
                                .text(delivery.node.uppercased() + ": "
                                    + (delivery.acknowledgedAt.map { say(nl: "bevestigd ", en: "acknowledged ") + DisplayFormat.time($0) }
                                        ?? say(nl: "nog niet bevestigd", en: "not yet acknowledged")) + " "))
                        })
                }),
            .form(
                .id("advisory-form"), .class("stacked"), .method(.post), .action(SiteURL.national(.advisories).path),
                .input(.type(.hidden), .name(CSRFMiddleware.fieldName), .value(csrfToken)),
                .label(.for("advisory-kind"), .text(say(nl: "Soort", en: "Kind"))),
                .select(.id("advisory-kind"), .attribute(named: "name", value: "kind"),
                        .forEach(Advisories.kinds) { .choice($0, kindLabel($0)) }),
                .label(.for("advisory-title"), .text(say(nl: "Titel", en: "Title"))),
                .input(.id("advisory-title"), .name("title"), .type(.text), .required(true)),
                .label(.for("advisory-text"), .text(say(nl: "Tekst", en: "Text"))),
                .textarea(.id("advisory-text"), .name("text"), .required(true), .attribute(named: "rows", value: "3")),
                .label(.for("advisory-regions"), .text(say(nl: "Regio's (bijv. VR13, VR12; leeg: alle regionale knooppunten)", en: "Regions (e.g. VR13, VR12; empty: every regional node)"))),
                .input(.id("advisory-regions"), .name("regions"), .type(.text)),
                .button(.type(.submit), .id("advisory-send"), .text(say(nl: "Versturen", en: "Send")))))
    }
}
