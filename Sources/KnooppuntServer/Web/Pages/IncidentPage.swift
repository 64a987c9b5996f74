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
        var manageAccess = false
        var breakGlass = false
        var enterOnBehalf = false
        /// A regional node with a national node: the IM marks entries for national sharing.
        var shareNationally = false
        /// Staff of an involved region draft the voorzitter's report to the councils (art. 40).
        var draftReport = false
        /// Acknowledges urgent entries (decision 0022): the region's own staff who add entries.
        var acknowledge = false
        /// The themes whose summary the user writes (decision 0024).
        var summaryThemes: Set<Theme> = []
    }

    /// A gemeente whose council a consultation may name.
    struct CouncilChoice {
        var code: String
        var name: String
        /// The incident's area covers it: checked by default.
        var affected: Bool
    }

    /// Who else sees the incident: shown to the region's staff; forms for the IM and the chair.
    struct AccessPanel {
        var grants: [AccessGrantDTO]
        /// Partners with an agreement in effect with the incident's regions: code, name, profile.
        var linkable: [(code: String, name: String, profile: CollaborationProfile)]
        /// Organisations the chair may open the incident to.
        var organisations: [(code: String, name: String)]
        /// The partners alerted of the incident.
        var alerts: [PartnerAlertDTO]
        /// Partners' open requests for access, for those who manage access (decision 0023).
        var requests: [HomePage.PendingRequest] = []
    }

    let strings: UIStrings
    let csrfToken: String
    let user: CurrentUser
    let picture: PictureView
    let logbook: [LogbookLineView]
    let since: Date?
    /// Nil when showing the live picture.
    let viewingAt: Date?
    let createdAt: Date
    let now: Date
    let may: Permissions
    /// Nil for partners: they see their own link only.
    let access: AccessPanel?
    /// The partners a liaison may enter information for (koppel and ad hoc): code and name.
    let onBehalfChoices: [(code: String, name: String)]
    /// Whether Leaflet is installed, and the optional base-map tile URL.
    var leafletAvailable = false
    var tileURL: String? = nil
    /// The journal sequence the page reflects; its stream resumes after it.
    let journalPosition: Int64
    /// The entries marked for national sharing.
    var sharedNationally: Set<UUID> = []
    /// Who decides now; nil when looking at an earlier moment.
    var authority: AuthorityView? = nil
    /// How authority was distributed over time, oldest first; empty when looking at an earlier moment.
    var authorityHistory: [AuthorityChangeView] = []
    /// Proposals to the competent authority, newest first (internal information; empty for readers below it).
    var proposals: [ProposalView] = []
    /// The lead region's phase towards a threat, for readers of phases (decision 0021); nil at an earlier moment.
    var leadRegionPhase: RegionPhases.PhaseDTO? = nil
    /// The lead region in the cold phase while the incident runs at GRIP 1 or higher, for its staff.
    var phaseHint: LocalizedLabel? = nil
    /// The IRBT, for its readers; nil at an earlier moment.
    var irbt: IRBTPanel? = nil
    /// Aanwijzingen of the minister about this incident, newest first (internal information).
    var aanwijzingen: [AanwijzingView] = []

    /// The councils' consultations on each decision (C10), by decision.
    var consultations: [UUID: [ConsultationView]] = [:]
    /// Gemeente names by code, to show the councils of a consultation by name.
    var gemeenteNames: [String: String] = [:]
    /// The councils a new consultation may name: the affected gemeenten first, then the others of the
    /// involved regions. Empty when the user does not record consultations.
    var councilChoices: [CouncilChoice] = []

    /// Who acknowledged which urgent entry (decision 0022).
    var acknowledgements: [UUID: AcknowledgementView] = [:]
    /// People's and organisations' names, for authors, verifiers and summaries.
    var names: PeopleNames? = nil

    var language: KnooppuntCore.Language { strings.language }
    private var urgent: UrgentEntriesView { UrgentEntries.view(picture.entries, acknowledgements: acknowledgements) }
    var urgentStrings: UrgentStrings { UrgentStrings.for(language) }
    var incident: IncidentView { picture.incident }
    var live: Bool { viewingAt == nil }
    private var reportStrings: CouncilReportStrings { CouncilReportStrings.for(language) }

    func render() -> String {
        let pending = live ? urgent.unacknowledged : 0
        var layout = Layout(
            title: (pending > 0 ? "(\(pending)) " : "") + "\(incident.reference) \(incident.title)", strings: strings, csrfToken: csrfToken, user: user,
            path: "/incidents/\(incident.id)")
        layout.scripts = ["/assets/live.js", "/assets/incident.js"]
        if leafletAvailable {
            layout.styles = ["/vendor/leaflet/leaflet.css"]
            layout.scripts = ["/vendor/leaflet/leaflet.js", "/assets/live.js", "/assets/incident.js", "/assets/incident-map.js"]
        }
        return layout.render(
            .group(
                .if(incident.exercise, .p(.class("exercise-banner"), .attribute(named: "role", value: "note"), .text(strings.exerciseBanner))),
                .h1(.id("incident-heading"), .text("\(incident.reference) · \(incident.title)")),
                urgentBanner(),
                .div(
                    .class("cockpit"),
                    .div(.id("cockpit-top"), .class("cockpit-top"), .attribute(named: "aria-live", value: "polite"), cockpitTop()),
                    mapSection()),
                sectionNav(),
                .if(live, actionBar()),
                timeline(),
                .div(
                    .id("picture"), .attribute(named: "aria-live", value: "polite"),
                    .data(named: "stream", value: "/api/v1/incidents/\(incident.id)/stream?lastEventId=\(journalPosition)"),
                    .data(named: "live", value: live ? "true" : "false"),
                    fragment()
                )
            ))
    }

    /// The urgent entries nobody acknowledged yet, on top of the page; refreshed live with the picture
    /// (incident.js), which also puts their number in the tab title. Empty when there are none.
    private func urgentBanner() -> Node<HTML.BodyContext> {
        let pending = live ? urgent.entries.filter { $0.acknowledgement == nil } : []
        return .div(
            .id("urgent"), .attribute(named: "aria-live", value: "assertive"),
            .data(named: "count", value: "\(pending.count)"),
            .if(!pending.isEmpty, .section(
                .class("urgent-banner"), .attribute(named: "aria-labelledby", value: "urgent-title"),
                .h2(.id("urgent-title"), .text("\(urgentStrings.bannerTitle) (\(pending.count))")),
                .ul(.forEach(pending) { item in
                    .li(
                        .data(named: "entry", value: item.entry.uuidString),
                        .span(.class("badge priority-\(item.priority.rawValue)"), .text(item.priority.label.text(language))),
                        .text(" \(DisplayFormat.themeLabel(item.theme, language)) · \(DisplayFormat.time(item.observedAt)): "),
                        .strong(.text(item.text)),
                        .if(may.acknowledge, .form(
                            .class("inline js-refresh"), .method(.post),
                            .action("/incidents/\(incident.id)/entries/\(item.entry)/acknowledgement"),
                            .input(.type(.hidden), .name(CSRFMiddleware.fieldName), .value(csrfToken)),
                            .text(" "),
                            .button(.type(.submit), .class("small acknowledge"), .text(urgentStrings.acknowledge)))))
                })))
        )
    }

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
                    .text(language == .nl ? "Grote kaart" : "Large map")))),
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
                        .a(.id("export-geojson"), .href("/api/v1/incidents/\(incident.id)/plots"), .text("GeoJSON")), .text(" · "),
                        .a(.id("export-kml"), .href("/api/v1/incidents/\(incident.id)/plots?format=kml"), .text("KML"))),
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

    private func mapTools(hidden: Bool) -> Node<HTML.BodyContext> {
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
    private func mapStrings() -> String {
        var symbols: [String: String] = [:]
        for symbol in PlotSymbol.allCases { symbols[symbol.rawValue] = symbol.label.text(language) }
        var kinds: [String: String] = [:]
        for kind in PlotKind.allCases { kinds[kind.rawValue] = kind.label.text(language) }
        var hints: [String: String] = [:]
        for kind in PlotKind.allCases {
            hints[kind.rawValue] = [.symbol, .label, .circle].contains(kind) ? strings.mapHintPoint : strings.mapHintShape
        }
        let object: [String: Any] = [
            "plots": strings.mapPlots, "regions": strings.mapRegions, "municipalities": strings.mapMunicipalities,
            "provinces": strings.mapProvinces, "affected": strings.mapAffected, "noneAffected": strings.mapNoneAffected,
            "irbt": strings.mapIRBT, "partners": strings.mapPartners, "remove": strings.mapRemove, "symbols": symbols,
            "kinds": kinds, "hints": hints, "reshape": strings.mapReshape, "reshapeHint": strings.mapReshapeHint,
            "enlarge": language == .nl ? "Grote kaart" : "Large map", "shrink": language == .nl ? "Kleine kaart" : "Small map",
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
            .a(.id("back-to-live"), .href("/incidents/\(incident.id)"), .text(strings.backToLive)),
            .p(.id("timeline-help"), .class("help"), .text(strings.timelineHelp))
        )
    }

    /// The part the script swaps when the picture changes or the timeline moves.
    func fragment() -> Node<HTML.BodyContext> {
        .group(
            reviewLine(),
            authorityHistorySection(),
            .if(
                incident.proposesInterregionalScaling && irbt?.irbt.formed != true,
                .p(.class("advice"), .attribute(named: "role", value: "note"), .text(strings.proposeIRBT))),
            .unwrap(phaseHint) { hint in
                .p(.class("advice"), .id("region-phase-hint"), .attribute(named: "role", value: "note"), .text(hint.text(language) + " "),
                   .a(.href("/#region-phase"), .text(language == .nl ? "Fase van de regio" : "Phase of the region")))
            },
            .unwrap(irbt) { $0.render() },
            .unwrap(access) { breakGlassBanner($0) },
            .if(live, aanwijzingenSection()),
            .if(live, proposalsSection()),
            .if(!picture.conflicts.isEmpty, conflicts()),
            .div(.class("themes"), .id("themes"), .forEach(picture.themes) { theme(for: $0) }),
            decisions(),
            actions(),
            .unwrap(access) { accessSection($0) },
            logbookSection()
        )
    }

    private func activeGrants(_ panel: AccessPanel) -> [AccessGrantDTO] {
        panel.grants.filter { $0.revokedAt == nil && $0.validUntil > now && $0.validFrom <= now }
    }

    /// Notifies the region's staff, the IM first, that the chair opened the incident.
    private func breakGlassBanner(_ panel: AccessPanel) -> Node<HTML.BodyContext> {
        let opened = activeGrants(panel).filter { $0.kind == "break-glass" }
        return .forEach(opened) { grant in
            .p(
                .class("break-glass-banner"), .attribute(named: "role", value: "alert"),
                .strong(.text(strings.glassBroken + ": ")),
                .text("\(grant.grantedBy) (\(grant.grantedByOrganisation)) · \(strings.openedFor) \(grant.organisation) "
                    + "\(strings.untilLabel) \(DisplayFormat.time(grant.validUntil)). \(strings.writtenReason): \(grant.purpose)"))
        }
    }

    private func accessSection(_ panel: AccessPanel) -> Node<HTML.BodyContext> {
        .section(
            .class("card"), .id("access"), .attribute(named: "aria-labelledby", value: "access-title"),
            .h2(.id("access-title"), .text(strings.access)),
            .p(.class("help"), .text(strings.accessIntro)),
            .if(live && may.manageAccess && !panel.requests.isEmpty, .group(
                .h3(.id("incident-access-requests-title"), .text("\(HomeStrings.requestsTitle.text(language)) (\(panel.requests.count))")),
                .ul(.id("incident-access-requests"), .class("access-requests"), .forEach(panel.requests) {
                    $0.render(language, csrfToken: csrfToken, next: nil, incidentLink: false)
                }))),
            .if(panel.grants.isEmpty, .p(.class("muted"), .text(strings.noGrants))),
            .if(!panel.grants.isEmpty,
                .table(
                    .class("grants"),
                    .thead(.tr(
                        .th(.text(strings.organisationLabel)), .th(.text(strings.profile)), .th(.text(strings.statusLabel)),
                        .th(.text(strings.untilLabel)), .th(.text(strings.purpose)), .th(.text(strings.actor)), .th())),
                    .tbody(.forEach(panel.grants) { grant in grantRow(grant) }))),
            .if(!panel.alerts.isEmpty,
                .group(
                    .h3(.text(strings.alerts)),
                    .ul(.class("alerts"), .id("incident-alerts"), .forEach(panel.alerts) { alert in
                        .li(
                            .class(alert.acknowledgedAt == nil ? "alert open" : "alert"),
                            .strong(.text(alert.organisation + " ")),
                            .span(.class("muted"), .text("\(DisplayFormat.time(alert.raisedAt)) · \(alert.reason) · ")),
                            .text(AlertStatusText.text(alert, strings)))
                    }))),
            .if(live && may.manageAccess && !panel.linkable.isEmpty, linkForm(panel)),
            .if(live && may.breakGlass, breakGlassForm(panel))
        )
    }

    private func grantRow(_ grant: AccessGrantDTO) -> Node<HTML.TableContext> {
        let active = grant.revokedAt == nil && grant.validUntil > now
        let kind = grant.profile?.label.text(language) ?? (grant.kind == "break-glass" ? strings.breakGlass : grant.kind)
        let base = "/incidents/\(incident.id)/access/\(grant.id)"
        return .tr(
            .class(active ? "grant" : "grant ended"), .data(named: "organisation", value: grant.organisation),
            .td(.strong(.text(grant.organisation))),
            .td(.text(kind)),
            .td(.text(active ? grant.status.label.text(language) : strings.ended)),
            .td(.text(DisplayFormat.time(grant.revokedAt ?? grant.validUntil))),
            .td(.text(grant.purpose)),
            .td(.text(grant.grantedBy)),
            .td(
                .if(live && active && may.manageAccess && grant.status == .monitoring,
                    .form(
                        .class("inline js-refresh"), .method(.post), .action(base + "/admit"),
                        .input(.type(.hidden), .name(CSRFMiddleware.fieldName), .value(csrfToken)),
                        .button(.type(.submit), .class("small"), .id("admit-\(grant.organisation)"), .text(strings.admitPartner)))),
                .if(live && active && (may.manageAccess || (may.breakGlass && grant.kind == "break-glass")),
                    .form(
                        .class("inline js-refresh"), .method(.post), .action(base + "/revoke"),
                        .input(.type(.hidden), .name(CSRFMiddleware.fieldName), .value(csrfToken)),
                        .button(.type(.submit), .class("small"), .id("disconnect-\(grant.organisation)"), .text(strings.disconnect)))))
        )
    }

    private func durationSelect(_ id: String, hours: [Int], selected: Int) -> Node<HTML.FormContext> {
        .group(
            .label(.for(id), .text(strings.duration)),
            .select(.id(id), .attribute(named: "name", value: "hours"), .forEach(hours) {
                .choice("\($0)", "\($0) \(strings.hoursUnit)", selected: $0 == selected)
            }))
    }

    private func linkForm(_ panel: AccessPanel) -> Node<HTML.BodyContext> {
        .form(
            .id("link-form"), .class("stacked js-refresh js-reset"), .method(.post), .action("/incidents/\(incident.id)/access"),
            .h3(.text(strings.linkPartner)),
            .input(.type(.hidden), .name(CSRFMiddleware.fieldName), .value(csrfToken)),
            .label(.for("link-organisation"), .text(strings.partner)),
            .select(.id("link-organisation"), .attribute(named: "name", value: "organisation"), .forEach(panel.linkable) { partner in
                .choice(partner.code, "\(partner.name) (\(partner.profile.label.text(language)))")
            }),
            .label(.for("link-purpose"), .text(strings.purpose)),
            .input(.type(.text), .id("link-purpose"), .name("purpose"), .required(true), .attribute(named: "minlength", value: "3")),
            durationSelect("link-hours", hours: [4, 8, 24, 72, 168], selected: 24),
            .button(.type(.submit), .id("link-submit"), .text(strings.linkPartner))
        )
    }

    private func breakGlassForm(_ panel: AccessPanel) -> Node<HTML.BodyContext> {
        .details(
            .class("break-glass"),
            .summary(.text(strings.breakGlass)),
            .form(
                .id("break-glass-form"), .class("stacked js-refresh js-reset"), .method(.post),
                .action("/incidents/\(incident.id)/break-glass"),
                .p(.class("help"), .text(strings.breakGlassIntro)),
                .input(.type(.hidden), .name(CSRFMiddleware.fieldName), .value(csrfToken)),
                .label(.for("glass-organisation"), .text(strings.organisationLabel)),
                .select(.id("glass-organisation"), .attribute(named: "name", value: "organisation"), .forEach(panel.organisations) {
                    .choice($0.code, "\($0.name) (\($0.code))")
                }),
                .label(.for("glass-reason"), .text(strings.writtenReason)),
                .textarea(.id("glass-reason"), .name("reason"), .required(true), .attribute(named: "rows", value: "2")),
                durationSelect("glass-hours", hours: [1, 4, 8, 24], selected: 4),
                .button(.type(.submit), .id("glass-submit"), .text(strings.breakGlass))
            )
        )
    }

    private func theme(for currency: ThemeCurrencyView) -> Node<HTML.BodyContext> {
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
            .unwrap(picture.summaries.first { $0.theme == currency.theme && $0.theme != .algemeen }) { summaryBody($0) },
            .if(currency.theme == .algemeen && totaalbeeld != nil, .p(.class("muted"), .a(.href("#totaalbeeld"), .text(language == .nl ? "Het totaalbeeld staat bovenaan." : "The overall picture is at the top.")))),
            .if(live && currency.theme != .algemeen && may.summaryThemes.contains(currency.theme),
                summaryForm(currency.theme, current: picture.summaries.first { $0.theme == currency.theme }, label: AssessmentStrings.update)),
            // Urgent entries nobody acknowledged stay on top of their theme; then the newest first.
            .ul(.class("entries"), .forEach(entries.filter(unacknowledgedUrgent) + entries.filter { !unacknowledgedUrgent($0) }.sorted { $0.observedAt > $1.observedAt }) { entry($0) })
        )
    }

    private func unacknowledgedUrgent(_ entry: EntryView) -> Bool {
        UrgentEntries.isUrgent(entry.priority) && acknowledgements[entry.id] == nil
    }

    private func entry(_ entry: EntryView) -> Node<HTML.ListContext> {
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
                .unwrap(entry.onBehalfOf) { .span(.class("badge via-liaison"), .text("\(strings.viaLiaison) · \($0)")) },
                .if(entry.overdue, .span(.class("badge overdue"), .text(strings.overdue))),
                .if(sharedNationally.contains(entry.id),
                    .span(.class("badge shared-nationally"), .text(language == .nl ? "Landelijk gedeeld" : "Shared nationally"))),
                .text(" \(strings.source): \(entry.source) · \(DisplayFormat.time(entry.observedAt)) · \(person(entry.author)) (\(organisationName(entry.organisation))) · v\(entry.version)"),
                .unwrap(entry.verifiedAt) { at in
                    .span(.class("verified-by"), .text(" · \(entry.verification.label.text(language)) \(language == .nl ? "door" : "by") "
                        + "\(entry.verifiedBy.map(person) ?? "?") \(language == .nl ? "om" : "at") \(DisplayFormat.time(at))"))
                }
            ),
            .if(live && may.verify, entryButtons(entry)),
            .if(live && mayEdit(entry), editForm(entry)),
            .if(live && may.addEntry && !user.subject.isPartner && picture.entries.count > 1, conflictForm(entry))
        )
    }

    /// Partners edit the entries of their own theme; the region's staff every entry.
    private func mayEdit(_ entry: EntryView) -> Bool {
        guard user.subject.isPartner else { return may.addEntry && entry.onBehalfOf == nil || may.enterOnBehalf }
        return may.addEntry && entry.theme == .partner(user.organisationCode)
    }

    private func conflictForm(_ entry: EntryView) -> Node<HTML.BodyContext> {
        let id = "conflict-\(entry.id)"
        return .details(
            .class("entry-conflict"),
            .summary(.text(strings.markConflict)),
            .form(
                .class("stacked js-refresh"), .method(.post),
                .action("/incidents/\(incident.id)/conflicts"),
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

    /// "Wie beslist: burgemeester van Amsterdam" — or that the area must be recorded first.
    static func authorityLine(_ authority: AuthorityView, _ language: KnooppuntCore.Language) -> String {
        let nl = language == .nl
        guard !authority.holders.isEmpty else {
            return nl ? "Wie beslist: nog onbekend — leg het getroffen gebied vast" : "Who decides: not known yet — record the affected area"
        }
        let names = authority.holders.map { holder in
            let name = nl ? holder.name.nl : holder.name.en
            if let matters = holder.decidesOnly {
                return name + " (" + (nl ? "aanwijzing over " : "aanwijzing on ")
                    + matters.map { $0.label.text(language) }.joined(separator: ", ") + ")"
            }
            return holder.boundByAanwijzing.isEmpty ? name : name + (nl ? " (gebonden aan aanwijzing)" : " (bound by aanwijzing)")
        }.joined(separator: ", ")
        // A ramp: the opperbevel, with one line to the bestuur (C05, 002:L335-348).
        let command = authority.opperbevel ? (nl ? " — opperbevel, één lijn naar het bestuur" : " — opperbevel (supreme command), one line to the bestuur") : ""
        return (nl ? "Wie beslist: " : "Who decides: ") + names + (authority.irbt ? " (IRBT)" : "") + command
    }

    /// "Aanwijzing van de minister van JenV": those in force first, ended ones folded away.
    private func aanwijzingenSection() -> Node<HTML.BodyContext> {
        guard !aanwijzingen.isEmpty else { return .empty }
        let card = AanwijzingCard(strings: strings, csrfToken: csrfToken, returnTo: "/incidents/\(incident.id)", now: now)
        let current = aanwijzingen.filter { $0.withdrawnAt == nil && ($0.inForce || $0.validFrom > now) }
        let ended = aanwijzingen.filter { candidate in !current.contains { $0.id == candidate.id } }
        return .div(
            .id("incident-aanwijzingen"),
            .forEach(current) { card.render($0) },
            .if(!ended.isEmpty, .element(named: "details", nodes: [
                .element(named: "summary", text: (language == .nl ? "Beëindigde aanwijzingen" : "Ended aanwijzingen") + " (\(ended.count))"),
                .forEach(ended) { card.render($0) },
            ])))
    }

    static func excerpt(_ text: String) -> String {
        text.count <= 60 ? text : String(text.prefix(59)) + "…"
    }

    private func editForm(_ entry: EntryView) -> Node<HTML.BodyContext> {
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

    private func entryButtons(_ entry: EntryView) -> Node<HTML.BodyContext> {
        let base = "/incidents/\(incident.id)/entries/\(entry.id)"
        return .div(
            .class("entry-actions"),
            .if(entry.verification != .verified, button(base + "/verification", "status", "verified", strings.verify, entry)),
            .if(entry.verification != .contradicted, button(base + "/verification", "status", "contradicted", strings.contradict, entry)),
            .if(may.admit && !entry.inSharedPicture, button(base + "/admission", "admitted", "true", strings.admit, entry)),
            .if(may.shareNationally && sharedNationally.contains(entry.id),
                button(base + "/national-sharing", "shared", "false", language == .nl ? "Niet meer landelijk delen" : "Stop national sharing", entry, versioned: false)),
            .if(may.shareNationally && !sharedNationally.contains(entry.id) && entry.inSharedPicture
                    && entry.classification <= AccessPolicy.nationalCeiling && entry.verification != .contradicted,
                button(base + "/national-sharing", "shared", "true", language == .nl ? "Landelijk delen" : "Share nationally", entry, versioned: false))
        )
    }

    /// A one-button form; `versioned` sends the entry's version for a change that must not overwrite another.
    private func button(_ action: String, _ name: String, _ value: String, _ label: String, _ entry: EntryView, versioned: Bool = true)
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

    private func resolveForm(_ conflict: ConflictView) -> Node<HTML.BodyContext> {
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
            allDecisionPoints(),
            .ul(.forEach(picture.decisions) { decision in
                .li(
                    .class(decision.revoked ? "revoked" : ""),
                    .strong(.text(decision.team.label.text(language) + ": ")), .text(decision.text),
                    .span(.class("muted"), .text(" — \(decision.decidedBy), \(DisplayFormat.time(decision.decidedAt))")),
                    .if(decision.revoked, .span(.class("badge"), .text(strings.revoked))),
                    .if(decision.outsideAuthority == true,
                        .span(.class("badge stale-badge outside-authority"), .text(language == .nl ? "buiten bevoegd gezag" : "outside the competent authority"))),
                    .unwrap(decision.authority) { .span(.class("muted decision-authority"), .text(" · " + (language == .nl ? "onder " : "under ") + $0)) },
                    .unwrap(decision.reason) { .p(.class("decision-reason"), .text("\(reportStrings.reason): \($0)")) },
                    consultationList(consultations[decision.id] ?? [], decidedAt: decision.decidedAt),
                    .if(live && may.decide && !decision.revoked,
                        .form(
                            .class("inline js-refresh"), .method(.post),
                            .action("/incidents/\(incident.id)/decisions/\(decision.id)/revocation"),
                            .input(.type(.hidden), .name(CSRFMiddleware.fieldName), .value(csrfToken)),
                            .input(.type(.hidden), .name("baseVersion"), .value("\(decision.version)")),
                            .input(.type(.hidden), .name("revoked"), .value("true")),
                            .button(.type(.submit), .class("small"), .text(strings.revoke)))),
                    .if(live && may.decide && !decision.revoked && !councilChoices.isEmpty, consultationForm(decision)))
            })
        )
    }

    /// The consultations of the councils on one decision, in the words of the report.
    private func consultationList(_ list: [ConsultationView], decidedAt: Date) -> Node<HTML.BodyContext> {
        .if(!list.isEmpty, .ul(.class("consultations"), .forEach(list) { consultation in
            .li(.text(reportStrings.consultationLine(
                urgent: consultation.urgent, councils: consultation.councils.map { gemeenteNames[$0.rawValue] ?? $0.rawValue },
                consultedAt: consultation.consultedAt, afterDecision: consultation.consultedAt.map { $0 > decidedAt } ?? false,
                position: consultation.position, urgencyReason: consultation.urgencyReason)))
        }))
    }

    /// Records the councils consulted on a decision, or that urgency prevented it (C10).
    private func consultationForm(_ decision: DecisionView) -> Node<HTML.BodyContext> {
        let r = reportStrings
        let id = "consult-\(decision.id)"
        return .details(
            .class("consultation"),
            .summary(.text(r.recordConsultation)),
            .form(
                .class("stacked js-refresh js-reset"), .method(.post),
                .action("/incidents/\(incident.id)/decisions/\(decision.id)/consultations"),
                .input(.type(.hidden), .name(CSRFMiddleware.fieldName), .value(csrfToken)),
                .p(.class("help"), .text(r.consultationHelp)),
                .fieldset(
                    .class("councils"),
                    .element(named: "legend", nodes: [.text(r.councilsField)]),
                    .forEach(councilChoices) { choice in
                        .div(
                            .class("checkbox"),
                            .input(.type(.checkbox), .id("\(id)-\(choice.code)"), .name("councils[]"), .value(choice.code),
                                   .checked(choice.affected)),
                            .label(.for("\(id)-\(choice.code)"), .text(choice.name)))
                    }),
                .label(.for("\(id)-at"), .text(r.consultedAtField)),
                .input(.type(.text), .id("\(id)-at"), .name("consultedAt"), .placeholder("2027-01-15T08:00:00+01:00")),
                .label(.for("\(id)-position"), .text(r.positionField)),
                .textarea(.id("\(id)-position"), .name("position"), .attribute(named: "rows", value: "2")),
                .div(
                    .class("checkbox"),
                    .input(.type(.checkbox), .id("\(id)-urgent"), .name("urgent"), .value("true")),
                    .label(.for("\(id)-urgent"), .text(r.urgent))),
                .label(.for("\(id)-reason"), .text(r.urgencyReasonField)),
                .input(.type(.text), .id("\(id)-reason"), .name("urgencyReason")),
                .button(.type(.submit), .class("small"), .text(r.save))))
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

    private func actionStatusForm(_ action: ActionView) -> Node<HTML.BodyContext> {
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
                .input(.type(.text), .id("since"), .name("since"), .placeholder("25-11-2026 10:00"),
                    .value(DisplayFormat.attribute(since.map(DisplayFormat.time) ?? ""))),
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

    func scalingForm() -> Node<HTML.BodyContext> {
        .section(
            .class("card"), .attribute(named: "aria-labelledby", value: "scaling-title"),
            .h2(.id("scaling-title"), .text(strings.scaling)),
            .p(.class("help"), .id("scaling-help"), .text(language == .nl
                ? "GRIP 0 tot 2 stelt de operationele leiding in. GRIP 3 en hoger en het verklaren van een crisis of ramp beslist het bevoegd gezag; wie dat niet is, dient hiermee een voorstel in."
                : "GRIP 0 to 2 is set by the operational leadership. GRIP 3 and up, and declaring a crisis or ramp, are decided by the competent authority; anyone else puts a proposal with this form.")),
            .form(
                .id("scaling-form"), .class("stacked js-refresh"), .method(.post), .action("/incidents/\(incident.id)/update"),
                .input(.type(.hidden), .name(CSRFMiddleware.fieldName), .value(csrfToken)),
                .input(.type(.hidden), .name("baseVersion"), .value("\(incident.version)")),
                .label(.for("scaling-grip"), .text(strings.gripLabel)),
                .select(.id("scaling-grip"), .attribute(named: "name", value: "grip"), .forEach(GRIPLevel.allCases) {
                    .choice("\($0.rawValue)", $0.scaleLabel.text(language), selected: $0 == incident.grip)
                }),
                .label(.for("scaling-reason"), .text(strings.reason)),
                .input(.type(.text), .id("scaling-reason"), .name("gripReason")),
                governanceFields(),
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

    func entryForm() -> Node<HTML.BodyContext> {
        let themes = user.subject.isPartner ? [Theme.partner(user.organisationCode)] : picture.themes.map(\.theme)
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
                .label(.for("entry-classification"), .text(strings.classification)),
                .select(
                    .id("entry-classification"), .attribute(named: "name", value: "classification"),
                    .forEach(user.subject.isPartner ? [Classification.public, .internal] : Classification.allCases) { level in
                        .choice(level.rawValue, level.label.text(language), selected: level == .internal)
                    }),
                .if(may.enterOnBehalf && !onBehalfChoices.isEmpty,
                    .group(
                        .label(.for("entry-on-behalf"), .text(strings.onBehalfOf)),
                        .select(
                            .id("entry-on-behalf"), .attribute(named: "name", value: "onBehalfOf"),
                            .choice("", strings.ownOrganisation),
                            .forEach(onBehalfChoices) { .choice($0.code, "\($0.name) (\($0.code))") }))),
                .button(.type(.submit), .id("entry-submit"), .text(strings.add))
            )
        )
    }

    func decisionForm() -> Node<HTML.BodyContext> {
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
                .label(.for("decision-reason"), .text(reportStrings.reason)),
                .textarea(.id("decision-reason"), .name("reason"), .attribute(named: "rows", value: "2")),
                .button(.type(.submit), .text(strings.add))
            )
        )
    }

    func actionForm() -> Node<HTML.BodyContext> {
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
