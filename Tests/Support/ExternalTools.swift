import Foundation

/// Runs the Debian tools the tests check Knooppunt's output with (xmllint, pdftotext), on a temporary
/// copy of the document. They read files, so the test sees what any other program would.
public enum ExternalTool {
    public struct Result: Sendable {
        public let status: Int32
        public let output: String
    }

    /// Runs `executable` with `arguments`, where "{}" stands for the document's temporary file.
    public static func run(_ executable: String, _ arguments: [String], on document: Data, suffix: String) throws -> Result {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("knooppunt-\(UUID().uuidString).\(suffix)")
        try document.write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments.map { $0 == "{}" ? file.path : $0 }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, output: String(decoding: output, as: UTF8.self))
    }

    /// xmllint against an XML Schema, network off. Status 0 means valid.
    public static func xmllint(_ document: Data, schema: URL) throws -> Result {
        try run("/usr/bin/xmllint", ["--noout", "--nonet", "--schema", schema.path, "{}"], on: document, suffix: "xml")
    }

    /// The text of a PDF as pdftotext reads it.
    public static func pdfText(_ pdf: Data) throws -> Result {
        try run("/usr/bin/pdftotext", ["-layout", "{}", "-"], on: pdf, suffix: "pdf")
    }
}
