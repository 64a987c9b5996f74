import Fluent
import Foundation
import KnooppuntCore
import KnooppuntInterop
import Plot
import Vapor

/// Publishing public warnings (API), and the public channels that carry them: the Atom feed
/// `/cap/feed.xml`, each warning's CAP file `/cap/{id}.xml`, and its page `/waarschuwingen/{id}`.
/// The public channels need no login and show only published warnings of real (not exercise) incidents.
struct PublicWarningsController: RouteCollection {
    func boot(routes: RoutesBuilder) throws {
        let api = routes.grouped("api", "v1", "incidents", ":incident", "public-warnings")
        api.get(use: list)
        api.post(use: publish)
        api.post("cancel", use: cancel)
        api.get(":number", "edxl-de", use: envelope)
        routes.get(SiteURL.capFeed.pathComponents, use: feed)
        routes.get(SiteURL.capFile(.key).pathComponents, use: capFile)
        routes.get(SiteURL.publicWarning(.key).pathComponents, use: page)
        routes.get(SiteURL.incident(.key, .publicWarnings).pathComponents, use: formPage)
        routes.post(SiteURL.incident(.key, .publicWarnings).pathComponents, use: publishForm)
        routes.post(SiteURL.incident(.key, .publicWarningCancellation).pathComponents, use: cancelForm)
    }

    // MARK: Web form

    func formPage(req: Request) async throws -> Response {
        _ = try IncidentWebController.webUser(req)
        let (incident, version, user) = try await IncidentAccess.authorised(req, .read)
        let id = try incident.requireID()
        let answer = try await AccessService.decide(
            user.subject, .init(action: .recordDecision), incident: id, scope: try IncidentAccess.scope(version),
            at: req.knooppunt.clock.now(), on: req.db)
        let warnings = try await PublicWarningModel.query(on: req.db).filter(\.$incidentID == id).sort(\.$number).all().map(PublicWarningDTO.init)
        return .html(PublicWarningFormPage(
            strings: req.strings, csrfToken: req.csrfToken, user: user, incident: try IncidentView(incident, version), warnings: warnings,
            mayPublish: answer.decision.allowed).render())
    }

    struct WarningForm: Content {
        var event_nl: String, event_en: String
        var headline_nl: String, headline_en: String
        var description_nl: String?, description_en: String?
        var instruction_nl: String, instruction_en: String
        var areaDescription_nl: String?, areaDescription_en: String?
        var category: String?, responseType: String?
        var urgency: String, severity: String, certainty: String

        /// The request the form stands for: an empty pair of optional texts is none.
        var request: PublicWarningRequest {
            func texts(_ nl: String?, _ en: String?) -> PublicWarningRequest.Texts? {
                let nl = nl?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
                let en = en?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
                return nl.isEmpty && en.isEmpty ? nil : .init(nl: nl, en: en)
            }
            return PublicWarningRequest(
                event: .init(nl: event_nl, en: event_en), headline: .init(nl: headline_nl, en: headline_en),
                description: texts(description_nl, description_en), instruction: .init(nl: instruction_nl, en: instruction_en),
                areaDescription: texts(areaDescription_nl, areaDescription_en), category: category, responseType: responseType,
                urgency: urgency, severity: severity, certainty: certainty)
        }
    }

    func publishForm(req: Request) async throws -> Response {
        _ = try IncidentWebController.webUser(req)
        let (incident, _, user) = try await IncidentAccess.authorised(req, .read)
        let request = try req.content.decode(WarningForm.self).request
        try request.validate()
        let model = try await PublicWarningService(db: req.db, context: req.knooppunt).publish(request, for: try incident.requireID(), by: user.subject)
        return req.redirect(to: SiteURL.incident(.value(model.incidentID), .publicWarnings).path, redirectType: .normal)
    }

    func cancelForm(req: Request) async throws -> Response {
        _ = try IncidentWebController.webUser(req)
        let (incident, _, user) = try await IncidentAccess.authorised(req, .read)
        _ = try await PublicWarningService(db: req.db, context: req.knooppunt).cancel(incidentID: try incident.requireID(), by: user.subject)
        return req.redirect(to: SiteURL.incident(.value(try incident.requireID()), .publicWarnings).path, redirectType: .normal)
    }

    func list(req: Request) async throws -> [PublicWarningDTO] {
        let (incident, _, _) = try await IncidentAccess.authorised(req, .read)
        return try await PublicWarningModel.query(on: req.db).filter(\.$incidentID == incident.requireID()).sort(\.$number).all()
            .map(PublicWarningDTO.init)
    }

    func publish(req: Request) async throws -> Response {
        let (incident, _, user) = try await IncidentAccess.authorised(req, .read)
        let body = try req.decodeStrict(PublicWarningRequest.self)
        let model = try await PublicWarningService(db: req.db, context: req.knooppunt).publish(body, for: try incident.requireID(), by: user.subject)
        let response = try await PublicWarningDTO(model).encodeResponse(status: .created, for: req)
        response.headers.replaceOrAdd(name: .location, value: SiteURL.publicWarning(.value(try model.requireID())).path)
        return response
    }

    func cancel(req: Request) async throws -> PublicWarningDTO {
        let (incident, _, user) = try await IncidentAccess.authorised(req, .read)
        return try PublicWarningDTO(try await PublicWarningService(db: req.db, context: req.knooppunt).cancel(
            incidentID: try incident.requireID(), by: user.subject))
    }

    /// A published warning in an EDXL-DE envelope (`?version=1.0` or `2.0`, default 2.0), for systems that
    /// take their messages that way; the CAP inside is the published XML.
    func envelope(req: Request) async throws -> Response {
        let (incident, _, user) = try await IncidentAccess.authorised(req, .read)
        guard let number = req.parameters.get("number").flatMap(Int.init) else { throw Problem.badRequest("the number must be a whole number") }
        let versionText = req.query[String.self, at: "version"] ?? "2.0"
        guard let version = EDXLVersion(rawValue: versionText) else { throw Problem.invalid("'version' must be 1.0 or 2.0", field: "version") }
        guard let model = try await PublicWarningModel.query(on: req.db).filter(\.$incidentID == incident.requireID())
            .filter(\.$number == number).first() else { throw Problem.notFound("this incident has no public warning \(number)") }
        let alert = try model.alert()
        let sent = model.sent
        let expires = alert.infos.compactMap(\.expires).first ?? sent
        let envelope = EDXLEnvelope(
            distributionID: model.identifier, senderID: model.sender, dateTimeSent: sent, dateTimeExpires: expires,
            status: model.status, kind: model.msgType == "Alert" ? "Report" : model.msgType,
            confidentiality: version == .v1_0 ? "UNCLASSIFIED AND NOT SENSITIVE" : "Unclassified", language: "nl-NL",
            senderRoles: [EDXLValueList(listURN: "urn:knooppunt:organisation", values: [user.organisationCode])],
            keywords: [EDXLValueList(listURN: "urn:knooppunt:content", values: ["public-warning"])],
            contents: [EDXLContent(description: model.headline, incidentID: incident.reference, xml: model.xml)])
        var headers = HTTPHeaders()
        headers.contentType = .xml
        return Response(status: .ok, headers: headers, body: .init(data: EDXLWriter.xml(envelope, version: version)))
    }

    // MARK: Public channels

    /// Published warnings of real incidents and risk information of the regions (decision 0031), newest first.
    static func published(on db: Database) async throws -> [PublicWarningModel] {
        let warnings = try await PublicWarningModel.query(on: db).filter(\.$status == "Actual").sort(\.$publishedAt, .descending).limit(200).all()
        let risks = try await RiskCommunicationModel.query(on: db).sort(\.$publishedAt, .descending).limit(200).all().map(\.asPublicWarning)
        return Array((warnings + risks).sorted { $0.publishedAt > $1.publishedAt }.prefix(200))
    }

    func feed(req: Request) async throws -> Response {
        let warnings = try await Self.published(on: req.db)
        // Atom wants the feed's last change: the newest warning, or now for an empty feed.
        let updated = CAPTime.format(warnings.first.map { Microseconds.date($0.publishedAt) } ?? req.knooppunt.clock.now(), timeZone: .gmt)
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"nl\">\n"
        xml += "  <id>urn:knooppunt:cap-feed</id>\n  <title>Knooppunt — publieke waarschuwingen</title>\n"
        xml += "  <updated>\(updated)</updated>\n  <author><name>Knooppunt</name></author>\n"
        xml += "  <link rel=\"self\" href=\"\(SiteURL.capFeed.path)\"/>\n"
        for warning in warnings {
            let id = try warning.requireID()
            let alert = try warning.alert()
            let info = alert.info(preferring: ["nl"])
            xml += "  <entry>\n    <id>urn:knooppunt:warning:\(Markup.escape(warning.identifier))</id>\n"
            xml += "    <title>\(Markup.escape((warning.cancelledAt != nil ? "[Ingetrokken] " : "") + warning.headline))</title>\n"
            xml += "    <updated>\(Markup.escape(warning.sent))</updated>\n"
            xml += "    <summary>\(Markup.escape(info?.instruction ?? ""))</summary>\n"
            xml += "    <link rel=\"alternate\" type=\"text/html\" href=\"\(SiteURL.publicWarning(.value(id)).path)\"/>\n"
            xml += "    <link rel=\"related\" type=\"application/cap+xml\" href=\"\(SiteURL.cap(id).path)\"/>\n  </entry>\n"
        }
        xml += "</feed>\n"
        var headers = HTTPHeaders()
        headers.contentType = HTTPMediaType(type: "application", subType: "atom+xml", parameters: ["charset": "utf-8"])
        return Response(status: .ok, headers: headers, body: .init(string: xml))
    }

    func capFile(req: Request) async throws -> Response {
        let file = req.parameters.get("file") ?? ""
        guard file.hasSuffix(".xml"), let id = UUID(uuidString: String(file.dropLast(4))) else {
            throw Abort(.notFound, reason: "no such warning")
        }
        let model = try await Self.publicWarning(id, on: req.db)
        var headers = HTTPHeaders()
        headers.contentType = WarningsController.capXML
        return Response(status: .ok, headers: headers, body: .init(data: model.xml))
    }

    func page(req: Request) async throws -> Response {
        guard let id = req.parameters.get("warning").flatMap(UUID.init(uuidString:)) else { throw Abort(.notFound, reason: "no such warning") }
        let model = try await Self.publicWarning(id, on: req.db)
        return .html(PublicWarningPage(strings: req.strings, csrfToken: req.csrfToken, warning: model, alert: try model.alert()).render())
    }

    /// A warning that is public: published for a real incident. Others do not exist on these channels.
    static func publicWarning(_ id: UUID, on db: Database) async throws -> PublicWarningModel {
        if let risk = try await RiskCommunicationModel.find(id, on: db) { return risk.asPublicWarning }
        guard let model = try await PublicWarningModel.find(id, on: db), model.status == "Actual" else {
            throw Abort(.notFound, reason: "no such warning")
        }
        return model
    }
}

struct PublicWarningDTO: Content {
    var id: UUID
    var number: Int
    var identifier: String
    var sent: String
    var msgType: String
    var status: String
    var headline: String
    var cancelled: Bool
    var publishedBy: String
    var page: String
    var cap: String

    init(_ model: PublicWarningModel) throws {
        id = try model.requireID()
        number = model.number
        identifier = model.identifier
        sent = model.sent
        msgType = model.msgType
        status = model.status
        headline = model.headline
        cancelled = model.cancelledAt != nil
        publishedBy = model.publishedBy
        page = SiteURL.publicWarning(.value(id)).path
        cap = SiteURL.cap(id).path
    }
}
