import Plot
import Vapor

/// The HTML page for an error outside the API.
enum ErrorPage {
    static func response(for request: Request, status: HTTPResponseStatus, detail: String, headers: HTTPHeaders)
        async throws -> Response
    {
        let strings = request.strings
        let page = Layout(
            title: strings.errorTitle, strings: strings, csrfToken: request.csrfToken,
            user: request.auth.get(CurrentUser.self), path: "/"
        ).render(
            .div(
                .class("card"),
                .h1(.text("\(status.code) · \(strings.errorTitle)")),
                .p(.attribute(named: "role", value: "alert"), .text(detail)),
                .p(.a(.href("/"), .text(strings.backHome)))
            ))
        return .html(page, status: status, headers: headers)
    }
}
