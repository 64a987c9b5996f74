import Foundation

/// RFC 3339 date-times from untrusted text, read strictly: the calendar date must exist (no 30
/// February), the clock must be a real one (no 24:00, no leap second), the offset at most ±14:00 and
/// the year within `years`. Foundation's ISO 8601 parsers roll impossible dates over into real ones;
/// a crisis record dated "30 February" is an input error, not 2 March.
public enum DateTimeText {
    /// Crisis records, archives and plans: nothing before 1900, nothing after 2199.
    public static let years = 1900...2199

    public static func parse(_ text: String) -> Date? {
        let scalars = Array(text.utf8)
        // yyyy-mm-ddThh:mm:ss[.f…](Z|±hh:mm)
        guard (20...35).contains(scalars.count) else { return nil }
        func digits(_ start: Int, _ count: Int) -> Int? {
            guard start + count <= scalars.count else { return nil }
            var value = 0
            for byte in scalars[start..<start + count] {
                guard (0x30...0x39).contains(byte) else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            return value
        }
        func byte(_ index: Int, _ expected: Character) -> Bool {
            index < scalars.count && scalars[index] == expected.asciiValue
        }
        guard let year = digits(0, 4), byte(4, "-"), let month = digits(5, 2), byte(7, "-"), let day = digits(8, 2),
              byte(10, "T") || byte(10, "t"), let hour = digits(11, 2), byte(13, ":"), let minute = digits(14, 2), byte(16, ":"),
              let second = digits(17, 2)
        else { return nil }
        var index = 19
        var nanoseconds = 0
        if byte(index, ".") {
            index += 1
            let start = index
            while index < scalars.count, (0x30...0x39).contains(scalars[index]) { index += 1 }
            let count = index - start
            guard (1...9).contains(count), let fraction = digits(start, count) else { return nil }
            nanoseconds = fraction * Int(pow(10, Double(9 - count)))
        }
        var offsetSeconds = 0
        if byte(index, "Z") || byte(index, "z") {
            index += 1
        } else if byte(index, "+") || byte(index, "-") {
            let sign = byte(index, "-") ? -1 : 1
            guard let hours = digits(index + 1, 2), byte(index + 3, ":"), let minutes = digits(index + 4, 2),
                  hours <= 14, minutes <= 59, hours * 60 + minutes <= 14 * 60
            else { return nil }
            offsetSeconds = sign * (hours * 3600 + minutes * 60)
            index += 6
        } else {
            return nil
        }
        guard index == scalars.count, years.contains(year), (1...12).contains(month), hour <= 23, minute <= 59, second <= 59,
              (1...daysIn(month: month, year: year)).contains(day)
        else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 0) ?? .gmt
        let components = DateComponents(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
        guard let utc = calendar.date(from: components) else { return nil }
        return utc.addingTimeInterval(TimeInterval(-offsetSeconds) + TimeInterval(nanoseconds) / 1_000_000_000)
    }

    /// A calendar day as text, yyyy-MM-dd, read as strictly as a date-time (digits only, a day that exists,
    /// a year within `years`): midnight of that day in Amsterdam.
    public static func day(_ text: String) -> Date? {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
              bytes.enumerated().allSatisfy({ [4, 7].contains($0.offset) || (0x30...0x39).contains($0.element) }),
              let year = Int(text.prefix(4)), let month = Int(text.dropFirst(5).prefix(2)), let day = Int(text.suffix(2)),
              years.contains(year), (1...12).contains(month), (1...daysIn(month: month, year: year)).contains(day)
        else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Amsterdam") ?? .gmt
        return calendar.date(from: DateComponents(year: year, month: month, day: day))
    }

    /// The day of `date` in Amsterdam, yyyy-MM-dd: what `day(_:)` reads back.
    public static func dayString(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Amsterdam") ?? .gmt
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}
