import Foundation
import KnooppuntCore
import KnooppuntInterop

/// Composing and publishing an incident's public warning: the handelingsperspectief in Dutch and
/// English, and the CAP assessment. Lists what was published, with its public page.
struct PublicWarningFormPage: Bilingual {
    let strings: UIStrings
    let csrfToken: String
    let user: CurrentUser
    let incident: IncidentView
    let warnings: [PublicWarningDTO]
    let mayPublish: Bool
}
