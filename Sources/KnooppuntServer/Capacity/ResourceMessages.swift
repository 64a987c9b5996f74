import Fluent
import Foundation
import KnooppuntCore
import KnooppuntInterop
import Vapor

/// EDXL-RM 1.0 in and out for assistance requests. A RequestResource becomes a request of the importing
/// organisation; a CommitResource an offer from the party it names on the request it answers; a
/// ReleaseResource releases what that offer committed. Every message is kept byte for byte with what
/// became of it; a message answering a request this node does not know is kept and reported as such.
struct ResourceMessages: Sendable {
    let db: Database
    let context: KnooppuntContext

    static let typeList = "urn:knooppunt:capacity-type"

    struct IntakeDTO: Content {
        let messageID: String
        let kind: RMKind
        /// The request it created or answered, when there is one here.
        let request: UUID?
        let number: String?
        let outcome: String
        let duplicate: Bool
    }

    /// The catalogue type for a message's resource: Knooppunt's own list, else a name match, else "overig".
    private func type(of resource: RMResource?) async throws -> (code: String, note: String) {
        guard let resource else { return ("overig", "") }
        let types = try await CapacityTypeModel.query(on: db).all()
        if resource.typeListURN == Self.typeList, let value = resource.typeValue, types.contains(where: { $0.code == value }) {
            return (value, "")
        }
        let text = (resource.typeText ?? resource.typeValue ?? resource.name ?? "").lowercased()
        if let match = types.first(where: { $0.code == text || $0.nameNL.lowercased() == text || $0.nameEN.lowercased() == text }) {
            return (match.code, "")
        }
        return ("overig", resource.typeDescription)
    }

    func take(_ data: Data, by subject: Subject) async throws -> IntakeDTO {
        // Every message kind is taken in for the sender's own organisation as requester (a request, or
        // answers to its requests): whoever may not do that is refused before a byte is parsed.
        try CapacityService.require(subject, .request(requester: subject.organisationCode))
        let message = try await ParsingPool.shared.run("EDXL-RM message") { () throws -> RMMessage in
            do throws(EDXLRefusal) { return try RMReader.read(data) } catch { throw Problem.invalid("EDXL-RM message refused: \(error.description)") }
        }
        guard !message.messageID.isEmpty else { throw Problem.invalid("EDXL-RM message refused: it has no MessageID") }
        if let known = try await ResourceMessageModel.query(on: db).filter(\.$messageID == message.messageID)
            .filter(\.$kind == message.kind.rawValue).first()
        {
            var request: AssistanceRequestModel? = nil
            if let id = known.requestID { request = try await AssistanceRequestModel.find(id, on: db) }
            return IntakeDTO(messageID: message.messageID, kind: message.kind, request: known.requestID, number: request?.number,
                             outcome: known.outcome, duplicate: true)
        }
        let result: (request: AssistanceRequestModel?, outcome: String)
        switch message.kind {
        case .requestResource: result = try await request(message, by: subject)
        case .commitResource: result = try await commitment(message, by: subject)
        case .releaseResource: result = try await release(message, by: subject)
        }
        let at = Microseconds.from(context.clock.now())
        let requestID = try result.request?.requireID()
        try await context.write(on: db) { db in
            let row = ResourceMessageModel()
            row.messageID = message.messageID
            row.kind = message.kind.rawValue
            row.original = data
            row.receivedAt = at
            row.receivedBy = subject.username
            row.requestID = requestID
            row.outcome = result.outcome
            try await row.create(on: db)
            try await Journal.append(
                AssistanceRmReceived(message: message.messageID, kind: message.kind.rawValue, outcome: result.outcome), on: db,
                actor: subject.username, organisation: subject.organisationCode)
        }
        return IntakeDTO(messageID: message.messageID, kind: message.kind, request: requestID, number: result.request?.number,
                         outcome: result.outcome, duplicate: false)
    }

    private func request(_ message: RMMessage, by subject: Subject) async throws -> (AssistanceRequestModel?, String) {
        let first = message.resources.first
        let (code, note) = try await type(of: first)
        let quantity = message.totalQuantity
        guard (1...1000).contains(quantity) else { throw Problem.invalid("EDXL-RM request refused: it asks for \(quantity) units; 1 to 1000 are taken in") }
        let location = first?.locationText ?? message.contactLocation ?? "niet opgegeven"
        let from = first?.scheduleTime.flatMap(RFC3339.parse)
        let reason = message.description ?? "EDXL-RM \(message.kind.rawValue) \(message.messageID)"
            + (message.contactDescription.map { " van \($0)" } ?? "") + (message.incidentID.map { ", incident \($0)" } ?? "")
        // Bijstand follows authority (decision 0020): a sender without it has its request kept as a draft
        // for the region's bestuur to submit, never dropped.
        let service = AssistanceService(db: db, context: context)
        let verdict = try await service.submission(incident: nil, by: subject)
        let created = try await service.create(
            .init(type: code, typeNote: note, quantity: quantity, incident: nil, locationText: String(location.prefix(300)), longitude: nil,
                  latitude: nil, from: from, until: nil, reason: String(reason.prefix(2000)), submit: verdict.decides),
            by: subject, externalRequester: message.contactDescription, rmMessageID: message.messageID)
        let model = try await AssistanceRequestModel.find(created.id, on: db)
        var outcome = "request \(created.number): \(quantity) × \(code)" + (note.isEmpty ? "" : " (\(note))")
        switch verdict {
        case .decide: break
        case .propose(let reason), .refuse(let reason):
            outcome += "; kept as a draft for the competent authority to submit: "
                + (try await GovernanceDirectory.Names.load(on: db)).replacing(reason.en)
        }
        return (model, outcome)
    }

    private func answered(_ message: RMMessage) async throws -> AssistanceRequestModel? {
        try await AssistanceRequestModel.query(on: db).filter(\.$rmMessageID == message.originatingMessageID).first()
    }

    private func commitment(_ message: RMMessage, by subject: Subject) async throws -> (AssistanceRequestModel?, String) {
        guard let request = try await answered(message) else {
            try CapacityService.require(subject, .request(requester: subject.organisationCode))
            return (nil, "kept: it answers \(message.originatingMessageID), a request not known on this node")
        }
        try CapacityService.require(subject, .actAsRequester(request.requester))
        let accepted = message.resources.filter { ($0.responseType ?? "Accept") == "Accept" }
        guard !accepted.isEmpty else { return (request, "kept: \(message.contactDescription ?? "the sender") declines \(request.number)") }
        let quantity = accepted.map { $0.quantity ?? 1 }.reduce(0, +)
        let at = Microseconds.from(context.clock.now())
        let holder = String((message.contactDescription ?? "extern").prefix(120))
        let names = accepted.compactMap { $0.name ?? $0.resourceID }.joined(separator: ", ")
        let requestID = try request.requireID()
        _ = try await context.write(on: db) { db in
            guard let current = try await AssistanceRequestModel.find(requestID, on: db), current.ending == nil else {
                throw Problem.conflict("request \(request.number) has ended; the commitment is not taken in")
            }
            let offer = AssistanceOfferModel()
            offer.requestID = requestID
            offer.holder = holder
            offer.capacityItemID = nil
            offer.quantity = quantity
            offer.note = "EDXL-RM \(message.messageID)" + (names.isEmpty ? "" : ": \(names)")
            offer.status = OfferStatus.open.rawValue
            offer.createdAt = at
            offer.createdBy = subject.username
            offer.updatedAt = at
            offer.rmMessageID = message.messageID
            try await offer.create(on: db)
            try await AssistanceService.derive(current, at: at, on: db)
            try await Journal.append(
                AssistanceOffered(AssistancePayload(
                    request: requestID, number: current.number, status: current.status,
                    detail: "\(quantity) from \(holder) by EDXL-RM \(message.messageID)")),
                on: db, actor: subject.username, organisation: subject.organisationCode, incident: current.incidentID)
        }
        return (request, "offer of \(quantity) from \(holder) on \(request.number); the requester accepts it")
    }

    private func release(_ message: RMMessage, by subject: Subject) async throws -> (AssistanceRequestModel?, String) {
        guard let request = try await answered(message) else {
            try CapacityService.require(subject, .request(requester: subject.organisationCode))
            return (nil, "kept: it releases resources of \(message.originatingMessageID), a request not known on this node")
        }
        let requestID = try request.requireID()
        let offers = try await AssistanceOfferModel.query(on: db).filter(\.$requestID == requestID).all()
        let released = try await AssistanceCommitmentModel.query(on: db).filter(\.$requestID == requestID)
            .filter(\.$status != CommitmentStatus.released.rawValue).all().filter { commitment in
                guard let preceding = message.precedingMessageID else { return true }
                return commitment.rmMessageID == preceding || offers.contains { $0.id == commitment.offerID && $0.rmMessageID == preceding }
            }
        guard !released.isEmpty else { return (request, "kept: nothing of \(request.number) is committed under \(message.precedingMessageID ?? "it")") }
        var last: AssistanceRequestDTO?
        for commitment in released {
            last = try await AssistanceService(db: db, context: context).release(requestID, commitment: try commitment.requireID(), by: subject)
        }
        return (request, "\(released.count) commitment(s) of \(request.number) released; it is \(last?.status.rawValue ?? request.status)")
    }

    // MARK: Export

    private func contact(_ code: String) async throws -> String {
        try await OrganisationModel.query(on: db).filter(\.$code == code).first()?.name ?? code
    }

    /// The incident's reference, only for a reader who may read that incident.
    private func incidentReference(_ request: AssistanceRequestModel, for subject: Subject) async throws -> String? {
        guard let id = request.incidentID,
              try await AssistanceService(db: db, context: context).mayRead(incident: id, subject) else { return nil }
        return try await IncidentModel.read(id, on: db)?.reference
    }

    func requestMessage(_ request: AssistanceRequestModel, for subject: Subject) async throws -> RMMessage {
        let type = try await CapacityTypeModel.query(on: db).filter(\.$code == request.typeCode).first()
        let incident = try await incidentReference(request, for: subject)
        let requester = try await contact(request.requester)
        return RMMessage(
            kind: .requestResource, messageID: request.rmMessageID, sent: CAPTime.format(Microseconds.date(request.createdAt)),
            description: request.reason, originatingMessageID: request.rmMessageID, incidentID: incident,
            contactDescription: request.externalRequester ?? requester, contactRole: "Requester",
            resources: [RMResource(
                elementID: "1", name: type?.nameNL ?? request.typeCode, typeListURN: Self.typeList, typeValue: request.typeCode,
                typeText: request.typeNote.isEmpty ? nil : request.typeNote, quantity: request.quantity, scheduleType: "RequestedArrival",
                scheduleTime: CAPTime.format(Microseconds.date(request.from)), locationText: request.locationText)])
    }

    func commitmentMessage(_ commitment: AssistanceCommitmentModel, of request: AssistanceRequestModel, release: Bool,
                           for subject: Subject) async throws -> RMMessage {
        var item: CapacityItemModel? = nil
        if let id = commitment.capacityItemID { item = try await CapacityItemModel.find(id, on: db) }
        let sent = release ? commitment.releasedAt : commitment.committedAt
        let incident = try await incidentReference(request, for: subject)
        let party = try await contact(release ? request.requester : commitment.holder)
        return RMMessage(
            kind: release ? .releaseResource : .commitResource,
            messageID: release ? commitment.rmMessageID.replacingOccurrences(of: "toezegging", with: "vrijgave") : commitment.rmMessageID,
            sent: CAPTime.format(Microseconds.date(sent ?? commitment.committedAt)), originatingMessageID: request.rmMessageID,
            precedingMessageID: release ? commitment.rmMessageID : request.rmMessageID, incidentID: incident,
            contactDescription: party, contactRole: release ? "Requester" : "Owner",
            resources: [RMResource(
                elementID: "1", precedingElementID: "1", responseType: "Accept",
                name: item.map { "\($0.typeCode) — \($0.label)" } ?? request.typeCode, typeListURN: Self.typeList, typeValue: request.typeCode,
                quantity: commitment.quantity, scheduleType: release ? "ActualReturnDeparture" : "Committed",
                scheduleTime: sent.map { CAPTime.format(Microseconds.date($0)) }, locationText: request.locationText)])
    }
}

/// `POST /api/v1/edxl-rm` and the EDXL-RM views of requests and commitments.
struct ResourceMessagesController: RouteCollection {
    func boot(routes: RoutesBuilder) throws {
        routes.on(.POST, "edxl-rm", body: .collect(maxSize: ByteCount(value: RMReader.maximumBytes + 1024)), use: receive)
        routes.get("assistance-requests", ":request", "edxl-rm", use: requestMessage)
        routes.get("assistance-requests", ":request", "commitments", ":commitment", "edxl-rm", use: commitmentMessage)
    }

    func receive(req: Request) async throws -> Response {
        let user = try req.requireUserExplaining()
        guard let type = req.headers.contentType, [.xml, HTTPMediaType(type: "text", subType: "xml")].contains(where: { $0 == type }) else {
            throw Problem(status: .unsupportedMediaType, detail: "send the EDXL-RM message as application/xml")
        }
        guard let buffer = req.body.data, buffer.readableBytes > 0 else { throw Problem.badRequest("the body is empty; send an EDXL-RM message") }
        let result = try await ResourceMessages(db: req.db, context: req.knooppunt).take(Data(buffer: buffer), by: user.subject)
        return try await result.encodeResponse(status: result.duplicate ? .ok : (result.request == nil ? .accepted : .created), for: req)
    }

    private static func xml(_ message: RMMessage, name: String) -> Response {
        var headers = HTTPHeaders()
        headers.contentType = .xml
        headers.replaceOrAdd(name: .contentDisposition, value: "inline; filename=\"\(name).xml\"")
        return Response(status: .ok, headers: headers, body: .init(data: RMWriter.xml(message)))
    }

    private func readable(_ req: Request) async throws -> (AssistanceRequestModel, Subject) {
        let user = try req.requireUserExplaining()
        let dto = try await AssistanceService(db: req.db, context: req.knooppunt).show(try CapacityController.uuid(req, "request"), subject: user.subject)
        guard let model = try await AssistanceRequestModel.find(dto.id, on: req.db) else { throw Problem.notFound("no assistance request") }
        return (model, user.subject)
    }

    func requestMessage(req: Request) async throws -> Response {
        let (request, subject) = try await readable(req)
        return Self.xml(try await ResourceMessages(db: req.db, context: req.knooppunt).requestMessage(request, for: subject), name: request.number)
    }

    /// `?kind=release` for the ReleaseResource of a released commitment; a CommitResource otherwise.
    func commitmentMessage(req: Request) async throws -> Response {
        let (request, subject) = try await readable(req)
        let id = try CapacityController.uuid(req, "commitment")
        guard let commitment = try await AssistanceCommitmentModel.find(id, on: req.db), commitment.requestID == request.id else {
            throw Problem.notFound("no commitment \(id) for request \(request.number)")
        }
        let release = req.query[String.self, at: "kind"] == "release"
        if release && commitment.status != CommitmentStatus.released.rawValue {
            throw Problem.conflict("the commitment is not released; there is no ReleaseResource yet")
        }
        let message = try await ResourceMessages(db: req.db, context: req.knooppunt).commitmentMessage(commitment, of: request, release: release, for: subject)
        return Self.xml(message, name: "\(request.number)-\(release ? "vrijgave" : "toezegging")")
    }
}
