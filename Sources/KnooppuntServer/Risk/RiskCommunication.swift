import Fluent
import Foundation
import KnooppuntCore
import KnooppuntInterop
import Vapor

/// Public risk information about a risk of the profile, published as CAP 1.2 outside any incident (issue 18
/// point 5, decision 0031). Stored exactly as published, served on the same feed, file and page as the public
/// warnings.
final class RiskCommunicationModel: Model, @unchecked Sendable {
    static let schema = "risk_communications"

    @ID(key: .id) var id: UUID?
    @Field(key: "risk_id") var riskID: UUID
    @Field(key: "region") var region: String
    @Field(key: "number") var number: Int
    @Field(key: "identifier") var identifier: String
    @Field(key: "sender") var sender: String
    @Field(key: "sent") var sent: String
    @Field(key: "msg_type") var msgType: String
    @Field(key: "headline") var headline: String
    @Field(key: "xml") var xml: Data
    @Field(key: "content") var content: String
    @Field(key: "published_at_us") var publishedAt: Int64
    @Field(key: "published_by") var publishedBy: String
    @Field(key: "organisation") var organisation: String

    init() {}

    /// The same shape as a public warning, for the public channels (feed, CAP file, page).
    var asPublicWarning: PublicWarningModel {
        let model = PublicWarningModel()
        model.id = id
        model.identifier = identifier
        model.sender = sender
        model.sent = sent
        model.msgType = msgType
        model.status = "Actual"
        model.headline = headline
        model.xml = xml
        model.content = content
        model.publishedAt = publishedAt
        model.publishedBy = publishedBy
        model.organisation = organisation
        model.number = number
        return model
    }
}

/// Publishing risk communication in the cold phase: the texts in Dutch and English, urgency Future or
/// Expected, by the region's bestuur — its voorzitter, or someone under a mandate for public warnings.
enum RiskCommunication {
    static let urgencies = ["Future", "Expected"]

    struct DTO: Content {
        var id: UUID
        var number: Int
        var identifier: String
        var sent: String
        var msgType: String
        var headline: String
        var publishedBy: String
        var page: String
        var cap: String

        init(_ model: RiskCommunicationModel) throws {
            id = try model.requireID()
            number = model.number
            identifier = model.identifier
            sent = model.sent
            msgType = model.msgType
            headline = model.headline
            publishedBy = model.publishedBy
            page = SiteURL.publicWarning(.value(id)).path
            cap = SiteURL.cap(id).path
        }
    }

    static func list(_ riskID: UUID, on db: Database) async throws -> [DTO] {
        try await RiskCommunicationModel.query(on: db).filter(\.$riskID == riskID).sort(\.$number).all().map(DTO.init)
    }

    /// Who may publish for `region`: the verdict of its bestuur outside an incident.
    static func verdict(_ user: CurrentUser, region: RegionCode, at now: Date, on db: Database) async throws -> AuthorityVerdict {
        guard user.organisationKind == .region, user.subject.regionCode == region else {
            return .refuse(LocalizedLabel(nl: "Alleen het bestuur van \(region) informeert over zijn risico's.",
                                          en: "Only the bestuur of \(region) informs about its risks."))
        }
        let actor = try await GovernanceDirectory.actor(for: user, on: db, at: now)
        return AuthorityPermission.decideOutsideIncident(actor, .publishPublicWarning, requester: .region, region: region, at: now)
    }

    static func publish(_ request: PublicWarningRequest, risk riskID: UUID, by user: CurrentUser, context: KnooppuntContext, on db: Database)
        async throws -> RiskCommunicationModel
    {
        guard let newest = try await RegionalRiskModel.query(on: db).filter(\.$riskID == riskID).sort(\.$version, .descending).first(),
              let region = RegionCode(newest.region)
        else { throw Problem.notFound("no risk \(riskID)") }
        guard newest.change != RiskProfiles.Change.withdrawn.rawValue else {
            throw Problem.conflict("the risk was taken out of the profile; it is not communicated any more")
        }
        let now = context.clock.now()
        switch try await verdict(user, region: region, at: now, on: db) {
        case .decide: break
        case .propose(let reason), .refuse(let reason):
            let names = try await GovernanceDirectory.Names.load(on: db)
            var problem = Problem.forbidden(
                "public risk information is published by the bestuur of \(region): its voorzitter, or someone under a mandate for public "
                    + "warnings (002:L1187-1190) — \(names.replacing(reason.en))")
            problem.dutch = "Publieke risico-informatie publiceert het bestuur van \(region): de voorzitter, of wie een mandaat voor publieke "
                + "waarschuwingen heeft — \(names.replacing(reason.nl))"
            throw problem
        }
        try request.validate()
        if let expires = request.expires, expires <= now {
            throw Problem.invalid("the risk information would expire before it is published; give a later 'expires'", field: "expires")
        }
        guard urgencies.contains(request.urgency) else {
            throw Problem.invalid("risk communication in the cold phase has urgency Future or Expected", field: "urgency")
        }
        let risk = try newest.risk()
        let regionName = try await RegionModel.find(region.rawValue, on: db)?.name ?? region.rawValue
        let senderName = "Veiligheidsregio \(regionName)"
        return try await context.write(on: db) { db in
            let previous = try await RiskCommunicationModel.query(on: db).filter(\.$riskID == riskID).sort(\.$number).all()
            let number = previous.count + 1
            let sender = PublicWarningService.sender(region.rawValue)
            func info(_ language: String, _ pick: (PublicWarningRequest.Texts) -> String) -> CAPInfo {
                var info = CAPInfo(
                    language: language, categories: [request.category ?? "Safety"], event: pick(request.event).trimmingCharacters(in: .whitespacesAndNewlines),
                    responseTypes: request.responseType.map { [$0] } ?? ["Prepare"], urgency: request.urgency, severity: request.severity,
                    certainty: request.certainty, audience: language == "nl-NL" ? "Burgers" : "Public",
                    expires: request.expires.map { CAPTime.format($0) }, senderName: senderName,
                    headline: pick(request.headline).trimmingCharacters(in: .whitespacesAndNewlines),
                    description: request.description.map(pick)?.trimmingCharacters(in: .whitespacesAndNewlines).nilIfEmpty,
                    instruction: pick(request.instruction).trimmingCharacters(in: .whitespacesAndNewlines),
                    areas: [CAPArea(areaDesc: request.areaDescription.map(pick) ?? regionName, polygons: [], circles: [])])
                info.event = info.event.isEmpty ? risk.title : info.event
                return info
            }
            let alert = CAPAlert(
                identifier: "\(sender):risico:\(riskID.uuidString.prefix(8).lowercased()):\(number)", sender: sender,
                sent: CAPTime.format(now), status: "Actual", msgType: previous.isEmpty ? "Alert" : "Update", scope: "Public",
                references: previous.isEmpty ? nil : previous.map { "\($0.sender),\($0.identifier),\($0.sent)" }.joined(separator: " "),
                incidents: nil, infos: [info("nl-NL", \.nl), info("en-US", \.en)])
            let xml = CAPWriter.xml(alert)
            do { _ = try CAPReader.read(xml) } catch let refusal as CAPRefusal {
                throw Problem.invalid("the risk information would not be valid CAP 1.2: \(refusal.description)")
            }
            let model = RiskCommunicationModel()
            model.id = NewID.next()
            model.riskID = riskID
            model.region = region.rawValue
            model.number = number
            model.identifier = alert.identifier
            model.sender = sender
            model.sent = alert.sent
            model.msgType = alert.msgType
            model.headline = alert.info(preferring: ["nl"])?.headline ?? alert.identifier
            model.xml = xml
            model.content = try CanonicalJSON.encode(alert)
            model.publishedAt = Microseconds.from(now)
            model.publishedBy = user.username
            model.organisation = user.organisationCode
            try await model.create(on: db)
            try await Journal.append(
                RiskCommunicationPublished(risk: riskID, region: region.rawValue, number: number, identifier: alert.identifier, msgType: alert.msgType),
                on: db, actor: user.username, organisation: user.organisationCode)
            return model
        }
    }
}

/// `POST/GET /api/v1/risks/{risk}/communications`.
struct RiskCommunicationController: RouteCollection {
    func boot(routes: RoutesBuilder) throws {
        routes.get("risks", ":risk", "communications", use: list)
        routes.post("risks", ":risk", "communications", use: publish)
    }

    func list(req: Request) async throws -> [RiskCommunication.DTO] {
        let user = try req.requireUserExplaining()
        try RiskProfiles.requireReader(user.subject)
        let id = try req.pathID("risk")
        guard try await RegionalRiskModel.query(on: req.db).filter(\.$riskID == id).first() != nil else { throw Problem.notFound("no risk \(id)") }
        return try await RiskCommunication.list(id, on: req.db)
    }

    func publish(req: Request) async throws -> Response {
        let user = try req.requireUserExplaining()
        let model = try await RiskCommunication.publish(
            try req.decodeStrict(PublicWarningRequest.self), risk: try req.pathID("risk"), by: user, context: req.knooppunt, on: req.db)
        let response = try await RiskCommunication.DTO(model).encodeResponse(status: .created, for: req)
        response.headers.replaceOrAdd(name: .location, value: SiteURL.publicWarning(.value(try model.requireID())).path)
        return response
    }
}
