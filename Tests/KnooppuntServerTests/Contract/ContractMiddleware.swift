import Foundation
import Testing
import Vapor

/// Checks every /api/v1 exchange of a test app against openapi.json. `withTestApp` puts it in front of
/// every other middleware, so it sees each request as the client sent it and each response as the
/// client gets it (after ProblemMiddleware turned errors into problem+json), whether the test sends
/// it in memory or over a socket.
struct ContractMiddleware: AsyncMiddleware {
    let contract: APIContract
    let recorder: ContractRecorder

    func respond(to request: Request, chainingTo next: AsyncResponder) async throws -> Response {
        let path = request.url.path
        guard path == APIContract.prefix || path.hasPrefix(APIContract.prefix + "/") else {
            return try await next.respond(to: request)
        }
        let response: Response
        do {
            response = try await next.respond(to: request)
        } catch {
            recorder.add(
                ContractViolation(
                    operation: "\(request.method.rawValue) \(path)", status: 0, location: "response",
                    expected: "a response, but an error escaped every middleware: \(error)"))
            throw error
        }
        // Read after the route ran: a body streamed in over a socket is collected by then.
        let exchange = Exchange(
            method: request.method.rawValue, path: path,
            requestContentType: request.headers.first(name: .contentType),
            requestBody: request.body.data.map { Data($0.readableBytesView) },
            status: Int(response.status.code),
            responseContentType: response.headers.first(name: .contentType),
            responseBody: response.body.buffer.map { Data($0.readableBytesView) })
        recorder.add(contract.check(exchange))
        return response
    }
}

/// What the contract check found for one test app: its violations, and how much it checked.
final class ContractRecorder: @unchecked Sendable {
    private let lock = NSLock()
    private var violations: [ContractViolation] = []
    private(set) var exchanges = 0
    private(set) var requestsValidated = 0
    private(set) var responsesValidated = 0
    private(set) var refusedInvalidRequests = 0

    func add(_ violation: ContractViolation) {
        lock.withLock { violations.append(violation) }
    }

    func add(_ check: ContractCheck) {
        lock.withLock {
            exchanges += 1
            if check.requestValidated { requestsValidated += 1 }
            if check.responseValidated { responsesValidated += 1 }
            if check.refusedInvalidRequest { refusedInvalidRequests += 1 }
            violations += check.violations
        }
    }

    var recorded: [ContractViolation] { lock.withLock { violations } }

    /// Records one test issue listing every violation (the same one once, with how often it occurred),
    /// and, when KNOOPPUNT_CONTRACT_STATS names a file, appends this app's counts to it.
    func report(sourceLocation: SourceLocation) {
        lock.lock()
        let violations = self.violations
        let counts = "\(exchanges) \(requestsValidated) \(responsesValidated) \(refusedInvalidRequests) \(violations.count)\n"
        lock.unlock()
        if let file = ProcessInfo.processInfo.environment["KNOOPPUNT_CONTRACT_STATS"], !file.isEmpty {
            Self.append(counts, to: file)
        }
        guard !violations.isEmpty else { return }
        var seen: [String: Int] = [:]
        var order: [String] = []
        for violation in violations {
            let line = violation.description
            if seen[line] == nil { order.append(line) }
            seen[line, default: 0] += 1
        }
        let lines = order.map { line in seen[line]! > 1 ? "\(line) (×\(seen[line]!))" : line }
        Issue.record(
            Comment(rawValue: "the API broke its contract (openapi.json) \(violations.count) time(s):\n  " + lines.joined(separator: "\n  ")),
            sourceLocation: sourceLocation)
    }

    private static let fileLock = NSLock()

    private static func append(_ line: String, to path: String) {
        fileLock.withLock {
            if !FileManager.default.fileExists(atPath: path) { _ = FileManager.default.createFile(atPath: path, contents: nil) }
            guard let handle = FileHandle(forWritingAtPath: path) else { return }
            handle.seekToEndOfFile()
            handle.write(Data(line.utf8))
            try? handle.close()
        }
    }
}
