import Foundation
import KnooppuntCore

/// The page after login, per role (decision 0023): what needs the user first — alarms to acknowledge,
/// SitRaps due — then the open incidents the user may read (own region first, highest GRIP first), a
/// prominent way to the bestuur overview or the national picture for those who use them, and the phase
/// panels. The 25-region reference view lives on `/regios`.
struct HomePage {
    /// One open incident the user may read.
    struct IncidentRow {
        let incident: IncidentView

        /// In the user's own region (lead or involved).
        let ownRegion: Bool

        /// When the next SitRap is due, if reports are scheduled.
        var sitRapDue: Date?

        /// For those who verify and admit on it: current entries still unverified, and awaiting admission
        /// (confidential entries not counted).
        var toVerify = 0

        var toAdmit = 0

        /// For the bestuur (decision 0024): under the user's own authority, the totaalbeeld, the open
        /// besluitpunten and the latest SitRap the user may read.
        var underAuthority = false

        var totaalbeeld: SummaryView? = nil
        var openPoints: [DecisionPointView] = []
        var latestSitRap: (number: Int, issuedAt: Date)? = nil
    }

    /// An incident in a partner's area it may not read but may ask access to: only the minimal facts
    /// (decision 0023) — reference, kind, GRIP and regions, never the title, place or entries.
    struct Askable {
        let id: UUID
        let reference: String
        let category: IncidentCategory
        let grip: GRIPLevel
        let regions: [RegionCode]

        /// The partner's latest request for it.
        let request: AccessRequestDTO?
    }

    /// An open request for the IM to answer.
    struct PendingRequest {
        let request: AccessRequestDTO
        let incident: IncidentView
        let organisationName: String
    }

    let strings: UIStrings
    let csrfToken: String
    let user: CurrentUser
    let incidents: [IncidentRow]

    /// The partner's alarms nobody has acknowledged yet.
    let alerts: [PartnerAlertDTO]

    let now: Date

    /// For those who keep the region's risk profile (decision 0028): how it stands, and what needs review.
    struct RiskWork {
        let region: String
        let risks: Int
        let due: [RiskProfiles.RiskDTO]
        let notAdopted: Int
        /// Plans whose review has come or comes within 60 days (decision 0030).
        var plansToReview: [Plans.PlanDTO] = []
    }

    var riskWork: RiskWork? = nil

    /// Open incident proposals of the meldkamer in the regions the user sees (decision 0034): real ones, and
    /// those of an exercise; nil for who sees none.
    var proposals: (open: Int, exercise: Int)? = nil

    /// The open risk pictures the user reads (decision 0029); for their keepers the signals not yet seen.
    var riskPictures: [RiskPictures.PictureDTO] = []

    /// The user's own region's phase, with its form for those who set it.
    var regionPhase: RegionPhasePanel? = nil

    /// The national phase, for the national node's staff.
    var nationalPhase: RegionPhasePanel? = nil

    /// For a partner: incidents in its area it may ask access to.
    var askable: [Askable] = []

    /// For those who manage an incident's access: requests awaiting an answer.
    var accessRequests: [PendingRequest] = []

    /// For the staff of an adoptieregio: what its partners' agreements need — a re-test of a provisional
    /// collaboration, an evaluation moment — when near or past (decision 0027 §5, §12).
    var partnerDeadlines: [PartnerDeadline] = []

    /// For the toetser and the regiegroep's chair: the agreements where it is their turn (decision 0027 §3).
    var toetsingWork: [ToetsingItem] = []

    struct ToetsingItem {
        let partner: String
        let name: String
        let profile: CollaborationProfile
        let agreement: Int
        /// What is asked: "Onderdelen vastleggen", "Advies geven", "Standpunt innemen", "Hertoetsing".
        let step: LocalizedLabel
    }

    struct PartnerDeadline {
        let partner: String
        let name: String
        let profile: CollaborationProfile
        let deadline: AgreementDeadline
    }
}
