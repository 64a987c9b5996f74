import Fluent
import Foundation
import KnooppuntCore
import Vapor

/// The risk profile pages (decision 0028). Forms post here, work without JavaScript, and call the same
/// service and rules as the JSON API.
struct RiskWebController: RouteCollection {
    func boot(routes: RoutesBuilder) throws {
        routes.get(SiteURL.risks().pathComponents, use: profile)
        routes.post(SiteURL.risks().pathComponents, use: create)
        routes.post(SiteURL.risks(.csvImport).pathComponents, use: importCSV)
        routes.get(SiteURL.risks(.national).pathComponents, use: national)
        routes.get(SiteURL.risks(.risk(.key)).pathComponents, use: show)
        routes.post(SiteURL.risks(.risk(.key)).pathComponents, use: change)
        routes.post(SiteURL.risks(.withdrawal(.key)).pathComponents, use: withdraw)
        routes.post(SiteURL.risks(.communication(.key)).pathComponents, use: communicate)
    }

    func communicate(req: Request) async throws -> Response {
        let user = try IncidentWebController.webUser(req)
        let id = try req.pathID("risk")
        _ = try await RiskCommunication.publish(
            try req.content.decode(PublicWarningsController.WarningForm.self).request, risk: id, by: user, context: req.knooppunt, on: req.db)
        return req.redirect(to: SiteURL.risks(.risk(.value(id))).url(anchor: "risk-communication"), redirectType: .normal)
    }

    private func service(_ req: Request) -> RiskProfiles { RiskProfiles(db: req.db, context: req.knooppunt) }

    private func reader(_ req: Request) throws -> CurrentUser {
        let user = try IncidentWebController.webUser(req)
        try RiskProfiles.requireReader(user.subject)
        return user
    }

    /// The region a page is about: `?regio=`, else the reader's own region, else VR01.
    private func region(_ req: Request, _ user: CurrentUser) throws -> RegionCode {
        if let text = req.query[String.self, at: "regio"], !text.isEmpty {
            guard let region = RegionCode(text) else { throw Problem.notFound("no region with that code; use VR01 to VR25") }
            return region
        }
        return user.subject.regionCode ?? RegionCode(number: 1)
    }

    private func regionNames(_ req: Request) async throws -> [(code: String, name: String)] {
        try await RegionModel.query(on: req.db).sort(\.$id).all().map { ($0.id ?? "", $0.name) }
    }

    func profile(req: Request) async throws -> Response {
        let user = try reader(req)
        let region = try region(req, user)
        let names = try await regionNames(req)
        let page = RiskProfilePage(
            strings: req.strings, csrfToken: req.csrfToken, user: user, region: region,
            regionName: names.first { $0.code == region.rawValue }?.name ?? region.rawValue, regions: names,
            risks: try await service(req).list(region: region),
            mayKeep: req.knooppunt.configuration.role != .national && RiskProfileRules.keep(user.subject, region: region, careProfile: false).allowed,
            mayKeepCare: req.knooppunt.configuration.role != .national && RiskProfileRules.keep(user.subject, region: region, careProfile: true).allowed)
        return .html(page.render())
    }

    func show(req: Request) async throws -> Response {
        let user = try reader(req)
        let detail = try await service(req).detail(try req.pathID("risk"))
        let region = RegionCode(detail.risk.region) ?? RegionCode(number: 1)
        var communicates = false
        if detail.risk.withdrawn == nil, req.knooppunt.configuration.role != .national {
            communicates = try await RiskCommunication.verdict(user, region: region, at: req.knooppunt.clock.now(), on: req.db).decides
        }
        let page = RiskPage(
            strings: req.strings, csrfToken: req.csrfToken, user: user,
            regionName: try await RegionModel.find(region.rawValue, on: req.db)?.name ?? region.rawValue, detail: detail,
            mayKeep: req.knooppunt.configuration.role != .national
                && RiskProfileRules.keep(user.subject, region: region, careProfile: detail.risk.careProfile).allowed,
            communications: try await RiskCommunication.list(detail.risk.id, on: req.db),
            mayCommunicate: communicates)
        return .html(page.render())
    }

    func national(req: Request) async throws -> Response {
        let user = try reader(req)
        let names = Dictionary(try await regionNames(req).map { ($0.code, $0.name) }, uniquingKeysWith: { first, _ in first })
        let page = NationalRisksPage(strings: req.strings, csrfToken: req.csrfToken, user: user, rows: try await service(req).national(),
                                     regionNames: names)
        return .html(page.render())
    }

    func create(req: Request) async throws -> Response {
        let user = try IncidentWebController.webUser(req)
        guard let region = user.subject.regionCode else { throw Problem.forbidden("only a region keeps a risk profile") }
        let created = try await service(req).create(try req.decodeForm(RiskForm.self).input(), region: region, by: user)
        return req.redirect(to: SiteURL.risks(.risk(.value(created.id))).path, redirectType: .normal)
    }

    func change(req: Request) async throws -> Response {
        let user = try IncidentWebController.webUser(req)
        let id = try req.pathID("risk")
        _ = try await service(req).update(id, try req.decodeForm(RiskForm.self).input(), by: user)
        return req.redirect(to: SiteURL.risks(.risk(.value(id))).path, redirectType: .normal)
    }

    func withdraw(req: Request) async throws -> Response {
        let user = try IncidentWebController.webUser(req)
        let id = try req.pathID("risk")
        _ = try await service(req).withdraw(id, try req.decodeForm(RiskProfiles.WithdrawalInput.self), by: user)
        return req.redirect(to: SiteURL.risks(.risk(.value(id))).path, redirectType: .normal)
    }

    struct ImportForm: StrictDecodable {
        var csv: String
        enum CodingKeys: String, CodingKey, CaseIterable { case csv }
    }

    func importCSV(req: Request) async throws -> Response {
        let user = try IncidentWebController.webUser(req)
        guard let region = user.subject.regionCode else { throw Problem.forbidden("only a region keeps a risk profile") }
        _ = try await service(req).importCSV(try req.decodeForm(ImportForm.self).csv, region: region, by: user)
        return req.redirect(to: SiteURL.risks().url(anchor: "risk-list"), redirectType: .normal)
    }

    /// The page's form: a field per vital interest, capacities in one line, days as the browser's date
    /// field gives them (2027-06-30) or as pages show them (30-06-2027).
    struct RiskForm: StrictDecodable {
        var title: String?
        var scenario: String?
        var likelihood: LikelihoodClass
        var territorial: ImpactClass?
        var physical: ImpactClass?
        var ecological: ImpactClass?
        var economic: ImpactClass?
        var socialPolitical: ImpactClass?
        var internationalOrder: ImpactClass?
        var capacities: String?
        var owner: String?
        var reviewOn: String?
        var careProfile: Bool?
        var adoptedBy: String?
        var adoptedOn: String?
        var baseVersion: Int?

        enum CodingKeys: String, CodingKey, CaseIterable {
            case title, scenario, likelihood, capacities, owner, reviewOn, careProfile, adoptedBy, adoptedOn, baseVersion
            case territorial = "impact-territoriale-veiligheid"
            case physical = "impact-fysieke-veiligheid"
            case ecological = "impact-ecologische-veiligheid"
            case economic = "impact-economische-veiligheid"
            case socialPolitical = "impact-sociale-politieke-stabiliteit"
            case internationalOrder = "impact-internationale-rechtsorde"
        }

        /// 30-06-2027 → 2027-06-30; anything else as typed, for the rules to judge.
        static func day(_ text: String?) -> String {
            let text = (text ?? "").trimmingCharacters(in: .whitespaces)
            let parts = text.split(separator: "-", omittingEmptySubsequences: false)
            guard parts.count == 3, parts[0].count == 2, parts[1].count == 2, parts[2].count == 4 else { return text }
            return "\(parts[2])-\(parts[1])-\(parts[0])"
        }

        func input() -> RiskProfiles.RiskInput {
            let pairs: [(VitalInterest, ImpactClass?)] = [
                (.territorial, territorial), (.physical, physical), (.ecological, ecological), (.economic, economic),
                (.socialPolitical, socialPolitical), (.internationalOrder, internationalOrder),
            ]
            var impacts: [VitalInterest: ImpactClass] = [:]
            for (interest, impact) in pairs { if let impact { impacts[interest] = impact } }
            return RiskProfiles.RiskInput(
                title: title ?? "", scenario: scenario ?? "", likelihood: likelihood, impacts: impacts,
                capacities: (capacities ?? "").split(separator: ";").map(String.init), owner: owner ?? "", reviewOn: Self.day(reviewOn),
                careProfile: careProfile, adoptedBy: adoptedBy, adoptedOn: adoptedOn.map { Self.day($0) }, baseVersion: baseVersion)
        }
    }
}
