import Foundation

/// The layout Knooppunt's printable reports share (the SitRap, the report to the councils): a title
/// block, section headings, and bulleted lines with a grey note when a section is empty.
extension PDFWriter {
    /// The document's heading with grey lines under it (who issued it, when, about what), then a rule.
    public mutating func titleBlock(_ heading: String, lines: [String]) {
        text(heading, font: .bold, size: 16, spacingAfter: 4)
        for (index, line) in lines.enumerated() {
            text(line, size: 9, colour: .grey, spacingAfter: index == lines.count - 1 ? 3 : 0)
        }
        rule()
    }

    public mutating func section(_ title: String) {
        space(6)
        text(title, font: .bold, size: 13, spacingAfter: 4)
    }

    /// A sub-heading inside a section (a theme, a decision).
    public mutating func subheading(_ title: String) {
        text(title, font: .bold, size: 11, spacingAfter: 2)
    }

    /// One bulleted line, indented under the section.
    public mutating func bullet(_ line: String, spacingAfter: Double = 2) {
        text("• " + line, indent: 6, spacingAfter: spacingAfter)
    }

    /// Bulleted lines, or `empty` in grey when there are none.
    public mutating func bullets(_ lines: [String], empty: String, spacingAfter: Double = 2) {
        if lines.isEmpty { text(empty, colour: .grey) }
        for line in lines { bullet(line, spacingAfter: spacingAfter) }
    }
}
