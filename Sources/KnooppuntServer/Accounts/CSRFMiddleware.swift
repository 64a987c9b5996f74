import Vapor

/// Double-submit CSRF protection. Every HTML response carries a random `kp_csrf` cookie (HttpOnly,
/// SameSite=Strict); forms repeat it in `_csrf`, scripts in `X-CSRF-Token`. A state-changing request
/// must repeat it, or is refused with 403, when a browser could have sent it on the user's behalf: any
/// form post, and any API call that carries the session cookie. API calls with a bearer token or with
/// no cookie at all (a JSON login from a script) carry no ambient credential and need no token.
struct CSRFMiddleware: AsyncMiddleware {
    static let cookieName = "kp_csrf"
    static let fieldName = "_csrf"
    static let headerName = "X-CSRF-Token"
    let secureCookies: Bool

    func respond(to request: Request, chainingTo next: AsyncResponder) async throws -> Response {
        let existing = request.cookies[Self.cookieName]?.string
        let token = existing.flatMap { $0.count >= 32 ? $0 : nil } ?? Tokens.generate()
        request.storage[CSRFTokenKey.self] = token
        if Self.needsToken(request) {
            let sent = request.headers.first(name: Self.headerName) ?? Self.formField(request)
            guard let existing, let sent, Self.constantTimeEquals(existing, sent) else {
                throw Problem.forbidden(
                    "the request has no valid CSRF token; reload the page and try again (API clients use a bearer token)")
            }
        }
        let response = try await next.respond(to: request)
        if existing != token, !request.url.path.hasPrefix("/api/") {
            response.cookies[Self.cookieName] = HTTPCookies.Value(
                string: token, path: "/", isSecure: secureCookies, isHTTPOnly: true, sameSite: .strict)
        }
        return response
    }

    static func needsToken(_ request: Request) -> Bool {
        guard ![.GET, .HEAD, .OPTIONS].contains(request.method), request.headers.bearerAuthorization == nil else {
            return false
        }
        let isAPI = request.url.path.hasPrefix("/api/")
        return !isAPI || request.cookies[AuthenticationMiddleware.sessionCookie] != nil
    }

    private static func formField(_ request: Request) -> String? {
        guard request.headers.contentType == .urlEncodedForm else { return nil }
        return try? request.content.get(String.self, at: fieldName)
    }

    private static func constantTimeEquals(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8)
        let y = Array(b.utf8)
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}

struct CSRFTokenKey: StorageKey {
    typealias Value = String
}

extension Request {
    /// The CSRF token to embed in forms and the page's meta tag.
    var csrfToken: String { storage[CSRFTokenKey.self] ?? "" }
}
