import AsyncHTTPClient
import Foundation
import NIOCore
import Vapor

/// The requests the benches send to a running server.
enum BenchHTTP {
    static func request(_ url: String, method: HTTPMethod = .GET, token: String?, json: String? = nil) -> HTTPClientRequest {
        var request = HTTPClientRequest(url: url)
        request.method = method
        if let token { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
        if let json {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(string: json))
        }
        return request
    }

    /// Sends `request`, fails unless the status is `expect`, and returns the answer's JSON (an empty object when it has none).
    static func send(_ client: HTTPClient, _ request: HTTPClientRequest, expect: UInt) async throws -> Any {
        let response = try await client.execute(request, timeout: .seconds(60))
        let body = try await response.body.collect(upTo: 16 << 20)
        guard response.status.code == expect else {
            throw BenchError("\(request.method) \(request.url) → \(response.status.code): \(String(buffer: body).prefix(500))")
        }
        return (try? JSONSerialization.jsonObject(with: Data(buffer: body))) ?? [String: Any]()
    }
}
