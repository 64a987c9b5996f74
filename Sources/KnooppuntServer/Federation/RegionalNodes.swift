import Fluent
import Foundation
import KnooppuntCore

/// The national node's trusted regional peers, by the region each serves: a regional node is named after
/// its region (`vr13` for VR13), as `knooppunt node init` and the operations guide have it.
enum RegionalNodes {
    /// The national node only: what it sends down to the regions goes from there.
    static func requireNational(_ context: KnooppuntContext) throws {
        guard case .national = context.configuration.role else {
            throw Problem.notFound("this node is not the national node (serve --role national)")
        }
    }

    static func nodeName(of region: RegionCode) -> String { region.rawValue.lowercased() }

    /// The peers serving `regions`, or every regional peer when none are named; a region without a trusted
    /// node is refused naming `field`, so nothing is sent to only some of them.
    static func peers(for regions: [RegionCode], field: String, on db: Database) async throws -> [NodePeerModel] {
        let peers = try await NodePeerModel.query(on: db).filter(\.$role == "region").sort(\.$name).all()
        let wanted = Set(regions.map(nodeName(of:)))
        let targets = wanted.isEmpty ? peers : peers.filter { wanted.contains($0.name) }
        let missing = wanted.subtracting(targets.map(\.name))
        guard missing.isEmpty else {
            throw Problem.invalid(
                "no trusted regional node for \(missing.sorted().joined(separator: ", ")); trust it with `knooppunt node trust`", field: field)
        }
        guard !targets.isEmpty else { throw Problem.invalid("no regional nodes are trusted yet", field: field) }
        return targets
    }
}
