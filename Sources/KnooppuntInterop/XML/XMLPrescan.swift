import Foundation

/// A linear pass over a document's bytes before libxml2 sees it. libxml2 checks each attribute and
/// namespace declaration of an element against all earlier ones, so 40,000 attributes on one element
/// cost seconds and a few megabytes minutes; it also reads a DOCTYPE's internal subset. This pass bounds
/// what makes parsing super-linear and refuses DOCTYPEs before any parser work, so the time to parse an
/// accepted document grows with its length alone.
public enum XMLPrescan {
    public struct Limits: Sendable {
        public var attributesPerElement = 256
        public var namespaceDeclarationsPerElement = 32
        public var depth = 128
        public var elements = 250_000
        public init() {}
    }

    public static func check(_ data: Data, limits: Limits = Limits()) throws(XMLProblem) {
        let problem = data.withUnsafeBytes { raw -> XMLProblem? in
            do throws(XMLProblem) { try check(raw.bindMemory(to: UInt8.self), limits: limits); return nil } catch { return error }
        }
        if let problem { throw problem }
    }

    private static func check(_ bytes: UnsafeBufferPointer<UInt8>, limits: Limits) throws(XMLProblem) {
        let lt = UInt8(ascii: "<"), gt = UInt8(ascii: ">"), slash = UInt8(ascii: "/"), bang = UInt8(ascii: "!")
        let question = UInt8(ascii: "?"), equals = UInt8(ascii: "="), quote = UInt8(ascii: "\""), apostrophe = UInt8(ascii: "'")
        var index = 0
        var depth = 0
        var elements = 0
        var line = 1
        func starts(_ text: String, at position: Int) -> Bool {
            let pattern = text.utf8
            guard position + pattern.count <= bytes.count else { return false }
            return zip(pattern, bytes[position...]).allSatisfy { $0 == $1 }
        }
        func skip(past terminator: String, from position: Int) -> Int? {
            var cursor = position
            while cursor < bytes.count {
                if bytes[cursor] == 0x0a { line += 1 }
                if starts(terminator, at: cursor) { return cursor + terminator.utf8.count }
                cursor += 1
            }
            return nil
        }
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x0a { line += 1 }
            guard byte == lt else { index += 1; continue }
            if starts("<!--", at: index) {
                guard let next = skip(past: "-->", from: index + 4) else { throw XMLProblem("a comment is not closed", line: line) }
                index = next
                continue
            }
            if starts("<![CDATA[", at: index) {
                guard let next = skip(past: "]]>", from: index + 9) else { throw XMLProblem("a CDATA section is not closed", line: line) }
                index = next
                continue
            }
            if index + 1 < bytes.count, bytes[index + 1] == bang {
                throw XMLProblem("the document has a DOCTYPE or other declaration; DTDs and entities are not allowed in exchanged messages",
                                 line: line)
            }
            if index + 1 < bytes.count, bytes[index + 1] == question {
                guard let next = skip(past: "?>", from: index + 2) else { throw XMLProblem("a processing instruction is not closed", line: line) }
                index = next
                continue
            }
            let closing = index + 1 < bytes.count && bytes[index + 1] == slash
            // A start or end tag: count attributes and namespace declarations outside quoted values.
            var cursor = index + 1
            var attributes = 0
            var namespaces = 0
            var nameStart = -1
            var inQuote: UInt8? = nil
            var selfClosing = false
            while cursor < bytes.count {
                let c = bytes[cursor]
                if c == 0x0a { line += 1 }
                if let open = inQuote {
                    if c == open { inQuote = nil }
                } else if c == quote || c == apostrophe {
                    inQuote = c
                } else if c == gt {
                    selfClosing = cursor > index + 1 && bytes[cursor - 1] == slash
                    break
                } else if c == equals {
                    attributes += 1
                    if nameStart >= 0, starts("xmlns", at: nameStart) { namespaces += 1 }
                    if attributes > limits.attributesPerElement {
                        throw XMLProblem("an element has more than \(limits.attributesPerElement) attributes", line: line)
                    }
                    if namespaces > limits.namespaceDeclarationsPerElement {
                        throw XMLProblem("an element declares more than \(limits.namespaceDeclarationsPerElement) namespaces", line: line)
                    }
                } else if c == 0x20 || c == 0x09 || c == 0x0a || c == 0x0d {
                    nameStart = -1
                } else if nameStart < 0 {
                    nameStart = cursor
                }
                cursor += 1
            }
            guard cursor < bytes.count else { throw XMLProblem("a tag is not closed", line: line) }
            if closing {
                depth -= 1
            } else {
                elements += 1
                if elements > limits.elements { throw XMLProblem("the document has more than \(limits.elements) elements", line: line) }
                if !selfClosing {
                    depth += 1
                    if depth > limits.depth { throw XMLProblem("elements are nested more than \(limits.depth) deep", line: line) }
                }
            }
            index = cursor + 1
        }
    }
}
