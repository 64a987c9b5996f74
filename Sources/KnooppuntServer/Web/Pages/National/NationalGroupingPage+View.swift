import Foundation
import KnooppuntCore
import KnooppuntInterop
import Plot

/// How `NationalGroupingPage` is drawn: its HTML, from the model's data.
extension NationalGroupingPage {
    var language: KnooppuntCore.Language { strings.language }

    private var text: NationalText { NationalText(language: strings.language) }

    func render() -> String {
        var layout = Layout(title: grouping.name, strings: strings, csrfToken: csrfToken, user: user, path: SiteURL.national().path)
        if leafletAvailable {
            layout.styles = [SiteURL.leaflet("leaflet.css").path]
            layout.scripts = [SiteURL.leaflet("leaflet.js").path, SiteURL.asset(.value("live.js")).path, SiteURL.asset(.value("national-map.js")).path]
        }
        let language = strings.language
        let markers = MapMarker.json(grouping.members.map { MapMarker($0.summary, node: $0.node, language: language) })
        return layout.render(
            .group(
                .p(.a(.href(SiteURL.national().path), .text(say(nl: "← Landelijk beeld", en: "← National picture")))),
                .p(.class("kicker muted"), .text(say(nl: "Bovenregionale bundeling", en: "Supra-regional bundle"))),
                .h1(.text(grouping.name)),
                .if(!grouping.description.isEmpty, .p(.text(grouping.description))),
                .p(.id("grouping-summary"), .text(
                    say(nl: "Regio's: ", en: "Regions: ") + grouping.regions.map(\.rawValue).joined(separator: ", ")
                        + " · " + say(nl: "hoogste GRIP: ", en: "highest GRIP: ") + (grouping.highestGRIP?.scaleLabel.text(language) ?? "—"))),
                .if(leafletAvailable, .div(
                    .id("national-map"), .class("incident-map"), .attribute(named: "role", value: "region"),
                    .attribute(named: "aria-label", value: DisplayFormat.attribute(grouping.name)),
                    .data(named: "boundaries", value: SiteURL.api(.regionBoundaries).path),
                    .data(named: "tiles", value: DisplayFormat.attribute(tileURL ?? "")),
                    .data(named: "incidents", value: DisplayFormat.attribute(markers)))),
                .section(
                    .class("card"),
                    .h2(.text(say(nl: "Incidenten", en: "Incidents"))),
                    .ul(.id("grouping-members"), .forEach(grouping.members) { member in
                        .li(
                            .span(.class("badge grip-\(member.summary.grip.rawValue)"), .text(member.summary.grip.scaleLabel.text(language))),
                            .a(.href(NationalPicturePage.detailURL(member.node, member.summary.incident)),
                               .text(" \(member.summary.reference) · \(member.summary.title)")),
                            .span(.class("muted"), .text(" · \(member.node) · " + member.summary.involvedRegions.map(\.rawValue).joined(separator: ", "))))
                    })),
                .section(
                    .class("card"),
                    .h2(.text(say(nl: "Landelijk gedeelde berichten", en: "Entries shared nationally"))),
                    text.sharedEntries((grouping.sharedEntries ?? []).map { ($0.node, $0.entry) }, id: "grouping-entries")),
                .if(!candidates.isEmpty, membersForm())
            ))
    }
}

extension NationalGroupingPage {
    /// Checkboxes of every incident of the national picture, the grouping's own ticked.
    func membersForm() -> Node<HTML.BodyContext> {
        let text = NationalText(language: strings.language)
        let members = Set(grouping.members.map { "\($0.node)/\($0.summary.incident.uuidString)" })
        return .details(
            .summary(.text(text.say(nl: "Incidenten van de bundeling wijzigen", en: "Change the bundle's incidents"))),
            .form(
                .id("members-form"), .class("stacked"), .method(.post), .action(SiteURL.national(.groupingMembers(.value(grouping.id))).path),
                .input(.type(.hidden), .name(CSRFMiddleware.fieldName), .value(csrfToken)),
                .forEach(candidates) { row in
                    let value = "\(row.sourceNode)/\(row.summary.incident.uuidString)"
                    return .label(
                        .class("checkbox"),
                        .input(.type(.checkbox), .name("incidents[]"), .value(DisplayFormat.attribute(value)), .data(named: "incident", value: row.summary.incident.uuidString),
                               Attribute<HTML.InputContext>(name: "checked", value: members.contains(value) ? "checked" : "", ignoreIfValueIsEmpty: true)),
                        .text(" \(row.summary.reference) · \(row.summary.title) (\(row.sourceNode))"))
                },
                .button(.type(.submit), .id("members-save"), .text(text.say(nl: "Opslaan", en: "Save")))))
    }
}
