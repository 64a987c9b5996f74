import Fluent
import Foundation
import KnooppuntCore
import KnooppuntInterop
import Plot
import Vapor

/// How `PublicWarningPage` is drawn: its HTML, from the model's data.
extension PublicWarningPage {
    var language: KnooppuntCore.Language { strings.language }

    func render() -> String {
        let layout = Layout(title: warning.headline, strings: strings, csrfToken: csrfToken, user: nil,
                            path: warning.id.map { SiteURL.publicWarning(.value($0)).path } ?? SiteURL.home.path)
        let withdrawn = warning.cancelledAt != nil || alert.msgType == "Cancel"
        return layout.render(
            .article(
                .class("public-warning"), .id("public-warning"),
                .if(withdrawn, .p(.class("exercise-banner"), .id("warning-withdrawn"),
                                  .text(say(nl: "Deze waarschuwing is ingetrokken.", en: "This warning has been withdrawn.")))),
                .forEach(alert.infos) { info in
                    .section(
                        .class("card"), .attribute(named: "lang", value: String((info.language ?? "en").prefix(2))),
                        .data(named: "language", value: info.language ?? ""),
                        .h1(.text(info.headline ?? info.event)),
                        .p(.class("muted"), .text("\(info.senderName ?? alert.sender) · \(alert.sent)"
                            + (info.expires.map { " → \($0)" } ?? ""))),
                        .unwrap(info.description) { .p(.text($0)) },
                        .unwrap(info.instruction) { instruction in
                            .group(.h2(.text(info.language == "nl-NL" ? "Wat moet u doen?" : "What should you do?")),
                                   .p(.class("instruction"), .strong(.text(instruction))))
                        },
                        .p(.text((info.language == "nl-NL" ? "Gebied: " : "Area: ") + info.areas.map(\.areaDesc).joined(separator: "; "))),
                        Self.assessment(info))
                },
                .p(.a(.href(warning.id.map { SiteURL.cap($0).path } ?? SiteURL.capFeed.path), .text("CAP 1.2")), .text(" · "),
                   .a(.href(SiteURL.capFeed.path), .text(say(nl: "Alle waarschuwingen (Atom)", en: "All warnings (Atom)"))))
            ))
    }

    /// The CAP assessment in the words of the section's language (the codes stay in the XML).
    static func assessment(_ info: CAPInfo) -> Node<HTML.BodyContext> {
        let language: KnooppuntCore.Language = info.language?.hasPrefix("nl") == true ? .nl : .en
        let words = { (codes: [String]) in codes.map { CAPVocabulary.label($0, language) }.joined(separator: ", ") }
        let facts: [(String, String)] = [
            (language.say(nl: "Ernst", en: "Severity"), words([info.severity])),
            (language.say(nl: "Urgentie", en: "Urgency"), words([info.urgency])),
            (language.say(nl: "Zekerheid", en: "Certainty"), words([info.certainty])),
            (language.say(nl: "Soort", en: "Category"), words(info.categories)),
            (language.say(nl: "Gevraagde reactie", en: "Response"), words(info.responseTypes)),
        ].filter { !$0.1.isEmpty }
        return .dl(.class("facts warning-assessment"), .forEach(facts) { name, value in .group(.dt(.text(name)), .dd(.text(value))) })
    }
}
