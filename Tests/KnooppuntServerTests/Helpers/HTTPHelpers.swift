import Foundation
import Testing
import Vapor
import VaporTesting

@testable import KnooppuntServer

/// Small helpers for talking to the app the way a client would.
enum HTTP {
    static func json(_ text: String) -> (HTTPHeaders, ByteBuffer) {
        var headers = HTTPHeaders()
        headers.contentType = .json
        return (headers, ByteBuffer(string: text))
    }

    static func bearer(_ token: String) -> HTTPHeaders {
        var headers = HTTPHeaders()
        headers.bearerAuthorization = .init(token: token)
        return headers
    }

    static func send(
        _ app: Application, _ method: HTTPMethod, _ path: String, json: String? = nil, token: String? = nil,
        headers extra: HTTPHeaders = [:]
    ) async throws -> TestingHTTPResponse {
        var headers = extra
        var body: ByteBuffer?
        if let json {
            headers.contentType = .json
            body = ByteBuffer(string: json)
        }
        if let token { headers.bearerAuthorization = .init(token: token) }
        return try await app.testing().sendRequest(method, path, headers: headers, body: body)
    }

    /// Sends a body other than JSON; `headers` gives its Content-Type.
    static func send(
        _ app: Application, _ method: HTTPMethod, _ path: String, token: String? = nil, headers extra: HTTPHeaders, body: String
    ) async throws -> TestingHTTPResponse {
        var headers = extra
        if let token { headers.bearerAuthorization = .init(token: token) }
        return try await app.testing().sendRequest(method, path, headers: headers, body: ByteBuffer(string: body))
    }

    /// Logs in through the API and returns the bearer token.
    static func login(_ app: Application, _ username: String, password: String = "demo") async throws -> String {
        let response = try await send(
            app, .POST, "/api/v1/session", json: #"{"username":"\#(username)","password":"\#(password)"}"#)
        #expect(response.status == .created, "login of \(username) failed: \(response.body.string)")
        return try response.content.get(String.self, at: "token")
    }

    /// The problem+json detail of an error response.
    static func problemDetail(_ response: TestingHTTPResponse) -> String {
        #expect(response.headers.first(name: .contentType)?.hasPrefix("application/problem+json") == true)
        let object = try? JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any]
        return object?["detail"] as? String ?? ""
    }

    static func journalLength(_ app: Application) async throws -> Int64 {
        try await Journal.lastSequence(on: app.db)
    }
}
