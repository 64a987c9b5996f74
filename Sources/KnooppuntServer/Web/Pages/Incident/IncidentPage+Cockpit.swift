import Foundation
import KnooppuntCore
import Plot

/// The incident cockpit (decision 0024): what a crisis team reads first — the status strip, the
/// totaalbeeld, what must be decided and what is new — above the map, the themes and the records.
/// Forms sit behind buttons (`details`), never in the reading flow.
extension IncidentPage {
    private func a(_ label: LocalizedLabel) -> String { label.text(language) }

    /// The live part at the top of the page: refreshed with the picture (incident.js swaps it too).
    func cockpitTop() -> Node<HTML.BodyContext> {
        .group(
            .unwrap(viewingAt) { at in
                .p(.class("past-banner"), .attribute(named: "role", value: "status"),
                    .text("\(strings.viewingPast) \(DisplayFormat.time(at))"))
            },
            statusStrip(),
            meldkamerCustody(),
            .if(!readsWholePicture, scopeNote()),
            .if(readScope.readsSummary(of: .algemeen), totaalbeeldCard()),
            openDecisionPointsCard(),
            newItems()
        )
    }

    /// An incident promoted from a meldkamer proposal: who keeps its meldkamer theme, and for the IM the button
    /// that takes it over (decision 0034).
    private func meldkamerCustody() -> Node<HTML.BodyContext> {
        guard let custody = incident.meldkamer else { return .empty }
        let name = Meldkamers.meldkamer(code: custody.meldkamer)?.name ?? custody.meldkamer
        guard custody.inCharge else {
            return .p(.id("meldkamer-custody"), .class("muted small"), .text(say(
                nl: "Uit een voorstel van \(name); de informatiemanager heeft het thema Meldkamer overgenomen.",
                en: "From a proposal of \(name); the information manager has taken the dispatch theme over.")))
        }
        return .p(
            .id("meldkamer-custody"), .class("notice"),
            .text(say(
                nl: "Uit een voorstel van \(name). De calamiteitencoördinator houdt het thema Meldkamer bij tot de informatiemanager het overneemt. ",
                en: "From a proposal of \(name). The calamity coordinator keeps the dispatch theme until the information manager takes it over. ")),
            .if(may.takeOverMeldkamer, .form(
                .class("inline"), .id("meldkamer-takeover"), .method(.post), .action(SiteURL.incident(.value(incident.id)).path + "/meldkamer-overnemen"),
                .input(.type(.hidden), .name(CSRFMiddleware.fieldName), .value(csrfToken)),
                .input(.type(.hidden), .name("version"), .value(String(incident.version))),
                .button(.type(.submit), .text(say(nl: "Thema Meldkamer overnemen", en: "Take the dispatch theme over"))))))
    }

    /// GRIP with its reason, who decides, phase, status and the last update, in three short lines.
    private func statusStrip() -> Node<HTML.BodyContext> {
        .section(
            .class("status-strip"), .id("status-strip"), .attribute(named: "aria-label", value: say(nl: "Status", en: "Status")),
            .p(
                .class("status-grip"),
                .span(.class("badge grip-\(incident.grip.rawValue)"), .id("fact-grip"), .text(incident.grip.scaleLabel.text(language))),
                .text(" "),
                .span(.id("fact-grip-reason"), .class("grip-reason"),
                      .text(incident.gripReason.map { say(nl: "Reden: ", en: "Reason: ") + $0 }
                          ?? say(nl: "Geen reden vastgelegd", en: "No reason recorded")))),
            // Who decides is derived from the affected area, which rests on the plots: only with the whole picture.
            .unwrap(readsWholePicture ? authority : nil) { authority in
                .p(.id("fact-authority"), .class("status-authority"),
                   .attribute(named: "title", value: say(authority.explanation)),
                   .text(Self.authorityLine(authority, language)))
            },
            .div(
                .class("facts"),
                .span(.class("badge"), .id("fact-phase"), .text(incident.phase.label.text(language))),
                .span(.class("badge"), .id("fact-status"), .text(incident.status.label.text(language))),
                .if(incident.declaration != .notDeclared,
                    .span(.class("badge declaration-\(incident.declaration.rawValue)"), .id("fact-declaration"),
                          .text(incident.declaration.label.text(language)))),
                .span(.id("fact-last-update"), .class(picture.stale ? "badge stale-badge" : "muted"), .text(lastUpdateLine))),
            // The rest of the facts a click away, so the strip stays three lines on a phone.
            .element(named: "details", nodes: [
                .class("status-more"), .id("status-more"),
                .element(named: "summary", text: say(nl: "Meer over de status", en: "More about the status")),
                .div(
                    .class("facts"),
                    .span(.class("badge"), .id("fact-category"), .text(incident.category.label.text(language))),
                    governanceBadges(),
                    .unwrap(leadRegionPhase) { phase in
                        .span(.class("badge phase-\(phase.phase.rawValue)"), .id("fact-region-phase"),
                              .attribute(named: "title", value: DisplayFormat.attribute(phase.current?.reason ?? phase.phase.meaning.text(language))),
                              .text("\(phase.name): \(RegionPhasePanel.phaseText(phase, language).lowercased())"))
                    },
                    .span(.id("fact-regions"), .class("muted"), .text(regionsLine))),
            ])
        )
    }

    private var lastUpdateLine: String {
        let updated = say(nl: "bijgewerkt", en: "updated")
        return "\(updated) \(DisplayFormat.time(picture.lastUpdate))" + (picture.stale ? " · \(strings.stale)" : "")
    }

    private var regionsLine: String {
        let regions: [String] = incident.involvedRegions.map { region in
            region == incident.leadRegion ? "\(region.rawValue) (\(strings.lead))" : region.rawValue
        }
        return "\(strings.regionsLabel): " + regions.joined(separator: ", ")
    }

    var totaalbeeld: SummaryView? { picture.summaries.first { $0.theme == .algemeen } }

    /// The totaalbeeld: the information manager's actueel beeld, knelpunten and verwachting.
    /// What a reader with a limited scope reads, and where the rest is: a liaison supplies for admission and
    /// hears the rest in the coordinating team (decision 0027 §8); a standby partner reads what the IM opened (§7).
    private func scopeNote() -> Node<HTML.BodyContext> {
        let text: LocalizedLabel
        if case .supplied = readScope {
            let name = organisationName(user.organisationCode)
            text = LocalizedLabel(
                nl: "U bent liaison van \(name). U ziet alleen wat \(name) aanleverde en of de informatiemanager het toeliet; uw meldingen wachten op toelating. Het totaalbeeld, besluiten en SitRaps hoort u in het team.",
                en: "You are \(name)'s liaison. You see only what \(name) supplied and whether the information manager admitted it; your entries wait for admission. The overall picture, decisions and SitRaps you hear in the team.")
        } else {
            text = LocalizedLabel(
                nl: "De informatiemanager heeft u opengesteld: u \(readScope.label.nl). Besluiten, acties en SitRaps horen bij het hele beeld.",
                en: "The information manager opened to you: you \(readScope.label.en). Decisions, actions and SitRaps belong to the whole picture.")
        }
        return .p(.class("advice"), .id("read-scope-note"), .attribute(named: "role", value: "note"), .text(text.text(language)))
    }

    private func totaalbeeldCard() -> Node<HTML.BodyContext> {
        .section(
            .class("card totaalbeeld"), .id("totaalbeeld"), .attribute(named: "aria-labelledby", value: "totaalbeeld-title"),
            .h2(.id("totaalbeeld-title"), .text(a(AssessmentStrings.totaalbeeld))),
            .unwrap(totaalbeeld, { summaryBody($0) }, else: .p(.class("muted"), .text(a(AssessmentStrings.noTotaalbeeld)))),
            .if(live && may.summaryThemes.contains(.algemeen), summaryForm(.algemeen, current: totaalbeeld, label: AssessmentStrings.updateTotaalbeeld))
        )
    }

    /// Actueel beeld, knelpunten and verwachting, and who wrote them when.
    func summaryBody(_ summary: SummaryView) -> Node<HTML.BodyContext> {
        .div(
            .class("summary"), .data(named: "version", value: "\(summary.version)"),
            .dl(
                .dt(.text(a(AssessmentStrings.picture))), .dd(.class("summary-picture"), .text(summary.picture)),
                .unwrap(summary.bottlenecks) { .group(.dt(.text(a(AssessmentStrings.bottlenecks))), .dd(.class("summary-bottlenecks"), .text($0))) },
                .unwrap(summary.outlook) { .group(.dt(.text(a(AssessmentStrings.outlook))), .dd(.class("summary-outlook"), .text($0))) }),
            .p(.class("muted summary-meta"),
               .text("\(person(summary.writtenBy)), \(DisplayFormat.time(summary.updatedAt)) · \(a(AssessmentStrings.version)) \(summary.version)"),
               .span(.class("visually-hidden"), .text(" (\(organisationName(summary.writtenByOrganisation)))")))
        )
    }

    /// The form to write a theme's summary, behind a button; it names the version it changes.
    func summaryForm(_ theme: Theme, current: SummaryView?, label: LocalizedLabel) -> Node<HTML.BodyContext> {
        let id = "summary-" + theme.description.replacingOccurrences(of: ":", with: "-")
        return .details(
            .class("summary-edit"), .id(id + "-edit"),
            .summary(.class("button-like"), .text(a(label))),
            .form(
                .id(id + "-form"), .class("stacked js-refresh"), .method(.post),
                .action(SiteURL.incident(.value(incident.id), .summary(.value(theme.description))).path),
                .input(.type(.hidden), .name(CSRFMiddleware.fieldName), .value(csrfToken)),
                .input(.type(.hidden), .name("baseVersion"), .value("\(current?.version ?? 0)")),
                .label(.for(id + "-picture"), .text(a(AssessmentStrings.picture))),
                .textarea(.id(id + "-picture"), .name("picture"), .required(true), .attribute(named: "rows", value: "3"),
                          .attribute(named: "maxlength", value: "4000"), .text(current?.picture ?? "")),
                .label(.for(id + "-bottlenecks"), .text(a(AssessmentStrings.bottlenecks))),
                .textarea(.id(id + "-bottlenecks"), .name("bottlenecks"), .attribute(named: "rows", value: "2"),
                          .attribute(named: "maxlength", value: "4000"), .text(current?.bottlenecks ?? "")),
                .label(.for(id + "-outlook"), .text(a(AssessmentStrings.outlook))),
                .textarea(.id(id + "-outlook"), .name("outlook"), .attribute(named: "rows", value: "2"),
                          .attribute(named: "maxlength", value: "4000"), .text(current?.outlook ?? "")),
                .label(.for(id + "-classification"), .text(strings.classification)),
                .select(
                    .id(id + "-classification"), .attribute(named: "name", value: "classification"),
                    .forEach(user.subject.isPartner ? [Classification.public, .internal] : Classification.allCases) { level in
                        .choice(level.rawValue, level.label.text(language), selected: level == (current?.classification ?? .internal))
                    }),
                .button(.type(.submit), .id(id + "-submit"), .text(a(AssessmentStrings.save))))
        )
    }

    private var openPoints: [DecisionPointView] { picture.decisionPoints.filter { $0.status == .open } }

    /// The besluitpunten still open, the nearest deadline first; each with its decision form.
    private func openDecisionPointsCard() -> Node<HTML.BodyContext> {
        guard !user.subject.isPartner else { return .empty }
        return .section(
            .class("card decision-points"), .id("open-decision-points"), .attribute(named: "aria-labelledby", value: "points-title"),
            .h2(.id("points-title"), .text(a(AssessmentStrings.decisionPoints) + (openPoints.isEmpty ? "" : " (\(openPoints.count))"))),
            openPoints.isEmpty ? .p(.class("muted"), .text(a(AssessmentStrings.noDecisionPoints)))
                : .ol(.class("points"), .forEach(openPoints) { decisionPointItem($0) })
        )
    }

    func decisionPointItem(_ point: DecisionPointView) -> Node<HTML.ListContext> {
        .li(
            .class("point point-\(point.status.rawValue)" + (point.overdue ? " overdue" : "")),
            .data(named: "point", value: point.id.uuidString),
            .p(.class("point-text"), .strong(.text(point.text))),
            .p(.class("muted"),
               .text(point.team.label.text(language)),
               .unwrap(point.deadline) { deadline in
                   .text(" · \(a(AssessmentStrings.decideBefore)) \(DisplayFormat.time(deadline))")
               },
               .if(point.overdue, .span(.class("badge overdue"), .text(a(AssessmentStrings.overdue))))),
            // The considerations open with the decision form: the list stays one line per point.
            .if(!(live && may.decide && point.status == .open),
                .unwrap(point.considerations) { .p(.class("point-considerations"), .text("\(a(AssessmentStrings.considerations)): \($0)")) }),
            .if(point.status == .decided, .unwrap(point.decision.flatMap { id in picture.decisions.first { $0.id == id } }) { decision in
                .p(.class("point-answer"), .text("\(a(AssessmentStrings.answeredBy)): \(decision.text) (\(decision.decidedBy), \(DisplayFormat.time(decision.decidedAt)))"))
            }),
            .unwrap(point.withdrawnReason) { .p(.class("muted"), .text("\(a(AssessmentStrings.withdrawnBecause)): \($0)")) },
            .if(live && may.decide && point.status == .open, decidePointForm(point))
        )
    }

    /// Records the decision that answers a besluitpunt, or withdraws the point with a reason.
    private func decidePointForm(_ point: DecisionPointView) -> Node<HTML.BodyContext> {
        let id = "point-\(point.id)"
        return .details(
            .class("point-decide"), .id(id + "-decide"),
            .summary(.class("button-like"), .text(a(AssessmentStrings.decide))),
            .unwrap(point.considerations) { .p(.class("point-considerations"), .text("\(a(AssessmentStrings.considerations)): \($0)")) },
            .form(
                .class("stacked js-refresh"), .method(.post), .action(SiteURL.incident(.value(incident.id), .decisions).path),
                .input(.type(.hidden), .name(CSRFMiddleware.fieldName), .value(csrfToken)),
                .input(.type(.hidden), .name("decisionPoint"), .value(point.id.uuidString)),
                .input(.type(.hidden), .name("team"), .value(point.team.rawValue)),
                .label(.for(id + "-text"), .text(a(AssessmentStrings.decision))),
                .textarea(.id(id + "-text"), .name("text"), .required(true), .attribute(named: "rows", value: "2")),
                .label(.for(id + "-by"), .text(a(AssessmentStrings.decidedBy))),
                .input(.type(.text), .id(id + "-by"), .name("decidedBy"), .required(true), .value(user.displayName)),
                .label(.for(id + "-reason"), .text(a(AssessmentStrings.reason))),
                .textarea(.id(id + "-reason"), .name("reason"), .attribute(named: "rows", value: "2")),
                .button(.type(.submit), .id(id + "-submit"), .text(a(AssessmentStrings.decide)))),
            .form(
                .class("stacked js-refresh point-withdraw"), .method(.post),
                .action(SiteURL.incident(.value(incident.id), .decisionPointWithdrawal(.value(point.id))).path),
                .input(.type(.hidden), .name(CSRFMiddleware.fieldName), .value(csrfToken)),
                .input(.type(.hidden), .name("baseVersion"), .value("\(point.version)")),
                .label(.for(id + "-withdraw"), .text(a(AssessmentStrings.withdrawReason))),
                .input(.type(.text), .id(id + "-withdraw"), .name("reason"), .required(true)),
                .button(.type(.submit), .class("small secondary"), .text(a(AssessmentStrings.withdraw))))
        )
    }

    /// The five newest entries over every theme, with their theme; the rest is a click away.
    private func newItems() -> Node<HTML.BodyContext> {
        let newest = Array(picture.entries.sorted { $0.updatedAt > $1.updatedAt }.prefix(5))
        return .section(
            .class("card new-items"), .id("new-items"), .attribute(named: "aria-labelledby", value: "new-items-title"),
            .h2(.id("new-items-title"), .text(say(nl: "Nieuw in het beeld", en: "New in the picture"))),
            newest.isEmpty ? .p(.class("muted"), .text(strings.noEntries))
                : .ul(.class("new-list"), .forEach(newest) { entry in
                    .li(
                        .class(UrgentEntries.isUrgent(entry.priority) ? "priority-\(entry.priority.rawValue)" : ""),
                        .span(.class("muted"), .text("\(DisplayFormat.time(entry.updatedAt)) · \(themeName(entry.theme)): ")),
                        .if(UrgentEntries.isUrgent(entry.priority),
                            .span(.class("badge priority-\(entry.priority.rawValue)"), .text(entry.priority.label.text(language) + " "))),
                        .text(Self.excerpt(entry.text)),
                        .text(" — " + entry.verification.label.text(language).lowercased()))
                }),
            .p(.a(.href("#themes"), .text(say(nl: "Alle meldingen per thema", en: "All entries per theme"))))
        )
    }

    /// The page's parts, a click away; the SitRaps, the public warning and the council report beside them.
    func sectionNav() -> Node<HTML.BodyContext> {
        .nav(
            .class("cockpit-nav"), .attribute(named: "aria-label", value: say(nl: "Onderdelen van het incident", en: "Parts of the incident")),
            .ul(
                .li(.a(.href("#status-strip"), .text(say(nl: "Overzicht", en: "Overview")))),
                .li(.a(.href("#map-section"), .text(strings.mapTitle))),
                .li(.a(.href("#themes"), .text(say(nl: "Beeld per thema", en: "Picture per theme")))),
                .if(readsWholePicture, .li(.a(.href("#decisions"), .text(strings.decisions)))),
                .if(readsWholePicture, .li(.a(.href("#actions"), .text(strings.actions)))),
                .if(access != nil, .li(.a(.href("#access"), .text(strings.access)))),
                .li(.a(.href("#logbook"), .text(strings.logbook))),
                .li(.a(.id("sitraps-link"), .href(SiteURL.incident(.value(incident.id), .sitraps).path), .text(strings.sitrap.title))),
                .li(.a(.id("public-warnings-link"), .href(SiteURL.incident(.value(incident.id), .publicWarnings).path),
                       .text(say(nl: "Publieke waarschuwing (CAP)", en: "Public warning (CAP)")))),
                .if(may.draftReport, .li(.a(.id("council-report-link"), .href(SiteURL.incident(.value(incident.id), .report).path),
                                             .text(CouncilReportStrings.for(language).link)))),
                // Optional sound when a new urgent entry arrives (decision 0022); the choice stays in this browser.
                .if(live, .li(.button(
                    .type(.button), .id("urgent-sound"), .class("small"), .attribute(named: "aria-pressed", value: "false"),
                    .data(named: "on", value: urgentStrings.soundOn), .data(named: "off", value: urgentStrings.soundOff),
                    .text(urgentStrings.soundOff)))))
        )
    }

    /// The buttons that open the forms: a new entry, a besluitpunt, a decision, an action, the scale.
    func actionBar() -> Node<HTML.BodyContext> {
        func toggle(_ id: String, _ label: String, _ form: Node<HTML.BodyContext>) -> Node<HTML.BodyContext> {
            .element(named: "details", nodes: [
                .class("action-toggle"), .id(id), .element(named: "summary", nodes: [.class("button-like"), .text(label)]), form,
            ])
        }
        return .div(
            .class("action-bar live-only"), .attribute(named: "role", value: "group"),
            .attribute(named: "aria-label", value: say(nl: "Invoeren", en: "Enter")),
            .if(may.addEntry, toggle("open-entry", say(nl: "Melding toevoegen", en: "Add an entry"), entryForm())),
            .if(may.decide && !user.subject.isPartner, toggle("open-point", a(AssessmentStrings.raise), raisePointForm())),
            .if(may.decide, toggle("open-decision", say(nl: "Besluit vastleggen", en: "Record a decision"), decisionForm())),
            .if(may.addEntry && readsWholePicture, toggle("open-action", say(nl: "Actie uitzetten", en: "Assign an action"), actionForm())),
            .if(may.editIncident, toggle("open-scaling", say(nl: "GRIP, fase en status", en: "GRIP, phase and status"), scalingForm()))
        )
    }

    private func raisePointForm() -> Node<HTML.BodyContext> {
        let minutes = [15, 30, 60, 120, 240, 480]
        return .section(
            .class("card"), .attribute(named: "aria-labelledby", value: "new-point-title"),
            .h2(.id("new-point-title"), .text(a(AssessmentStrings.raise))),
            .form(
                .id("point-form"), .class("stacked js-refresh js-reset"), .method(.post), .action(SiteURL.incident(.value(incident.id), .decisionPoints).path),
                .input(.type(.hidden), .name(CSRFMiddleware.fieldName), .value(csrfToken)),
                .label(.for("point-text"), .text(a(AssessmentStrings.question))),
                .textarea(.id("point-text"), .name("text"), .required(true), .attribute(named: "rows", value: "2"),
                          .attribute(named: "maxlength", value: "1000")),
                .label(.for("point-considerations"), .text(a(AssessmentStrings.considerations))),
                .textarea(.id("point-considerations"), .name("considerations"), .attribute(named: "rows", value: "2")),
                .label(.for("point-team"), .text(a(AssessmentStrings.team))),
                .select(.id("point-team"), .attribute(named: "name", value: "team"), .forEach(CrisisTeam.allCases) {
                    .choice($0.rawValue, $0.label.text(language), selected: $0 == (incident.grip.rawValue >= 3 ? .gbt : .rot))
                }),
                .label(.for("point-deadline"), .text(a(AssessmentStrings.deadline))),
                .select(
                    .id("point-deadline"), .attribute(named: "name", value: "deadlineInMinutes"),
                    .choice("", a(AssessmentStrings.noDeadline)),
                    .forEach(minutes) { value in
                        .choice("\(value)", value < 60 ? "\(value) \(a(AssessmentStrings.minutes))" : "\(value / 60) \(a(AssessmentStrings.hours))",
                                selected: value == 60)
                    }),
                .button(.type(.submit), .id("point-submit"), .text(a(AssessmentStrings.raise))))
        )
    }

    /// Every besluitpunt, open and closed, in the records section.
    func allDecisionPoints() -> Node<HTML.BodyContext> {
        .if(!picture.decisionPoints.isEmpty && !user.subject.isPartner,
            .group(
                .h3(.text(a(AssessmentStrings.allPoints))),
                .ol(.class("points"), .id("decision-point-list"), .forEach(picture.decisionPoints) { point in
                    .li(
                        .class("point point-\(point.status.rawValue)"),
                        .span(.class("badge point-status"), .text(point.status.label.text(language))), .text(" "),
                        .text(point.text),
                        .unwrap(point.considerations) { .p(.class("point-considerations"), .text("\(a(AssessmentStrings.considerations)): \($0)")) },
                        .unwrap(point.withdrawnReason) { .span(.class("muted"), .text(" — \($0)")) })
                })))
    }

    func person(_ username: String) -> String { names?.person(username) ?? username }
    /// A theme by its name; a partner's theme by the partner's name.
    func themeName(_ theme: Theme) -> String {
        if case .partner(let code) = theme { return organisationName(code) }
        return DisplayFormat.themeLabel(theme, language)
    }
    func organisationName(_ code: String) -> String { names?.organisation(code) ?? code }
}
