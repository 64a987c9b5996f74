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
        var page = AanwijzingenPage(
            strings: req.strings, csrfToken: req.csrfToken, user: user, national: commands.isNational, aanwijzingen: try await commands.aanwijzingen(),
            now: commands.now)
        page.give = try await commands.aanwijzingFormChoices()
        return .html(page.render())
    }

    struct GiveForm: Content {
        var kind: String
        var addressees: [String]?
        var incidents: [String]?
        var matters: [String]?
        var direction: String
        var legalBasis: String
        var justification: String
        var consultParty: [String]?
        var consultAt: [String]?
        var consultOutcome: [String]?
        var urgency: String?
    }

    /// The minister's form: the same rule as `POST /api/v1/aanwijzingen`; consultation moments are local
    /// (Europe/Amsterdam) date and time as the browser sends them.
    static func give(req: Request) async throws -> Response {
        _ = try IncidentWebController.webUser(req)
        let form = try req.content.decode(GiveForm.self)
        func invalid(_ field: String, _ en: String, _ nl: String) -> Problem {
            var problem = Problem.invalid(en, field: field)
            problem.dutch = nl
            return problem
        }
        guard let kind = AanwijzingKind(rawValue: form.kind) else { throw invalid("kind", "unknown kind", "Onbekende soort aanwijzing.") }
        let addressees = try (form.addressees ?? []).prefix(RegionCode.count).map { raw in
            guard let region = RegionCode(raw) else { throw invalid("addressees", "unknown region", "Onbekende regio.") }
            return region
        }
        let incidents = try (form.incidents ?? []).prefix(25).map { raw -> GiveAanwijzingInput.IncidentRef in
            let parts = raw.split(separator: "/", maxSplits: 1).map(String.init)
            guard parts.count == 2, let id = UUID(uuidString: parts[1]) else { throw invalid("incidents", "unknown incident", "Onbekend incident.") }
            return .init(node: parts[0], incident: id)
        }
        let matters = try (form.matters ?? []).prefix(GovernanceMatter.allCases.count).map { raw in
            guard let matter = GovernanceMatter(rawValue: raw) else { throw invalid("matters", "unknown matter", "Onbekend onderwerp.") }
            return matter
        }
        let local = DateFormatter()
        local.locale = Locale(identifier: "en_US_POSIX")
        local.timeZone = TimeZone(identifier: "Europe/Amsterdam")
        local.dateFormat = "yyyy-MM-dd'T'HH:mm"
        let (parties, moments, outcomes) = (form.consultParty ?? [], form.consultAt ?? [], form.consultOutcome ?? [])
        var consultation: [GiveAanwijzingInput.Consultation] = []
        for index in parties.indices.prefix(3) where !parties[index].isEmpty {
            guard let office = AuthorityOffice(code: parties[index]) else {
                throw invalid("consultation", "unknown office", "Onbekend ambt bij het overleg.")
            }
            guard index < moments.count, let at = local.date(from: moments[index]) else {
                throw invalid("consultation", "each consultation needs its date and time", "Geef bij elk overleg de datum en tijd.")
            }
            consultation.append(.init(party: OfficeCode(office), at: at, outcome: index < outcomes.count ? outcomes[index] : ""))
        }
        let input = GiveAanwijzingInput(
            kind: kind, addressees: addressees, incidents: incidents.isEmpty ? nil : incidents, matters: matters.isEmpty ? nil : matters,
            direction: form.direction, legalBasis: form.legalBasis, justification: form.justification,
            consultation: consultation.isEmpty ? nil : consultation, urgency: IncidentCommands.given(form.urgency), validFrom: nil, validUntil: nil)
        try input.validate()
        _ = try await GovernanceCommands(req).giveAanwijzing(input)
        return req.redirect(to: SiteURL.aanwijzingen.path, redirectType: .normal)
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
