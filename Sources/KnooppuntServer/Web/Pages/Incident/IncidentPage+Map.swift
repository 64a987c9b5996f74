import Foundation
import KnooppuntCore
import Plot

/// The map beside the overview (drawing tools, RD coordinates, exports) and the timeline.
extension IncidentPage {
    /// The incident map beside the affected area; outside `#picture`, so live refreshes keep it.
    func mapSection() -> Node<HTML.BodyContext> {
        let drawing = may.addEntry && !user.subject.isPartner
        return .section(
            .class("card map-section"), .id("map-section"), .attribute(named: "aria-labelledby", value: "map-title"),
            .div(
                .class("map-head"),
                .h2(.id("map-title"), .text(strings.mapTitle)),
                .if(leafletAvailable, .button(
                    .type(.button), .class("small secondary"), .id("map-enlarge"), .attribute(named: "aria-pressed", value: "false"),
                    .attribute(named: "aria-controls", value: "incident-map"),
                    .text(say(nl: "Grote kaart", en: "Large map"))))),
            .if(!leafletAvailable, .p(.class("error"), .text(strings.mapUnavailableHere))),
            .if(leafletAvailable && drawing, mapTools(hidden: !live)),
            .div(
                .class("map-layout"),
                .div(
                    .id("incident-map"), .class("incident-map"),
                    .attribute(named: "role", value: "application"), .attribute(named: "aria-label", value: strings.mapTitle),
                    .data(named: "incident", value: incident.id.uuidString),
                    .data(named: "at", value: viewingAt.map(JournalTime.string) ?? ""),
                    .data(named: "draw", value: drawing ? "true" : "false"),
                    .data(named: "verify", value: may.verify && live ? "true" : "false"),
                    .data(named: "tiles", value: DisplayFormat.attribute(tileURL ?? "")),
                    .data(named: "strings", value: DisplayFormat.attribute(mapStrings()))),
                .aside(
                    .class("affected"), .attribute(named: "aria-labelledby", value: "affected-title"),
                    .h3(.id("affected-title"), .text(strings.affectedTitle)),
                    .div(.id("affected-area"), .attribute(named: "aria-live", value: "polite")),
                    .p(.id("map-message"), .class("help"), .attribute(named: "role", value: "status")),
                    .p(
                        .class("map-export"),
                        .a(.id("export-geojson"), .href(SiteURL.api(.plots(incident.id)).path), .text("GeoJSON")), .text(" · "),
                        .a(.id("export-kml"), .href(SiteURL.api(.plots(incident.id)).url(query: ["format": "kml"])), .text("KML"))),
                    .h3(.id("rd-title"), .text(strings.rdTitle)),
                    .p(.id("map-position"), .class("muted")),
                    .form(
                        .id("rd-form"), .class("inline rd-form"), .attribute(named: "aria-labelledby", value: "rd-title"),
                        .label(.for("rd-x"), .text("x")),
                        .input(.type(.number), .id("rd-x"), .name("x"), .attribute(named: "step", value: "0.01"), .required(true)),
                        .label(.for("rd-y"), .text("y")),
                        .input(.type(.number), .id("rd-y"), .name("y"), .attribute(named: "step", value: "0.01"), .required(true)),
                        .button(.type(.submit), .class("small"), .id("rd-go"), .text(strings.rdGo))),
                    .p(.class("help"), .text(strings.rdHelp))))
        )
    }

    func mapTools(hidden: Bool) -> Node<HTML.BodyContext> {
        let tools: [PlotKind] = [.symbol, .label, .line, .route, .effectArea, .cordon, .evacuationArea, .circle]
        return .div(
            .id("map-tools"), .class("map-tools"), .attribute(named: "role", value: "toolbar"),
            .if(hidden, .attribute(named: "hidden")),
            .forEach(tools) { kind in
                .button(
                    .type(.button), .class("small"), .data(named: "tool", value: kind.rawValue),
                    .attribute(named: "aria-pressed", value: "false"), .text(kind.label.text(language)))
            },
            .button(.type(.button), .class("small"), .id("map-finish"), .text(strings.mapFinish)),
            .button(.type(.button), .class("small"), .id("map-cancel"), .text(strings.mapCancel)),
            .label(.for("map-symbol"), .text(strings.mapSymbol)),
            .element(named: "select", nodes: [
                .id("map-symbol"), .attribute(named: "name", value: "symbol"),
                .group(PlotSymbol.allCases.map { Node.choice($0.rawValue, $0.label.text(language)) }),
            ]),
            .label(.for("map-label"), .text(strings.mapLabelText)),
            .input(.type(.text), .id("map-label"), .name("label")),
            .label(.for("map-radius"), .text(strings.mapRadius)),
            .input(.type(.number), .id("map-radius"), .name("radius"), .value("500"), .attribute(named: "min", value: "1")),
            .label(.for("map-classification"), .text(strings.classification)),
            .element(named: "select", nodes: [
                .id("map-classification"), .attribute(named: "name", value: "classification"),
                .group(Classification.allCases.map { Node.choice($0.rawValue, $0.label.text(language), selected: $0 == .internal) }),
            ])
        )
    }

    /// The texts the map script shows, in the page's language.
    func mapStrings() -> String {
        var symbols: [String: String] = [:]
        for symbol in PlotSymbol.allCases { symbols[symbol.rawValue] = symbol.label.text(language) }
        var kinds: [String: String] = [:]
        for kind in PlotKind.allCases { kinds[kind.rawValue] = kind.label.text(language) }
        var hints: [String: String] = [:]
        for kind in PlotKind.allCases {
            hints[kind.rawValue] = [.symbol, .label, .circle].contains(kind) ? strings.mapHintPoint : strings.mapHintShape
        }
        let object: [String: Any] = [
            "layers": say(nl: "Kaartlagen", en: "Map layers"),
            "plots": strings.mapPlots, "regions": strings.mapRegions, "municipalities": strings.mapMunicipalities,
            "provinces": strings.mapProvinces, "affected": strings.mapAffected, "noneAffected": strings.mapNoneAffected,
            "irbt": strings.mapIRBT, "partners": strings.mapPartners, "remove": strings.mapRemove, "symbols": symbols,
            "kinds": kinds, "hints": hints, "reshape": strings.mapReshape, "reshapeHint": strings.mapReshapeHint,
            "enlarge": say(nl: "Grote kaart", en: "Large map"), "shrink": say(nl: "Kleine kaart", en: "Small map"),
            "verification": Dictionary(uniqueKeysWithValues: VerificationStatus.allCases.map { ($0.rawValue, $0.label.text(language)) }),
        ]
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }

    func timeline() -> Node<HTML.BodyContext> {
        // Whole seconds at both ends, so the thumb of the live picture sits exactly at the right end.
        let min = Int64(createdAt.timeIntervalSince1970.rounded(.down)) * 1000
        let max = Int64(now.timeIntervalSince1970.rounded(.up)) * 1000
        let value = viewingAt.map { Int64($0.timeIntervalSince1970 * 1000) } ?? max
        return .section(
            .class("timeline card"), .attribute(named: "aria-labelledby", value: "timeline-label"),
            .label(.id("timeline-label"), .for("timeline"), .text(strings.timeline)),
            .input(
                .type(.range), .id("timeline"), .attribute(named: "min", value: "\(min)"),
                .attribute(named: "max", value: "\(max)"), .attribute(named: "step", value: "1000"),
                .value("\(value)"), .attribute(named: "aria-describedby", value: "timeline-help")),
            .element(
                named: "output",
                nodes: [
                    .id("timeline-time"), .attribute(named: "for", value: "timeline"),
                    .text(DisplayFormat.time(viewingAt ?? now)),
                ]),
            .a(.id("back-to-live"), .href(SiteURL.incident(.value(incident.id)).path), .text(strings.backToLive)),
            .p(.id("timeline-help"), .class("help"), .text(strings.timelineHelp))
        )
    }
}
