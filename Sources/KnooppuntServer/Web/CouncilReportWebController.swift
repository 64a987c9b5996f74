import Foundation
import KnooppuntCore
import Vapor

/// The report to the councils (art. 40 Wvr) of an incident: the page, its PDF and its Markdown, in the
/// UI language.
struct CouncilReportWebController: RouteCollection {
    func boot(routes: RoutesBuilder) throws {
        routes.get(SiteURL.incident(.key, .report).pathComponents, use: page)
        routes.get(SiteURL.incident(.key, .reportPDF).pathComponents, use: pdf)
        routes.get(SiteURL.incident(.key, .reportMarkdown).pathComponents, use: markdown)
    }

    private func document(_ req: Request) async throws -> (CouncilReportDocument, CurrentUser) {
        let user = try IncidentWebController.webUser(req)
        return (CouncilReportDocument(report: try await CouncilReportController.draft(req), language: req.uiLanguage), user)
    }

    func page(req: Request) async throws -> Response {
        let (document, user) = try await document(req)
        return .html(CouncilReportPage(strings: req.strings, csrfToken: req.csrfToken, user: user, document: document).render())
    }

    func pdf(req: Request) async throws -> Response {
        let (document, _) = try await document(req)
        return .pdf(document.pdf, fileName: document.fileName)
    }

    func markdown(req: Request) async throws -> Response {
        let (document, _) = try await document(req)
        return .markdown(document.markdown, fileName: document.fileName)
    }
}
