import Foundation

/// A small PDF 1.4 writer for printable reports: A4 pages, wrapped text in the standard Helvetica
/// fonts (no font files needed), rules, and vector drawings placed in the flow. Enough for a
/// situation report that prints the same everywhere, without a browser or an external tool.
public struct PDFWriter {
    public enum Font: String { case regular = "F1", bold = "F2" }

    public struct Colour: Sendable, Equatable {
        public var r, g, b: Double
        public init(r: Double, g: Double, b: Double) {
            self.r = r
            self.g = g
            self.b = b
        }

        public static let black = Colour(r: 0, g: 0, b: 0)
        public static let grey = Colour(r: 0.4, g: 0.4, b: 0.4)

        /// From `#rrggbb`; black when malformed.
        public init(hex: String) {
            let digits = hex.hasPrefix("#") ? String(hex.dropFirst()) : hex
            guard digits.count == 6, let value = Int(digits, radix: 16) else { self = .black; return }
            self.init(r: Double((value >> 16) & 0xff) / 255, g: Double((value >> 8) & 0xff) / 255, b: Double(value & 0xff) / 255)
        }

        public var fill: String { "\(PDFWriter.number(r)) \(PDFWriter.number(g)) \(PDFWriter.number(b)) rg" }
        public var stroke: String { "\(PDFWriter.number(r)) \(PDFWriter.number(g)) \(PDFWriter.number(b)) RG" }
    }

    public static let pageWidth = 595.28
    public static let pageHeight = 841.89
    public let margin = 50.0
    public var contentWidth: Double { Self.pageWidth - 2 * margin }

    private let title: String
    private let footer: String
    private var pages: [String] = []
    private var current = ""
    private var y = 0.0

    /// - Parameters:
    ///   - title: the document title (metadata).
    ///   - footer: printed at the foot of every page, followed by "n/N".
    public init(title: String, footer: String) {
        self.title = title
        self.footer = footer
        y = Self.pageHeight - margin
    }

    // MARK: Flow

    /// Wrapped text; `\n` starts a new line. Moves to a new page when the page is full.
    public mutating func text(_ text: String, font: Font = .regular, size: Double = 10, indent: Double = 0,
                              colour: Colour = .black, spacingAfter: Double = 3) {
        let lineHeight = size * 1.3
        let width = contentWidth - indent
        for paragraph in text.components(separatedBy: "\n") {
            for line in Self.wrap(paragraph, font: font, size: size, width: width) {
                ensure(lineHeight)
                y -= lineHeight
                current += "BT /\(font.rawValue) \(Self.number(size)) Tf \(colour.fill) \(Self.number(margin + indent)) \(Self.number(y + size * 0.25)) Td \(Self.literal(line)) Tj ET\n"
            }
        }
        y -= spacingAfter
    }

    public mutating func space(_ points: Double) {
        y -= points
        if y < margin { newPage() }
    }

    /// A thin horizontal line across the text width.
    public mutating func rule(colour: Colour = .grey) {
        ensure(8)
        y -= 4
        current += "\(colour.stroke) 0.5 w \(Self.number(margin)) \(Self.number(y)) m \(Self.number(margin + contentWidth)) \(Self.number(y)) l S\n"
        y -= 4
    }

    /// Reserves a box of `height` points across the text width and draws into it. `draw` gets the
    /// box's lower-left corner and size, in PDF coordinates (y grows upwards), and returns operators.
    public mutating func drawing(height: Double, _ draw: (_ x: Double, _ y: Double, _ width: Double, _ height: Double) -> String) {
        ensure(height)
        y -= height
        current += "q\n" + draw(margin, y, contentWidth, height) + "Q\n"
        y -= 4
    }

    public mutating func newPage() {
        pages.append(current)
        current = ""
        y = Self.pageHeight - margin
    }

    private mutating func ensure(_ height: Double) {
        if y - height < margin + 14 { newPage() }
    }

    // MARK: Output

    public func data() -> Data {
        var pages = self.pages
        if !current.isEmpty || pages.isEmpty { pages.append(current) }
        var objects: [String] = []
        // 1 catalog, 2 page tree, 3 and 4 fonts, 5 info, then a page and its content per page.
        let pageIDs = pages.indices.map { 6 + 2 * $0 }
        objects.append("<< /Type /Catalog /Pages 2 0 R >>")
        objects.append("<< /Type /Pages /Kids [\(pageIDs.map { "\($0) 0 R" }.joined(separator: " "))] /Count \(pages.count) >>")
        objects.append("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
        objects.append("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>")
        objects.append("<< /Title \(Self.literal(title)) /Producer (Knooppunt) >>")
        for (index, content) in pages.enumerated() {
            let foot = "\(footer) \u{2014} \(index + 1)/\(pages.count)"
            let stream = content
                + "BT /F1 8 Tf \(Colour.grey.fill) \(Self.number(margin)) \(Self.number(margin - 20)) Td \(Self.literal(foot)) Tj ET\n"
            let bytes = Self.encode(stream)
            objects.append("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 \(Self.number(Self.pageWidth)) \(Self.number(Self.pageHeight))]"
                + " /Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents \(pageIDs[index] + 1) 0 R >>")
            objects.append("<< /Length \(bytes.count) >>\nstream\n\(stream)endstream")
        }
        var out = Data("%PDF-1.4\n%\u{e2}\u{e3}\u{cf}\u{d3}\n".utf8)
        var offsets: [Int] = []
        for (index, object) in objects.enumerated() {
            offsets.append(out.count)
            out.append(contentsOf: Self.encode("\(index + 1) 0 obj\n\(object)\nendobj\n"))
        }
        let xref = out.count
        var table = "xref\n0 \(objects.count + 1)\n0000000000 65535 f \n"
        for offset in offsets { table += String(format: "%010d 00000 n \n", offset) }
        table += "trailer\n<< /Size \(objects.count + 1) /Root 1 0 R /Info 5 0 R >>\nstartxref\n\(xref)\n%%EOF\n"
        out.append(contentsOf: Self.encode(table))
        return out
    }

    // MARK: Text

    static func number(_ value: Double) -> String {
        var text = String(format: "%.2f", value)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text == "-0" ? "0" : text
    }

    /// Content is kept ASCII: every byte above 0x7e is written as an octal escape in WinAnsi.
    public static func literal(_ text: String) -> String {
        var out = "("
        for byte in winAnsi(text) {
            switch byte {
            case UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "\\"): out += "\\" + String(UnicodeScalar(byte))
            case 0x20...0x7e: out += String(UnicodeScalar(byte))
            default: out += "\\" + String(format: "%03o", byte)
            }
        }
        return out + ")"
    }

    private static let winAnsiSpecials: [UnicodeScalar: UInt8] = [
        "\u{20ac}": 0x80, "\u{201a}": 0x82, "\u{201e}": 0x84, "\u{2026}": 0x85, "\u{2018}": 0x91, "\u{2019}": 0x92,
        "\u{201c}": 0x93, "\u{201d}": 0x94, "\u{2022}": 0x95, "\u{2013}": 0x96, "\u{2014}": 0x97,
    ]

    static func winAnsi(_ text: String) -> [UInt8] {
        text.unicodeScalars.map { scalar in
            switch scalar.value {
            case 0x20...0x7e, 0xa0...0xff: UInt8(scalar.value)
            case 0x09: 0x20
            default: winAnsiSpecials[scalar] ?? UInt8(ascii: "?")
            }
        }
    }

    private static func encode(_ text: String) -> [UInt8] {
        // Everything written is ASCII or the binary-comment bytes of the header.
        text.unicodeScalars.map { $0.value < 256 ? UInt8($0.value) : UInt8(ascii: "?") }
    }

    /// Splits a paragraph into lines no wider than `width`; a word longer than a line is cut.
    static func wrap(_ paragraph: String, font: Font, size: Double, width: Double) -> [String] {
        let words = paragraph.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        let space = measure(" ", font: font, size: size)
        var lines: [String] = []
        var line = ""
        var lineWidth = 0.0
        for word in words {
            let wordWidth = measure(word, font: font, size: size)
            if line.isEmpty ? wordWidth <= width : lineWidth + space + wordWidth <= width {
                lineWidth = line.isEmpty ? wordWidth : lineWidth + space + wordWidth
                line = line.isEmpty ? word : line + " " + word
                continue
            }
            if !line.isEmpty { lines.append(line) }
            var rest = word
            var restWidth = wordWidth
            while restWidth > width, rest.count > 1 {
                // Cut the word where it stops fitting, character by character.
                var cut = ""
                var cutWidth = 0.0
                for character in rest {
                    let characterWidth = measure(String(character), font: font, size: size)
                    if cutWidth + characterWidth > width, !cut.isEmpty { break }
                    cut.append(character)
                    cutWidth += characterWidth
                }
                lines.append(cut)
                rest = String(rest.dropFirst(cut.count))
                restWidth = measure(rest, font: font, size: size)
            }
            line = rest
            lineWidth = restWidth
        }
        lines.append(line)
        return lines
    }

    /// Text width in points, from the Helvetica metrics (accented letters measure as their base letter).
    public static func measure(_ text: String, font: Font, size: Double) -> Double {
        let table = font == .bold ? boldWidths : regularWidths
        var total = 0
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if (0x20...0x7e).contains(value) {
                total += table[Int(value) - 0x20]
                continue
            }
            if scalar.properties.generalCategory == .nonspacingMark { continue }
            let base = String(scalar).decomposedStringWithCanonicalMapping.unicodeScalars.first?.value ?? 0x3f
            total += (0x20...0x7e).contains(base) ? table[Int(base) - 0x20] : 556
        }
        return Double(total) * size / 1000
    }

    // Advance widths of characters 0x20–0x7e (Adobe Helvetica and Helvetica-Bold AFM).
    private static let regularWidths: [Int] = [
        278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,
        556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,
        1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,
        667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,
        333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,
        556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
    ]
    private static let boldWidths: [Int] = [
        278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278,
        556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 333, 333, 584, 584, 584, 611,
        975, 722, 722, 722, 722, 667, 611, 778, 722, 278, 556, 722, 611, 833, 722, 778,
        667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 333, 278, 333, 584, 556,
        333, 556, 611, 556, 611, 556, 333, 611, 611, 278, 278, 556, 278, 889, 611, 611,
        611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389, 280, 389, 584,
    ]
}
