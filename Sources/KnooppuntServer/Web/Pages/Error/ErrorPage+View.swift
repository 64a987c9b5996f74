import KnooppuntCore
import Plot
import Vapor

/// How `ErrorPage` is drawn: the message in a card, with the way home.
extension ErrorPage {
    static func response(
        for request: Request, status: HTTPResponseStatus, detail: String, field: String? = nil, problem: Problem? = nil,
        headers: HTTPHeaders
    ) async throws -> Response {
        let strings = request.strings
        let page = Layout(
            title: strings.errorTitle, strings: strings, csrfToken: request.csrfToken,
            user: request.auth.get(CurrentUser.self), path: SiteURL.home.path
        ).render(
            .div(
                .class("card"),
                .h1(.text("\(status.code) · \(strings.errorTitle)")),
                .p(.id("error-message"), .attribute(named: "role", value: "alert"),
                   .text(message(status: status, detail: detail, field: field, value: problem?.value, dutch: problem?.dutch,
                                 language: strings.language))),
                .p(.a(.href(SiteURL.home.path), .text(strings.backHome)))
            ))
        return .html(page, status: status, headers: headers)
    }
}
