import Foundation
import Testing
import Vapor
import VaporTesting

@testable import KnooppuntServer

/// A browser-like session: the CSRF cookie from the login page and the session cookie after login.
struct WebSession {
    var csrf: String
    var session: String
    var language: String? = nil

    var cookieHeader: HTTPHeaders {
        var cookies = "\(CSRFMiddleware.cookieName)=\(csrf); \(AuthenticationMiddleware.sessionCookie)=\(session)"
        if let language { cookies += "; \(Request.languageCookie)=\(language)" }
        return ["Cookie": cookies]
    }

    /// The CSRF cookie a first visit to the login page sets.
    static func csrfCookie(_ app: Application) async throws -> String {
        let page = try await app.testing().sendRequest(.GET, "/login")
        return try #require(page.headers.setCookie?[CSRFMiddleware.cookieName]?.string)
    }

    static func form(_ fields: [String: String]) -> ByteBuffer {
        ByteBuffer(string: encoded(fields.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }))
    }

    static func encoded(_ pairs: [(String, String)]) -> String {
        var components = URLComponents()
        components.queryItems = pairs.map { URLQueryItem(name: $0.0, value: $0.1) }
        return (components.percentEncodedQuery ?? "").replacingOccurrences(of: "+", with: "%2B")
    }

    static func postForm(
        _ app: Application, _ path: String, fields: [String: String], cookies: String
    ) async throws -> TestingHTTPResponse {
        try await postForm(app, path, pairs: fields.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }, cookies: cookies)
    }

    /// A form whose fields may repeat (`entries[]`), in the order given.
    static func postForm(
        _ app: Application, _ path: String, pairs: [(String, String)], cookies: String
    ) async throws -> TestingHTTPResponse {
        var headers: HTTPHeaders = ["Cookie": cookies]
        headers.contentType = .urlEncodedForm
        return try await app.testing().sendRequest(.POST, path, headers: headers, body: ByteBuffer(string: encoded(pairs)))
    }

    /// Logs in through the HTML form.
    static func login(_ app: Application, _ username: String, password: String = "demo") async throws -> WebSession {
        let csrf = try await csrfCookie(app)
        let response = try await postForm(
            app, "/login", fields: ["_csrf": csrf, "username": username, "password": password, "next": "/"],
            cookies: "\(CSRFMiddleware.cookieName)=\(csrf)")
        #expect(response.status == .seeOther, "form login failed: \(response.status)")
        let session = try #require(response.headers.setCookie?[AuthenticationMiddleware.sessionCookie]?.string)
        // Signed in, the token is bound to the session: read it from a page, as a browser's script does.
        let cookie: HTTPHeaders = ["Cookie": "\(AuthenticationMiddleware.sessionCookie)=\(session)"]
        var home = try await app.testing().sendRequest(.GET, "/", headers: cookie)
        // An emergency account's home is its fallback list.
        if home.status == .seeOther, let location = home.headers.first(name: .location) {
            home = try await app.testing().sendRequest(.GET, location, headers: cookie)
        }
        return WebSession(csrf: try pageToken(home.body.string), session: session)
    }

    /// The CSRF token in a page's `<meta name="csrf-token">`.
    static func pageToken(_ html: String) throws -> String {
        let marker = "<meta name=\"csrf-token\" content=\""
        let start = try #require(html.range(of: marker), "the page has no csrf-token meta tag")
        let rest = html[start.upperBound...]
        return String(rest[..<(rest.firstIndex(of: "\"") ?? rest.endIndex)])
    }

    func get(_ app: Application, _ path: String) async throws -> TestingHTTPResponse {
        try await app.testing().sendRequest(.GET, path, headers: cookieHeader)
    }
}
