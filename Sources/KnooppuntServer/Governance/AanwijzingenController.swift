import Fluent
import Foundation
import KnooppuntCore
import Vapor

/// `/api/v1/aanwijzingen`: the register on the national node (give, withdraw), what a regional node
/// received (acknowledge), and one aanwijzing (decision 0020).
struct AanwijzingenController: RouteCollection {
    func boot(routes: RoutesBuilder) throws {
        let aanwijzingen = routes.grouped("aanwijzingen")
        aanwijzingen.get { req in try await GovernanceCommands(req).aanwijzingen() }
        aanwijzingen.post(use: give)
        aanwijzingen.get(":aanwijzing") { req in try await GovernanceCommands(req).aanwijzing(try req.pathID("aanwijzing")) }
        aanwijzingen.post(":aanwijzing", "withdraw") { req in
            try await GovernanceCommands(req).withdrawAanwijzing(try req.pathID("aanwijzing"), try Self.withdrawal(req))
        }
        aanwijzingen.post(":aanwijzing", "acknowledge") { req in
            try await GovernanceCommands(req).acknowledgeAanwijzing(try req.pathID("aanwijzing"))
        }
    }

    func give(req: Request) async throws -> Response {
        let view = try await GovernanceCommands(req).giveAanwijzing(try req.decodeStrict(GiveAanwijzingInput.self))
        return try await view.encodeResponse(status: .created, for: req)
    }

    /// The optional body of a withdrawal.
    static func withdrawal(_ req: Request) throws -> WithdrawAanwijzingInput {
        guard let body = req.body.data, body.readableBytes > 0 else { return WithdrawAanwijzingInput(reason: nil) }
        return try req.decodeStrict(WithdrawAanwijzingInput.self)
    }
}

/// The pages: `/aanwijzingen` lists the register (national node) or what the region received; the
/// voorzitter acknowledges from there or from the incident page, the minister withdraws from the register.
enum AanwijzingForms {
    static func page(req: Request) async throws -> Response {
        let user = try IncidentWebController.webUser(req)
        let commands = try GovernanceCommands(req)
        let page = AanwijzingenPage(
            strings: req.strings, csrfToken: req.csrfToken, user: user, national: commands.isNational, aanwijzingen: try await commands.aanwijzingen(),
            now: commands.now)
        return .html(page.render())
    }

    struct AcknowledgeForm: Content {
        var next: String?
    }

    static func acknowledge(req: Request) async throws -> Response {
        _ = try IncidentWebController.webUser(req)
        let next = LanguageRoute.safeLocalPath(try req.content.decode(AcknowledgeForm.self).next) ?? SiteURL.aanwijzingen.path
        _ = try await GovernanceCommands(req).acknowledgeAanwijzing(try req.pathID("aanwijzing"))
        return req.redirect(to: next, redirectType: .normal)
    }

    static func withdraw(req: Request) async throws -> Response {
        _ = try IncidentWebController.webUser(req)
        _ = try await GovernanceCommands(req).withdrawAanwijzing(try req.pathID("aanwijzing"), try req.decodeForm(WithdrawAanwijzingInput.self))
        return req.redirect(to: SiteURL.aanwijzingen.path, redirectType: .normal)
    }
}
