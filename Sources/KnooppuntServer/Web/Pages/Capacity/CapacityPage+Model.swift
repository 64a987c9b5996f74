import Foundation
import KnooppuntCore
import KnooppuntInterop

/// `/capacity`: the live overview (map, available capacity per type and holder, open requests), asking
/// for assistance, and the user's own organisation's registry with CSV import.
struct CapacityPage: Bilingual {
    let strings: UIStrings
    let csrfToken: String
    let user: CurrentUser
    let types: [CapacityTypeDTO]
    let overview: CapacityOverviewDTO
    let lines: [CapacityItemDTO]
    let mayEditOwn: Bool
    let mayRequest: Bool
    let isBroker: Bool

    /// Open incidents the user may read, for linking a request: id, reference, title.
    let incidents: [(UUID, String, String)]

    let leafletAvailable: Bool
    let tileURL: String?

    struct MapLine: Encodable {
        let holder: String, type: String, label: String, available: Int, count: Int, longitude: Double, latitude: Double
    }

    struct MapRequest: Encodable {
        let number: String, url: String, type: String, quantity: Int, status: String, longitude: Double, latitude: Double
    }
}
