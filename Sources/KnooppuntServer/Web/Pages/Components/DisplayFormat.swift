import Foundation
import KnooppuntCore
import KnooppuntInterop
import Plot

/// How times and labels appear on pages: Dutch local time, whatever the UI language.
enum DisplayFormat {
    static let timeZone = TimeZone(identifier: "Europe/Amsterdam")!

    static func time(_ date: Date) -> String { format(date, "dd-MM-yyyy HH:mm:ss") }

    static func date(_ date: Date) -> String { DutchDay.string(date) }

    /// To the minute, as a report to the bestuur gives times: 15-01-2027 08:12.
    /// A whole number with thousands grouped as the language writes them: 89.000 in Dutch, 89,000 in English.
    static func count(_ value: Int, _ language: KnooppuntCore.Language) -> String {
        let digits = String(value.magnitude)
        var grouped = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { grouped.append(language == .nl ? "." : ",") }
            grouped.append(digit)
        }
        return (value < 0 ? "-" : "") + grouped
    }

    static func minute(_ date: Date) -> String { format(date, "dd-MM-yyyy HH:mm") }

    /// The day written out, Dutch order in both languages, with the time: 15 januari 2027 08:12.
    static func longDate(_ date: Date, _ language: KnooppuntCore.Language) -> String {
        format(date, "d MMMM yyyy HH:mm", locale: language.localeIdentifier)
    }

    /// A moment as a person types it on a page, in Dutch local time: the way pages show times
    /// (25-11-2026 10:00, with or without seconds; 25-11-2026 for the start of the day), a browser's
    /// `datetime-local` value (2026-11-25T10:00), or RFC 3339 as links carry it. Nil when it is none of them.
    static func parseTime(_ text: String) -> Date? {
        let text = text.trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty, text.count <= 40 else { return nil }
        if let date = RFC3339.parse(text) { return date }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = timeZone
        formatter.isLenient = false
        for pattern in ["dd-MM-yyyy HH:mm:ss", "dd-MM-yyyy HH:mm", "d-M-yyyy HH:mm", "dd-MM-yyyy", "d-M-yyyy",
                        "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss"] {
            formatter.dateFormat = pattern
            if let date = formatter.date(from: text) { return date }
        }
        return nil
    }

    /// `parseTime`, or a 400 in the reader's language naming the field and the forms it takes.
    static func requireTime(_ text: String, field: String, _ language: KnooppuntCore.Language) throws -> Date {
        guard let date = parseTime(text) else {
            var problem = Problem.invalid(
                language.say(
                    nl: "'\(text.prefix(40))' is geen datum en tijd; schrijf bijvoorbeeld 25-11-2026 10:00",
                    en: "'\(text.prefix(40))' is not a date and time; write e.g. 25-11-2026 10:00"),
                field: field)
            if language == .nl { problem.dutch = problem.detail }
            throw problem
        }
        return date
    }

    private static func format(_ date: Date, _ pattern: String, locale: String = "nl_NL") -> String {
        let formatter = DateFormatter()
        formatter.timeZone = timeZone
        formatter.locale = Locale(identifier: locale)
        formatter.dateFormat = pattern
        return formatter.string(from: date)
    }

    static func themeLabel(_ theme: Theme, _ language: KnooppuntCore.Language) -> String {
        theme.label().text(language)
    }

    /// Escapes a value for an HTML attribute. Plot writes attribute values as given, so every value
    /// that can hold text from a request or a user goes through here.
    static func attribute(_ value: String) -> String { Markup.escape(value) }
}

extension Node where Context == HTML.SelectContext {
    /// `<option value="…">text</option>`: Plot's own `option` has no text content.
    static func choice(_ value: String, _ text: String, selected: Bool = false) -> Node {
        .element(
            named: "option",
            nodes: [.attribute(named: "value", value: DisplayFormat.attribute(value), ignoreIfValueIsEmpty: false), selected ? .attribute(named: "selected") : .empty, .text(text)])
    }
}

extension Node where Context == HTML.FormContext {
    /// A labelled filter `<select>` whose first choice means "any".
    static func filterSelect(
        _ name: String, _ label: String, _ options: [(String, String)], selected: String?, any: String
    ) -> Node {
        .group(
            .label(.for("filter-\(name)"), .text(label)),
            .select(
                .id("filter-\(name)"), .attribute(named: "name", value: name),
                .choice("", any),
                .forEach(options) { value, text in
                    .choice(value, text, selected: value == selected)
                })
        )
    }
}
