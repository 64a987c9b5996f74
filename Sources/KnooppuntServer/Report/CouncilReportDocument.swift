import Foundation
import KnooppuntCore
import KnooppuntInterop

/// The report to the councils written out: the lines the page shows, Markdown and a printable PDF, in
/// one order — heading and addressees, the incident, the decisions with their consultations, the
/// course of the scale-up, public warnings, open actions.
struct CouncilReportDocument: Bilingual {
    let report: CouncilReportView
    let language: Language

    var s: CouncilReportStrings { CouncilReportStrings.for(language) }

    var heading: String { "\(s.title) — \(s.draft)" }

    var incidentLine: String { "\(report.reference) · \(report.title)" }

    var addressLine: String {
        "\(s.addressedTo): " + (report.councils.isEmpty ? s.noCouncils : report.councils.map(\.name).joined(separator: ", "))
    }

    /// Period, regions, authority and significance.
    var factLines: [String] {
        let until = report.endedAt.map { " – \(DisplayFormat.minute($0))" } ?? " (\(s.ongoing))"
        let authority = report.authority
        let holders = authority.holders.map { say($0.name) }
        return [
            "\(s.period): \(s.from) \(DisplayFormat.minute(report.startedAt))\(until)",
            "\(s.regions): " + report.regions.map { $0.lead && report.regions.count > 1 ? "\($0.name) (\(s.lead))" : $0.name }
                .joined(separator: ", "),
            "\(s.authorityNow): " + (holders.isEmpty ? s.noCouncils : holders.joined(separator: ", ")) + (authority.irbt ? " (IRBT)" : ""),
            "\(s.significance): \(say(authority.significance.label))"
                + (authority.significanceFrom == "grip" ? " (\(s.fromGRIP))" : ""),
        ]
    }

    /// What the reader should know before using the draft.
    var notes: [String] {
        var notes: [String] = []
        if report.exercise { notes.append(s.exerciseNote) }
        if report.endedAt == nil { notes.append(s.interimNote) }
        if report.authority.significance == .local { notes.append(s.localNote) }
        return notes
    }

    var draftedLine: String {
        "\(s.draftedBy) \(person(report.draftedBy)), \(DisplayFormat.longDate(report.draftedAt, language)) · \(s.draft)"
    }

    func person(_ person: CouncilReportView.Person) -> String {
        guard let role = person.role else { return person.name }
        return "\(person.name) (\(say(role.label)), \(person.organisation))"
    }

    func decisionTitle(_ decision: CouncilReportView.Decision) -> String {
        "\(DisplayFormat.minute(decision.decidedAt)) · \(say(decision.team.label)) — \(decision.text)"
            + (decision.revoked ? " (\(s.revoked))" : "")
    }

    /// The decision's reason, who took it, its authority, then one line per consultation.
    func decisionLines(_ decision: CouncilReportView.Decision) -> [String] {
        var lines: [String] = []
        if let reason = decision.reason { lines.append("\(s.reason): \(reason)") }
        lines.append("\(s.decidedBy): \(decision.decidedBy) · \(s.recordedBy) \(person(decision.recordedBy))")
        if let authority = decision.authority { lines.append("\(s.authority): \(authority)") }
        if decision.outsideAuthority == true { lines.append(s.outsideAuthority) }
        lines += decision.consultations.isEmpty ? [s.noConsultation] : decision.consultations.map(consultationLine)
        return lines
    }

    func consultationLine(_ consultation: CouncilReportView.Consultation) -> String {
        s.consultationLine(
            urgent: consultation.urgent, councils: consultation.councils.map(\.name), consultedAt: consultation.consultedAt,
            afterDecision: consultation.afterDecision, position: consultation.position, urgencyReason: consultation.urgencyReason)
    }

    func scaleLine(_ change: CouncilReportView.ScaleChange) -> String {
        "\(DisplayFormat.minute(change.at)) — \(say(change.to.label))" + (change.reason.map { " — \($0)" } ?? "")
            + " · \(person(change.by))"
    }

    func warningLine(_ warning: CouncilReportView.PublicWarning) -> String {
        "\(DisplayFormat.minute(warning.publishedAt)) — \(s.warning) \(warning.number) (\(warning.msgType)): \(warning.headline)"
            + (warning.cancelled ? " [\(s.cancelled)]" : "")
    }

    func actionLine(_ action: CouncilReportView.OpenAction) -> String {
        "\(action.text) — \(s.owner): \(action.owner)"
            + (action.deadline.map { " · \(s.deadline) \(DisplayFormat.minute($0))" } ?? "")
            + " · \(say(action.status.label))" + (action.overdue ? " · \(s.overdue)" : "")
    }

    /// The sections after the decisions: a key (the page's anchor), a heading, the lines, and what to
    /// say when there are none.
    var listSections: [(key: String, title: String, lines: [String], empty: String)] {
        [
            ("scale", s.scaleHistory, report.scaleHistory.map(scaleLine), s.noScale),
            ("warnings", s.warnings, report.publicWarnings.map(warningLine), s.noWarnings),
            ("actions", s.openActions, report.openActions.map(actionLine), s.noActions),
        ]
    }

    // MARK: Markdown

    var markdown: String {
        var out = MarkdownWriter()
        out.heading(heading, level: 1)
        out.paragraph("**\(incidentLine)**")
        out.paragraph(addressLine)
        out.bullets(factLines)
        out.emphasised([draftedLine] + notes)
        out.paragraph(s.intro)
        out.heading(s.decisions)
        if report.decisions.isEmpty { out.paragraph(s.noDecisions) }
        for decision in report.decisions {
            out.heading(decisionTitle(decision), level: 3)
            out.bullets(decisionLines(decision))
        }
        for section in listSections {
            out.heading(section.title)
            out.bullets(section.lines, empty: section.empty)
        }
        return out.text
    }

    // MARK: PDF

    var pdf: Data {
        var pdf = PDFWriter(title: heading, footer: "\(s.title) · \(report.reference) · \(s.draft)")
        pdf.titleBlock(heading, lines: [draftedLine] + notes)
        pdf.subheading(incidentLine)
        pdf.text(addressLine, font: .bold)
        for line in factLines { pdf.text(line, spacingAfter: 1) }
        pdf.space(4)
        pdf.text(s.intro, size: 9, colour: .grey)
        pdf.section(s.decisions)
        if report.decisions.isEmpty { pdf.text(s.noDecisions, colour: .grey) }
        for decision in report.decisions {
            pdf.subheading(decisionTitle(decision))
            for line in decisionLines(decision) { pdf.bullet(line, spacingAfter: 1) }
            pdf.space(4)
        }
        for section in listSections {
            pdf.section(section.title)
            pdf.bullets(section.lines, empty: section.empty)
        }
        return pdf.data()
    }

    /// A file name for downloads: verslag-art40-VR13-2027-0001.
    var fileName: String { "verslag-art40-\(report.reference)" }
}
