import KnooppuntCore
import Vapor

/// The fallback pages on the national node, `/fallback` and `/fallback/{node}/{incident}`, for a region's
/// emergency account; the same checks and journaling as the API (`FallbackController`).
struct FallbackWebController: RouteCollection {
    func boot(routes: RoutesBuilder) throws {
        routes.get(SiteURL.fallback.pathComponents, use: list)
        routes.get(SiteURL.fallbackIncident(node: .key, incident: .key).pathComponents, use: incident)
    }

    func list(req: Request) async throws -> Response {
        _ = try IncidentWebController.webUser(req)
        let (items, user) = try await FallbackController.list(req, via: "page")
        return .html(FallbackListPage(strings: req.strings, csrfToken: req.csrfToken, user: user, items: items).render())
    }

    func incident(req: Request) async throws -> Response {
        _ = try IncidentWebController.webUser(req)
        let (detail, user) = try await FallbackController.detail(req, via: "page")
        return .html(FallbackIncidentPage(strings: req.strings, csrfToken: req.csrfToken, user: user, detail: detail).render())
    }
}

/// Keeps an emergency account to what it is for (decision 0017): its region's fallback picture, its own
/// session and the language switch. Everything else is refused before any handler runs, so no page or
/// endpoint has to remember it; the access policies refuse it as well.
struct EmergencyAccountMiddleware: AsyncMiddleware {
    static let exactPaths: Set<String> = [
        SiteURL.fallback.path, SiteURL.logout.path, SiteURL.api(.session).path, SiteURL.api(.me).path, SiteURL.api(.health).path, SiteURL.api(.openAPI).path,
    ]
    static let pathPrefixes = [
        SiteURL.fallbackIncident(node: .key, incident: .key).prefix, SiteURL.api(.fallback).prefix, SiteURL.asset(.key).prefix,
        SiteURL.language(.key).prefix,
    ]

    func respond(to request: Request, chainingTo next: AsyncResponder) async throws -> Response {
        guard let user = request.auth.get(CurrentUser.self), user.role.isEmergencyAccount else {
            return try await next.respond(to: request)
        }
        let path = request.url.path
        if request.method == .GET, path == "/" || path == SiteURL.login.path {
            return request.redirect(to: SiteURL.fallback.path)
        }
        guard Self.exactPaths.contains(path) || Self.pathPrefixes.contains(where: { path.hasPrefix($0) }) else {
            throw Problem.forbidden(FallbackPolicy.onlyFallback)
        }
        return try await next.respond(to: request)
    }
}
