import Fluent
import Foundation
import KnooppuntCore
import Vapor

/// Who decides how scarce capacity is allocated: the minister for national deployment, the chairs of the
/// safety regions together for supra-regional deployment.
enum AllocationAuthority: String, Codable, CaseIterable, Sendable {
    case ministerJenV = "minister-jenv"
    case voorzitters = "voorzitters-veiligheidsregio"

    var label: LocalizedLabel {
        switch self {
        case .ministerJenV: LocalizedLabel(nl: "Minister van Justitie en Veiligheid (landelijke inzet)", en: "Minister of Justice and Security (national deployment)")
        case .voorzitters: LocalizedLabel(nl: "Voorzitters veiligheidsregio (bovenregionale inzet)", en: "Chairs of the safety regions (supra-regional deployment)")
        }
    }
}

struct AllocationDecisionRequest: StrictDecodable {
    var type: String
    var authority: AllocationAuthority
    var decision: String
    var reason: String
    var priorities: [String]?
    enum CodingKeys: String, CodingKey, CaseIterable { case type, authority, decision, reason, priorities }
    func validate() throws {
        guard (1...2000).contains(decision.trimmingCharacters(in: .whitespacesAndNewlines).count) else {
            throw Problem.invalid("'decision' must say what was decided, in 1 to 2000 characters", field: "decision")
        }
        guard (1...2000).contains(reason.trimmingCharacters(in: .whitespacesAndNewlines).count) else {
            throw Problem.invalid("'reason' must say why, in 1 to 2000 characters", field: "reason")
        }
        if (priorities ?? []).count > 100 { throw Problem.invalid("at most 100 requests in 'priorities'", field: "priorities") }
    }
}

struct AllocationDecisionDTO: Content, Equatable {
    let id: UUID
    let type: String
    let authority: AllocationAuthority
    let decision: String
    let reason: String
    let priorities: [String]
    let decidedAt: Date
    let recordedBy: String
}

struct CapacityOverviewDTO: Content {
    struct Row: Content, Equatable {
        let type: String
        let holder: String
        let count: Int
        let available: Int
        let committed: Int
        let unavailable: Int
        /// The regional node that reported it (on the national node); nil for this node's own registry.
        var source: String? = nil
    }
    struct Source: Content, Equatable {
        let node: String
        let receivedAt: Date
    }
    let rows: [Row]
    let openRequests: [AssistanceRequestDTO]
    /// On the national node: open requests as the regional nodes reported them.
    var remoteRequests: [CapacitySharing.RemoteRequest] = []
    /// On the national node: each regional node's last report.
    var sources: [Source] = []
}

struct BrokerDTO: Content {
    struct Proposal: Content, Equatable {
        let capacityItem: UUID
        let holder: String
        let label: String
        let quantity: Int
        let offerable: Int
        let readinessMinutes: Int
        let distanceKm: Double?
        let etaMinutes: Int?
    }
    struct Match: Content {
        let request: AssistanceRequestDTO
        /// Still needed: asked for, minus committed and open offers.
        let needed: Int
        let proposals: [Proposal]
    }
    let matches: [Match]
    let decisions: [AllocationDecisionDTO]
}

/// `/api/v1/capacity` (registry, catalogue, CSV import, overview, broker, allocation decisions) and
/// `/api/v1/assistance-requests` with offers, commitments and releases as sub-resources.
struct CapacityController: RouteCollection {
    func boot(routes: RoutesBuilder) throws {
        let capacity = routes.grouped("capacity")
        capacity.get(use: items)
        capacity.post(use: create)
        capacity.get("types", use: types)
        capacity.post("types", use: addType)
        capacity.on(.POST, "import", body: .collect(maxSize: "2mb"), use: importCSV)
        capacity.get("overview", use: overview)
        capacity.get("broker", use: broker)
        capacity.get("allocation-decisions", use: decisions)
        capacity.post("allocation-decisions", use: decide)
        capacity.get("stream", use: stream)
        capacity.patch(":item", use: update)
        capacity.delete(":item", use: delete)

        let requests = routes.grouped("assistance-requests")
        requests.get(use: list)
        requests.post(use: request)
        let request = requests.grouped(":request")
        request.get(use: show)
        request.post("submit", use: submit)
        request.post("close", use: close)
        request.post("withdraw", use: withdraw)
        request.post("decline", use: declineRequest)
        request.post("offers", use: offer)
        request.post("proposals", use: propose)
        request.post("offers", ":offer", "confirm", use: confirmOffer)
        request.post("offers", ":offer", "withdraw", use: withdrawOffer)
        request.post("offers", ":offer", "decline", use: declineOffer)
        request.get("commitments", use: commitments)
        request.post("commitments", use: commit)
        request.post("commitments", ":commitment", "deploy", use: deploy)
        request.post("releases", use: release)
    }

    private func subject(_ req: Request) throws -> Subject { try req.requireUserExplaining().subject }
    private func capacity(_ req: Request) -> CapacityService { CapacityService(db: req.db, context: req.knooppunt) }
    private func assistance(_ req: Request) -> AssistanceService { AssistanceService(db: req.db, context: req.knooppunt) }

    static func uuid(_ req: Request, _ name: String) throws -> UUID { try req.pathID(name) }

    // MARK: Registry

    func items(req: Request) async throws -> [CapacityItemDTO] {
        try CapacityService.require(try subject(req), .read)
        return try await capacity(req).items(holder: req.query[String.self, at: "holder"], type: req.query[String.self, at: "type"])
    }

    func create(req: Request) async throws -> Response {
        let created = try await capacity(req).create(try req.decodeStrict(CapacityItemInput.self), by: try subject(req))
        return try await created.encodeResponse(status: .created, for: req)
    }

    func update(req: Request) async throws -> CapacityItemDTO {
        try await capacity(req).update(try Self.uuid(req, "item"), try req.decodeStrict(CapacityItemInput.self), by: try subject(req))
    }

    func delete(req: Request) async throws -> HTTPStatus {
        try await capacity(req).delete(try Self.uuid(req, "item"), by: try subject(req))
        return .noContent
    }

    func types(req: Request) async throws -> [CapacityTypeDTO] {
        _ = try req.requireUserExplaining()
        return try await capacity(req).types()
    }

    func addType(req: Request) async throws -> Response {
        let added = try await capacity(req).addType(try req.decodeStrict(NewCapacityType.self), by: try subject(req))
        return try await added.encodeResponse(status: .created, for: req)
    }

    func importCSV(req: Request) async throws -> CapacityService.ImportResult {
        let subject = try subject(req)
        guard let type = req.headers.contentType, type.type == "text", type.subType == "csv" else {
            throw Problem(status: .unsupportedMediaType, detail: "send the rows as text/csv")
        }
        guard let buffer = req.body.data, buffer.readableBytes > 0 else { throw Problem.badRequest("the body is empty; send CSV rows") }
        guard let text = String(data: Data(buffer: buffer), encoding: .utf8) else { throw Problem.badRequest("the CSV is not UTF-8") }
        return try await capacity(req).importCSV(text, holder: req.query[String.self, at: "holder"], by: subject)
    }

    // MARK: Overview, broker, decisions

    func overview(req: Request) async throws -> CapacityOverviewDTO {
        let subject = try subject(req)
        try CapacityService.require(subject, .read)
        return try await Self.overview(subject: subject, on: req)
    }

    /// The node's own lines and, on the national node, what the regional nodes reported.
    struct Registry {
        var local: [CapacityItemDTO]
        var remote: (capacity: [CapacitySharing.RemoteCapacity], requests: [CapacitySharing.RemoteRequest]) = ([], [])

        var allLines: [CapacityItemDTO] { local + remote.capacity.flatMap(\.lines) }

        static func load(on req: Request) async throws -> Registry {
            var registry = Registry(local: try await CapacityService(db: req.db, context: req.knooppunt).items())
            if case .national = req.knooppunt.configuration.role { registry.remote = try await CapacitySharing.remote(on: req.db) }
            return registry
        }
    }

    static func overview(subject: Subject, on req: Request) async throws -> CapacityOverviewDTO {
        try await overview(subject: subject, registry: try await Registry.load(on: req), on: req)
    }

    static func overview(subject: Subject, registry: Registry, on req: Request) async throws -> CapacityOverviewDTO {
        var totals: [String: CapacityOverviewDTO.Row] = [:]
        func add(_ items: [CapacityItemDTO], source: String?) {
            for item in items {
                let key = "\(item.type)|\(item.holder)|\(source ?? "")"
                let old = totals[key]
                totals[key] = .init(type: item.type, holder: item.holder, count: (old?.count ?? 0) + item.count,
                                    available: (old?.available ?? 0) + item.available, committed: (old?.committed ?? 0) + item.committed,
                                    unavailable: (old?.unavailable ?? 0) + item.unavailable, source: source)
            }
        }
        add(registry.local, source: nil)
        let remote = registry.remote
        for snapshot in remote.capacity { add(snapshot.lines, source: snapshot.node) }
        let rows = totals.values.sorted { ($0.type, $0.holder, $0.source ?? "") < ($1.type, $1.holder, $1.source ?? "") }
        let open = try await AssistanceService(db: req.db, context: req.knooppunt).list(openOnly: true, subject: subject)
        return CapacityOverviewDTO(rows: rows, openRequests: open, remoteRequests: remote.requests,
                                   sources: remote.capacity.map { .init(node: $0.node, receivedAt: $0.receivedAt) })
    }

    func broker(req: Request) async throws -> BrokerDTO {
        let subject = try subject(req)
        try CapacityService.require(subject, .broker)
        return try await Self.broker(subject: subject, on: req)
    }

    static func broker(subject: Subject, on req: Request) async throws -> BrokerDTO {
        let items = try await CapacityService(db: req.db, context: req.knooppunt).items()
        let requests = try await AssistanceService(db: req.db, context: req.knooppunt).list(openOnly: true, subject: subject)
        // What is already offered and not yet answered counts as spoken for.
        var pending: [UUID: Int] = [:]
        for request in requests {
            for offer in request.offers where offer.status == .open || offer.status == .proposed {
                if let item = offer.capacityItem { pending[item, default: 0] += offer.quantity }
            }
        }
        let labels = Dictionary(uniqueKeysWithValues: items.map { ($0.id, $0) })
        let matches = requests.filter { $0.status != .deployed && $0.status != .released }.map { request -> BrokerDTO.Match in
            let offered = request.offers.filter { $0.status == .open || $0.status == .proposed }.map(\.quantity).reduce(0, +)
            let needed = max(0, request.quantity - request.committedQuantity - offered)
            let candidates = items.filter { $0.type == request.type }.map { item in
                CapacityBroker.Candidate(
                    id: item.id, holder: item.holder, offerable: max(0, item.offerable - (pending[item.id] ?? 0)),
                    readinessMinutes: item.readinessMinutes, home: item.longitude.flatMap { lon in item.latitude.map { (lon, $0) } })
            }
            let location = request.longitude.flatMap { lon in request.latitude.map { (lon, $0) } }
            let proposals = CapacityBroker.proposals(needed: needed, at: location, requester: request.requester, candidates: candidates)
                .map { proposal in
                    BrokerDTO.Proposal(
                        capacityItem: proposal.candidate.id, holder: proposal.candidate.holder,
                        label: labels[proposal.candidate.id]?.label ?? "", quantity: proposal.quantity, offerable: proposal.candidate.offerable,
                        readinessMinutes: proposal.candidate.readinessMinutes,
                        distanceKm: proposal.distanceKm.map { ($0 * 10).rounded() / 10 }, etaMinutes: proposal.etaMinutes)
                }
            return BrokerDTO.Match(request: request, needed: needed, proposals: proposals)
        }
        return BrokerDTO(matches: matches, decisions: try await allocationDecisions(on: req.db))
    }

    static func allocationDecisions(on db: Database) async throws -> [AllocationDecisionDTO] {
        try await AllocationDecisionModel.query(on: db).sort(\.$decidedAt, .descending).all().map(dto)
    }

    static func dto(_ row: AllocationDecisionModel) throws -> AllocationDecisionDTO {
        AllocationDecisionDTO(
            id: try row.requireID(), type: row.typeCode, authority: AllocationAuthority(rawValue: row.authority) ?? .ministerJenV,
            decision: row.decision, reason: row.reason, priorities: (try? JSONDecoder().decode([String].self, from: Data(row.priorities.utf8))) ?? [],
            decidedAt: Microseconds.date(row.decidedAt), recordedBy: row.recordedBy)
    }

    func decisions(req: Request) async throws -> [AllocationDecisionDTO] {
        try CapacityService.require(try subject(req), .read)
        return try await Self.allocationDecisions(on: req.db)
    }

    func decide(req: Request) async throws -> Response {
        let subject = try subject(req)
        let body = try req.decodeStrict(AllocationDecisionRequest.self)
        let decided = try await Self.recordDecision(body, by: subject, on: req)
        return try await decided.encodeResponse(status: .created, for: req)
    }

    static func recordDecision(_ body: AllocationDecisionRequest, by subject: Subject, on req: Request) async throws -> AllocationDecisionDTO {
        try CapacityService.require(subject, .broker)
        let at = Microseconds.from(req.knooppunt.clock.now())
        return try await req.knooppunt.write(on: req.db) { db in
            guard try await CapacityTypeModel.query(on: db).filter(\.$code == body.type).first() != nil else {
                throw Problem.invalid("unknown capacity type '\(body.type)'", field: "type")
            }
            let priorities = (body.priorities ?? []).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            for number in priorities where try await AssistanceRequestModel.query(on: db).filter(\.$number == number).first() == nil {
                throw Problem.invalid("no assistance request \(number)", field: "priorities")
            }
            let row = AllocationDecisionModel()
            row.typeCode = body.type
            row.authority = body.authority.rawValue
            row.decision = body.decision.trimmingCharacters(in: .whitespacesAndNewlines)
            row.reason = body.reason.trimmingCharacters(in: .whitespacesAndNewlines)
            row.priorities = String(decoding: try JSONEncoder().encode(priorities), as: UTF8.self)
            row.decidedAt = at
            row.recordedBy = subject.username
            try await row.create(on: db)
            let dto = try dto(row)
            try await Journal.append(
                CapacityAllocationDecided(
                    id: dto.id, type: dto.type, authority: dto.authority.rawValue, decision: dto.decision, reason: dto.reason,
                    priorities: dto.priorities, decidedAt: dto.decidedAt, recordedBy: dto.recordedBy),
                on: db, actor: subject.username, organisation: subject.organisationCode)
            return dto
        }
    }

    /// A change signal (sequence and kind only) whenever capacity or a request changes; pages fetch again.
    func stream(req: Request) async throws -> Response {
        let user = try req.requireUserExplaining()
        try CapacityService.require(user.subject, .read)
        let clock = req.knooppunt.clock
        return LiveSelection(subject: user.subject, scope: .capacity, credential: user.tokenID, now: { clock.now() }).response(for: req)
    }

    // MARK: Requests

    func list(req: Request) async throws -> [AssistanceRequestDTO] {
        let open = try IncidentRequest.flag(req, "open") ?? false
        return try await assistance(req).list(openOnly: open, subject: try subject(req))
    }

    func show(req: Request) async throws -> AssistanceRequestDTO {
        try await assistance(req).show(try Self.uuid(req, "request"), subject: try subject(req))
    }

    func request(req: Request) async throws -> Response {
        let created = try await assistance(req).create(try req.decodeStrict(NewAssistanceRequest.self), by: try subject(req))
        let response = try await created.encodeResponse(status: .created, for: req)
        response.headers.replaceOrAdd(name: .location, value: "/api/v1/assistance-requests/\(created.id)")
        return response
    }

    func submit(req: Request) async throws -> AssistanceRequestDTO {
        try await assistance(req).submit(try Self.uuid(req, "request"), by: try subject(req))
    }

    func close(req: Request) async throws -> AssistanceRequestDTO {
        try await assistance(req).end(try Self.uuid(req, "request"), as: .closed, reason: nil, by: try subject(req))
    }

    func withdraw(req: Request) async throws -> AssistanceRequestDTO {
        let reason = req.body.data == nil ? nil : try req.decodeStrict(OptionalReasonRequest.self).reason
        return try await assistance(req).end(try Self.uuid(req, "request"), as: .withdrawn, reason: reason, by: try subject(req))
    }

    func declineRequest(req: Request) async throws -> AssistanceRequestDTO {
        let reason = try req.decodeStrict(ReasonRequest.self).reason
        return try await assistance(req).end(try Self.uuid(req, "request"), as: .declined, reason: reason, by: try subject(req))
    }

    func offer(req: Request) async throws -> Response {
        let result = try await assistance(req).offer(try Self.uuid(req, "request"), try req.decodeStrict(OfferRequest.self), by: try subject(req))
        return try await result.encodeResponse(status: .created, for: req)
    }

    func propose(req: Request) async throws -> Response {
        let result = try await assistance(req).offer(
            try Self.uuid(req, "request"), try req.decodeStrict(OfferRequest.self), by: try subject(req), proposal: true)
        return try await result.encodeResponse(status: .created, for: req)
    }

    func confirmOffer(req: Request) async throws -> AssistanceRequestDTO {
        try await assistance(req).holderAnswers(try Self.uuid(req, "request"), offer: try Self.uuid(req, "offer"), confirm: true, by: try subject(req))
    }

    func withdrawOffer(req: Request) async throws -> AssistanceRequestDTO {
        try await assistance(req).holderAnswers(try Self.uuid(req, "request"), offer: try Self.uuid(req, "offer"), confirm: false, by: try subject(req))
    }

    func declineOffer(req: Request) async throws -> AssistanceRequestDTO {
        try await assistance(req).decline(try Self.uuid(req, "request"), offer: try Self.uuid(req, "offer"), by: try subject(req))
    }

    func commitments(req: Request) async throws -> [CommitmentDTO] {
        try await show(req: req).commitments
    }

    /// Accepting an offer makes a commitment.
    func commit(req: Request) async throws -> Response {
        let body = try req.decodeStrict(AcceptRequest.self)
        let result = try await assistance(req).accept(try Self.uuid(req, "request"), offer: body.offer, by: try subject(req))
        return try await result.encodeResponse(status: .created, for: req)
    }

    func deploy(req: Request) async throws -> AssistanceRequestDTO {
        try await assistance(req).deploy(try Self.uuid(req, "request"), commitment: try Self.uuid(req, "commitment"), by: try subject(req))
    }

    func release(req: Request) async throws -> Response {
        let body = try req.decodeStrict(ReleaseRequest.self)
        let result = try await assistance(req).release(try Self.uuid(req, "request"), commitment: body.commitment, by: try subject(req))
        return try await result.encodeResponse(status: .created, for: req)
    }
}
