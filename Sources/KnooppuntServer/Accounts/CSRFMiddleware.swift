import Vapor

/// CSRF protection. A state-changing request must repeat the page's token — in the form field `_csrf`
/// or the header `X-CSRF-Token` — or is refused with 403, when a browser could have sent it on the
/// user's behalf: any form post, and any API call that carries the session cookie. API calls with a
/// bearer token or with no cookie at all (a JSON login from a script) carry no ambient credential.
///
/// With a session the token is bound to it: derived from the (HttpOnly) session token, so a token
/// planted in a cookie by someone else, or taken from another session, is worthless. Before login
/// (the login form itself) a random `kp_csrf` cookie (HttpOnly, SameSite=Strict) is double-submitted.
struct CSRFMiddleware: AsyncMiddleware {
    static let cookieName = "kp_csrf"
    static let fieldName = "_csrf"
    static let headerName = "X-CSRF-Token"
    let secureCookies: Bool

    /// The token for a session: SHA-256 over a label and the session token (never the stored hash).
    static func sessionBound(_ sessionToken: String) -> String {
        Tokens.digest("knooppunt-csrf\u{0}" + sessionToken)
    }

    func respond(to request: Request, chainingTo next: AsyncResponder) async throws -> Response {
        // Runs after `AuthenticationMiddleware`: only a session that authenticated binds the token, so a
        // stale cookie (cleared on this response) does not leave the login form with a dead token.
        let session = request.auth.has(CurrentUser.self) && request.headers.bearerAuthorization == nil
            ? request.cookies[AuthenticationMiddleware.sessionCookie]?.string : nil
        let existing = request.cookies[Self.cookieName]?.string
        let token = existing.flatMap { $0.count >= 32 ? $0 : nil } ?? Tokens.generate()
        let bound = session.map(Self.sessionBound)
        let expected = bound ?? existing
        request.storage[CSRFTokenKey.self] = bound ?? token
        if Self.needsToken(request) {
            let sent = request.headers.first(name: Self.headerName) ?? Self.formField(request)
            guard let expected, let sent, Self.constantTimeEquals(expected, sent) else {
                var problem = Problem.forbidden(
                    "the request has no valid CSRF token; reload the page and try again (API clients use a bearer token)")
                problem.dutch = "Het formulier is verlopen of kwam niet van deze pagina (CSRF-controle). Laad de pagina opnieuw en probeer het nog eens."
                throw problem
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
