import Foundation
import KnooppuntCore

/// One partner's registration as the regions and the national node read it (`/partners/{code}`): per
/// agreement whether it is in effect and why, its toetsing, contacts, and the evaluation moment with the
/// adoptieregio — with the form to record an evaluation for those who hold it (decision 0027 §12).
struct PartnerPage: Bilingual {
    let strings: UIStrings
    let csrfToken: String
    let user: CurrentUser
    let entry: PartnerStore.Entry
    let now: Date
    /// Whether the user may record an evaluation (the adoptieregio's staff, the national node).
    let mayEvaluate: Bool
    /// Whether the user records toetsingen (a toetser) or takes standpoints (the regiegroep's chair), decision 0027 §3.
    let mayTest: Bool
    let mayTakeStandpoint: Bool

    var language: KnooppuntCore.Language { strings.language }
    var registration: PartnerRegistration { entry.registration }
}
