import Vapor

/// Strict security headers on every response. Scripts and styles come only from this server; the
/// optional tile server is the one outside origin images may load from.
struct SecurityHeadersMiddleware: AsyncMiddleware {
    let tileOrigin: String?

    func respond(to request: Request, chainingTo next: AsyncResponder) async throws -> Response {
        let response = try await next.respond(to: request)
        let images = ["'self'", "data:"] + (tileOrigin.map { [$0] } ?? [])
        let policy = [
            "default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src \(images.joined(separator: " "))",
            "connect-src 'self'", "font-src 'self'", "object-src 'none'", "base-uri 'none'", "form-action 'self'",
            "frame-ancestors 'none'",
        ].joined(separator: "; ")
        let headers: [(String, String)] = [
            ("Content-Security-Policy", policy),
            ("X-Content-Type-Options", "nosniff"),
            ("X-Frame-Options", "DENY"),
            ("Referrer-Policy", "no-referrer"),
            ("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()"),
            ("Cross-Origin-Opener-Policy", "same-origin"),
            ("Cross-Origin-Resource-Policy", "same-origin"),
        ]
        for (name, value) in headers where !response.headers.contains(name: name) {
            response.headers.replaceOrAdd(name: name, value: value)
        }
        // Nothing a signed-in user sees is kept by a browser or a proxy cache; shared assets excepted, and
        // responses whose handler chose their own caching deliberately (the reference layers: `private`).
        let path = request.url.path
        let chosen = response.headers.first(name: .cacheControl)?.hasPrefix("private, max-age=") ?? false
        if !chosen, path.hasPrefix("/api/") || path == "/" || path.hasPrefix(SiteURL.login.path)
            || (request.auth.has(CurrentUser.self) && !path.hasPrefix(SiteURL.asset(.key).prefix))
        {
            response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        }
        if let name = Self.unsafeHeader(in: response.headers) {
            // Last line of defence against response splitting: a value that would end the header line
            // never leaves the node, whatever code put it there.
            request.logger.error("refused to send header \(name) with control characters for \(request.method) \(path)")
            return ProblemMiddleware.problemResponse(
                status: .badRequest, detail: "the request would have put control characters into the response header \(name)",
                headers: [:], field: nil)
        }
        return response
    }

    /// The first header whose value holds a control character (CR, LF, NUL, …) or DEL; TAB is allowed.
    static func unsafeHeader(in headers: HTTPHeaders) -> String? {
        headers.first { _, value in value.utf8.contains { ($0 < 0x20 && $0 != 0x09) || $0 == 0x7f } }?.name
    }
}
