import Foundation
import KnooppuntCore

/// The national partner overview (001 §2.5): who works under which profile with which regions, who is
/// in talks, tested or not, and which region adopts whom.
struct PartnerOverviewPage: Bilingual {
    struct Filters {
        var region: String?
        var profile: String?
        var coreTask: String?
        var outcome: String?
    }

    let strings: UIStrings
    let csrfToken: String
    let user: CurrentUser
    let rows: [PartnerOverviewRow]
    let filters: Filters
}
