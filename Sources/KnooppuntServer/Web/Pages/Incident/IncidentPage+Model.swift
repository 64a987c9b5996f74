import Foundation
import KnooppuntCore

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

        /// The IM or HIN takes the meldkamer theme over from the calamiteitencoördinator (decision 0034).
        var takeOverMeldkamer = false
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

        /// Organisations the region may join ad hoc (decision 0027 §6): not linked, no other agreement in effect.
        var adHocCandidates: [(code: String, name: String)] = []

        /// The HINs and detached HINs of the involved regions, one of whom the region detaches: username, name.
        var detachableHINs: [(username: String, name: String)] = []
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

    /// The plans attached to the incident (decision 0030), for readers of the whole picture.
    var plans: [Plans.PlanDTO] = []

    /// Offer "Wat kan volgen" (decision 0032): a digital disruption, or an incident with a location, for a
    /// reader of the dependency model.
    var whatFollows = false

    /// The risk picture the incident was escalated from (decision 0029).
    var fromRiskPicture: (id: UUID, title: String)? = nil

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
    /// The urgent banner and its acknowledgements belong to the whole picture (decision 0027 §7): a standby
    /// partner with a limited read scope sees neither.
    var readsWholePicture = true
    /// What the reader reads (decision 0027 §7, §8), for the note that says so.
    var readScope: ReadScope = .whole

    /// A kern partner linked to the incident brings standby partners in under its own mandate (decision 0027
    /// §9): the standby partners with an agreement in effect with the incident's regions, not yet linked.
    var standbyChoices: [(code: String, name: String)] = []

    /// People's and organisations' names, for authors, verifiers and summaries.
    var names: PeopleNames? = nil
}
