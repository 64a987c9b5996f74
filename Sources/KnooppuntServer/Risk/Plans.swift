import Fluent
import Foundation
import KnooppuntCore
import Vapor

/// A plan of a region's register (issue 18 point 4, decision 0030); the plan as it stands, its changes in the journal.
final class PlanModel: Model, @unchecked Sendable {
    static let schema = "plans"

    @ID(key: .id) var id: UUID?
    @Field(key: "region") var region: String
    /// The plan as canonical JSON (`RegionalPlan`).
    @Field(key: "body") var body: String
    @Field(key: "version") var version: Int
    @Field(key: "recorded_at_us") var recordedAt: Int64
    @Field(key: "recorded_by_name") var recordedByName: String

    init() {}

    func plan() throws -> RegionalPlan { try CanonicalJSON.decode(RegionalPlan.self, from: body) }
}

/// A plan attached to an incident or a risk picture.
final class PlanAttachmentModel: Model, @unchecked Sendable {
    static let schema = "plan_attachments"

    @ID(key: .id) var id: UUID?
    @Field(key: "plan_id") var planID: UUID
    @OptionalField(key: "incident_id") var incidentID: UUID?
    @OptionalField(key: "picture_id") var pictureID: UUID?
    @Field(key: "attached_at_us") var attachedAt: Int64
    @Field(key: "attached_by_name") var attachedByName: String

    init() {}
}

/// The plans register (C33): plans and handbooks with owner, adoption, review and linked risks; reminders
/// before the review; plans attached to an incident or a risk picture.
struct Plans: UserUseCases {
    let user: CurrentUser
    let db: Database
    let context: KnooppuntContext

    struct PlanInput: StrictDecodable {
        var title: String
        var kind: PlanKind
        var owner: String
        var adoptedBy: String?
        var adoptedOn: String?
        var reviewOn: String
        var risks: [UUID]?
        var partners: [String]?
        var location: String?
        var baseVersion: Int?
        enum CodingKeys: String, CodingKey, CaseIterable {
            case title, kind, owner, adoptedBy, adoptedOn, reviewOn, risks, partners, location, baseVersion
        }

        func plan(in region: RegionCode) throws -> RegionalPlan {
            let plan = RegionalPlan(
                region: region, title: title.trimmingCharacters(in: .whitespacesAndNewlines), kind: kind,
                owner: owner.trimmingCharacters(in: .whitespacesAndNewlines), adoptedBy: IncidentCommands.given(adoptedBy),
                adoptedOn: IncidentCommands.given(adoptedOn), reviewOn: reviewOn.trimmingCharacters(in: .whitespaces),
                risks: Array(Set(risks ?? [])).sorted { $0.uuidString < $1.uuidString },
                partners: Array(Set((partners ?? []).map { $0.trimmingCharacters(in: .whitespaces).uppercased() })).sorted(),
                location: IncidentCommands.given(location))
            if let first = plan.problems.first { throw Problem.invalid(first) }
            return plan
        }
    }

    struct AttachmentInput: StrictDecodable {
        var incident: UUID?
        var picture: UUID?
        enum CodingKeys: String, CodingKey, CaseIterable { case incident, picture }
    }

    struct PlanDTO: Content {
        var id: UUID
        var version: Int
        var region: String
        var title: String
        var kind: PlanKind
        var owner: String
        var adoptedBy: String?
        var adoptedOn: String?
        var reviewOn: String
        var review: ReviewState
        var risks: [UUID]
        var partners: [String]
        var location: String?
        var recordedAt: Date
        var recordedByName: String

        init(_ row: PlanModel, _ plan: RegionalPlan, now: Date) throws {
            id = try row.requireID()
            version = row.version
            region = row.region
            title = plan.title
            kind = plan.kind
            owner = plan.owner
            adoptedBy = plan.adoptedBy
            adoptedOn = plan.adoptedOn
            reviewOn = plan.reviewOn
            review = plan.reviewState(at: now)
            risks = plan.risks
            partners = plan.partners
            location = plan.location
            recordedAt = Microseconds.date(row.recordedAt)
            recordedByName = row.recordedByName
        }
    }

    var now: Date { context.clock.now() }

    static func requireReader(_ subject: Subject) throws {
        let decision = RiskProfileRules.read(subject)
        guard decision.allowed else { throw Problem.forbidden(decision.reason) }
    }

    private func requireKeeper(_ region: RegionCode, _ plan: RegionalPlan) throws {
        let decision = RiskProfileRules.keep(user.subject, region: region, careProfile: plan.careProfile)
        guard decision.allowed else { throw Problem.forbidden(decision.reason) }
    }

    /// The region's plans: reviews past first, then those due soon, then by title.
    func list(region: RegionCode) async throws -> [PlanDTO] {
        try Self.requireReader(user.subject)
        let order: [ReviewState: Int] = [.due: 0, .soon: 1, .later: 2]
        return try await PlanModel.query(on: db).filter(\.$region == region.rawValue).all().map { try PlanDTO($0, try $0.plan(), now: now) }
            .sorted { (order[$0.review]!, $0.title.lowercased()) < (order[$1.review]!, $1.title.lowercased()) }
    }

    func show(_ id: UUID) async throws -> PlanDTO {
        try Self.requireReader(user.subject)
        guard let row = try await PlanModel.find(id, on: db) else { throw Problem.notFound("no plan \(id)") }
        return try PlanDTO(row, try row.plan(), now: now)
    }

    private func checkRisks(_ plan: RegionalPlan) async throws {
        for risk in plan.risks where try await RegionalRiskModel.query(on: db).filter(\.$riskID == risk).filter(\.$region == plan.region.rawValue).first() == nil {
            throw Problem.invalid("no risk \(risk) in the profile of \(plan.region)", field: "risks")
        }
        for code in plan.partners {
            guard let organisation = try await OrganisationModel.query(on: db).filter(\.$code == code).first(),
                  ![OrganisationKind.region.rawValue, OrganisationKind.nationalNode.rawValue].contains(organisation.kind)
            else { throw Problem.invalid("\(code.prefix(40)) is no partner organisation", field: "partners") }
        }
    }

    @Sendable private func journal(_ row: PlanModel, _ plan: RegionalPlan, on db: Database) async throws {
        try await Journal.append(
            PlanRecorded(plan: try row.requireID(), region: row.region, version: row.version, title: plan.title, kind: plan.kind.rawValue,
                         reviewOn: plan.reviewOn, adoptedBy: plan.adoptedBy, adoptedOn: plan.adoptedOn),
            on: db, actor: user.username, organisation: user.organisationCode)
    }

    func create(_ input: PlanInput, region: RegionCode) async throws -> PlanDTO {
        let plan = try input.plan(in: region)
        try requireKeeper(region, plan)
        try await checkRisks(plan)
        try Problem.requireAdopted(on: plan.adoptedOn, before: now)
        let at = Microseconds.from(now)
        let user = self.user
        let row = try await context.write(on: db) { db in
            try await Self.insert(plan, by: RiskProfiles.Recorder(user), at: at, on: db)
        }
        return try PlanDTO(row, plan, now: now)
    }

    /// Inside the caller's write: a checked plan, journaled.
    static func insert(_ plan: RegionalPlan, by user: RiskProfiles.Recorder, at: Int64, on db: Database) async throws -> PlanModel {
        let row = PlanModel()
        row.id = NewID.next()
        row.region = plan.region.rawValue
        row.body = try CanonicalJSON.encode(plan)
        row.version = 1
        row.recordedAt = at
        row.recordedByName = user.name
        try await row.create(on: db)
        try await Journal.append(
            PlanRecorded(plan: try row.requireID(), region: row.region, version: 1, title: plan.title, kind: plan.kind.rawValue,
                         reviewOn: plan.reviewOn, adoptedBy: plan.adoptedBy, adoptedOn: plan.adoptedOn),
            on: db, actor: user.username, organisation: user.organisation)
        return row
    }

    func update(_ id: UUID, _ input: PlanInput) async throws -> PlanDTO {
        guard let known = try await PlanModel.find(id, on: db), let region = RegionCode(known.region) else { throw Problem.notFound("no plan \(id)") }
        let plan = try input.plan(in: region)
        try requireKeeper(region, try known.plan())
        try requireKeeper(region, plan)
        try await checkRisks(plan)
        try Problem.requireAdopted(on: plan.adoptedOn, before: now)
        guard let base = input.baseVersion else { throw Problem.invalid("give baseVersion: the version your change was made on", field: "baseVersion") }
        let at = Microseconds.from(now)
        let (user, journal) = (self.user, self.journal)
        let row = try await context.write(on: db) { db in
            guard let row = try await PlanModel.find(id, on: db) else { throw Problem.notFound("no plan \(id)") }
            guard row.version == base else {
                var problem = Problem.conflict("the plan changed since version \(base); it is at version \(row.version) now: reload and try again")
                problem.dutch = "Het plan is gewijzigd sinds versie \(base); het staat nu op versie \(row.version). Laad opnieuw en probeer het nog eens."
                throw problem
            }
            guard try row.plan() != plan else { return row }
            row.body = try CanonicalJSON.encode(plan)
            row.version += 1
            row.recordedAt = max(at, row.recordedAt + 1)
            row.recordedByName = user.displayName
            try await row.update(on: db)
            try await journal(row, plan, db)
            return row
        }
        return try PlanDTO(row, try row.plan(), now: now)
    }

    /// Attaches a plan to an incident (for who may change the incident) or to a risk picture (for its keepers);
    /// both of the plan's region.
    func attach(_ id: UUID, _ input: AttachmentInput) async throws -> PlanDTO {
        let plan = try await show(id)
        guard (input.incident == nil) != (input.picture == nil) else {
            throw Problem.invalid("give an incident or a risk picture, one of them", field: input.incident == nil ? "incident" : "picture")
        }
        if let incident = input.incident {
            let target = try await IncidentAccess.authorise(user.subject, incident: incident, .editIncident, on: db, at: now)
            guard target.scope.involvedRegions.contains(where: { $0.rawValue == plan.region }) else {
                throw Problem.invalid("a plan of \(plan.region) is attached to an incident of \(plan.region)", field: "incident")
            }
        }
        if let picture = input.picture {
            let row = try await RiskPictures(user: user, db: db, context: context).loadForKeeping(picture)
            guard row.region == plan.region else {
                throw Problem.invalid("a plan of \(plan.region) is attached to a risk picture of \(plan.region)", field: "picture")
            }
        }
        let at = Microseconds.from(now)
        let user = self.user
        try await context.write(on: db) { db in
            try await Self.attach(id, incident: input.incident, picture: input.picture, by: RiskProfiles.Recorder(user), at: at, on: db)
        }
        return plan
    }

    /// Inside the caller's write: the attachment, once, journaled.
    static func attach(_ id: UUID, incident: UUID?, picture: UUID?, by user: RiskProfiles.Recorder, at: Int64, on db: Database) async throws {
        var query = PlanAttachmentModel.query(on: db).filter(\.$planID == id)
        if let incident { query = query.filter(\.$incidentID == incident) }
        if let picture { query = query.filter(\.$pictureID == picture) }
        guard try await query.first() == nil else { return }
        let attachment = PlanAttachmentModel()
        attachment.id = NewID.next()
        attachment.planID = id
        attachment.incidentID = incident
        attachment.pictureID = picture
        attachment.attachedAt = at
        attachment.attachedByName = user.name
        try await attachment.create(on: db)
        try await Journal.append(PlanAttached(plan: id, incident: incident, picture: picture), on: db,
                                 actor: user.username, organisation: user.organisation, incident: incident)
    }

    /// The plans attached to an incident or a picture, as the reader reads them.
    static func attached(incident: UUID? = nil, picture: UUID? = nil, now: Date, on db: Database) async throws -> [PlanDTO] {
        var query = PlanAttachmentModel.query(on: db)
        if let incident { query = query.filter(\.$incidentID == incident) }
        if let picture { query = query.filter(\.$pictureID == picture) }
        let ids = try await query.sort(\.$attachedAt).all().map(\.planID)
        guard !ids.isEmpty else { return [] }
        let rows = try await PlanModel.query(on: db).filter(\.$id ~~ ids).all()
        return try ids.compactMap { id in try rows.first { $0.id == id }.map { try PlanDTO($0, try $0.plan(), now: now) } }
    }
}

/// `/api/v1/regions/{code}/plans`, `/api/v1/plans/{plan}…` and `/api/v1/incidents/{incident}/plans`.
struct PlansController: RouteCollection {
    func boot(routes: RoutesBuilder) throws {
        routes.get("regions", ":code", "plans", use: list)
        routes.post("regions", ":code", "plans", use: create)
        routes.get("plans", ":plan", use: show)
        routes.put("plans", ":plan", use: update)
        routes.post("plans", ":plan", "attachments", use: attach)
        routes.get("incidents", ":incident", "plans", use: incidentPlans)
    }

    func list(req: Request) async throws -> [Plans.PlanDTO] { try await Plans(req).list(region: try RegionPhaseController.region(req)) }

    func create(req: Request) async throws -> Response {
        let plans = try Plans(req)
        let created = try await plans.create(try req.decodeStrict(Plans.PlanInput.self), region: try RegionPhaseController.region(req))
        return try await created.encodeResponse(status: .created, for: req)
    }

    func show(req: Request) async throws -> Plans.PlanDTO { try await Plans(req).show(try req.pathID("plan")) }

    func update(req: Request) async throws -> Plans.PlanDTO {
        try await Plans(req).update(try req.pathID("plan"), try req.decodeStrict(Plans.PlanInput.self))
    }

    func attach(req: Request) async throws -> Plans.PlanDTO {
        try await Plans(req).attach(try req.pathID("plan"), try req.decodeStrict(Plans.AttachmentInput.self))
    }

    func incidentPlans(req: Request) async throws -> [Plans.PlanDTO] {
        let user = try req.requireUserExplaining()
        let id = try req.pathID("incident")
        _ = try await IncidentAccess.authorise(user.subject, incident: id, .read, on: req.db, at: req.knooppunt.clock.now())
        return try await Plans.attached(incident: id, now: req.knooppunt.clock.now(), on: req.db)
    }
}
