import Foundation
import KnooppuntCore
import Plot

/// A situation report as people read it — header, summary, totaalbeeld, besluitpunten, situation, scaling,
/// map, themes, decisions, actions, partners — on the region's page and on the national node's.
struct SitRapArticle {
    let strings: UIStrings
    let document: SitRapDocument
    /// The way back, and the formats the report is offered in (id, href, text).
    let back: (href: String, text: String)
    let formats: [(id: String, href: String, text: String)]
    /// A line under the heading (the national node: which node shared it).
    var note: String? = nil

    private var s: SitRapStrings { strings.sitrap }
    private var report: SitRap { document.report }

    func render() -> Node<HTML.BodyContext> {
        .article(
                .class("sitrap"), .id("sitrap"),
                .p(.a(.href(back.href), .text(back.text))),
                .h1(.id("sitrap-heading"), .text(document.heading)),
                .unwrap(note) { .p(.class("help"), .text($0)) },
                .p(.class("muted"), .text(document.issuedLine)),
                .p(.class("muted"), .id("sitrap-moment"), .text(document.momentLine)),
                .p(.class("sitrap-formats"), .forEach(Array(formats.enumerated())) { index, format in
                    .group(.if(index > 0, .text(" · ")), .a(.id(format.id), .href(format.href), .text(format.text)))
                }),
                .h2(.text(s.summary)), .p(.id("sitrap-summary"), .text(report.summary)),
                .unwrap(report.totaalbeeld) { totaalbeeld in
                    .section(.id("sitrap-totaalbeeld"), .h2(.text(AssessmentStrings.totaalbeeld.text(document.language))),
                             .ul(.forEach(document.assessmentLines(totaalbeeld)) { .li(.text($0)) }))
                },
                .unwrap(report.decisionPoints) { points in
                    .section(.id("sitrap-decision-points"), .h2(.text(AssessmentStrings.decisionPoints.text(document.language))),
                             points.isEmpty ? .p(.class("muted"), .text(AssessmentStrings.noDecisionPoints.text(document.language)))
                                : .ul(.forEach(points) { .li(.text(document.pointLine($0))) }))
                },
                .h2(.text(s.situation)), .ul(.forEach(document.situationLines) { .li(.text($0)) }),
                .h2(.text(s.scaleHistory)), .ul(.forEach(report.scaleHistory) { .li(.text(document.scaleLine($0))) }),
                .h2(.text(s.map)),
                document.map.map { .div(.class("sitrap-map"), .raw($0.svg)) } ?? .p(.class("muted"), .text(s.noMap)),
                .h2(.text(s.themes)),
                .forEach(report.themes) { theme in
                    .section(
                        .class("sitrap-theme"), .data(named: "theme", value: theme.theme.description),
                        .h3(.text(theme.name)),
                        .unwrap(theme.assessment) { assessment in
                            .ul(.class("sitrap-assessment"), .forEach(document.assessmentLines(assessment)) { .li(.text($0)) })
                        },
                        theme.entries.isEmpty ? .p(.class("muted"), .text(s.noEntries))
                            : .ul(.forEach(theme.entries) { entry in
                                .li(.class(entry.verified ? "verified" : "unverified"), .text(document.entryLine(entry)))
                            }))
                },
                .h2(.text(s.decisions)),
                report.decisions.isEmpty ? .p(.class("muted"), .text(s.noDecisions))
                    : .ul(.forEach(report.decisions) { .li(.text(document.decisionLine($0))) }),
                .h2(.text(s.openActions)),
                report.openActions.isEmpty ? .p(.class("muted"), .text(s.noActions))
                    : .ul(.forEach(report.openActions) { .li(.text(document.actionLine($0))) }),
                .if(!report.partners.isEmpty, .group(
                    .h2(.text(s.partners)),
                    .ul(.forEach(report.partners) { .li(.text("\($0.name) (\($0.code))")) })))
        )
    }
}
