import Foundation
import KnooppuntCore

/// The draft report to the councils (art. 40 Wvr) as a page, with links to its PDF, Markdown and JSON.
/// The same lines as the documents, so the page and the printout read alike.
struct CouncilReportPage {
    let strings: UIStrings
    let csrfToken: String
    let user: CurrentUser
    let document: CouncilReportDocument
}
