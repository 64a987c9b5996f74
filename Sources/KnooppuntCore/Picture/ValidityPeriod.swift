import Foundation

/// When a version of something in the picture was the current one: from `validFrom` up to, not
/// including, `validTo` (nil while it is still current). Times are whole microseconds since 1970, so
/// comparisons are exact on every database.
public struct ValidityPeriod: Equatable, Sendable, Codable {
    public var validFrom: Int64
    public var validTo: Int64?

    public init(validFrom: Int64, validTo: Int64? = nil) {
        self.validFrom = validFrom
        self.validTo = validTo
    }

    public func contains(_ instant: Int64) -> Bool {
        validFrom <= instant && (validTo.map { instant < $0 } ?? true)
    }

    public var isCurrent: Bool { validTo == nil }
}

/// Whole microseconds since 1970, the time unit of versions.
public enum Microseconds {
    public static func from(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1_000_000).rounded(.down))
    }

    public static func date(_ value: Int64) -> Date {
        Date(timeIntervalSince1970: TimeInterval(value) / 1_000_000)
    }
}

/// Optimistic concurrency: an edit names the version it replaces.
public enum EditCheck {
    public enum Outcome: Equatable, Sendable {
        case accept
        /// The edit was based on an older version; `current` is what the editor must look at first.
        case stale(current: Int)
    }

    public static func check(baseVersion: Int, currentVersion: Int) -> Outcome {
        baseVersion == currentVersion ? .accept : .stale(current: currentVersion)
    }
}
