import Foundation
import KnooppuntCore
import KnooppuntInterop
import Plot

/// Small helpers the national pages share: bilingual text and ages.
struct NationalText: Bilingual {
    let language: KnooppuntCore.Language
    func age(_ seconds: Int) -> String {
        if seconds < 120 { return say(nl: "\(seconds) s geleden", en: "\(seconds) s ago") }
        if seconds < 7200 { return say(nl: "\(seconds / 60) min geleden", en: "\(seconds / 60) min ago") }
        return say(nl: "\(seconds / 3600) uur geleden", en: "\(seconds / 3600) h ago")
    }

    func themeLabel(_ raw: String) -> String {
        Theme(raw).map { DisplayFormat.themeLabel($0, language) } ?? raw
    }

    func sharedEntries(_ entries: [(node: String?, entry: SharedEntry)], id: String) -> Node<HTML.BodyContext> {
        entries.isEmpty ? .p(.class("empty"), .text(say(nl: "De regio's hebben nog niets landelijk gedeeld.", en: "The regions have shared nothing nationally yet.")))
            : .ul(.id(id), .class("entries"), .forEach(entries) { item in
                .li(
                    .class("entry verification-\(item.entry.verification)"),
                    .data(named: "entry", value: item.entry.entry.uuidString),
                    .p(.class("entry-text"), .text(item.entry.text)),
                    .p(.class("entry-meta"), .text(
                        "\(themeLabel(item.entry.theme)) · \(VerificationStatus(rawValue: item.entry.verification)?.label.text(language) ?? item.entry.verification)"
                        + " · \(say(nl: "bron", en: "source")): \(item.entry.source) · \(DisplayFormat.time(item.entry.updatedAt))"
                        + (item.node.map { " · \($0)" } ?? ""))))
            })
    }
}
