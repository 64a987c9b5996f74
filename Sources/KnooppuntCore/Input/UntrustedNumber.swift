import Foundation

/// Numbers read from untrusted text (XML, CSV, form fields, query strings). Every conversion is checked:
/// no infinity, no NaN, nothing outside the range the caller names — a value that does not fit is `nil`,
/// never a trap. `Int(someDouble)` on a parsed value is forbidden in this code base; use these.
public enum UntrustedNumber {
    /// The longest numeral read at all; longer text is refused before any conversion.
    public static let maximumLength = 64

    /// A finite decimal ("12", "-3.5", "1e3") within `range`; `nil` for anything else.
    public static func decimal(_ text: String, in range: ClosedRange<Double> = -1e15...1e15) -> Double? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty, trimmed.count <= maximumLength,
              trimmed.unicodeScalars.allSatisfy({ "0123456789+-.eE".unicodeScalars.contains($0) }),
              let value = Double(trimmed), value.isFinite, range.contains(value)
        else { return nil }
        return value
    }

    /// A whole number written in ASCII digits (an optional sign) within `range`; `nil` for anything else.
    public static func whole(_ text: String, in range: ClosedRange<Int>) -> Int? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty, trimmed.count <= maximumLength, let value = Int(trimmed), range.contains(value) else { return nil }
        return value
    }

    /// `value` rounded up and clamped into `range` (NaN gives the lower bound): for waits and distances
    /// computed from times and coordinates, where a value out of range must not trap.
    public static func clampedUp(_ value: Double, in range: ClosedRange<Int>) -> Int {
        guard !value.isNaN else { return range.lowerBound }
        let clamped = min(max(value.rounded(.up), Double(range.lowerBound)), Double(range.upperBound))
        return Int(exactly: clamped) ?? range.lowerBound
    }

    /// `value` rounded to the nearest whole number when it is finite and the result lies in `range`.
    public static func rounded(_ value: Double, in range: ClosedRange<Int>) -> Int? {
        let nearest = value.rounded()
        guard nearest.isFinite, let whole = Int(exactly: nearest), range.contains(whole) else { return nil }
        return whole
    }
}
