import KnooppuntCore

/// `/regios`: the reference view of the 25 safety regions, a map with the same regions and their
/// phases as a table for keyboard and screen-reader users. It used to be the home page (decision 0023).
struct RegionsPage {
    struct RegionRow {
        let code: String
        let name: String
        let province: String

        /// The region's phase, for readers of phases (decision 0021).
        var phase: String? = nil
    }

    let strings: UIStrings
    let csrfToken: String
    let user: CurrentUser
    let regions: [RegionRow]
    let leafletAvailable: Bool
    let tileURL: String?
}
