import Foundation
import KnooppuntCore

/// The list of incidents a user may see, filtered, with real incidents and exercises apart.
struct IncidentListPage {
    struct Row {
        let incident: IncidentView
        let stale: Bool
    }

    struct Filters {
        var exercise = false
        var region: String?
        var grip: Int?
        var phase: String?
        var status: String?
    }

    let strings: UIStrings
    let csrfToken: String
    let user: CurrentUser
    let rows: [Row]
    let filters: Filters
    let mayCreate: Bool

    /// The journal sequence the page reflects; its stream resumes after it.
    let journalPosition: Int64
}
