import Foundation
import KnooppuntCore
import KnooppuntInterop

/// `/assistance/{id}`: one request through its lifecycle, with the actions the user may take.
struct AssistancePage: Bilingual {
    let strings: UIStrings
    let csrfToken: String
    let user: CurrentUser
    let types: [CapacityTypeDTO]
    let request: AssistanceRequestDTO

    /// The user's own registry lines of the requested type, for an offer.
    let ownLines: [CapacityItemDTO]

    let history: [(Date, String, String)]

    /// For a draft the user's organisation holds: whether the user submits it, or who does (decision 0020).
    var submission: AuthorityVerdict? = nil
}
