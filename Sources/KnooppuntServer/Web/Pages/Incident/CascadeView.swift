import Foundation
import KnooppuntCore
import KnooppuntInterop
import Plot

/// A cascade as pages show it (decision 0032): the map of the waves — a numbered dot per step in its wave's
/// colour — with its legend, and the waves with each step's reason and source. The page adds what a reader
/// may do with a step.
struct CascadeView: Bilingual {
    let language: KnooppuntCore.Language
    let cascade: DependencyStore.CascadeDTO
    let leafletAvailable: Bool
    let tileURL: String?

    var steps: [DependencyStore.CascadeStepDTO] { cascade.waves.flatMap(\.steps) }
    var numbers: [String: Int] { Dictionary(uniqueKeysWithValues: steps.enumerated().map { ($1.node.key, $0 + 1) }) }

    /// The map's script and style, for the page's layout.
    func assets(_ layout: inout Layout) {
        guard leafletAvailable else { return }
        layout.styles += [SiteURL.leaflet("leaflet.css").path]
        layout.scripts += [SiteURL.leaflet("leaflet.js").path, SiteURL.asset(.value("cascade-map.js")).path]
    }

    func mapSection() -> Node<HTML.BodyContext> {
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
            legend()))
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
        .ul(.class("wave-legend"), .forEach(cascade.waves) { wave in
            .li(.span(.class("wave-dot wave-\(wave.index)"), .attribute(named: "aria-hidden", value: "true")), .text(" " + wave.label + " (\(wave.steps.count))"))
        })
    }

    /// Every wave as a card; `actions` gives what the reader may do with a step (or nothing).
    func waves(actions: (DependencyStore.CascadeStepDTO) -> Node<HTML.BodyContext>) -> Node<HTML.BodyContext> {
        let numbers = self.numbers
        return .forEach(cascade.waves) { wave in
            .section(
                .class("card wave"), .id("wave-\(wave.index)"), .attribute(named: "aria-labelledby", value: "wave-\(wave.index)-title"),
                .h2(.id("wave-\(wave.index)-title"), .span(.class("wave-dot wave-\(wave.index)"), .attribute(named: "aria-hidden", value: "true")),
                    .text(" " + wave.label)),
                .ol(.class("steps"), .forEach(wave.steps) { step in
                    .li(.class("step"), .id("step-\(step.node.key)"), .data(named: "node", value: step.node.key),
                        facts(step, number: numbers[step.node.key] ?? 0), actions(step))
                }))
        }
    }

    private func facts(_ step: DependencyStore.CascadeStepDTO, number: Int) -> Node<HTML.BodyContext> {
        .group(
            .p(.span(.class("step-number wave-\(step.wave)"), .text("\(number)")), .text(" "), .strong(.text(step.node.name)),
               .text(" · \(step.node.typeLabel)" + ((step.node.regionName ?? step.node.region).map { " · \($0)" } ?? "") + " · \(step.atLabel)"),
               .if(step.via != nil, .text(" · " + say(nl: "kans", en: "chance") + " \(Int((step.probability * 100).rounded())) %"))),
            .p(.class("step-why"), .text(step.explanation)),
            .unwrap(step.via) { via in
                .p(.class("step-source"),
                   .span(.class(via.sourceKind == .assumption ? "badge source-assumption" : "badge source-\(via.sourceKind.rawValue)"), .text(via.sourceLabel)),
                   .text(" " + via.source + "."), .unwrap(via.effect) { .text(" " + $0) })
            })
    }

    /// One line on how far it reaches: consequences within three days, regions, people.
    func reach() -> String {
        let consequences = steps.filter { $0.via != nil }
        let last = consequences.map(\.atMinutes).max().map { DependencyStore.minutesLabel($0, language) } ?? "T+0"
        var parts = [consequences.isEmpty ? say(nl: "geen gevolgen in het model", en: "no consequences in the model")
                     : say(nl: "\(consequences.count) \(consequences.count == 1 ? "gevolg" : "gevolgen"), het laatste op \(last)",
                           en: "\(consequences.count) consequence\(consequences.count == 1 ? "" : "s"), the last at \(last)")]
        if !cascade.regions.isEmpty { parts.append(say(nl: "raakt ", en: "reaches ") + cascade.regions.map(\.name).joined(separator: ", ")) }
        if cascade.population > 0 {
            parts.append(say(nl: "ca. \(DisplayFormat.count(cascade.population, language)) mensen afhankelijk",
                             en: "about \(DisplayFormat.count(cascade.population, language)) people depend on it"))
        }
        return parts.joined(separator: " · ")
    }

    func basis() -> String {
        let pruned = cascade.prunedSteps
        return say(nl: "Berekend op het deel van het afhankelijkhedenmodel dat u mag zien; elke stap noemt de afhankelijkheid en haar bron. "
                       + "Een aanname is een inschatting, geen gemeten feit."
                       + (pruned > 0 ? " \(pruned) mogelijke \(pruned == 1 ? "stap is" : "stappen zijn") weggelaten (kans onder 5 % of later dan 3 dagen)." : ""),
                   en: "Computed on the part of the dependency model you may see; every step names the dependency and its source. "
                       + "An assumption is an estimate, not a measured fact."
                       + (pruned > 0 ? " \(pruned) possible step\(pruned == 1 ? " was" : "s were") left out (chance below 5 % or later than 3 days)." : ""))
    }
}
