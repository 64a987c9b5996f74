import Foundation
import KnooppuntCore
import KnooppuntInterop

/// One incident of the national picture: its summary, the details its source node lets this user see
/// (fetched now, or the user's cached copy with its age), and what the region shared nationally.
struct NationalIncidentPage: Bilingual {
    let strings: UIStrings
    let csrfToken: String
    let user: CurrentUser
    let detail: NationalDetails.DetailDTO
}
