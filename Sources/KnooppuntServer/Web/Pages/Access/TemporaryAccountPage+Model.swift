import Foundation
import KnooppuntCore

/// An administrator issues an ad-hoc partner a temporary account bound to one incident.
struct TemporaryAccountPage {
    let strings: UIStrings
    let csrfToken: String
    let user: CurrentUser

    /// After issuing: the account, with its password shown once.
    let issued: IssuedTemporaryAccount?
}
