import Fluent
import Foundation
import KnooppuntCore
import KnooppuntInterop
import Vapor

/// CAP intake: `POST /api/v1/cap` takes in a CAP 1.2 (or 1.1) alert; the warnings taken in are
/// listed and readable as JSON and as the exact bytes received.
struct WarningsController: RouteCollection {
    static let capXML = HTTPMediaType(type: "application", subType: "cap+xml")

    func boot(routes: RoutesBuilder) throws {
        // A little above the reader's own limit, so an oversized alert gets its precise refusal.
        routes.on(.POST, "cap", body: .collect(maxSize: ByteCount(value: CAPReader.maximumBytes + 1024)), use: receive)
        routes.on(.POST, "edxl-de", body: .collect(maxSize: ByteCount(value: EDXLReader.maximumBytes + 1024)), use: receiveEnvelope)
        let warnings = routes.grouped("cap", "alerts")
        warnings.get(use: list)
        warnings.get(":warning", use: show)
        warnings.get(":warning", "original", use: original)
    }

    func receive(req: Request) async throws -> Response {
        let user = try req.requireUserExplaining()
        let decision = WarningPolicy.mayImport(user.subject)
        guard decision.allowed else { throw Problem.forbidden(decision.reason) }
        guard let type = req.headers.contentType,
              [Self.capXML, .xml, HTTPMediaType(type: "text", subType: "xml")].contains(where: { $0 == type }) else {
            throw Problem(status: .unsupportedMediaType, detail: "send the alert as application/cap+xml (CAP 1.2 XML)")
        }
        guard let buffer = req.body.data, buffer.readableBytes > 0 else {
            throw Problem.badRequest("the body is empty; send a CAP alert")
        }
        let data = Data(buffer: buffer)
        let message = try await ParsingPool.shared.run("CAP alert") { () throws -> CAPMessage in
            do throws(CAPRefusal) { return try CAPReader.read(data) } catch { throw Problem.invalid("CAP alert refused: \(error.description)") }
        }
        let outcome = try await WarningIntake(db: req.db, context: req.knooppunt).take(message, by: .init(subject: user.subject))
        let dto = try WarningDTO(outcome.warning, incidents: outcome.incidents, duplicate: outcome.duplicate)
        let response = try await dto.encodeResponse(status: outcome.duplicate ? .ok : .created, for: req)
        response.headers.replaceOrAdd(name: .location, value: "/api/v1/cap/alerts/\(dto.id)")
        return response
    }

    /// An EDXL-DE 1.0 or 2.0 envelope: every CAP alert in it is taken in as if posted on its own;
    /// other content is reported and left alone.
    func receiveEnvelope(req: Request) async throws -> EnvelopeIntakeDTO {
        let user = try req.requireUserExplaining()
        let decision = WarningPolicy.mayImport(user.subject)
        guard decision.allowed else { throw Problem.forbidden(decision.reason) }
        guard let type = req.headers.contentType, [.xml, HTTPMediaType(type: "text", subType: "xml")].contains(where: { $0 == type }) else {
            throw Problem(status: .unsupportedMediaType, detail: "send the envelope as application/xml (EDXL-DE 1.0 or 2.0)")
        }
        guard let buffer = req.body.data, buffer.readableBytes > 0 else { throw Problem.badRequest("the body is empty; send an EDXL-DE envelope") }
        let data = Data(buffer: buffer)
        let (envelope, version, messages, others) = try await ParsingPool.shared.run("EDXL-DE envelope") {
            () throws -> (EDXLEnvelope, EDXLVersion, [(Int, CAPMessage)], [EnvelopeIntakeDTO.Item]) in
            let envelope: EDXLEnvelope
            let version: EDXLVersion
            do throws(EDXLRefusal) { (envelope, version) = try EDXLReader.read(data) } catch {
                throw Problem.invalid("EDXL-DE envelope refused: \(error.description)")
            }
            // Read every alert first: one refused alert refuses the envelope, and nothing is taken in.
            var messages: [(Int, CAPMessage)] = []
            var others: [EnvelopeIntakeDTO.Item] = []
            for (index, content) in envelope.contents.enumerated() {
                if let xml = content.xml, let namespace = content.xmlNamespace, CAPVersion.allCases.contains(where: { $0.namespace == namespace }) {
                    do throws(CAPRefusal) { messages.append((index, try CAPReader.read(xml))) } catch {
                        throw Problem.invalid("EDXL-DE envelope refused: content object \(index + 1): \(error.description)")
                    }
                } else {
                    others.append(.init(index: index + 1, kind: content.xml == nil ? "non-xml" : "xml",
                                        namespace: content.xmlNamespace ?? content.mimeType, warning: nil))
                }
            }
            return (envelope, version, messages, others)
        }
        let intake = WarningIntake(db: req.db, context: req.knooppunt)
        var items = others
        for (index, message) in messages {
            let outcome = try await intake.take(message, by: .init(subject: user.subject))
            items.append(.init(index: index + 1, kind: "cap", namespace: message.version.namespace,
                               warning: try WarningDTO(outcome.warning, incidents: outcome.incidents, duplicate: outcome.duplicate)))
        }
        return EnvelopeIntakeDTO(
            distributionID: envelope.distributionID, senderID: envelope.senderID, version: version.rawValue,
            contents: items.sorted { $0.index < $1.index })
    }

    func list(req: Request) async throws -> [WarningDTO] {
        let user = try req.requireUserExplaining()
        return try await Self.visibleWarnings(req, user).warnings
    }

    func show(req: Request) async throws -> WarningDetailDTO {
        let user = try req.requireUserExplaining()
        let model = try await Self.warning(req, for: user)
        let warning = try await Self.described([model], req, user).warnings[0]
        return WarningDetailDTO(warning: warning, alert: try model.alert())
    }

    func original(req: Request) async throws -> Response {
        let user = try req.requireUserExplaining()
        let model = try await Self.warning(req, for: user)
        var headers = HTTPHeaders()
        headers.contentType = Self.capXML
        return Response(status: .ok, headers: headers, body: .init(data: model.original))
    }

    /// The received warnings as a page (registered outside /api in `configure`).
    static func page(req: Request) async throws -> Response {
        let user = try IncidentWebController.webUser(req)
        let (warnings, references) = try await visibleWarnings(req, user)
        let advisories = user.organisationKind == .region ? try await AdvisoriesController.receivedAdvisories(req) : []
        var page = ReceivedWarningsPage(strings: req.strings, csrfToken: req.csrfToken, user: user, warnings: warnings,
                                        references: references, advisories: advisories)
        let commands = try GovernanceCommands(req)
        if user.organisationKind == .region, !commands.isNational, (try? commands.requireAanwijzingReader()) != nil {
            page.aanwijzingen = try await commands.aanwijzingen()
        }
        return .html(page.render())
    }

    /// The warnings the user may read, newest first, each naming only the incidents the user may read
    /// (with their references): a hidden incident is not even hinted at.
    static func visibleWarnings(_ req: Request, _ user: CurrentUser) async throws -> (warnings: [WarningDTO], references: [UUID: String]) {
        let models = try await WarningModel.query(on: req.db).sort(\.$receivedAt, .descending).limit(500).all()
            .filter { readable($0, by: user) }
        return try await described(models, req, user)
    }

    /// Readable warnings as DTOs that name only the incidents the user may read, with their references.
    static func described(_ models: [WarningModel], _ req: Request, _ user: CurrentUser) async throws
        -> (warnings: [WarningDTO], references: [UUID: String])
    {
        let ids = Array(Set(models.flatMap(\.incidents)))
        let incidents = ids.isEmpty ? [] : try await IncidentModel.query(on: req.db).filter(\.$id ~~ ids).all()
        var references: [UUID: String] = [:]
        for incident in incidents {
            let incidentID = try incident.requireID()
            let version = try await PictureStore.currentIncidentVersion(incidentID, on: req.db)
            let answer = try await AccessService.decide(
                user.subject, .init(action: .read), incident: incidentID, scope: try IncidentAccess.scope(version),
                at: req.knooppunt.clock.now(), on: req.db)
            if answer.decision.allowed { references[incidentID] = incident.reference }
        }
        let warnings = try models.map { model in
            var dto = try WarningDTO(model, incidents: nil, duplicate: nil)
            dto.incidentIDs = dto.incidentIDs.filter { references[$0] != nil }
            return dto
        }
        return (warnings, references)
    }

    static func readable(_ model: WarningModel, by user: CurrentUser) -> Bool {
        WarningPolicy.mayRead(user.subject, publicScope: model.scope == "Public", importedBy: model.organisation).allowed
    }

    /// The warning named in the path, if the user may read it; otherwise it does not exist for them.
    static func warning(_ req: Request, for user: CurrentUser) async throws -> WarningModel {
        guard let id = req.parameters.get("warning").flatMap(UUID.init(uuidString:)) else {
            throw Problem.badRequest("the warning id must be a UUID")
        }
        guard let model = try await WarningModel.find(id, on: req.db), readable(model, by: user) else {
            throw Problem.notFound("no warning with id \(id)")
        }
        return model
    }
}

struct WarningDTO: Content {
    struct IncidentRef: Content {
        let id: UUID
        let reference: String
    }

    let id: UUID
    let identifier: String
    let sender: String
    let sent: String
    let scope: String
    let headline: String
    let capVersion: String
    /// unsigned, verified or unverifiable, and what the check found.
    let signature: String
    let signatureDetail: String
    let receivedAt: Date
    let receivedBy: String
    /// The incidents it became an entry of; on a list, their ids only.
    let incidents: [IncidentRef]?
    var incidentIDs: [UUID]
    /// On intake: true when the alert had been taken in before and nothing changed.
    let duplicate: Bool?

    init(_ model: WarningModel, incidents: [(id: UUID, reference: String)]?, duplicate: Bool?) throws {
        id = try model.requireID()
        identifier = model.identifier
        sender = model.sender
        sent = model.sent
        scope = model.scope
        headline = model.headline
        capVersion = model.capVersion
        signature = model.signature
        signatureDetail = model.signatureDetail
        receivedAt = Microseconds.date(model.receivedAt)
        receivedBy = model.receivedBy
        self.incidents = incidents?.map { IncidentRef(id: $0.id, reference: $0.reference) }
        incidentIDs = model.incidents
        self.duplicate = duplicate
    }
}

struct EnvelopeIntakeDTO: Content {
    struct Item: Content {
        /// Position of the content object in the envelope, from 1.
        let index: Int
        /// cap (taken in), xml (other XML, not taken in) or non-xml.
        let kind: String
        let namespace: String?
        let warning: WarningDTO?
    }

    let distributionID: String
    let senderID: String
    let version: String
    let contents: [Item]
}

struct WarningDetailDTO: Content {
    let warning: WarningDTO
    let alert: CAPAlert
}
