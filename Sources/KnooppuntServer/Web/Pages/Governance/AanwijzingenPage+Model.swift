import Foundation
import KnooppuntCore

/// `/aanwijzingen`: on the national node the register for the minister and the staff, with delivery
/// and acknowledgement per region; on a regional node the aanwijzingen it received, to acknowledge.
struct AanwijzingenPage: Bilingual {
    let strings: UIStrings
    let csrfToken: String
    let user: CurrentUser
    let national: Bool
    let aanwijzingen: [AanwijzingView]
    let now: Date
}
