import Foundation
import KnooppuntCore
import KnooppuntInterop

/// The national node's Landelijk Operationeel Beeld as far as it is built: the incidents the regional
/// nodes shared, by GRIP, with their source and age; and per region whether anything runs at GRIP 2 or
/// higher and when its node was last heard from.
struct NationalPicturePage: Bilingual {
    struct RegionRow {
        let code: String
        let name: String
        let incidents: Int
        let highestGRIP: GRIPLevel?
        let lastContact: Date?

        /// The region's phase towards a threat as last recorded or reported (decision 0021); nil: none, koud.
        var phase: RegionPhases.SettingDTO? = nil
    }

    let strings: UIStrings
    let csrfToken: String
    let user: CurrentUser
    let incidents: [NationalController.NationalIncidentDTO]
    let regions: [RegionRow]
    let now: Date
    let isNationalNode: Bool
    let advisories: [AdvisoriesController.AdvisoryDTO]
    var groupings: [NationalGroupings.GroupingDTO] = []
    var leafletAvailable = false
    var tileURL: String? = nil

    /// The risk pictures the regions share (decision 0029), for the national node's staff.
    var riskPictures: [RiskPictureSharing.Shared] = []
    /// The cascades that cross regions, as the regional nodes share them (decision 0032).
    var cascades: [CascadeSharing.Shared] = []

    /// The national phase towards a threat, with its form for the KCR2 analyst.
    var nationalPhase: RegionPhasePanel? = nil
}
