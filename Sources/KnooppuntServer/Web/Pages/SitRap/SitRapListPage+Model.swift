import Foundation
import KnooppuntCore

/// The SitRaps of an incident: the list, the form to issue one, the schedule, and the liaison's
/// intake of a partner's own SitRap.
struct SitRapListPage {
    let strings: UIStrings
    let csrfToken: String
    let user: CurrentUser
    let incident: IncidentView
    let sitraps: [SitRapSummaryDTO]
    let mayIssue: Bool
    let schedule: SitRapScheduleDTO?

    /// Partners the user may enter a SitRap for (liaison, koppelsamenwerking); empty when none.
    let intakeChoices: [(code: String, name: String)]

    /// SitRaps belong to the whole picture (decision 0027 §7, §8): a reader with a limited scope reads none,
    /// and is told so rather than that none exist.
    var readsWholePicture = true
}
