import Foundation
import KnooppuntCore
import KnooppuntInterop

/// A situation report written out as a document: Markdown and a printable PDF. Both follow the
/// same order as the web page: header, summary, situation, scaling, themes, decisions, actions,
/// partners, map.
struct SitRapDocument {
    let report: SitRap
    let map: SitRapMap?
    let language: Language

    private var s: SitRapStrings { UIStrings.for(language).sitrap }
    private func t(_ label: LocalizedLabel) -> String { label.text(language) }

    var heading: String { "\(s.number) \(report.number) — \(report.incidentReference) \(report.situation.title)" }

    var issuedLine: String {
        "\(s.issuedAt) \(DisplayFormat.time(report.issuedAt)) · \(s.issuedBy) \(report.issuedBy) (\(report.issuedByOrganisation))"
            + (report.scheduled ? " · \(s.scheduledNote)" : "")
    }

    var momentLine: String {
        "\(s.moment): \(DisplayFormat.time(report.moment)) · \(s.classification): \(t(report.classification.label)) · "
            + String(format: s.counts, report.entryCount, report.verifiedCount)
    }

    var situationLines: [String] {
        let situation = report.situation
        return [
            t(situation.grip.scaleLabel) + (situation.gripReason.map { " — \($0)" } ?? ""),
            "\(UIStrings.for(language).phaseLabel): \(t(situation.phase.label)) · \(s.status): \(t(situation.status.label))",
            "\(s.regions): \(situation.involvedRegions.map(\.description).joined(separator: ", ")) (\(s.lead) \(situation.leadRegion))",
            "\(s.started): \(DisplayFormat.time(situation.startedAt))",
        ]
    }

    func scaleLine(_ change: SitRap.ScaleChange) -> String {
        "\(DisplayFormat.time(change.at)) — \(t(change.grip.scaleLabel)), \(t(change.phase.label))" + (change.reason.map { " — \($0)" } ?? "")
    }

    func entryLine(_ entry: SitRap.Entry) -> String {
        var marks: [String] = []
        if !entry.verified { marks.append(s.unverifiedMark.uppercased()) }
        if let partner = entry.viaLiaisonFor { marks.append("\(s.viaLiaison) (\(partner))") }
        let prefix = marks.isEmpty ? "" : "[\(marks.joined(separator: ", "))] "
        return "\(prefix)\(DisplayFormat.time(entry.observedAt)) — \(entry.text) (\(s.source): \(entry.source))"
    }

    func decisionLine(_ decision: DecisionBody) -> String {
        "\(DisplayFormat.time(decision.decidedAt)) \(t(decision.team.label)): \(decision.text) (\(decision.decidedBy))"
    }

    func actionLine(_ action: ActionBody) -> String {
        "\(action.text) — \(s.owner): \(action.owner)" + (action.deadline.map { " · \(s.deadline) \(DisplayFormat.time($0))" } ?? "")
            + " · \(t(action.status.label))"
    }

    // MARK: Markdown

    var markdown: String {
        var out = "# \(heading)\n\n_\(issuedLine)_  \n_\(momentLine)_\n\n"
        out += "## \(s.summary)\n\n\(report.summary)\n\n"
        out += "## \(s.situation)\n\n" + situationLines.map { "- \($0)" }.joined(separator: "\n") + "\n\n"
        out += "## \(s.scaleHistory)\n\n" + report.scaleHistory.map { "- \(scaleLine($0))" }.joined(separator: "\n") + "\n\n"
        out += "## \(s.themes)\n\n"
        for theme in report.themes {
            out += "### \(theme.name)\n\n"
            out += theme.entries.isEmpty ? "\(s.noEntries)\n\n" : theme.entries.map { "- \(entryLine($0))" }.joined(separator: "\n") + "\n\n"
        }
        out += "## \(s.decisions)\n\n"
        out += report.decisions.isEmpty ? "\(s.noDecisions)\n\n" : report.decisions.map { "- \(decisionLine($0))" }.joined(separator: "\n") + "\n\n"
        out += "## \(s.openActions)\n\n"
        out += report.openActions.isEmpty ? "\(s.noActions)\n\n" : report.openActions.map { "- \(actionLine($0))" }.joined(separator: "\n") + "\n\n"
        if !report.partners.isEmpty {
            out += "## \(s.partners)\n\n" + report.partners.map { "- \($0.name) (\($0.code))" }.joined(separator: "\n") + "\n\n"
        }
        out += "## \(s.map)\n\n" + (map?.svg ?? s.noMap) + "\n"
        return out
    }

    // MARK: PDF

    var pdf: Data {
        var pdf = PDFWriter(title: heading, footer: "\(s.number) \(report.number) · \(report.incidentReference)")
        pdf.text(heading, font: .bold, size: 16, spacingAfter: 4)
        pdf.text(issuedLine, size: 9, colour: .grey, spacingAfter: 0)
        pdf.text(momentLine, size: 9, colour: .grey)
        pdf.rule()
        section(&pdf, s.summary)
        pdf.text(report.summary)
        section(&pdf, s.situation)
        for line in situationLines { pdf.text(line, spacingAfter: 1) }
        section(&pdf, s.scaleHistory)
        for change in report.scaleHistory { pdf.text("• " + scaleLine(change), indent: 6, spacingAfter: 1) }
        section(&pdf, s.map)
        if let map {
            pdf.drawing(height: pdf.contentWidth * map.height / map.width) { x, y, width, height in
                map.pdfOperators(x: x, y: y, width: width, height: height)
            }
        } else {
            pdf.text(s.noMap, colour: .grey)
        }
        section(&pdf, s.themes)
        for theme in report.themes {
            pdf.text(theme.name, font: .bold, size: 11, spacingAfter: 2)
            if theme.entries.isEmpty { pdf.text(s.noEntries, indent: 6, colour: .grey) }
            for entry in theme.entries { pdf.text("• " + entryLine(entry), indent: 6, spacingAfter: 2) }
            pdf.space(3)
        }
        section(&pdf, s.decisions)
        if report.decisions.isEmpty { pdf.text(s.noDecisions, colour: .grey) }
        for decision in report.decisions { pdf.text("• " + decisionLine(decision), indent: 6, spacingAfter: 2) }
        section(&pdf, s.openActions)
        if report.openActions.isEmpty { pdf.text(s.noActions, colour: .grey) }
        for action in report.openActions { pdf.text("• " + actionLine(action), indent: 6, spacingAfter: 2) }
        if !report.partners.isEmpty {
            section(&pdf, s.partners)
            for partner in report.partners { pdf.text("• \(partner.name) (\(partner.code))", indent: 6, spacingAfter: 1) }
        }
        return pdf.data()
    }

    private func section(_ pdf: inout PDFWriter, _ title: String) {
        pdf.space(6)
        pdf.text(title, font: .bold, size: 13, spacingAfter: 4)
    }
}
