import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import KnooppuntServer

@Suite("Login, sessions and the login throttle")
struct SessionTests {
    @Test("logging in gives a bearer token that identifies the user and their organisation")
    func loginAndMe() async throws {
        try await withTestApp { app in
            let token = try await HTTP.login(app, "im-vr13")
            let me = try await HTTP.send(app, .GET, "/api/v1/me", token: token)
            #expect(me.status == .ok)
            #expect(try me.content.get(String.self, at: "username") == "im-vr13")
            #expect(try me.content.get(String.self, at: "role") == "informatiemanager")
            #expect(try me.content.get(String.self, at: "organisation") == "VR13")
        }
    }

    @Test("a wrong password is refused with 401 and no token")
    func wrongPassword() async throws {
        try await withTestApp { app in
            let response = try await HTTP.send(
                app, .POST, "/api/v1/session", json: #"{"username":"im-vr13","password":"wrong"}"#)
            #expect(response.status == .unauthorized)
            #expect(HTTP.problemDetail(response).contains("wrong password"))
            #expect(!response.body.string.contains("token\""))
        }
    }

    @Test("an unknown username gets the same 401 as a wrong password")
    func unknownUser() async throws {
        try await withTestApp { app in
            let response = try await HTTP.send(
                app, .POST, "/api/v1/session", json: #"{"username":"niemand","password":"demo"}"#)
            #expect(response.status == .unauthorized)
            #expect(HTTP.problemDetail(response) == "unknown username or wrong password, or the account is disabled")
        }
    }

    @Test("using a token records when it was last used")
    func lastUsed() async throws {
        try await withTestApp { app in
            let session = try await HTTP.login(app, "im-vr13")
            let created = try await HTTP.send(
                app, .POST, "/api/v1/tokens", json: #"{"name":"script","expiresInDays":1}"#, token: session)
            let secret = try created.content.get(String.self, at: "token")
            #expect(!created.body.string.contains("lastUsedAt"))
            _ = try await HTTP.send(app, .GET, "/api/v1/me", token: secret)
            let list = try await HTTP.send(app, .GET, "/api/v1/tokens", token: session).content.decode([TokenDTO].self)
            #expect(list.first?.lastUsedAt != nil)
        }
    }

    /// A login from client `address` (the in-process app has no peer address: tests trust "unknown"
    /// as the proxy and name the client in X-Forwarded-For, as nginx does in production).
    static func attempt(_ app: Application, _ username: String, _ password: String, from address: String) async throws
        -> TestingHTTPResponse
    {
        try await HTTP.send(app, .POST, "/api/v1/session", json: #"{"username":"\#(username)","password":"\#(password)"}"#,
                            headers: ["X-Forwarded-For": address])
    }

    @Test("lockout as a weapon: five failures slow down only that address for that account, with a doubling back-off; the owner elsewhere logs in")
    func throttle() async throws {
        let clock = ManualClock(Date(timeIntervalSince1970: 1_800_000_000))
        try await withTestApp(clock: clock, trustedProxies: ["unknown"]) { app in
            for _ in 1...5 {
                #expect(try await Self.attempt(app, "im-vr13", "guess", from: "203.0.113.9").status == .unauthorized)
            }
            let slowed = try await Self.attempt(app, "im-vr13", "demo", from: "203.0.113.9")
            #expect(slowed.status == .tooManyRequests)
            #expect(Int(slowed.headers.first(name: "Retry-After") ?? "") == 30)
            #expect(HTTP.problemDetail(slowed).contains("too many failed logins"))
            // The owner, at another address, is not locked out by someone else's failures.
            #expect(try await Self.attempt(app, "im-vr13", "demo", from: "198.51.100.4").status == .created)
            // The back-off doubles with every further failure: 30 s, then 60 s.
            clock.advance(by: 30)
            #expect(try await Self.attempt(app, "im-vr13", "guess", from: "203.0.113.9").status == .unauthorized)
            let longer = try await Self.attempt(app, "im-vr13", "demo", from: "203.0.113.9")
            #expect(Int(longer.headers.first(name: "Retry-After") ?? "") == 60)
            clock.advance(by: 60)
            #expect(try await Self.attempt(app, "im-vr13", "demo", from: "203.0.113.9").status == .created)
        }
    }

    @Test("the client address comes from X-Forwarded-For only behind a trusted proxy; anyone else cannot choose it")
    func trustedProxyAddress() {
        let trusted: Set<String> = ["10.0.0.2"]
        #expect(Request.clientAddress(peer: "10.0.0.2", forwardedFor: ["198.51.100.4"], trusted: trusted) == "198.51.100.4")
        #expect(Request.clientAddress(peer: "10.0.0.2", forwardedFor: ["6.6.6.6, 198.51.100.4"], trusted: trusted) == "198.51.100.4",
                "the right-most hop is the one the proxy saw; earlier ones are the client's own words")
        #expect(Request.clientAddress(peer: "203.0.113.9", forwardedFor: ["198.51.100.4"], trusted: trusted) == "203.0.113.9")
        #expect(Request.clientAddress(peer: "10.0.0.2", forwardedFor: ["not-an-address"], trusted: trusted) == "10.0.0.2")
    }

    @Test("an administrator unlocks an account slowed by failed logins, and the unlock is journaled")
    func administratorUnlocks() async throws {
        try await withTestApp(trustedProxies: ["unknown"]) { app in
            for _ in 1...6 { _ = try await Self.attempt(app, "im-vr13", "guess", from: "203.0.113.9") }
            #expect(try await Self.attempt(app, "im-vr13", "demo", from: "203.0.113.9").status == .tooManyRequests)
            let partner = try await HTTP.login(app, "rws")
            #expect(try await HTTP.send(app, .DELETE, "/api/v1/users/im-vr13/login-failures", token: partner).status == .forbidden)
            let admin = try await HTTP.login(app, "admin")
            let unlocked = try await HTTP.send(app, .DELETE, "/api/v1/users/im-vr13/login-failures", token: admin)
            #expect(unlocked.status == .ok)
            #expect(try unlocked.content.get(Int.self, at: "clearedFailures") == 5, "the sixth was turned away, not counted")
            #expect(try await Self.attempt(app, "im-vr13", "demo", from: "203.0.113.9").status == .created)
            let event = try await JournalEventModel.query(on: app.db).filter(\.$kind == "account.unlocked").first()
            #expect(event?.actor == "admin")
        }
    }

    @Test("the throttle holds across instances of one node: failures through one count at the other")
    func throttleAcrossInstances() async throws {
        let directory = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let database = KnooppuntConfiguration.DatabaseChoice.sqliteFile(directory.appendingPathComponent("node.sqlite").path)
        try await withTestApp(database: database) { first in
            for _ in 1...5 {
                #expect(try await HTTP.send(first, .POST, "/api/v1/session", json: #"{"username":"im-vr13","password":"guess"}"#).status
                    == .unauthorized)
            }
            try await withTestApp(demo: false, database: database) { second in
                let locked = try await HTTP.send(second, .POST, "/api/v1/session", json: #"{"username":"im-vr13","password":"demo"}"#)
                #expect(locked.status == .tooManyRequests)
            }
        }
    }

    @Test("logging out revokes the token")
    func logout() async throws {
        try await withTestApp { app in
            let token = try await HTTP.login(app, "im-vr13")
            let out = try await HTTP.send(app, .DELETE, "/api/v1/session", token: token)
            #expect(out.status == .noContent)
            let after = try await HTTP.send(app, .GET, "/api/v1/me", token: token)
            #expect(after.status == .unauthorized)
            #expect(HTTP.problemDetail(after).contains("revoked"))
        }
    }

    @Test("a session expires after 12 hours and says so")
    func expiry() async throws {
        let clock = ManualClock(Date(timeIntervalSince1970: 1_800_000_000))
        try await withTestApp(clock: clock) { app in
            let token = try await HTTP.login(app, "im-vr13")
            clock.advance(by: 11 * 3600)
            #expect(try await HTTP.send(app, .GET, "/api/v1/me", token: token).status == .ok)
            clock.advance(by: 3600)
            let expired = try await HTTP.send(app, .GET, "/api/v1/me", token: token)
            #expect(expired.status == .unauthorized)
            #expect(HTTP.problemDetail(expired).contains("expired"))
        }
    }

    @Test("a disabled user cannot log in and their open sessions stop working")
    func disabledUser() async throws {
        try await withTestApp { app in
            let token = try await HTTP.login(app, "rws")
            try await AccountService(application: app).disable(username: "rws", actor: .commandLine)
            #expect(try await HTTP.send(app, .GET, "/api/v1/me", token: token).status == .unauthorized)
            let again = try await HTTP.send(app, .POST, "/api/v1/session", json: #"{"username":"rws","password":"demo"}"#)
            #expect(again.status == .unauthorized)
        }
    }

    @Test("tokens and passwords are stored only as hashes")
    func storedHashed() async throws {
        try await withTestApp { app in
            let token = try await HTTP.login(app, "im-vr13")
            let stored = try await AccessTokenModel.query(on: app.db).all()
            #expect(!stored.isEmpty)
            #expect(stored.allSatisfy { $0.tokenHash != token && !$0.tokenHash.contains(token) })
            #expect(stored.contains { $0.tokenHash == Tokens.digest(token) })
            let user = try await AccountService.find("im-vr13", on: app.db)
            #expect(user.passwordHash.hasPrefix("$2"))
            #expect(user.passwordHash != "demo")
        }
    }

    @Test("an unknown bearer token is a 401 that says the token is not valid")
    func unknownToken() async throws {
        try await withTestApp { app in
            let response = try await HTTP.send(app, .GET, "/api/v1/me", token: "kp_not-a-real-token")
            #expect(response.status == .unauthorized)
            #expect(HTTP.problemDetail(response) == "the token is not valid")
            let none = try await HTTP.send(app, .GET, "/api/v1/me")
            #expect(none.status == .unauthorized)
            #expect(none.headers.first(name: "WWW-Authenticate")?.hasPrefix("Bearer") == true)
        }
    }
}
