import Foundation
import KnooppuntCore
import Plot

/// How `CouncilReportPage` is drawn: its HTML, from the model's data.
extension CouncilReportPage {
    private var s: CouncilReportStrings { document.s }

    private var report: CouncilReportView { document.report }

    func render() -> String {
        let layout = Layout(
            title: "\(s.title) · \(report.reference)", strings: strings, csrfToken: csrfToken, user: user,
            path: report.formats["html"] ?? SiteURL.incident(.value(report.incident), .report).path)
        return layout.render(
            .article(
                .class("council-report"), .id("council-report"),
                .p(.a(.href(SiteURL.incident(.value(report.incident)).path), .text("← \(document.incidentLine)"))),
                .h1(.id("report-heading"), .text(document.heading)),
                .p(.class("report-address"), .id("report-address"), .strong(.text(document.addressLine))),
                .ul(.class("report-facts"), .forEach(document.factLines) { .li(.text($0)) }),
                .p(.class("muted"), .text(document.draftedLine)),
                .forEach(document.notes) { .p(.class("advice"), .attribute(named: "role", value: "note"), .text($0)) },
                .p(.class("report-formats"),
                   .a(.id("report-pdf"), .href(report.formats["pdf"] ?? ""), .text("PDF")), .text(" · "),
                   .a(.id("report-markdown"), .href(report.formats["markdown"] ?? ""), .text("Markdown")), .text(" · "),
                   .a(.id("report-json"), .href(report.formats["json"] ?? ""), .text("JSON"))),
                .p(.class("help"), .text(s.intro)),
                .section(
                    .id("report-decisions"), .attribute(named: "aria-labelledby", value: "report-decisions-title"),
                    .h2(.id("report-decisions-title"), .text(s.decisions)),
                    report.decisions.isEmpty ? .p(.class("muted"), .text(s.noDecisions)) : .ol(
                        .class("report-decisions"),
                        .forEach(report.decisions) { decision in
                            .li(
                                .class(decision.revoked ? "revoked" : ""), .data(named: "decision", value: decision.id.uuidString),
                                .h3(.text(document.decisionTitle(decision))),
                                .ul(.forEach(document.decisionLines(decision)) { .li(.text($0)) }))
                        })),
                .forEach(document.listSections) { section in
                    .section(
                        .id("report-\(section.key)"), .attribute(named: "aria-labelledby", value: "report-\(section.key)-title"),
                        .h2(.id("report-\(section.key)-title"), .text(section.title)),
                        list(section.lines, empty: section.empty))
                }
            ))
    }

    private func list(_ lines: [String], empty: String) -> Node<HTML.BodyContext> {
        lines.isEmpty ? .p(.class("muted"), .text(empty)) : .ul(.forEach(lines) { .li(.text($0)) })
    }
}
