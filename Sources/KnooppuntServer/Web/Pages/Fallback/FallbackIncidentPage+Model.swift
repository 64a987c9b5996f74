import Foundation
import KnooppuntCore

/// `/fallback/{node}/{incident}`: one incident's copy — status first, then entries per theme, decisions,
/// open actions and the latest SitRap. Printable, and readable on a phone.
struct FallbackIncidentPage {
    let strings: UIStrings
    let csrfToken: String
    let user: CurrentUser
    let detail: FallbackController.DetailDTO
}
