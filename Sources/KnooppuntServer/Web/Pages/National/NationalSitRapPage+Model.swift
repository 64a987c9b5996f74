import Foundation
import KnooppuntCore
import KnooppuntInterop

/// A SitRap a regional node shared, rendered from its composed content.
struct NationalSitRapPage: Bilingual {
    let strings: UIStrings
    let csrfToken: String
    let user: CurrentUser
    let document: SitRapDocument
    let node: String
    let id: UUID
}
