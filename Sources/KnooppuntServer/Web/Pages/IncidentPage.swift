import Foundation
import KnooppuntCore
import Plot

/// One incident's picture: live by default, or as it stood at `at` (the timeline).
struct IncidentPage {
    struct Permissions {
        var editIncident = false
        var addEntry = false
        var verify = false
        var admit = false
        var decide = false
    }

    let strings: UIStrings
    let csrfToken: String
    let user: CurrentUser
    let picture: PictureDTO
    let logbook: [LogbookLineDTO]
    let since: Date?
    /// Nil when showing the live picture.
    let viewingAt: Date?
    let createdAt: Date
    let now: Date
    let may: Permissions
    /// The journal sequence the page reflects; its stream resumes after it.
    let journalPosition: Int64

    private var language: KnooppuntCore.Language { strings.language }
    private var incident: IncidentDTO { picture.incident }
    private var live: Bool { viewingAt == nil }

    func render() -> String {
        var layout = Layout(
            title: "\(incident.reference) \(incident.title)", strings: strings, csrfToken: csrfToken, user: user,
            path: "/incidents/\(incident.id)")
        layout.scripts = ["/assets/live.js", "/assets/incident.js"]
        return layout.render(
            .group(
                .if(incident.exercise, .p(.class("exercise-banner"), .attribute(named: "role", value: "note"), .text(strings.exerciseBanner))),
                .h1(.id("incident-heading"), .text("\(incident.reference) · \(incident.title)")),
                timeline(),
                .div(
                    .id("picture"), .attribute(named: "aria-live", value: "polite"),
                    .data(named: "stream", value: "/api/v1/incidents/\(incident.id)/stream?lastEventId=\(journalPosition)"),
                    .data(named: "live", value: live ? "true" : "false"),
                    fragment()
                ),
                .div(
                    .class("live-only"),
                    .if(live && may.editIncident, scalingForm()),
                    .if(live && may.addEntry, entryForm()),
                    .if(live && may.decide, decisionForm()),
                    .if(live && may.addEntry, actionForm()))
            ))
    }

    private func timeline() -> Node<HTML.BodyContext> {
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
            .a(.id("back-to-live"), .href("/incidents/\(incident.id)"), .text(strings.backToLive)),
            .p(.id("timeline-help"), .class("help"), .text(strings.timelineHelp))
        )
    }

    /// The part the script swaps when the picture changes or the timeline moves.
    func fragment() -> Node<HTML.BodyContext> {
        .group(
            .unwrap(viewingAt) { at in
                .p(.class("past-banner"), .attribute(named: "role", value: "status"),
                    .text("\(strings.viewingPast) \(DisplayFormat.time(at))"))
            },
            .div(
                .class("facts"),
                .span(.class("badge grip-\(incident.grip.rawValue)"), .id("fact-grip"), .text("GRIP \(incident.grip.rawValue)")),
                .span(.class("badge"), .id("fact-phase"), .text(incident.phase.label.text(language))),
                .span(.class("badge"), .id("fact-status"), .text(incident.status.label.text(language))),
                .span(.class("badge"), .text(incident.category.label.text(language))),
                .span(
                    .id("fact-regions"),
                    .text(
                        "\(strings.regionsLabel): "
                            + incident.involvedRegions.map {
                                $0 == incident.leadRegion ? "\($0.rawValue) (\(strings.lead))" : $0.rawValue
                            }.joined(separator: ", "))),
                .span(
                    .class(picture.stale ? "badge stale-badge" : "muted"),
                    .text("\(strings.lastUpdate): \(DisplayFormat.time(picture.lastUpdate))"
                        + (picture.stale ? " · \(strings.stale)" : "")))
            ),
            .if(
                incident.proposesInterregionalScaling,
                .p(.class("advice"), .attribute(named: "role", value: "note"), .text(strings.proposeIRBT))),
            .if(!picture.conflicts.isEmpty, conflicts()),
            .div(.class("themes"), .forEach(picture.themes) { theme(for: $0) }),
            decisions(),
            actions(),
            logbookSection()
        )
    }

    private func theme(for currency: ThemeCurrencyDTO) -> Node<HTML.BodyContext> {
        let entries = picture.entries.filter { $0.theme == currency.theme }
        let id = "theme-" + currency.theme.description.replacingOccurrences(of: ":", with: "-")
        return .section(
            .class("theme card"), .id(id), .attribute(named: "aria-labelledby", value: id + "-title"),
            .h2(.id(id + "-title"), .text(DisplayFormat.themeLabel(currency.theme, language))),
            .p(
                .class("muted"),
                .text(currency.lastUpdated.map { "\(strings.lastUpdate): \(DisplayFormat.time($0))" } ?? strings.noEntries),
                .if(currency.overdueUnverified > 0,
                    .span(.class("badge overdue"), .text(" \(currency.overdueUnverified) · \(strings.overdue)")))),
            .ul(.class("entries"), .forEach(entries) { entry($0) })
        )
    }

    private func entry(_ entry: EntryDTO) -> Node<HTML.ListContext> {
        .li(
            .class("entry verification-\(entry.verification.rawValue)" + (entry.overdue ? " overdue" : "")),
            .data(named: "entry", value: entry.id.uuidString),
            .p(.class("entry-text"), .text(entry.text)),
            .p(
                .class("entry-meta"),
                .span(.class("badge verification"), .text(entry.verification.label.text(language))),
                .if(entry.inSharedPicture, .span(.class("badge shared"), .text(strings.sharedPicture))),
                .if(entry.overdue, .span(.class("badge overdue"), .text(strings.overdue))),
                .text(" \(strings.source): \(entry.source) · \(DisplayFormat.time(entry.observedAt)) · \(entry.author) (\(entry.organisation)) · v\(entry.version)")
            ),
            .if(live && may.verify, entryButtons(entry)),
            .if(live && may.addEntry, editForm(entry)),
            .if(live && may.addEntry && picture.entries.count > 1, conflictForm(entry))
        )
    }

    private func conflictForm(_ entry: EntryDTO) -> Node<HTML.BodyContext> {
        let id = "conflict-\(entry.id)"
        return .details(
            .class("entry-conflict"),
            .summary(.text(strings.markConflict)),
            .form(
                .class("stacked js-refresh"), .method(.post),
                .action("/incidents/\(incident.id)/entries/\(entry.id)/conflicts"),
                .input(.type(.hidden), .name(CSRFMiddleware.fieldName), .value(csrfToken)),
                .label(.for(id + "-other"), .text(strings.otherEntry)),
                .select(.id(id + "-other"), .attribute(named: "name", value: "other"), .forEach(picture.entries.filter { $0.id != entry.id }) {
                    .choice($0.id.uuidString, Self.excerpt($0.text))
                }),
                .label(.for(id + "-note"), .text(strings.note)),
                .input(.type(.text), .id(id + "-note"), .name("note"), .required(true)),
                .button(.type(.submit), .text(strings.markConflict))
            )
        )
    }

    static func excerpt(_ text: String) -> String {
        text.count <= 60 ? text : String(text.prefix(59)) + "…"
    }

    private func editForm(_ entry: EntryDTO) -> Node<HTML.BodyContext> {
        let id = "edit-\(entry.id)"
        return .details(
            .class("entry-edit"),
            .summary(.text(strings.edit)),
            .form(
                .class("stacked js-refresh"), .method(.post),
                .action("/incidents/\(incident.id)/entries/\(entry.id)/edit"),
                .input(.type(.hidden), .name(CSRFMiddleware.fieldName), .value(csrfToken)),
                .input(.type(.hidden), .name("baseVersion"), .value("\(entry.version)")),
                .label(.for(id), .text(strings.text)),
                .textarea(.id(id), .name("text"), .required(true), .attribute(named: "rows", value: "2"), .text(entry.text)),
                .button(.type(.submit), .text(strings.save))
            )
        )
    }

    private func entryButtons(_ entry: EntryDTO) -> Node<HTML.BodyContext> {
        let base = "/incidents/\(incident.id)/entries/\(entry.id)"
        return .div(
            .class("entry-actions"),
            .if(entry.verification != .verified, button(base + "/verification", "status", "verified", strings.verify, entry)),
            .if(entry.verification != .contradicted, button(base + "/verification", "status", "contradicted", strings.contradict, entry)),
            .if(may.admit && !entry.inSharedPicture, button(base + "/admission", "admitted", "true", strings.admit, entry))
        )
    }

    private func button(_ action: String, _ name: String, _ value: String, _ label: String, _ entry: EntryDTO)
        -> Node<HTML.BodyContext>
    {
        .form(
            .class("inline js-refresh"), .method(.post), .action(action),
            .input(.type(.hidden), .name(CSRFMiddleware.fieldName), .value(csrfToken)),
            .input(.type(.hidden), .name("baseVersion"), .value("\(entry.version)")),
            .input(.type(.hidden), .name(name), .value(value)),
            .button(.type(.submit), .class("small"), .text(label))
        )
    }

    private func conflicts() -> Node<HTML.BodyContext> {
        let texts = Dictionary(picture.entries.map { ($0.id, $0.text) }, uniquingKeysWith: { first, _ in first })
        return .section(
            .class("card conflicts"), .id("conflicts"),
            .h2(.text(strings.conflicts)),
            .ul(.forEach(picture.conflicts) { conflict in
                .li(
                    .strong(.text(conflict.note)),
                    .ul(.forEach(conflict.entries) { .li(.text(texts[$0].map(Self.excerpt) ?? $0.uuidString)) }),
                    .span(.class("muted"), .text("\(conflict.markedBy), \(DisplayFormat.time(conflict.markedAt))")),
                    .if(live && may.admit, resolveForm(conflict)))
            })
        )
    }

    private func resolveForm(_ conflict: ConflictDTO) -> Node<HTML.BodyContext> {
        let id = "resolve-\(conflict.id)"
        return .form(
            .class("inline js-refresh js-reset"), .method(.post),
            .action("/incidents/\(incident.id)/conflicts/\(conflict.id)/resolution"),
            .input(.type(.hidden), .name(CSRFMiddleware.fieldName), .value(csrfToken)),
            .label(.for(id), .text(strings.resolution)),
            .input(.type(.text), .id(id), .name("resolution"), .required(true)),
            .button(.type(.submit), .class("small"), .text(strings.resolve))
        )
    }

    private func decisions() -> Node<HTML.BodyContext> {
        .section(
            .class("card"), .id("decisions"),
            .h2(.text(strings.decisions)),
            .ul(.forEach(picture.decisions) { decision in
                .li(
                    .class(decision.revoked ? "revoked" : ""),
                    .strong(.text(decision.team.label.text(language) + ": ")), .text(decision.text),
                    .span(.class("muted"), .text(" — \(decision.decidedBy), \(DisplayFormat.time(decision.decidedAt))")),
                    .if(decision.revoked, .span(.class("badge"), .text(strings.revoked))),
                    .if(live && may.decide && !decision.revoked,
                        .form(
                            .class("inline js-refresh"), .method(.post),
                            .action("/incidents/\(incident.id)/decisions/\(decision.id)/revocation"),
                            .input(.type(.hidden), .name(CSRFMiddleware.fieldName), .value(csrfToken)),
                            .input(.type(.hidden), .name("baseVersion"), .value("\(decision.version)")),
                            .button(.type(.submit), .class("small"), .text(strings.revoke)))))
            })
        )
    }

    private func actions() -> Node<HTML.BodyContext> {
        .section(
            .class("card"), .id("actions"),
            .h2(.text(strings.actions)),
            .ul(.forEach(picture.actions) { action in
                .li(
                    .class(action.overdue ? "overdue" : ""),
                    .strong(.text(action.owner + ": ")), .text(action.text),
                    .span(.class("badge"), .text(" " + action.status.label.text(language))),
                    .unwrap(action.deadline) { .span(.class("muted"), .text(" · \(strings.deadline) \(DisplayFormat.time($0))")) },
                    .if(live && may.addEntry, actionStatusForm(action)))
            })
        )
    }

    private func actionStatusForm(_ action: ActionDTO) -> Node<HTML.BodyContext> {
        let id = "action-status-\(action.id)"
        return .form(
            .class("inline js-refresh"), .method(.post), .action("/incidents/\(incident.id)/actions/\(action.id)/status"),
            .input(.type(.hidden), .name(CSRFMiddleware.fieldName), .value(csrfToken)),
            .input(.type(.hidden), .name("baseVersion"), .value("\(action.version)")),
            .label(.class("visually-hidden"), .for(id), .text(strings.changeStatus)),
            .select(.id(id), .attribute(named: "name", value: "status"), .forEach(ActionStatus.allCases) {
                .choice($0.rawValue, $0.label.text(language), selected: $0 == action.status)
            }),
            .button(.type(.submit), .class("small"), .text(strings.changeStatus))
        )
    }

    private func logbookSection() -> Node<HTML.BodyContext> {
        .section(
            .class("card"), .id("logbook"),
            .h2(.text(strings.logbook)),
            .form(
                .class("filters"), .method(.get), .action("/incidents/\(incident.id)"),
                .label(.for("since"), .text(strings.changesSince)),
                .input(.type(.text), .id("since"), .name("since"), .placeholder("2026-11-25T10:00:00Z"),
                    .value(since.map(JournalTime.string) ?? "")),
                .button(.type(.submit), .text(strings.show))
            ),
            .ol(.class("logbook"), .forEach(logbook.reversed()) { line in
                .li(
                    .span(
                        .class("muted"),
                        .text("\(RFC3339.parse(line.at).map(DisplayFormat.time) ?? line.at) · \(line.actor) (\(line.organisation)) ")),
                    .text(line.summary))
            })
        )
    }

    private func scalingForm() -> Node<HTML.BodyContext> {
        .section(
            .class("card"), .attribute(named: "aria-labelledby", value: "scaling-title"),
            .h2(.id("scaling-title"), .text(strings.scaling)),
            .form(
                .id("scaling-form"), .class("stacked js-refresh"), .method(.post), .action("/incidents/\(incident.id)/update"),
                .input(.type(.hidden), .name(CSRFMiddleware.fieldName), .value(csrfToken)),
                .input(.type(.hidden), .name("baseVersion"), .value("\(incident.version)")),
                .label(.for("scaling-grip"), .text(strings.gripLabel)),
                .select(.id("scaling-grip"), .attribute(named: "name", value: "grip"), .forEach(GRIPLevel.allCases) {
                    .choice("\($0.rawValue)", $0.label.text(language), selected: $0 == incident.grip)
                }),
                .label(.for("scaling-reason"), .text(strings.reason)),
                .input(.type(.text), .id("scaling-reason"), .name("gripReason")),
                .label(.for("scaling-phase"), .text(strings.phaseLabel)),
                .select(.id("scaling-phase"), .attribute(named: "name", value: "phase"), .forEach(IncidentPhase.allCases) {
                    .choice($0.rawValue, $0.label.text(language), selected: $0 == incident.phase)
                }),
                .label(.for("scaling-status"), .text(strings.statusLabel)),
                .select(
                    .id("scaling-status"), .attribute(named: "name", value: "status"),
                    .forEach([incident.status] + incident.status.next.sorted { $0.rawValue < $1.rawValue }) {
                        .choice($0.rawValue, $0.label.text(language), selected: $0 == incident.status)
                    }),
                .button(.type(.submit), .id("scaling-submit"), .text(strings.save))
            )
        )
    }

    private func entryForm() -> Node<HTML.BodyContext> {
        let themes = Theme.disciplines + incident.linkedPartners.map(Theme.partner)
        return .section(
            .class("card"), .attribute(named: "aria-labelledby", value: "new-entry-title"),
            .h2(.id("new-entry-title"), .text(strings.newEntry)),
            .form(
                .id("entry-form"), .class("stacked js-refresh js-reset"), .method(.post),
                .action("/incidents/\(incident.id)/entries"),
                .input(.type(.hidden), .name(CSRFMiddleware.fieldName), .value(csrfToken)),
                .label(.for("entry-theme"), .text(strings.theme)),
                .select(.id("entry-theme"), .attribute(named: "name", value: "theme"), .forEach(themes) { theme in
                    .choice(theme.description, DisplayFormat.themeLabel(theme, language))
                }),
                .label(.for("entry-text"), .text(strings.text)),
                .textarea(.id("entry-text"), .name("text"), .required(true), .attribute(named: "rows", value: "3")),
                .label(.for("entry-source"), .text(strings.source)),
                .input(.type(.text), .id("entry-source"), .name("source"), .required(true)),
                .label(.for("entry-priority"), .text(strings.priority)),
                .select(.id("entry-priority"), .attribute(named: "name", value: "priority"), .forEach(EntryPriority.allCases) { priority in
                    .choice(priority.rawValue, priority.label.text(language), selected: priority == .normaal)
                }),
                .button(.type(.submit), .id("entry-submit"), .text(strings.add))
            )
        )
    }

    private func decisionForm() -> Node<HTML.BodyContext> {
        .section(
            .class("card"), .attribute(named: "aria-labelledby", value: "new-decision-title"),
            .h2(.id("new-decision-title"), .text(strings.decisions)),
            .form(
                .id("decision-form"), .class("stacked js-refresh js-reset"), .method(.post),
                .action("/incidents/\(incident.id)/decisions"),
                .input(.type(.hidden), .name(CSRFMiddleware.fieldName), .value(csrfToken)),
                .label(.for("decision-team"), .text(strings.team)),
                .select(.id("decision-team"), .attribute(named: "name", value: "team"), .forEach(CrisisTeam.allCases) {
                    .choice($0.rawValue, $0.label.text(language))
                }),
                .label(.for("decision-text"), .text(strings.text)),
                .textarea(.id("decision-text"), .name("text"), .required(true), .attribute(named: "rows", value: "2")),
                .label(.for("decision-by"), .text(strings.decidedBy)),
                .input(.type(.text), .id("decision-by"), .name("decidedBy"), .required(true)),
                .button(.type(.submit), .text(strings.add))
            )
        )
    }

    private func actionForm() -> Node<HTML.BodyContext> {
        .section(
            .class("card"), .attribute(named: "aria-labelledby", value: "new-action-title"),
            .h2(.id("new-action-title"), .text(strings.actions)),
            .form(
                .id("action-form"), .class("stacked js-refresh js-reset"), .method(.post),
                .action("/incidents/\(incident.id)/actions"),
                .input(.type(.hidden), .name(CSRFMiddleware.fieldName), .value(csrfToken)),
                .label(.for("action-text"), .text(strings.text)),
                .input(.type(.text), .id("action-text"), .name("text"), .required(true)),
                .label(.for("action-owner"), .text(strings.owner)),
                .input(.type(.text), .id("action-owner"), .name("owner"), .required(true), .value(user.organisationCode)),
                .button(.type(.submit), .text(strings.add))
            )
        )
    }
}
