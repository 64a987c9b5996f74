import Foundation
import KnooppuntCore

/// `/fallback` on the national node: the open incidents of the emergency account's region, with the age
/// of each copy.
struct FallbackListPage {
    let strings: UIStrings
    let csrfToken: String
    let user: CurrentUser
    let items: [FallbackController.ItemDTO]
}
