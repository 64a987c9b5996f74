import Vapor

/// Resolves `Authorization: Bearer` or the session cookie into a `CurrentUser`. A bearer token that
/// does not authenticate is answered 401 at once with the reason; a stale cookie is cleared and the
/// request continues anonymously, so web pages can send the user to the login form.
struct AuthenticationMiddleware: AsyncMiddleware {
    static let sessionCookie = "kp_session"

    func respond(to request: Request, chainingTo next: AsyncResponder) async throws -> Response {
        let sessions = SessionService(request: request)
        if let bearer = request.headers.bearerAuthorization {
            switch try await sessions.resolve(token: bearer.token, via: .bearer) {
            case .success(let user): request.auth.login(user)
            case .failure(let rejection): throw Problem.unauthorized(rejection.message)
            }
            return try await next.respond(to: request)
        }
        if let cookie = request.cookies[Self.sessionCookie]?.string {
            switch try await sessions.resolve(token: cookie, via: .cookie) {
            case .success(let user):
                request.auth.login(user)
            case .failure(let rejection):
                request.storage[SessionRejectionKey.self] = rejection.message
                let response = try await next.respond(to: request)
                response.cookies[Self.sessionCookie] = .expired
                return response
            }
        }
        return try await next.respond(to: request)
    }

    static func cookie(_ token: String, secure: Bool, maxAge: Int) -> HTTPCookies.Value {
        HTTPCookies.Value(
            string: token, maxAge: maxAge, path: "/", isSecure: secure, isHTTPOnly: true, sameSite: .strict)
    }
}

/// Why the session cookie was refused, so pages and the API can say so.
struct SessionRejectionKey: StorageKey {
    typealias Value = String
}

extension Request {
    /// The API flavour of `requireUser`, naming an expired session when that is the cause.
    func requireUserExplaining() throws -> CurrentUser {
        if let user = auth.get(CurrentUser.self) { return user }
        if let reason = storage[SessionRejectionKey.self] { throw Problem.unauthorized(reason) }
        return try requireUser()
    }
}
