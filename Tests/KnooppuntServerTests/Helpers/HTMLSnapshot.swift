import Foundation
import Testing

/// HTML snapshot testing: a page's HTML, with what legitimately varies between runs replaced by stable
/// placeholders, is compared with `__Snapshots__/<suite>/<name>.html` beside the tests.
///
/// `KNOOPPUNT_RECORD_SNAPSHOTS=1` writes (or overwrites) the snapshots instead. Without it a missing
/// snapshot fails, and a different page fails with its first differing lines and leaves the page as
/// `<name>.actual.html` beside the snapshot, to compare or to copy over it.
enum HTMLSnapshot {
    /// `Tests/KnooppuntServerTests/__Snapshots__`, found from this file's path so a fresh clone works.
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("__Snapshots__")

    static var recording: Bool { ProcessInfo.processInfo.environment["KNOOPPUNT_RECORD_SNAPSHOTS"] == "1" }

    /// Compares `html` (normalised) with the stored snapshot `suite/name`, or records it.
    static func assert(_ html: String, suite: String, name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let folder = directory.appendingPathComponent(suite)
        let file = folder.appendingPathComponent("\(name).html")
        let actualFile = folder.appendingPathComponent("\(name).actual.html")
        let actual = normalised(html)
        if recording {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data(actual.utf8).write(to: file)
            try? FileManager.default.removeItem(at: actualFile)
            return
        }
        guard let data = FileManager.default.contents(atPath: file.path) else {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data(actual.utf8).write(to: actualFile)
            Issue.record(
                "no snapshot \(suite)/\(name).html; the page is in \(actualFile.lastPathComponent). Record with KNOOPPUNT_RECORD_SNAPSHOTS=1.",
                sourceLocation: sourceLocation)
            return
        }
        let expected = String(decoding: data, as: UTF8.self)
        guard expected != actual else {
            try? FileManager.default.removeItem(at: actualFile)
            return
        }
        try Data(actual.utf8).write(to: actualFile)
        let difference = firstDifference(expected: expected, actual: actual)
        Issue.record(
            "page differs from snapshot \(suite)/\(name).html (the page is in \(actualFile.lastPathComponent)):\n\(difference)",
            sourceLocation: sourceLocation)
    }

    /// The first differing line with a little context, as a short unified diff.
    static func firstDifference(expected: String, actual: String, context: Int = 2, shown: Int = 6) -> String {
        let old = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let new = actual.split(separator: "\n", omittingEmptySubsequences: false)
        let first = zip(old, new).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(old.count, new.count)
        let start = max(0, first - context)
        var lines = ["@@ line \(first + 1) @@"]
        lines += old[start..<first].map { "  " + $0 }
        lines += old[first..<min(old.count, first + shown)].map { "- " + $0 }
        lines += new[first..<min(new.count, first + shown)].map { "+ " + $0 }
        return lines.joined(separator: "\n")
    }

    // MARK: Normalisation

    /// The page with one line per tag, and what varies between runs replaced by placeholders: UUIDs
    /// (numbered in order of first appearance) and the CSRF token.
    /// Nothing else is changed.
    static func normalised(_ html: String) -> String {
        var text = html
        for token in csrfTokens(in: text) { text = text.replacingOccurrences(of: token, with: "CSRF-TOKEN") }
        text = numberingUUIDs(in: text)
        // One line per tag, for readable diffs: only where one tag directly follows another.
        text = text.replacingOccurrences(of: "><", with: ">\n<")
        return text.hasSuffix("\n") ? text : text + "\n"
    }

    private static let uuidPattern = try! NSRegularExpression(
        pattern: "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
    private static let csrfPattern = try! NSRegularExpression(
        pattern: #"(?:name="csrf-token" content|name="_csrf" value)="([^"]+)""#)

    /// The CSRF tokens in the page: the `<meta name="csrf-token">` and the forms' hidden `_csrf` fields.
    static func csrfTokens(in text: String) -> Set<String> {
        let range = NSRange(text.startIndex..., in: text)
        return Set(csrfPattern.matches(in: text, range: range).compactMap { match in
            Range(match.range(at: 1), in: text).map { String(text[$0]) }
        })
    }

    /// Each distinct UUID (case-insensitively) becomes `uuid-1`, `uuid-2`, … in order of first appearance;
    /// the short form pages show of one (its first eight hex digits, alone) becomes `uuid-N-short`.
    static func numberingUUIDs(in text: String) -> String {
        let matches = uuidPattern.matches(in: text, range: NSRange(text.startIndex..., in: text))
        guard !matches.isEmpty else { return text }
        var numbers: [String: Int] = [:]
        var result = ""
        var last = text.startIndex
        for match in matches {
            guard let range = Range(match.range, in: text) else { continue }
            let key = text[range].lowercased()
            let number = numbers[key] ?? (numbers.count + 1)
            numbers[key] = number
            result += text[last..<range.lowerBound]
            result += "uuid-\(number)"
            last = range.upperBound
        }
        result += text[last...]
        for (uuid, number) in numbers {
            let short = try! NSRegularExpression(pattern: "(?<![0-9A-Za-z-])\(uuid.prefix(8))(?![0-9A-Za-z-])", options: .caseInsensitive)
            result = short.stringByReplacingMatches(
                in: result, range: NSRange(result.startIndex..., in: result), withTemplate: "uuid-\(number)-short")
        }
        return result
    }
}
