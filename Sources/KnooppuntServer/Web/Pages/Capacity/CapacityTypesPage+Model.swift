import Foundation
import KnooppuntCore
import KnooppuntInterop

/// `/capacity/types`: the catalogue, and for administrators the form that extends it.
struct CapacityTypesPage: Bilingual {
    let strings: UIStrings
    let csrfToken: String
    let user: CurrentUser
    let types: [CapacityTypeDTO]
}
