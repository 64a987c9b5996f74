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
    /// For the minister on the national node: what the form to give an aanwijzing offers.
    var give: GiveChoices? = nil

    struct GiveChoices {
        /// Open incidents of the national picture: "node/uuid" and a label.
        let incidents: [(value: String, label: String)]
        /// Offices to consult: the voorzitters and the commissarissen van de Koning.
        let consulted: [(value: String, label: String)]
    }
}
