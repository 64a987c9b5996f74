import Fluent
import Foundation
import KnooppuntCore
import KnooppuntInterop

/// A situation report written out as a document: Markdown and a printable PDF. Both follow the
/// same order as the web page: header, summary, situation, scaling, themes, decisions, actions,
/// partners, map.
struct SitRapDocument: Bilingual {
    let report: SitRap
    let map: SitRapMap?
    let language: Language
    /// The issuer as a person reads it ("Sanne de Vries (Veiligheidsregio Amsterdam-Amstelland)"); the
    /// stored username and code when unknown (a report from another node).
    var issuer: String? = nil

    private var s: SitRapStrings { UIStrings.for(language).sitrap }

    /// The document of a report issued on this node, with its issuer by name.
    static func local(_ model: SitRapModel, language: Language, on db: Database) async throws -> SitRapDocument {
        let report = try model.report()
        var document = SitRapDocument(report: report, map: try model.drawnMap(), language: language)
        let username = report.issuedBy.replacingOccurrences(of: " (schema)", with: "")
        let names = try await PeopleNames.load(usernames: [username], organisations: [report.issuedByOrganisation], on: db)
        if let person = names.person(username) {
            document.issuer = "\(person) (\(names.organisation(report.issuedByOrganisation)))"
        }
        return document
    }

    var heading: String { "\(s.number) \(report.number) — \(report.incidentReference) \(report.situation.title)" }

    var issuedLine: String {
        "\(s.issuedAt) \(DisplayFormat.time(report.issuedAt)) · \(s.issuedBy) \(issuer ?? "\(report.issuedBy) (\(report.issuedByOrganisation))")"
            + (report.scheduled ? " · \(s.scheduledNote)" : "")
    }

    var momentLine: String {
        "\(s.moment): \(DisplayFormat.time(report.moment)) · \(s.classification): \(say(report.classification.label)) · "
            + String(format: s.counts, report.entryCount, report.verifiedCount)
    }

    var situationLines: [String] {
        let situation = report.situation
        return [
            say(situation.grip.scaleLabel) + (situation.gripReason.map { " — \($0)" } ?? ""),
            "\(UIStrings.for(language).phaseLabel): \(say(situation.phase.label)) · \(s.status): \(say(situation.status.label))",
            "\(s.regions): \(situation.involvedRegions.map(\.description).joined(separator: ", ")) (\(s.lead) \(situation.leadRegion))",
            "\(s.started): \(DisplayFormat.time(situation.startedAt))",
        ]
    }

    func scaleLine(_ change: SitRap.ScaleChange) -> String {
        "\(DisplayFormat.time(change.at)) — \(say(change.grip.scaleLabel)), \(say(change.phase.label))" + (change.reason.map { " — \($0)" } ?? "")
    }

    func entryLine(_ entry: SitRap.Entry) -> String {
        var marks: [String] = []
        if !entry.verified { marks.append(s.unverifiedMark.uppercased()) }
        if let partner = entry.viaLiaisonFor { marks.append("\(s.viaLiaison) \(partner)") }
        let prefix = marks.isEmpty ? "" : "[\(marks.joined(separator: ", "))] "
        return "\(prefix)\(DisplayFormat.time(entry.observedAt)) — \(entry.text) (\(s.source): \(entry.source))"
    }

    /// A summary's three parts as lines: actueel beeld, knelpunten, verwachting (decision 0024).
    func assessmentLines(_ assessment: SitRap.Assessment) -> [String] {
        ["\(say(AssessmentStrings.picture)): \(assessment.picture)"]
            + (assessment.bottlenecks.map { ["\(say(AssessmentStrings.bottlenecks)): \($0)"] } ?? [])
            + (assessment.outlook.map { ["\(say(AssessmentStrings.outlook)): \($0)"] } ?? [])
    }

    func pointLine(_ point: SitRap.OpenDecisionPoint) -> String {
        "\(say(point.team.label)): \(point.text)"
            + (point.deadline.map { " (\(say(AssessmentStrings.decideBefore)) \(DisplayFormat.time($0)))" } ?? "")
            + (point.considerations.map { " — \(say(AssessmentStrings.considerations).lowercased()): \($0)" } ?? "")
    }

    func decisionLine(_ decision: DecisionBody) -> String {
        "\(DisplayFormat.time(decision.decidedAt)) \(say(decision.team.label)): \(decision.text) (\(decision.decidedBy))"
    }

    func actionLine(_ action: ActionBody) -> String {
        "\(action.text) — \(s.owner): \(action.owner)" + (action.deadline.map { " · \(s.deadline) \(DisplayFormat.time($0))" } ?? "")
            + " · \(say(action.status.label))"
    }

    // MARK: Markdown

    var markdown: String {
        var out = MarkdownWriter()
        out.heading(heading, level: 1)
        out.emphasised([issuedLine, momentLine])
        out.heading(s.summary)
        out.paragraph(report.summary)
        if let totaalbeeld = report.totaalbeeld {
            out.heading(say(AssessmentStrings.totaalbeeld))
            out.bullets(assessmentLines(totaalbeeld))
        }
        if let points = report.decisionPoints {
            out.heading(say(AssessmentStrings.decisionPoints))
            out.bullets(points.map(pointLine), empty: say(AssessmentStrings.noDecisionPoints))
        }
        out.heading(s.situation)
        out.bullets(situationLines)
        out.heading(s.scaleHistory)
        out.bullets(report.scaleHistory.map(scaleLine))
        out.heading(s.themes)
        for theme in report.themes {
            out.heading(theme.name, level: 3)
            if let assessment = theme.assessment { out.bullets(assessmentLines(assessment)) }
            out.bullets(theme.entries.map(entryLine), empty: s.noEntries)
        }
        out.heading(s.decisions)
        out.bullets(report.decisions.map(decisionLine), empty: s.noDecisions)
        out.heading(s.openActions)
        out.bullets(report.openActions.map(actionLine), empty: s.noActions)
        if !report.partners.isEmpty {
            out.heading(s.partners)
            out.bullets(report.partners.map { "\($0.name) (\($0.code))" })
        }
        out.heading(s.map)
        out.raw((map?.svg ?? s.noMap) + "\n")
        return out.text
    }

    // MARK: PDF

    var pdf: Data {
        var pdf = PDFWriter(title: heading, footer: "\(s.number) \(report.number) · \(report.incidentReference)")
        pdf.titleBlock(heading, lines: [issuedLine, momentLine])
        pdf.section(s.summary)
        pdf.text(report.summary)
        if let totaalbeeld = report.totaalbeeld {
            pdf.section(say(AssessmentStrings.totaalbeeld))
            for line in assessmentLines(totaalbeeld) { pdf.text(line, spacingAfter: 1) }
        }
        if let points = report.decisionPoints {
            pdf.section(say(AssessmentStrings.decisionPoints))
            pdf.bullets(points.map(pointLine), empty: say(AssessmentStrings.noDecisionPoints))
        }
        pdf.section(s.situation)
        for line in situationLines { pdf.text(line, spacingAfter: 1) }
        pdf.section(s.scaleHistory)
        for change in report.scaleHistory { pdf.bullet(scaleLine(change), spacingAfter: 1) }
        pdf.section(s.map)
        if let map {
            pdf.drawing(height: pdf.contentWidth * map.height / map.width) { x, y, width, height in
                map.pdfOperators(x: x, y: y, width: width, height: height)
            }
        } else {
            pdf.text(s.noMap, colour: .grey)
        }
        pdf.section(s.themes)
        for theme in report.themes {
            pdf.subheading(theme.name)
            if let assessment = theme.assessment { for line in assessmentLines(assessment) { pdf.text(line, spacingAfter: 1) } }
            pdf.bullets(theme.entries.map(entryLine), empty: s.noEntries)
            pdf.space(3)
        }
        pdf.section(s.decisions)
        pdf.bullets(report.decisions.map(decisionLine), empty: s.noDecisions)
        pdf.section(s.openActions)
        pdf.bullets(report.openActions.map(actionLine), empty: s.noActions)
        if !report.partners.isEmpty {
            pdf.section(s.partners)
            for partner in report.partners { pdf.bullet("\(partner.name) (\(partner.code))", spacingAfter: 1) }
        }
        return pdf.data()
    }
}
