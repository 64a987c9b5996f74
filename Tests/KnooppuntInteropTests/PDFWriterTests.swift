import Foundation
import Testing

@testable import KnooppuntInterop

@Suite("PDF writer")
struct PDFWriterTests {
    @Test("the cross-reference table points at every object, so readers can open the file")
    func crossReferences() throws {
        var pdf = PDFWriter(title: "Test", footer: "Voet")
        pdf.text("Kop", font: .bold, size: 16)
        for index in 0..<120 { pdf.text("Regel \(index) met een Nederlandse ë en een € teken") }
        let data = pdf.data()
        let text = String(decoding: data, as: UTF8.self)
        let pages = text.components(separatedBy: "/Type /Page ").count - 1
        #expect(pages >= 2, "120 lines need more than one page")
        let xref = try #require(text.range(of: "\nxref\n"))
        let startxref = try #require(text.range(of: "startxref\n"))
        let declared = Int(text[startxref.upperBound...].prefix { $0.isNumber })
        #expect(declared == data.distance(from: data.startIndex, to: data.startIndex + text.utf8.distance(from: text.startIndex, to: xref.lowerBound)) + 1)
        let entries = text[xref.upperBound...].split(separator: "\n").dropFirst(2).prefix { $0.hasSuffix(" n ") }
        for entry in entries {
            let offset = Int(entry.prefix(10))!
            let bytes = data[data.startIndex + offset..<data.startIndex + offset + 8]
            #expect(String(decoding: bytes, as: UTF8.self).contains(" 0 obj"), "xref entry \(entry) does not point at an object")
        }
    }

    @Test("text is escaped and encoded in WinAnsi; long words are cut to fit")
    func text() {
        #expect(PDFWriter.literal("a(b)c\\") == "(a\\(b\\)c\\\\)")
        #expect(PDFWriter.literal("ë€") == "(\\353\\200)")
        #expect(PDFWriter.literal("✓") == "(?)")
        let lines = PDFWriter.wrap(String(repeating: "x", count: 300), font: .regular, size: 10, width: 200)
        #expect(lines.count > 1)
        #expect(lines.allSatisfy { PDFWriter.measure($0, font: .regular, size: 10) <= 200 })
        #expect(PDFWriter.measure("é", font: .regular, size: 10) == PDFWriter.measure("e", font: .regular, size: 10))
    }
}
