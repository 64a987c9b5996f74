import Fluent
import Foundation
import KnooppuntCore
import KnooppuntInterop
import Vapor

/// The public page of one warning: the same CAP content, in Dutch and English, for anyone.
struct PublicWarningPage: Bilingual {
    let strings: UIStrings
    let csrfToken: String
    let warning: PublicWarningModel
    let alert: CAPAlert
}
