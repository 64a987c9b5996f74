import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// The few API calls the benches make, over one HTTP client.
struct BenchAPI: Sendable {
    let client: HTTPClient
    let baseURL: String

    /// Runs `body` with a client of `connections` connections to `baseURL`, shut down after it.
    static func with<T>(
        _ baseURL: String, connections: Int, readTimeout: Int64, _ body: (BenchAPI) async throws -> T
    ) async throws -> T {
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool = .init(idleTimeout: .seconds(120), concurrentHTTP1ConnectionsPerHostSoftLimit: connections)
        configuration.timeout = .init(connect: .seconds(30), read: .seconds(readTimeout))
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        do {
            let result = try await body(BenchAPI(client: client, baseURL: baseURL))
            try await client.shutdown()
            return result
        } catch {
            try? await client.shutdown()
            throw error
        }
    }

    func request(_ path: String, method: HTTPMethod = .GET, token: String?, json: String? = nil) -> HTTPClientRequest {
        BenchHTTP.request(baseURL + path, method: method, token: token, json: json)
    }

    /// The answer's body, after checking its status.
    func body(_ request: HTTPClientRequest, expect: UInt) async throws -> ByteBuffer {
        let response = try await client.execute(request, timeout: .seconds(60))
        let body = try await response.body.collect(upTo: 64 << 20)
        guard response.status.code == expect else {
            throw BenchError("\(request.method) \(request.url) → \(response.status.code): \(String(buffer: body))")
        }
        return body
    }

    func send(_ path: String, method: HTTPMethod, token: String?, json: String, expect: UInt) async throws -> [String: Any] {
        let body = try await body(request(path, method: method, token: token, json: json), expect: expect)
        return (try? JSONSerialization.jsonObject(with: Data(buffer: body)) as? [String: Any]) ?? [:]
    }

    func get(_ path: String, token: String) async throws -> ByteBuffer {
        try await body(request(path, token: token), expect: 200)
    }

    func login(_ username: String, _ password: String) async throws -> String {
        let body = try JSONSerialization.data(withJSONObject: ["username": username, "password": password])
        let json = try await send(
            SiteURL.api(.session).path, method: .POST, token: nil, json: String(decoding: body, as: UTF8.self), expect: 201)
        guard let token = json["token"] as? String else { throw BenchError("login returned no token") }
        return token
    }

    func createIncident(token: String, title: String) async throws -> String {
        let json = try await send(
            "/api/v1/incidents", method: .POST, token: token,
            json: #"{"title":"\#(title)","category":"overig","exercise":true}"#, expect: 201)
        guard let id = json["id"] as? String else { throw BenchError("no incident id") }
        return id
    }
}
