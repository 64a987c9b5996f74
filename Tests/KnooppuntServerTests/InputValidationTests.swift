import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import KnooppuntServer

@Suite("Bad input gets a clear error and changes nothing")
struct InputValidationTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let body: String
        let contentType: HTTPMediaType
        let status: HTTPResponseStatus
        let detail: String
        var testDescription: String { "\(status.code): \(detail)" }
    }

    static let valid =
        #"{"username":"nieuw","displayName":"Nieuwe Gebruiker","organisation":"VR13","role":"hin-gedetacheerd","password":"lang-genoeg-1"}"#

    static let cases: [Case] = [
        Case(body: #"{"username": "nieuw", "#, contentType: .json, status: .badRequest, detail: "malformed JSON"),
        Case(body: "[1,2]", contentType: .json, status: .badRequest, detail: "must be a JSON object"),
        Case(body: "", contentType: .json, status: .badRequest, detail: "body is empty"),
        Case(body: valid, contentType: .plainText, status: .unsupportedMediaType, detail: "must be JSON"),
        Case(
            body: valid.replacingOccurrences(of: "}", with: #","admin":true}"#), contentType: .json,
            status: .unprocessableEntity, detail: "unknown field 'admin'"),
        Case(
            body: valid.replacingOccurrences(of: #""VR13""#, with: "13"), contentType: .json,
            status: .unprocessableEntity, detail: "field 'organisation' must be a string"),
        Case(
            body: valid.replacingOccurrences(of: #""displayName":"Nieuwe Gebruiker","#, with: ""), contentType: .json,
            status: .unprocessableEntity, detail: "field 'displayName' is required"),
        Case(
            body: valid.replacingOccurrences(of: "hin-gedetacheerd", with: "koning"), contentType: .json,
            status: .unprocessableEntity, detail: "field 'role' must be one of"),
        Case(
            body: valid.replacingOccurrences(of: "lang-genoeg-1", with: "kort"), contentType: .json,
            status: .unprocessableEntity, detail: "at least 10 characters"),
        Case(
            body: valid.replacingOccurrences(of: "nieuw", with: "Nieuw Iemand"), contentType: .json,
            status: .unprocessableEntity, detail: "username may contain only"),
        Case(
            body: valid.replacingOccurrences(of: "VR13", with: "NOPE"), contentType: .json,
            status: .unprocessableEntity, detail: "no organisation with code 'NOPE'"),
        Case(
            body: valid.replacingOccurrences(of: "nieuw", with: "im-vr13"), contentType: .json, status: .conflict,
            detail: "already exists"),
    ]

    @Test("creating a user with bad input", arguments: cases)
    func badUserInput(_ testCase: Case) async throws {
        try await withTestApp { app in
            // setup
            let admin = try await HTTP.login(app, "admin")
            let journalBefore = try await HTTP.journalLength(app)
            let usersBefore = try await UserModel.query(on: app.db).count()
            var headers = HTTP.bearer(admin)
            headers.contentType = testCase.contentType
            // MUT
            let response = try await app.testing().sendRequest(
                .POST, "/api/v1/users", headers: headers, body: ByteBuffer(string: testCase.body))
            // validate
            #expect(response.status == testCase.status)
            #expect(HTTP.problemDetail(response).contains(testCase.detail), "got: \(response.body.string)")
            #expect(try await HTTP.journalLength(app) == journalBefore)
            #expect(try await UserModel.query(on: app.db).count() == usersBefore)
        }
    }

    @Test("valid input creates the user, journaled, who can then log in")
    func goodUserInput() async throws {
        try await withTestApp { app in
            let admin = try await HTTP.login(app, "admin")
            let before = try await HTTP.journalLength(app)
            let response = try await HTTP.send(app, .POST, "/api/v1/users", json: Self.valid, token: admin)
            #expect(response.status == .created)
            #expect(try response.content.get(String.self, at: "organisation") == "VR13")
            let event = try await JournalEventModel.query(on: app.db).filter(\.$id == before + 1).first()
            #expect(event?.kind == "user.created")
            #expect(event?.actor == "admin")
            _ = try await HTTP.login(app, "nieuw", password: "lang-genoeg-1")
        }
    }

    @Test("an oversized body is refused with 413")
    func oversized() async throws {
        try await withTestApp { app in
            // Over a real socket: the in-memory tester hands the body over whole and skips the limit.
            let big = #"{"username":"x","password":""# + String(repeating: "a", count: 2_000_000) + #""}"#
            let response = try await app.testing(method: .running(port: 0)).sendRequest(
                .POST, "/api/v1/session", headers: ["Content-Type": "application/json"], body: ByteBuffer(string: big))
            #expect(response.status == .payloadTooLarge)
        }
    }
}

@Suite("Authorisation")
struct AuthorisationTests {
    @Test("only an administrator may list or create users")
    func adminOnly() async throws {
        try await withTestApp { app in
            let im = try await HTTP.login(app, "im-vr13")
            let list = try await HTTP.send(app, .GET, "/api/v1/users", token: im)
            #expect(list.status == .forbidden)
            #expect(HTTP.problemDetail(list).contains("administrator"))
            let before = try await UserModel.query(on: app.db).count()
            let create = try await HTTP.send(app, .POST, "/api/v1/users", json: InputValidationTests.valid, token: im)
            #expect(create.status == .forbidden)
            #expect(try await UserModel.query(on: app.db).count() == before)

            let admin = try await HTTP.login(app, "admin")
            let users = try await HTTP.send(app, .GET, "/api/v1/users", token: admin).content.decode([UserDTO].self)
            #expect(users.contains { $0.username == "im-vr13" && $0.organisation == "VR13" })
        }
    }

    @Test("without credentials every protected endpoint answers 401 problem+json")
    func anonymous() async throws {
        try await withTestApp { app in
            for path in ["/api/v1/me", "/api/v1/tokens", "/api/v1/organisations", "/api/v1/users"] {
                let response = try await HTTP.send(app, .GET, path)
                #expect(response.status == .unauthorized, "\(path)")
                #expect(HTTP.problemDetail(response).contains("authentication required"))
            }
        }
    }
}
