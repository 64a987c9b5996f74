import Foundation
import KnooppuntCore

/// A standby partner's monitoring list: incidents in its regions with title, category, area and GRIP
/// only; the picture opens once the region's IM admits the partner.
struct MonitoringPage {
    let strings: UIStrings
    let csrfToken: String
    let user: CurrentUser
    let items: [MonitoringItem]
    let alerts: [PartnerAlertDTO]

    /// Set when the user has no monitoring list: the policy's reason.
    let denial: String?

    let journalPosition: Int64
}
