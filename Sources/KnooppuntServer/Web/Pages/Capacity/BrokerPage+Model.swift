import Foundation
import KnooppuntCore
import KnooppuntInterop

/// `/broker`: the national node's matching of open requests with capacity, its proposals, and the
/// record of scarce-resource allocation decisions.
struct BrokerPage: Bilingual {
    let strings: UIStrings
    let csrfToken: String
    let user: CurrentUser
    let types: [CapacityTypeDTO]
    let broker: BrokerDTO

    /// Open requests of other nodes (as `/capacity` lists them): they are matched on their own node, so
    /// they are shown here for the picture, without proposals, and never hidden behind "Geen open aanvragen".
    var remote: [CapacitySharing.RemoteRequest] = []
}
