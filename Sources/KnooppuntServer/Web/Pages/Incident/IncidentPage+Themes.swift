import Foundation
import KnooppuntCore
import Plot

/// The picture per theme: each theme's summary and entries, with their marks, edits and conflicts.
extension IncidentPage {
    func theme(for currency: ThemeCurrencyView) -> Node<HTML.BodyContext> {
        let entries = picture.entries.filter { $0.theme == currency.theme }
        let id = "theme-" + currency.theme.description.replacingOccurrences(of: ":", with: "-")
        return .section(
            .class("theme card"), .id(id), .attribute(named: "aria-labelledby", value: id + "-title"),
            .h2(.id(id + "-title"), .text(themeName(currency.theme))),
            .p(
                .class("muted"),
                .text(currency.lastUpdated.map { "\(strings.lastUpdate): \(DisplayFormat.time($0))" } ?? strings.noEntries),
                .if(currency.overdueUnverified > 0,
                    .span(.class("badge overdue"), .text(" \(currency.overdueUnverified) · \(strings.overdue)")))),
            .unwrap(picture.summaries.first { $0.theme == currency.theme && $0.theme != .algemeen }) { summaryBody($0) },
            .if(currency.theme == .algemeen && totaalbeeld != nil, .p(.class("muted"), .a(.href("#totaalbeeld"), .text(say(nl: "Het totaalbeeld staat bovenaan.", en: "The overall picture is at the top."))))),
            .if(live && currency.theme != .algemeen && may.summaryThemes.contains(currency.theme),
                summaryForm(currency.theme, current: picture.summaries.first { $0.theme == currency.theme }, label: AssessmentStrings.update)),
            // Urgent entries nobody acknowledged stay on top of their theme; then the newest first.
            .ul(.class("entries"), .forEach(entries.filter(unacknowledgedUrgent) + entries.filter { !unacknowledgedUrgent($0) }.sorted { $0.observedAt > $1.observedAt }) { entry($0) })
        )
    }

    func unacknowledgedUrgent(_ entry: EntryView) -> Bool {
        UrgentEntries.isUrgent(entry.priority) && acknowledgements[entry.id] == nil
    }

    func entry(_ entry: EntryView) -> Node<HTML.ListContext> {
        let urgent = UrgentEntries.isUrgent(entry.priority)
        return .li(
            .class("entry verification-\(entry.verification.rawValue)" + (entry.overdue ? " overdue" : "")
                + (urgent ? " priority-\(entry.priority.rawValue)" : "")),
            .data(named: "entry", value: entry.id.uuidString),
            .p(.class("entry-text"), .text(entry.text)),
            .p(
                .class("entry-meta"),
                .if(urgent, .span(.class("badge priority-\(entry.priority.rawValue)"), .text(entry.priority.label.text(language)))),
                .unwrap(acknowledgements[entry.id]) {
                    .span(.class("badge acknowledged"),
                          .text("\(urgentStrings.acknowledgedBy) \($0.acknowledgedBy) \(urgentStrings.at) \(DisplayFormat.time($0.acknowledgedAt))"))
                },
                .span(.class("badge verification"), .text(entry.verification.label.text(language))),
                .if(entry.inSharedPicture, .span(.class("badge shared"), .text(strings.sharedPicture))),
                .if(entry.awaitingAdmission, .span(.class("badge awaiting"), .text(strings.awaitingAdmission))),
                .if(entry.classification != .internal,
                    .span(.class("badge classification-\(entry.classification.rawValue)"), .text(entry.classification.label.text(language)))),
                // Supplied by the partner's own liaison or entered by the region's (detached) HIN: the author line
                // of the first version says which; an admission makes a new version by the IM.
                .unwrap(entry.onBehalfOf) { .span(.class("badge via-liaison"), .text("\(strings.viaLiaison) \(organisationName($0))")) },
                .if(entry.overdue, .span(.class("badge overdue"), .text(strings.overdue))),
                .if(sharedNationally.contains(entry.id),
                    .span(.class("badge shared-nationally"), .text(say(nl: "Landelijk gedeeld", en: "Shared nationally")))),
                .text(" \(strings.source): \(entry.source) · \(DisplayFormat.time(entry.observedAt)) · \(person(entry.author)) (\(organisationName(entry.organisation))) · v\(entry.version)"),
                .unwrap(entry.verifiedAt) { at in
                    .span(.class("verified-by"), .text(" · \(entry.verification.label.text(language)) \(say(nl: "door", en: "by")) "
                        + "\(entry.verifiedBy.map(person) ?? "?") \(say(nl: "om", en: "at")) \(DisplayFormat.time(at))"))
                }
            ),
            .if(live && may.verify, entryButtons(entry)),
            .if(live && mayEdit(entry), editForm(entry)),
            .if(live && may.addEntry && !user.subject.isPartner && picture.entries.count > 1, conflictForm(entry))
        )
    }

    /// Partners edit the entries of their own theme; the region's staff every entry.
    func mayEdit(_ entry: EntryView) -> Bool {
        guard user.subject.isPartner else { return may.addEntry && entry.onBehalfOf == nil || may.enterOnBehalf }
        return may.addEntry && entry.theme == .partner(user.organisationCode)
    }

    func conflictForm(_ entry: EntryView) -> Node<HTML.BodyContext> {
        let id = "conflict-\(entry.id)"
        return .details(
            .class("entry-conflict"),
            .summary(.text(strings.markConflict)),
            .form(
                .class("stacked js-refresh"), .method(.post),
                .action(SiteURL.incident(.value(incident.id), .conflicts).path),
                .input(.type(.hidden), .name(CSRFMiddleware.fieldName), .value(csrfToken)),
                .input(.type(.hidden), .name("entries[]"), .value(entry.id.uuidString)),
                .label(.for(id + "-other"), .text(strings.otherEntry)),
                .select(.id(id + "-other"), .attribute(named: "name", value: "entries[]"), .forEach(picture.entries.filter { $0.id != entry.id }) {
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

    func editForm(_ entry: EntryView) -> Node<HTML.BodyContext> {
        let id = "edit-\(entry.id)"
        return .details(
            .class("entry-edit"),
            .summary(.text(strings.edit)),
            .form(
                .class("stacked js-refresh"), .method(.post),
                .action(SiteURL.incident(.value(incident.id), .entry(.value(entry.id), .edit)).path),
                .input(.type(.hidden), .name(CSRFMiddleware.fieldName), .value(csrfToken)),
                .input(.type(.hidden), .name("baseVersion"), .value("\(entry.version)")),
                .label(.for(id), .text(strings.text)),
                .textarea(.id(id), .name("text"), .required(true), .attribute(named: "rows", value: "2"), .text(entry.text)),
                .button(.type(.submit), .text(strings.save))
            )
        )
    }

    func entryButtons(_ entry: EntryView) -> Node<HTML.BodyContext> {
        let url = { (step: EntryStep) in SiteURL.incident(.value(incident.id), .entry(.value(entry.id), step)).path }
        return .div(
            .class("entry-actions"),
            .if(entry.verification != .verified, button(url(.verification), "status", "verified", strings.verify, entry)),
            .if(entry.verification != .contradicted, button(url(.verification), "status", "contradicted", strings.contradict, entry)),
            .if(may.admit && !entry.inSharedPicture, button(url(.admission), "admitted", "true", strings.admit, entry)),
            .if(may.shareNationally && sharedNationally.contains(entry.id),
                button(url(.nationalSharing), "shared", "false", say(nl: "Niet meer landelijk delen", en: "Stop national sharing"), entry, versioned: false)),
            .if(may.shareNationally && !sharedNationally.contains(entry.id) && entry.inSharedPicture
                    && entry.classification <= AccessPolicy.nationalCeiling && entry.verification != .contradicted,
                button(url(.nationalSharing), "shared", "true", say(nl: "Landelijk delen", en: "Share nationally"), entry, versioned: false))
        )
    }

    /// A one-button form; `versioned` sends the entry's version for a change that must not overwrite another.
    func button(_ action: String, _ name: String, _ value: String, _ label: String, _ entry: EntryView, versioned: Bool = true)
        -> Node<HTML.BodyContext>
    {
        .form(
            .class("inline js-refresh"), .method(.post), .action(action),
            .input(.type(.hidden), .name(CSRFMiddleware.fieldName), .value(csrfToken)),
            .if(versioned, .input(.type(.hidden), .name("baseVersion"), .value("\(entry.version)"))),
            .input(.type(.hidden), .name(name), .value(value)),
            .button(.type(.submit), .class("small"), .text(label))
        )
    }

    func conflicts() -> Node<HTML.BodyContext> {
        let texts = Dictionary(picture.entries.map { ($0.id, $0.text) }, uniquingKeysWith: { first, _ in first })
        return .section(
            .class("card conflicts"), .id("conflicts"),
            .h2(.text(strings.conflicts)),
            .ul(.forEach(picture.conflicts) { conflict in
                .li(
                    .strong(.text(conflict.note)),
                    .ul(.forEach(conflict.entries) { .li(.text(texts[$0].map(Self.excerpt) ?? $0.uuidString)) }),
                    .span(.class("muted"), .text("\(person(conflict.markedBy)), \(DisplayFormat.time(conflict.markedAt))")),
                    .if(live && may.admit, resolveForm(conflict)))
            })
        )
    }

    func resolveForm(_ conflict: ConflictView) -> Node<HTML.BodyContext> {
        let id = "resolve-\(conflict.id)"
        return .form(
            .class("inline js-refresh js-reset"), .method(.post),
            .action(SiteURL.incident(.value(incident.id), .conflictResolution(.value(conflict.id))).path),
            .input(.type(.hidden), .name(CSRFMiddleware.fieldName), .value(csrfToken)),
            .label(.for(id), .text(strings.resolution)),
            .input(.type(.text), .id(id), .name("resolution"), .required(true)),
            .button(.type(.submit), .class("small"), .text(strings.resolve))
        )
    }
}
