import Foundation
import KnooppuntCore

/// A position in the Dutch national grid, RD New (EPSG:28992), in metres.
public struct RDPoint: Sendable, Equatable {
    public var x: Double
    public var y: Double

    public init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }

    /// The RD grid covers the Netherlands and its surroundings: x 0–300 km, y 289–629 km.
    public var isInGrid: Bool { (-7_000...300_000).contains(x) && (289_000...629_000).contains(y) }
}

/// Conversion between WGS84/ETRS89 (degrees) and RD New with the approximation polynomials of
/// Schreutelkamp and Strang van Hees (2001). Within the Netherlands they agree with RDNAPTRANS™2018
/// to well within one metre — enough for crisis maps, without the correction grids.
public enum RDCoordinates {
    static let x0 = 155_000.0, y0 = 463_000.0
    static let phi0 = 52.15517440, lambda0 = 5.38720621

    // WGS84 → RD: X = x0 + Σ R[p,q]·dφ^p·dλ^q, Y = y0 + Σ S[p,q]·dφ^p·dλ^q, with dφ, dλ in 10⁴ seconds.
    static let r: [(Int, Int, Double)] = [
        (0, 1, 190094.945), (1, 1, -11832.228), (2, 1, -114.221), (0, 3, -32.391), (1, 0, -0.705),
        (3, 1, -2.340), (1, 3, -0.608), (0, 2, -0.008), (2, 3, 0.148),
    ]
    static let s: [(Int, Int, Double)] = [
        (1, 0, 309056.544), (0, 2, 3638.893), (2, 0, 73.077), (1, 2, -157.984), (3, 0, 59.788), (0, 1, 0.433),
        (2, 2, -6.439), (1, 1, -0.032), (0, 4, 0.092), (1, 4, -0.054),
    ]
    // RD → WGS84: φ = φ0 + Σ K[p,q]·dX^p·dY^q / 3600, λ = λ0 + Σ L[p,q]·dX^p·dY^q / 3600, dX, dY in 100 km.
    static let k: [(Int, Int, Double)] = [
        (0, 1, 3235.65389), (2, 0, -32.58297), (0, 2, -0.24750), (2, 1, -0.84978), (0, 3, -0.06550),
        (2, 2, -0.01709), (1, 0, -0.00738), (4, 0, 0.00530), (2, 3, -0.00039), (4, 1, 0.00033), (1, 1, -0.00012),
    ]
    static let l: [(Int, Int, Double)] = [
        (1, 0, 5260.52916), (1, 1, 105.94684), (1, 2, 2.45656), (3, 0, -0.81885), (1, 3, 0.05594), (3, 1, -0.05607),
        (0, 1, 0.01199), (3, 2, -0.00256), (1, 4, 0.00128), (0, 2, 0.00022), (2, 0, -0.00022), (5, 0, 0.00026),
    ]

    static func sum(_ terms: [(Int, Int, Double)], _ a: Double, _ b: Double) -> Double {
        terms.reduce(0) { $0 + $1.2 * pow(a, Double($1.0)) * pow(b, Double($1.1)) }
    }

    public static func rd(from position: Position) -> RDPoint {
        let dPhi = 0.36 * (position.lat - phi0)
        let dLambda = 0.36 * (position.lon - lambda0)
        return RDPoint(x: x0 + sum(r, dPhi, dLambda), y: y0 + sum(s, dPhi, dLambda))
    }

    public static func position(from point: RDPoint) -> Position {
        let dX = (point.x - x0) * 1e-5
        let dY = (point.y - y0) * 1e-5
        return Position(lon: lambda0 + sum(l, dX, dY) / 3600, lat: phi0 + sum(k, dX, dY) / 3600)
    }
}
