import Fluent
import Foundation
import KnooppuntCore
import Vapor

/// The bestuurlijke netwerkkaart's page (decision 0033); its administrators' forms call the same use case
/// as the API.
struct NetworkMapWebController: RouteCollection {
    func boot(routes: RoutesBuilder) throws {
        routes.get(SiteURL.networkMap().pathComponents, use: show)
        routes.post(SiteURL.networkMap().pathComponents, use: record)
        routes.post(SiteURL.networkMap(.removal).pathComponents, use: remove)
    }

    struct RecordForm: StrictDecodable {
        var aspect: DigitalSecurityAspect
        var phase: RegionPhase
        var actor: NetworkActor
        var dutyNl: String
        var dutyEn: String
        var legalBasis: String?
        var clarity: NetworkClarity
        var source: String
        var baseVersion: Int
        enum CodingKeys: String, CodingKey, CaseIterable { case aspect, phase, actor, dutyNl, dutyEn, legalBasis, clarity, source, baseVersion }
    }

    struct RemoveForm: StrictDecodable {
        var aspect: DigitalSecurityAspect
        var phase: RegionPhase
        var actor: NetworkActor
        var baseVersion: Int
        enum CodingKeys: String, CodingKey, CaseIterable { case aspect, phase, actor, baseVersion }
    }

    func show(req: Request) async throws -> Response {
        let user = try IncidentWebController.webUser(req)
        try NetworkMaps.requireReader(user.subject)
        let phase = try (req.query[String.self, at: "fase"]).flatMap { text -> RegionPhase? in
            guard !text.isEmpty else { return nil }
            guard let phase = RegionPhase(rawValue: text) else { throw Problem.invalid("fase must be koud, lauw or warm", field: "fase") }
            return phase
        }
        let process = try (req.query[String.self, at: "proces"]).flatMap { text -> String? in
            guard !text.isEmpty else { return nil }
            guard DependencyRules.isKey(text), VitalProcesses.keys.contains(text) else {
                throw Problem.invalid("proces must be one of the vital processes", field: "proces")
            }
            return text
        }
        let map = try await NetworkMaps(db: req.db, context: req.knooppunt).view(phase: phase, process: process, for: user.subject, language: req.uiLanguage)
        let notice: String? = switch req.query[String.self, at: "gedaan"] {
        case "vastgelegd": req.uiLanguage == .nl ? "Vastgelegd (versie \(map.version))." : "Recorded (version \(map.version))."
        case "verwijderd": req.uiLanguage == .nl ? "Verwijderd (versie \(map.version)); de vorige versie blijft bewaard."
            : "Removed (version \(map.version)); the previous version is kept."
        default: nil
        }
        let page = NetworkMapPage(strings: req.strings, csrfToken: req.csrfToken, user: user, map: map, graphPhase: phase ?? .warm,
                                  mayEdit: user.role.isAdministrator, ownActor: NetworkMapPage.actor(of: user), notice: notice)
        return .html(page.render())
    }

    func record(req: Request) async throws -> Response {
        let user = try IncidentWebController.webUser(req)
        let form = try req.decodeForm(RecordForm.self)
        let record = NetworkMaps.ResponsibilityInput(aspect: form.aspect, phase: form.phase, actor: form.actor, dutyNl: form.dutyNl, dutyEn: form.dutyEn,
                                                     legalBasis: form.legalBasis, clarity: form.clarity, source: form.source)
        _ = try await NetworkMaps(db: req.db, context: req.knooppunt).change(.init(record: record, baseVersion: form.baseVersion), by: user)
        return req.redirect(to: SiteURL.networkMap().url(query: ["gedaan": "vastgelegd"]), redirectType: .normal)
    }

    func remove(req: Request) async throws -> Response {
        let user = try IncidentWebController.webUser(req)
        let form = try req.decodeForm(RemoveForm.self)
        _ = try await NetworkMaps(db: req.db, context: req.knooppunt)
            .change(.init(remove: .init(aspect: form.aspect, phase: form.phase, actor: form.actor), baseVersion: form.baseVersion), by: user)
        return req.redirect(to: SiteURL.networkMap().url(query: ["gedaan": "verwijderd"]), redirectType: .normal)
    }
}
