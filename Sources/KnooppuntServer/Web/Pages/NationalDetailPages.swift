import Foundation
import KnooppuntCore
import KnooppuntInterop
import Plot

/// Small helpers the national pages share: bilingual text and ages.
struct NationalText: Bilingual {
    let language: KnooppuntCore.Language
    func age(_ seconds: Int) -> String {
        if seconds < 120 { return say(nl: "\(seconds) s geleden", en: "\(seconds) s ago") }
        if seconds < 7200 { return say(nl: "\(seconds / 60) min geleden", en: "\(seconds / 60) min ago") }
        return say(nl: "\(seconds / 3600) uur geleden", en: "\(seconds / 3600) h ago")
    }

    func themeLabel(_ raw: String) -> String {
        Theme(raw).map { DisplayFormat.themeLabel($0, language) } ?? raw
    }

    func sharedEntries(_ entries: [(node: String?, entry: SharedEntry)], id: String) -> Node<HTML.BodyContext> {
        entries.isEmpty ? .p(.class("empty"), .text(say(nl: "De regio's hebben nog niets landelijk gedeeld.", en: "The regions have shared nothing nationally yet.")))
            : .ul(.id(id), .class("entries"), .forEach(entries) { item in
                .li(
                    .class("entry verification-\(item.entry.verification)"),
                    .data(named: "entry", value: item.entry.entry.uuidString),
                    .p(.class("entry-text"), .text(item.entry.text)),
                    .p(.class("entry-meta"), .text(
                        "\(themeLabel(item.entry.theme)) · \(VerificationStatus(rawValue: item.entry.verification)?.label.text(language) ?? item.entry.verification)"
                        + " · \(say(nl: "bron", en: "source")): \(item.entry.source) · \(DisplayFormat.time(item.entry.updatedAt))"
                        + (item.node.map { " · \($0)" } ?? ""))))
            })
    }
}

/// One incident of the national picture: its summary, the details its source node lets this user see
/// (fetched now, or the user's cached copy with its age), and what the region shared nationally.
struct NationalIncidentPage: Bilingual {
    let strings: UIStrings
    let csrfToken: String
    let user: CurrentUser
    let detail: NationalDetails.DetailDTO
    var language: KnooppuntCore.Language { strings.language }

    private var text: NationalText { NationalText(language: strings.language) }

    func render() -> String {
        let summary = detail.summary
        let layout = Layout(title: "\(summary.reference) \(summary.title)", strings: strings, csrfToken: csrfToken, user: user, path: SiteURL.national().path)
        let language = strings.language
        return layout.render(
            .group(
                .p(.a(.href(SiteURL.national().path), .text(say(nl: "← Landelijk beeld", en: "← National picture")))),
                .h1(.text("\(summary.reference) · \(summary.title)")),
                .p(
                    .span(.class("badge grip-\(summary.grip.rawValue)"), .text(summary.grip.scaleLabel.text(language))), .text(" "),
                    .text("\(summary.phase.label.text(language)) · \(summary.category.label.text(language)) · "
                        + summary.involvedRegions.map(\.rawValue).joined(separator: ", "))),
                .p(.id("detail-source"), .class(detail.fromCache || detail.picture == nil ? "warning" : "help"),
                   .attribute(named: "role", value: "status"), .text(sourceLine())),
                .unwrap(detail.picture) { picture in
                    .section(
                        .class("card"), .id("source-picture"),
                        .h2(.text(say(nl: "Beeld bij de bron", en: "Picture at the source"))),
                        picture.entries.isEmpty ? .p(.class("empty"), .text(say(nl: "Geen berichten die u mag zien.", en: "No entries you may see.")))
                            : .tableScroll(say(nl: "Beeld bij de bron", en: "Picture at the source"), .table(
                                .id("detail-entries"),
                                .thead(.tr(.th(.text(say(nl: "Thema", en: "Theme"))), .th(.text(say(nl: "Bericht", en: "Entry"))),
                                           .th(.text(say(nl: "Status", en: "Status"))), .th(.text(say(nl: "Waargenomen", en: "Observed"))))),
                                .tbody(.forEach(picture.entries) { entry in
                                    .tr(.data(named: "entry", value: entry.id.uuidString),
                                        .td(.text(DisplayFormat.themeLabel(entry.theme, language))), .td(.text(entry.text)),
                                        .td(.text(entry.verification.label.text(language))), .td(.text(DisplayFormat.time(entry.observedAt))))
                                }))),
                        .h3(.text(say(nl: "Besluiten", en: "Decisions"))),
                        picture.decisions.filter { !$0.revoked }.isEmpty ? .p(.class("empty"), .text("—"))
                            : .ul(.id("detail-decisions"), .forEach(picture.decisions.filter { !$0.revoked }) { decision in
                                .li(.text("\(DisplayFormat.time(decision.decidedAt)) · \(decision.text) (\(decision.decidedBy))"))
                            }),
                        .h3(.text(say(nl: "Acties", en: "Actions"))),
                        picture.actions.isEmpty ? .p(.class("empty"), .text("—"))
                            : .ul(.id("detail-actions"), .forEach(picture.actions) { action in
                                .li(.text("\(action.text) · \(action.owner) · \(action.status.rawValue)"))
                            }))
                },
                .section(
                    .class("card"),
                    .h2(.text(say(nl: "Landelijk gedeelde berichten", en: "Entries shared nationally"))),
                    text.sharedEntries(detail.sharedEntries.map { (nil, $0) }, id: "shared-entries")),
                .section(
                    .class("card"),
                    .h2(.text("SitRaps")),
                    detail.sitraps.isEmpty ? .p(.class("empty"), .text(say(nl: "Nog geen SitRaps gedeeld.", en: "No SitRaps shared yet.")))
                        : .ul(.id("shared-sitraps"), .forEach(detail.sitraps) { sitrap in
                            .li(.a(.href(SiteURL.national(.sitrap(.value(sitrap.id))).path), .text("SitRap \(sitrap.number) · \(DisplayFormat.time(sitrap.issuedAt))")))
                        }))
            ))
    }

    private func sourceLine() -> String {
        let source = say(nl: "Bron: knooppunt \(detail.sourceNode)", en: "Source: node \(detail.sourceNode)")
        guard let age = detail.ageSeconds else {
            return source + " · " + say(nl: "geen details: ", en: "no details: ") + (detail.sourceProblem ?? "")
        }
        if detail.fromCache {
            return source + " · " + say(nl: "bewaarde details, opgehaald ", en: "cached details, fetched ") + text.age(age) + " · "
                + say(nl: "de bron is nu niet bereikbaar: ", en: "the source cannot be reached now: ") + (detail.sourceProblem ?? "")
        }
        return source + " · " + say(nl: "details zojuist bij de bron opgehaald, namens u", en: "details fetched from the source just now, on your behalf")
    }
}

/// A bovenregionale bundeling: its incidents on one map and list, the regions involved, and what those
/// regions shared nationally, newest first.
struct NationalGroupingPage: Bilingual {
    let strings: UIStrings
    let csrfToken: String
    let user: CurrentUser
    let grouping: NationalGroupings.GroupingDTO
    let leafletAvailable: Bool
    let tileURL: String?
    /// Every incident of the national picture, to change the grouping's members.
    var candidates: [NationalController.NationalIncidentDTO] = []
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

/// A SitRap a regional node shared, rendered from its composed content.
struct NationalSitRapPage: Bilingual {
    let strings: UIStrings
    let csrfToken: String
    let user: CurrentUser
    let document: SitRapDocument
    let node: String
    let id: UUID
    var language: KnooppuntCore.Language { strings.language }

    func render() -> String {
        let text = NationalText(language: strings.language)
        let layout = Layout(title: document.heading, strings: strings, csrfToken: csrfToken, user: user, path: SiteURL.national().path)
        // The same article as on the region's own node, so a report reads the same everywhere.
        var article = SitRapArticle(
            strings: strings, document: document, back: (href: SiteURL.national().path, text: text.say(nl: "← Landelijk beeld", en: "← National picture")),
            formats: [("sitrap-pdf", SiteURL.national(.sitrapPDF(.value(id))).path, "PDF")])
        article.note = text.say(nl: "Gedeeld door knooppunt \(node).", en: "Shared by node \(node).")
        return layout.render(article.render())
    }
}
