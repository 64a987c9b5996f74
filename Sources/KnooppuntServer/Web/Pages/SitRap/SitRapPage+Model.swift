import Foundation
import KnooppuntCore

/// One situation report as a page, with links to its PDF, Markdown and JSON.
struct SitRapPage {
    let strings: UIStrings
    let csrfToken: String
    let user: CurrentUser
    let incidentID: UUID
    let document: SitRapDocument
}
