import Foundation
import KnooppuntCore

/// Warnings taken in from other systems (CAP): risk information for everyone who may read them,
/// with their signature check and the incidents they became entries of.
struct ReceivedWarningsPage: Bilingual {
    let strings: UIStrings
    let csrfToken: String
    let user: CurrentUser
    let warnings: [WarningDTO]
    let references: [UUID: String]
    let advisories: [AdvisoriesController.AdvisoryDTO]

    /// Aanwijzingen of the minister this region received: counted here, read and acknowledged on /aanwijzingen.
    var aanwijzingen: [AanwijzingView] = []
}
