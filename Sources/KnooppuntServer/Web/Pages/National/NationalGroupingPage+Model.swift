import Foundation
import KnooppuntCore
import KnooppuntInterop

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
}
