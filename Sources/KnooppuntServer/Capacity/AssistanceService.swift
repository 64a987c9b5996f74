import Fluent
import Foundation
import KnooppuntCore
import Vapor

struct NewAssistanceRequest: StrictDecodable {
    var type: String
    var typeNote: String?
    var quantity: Int
    var incident: UUID?
    var locationText: String
    var longitude: Double?
    var latitude: Double?
    var from: Date?
    var until: Date?
    var reason: String
    /// false keeps it as a draft.
    var submit: Bool?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case type, typeNote, quantity, incident, locationText, longitude, latitude, from, until, reason, submit
    }

    func validate() throws {
        guard (1...1000).contains(quantity) else { throw Problem.invalid("'quantity' must be 1 to 1000", field: "quantity") }
        guard (1...300).contains(locationText.trimmingCharacters(in: .whitespacesAndNewlines).count) else {
            throw Problem.invalid("'locationText' must say where, in 1 to 300 characters", field: "locationText")
        }
        guard (1...2000).contains(reason.trimmingCharacters(in: .whitespacesAndNewlines).count) else {
            throw Problem.invalid("'reason' must say why, in 1 to 2000 characters", field: "reason")
        }
        if (typeNote ?? "").count > 300 { throw Problem.invalid("'typeNote' is longer than 300 characters", field: "typeNote") }
        if let from, let until, until <= from { throw Problem.invalid("'until' must be after 'from'", field: "until") }
        if (longitude == nil) != (latitude == nil) { throw Problem.invalid("give both longitude and latitude, or neither", field: "longitude") }
        if let longitude, let latitude, !(-180...180).contains(longitude) || !(-90...90).contains(latitude) {
            throw Problem.invalid("longitude must be -180 to 180 and latitude -90 to 90", field: "longitude")
        }
    }
}

struct OfferRequest: StrictDecodable {
    var capacityItem: UUID
    var quantity: Int
    var note: String?
    enum CodingKeys: String, CodingKey, CaseIterable { case capacityItem, quantity, note }
    func validate() throws {
        guard (1...1000).contains(quantity) else { throw Problem.invalid("'quantity' must be 1 to 1000", field: "quantity") }
        if (note ?? "").count > 1000 { throw Problem.invalid("'note' is longer than 1000 characters", field: "note") }
    }
}

struct AcceptRequest: StrictDecodable {
    var offer: UUID
    enum CodingKeys: String, CodingKey, CaseIterable { case offer }
}

struct ReleaseRequest: StrictDecodable {
    var commitment: UUID
    enum CodingKeys: String, CodingKey, CaseIterable { case commitment }
}

/// Withdrawing may say why.
struct OptionalReasonRequest: StrictDecodable {
    var reason: String?
    enum CodingKeys: String, CodingKey, CaseIterable { case reason }
    func validate() throws {
        if (reason ?? "").count > 2000 { throw Problem.invalid("'reason' is longer than 2000 characters", field: "reason") }
    }
}

struct ReasonRequest: StrictDecodable {
    var reason: String
    enum CodingKeys: String, CodingKey, CaseIterable { case reason }
    func validate() throws {
        guard (1...2000).contains(reason.trimmingCharacters(in: .whitespacesAndNewlines).count) else {
            throw Problem.invalid("'reason' must say why, in 1 to 2000 characters", field: "reason")
        }
    }
}

struct OfferDTO: Content, Equatable {
    let id: UUID
    let holder: String
    let capacityItem: UUID?
    let label: String?
    let quantity: Int
    let note: String
    let status: OfferStatus
    let createdAt: Date
    let createdBy: String
}

struct CommitmentDTO: Content, Equatable {
    let id: UUID
    let offer: UUID
    let holder: String
    let capacityItem: UUID?
    let quantity: Int
    let status: CommitmentStatus
    let committedAt: Date
    let committedBy: String
    let deployedAt: Date?
    let releasedAt: Date?
}

struct AssistanceRequestDTO: Content, Equatable {
    let id: UUID
    let number: String
    let requester: String
    let externalRequester: String?
    /// Shown only to those who may read the incident.
    var incident: UUID?
    let type: String
    let typeNote: String
    let quantity: Int
    let committedQuantity: Int
    let locationText: String
    let longitude: Double?
    let latitude: Double?
    let from: Date
    let until: Date?
    let reason: String
    let status: AssistanceStatus
    let createdAt: Date
    let createdBy: String
    let updatedAt: Date
    let offers: [OfferDTO]
    let commitments: [CommitmentDTO]
}

/// Assistance (bijstand) requests through their lifecycle. Every step is one write, journaled with who
/// and when; the request's status is derived again in that write from its offers and commitments.
/// Commitments are checked against what the registry line has available inside the write, and writes
/// are serialised, so concurrent acceptances can never commit more than there is.
struct AssistanceService: Sendable {
    let db: Database
    let context: KnooppuntContext

    private var now: Int64 { Microseconds.from(context.clock.now()) }

    // MARK: Reading

    func dto(_ request: AssistanceRequestModel, on db: Database) async throws -> AssistanceRequestDTO {
        let id = try request.requireID()
        let offers = try await AssistanceOfferModel.query(on: db).filter(\.$requestID == id).sort(\.$createdAt).all()
        let commitments = try await AssistanceCommitmentModel.query(on: db).filter(\.$requestID == id).sort(\.$committedAt).all()
        let items = Dictionary(uniqueKeysWithValues: try await CapacityItemModel.query(on: db)
            .filter(\.$id ~~ offers.compactMap(\.capacityItemID)).all().map { (try $0.requireID(), $0.label) })
        let point = request.location.flatMap(CapacityService.point)
        return AssistanceRequestDTO(
            id: id, number: request.number, requester: request.requester, externalRequester: request.externalRequester,
            incident: request.incidentID, type: request.typeCode, typeNote: request.typeNote, quantity: request.quantity,
            committedQuantity: commitments.filter { $0.status != CommitmentStatus.released.rawValue }.map(\.quantity).reduce(0, +),
            locationText: request.locationText, longitude: point?.0, latitude: point?.1, from: Microseconds.date(request.from),
            until: request.until.map(Microseconds.date), reason: request.reason,
            status: AssistanceStatus(rawValue: request.status) ?? .requested, createdAt: Microseconds.date(request.createdAt),
            createdBy: request.createdBy, updatedAt: Microseconds.date(request.updatedAt),
            offers: try offers.map { offer in
                OfferDTO(id: try offer.requireID(), holder: offer.holder, capacityItem: offer.capacityItemID,
                         label: offer.capacityItemID.flatMap { items[$0] }, quantity: offer.quantity, note: offer.note,
                         status: OfferStatus(rawValue: offer.status) ?? .open, createdAt: Microseconds.date(offer.createdAt),
                         createdBy: offer.createdBy)
            },
            commitments: try commitments.map { commitment in
                CommitmentDTO(id: try commitment.requireID(), offer: commitment.offerID, holder: commitment.holder,
                              capacityItem: commitment.capacityItemID, quantity: commitment.quantity,
                              status: CommitmentStatus(rawValue: commitment.status) ?? .committed,
                              committedAt: Microseconds.date(commitment.committedAt), committedBy: commitment.committedBy,
                              deployedAt: commitment.deployedAt.map(Microseconds.date), releasedAt: commitment.releasedAt.map(Microseconds.date))
            })
    }

    /// The request as `subject` may see it: which incident it is for only when they may read that incident.
    private func visible(_ dto: AssistanceRequestDTO, to subject: Subject) async throws -> AssistanceRequestDTO {
        guard let incident = dto.incident else { return dto }
        var shown = dto
        if !(try await mayRead(incident: incident, subject)) { shown.incident = nil }
        return shown
    }

    /// Whether `subject` may read the incident a request is for (the access policy decides).
    func mayRead(incident: UUID, _ subject: Subject) async throws -> Bool {
        guard let version = try? await PictureStore.currentIncidentVersion(incident, on: db) else { return false }
        let answer = try await AccessService.decide(
            subject, .init(action: .read), incident: incident, scope: try IncidentAccess.scope(version), at: context.clock.now(), on: db)
        return answer.decision.allowed
    }

    func list(openOnly: Bool = false, subject: Subject) async throws -> [AssistanceRequestDTO] {
        try CapacityService.require(subject, .read)
        var result: [AssistanceRequestDTO] = []
        for request in try await AssistanceRequestModel.query(on: db).sort(\.$createdAt, .descending).all() {
            let dto = try await visible(try await dto(request, on: db), to: subject)
            if openOnly && !dto.status.isOpen { continue }
            // Drafts are the requester's own until submitted.
            if dto.status == .draft && dto.requester != subject.organisationCode { continue }
            result.append(dto)
        }
        return result
    }

    func show(_ id: UUID, subject: Subject) async throws -> AssistanceRequestDTO {
        try CapacityService.require(subject, .read)
        guard let request = try await AssistanceRequestModel.find(id, on: db),
              request.submitted || request.requester == subject.organisationCode
        else { throw Problem.notFound("no assistance request \(id)") }
        return try await visible(try await dto(request, on: db), to: subject)
    }

    // MARK: Steps

    /// Runs one step on a request inside a write: loads it, lets `step` act, derives the status again,
    /// journals it as `kind` and returns the request as it now stands.
    private func step(
        _ id: UUID, kind: any AssistanceStepEvent.Type, by subject: Subject, detail: String? = nil,
        _ body: @escaping @Sendable (AssistanceRequestModel, Database) async throws -> String?
    ) async throws -> AssistanceRequestDTO {
        let at = now
        return try await context.write(on: db) { db in
            guard let request = try await AssistanceRequestModel.find(id, on: db),
                  request.submitted || request.requester == subject.organisationCode
            else { throw Problem.notFound("no assistance request \(id)") }
            let note = try await body(request, db)
            try await Self.derive(request, at: at, on: db)
            try await Journal.append(
                kind.init(AssistancePayload(
                    request: try request.requireID(), number: request.number, status: request.status, detail: note ?? detail)),
                on: db, actor: subject.username, organisation: subject.organisationCode, incident: request.incidentID)
            return try await dto(request, on: db)
        }
    }

    /// What the national node does with a request on an allocation decision's authority.
    enum BrokerStep { case decline, proposal }

    /// Bijstand follows authority (decision 0020): the allocation of scarce means is decided «in overleg
    /// met de minister» or by the voorzitters (002:L1266-1278, L1405-1409), and the national node only
    /// carries out that decision. It declines a region's request only when the competent authority's
    /// latest allocation decision for its type leaves it out; and where that decision sets priorities,
    /// it proposes capacity only for the requests it names.
    static func requireAllocation(allowing step: BrokerStep, of request: AssistanceRequestModel, on db: Database) async throws {
        let latest = try await AllocationDecisionModel.query(on: db).filter(\.$typeCode == request.typeCode)
            .sort(\.$decidedAt, .descending).first()
        let priorities = try latest.map { try JSONDecoder().decode([String].self, from: Data($0.priorities.utf8)) } ?? []
        switch step {
        case .decline:
            guard let latest else {
                throw Problem.forbidden(
                    "the national node does not decline a region's request on its own: record the allocation decision of the "
                        + "competent authority (minister of JenV or the voorzitters) for '\(request.typeCode)' first")
            }
            guard !priorities.contains(request.number) else {
                throw Problem.forbidden(
                    "the allocation decision of \(JournalTime.string(from: Microseconds.date(latest.decidedAt))) gives \(request.number) priority; it cannot be declined under it")
            }
        case .proposal:
            guard priorities.isEmpty || priorities.contains(request.number) else {
                throw Problem.forbidden(
                    "the allocation decision for '\(request.typeCode)' gives priority to \(priorities.joined(separator: ", ")); "
                        + "capacity is proposed only for those requests")
            }
        }
    }

    static func derive(_ request: AssistanceRequestModel, at: Int64, on db: Database) async throws {
        let id = try request.requireID()
        let offers = try await AssistanceOfferModel.query(on: db).filter(\.$requestID == id).all()
            .compactMap { OfferStatus(rawValue: $0.status) }
        let commitments = try await AssistanceCommitmentModel.query(on: db).filter(\.$requestID == id).all()
            .compactMap { CommitmentStatus(rawValue: $0.status) }
        request.status = AssistanceLifecycle.status(
            submitted: request.submitted, ending: request.ending.flatMap(AssistanceLifecycle.Ending.init), offers: offers,
            commitments: commitments).rawValue
        request.updatedAt = at
        try await request.save(on: db)
    }

    /// Bijstand follows authority (decision 0020, issue 15): a request is submitted by the competent
    /// authority over its incident — for the requesting region's own part of it — or by someone under a
    /// mandate of theirs for bijstand; a request outside an incident (or for an incident the requesting
    /// region is not involved in, or where no one holds authority in it on the facts recorded yet) by the
    /// organisation's own bestuur: its voorzitter, or for the national node the minister of JenV (002:L1407-1409). Anyone else in the crisis organisation drafts it as a
    /// proposal that the authority submits.
    func submission(incident: UUID?, by subject: Subject) async throws -> AuthorityVerdict {
        let at = context.clock.now()
        let actor = try await GovernanceDirectory.actor(for: subject, on: db, at: at)
        if let incident, let model = try await IncidentModel.read(incident, on: db) {
            let version = try await PictureStore.currentIncidentVersion(incident, on: db)
            let target = AuthorisedIncident(incident: model, version: version, scope: try IncidentAccess.scope(version))
            let authority = try await IncidentAuthority.forDecisions(target, context: context, on: db)
            if let region = subject.regionCode, subject.organisationKind == .region, authority.involvedRegions.contains(region),
               authority.holdings.contains(where: { $0.regions.contains(region) })
            {
                return AuthorityPermission.decide(actor, .requestBijstand, area: .region(region), authority: authority, at: at)
            }
        }
        return AuthorityPermission.decideOutsideIncident(actor, .requestBijstand, requester: subject.organisationKind, region: subject.regionCode, at: at)
    }

    /// `submission`, answering 403 with who decides unless the subject does; the note records as whom.
    private func requireSubmission(incident: UUID?, by subject: Subject) async throws -> String {
        switch try await submission(incident: incident, by: subject) {
        case .decide(let holder, let obligations):
            let mandate = obligations.contains { if case .actsUnderMandate = $0 { true } else { false } }
            return "submitted as \(holder.label.en)" + (mandate ? " under mandate" : "")
        case .propose(let reason), .refuse(let reason):
            let names = try await GovernanceDirectory.Names.load(on: db)
            throw Problem.forbidden(
                "a bijstand request is the competent authority's (002:L1407-1409): \(names.replacing(reason.en)) "
                    + "Save it as a draft (\"submit\": false) for them to submit.")
        }
    }

    private static func requireOpen(_ request: AssistanceRequestModel) throws {
        guard request.ending == nil else { throw Problem.conflict("request \(request.number) is \(request.status); it takes no more steps") }
        guard request.submitted else { throw Problem.conflict("request \(request.number) is a draft; submit it first") }
    }

    func create(_ body: NewAssistanceRequest, by subject: Subject, externalRequester: String? = nil, rmMessageID: String? = nil)
        async throws -> AssistanceRequestDTO
    {
        try CapacityService.require(subject, .request(requester: subject.organisationCode))
        guard try await CapacityTypeModel.query(on: db).filter(\.$code == body.type).first() != nil else {
            throw Problem.invalid("unknown capacity type '\(body.type)'; see GET /api/v1/capacity/types", field: "type")
        }
        // Where: as given, else the incident's location when it is a point.
        var location = CapacityService.pointText(body.longitude, body.latitude)
        if let incident = body.incident {
            guard let version = try? await PictureStore.currentIncidentVersion(incident, on: db) else {
                throw Problem.invalid("no incident \(incident)", field: "incident")
            }
            let answer = try await AccessService.decide(
                subject, .init(action: .read), incident: incident, scope: try IncidentAccess.scope(version), at: context.clock.now(), on: db)
            guard answer.decision.allowed else { throw Problem.invalid("no incident \(incident) you may read", field: "incident") }
            if location == nil, let point = try PictureStore.decodeState(version).location.flatMap(CapacityService.point) {
                location = CapacityService.pointText(point.0, point.1)
            }
        }
        let submitting = body.submit ?? true
        let asWhom = submitting ? try await requireSubmission(incident: body.incident, by: subject) : nil
        let place = location
        let at = now
        let from = body.from.map(Microseconds.from) ?? at
        let year = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "Europe/Amsterdam")!, from: context.clock.now()).year ?? 2026
        return try await context.write(on: db) { db in
            let prefix = "BIJ-\(subject.organisationCode)-\(year)-"
            let count = try await AssistanceRequestModel.query(on: db).filter(\.$number =~ prefix).count()
            let request = AssistanceRequestModel()
            request.id = NewID.next()
            request.number = prefix + String(format: "%04d", count + 1)
            request.requester = subject.organisationCode
            request.incidentID = body.incident
            request.typeCode = body.type
            request.typeNote = (body.typeNote ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            request.quantity = body.quantity
            request.locationText = body.locationText.trimmingCharacters(in: .whitespacesAndNewlines)
            request.location = place
            request.from = from
            request.until = body.until.map(Microseconds.from)
            request.reason = body.reason.trimmingCharacters(in: .whitespacesAndNewlines)
            request.submitted = submitting
            request.status = AssistanceStatus.draft.rawValue
            request.createdAt = at
            request.createdBy = subject.username
            request.updatedAt = at
            request.rmMessageID = rmMessageID ?? "urn:knooppunt:bijstand:\(request.number)"
            request.externalRequester = externalRequester
            try await request.create(on: db)
            try await Self.derive(request, at: at, on: db)
            let step: any AssistanceStepEvent.Type = request.submitted ? AssistanceRequested.self : AssistanceDrafted.self
            try await Journal.append(
                step.init(AssistancePayload(
                    request: try request.requireID(), number: request.number, status: request.status,
                    detail: "\(body.quantity) × \(body.type) at \(request.locationText)" + (asWhom.map { "; \($0)" } ?? ""))),
                on: db, actor: subject.username, organisation: subject.organisationCode, incident: body.incident)
            return try await dto(request, on: db)
        }
    }

    func submit(_ id: UUID, by subject: Subject) async throws -> AssistanceRequestDTO {
        guard let draft = try await AssistanceRequestModel.find(id, on: db), draft.submitted || draft.requester == subject.organisationCode else {
            throw Problem.notFound("no assistance request \(id)")
        }
        try CapacityService.require(subject, .actAsRequester(draft.requester))
        guard !draft.submitted, draft.ending == nil else { throw Problem.conflict("request \(draft.number) is not a draft") }
        let asWhom = try await requireSubmission(incident: draft.incidentID, by: subject)
        return try await step(id, kind: AssistanceRequested.self, by: subject) { request, _ in
            guard !request.submitted, request.ending == nil else { throw Problem.conflict("request \(request.number) is not a draft") }
            request.submitted = true
            return asWhom
        }
    }

    /// A holder offers units of one of its registry lines.
    func offer(_ id: UUID, _ body: OfferRequest, by subject: Subject, proposal: Bool = false) async throws -> AssistanceRequestDTO {
        let at = now
        return try await step(id, kind: proposal ? AssistanceProposed.self : AssistanceOffered.self, by: subject) { request, db in
            try Self.requireOpen(request)
            guard let item = try await CapacityItemModel.find(body.capacityItem, on: db) else {
                throw Problem.invalid("no capacity line \(body.capacityItem)", field: "capacityItem")
            }
            if proposal {
                try CapacityService.require(subject, .broker)
                try await Self.requireAllocation(allowing: .proposal, of: request, on: db)
                guard item.holder != request.requester else { throw Problem.invalid("the broker proposes other holders' capacity", field: "capacityItem") }
            } else {
                try CapacityService.require(subject, .offer(holder: item.holder, requester: request.requester))
            }
            guard item.typeCode == request.typeCode else {
                throw Problem.invalid("the request asks for '\(request.typeCode)'; this line holds '\(item.typeCode)'", field: "capacityItem")
            }
            let committed = try await CapacityService.committed(to: body.capacityItem, on: db)
            let counts = CapacityCounts(count: item.count, unavailable: item.unavailable, committed: committed, keepForOwn: item.keepForOwn)
            guard body.quantity <= counts.offerable else {
                throw Problem.conflict("\(item.holder) has \(counts.offerable) of '\(item.label)' to offer now, not \(body.quantity)")
            }
            let offer = AssistanceOfferModel()
            offer.requestID = try request.requireID()
            offer.holder = item.holder
            offer.capacityItemID = body.capacityItem
            offer.quantity = body.quantity
            offer.note = (body.note ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            offer.status = (proposal ? OfferStatus.proposed : .open).rawValue
            offer.createdAt = at
            offer.createdBy = subject.username
            offer.updatedAt = at
            try await offer.create(on: db)
            return "\(body.quantity) × \(item.typeCode) from \(item.holder) (\(item.label))"
        }
    }

    private static func offer(_ offerID: UUID, of request: AssistanceRequestModel, on db: Database) async throws -> AssistanceOfferModel {
        guard let offer = try await AssistanceOfferModel.find(offerID, on: db), offer.requestID == request.id else {
            throw Problem.notFound("no offer \(offerID) for request \(request.number)")
        }
        return offer
    }

    /// The holder confirms a broker's proposal (→ open), or withdraws its offer.
    func holderAnswers(_ id: UUID, offer offerID: UUID, confirm: Bool, by subject: Subject) async throws -> AssistanceRequestDTO {
        let at = now
        return try await step(id, kind: confirm ? AssistanceOfferConfirmed.self : AssistanceOfferWithdrawn.self, by: subject) { request, db in
            try Self.requireOpen(request)
            let offer = try await Self.offer(offerID, of: request, on: db)
            try CapacityService.require(subject, .actAsHolder(offer.holder))
            if confirm {
                guard offer.status == OfferStatus.proposed.rawValue else { throw Problem.conflict("the offer is \(offer.status), not proposed") }
                offer.status = OfferStatus.open.rawValue
            } else {
                guard [OfferStatus.open.rawValue, OfferStatus.proposed.rawValue].contains(offer.status) else {
                    throw Problem.conflict("the offer is \(offer.status); only an open or proposed offer is withdrawn")
                }
                offer.status = OfferStatus.withdrawn.rawValue
            }
            offer.updatedAt = at
            try await offer.update(on: db)
            return "offer \(offerID) of \(offer.holder)"
        }
    }

    /// The requester accepts an offer: its units are committed, checked against what is available now.
    func accept(_ id: UUID, offer offerID: UUID, by subject: Subject) async throws -> AssistanceRequestDTO {
        let at = now
        return try await step(id, kind: AssistanceCommitted.self, by: subject) { request, db in
            try Self.requireOpen(request)
            try CapacityService.require(subject, .actAsRequester(request.requester))
            let offer = try await Self.offer(offerID, of: request, on: db)
            guard offer.status == OfferStatus.open.rawValue else {
                throw Problem.conflict(offer.status == OfferStatus.proposed.rawValue
                    ? "the holder has not confirmed the broker's proposal yet" : "the offer is \(offer.status), not open")
            }
            let already = try await AssistanceCommitmentModel.query(on: db).filter(\.$requestID == offer.requestID)
                .filter(\.$status != CommitmentStatus.released.rawValue).all().map(\.quantity).reduce(0, +)
            var available: Int? = nil
            if let itemID = offer.capacityItemID {
                guard let item = try await CapacityItemModel.find(itemID, on: db) else { throw Problem.conflict("the offered capacity line is gone") }
                let committed = try await CapacityService.committed(to: itemID, on: db)
                // The holder's own reserve was its choice when offering; what counts now is what is available.
                available = CapacityCounts(count: item.count, unavailable: item.unavailable, committed: committed).available
            }
            if let problem = AssistanceLifecycle.acceptProblem(
                quantity: offer.quantity, requested: request.quantity, alreadyCommitted: already, offerable: available)
            {
                throw Problem.conflict("not committed: \(problem)")
            }
            offer.status = OfferStatus.accepted.rawValue
            offer.updatedAt = at
            try await offer.update(on: db)
            let commitment = AssistanceCommitmentModel()
            commitment.id = NewID.next()
            commitment.requestID = offer.requestID
            commitment.offerID = offerID
            commitment.holder = offer.holder
            commitment.capacityItemID = offer.capacityItemID
            commitment.quantity = offer.quantity
            commitment.status = CommitmentStatus.committed.rawValue
            commitment.committedAt = at
            commitment.committedBy = subject.username
            commitment.rmMessageID = "urn:knooppunt:toezegging:\(commitment.id!.uuidString.lowercased())"
            try await commitment.create(on: db)
            return "\(offer.quantity) from \(offer.holder) committed"
        }
    }

    func decline(_ id: UUID, offer offerID: UUID, by subject: Subject) async throws -> AssistanceRequestDTO {
        let at = now
        return try await step(id, kind: AssistanceOfferDeclined.self, by: subject) { request, db in
            try Self.requireOpen(request)
            try CapacityService.require(subject, .actAsRequester(request.requester))
            let offer = try await Self.offer(offerID, of: request, on: db)
            guard [OfferStatus.open.rawValue, OfferStatus.proposed.rawValue].contains(offer.status) else {
                throw Problem.conflict("the offer is \(offer.status); only an open or proposed offer is declined")
            }
            offer.status = OfferStatus.declined.rawValue
            offer.updatedAt = at
            try await offer.update(on: db)
            return "offer \(offerID) of \(offer.holder)"
        }
    }

    private static func commitment(_ commitmentID: UUID, of request: AssistanceRequestModel, on db: Database) async throws
        -> AssistanceCommitmentModel
    {
        guard let commitment = try await AssistanceCommitmentModel.find(commitmentID, on: db), commitment.requestID == request.id else {
            throw Problem.notFound("no commitment \(commitmentID) for request \(request.number)")
        }
        return commitment
    }

    /// The units set off: the holder or the requester reports it.
    func deploy(_ id: UUID, commitment commitmentID: UUID, by subject: Subject) async throws -> AssistanceRequestDTO {
        let at = now
        return try await step(id, kind: AssistanceDeployed.self, by: subject) { request, db in
            try Self.requireOpen(request)
            let commitment = try await Self.commitment(commitmentID, of: request, on: db)
            let asHolder = CapacityPolicy.decide(subject, .actAsHolder(commitment.holder))
            let asRequester = CapacityPolicy.decide(subject, .actAsRequester(request.requester))
            guard asHolder.allowed || asRequester.allowed else { throw Problem.forbidden(asHolder.reason) }
            guard commitment.status == CommitmentStatus.committed.rawValue else {
                throw Problem.conflict("the commitment is \(commitment.status), not committed")
            }
            commitment.status = CommitmentStatus.deployed.rawValue
            commitment.deployedAt = at
            try await commitment.update(on: db)
            return "\(commitment.quantity) from \(commitment.holder) deployed"
        }
    }

    /// The requester releases committed units; they are available to their holder again at once.
    func release(_ id: UUID, commitment commitmentID: UUID, by subject: Subject) async throws -> AssistanceRequestDTO {
        let at = now
        return try await step(id, kind: AssistanceReleased.self, by: subject) { request, db in
            try Self.requireOpen(request)
            try CapacityService.require(subject, .actAsRequester(request.requester))
            let commitment = try await Self.commitment(commitmentID, of: request, on: db)
            guard commitment.status != CommitmentStatus.released.rawValue else { throw Problem.conflict("the commitment is released already") }
            commitment.status = CommitmentStatus.released.rawValue
            commitment.releasedAt = at
            try await commitment.update(on: db)
            return "\(commitment.quantity) from \(commitment.holder) released"
        }
    }

    /// Ends a request: closed by the requester once nothing is committed; withdrawn by the requester or
    /// declined by the national node at any step, which releases what was committed and ends open offers.
    func end(_ id: UUID, as ending: AssistanceLifecycle.Ending, reason: String?, by subject: Subject) async throws -> AssistanceRequestDTO {
        let at = now
        return try await step(id, kind: ending.event, by: subject, detail: reason) { request, db in
            guard request.ending == nil else { throw Problem.conflict("request \(request.number) is \(request.status) already") }
            switch ending {
            case .declined:
                try CapacityService.require(subject, .broker)
                try await Self.requireAllocation(allowing: .decline, of: request, on: db)
            case .closed, .withdrawn: try CapacityService.require(subject, .actAsRequester(request.requester))
            }
            let requestID = try request.requireID()
            let active = try await AssistanceCommitmentModel.query(on: db).filter(\.$requestID == requestID)
                .filter(\.$status != CommitmentStatus.released.rawValue).all()
            if ending == .closed {
                guard request.submitted else { throw Problem.conflict("a draft is withdrawn, not closed") }
                guard active.isEmpty else { throw Problem.conflict("\(active.count) commitment(s) are still active; release them before closing") }
                guard request.status == AssistanceStatus.released.rawValue else {
                    throw Problem.conflict("request \(request.number) is \(request.status); a request is closed once what was committed is released — withdraw it instead")
                }
            }
            for commitment in active {
                commitment.status = CommitmentStatus.released.rawValue
                commitment.releasedAt = at
                try await commitment.update(on: db)
            }
            try await AssistanceOfferModel.query(on: db).filter(\.$requestID == requestID)
                .filter(\.$status ~~ [OfferStatus.open.rawValue, OfferStatus.proposed.rawValue])
                .set(\.$status, to: ending == .declined ? OfferStatus.declined.rawValue : OfferStatus.withdrawn.rawValue)
                .set(\.$updatedAt, to: at).update()
            request.ending = ending.rawValue
            return reason
        }
    }
}


extension AssistanceLifecycle.Ending {
    /// The event that journals a request's end.
    var event: any AssistanceStepEvent.Type {
        switch self {
        case .closed: AssistanceClosed.self
        case .withdrawn: AssistanceWithdrawn.self
        case .declined: AssistanceDeclined.self
        }
    }
}
