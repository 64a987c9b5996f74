import Vapor

/// Refuses, before any handler runs, query strings and form bodies that carry control characters
/// (C0 other than TAB, LF and CR, or DEL) — raw or percent-encoded. No person types them; they turn
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

    /// The offset of the first control character in URL-encoded bytes, decoding `%XX` on the way.
    static func controlCharacter(inEncoded bytes: [UInt8]) -> Int? {
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if isRefusedControl(byte) { return index }
            if byte == UInt8(ascii: "%"), index + 2 < bytes.count,
               let high = hexValue(bytes[index + 1]), let low = hexValue(bytes[index + 2]), isRefusedControl(high << 4 | low)
            {
                return index
            }
            index += 1
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
