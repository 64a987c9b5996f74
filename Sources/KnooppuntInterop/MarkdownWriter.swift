/// Markdown for Knooppunt's reports (the SitRap, the report to the councils): headings, paragraphs and
/// bulleted lines with a note when a list is empty, each block followed by a blank line.
public struct MarkdownWriter {
    public private(set) var text = ""

    public init() {}

    public mutating func heading(_ title: String, level: Int = 2) {
        text += String(repeating: "#", count: level) + " " + title + "\n\n"
    }

    public mutating func paragraph(_ paragraph: String) {
        text += paragraph + "\n\n"
    }

    /// Lines in italics, kept on separate lines (a hard break between them).
    public mutating func emphasised(_ lines: [String]) {
        paragraph(lines.map { "_\($0)_" }.joined(separator: "  \n"))
    }

    /// Bulleted lines, or `empty` as a paragraph when there are none.
    public mutating func bullets(_ lines: [String], empty: String? = nil) {
        guard !lines.isEmpty else {
            if let empty { paragraph(empty) }
            return
        }
        paragraph(lines.map { "- \($0)" }.joined(separator: "\n"))
    }

    /// Text as given, for what is not Markdown (an inline SVG).
    public mutating func raw(_ raw: String) {
        text += raw
    }
}
