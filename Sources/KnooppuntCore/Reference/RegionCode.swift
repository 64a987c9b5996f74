import Foundation

/// The official code of one of the 25 veiligheidsregio's, "VR01" through "VR25".
public struct RegionCode: TextCode, Comparable, CustomStringConvertible {
    public let rawValue: String

    /// The number of safety regions in the Netherlands (Wet veiligheidsregio's).
    public static let count = 25

    /// Accepts "VR01"…"VR25" (case-insensitive); anything else is nil.
    public init?(_ text: String) {
        let upper = text.uppercased()
        guard upper.count == 4, upper.hasPrefix("VR"), let number = Int(upper.dropFirst(2)),
            (1...Self.count).contains(number)
        else { return nil }
        rawValue = upper
    }

    public init(number: Int) {
        precondition((1...Self.count).contains(number), "region number out of range")
        rawValue = String(format: "VR%02d", number)
    }

    public static var all: [RegionCode] { (1...count).map(RegionCode.init(number:)) }

    public var description: String { rawValue }

    public static func < (lhs: RegionCode, rhs: RegionCode) -> Bool { lhs.rawValue < rhs.rawValue }

    public static let expected = "a region code VR01–VR25"
}
