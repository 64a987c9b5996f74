import Fluent
import Foundation
import KnooppuntCore
import KnooppuntInterop
import Vapor

/// The risk picture pages (decision 0029). Forms post here, work without JavaScript, and call the same use
/// cases as the JSON API.
struct RiskPictureWebController: RouteCollection {
    func boot(routes: RoutesBuilder) throws {
        routes.get(SiteURL.riskPictures().pathComponents, use: list)
        routes.post(SiteURL.riskPictures().pathComponents, use: open)
        routes.get(SiteURL.riskPictures(.picture(.key)).pathComponents, use: show)
        routes.post(SiteURL.riskPictures(.effects(.key)).pathComponents, use: addEffect)
        routes.post(SiteURL.riskPictures(.admission(.key, effect: .key)).pathComponents, use: admit)
        routes.post(SiteURL.riskPictures(.rules(.key)).pathComponents, use: addRule)
        routes.post(SiteURL.riskPictures(.acknowledgement(.key, signal: .key)).pathComponents, use: acknowledge)
        routes.post(SiteURL.riskPictures(.escalation(.key)).pathComponents, use: escalate)
        routes.post(SiteURL.riskPictures(.closure(.key)).pathComponents, use: close)
    }

    private func pictures(_ req: Request) throws -> RiskPictures {
        RiskPictures(user: try IncidentWebController.webUser(req), db: req.db, context: req.knooppunt)
    }

    private func back(_ req: Request, _ id: UUID, anchor: String? = nil) -> Response {
        req.redirect(to: SiteURL.riskPictures(.picture(.value(id))).url(anchor: anchor), redirectType: .normal)
    }

    func list(req: Request) async throws -> Response {
        let service = try pictures(req)
        let user = service.user
        var found: [RiskPictures.PictureDTO] = []
        var region: (code: String, name: String, phase: RegionPhase)?
        var partnerChoices: [(code: String, name: String, profile: CollaborationProfile)] = []
        var riskChoices: [(id: UUID, title: String)] = []
        var mayOpen = false
        if let own = user.subject.regionCode, user.organisationKind == .region {
            found = try await service.list(region: own)
            let phase = try await RegionPhases.current(.region(own), on: req.db).flatMap { RegionPhase(rawValue: $0.phase) } ?? .unrecorded
            region = (own.rawValue, try await RegionModel.find(own.rawValue, on: req.db)?.name ?? own.rawValue, phase)
            mayOpen = RiskPictureRules.keep(user.subject, region: own).allowed
            if mayOpen {
                let now = req.knooppunt.clock.now()
                let names = try await OrganisationModel.query(on: req.db).all()
                for entry in try await PartnerStore(db: req.db, context: req.knooppunt).all() {
                    let code = entry.registration.organisationCode
                    guard let profile = entry.registration.standing(in: [own], at: now).max(by: { $0.rightsRank < $1.rightsRank }) else { continue }
                    partnerChoices.append((code, names.first { $0.code == code }?.name ?? code, profile))
                }
                partnerChoices.sort { $0.name < $1.name }
                riskChoices = try await RiskProfiles(db: req.db, context: req.knooppunt).current(region: own).map { (try $0.0.riskID, $0.1.title) }
            }
        } else {
            // A partner: every picture it is invited to; the national node: what the regions share.
            for row in try await RiskPictureModel.query(on: req.db).sort(\.$createdAt, .descending).all() {
                if let picture = try? await service.show(try row.requireID()) { found.append(picture) }
            }
        }
        var page = RiskPictureListPage(
            strings: req.strings, csrfToken: req.csrfToken, user: user, pictures: found, region: region, partnerChoices: partnerChoices,
            riskChoices: riskChoices, mayOpen: mayOpen)
        if mayOpen, let text = req.query[String.self, at: "advies"], let id = UUID(uuidString: text),
           let advisory = try await AdvisoryModel.find(id, on: req.db), advisory.kind == "risk", advisory.origin != "self" {
            page.advisory = (advisory.title, "Risicobericht van KCR2: " + advisory.text)
        }
        return .html(page.render())
    }

    func show(req: Request) async throws -> Response {
        let service = try pictures(req)
        let picture = try await service.show(try req.pathID("picture"))
        let codes = Set(picture.partners.map(\.code) + picture.effects.map(\.authorOrganisation))
        let names = Dictionary(try await OrganisationModel.query(on: req.db).filter(\.$code ~~ Array(codes)).all().map { ($0.code, $0.name) },
                               uniquingKeysWith: { first, _ in first })
        return .html(RiskPicturePage(strings: req.strings, csrfToken: req.csrfToken, user: service.user, picture: picture, themeNames: names).render())
    }

    /// The open form: a picture's fields, the area as GeoJSON text, times as a person types them.
    struct PictureForm: StrictDecodable {
        var title: String
        var kind: ThreatKind
        var description: String
        var expectedFrom: Date
        var expectedUntil: Date
        var partners: [String]?
        var risks: [UUID]?
        var phaseReason: String?
        var area: String?
        enum CodingKeys: String, CodingKey, CaseIterable { case title, kind, description, expectedFrom, expectedUntil, partners, risks, phaseReason, area }

        func input() throws -> RiskPictures.PictureInput {
            var area: JSONValue?
            if let text = self.area?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty {
                guard text.utf8.count <= 200_000, let value = try? JSONDecoder().decode(JSONValue.self, from: Data(text.utf8)) else {
                    var problem = Problem.invalid("the area is not GeoJSON", field: "area")
                    problem.dutch = "Het gebied is geen GeoJSON."
                    throw problem
                }
                area = value
            }
            return RiskPictures.PictureInput(
                title: title, kind: kind, description: description, expectedFrom: expectedFrom, expectedUntil: expectedUntil, area: area,
                risks: risks, partners: partners, baseVersion: nil, phaseReason: phaseReason)
        }
    }

    func open(req: Request) async throws -> Response {
        let service = try pictures(req)
        guard let region = service.user.subject.regionCode else { throw Problem.forbidden("only a region opens risk pictures") }
        let opened = try await service.open(try req.decodeForm(PictureForm.self).input(), region: region)
        return back(req, opened.id)
    }

    func addEffect(req: Request) async throws -> Response {
        let id = try req.pathID("picture")
        _ = try await pictures(req).addEffect(to: id, try req.decodeForm(RiskPictures.EffectInput.self))
        return back(req, id, anchor: "picture-effects")
    }

    func admit(req: Request) async throws -> Response {
        let id = try req.pathID("picture")
        _ = try await pictures(req).admit(try req.pathID("effect"), in: id)
        return back(req, id, anchor: "picture-effects")
    }

    func addRule(req: Request) async throws -> Response {
        let id = try req.pathID("picture")
        _ = try await pictures(req).addRule(to: id, try req.decodeForm(RiskMonitoring.RuleInput.self))
        return back(req, id, anchor: "picture-context")
    }

    func acknowledge(req: Request) async throws -> Response {
        let id = try req.pathID("picture")
        _ = try await pictures(req).acknowledge(try req.pathID("signal"), in: id)
        return back(req, id, anchor: "picture-signals")
    }

    func escalate(req: Request) async throws -> Response {
        let escalated = try await pictures(req).escalate(try req.pathID("picture"), try req.decodeForm(RiskPictures.EscalationInput.self))
        return req.redirect(to: SiteURL.incident(.value(escalated.incident)).path, redirectType: .normal)
    }

    func close(req: Request) async throws -> Response {
        let id = try req.pathID("picture")
        _ = try await pictures(req).close(id, try req.decodeForm(RiskPictures.ClosureInput.self))
        return back(req, id)
    }
}
