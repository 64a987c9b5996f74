import Foundation
import KnooppuntCore
import Plot

/// One incident's picture: live by default, or as it stood at `at` (the timeline).
struct IncidentPage: Bilingual {
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
    /// A text of the page in the reader's language: the Dutch and the English side by side where it is used.
    var urgent: UrgentEntriesView { UrgentEntries.view(picture.entries, acknowledgements: acknowledgements) }
    var urgentStrings: UrgentStrings { UrgentStrings.for(language) }
    var incident: IncidentView { picture.incident }
    var live: Bool { viewingAt == nil }
    var reportStrings: CouncilReportStrings { CouncilReportStrings.for(language) }

    func render() -> String {
        let pending = live ? urgent.unacknowledged : 0
        var layout = Layout(
            title: (pending > 0 ? "(\(pending)) " : "") + "\(incident.reference) \(incident.title)", strings: strings, csrfToken: csrfToken, user: user,
            path: SiteURL.incident(.value(incident.id)).path)
        layout.scripts = [SiteURL.asset(.value("live.js")).path, SiteURL.asset(.value("incident.js")).path]
        if leafletAvailable {
            layout.styles = [SiteURL.leaflet("leaflet.css").path]
            layout.scripts = [SiteURL.leaflet("leaflet.js").path, SiteURL.asset(.value("live.js")).path, SiteURL.asset(.value("incident.js")).path, SiteURL.asset(.value("incident-map.js")).path]
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
                    .data(named: "stream", value: SiteURL.api(.incidentStream(incident.id)).url(query: ["lastEventId": "\(journalPosition)"])),
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
                        .text(" \(themeName(item.theme)) · \(DisplayFormat.time(item.observedAt)): "),
                        .strong(.text(item.text)),
                        .if(may.acknowledge, .form(
                            .class("inline js-refresh"), .method(.post),
                            .action(SiteURL.incident(.value(incident.id), .entry(.value(item.entry), .acknowledgement)).path),
                            .input(.type(.hidden), .name(CSRFMiddleware.fieldName), .value(csrfToken)),
                            .text(" "),
                            .button(.type(.submit), .class("small acknowledge"), .text(urgentStrings.acknowledge)))))
                })))
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
                   .a(.href(SiteURL.home.url(anchor: "region-phase")), .text(say(nl: "Fase van de regio", en: "Phase of the region"))))
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
}
