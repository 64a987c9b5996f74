import Vapor

/// An error a client caused or must know about, with a message that names the problem. Handlers throw
/// it; `ProblemMiddleware` turns it into `application/problem+json` (RFC 9457) or an HTML page.
struct Problem: AbortError, Sendable {
    let status: HTTPResponseStatus
    let detail: String
    var headers: HTTPHeaders = [:]
    /// For validation problems, the field at fault.
    var field: String? = nil
    /// For validation problems, the value refused (shown, quoted, on the Dutch error page).
    var value: String? = nil
    /// The problem in Dutch, for the HTML error page of a Dutch reader (`ErrorPage`); the API keeps `detail`.
    var dutch: String? = nil

    var reason: String { detail }

    static func badRequest(_ detail: String) -> Problem { Problem(status: .badRequest, detail: detail) }
    static func invalid(_ detail: String, field: String? = nil) -> Problem {
        Problem(status: .unprocessableEntity, detail: detail, field: field)
    }
    static func unauthorized(_ detail: String) -> Problem {
        Problem(status: .unauthorized, detail: detail, headers: ["WWW-Authenticate": "Bearer realm=\"knooppunt\""])
    }
    static func forbidden(_ detail: String) -> Problem { Problem(status: .forbidden, detail: detail) }
    static func notFound(_ detail: String) -> Problem { Problem(status: .notFound, detail: detail) }
    static func conflict(_ detail: String) -> Problem { Problem(status: .conflict, detail: detail) }
    static func tooManyRequests(_ detail: String, retryAfter: Int) -> Problem {
        Problem(status: .tooManyRequests, detail: detail, headers: ["Retry-After": String(retryAfter)])
    }
}

/// The RFC 9457 body.
struct ProblemBody: Content {
    var type: String = "about:blank"
    var title: String
    var status: Int
    var detail: String
    var field: String?
}
