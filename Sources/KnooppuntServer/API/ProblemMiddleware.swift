import Vapor

/// Maps every error, once, to the response the client understands: problem+json under `/api`, an HTML
/// error page elsewhere. Server faults are logged at `error` and never leak their details.
struct ProblemMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: AsyncResponder) async throws -> Response {
        do {
            return try await next.respond(to: request)
        } catch {
            let (status, detail, headers, field) = Self.describe(error)
            if status.code >= 500 {
                request.logger.error("request failed: \(String(reflecting: error))")
            } else {
                request.logger.notice("\(status.code) \(request.method) \(request.url.path): \(detail)")
            }
            if request.url.path.hasPrefix("/api/") || request.url.path == "/api" {
                return Self.problemResponse(status: status, detail: detail, headers: headers, field: field)
            }
            return try await ErrorPage.response(
                for: request, status: status, detail: detail, field: field, problem: error as? Problem, headers: headers)
        }
    }

    static func describe(_ error: Error) -> (HTTPResponseStatus, String, HTTPHeaders, String?) {
        switch error {
        case let problem as Problem:
            return (problem.status, problem.detail, problem.headers, problem.field)
        case let abort as AbortError:
            let detail = abort.status == .notFound && abort.reason == "Not Found" ? "no such resource" : abort.reason
            return (abort.status, detail, abort.headers, nil)
        default:
            return (.internalServerError, "an internal error occurred; it has been logged", [:], nil)
        }
    }

    static func problemResponse(status: HTTPResponseStatus, detail: String, headers: HTTPHeaders, field: String?)
        -> Response
    {
        let body = ProblemBody(title: status.reasonPhrase, status: Int(status.code), detail: detail, field: field)
        var allHeaders = headers
        allHeaders.replaceOrAdd(name: .contentType, value: "application/problem+json; charset=utf-8")
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = (try? encoder.encode(body)) ?? Data()
        return Response(status: status, headers: allHeaders, body: .init(data: data))
    }
}
