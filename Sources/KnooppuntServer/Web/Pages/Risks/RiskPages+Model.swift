import Foundation
import KnooppuntCore

/// `/risicoprofiel`: a region's risk profile — what needs review first, the risk diagram, the risks, and for
/// its keepers the forms to record a risk and to take in a CSV file (decision 0028).
struct RiskProfilePage: Bilingual {
    let strings: UIStrings
    let csrfToken: String
    let user: CurrentUser
    let region: RegionCode
    let regionName: String
    /// Every region, code and name, for the choice of profile.
    let regions: [(code: String, name: String)]
    let risks: [RiskProfiles.RiskDTO]
    /// The reader keeps the general profile, the zorgrisicoprofiel.
    let mayKeep: Bool
    let mayKeepCare: Bool
}

/// `/risicoprofiel/{risk}`: one risk with its adoptions and versions, and for its keepers the change and
/// withdrawal forms.
struct RiskPage: Bilingual {
    let strings: UIStrings
    let csrfToken: String
    let user: CurrentUser
    let regionName: String
    let detail: RiskProfiles.DetailDTO
    let mayKeep: Bool
    /// The public risk information published about the risk, and whether the reader publishes it (decision 0031).
    let communications: [RiskCommunication.DTO]
    let mayCommunicate: Bool
}

/// `/risicoprofiel/landelijk`: the general profiles side by side (C32), shared risks first.
struct NationalRisksPage: Bilingual {
    let strings: UIStrings
    let csrfToken: String
    let user: CurrentUser
    let rows: [RiskProfiles.NationalRowDTO]
    let regionNames: [String: String]
}
