import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import KnooppuntServer

@Suite("Personal API tokens")
struct TokenTests {
    @Test("a personal token is shown once, works as a bearer token and stops working when revoked")
    func lifecycle() async throws {
        try await withTestApp { app in
            let session = try await HTTP.login(app, "im-vr13")
            let created = try await HTTP.send(
                app, .POST, "/api/v1/tokens", json: #"{"name":"LCMS koppeling","expiresInDays":30}"#, token: session)
            #expect(created.status == .created)
            let secret = try created.content.get(String.self, at: "token")
            let id = try created.content.get(UUID.self, at: "id")

            let list = try await HTTP.send(app, .GET, "/api/v1/tokens", token: session)
            #expect(list.body.string.contains("LCMS koppeling"))
            #expect(!list.body.string.contains(secret))

            #expect(try await HTTP.send(app, .GET, "/api/v1/me", token: secret).status == .ok)
            let revoke = try await HTTP.send(app, .DELETE, "/api/v1/tokens/\(id)", token: session)
            #expect(revoke.status == .noContent)
            #expect(try await HTTP.send(app, .GET, "/api/v1/me", token: secret).status == .unauthorized)
        }
    }

    @Test("another user's token cannot be revoked")
    func foreignToken() async throws {
        try await withTestApp { app in
            let owner = try await HTTP.login(app, "im-vr13")
            let created = try await HTTP.send(
                app, .POST, "/api/v1/tokens", json: #"{"name":"mine","expiresInDays":5}"#, token: owner)
            let id = try created.content.get(UUID.self, at: "id")
            let other = try await HTTP.login(app, "im-vr12")
            let response = try await HTTP.send(app, .DELETE, "/api/v1/tokens/\(id)", token: other)
            #expect(response.status == .notFound)
            let secret = try created.content.get(String.self, at: "token")
            #expect(try await HTTP.send(app, .GET, "/api/v1/me", token: secret).status == .ok)
        }
    }

    @Test("an out-of-range lifetime is refused and creates nothing")
    func outOfRange() async throws {
        try await withTestApp { app in
            let session = try await HTTP.login(app, "im-vr13")
            let before = try await HTTP.journalLength(app)
            let response = try await HTTP.send(
                app, .POST, "/api/v1/tokens", json: #"{"name":"x","expiresInDays":400}"#, token: session)
            #expect(response.status == .unprocessableEntity)
            #expect(HTTP.problemDetail(response).contains("expiresInDays"))
            #expect(try await HTTP.journalLength(app) == before)
            let list = try await HTTP.send(app, .GET, "/api/v1/tokens", token: session)
            #expect(list.body.string == "[]")
        }
    }

    @Test("a session cookie cannot be replayed as a bearer token")
    func cookieIsNotBearer() async throws {
        try await withTestApp { app in
            let cookie = try await WebSession.login(app, "im-vr13")
            let response = try await HTTP.send(app, .GET, "/api/v1/me", token: cookie.session)
            #expect(response.status == .unauthorized)
        }
    }
}
