import Foundation
import KnooppuntCore

/// Accountability afterwards: the access report as a page (administrators, chairs, the national node).
struct AccessReportPage {
    let strings: UIStrings
    let csrfToken: String
    let user: CurrentUser
    let since: String
    let lines: [AccessReport.Line]
}
