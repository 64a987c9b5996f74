import Vapor

/// Refuses, before any handler runs, query strings and form bodies that carry control characters
/// (C0 other than TAB, LF and CR, DEL, or C1 such as the 8-bit CSI) — raw or percent-encoded. No person types them; they turn
/// up in header injection, log forging and terminal escapes. JSON bodies are checked after parsing
/// by `StrictJSON`, where escapes like `\u0001` are decoded.
struct InputHygieneMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: AsyncResponder) async throws -> Response {
        if let query = request.url.query, let position = Self.controlCharacter(inEncoded: Array(query.utf8)) {
            throw Problem.badRequest("the query string holds a control character (position \(position)); remove it and try again")
        }
        if request.headers.contentType == .urlEncodedForm, let body = request.body.data,
           let position = Self.controlCharacter(inEncoded: Array(body.readableBytesView))
        {
            throw Problem.badRequest("the form holds a control character (position \(position)); remove it and try again")
        }
        return try await next.respond(to: request)
    }

    /// Whether a byte is a control character refused in text: C0 other than TAB, LF, CR; and DEL.
    static func isRefusedControl(_ byte: UInt8) -> Bool { (byte < 0x20 && byte != 0x09 && byte != 0x0a && byte != 0x0d) || byte == 0x7f }

    /// Whether a character is refused in text: the C0 controls above, DEL, and the C1 controls U+0080–U+009F.
    static func isRefusedControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x80 ? isRefusedControl(UInt8(scalar.value)) : (0x80...0x9f).contains(scalar.value)
    }

    /// The offset of the first control character in URL-encoded bytes, decoding `%XX` on the way; a C1
    /// control is the UTF-8 pair C2 80–C2 9F, raw or encoded.
    static func controlCharacter(inEncoded bytes: [UInt8]) -> Int? {
        var index = 0
        var previous: UInt8?
        while index < bytes.count {
            var byte = bytes[index]
            var width = 1
            if byte == UInt8(ascii: "%"), index + 2 < bytes.count, let high = hexValue(bytes[index + 1]), let low = hexValue(bytes[index + 2]) {
                byte = high << 4 | low
                width = 3
            }
            if isRefusedControl(byte) || (previous == 0xc2 && (0x80...0x9f).contains(byte)) { return index }
            previous = byte
            index += width
        }
        return nil
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x30...0x39: byte - 0x30
        case 0x41...0x46: byte - 0x41 + 10
        case 0x61...0x66: byte - 0x61 + 10
        default: nil
        }
    }
}
