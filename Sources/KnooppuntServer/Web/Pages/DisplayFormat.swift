import Foundation
import KnooppuntCore
import Plot

/// How times and labels appear on pages: Dutch local time, whatever the UI language.
enum DisplayFormat {
    static let timeZone = TimeZone(identifier: "Europe/Amsterdam")!

    static func time(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.timeZone = timeZone
        formatter.locale = Locale(identifier: "nl_NL")
        formatter.dateFormat = "dd-MM-yyyy HH:mm:ss"
        return formatter.string(from: date)
    }

    static func themeLabel(_ theme: Theme, _ language: KnooppuntCore.Language) -> String {
        theme.label().text(language)
    }
}

extension Node where Context == HTML.SelectContext {
    /// `<option value="…">text</option>`: Plot's own `option` has no text content.
    static func choice(_ value: String, _ text: String, selected: Bool = false) -> Node {
        .element(
            named: "option",
            nodes: [.attribute(named: "value", value: value), selected ? .attribute(named: "selected") : .empty, .text(text)])
    }
}
