import Fluent
import Foundation
import KnooppuntCore
import KnooppuntInterop
import Vapor

/// A region's current risk picture (actueel risicobeeld) of one threat (issue 18 point 2, decision 0029).
final class RiskPictureModel: Model, @unchecked Sendable {
    static let schema = "risk_pictures"

    @ID(key: .id) var id: UUID?
    @Field(key: "region") var region: String
    @Field(key: "title") var title: String
    @Field(key: "kind") var kind: String
    @Field(key: "description") var description: String
    @Field(key: "expected_from_us") var expectedFrom: Int64
    @Field(key: "expected_until_us") var expectedUntil: Int64
    /// The expected area: a GeoJSON Polygon or MultiPolygon, compact.
    @OptionalField(key: "area") var area: String?
    /// The linked risks of the profile, as a JSON array of ids.
    @Field(key: "risks") var risks: String
    /// The invited partners, as a JSON object code → collaboration profile.
    @Field(key: "partners") var partners: String
    @Field(key: "status") var status: String
    @OptionalField(key: "incident_id") var incidentID: UUID?
    @OptionalField(key: "incident_reference") var incidentReference: String?
    @OptionalField(key: "closed_reason") var closedReason: String?
    @Field(key: "version") var version: Int
    @Field(key: "created_at_us") var createdAt: Int64
    @Field(key: "created_by") var createdBy: String
    @Field(key: "created_by_name") var createdByName: String
    @Field(key: "created_by_org") var createdByOrganisation: String
    @Field(key: "updated_at_us") var updatedAt: Int64

    init() {}

    var partnerProfiles: [String: CollaborationProfile] {
        let raw = (try? JSONDecoder().decode([String: String].self, from: Data(partners.utf8))) ?? [:]
        return raw.compactMapValues(CollaborationProfile.init(rawValue:))
    }

    var riskIDs: [UUID] { (try? JSONDecoder().decode([UUID].self, from: Data(risks.utf8))) ?? [] }

    var regionCode: RegionCode { RegionCode(region) ?? RegionCode(number: 1) }
}

/// An expected effect on a risk picture, in a theme, by a person of an organisation.
final class RiskEffectModel: Model, @unchecked Sendable {
    static let schema = "risk_effects"

    @ID(key: .id) var id: UUID?
    @Field(key: "picture_id") var pictureID: UUID
    @Field(key: "theme") var theme: String
    @Field(key: "text") var text: String
    @OptionalField(key: "expected_at_us") var expectedAt: Int64?
    /// linked, awaiting or admitted.
    @Field(key: "status") var status: String
    @Field(key: "via_liaison") var viaLiaison: Bool
    @Field(key: "author") var author: String
    @Field(key: "author_name") var authorName: String
    @Field(key: "author_org") var authorOrganisation: String
    @Field(key: "recorded_at_us") var recordedAt: Int64
    @OptionalField(key: "admitted_by_name") var admittedByName: String?
    @OptionalField(key: "admitted_at_us") var admittedAt: Int64?

    init() {}

    var awaits: Bool { status == "awaiting" }
}

/// The use cases of the current risk pictures: open, change, close, invite partners, add and admit expected
/// effects, and escalate into an incident carrying area, effects and partners in one write.
struct RiskPictures: UserUseCases {
    let user: CurrentUser
    let db: Database
    let context: KnooppuntContext

    var now: Date { context.clock.now() }

    // MARK: Input and output

    struct PictureInput: StrictDecodable {
        var title: String
        var kind: ThreatKind
        var description: String
        var expectedFrom: Date
        var expectedUntil: Date
        /// A GeoJSON Polygon or MultiPolygon (WGS84).
        var area: JSONValue?
        var risks: [UUID]?
        /// Partner organisation codes; each needs an agreement in effect with the region.
        var partners: [String]?
        /// For a change: the version it was made on.
        var baseVersion: Int?
        /// On opening: the region moves from koud to lauw with this reason, in the same write.
        var phaseReason: String?

        enum CodingKeys: String, CodingKey, CaseIterable {
            case title, kind, description, expectedFrom, expectedUntil, area, risks, partners, baseVersion, phaseReason
        }

        func validate() throws {
            if let problem = RiskPictureRules.problems(title: title, description: description, from: expectedFrom, until: expectedUntil).first {
                throw Problem.invalid(problem)
            }
            if (risks ?? []).count > 20 { throw Problem.invalid("link at most 20 risks", field: "risks") }
            if (partners ?? []).count > 50 { throw Problem.invalid("invite at most 50 partners", field: "partners") }
        }
    }

    struct ClosureInput: StrictDecodable {
        var reason: String
        var baseVersion: Int
        enum CodingKeys: String, CodingKey, CaseIterable { case reason, baseVersion }
    }

    struct EscalationInput: StrictDecodable {
        var baseVersion: Int
        enum CodingKeys: String, CodingKey, CaseIterable { case baseVersion }
    }

    struct EffectInput: StrictDecodable {
        var theme: String?
        var text: String
        var expectedAt: Date?
        enum CodingKeys: String, CodingKey, CaseIterable { case theme, text, expectedAt }

        func validate() throws {
            if let expectedAt, abs(expectedAt.timeIntervalSinceNow) > 366 * 86_400 {
                throw Problem.invalid("an expected effect is expected within a year from now", field: "expectedAt")
            }
            let count = text.trimmingCharacters(in: .whitespacesAndNewlines).unicodeScalars.count
            guard RiskPictureRules.textLength.contains(count) else {
                var problem = Problem.invalid("the expected effect must be 3 to 5000 characters", field: "text")
                problem.dutch = "Het verwachte effect moet 3 tot 5000 tekens zijn."
                throw problem
            }
        }
    }

    struct PartnerDTO: Content, Equatable {
        var code: String
        var name: String
        var profile: CollaborationProfile
    }

    struct EffectDTO: Content, Equatable {
        var id: UUID
        var theme: String
        var text: String
        var expectedAt: Date?
        /// linked, awaiting or admitted.
        var status: String
        var viaLiaison: Bool
        var authorName: String
        var authorOrganisation: String
        var recordedAt: Date
        var admittedByName: String?

        init(_ row: RiskEffectModel) {
            id = row.id ?? UUID()
            theme = row.theme
            text = row.text
            expectedAt = row.expectedAt.map(Microseconds.date)
            status = row.status
            viaLiaison = row.viaLiaison
            authorName = row.authorName
            authorOrganisation = row.authorOrganisation
            recordedAt = Microseconds.date(row.recordedAt)
            admittedByName = row.admittedByName
        }
    }

    struct LinkedRiskDTO: Content, Equatable {
        var id: UUID
        var title: String
        var likelihood: LikelihoodClass
        var impact: ImpactClass
    }

    struct PictureDTO: Content {
        var id: UUID
        var version: Int
        var region: String
        var title: String
        var kind: ThreatKind
        var description: String
        var expectedFrom: Date
        var expectedUntil: Date
        var area: JSONValue?
        var status: RiskPictureStatus
        var incident: UUID?
        var incidentReference: String?
        var closedReason: String?
        var createdAt: Date
        var createdByName: String
        var partners: [PartnerDTO]
        var risks: [LinkedRiskDTO]
        /// The effects the reader sees, oldest first.
        var effects: [EffectDTO]
        /// The region's phase now, as its staff, partners invited and the national node see it.
        var regionPhase: RegionPhase
        /// What the reader may do here.
        var mayKeep: Bool
        var mayEscalate: Bool
        /// The theme the reader writes effects in: nil when it writes none; "discipline" for the region's staff.
        var writesTheme: String?
        var rules: [RiskMonitoring.RuleDTO]
        /// The plans attached to the picture (decision 0030).
        var plans: [Plans.PlanDTO]
        /// Newest first.
        var signals: [RiskMonitoring.SignalDTO]
    }

    struct EscalationDTO: Content {
        var incident: UUID
        var reference: String
        var effects: Int
        var partners: [String]
    }

    // MARK: Reading

    static func payload(_ row: RiskPictureModel, reason: String? = nil) -> RiskPicturePayload {
        RiskPicturePayload(
            picture: row.id ?? UUID(), region: row.region, version: row.version, title: row.title, kind: row.kind,
            expectedFrom: Microseconds.date(row.expectedFrom), expectedUntil: Microseconds.date(row.expectedUntil), status: row.status,
            partners: row.partnerProfiles.mapValues(\.rawValue), risks: row.riskIDs, hasArea: row.area != nil, reason: reason)
    }

    private func readDecision(_ row: RiskPictureModel) -> AccessDecision {
        RiskPictureRules.read(user.subject, region: row.regionCode, partners: row.partnerProfiles, shared: false)
    }

    /// The picture, for one who may read it.
    func loadForReading(_ id: UUID) async throws -> RiskPictureModel { try await load(id) }

    /// The picture, open, for one who keeps it.
    func loadForKeeping(_ id: UUID) async throws -> RiskPictureModel {
        let row = try await load(id)
        try requireKeeper(row.regionCode)
        guard row.status == RiskPictureStatus.open.rawValue else { throw Problem.conflict("the risk picture is \(row.status)") }
        return row
    }

    private func load(_ id: UUID) async throws -> RiskPictureModel {
        guard let row = try await RiskPictureModel.find(id, on: db) else { throw Problem.notFound("no risk picture \(id)") }
        let decision = readDecision(row)
        guard decision.allowed else {
            // Whoever may not read it, and is neither its region's staff nor invited, does not learn it exists.
            let knows = (user.subject.organisationKind == .region && user.subject.regionCode == row.regionCode)
                || row.partnerProfiles[user.subject.organisationCode] != nil
            if !knows { throw Problem.notFound("no risk picture \(id)") }
            throw Problem.forbidden(decision.reason)
        }
        return row
    }

    /// The pictures of `region` the reader may read, open ones first, newest first.
    func list(region: RegionCode) async throws -> [PictureDTO] {
        let rows = try await RiskPictureModel.query(on: db).filter(\.$region == region.rawValue).sort(\.$createdAt, .descending).all()
        var result: [PictureDTO] = []
        for row in rows where readDecision(row).allowed { result.append(try await view(row)) }
        return result.sorted { ($0.status == .open ? 0 : 1) < ($1.status == .open ? 0 : 1) }
    }

    func show(_ id: UUID) async throws -> PictureDTO { try await view(try await load(id)) }

    func view(_ row: RiskPictureModel) async throws -> PictureDTO {
        let id = try row.requireID()
        let partners = row.partnerProfiles
        let region = row.regionCode
        let names = Dictionary(
            try await OrganisationModel.query(on: db).filter(\.$code ~~ Array(partners.keys)).all().map { ($0.code, $0.name) },
            uniquingKeysWith: { first, _ in first })
        var risks: [LinkedRiskDTO] = []
        for riskID in row.riskIDs {
            guard let newest = try await RegionalRiskModel.query(on: db).filter(\.$riskID == riskID).sort(\.$version, .descending).first(),
                  let risk = try? newest.risk()
            else { continue }
            risks.append(LinkedRiskDTO(id: riskID, title: risk.title, likelihood: risk.likelihood, impact: risk.impact))
        }
        let subject = user.subject
        let staff = subject.organisationKind == .region && subject.regionCode == region
        let ownOnly = RiskPictureRules.readsOnlyOwnTheme(subject, partners: partners)
        let effects = try await RiskEffectModel.query(on: db).filter(\.$pictureID == id).sort(\.$recordedAt).all().filter { effect in
            if ownOnly { return effect.theme == Theme.partner(subject.organisationCode).description }
            return staff || !effect.awaits || effect.authorOrganisation == subject.organisationCode
        }
        let keeps = RiskPictureRules.keep(subject, region: region).allowed
        let writes: String? = switch RiskPictureRules.addEffect(subject, region: region, partners: partners,
                                                                theme: staff ? .algemeen : .partner(subject.organisationCode)) {
        case .success: staff ? "discipline" : Theme.partner(subject.organisationCode).description
        case .failure: nil
        }
        return PictureDTO(
            id: id, version: row.version, region: row.region, title: row.title, kind: ThreatKind(rawValue: row.kind) ?? .overig,
            description: row.description, expectedFrom: Microseconds.date(row.expectedFrom), expectedUntil: Microseconds.date(row.expectedUntil),
            area: try row.area.map { try JSONDecoder().decode(JSONValue.self, from: Data($0.utf8)) },
            status: RiskPictureStatus(rawValue: row.status) ?? .open, incident: row.incidentID, incidentReference: row.incidentReference,
            closedReason: row.closedReason, createdAt: Microseconds.date(row.createdAt), createdByName: row.createdByName,
            partners: partners.keys.sorted().map { PartnerDTO(code: $0, name: names[$0] ?? $0, profile: partners[$0]!) },
            risks: risks, effects: effects.map(EffectDTO.init),
            regionPhase: try await RegionPhases.current(.region(region), on: db).flatMap { RegionPhase(rawValue: $0.phase) } ?? .unrecorded,
            mayKeep: keeps && row.status == RiskPictureStatus.open.rawValue,
            mayEscalate: keeps && row.status == RiskPictureStatus.open.rawValue
                && AccessPolicy.decide(subject, .create, incident: nil, at: now).allowed,
            writesTheme: row.status == RiskPictureStatus.open.rawValue ? writes : nil,
            rules: try await RiskMonitoring.rules(of: id, language: .nl, on: db), plans: try await Plans.attached(picture: id, now: now, on: db),
            signals: try await RiskMonitoring.signals(of: id, on: db))
    }

    // MARK: Keeping

    private func requireKeeper(_ region: RegionCode) throws {
        let decision = RiskPictureRules.keep(user.subject, region: region)
        guard decision.allowed else { throw Problem.forbidden(decision.reason) }
    }

    /// An area is an outline of a threat, not a survey: a region's municipalities fit in far fewer points.
    static let maxAreaPoints = 5000

    /// The area as stored: a checked Polygon or MultiPolygon.
    /// The positions in a geometry's coordinates, counted up to `limit` (a cheap check before the full one).
    static func positions(in value: JSONValue, limit: Int) -> Int {
        var count = 0
        func walk(_ node: JSONValue) {
            guard count < limit, case .array(let items) = node else { return }
            if let first = items.first, case .number = first { count += 1; return }
            for item in items { walk(item); if count >= limit { return } }
        }
        if case .object(let object) = value { walk(object["coordinates"] ?? .null) }
        return count
    }

    static func area(_ value: JSONValue?) throws -> String? {
        guard let value, value != .null else { return nil }
        let counted = Self.positions(in: value, limit: maxAreaPoints + 1)
        guard counted <= maxAreaPoints else {
            throw Problem.invalid("the area has more than \(maxAreaPoints) points (simplify it)", field: "area")
        }
        let geometry: (type: String, json: String)
        do { geometry = try PlotFeatures.geometry(.object(["geometry": value])) } catch var problem as Problem {
            problem.field = "area"
            throw problem
        }
        guard ["Polygon", "MultiPolygon"].contains(geometry.type) else {
            throw Problem.invalid("the area is a Polygon or MultiPolygon, not a \(geometry.type)", field: "area")
        }
        let points = GeoJSONShapes.shapes(value).flatMap(\.polygons).reduce(0) { $0 + $1.outer.count + $1.holes.reduce(0) { $0 + $1.count } }
        guard points <= maxAreaPoints else {
            throw Problem.invalid("the area has \(points) points; at most \(maxAreaPoints) (simplify it)", field: "area")
        }
        return geometry.json
    }

    /// Each partner with the profile of its agreement in effect with the region (the strongest, if several).
    private func profiles(_ codes: [String], region: RegionCode) async throws -> [String: CollaborationProfile] {
        var found: [String: CollaborationProfile] = [:]
        for raw in codes {
            let code = raw.trimmingCharacters(in: .whitespaces).uppercased()
            let standing = try await AccessService.standing(of: code, in: [region], at: now, on: db)
            guard let profile = standing.max(by: { $0.rightsRank < $1.rightsRank }) else {
                var problem = Problem.invalid("\(code.prefix(40)) has no agreement in effect with \(region); register it first", field: "partners")
                problem.dutch = "\(code.prefix(40)) heeft geen afspraak die geldt met \(region); registreer de partner eerst."
                throw problem
            }
            found[code] = profile
        }
        return found
    }

    private func checkRisks(_ ids: [UUID], region: RegionCode) async throws {
        for id in ids {
            guard try await RegionalRiskModel.query(on: db).filter(\.$riskID == id).filter(\.$region == region.rawValue).first() != nil else {
                throw Problem.invalid("no risk \(id) in the profile of \(region)", field: "risks")
            }
        }
    }

    private static func json<T: Encodable>(_ value: T) throws -> String { try CanonicalJSON.encode(value) }

    /// A threat is watched while it is still to come or going on.
    private func requireCurrent(_ input: PictureInput) throws {
        guard input.expectedUntil > now else {
            var problem = Problem.invalid("the expected window has passed; a risk picture is of a threat still to come or going on", field: "expectedUntil")
            problem.dutch = "Het verwachte tijdvak is voorbij; een risicobeeld gaat over een dreiging die nog komt of bezig is."
            throw problem
        }
    }

    func open(_ input: PictureInput, region: RegionCode) async throws -> PictureDTO {
        try requireKeeper(region)
        try input.validate()
        try requireCurrent(input)
        let area = try Self.area(input.area)
        let partners = try await profiles(input.partners ?? [], region: region)
        let risks = Array(Set(input.risks ?? []))
        try await checkRisks(risks, region: region)
        let phaseReason = IncidentCommands.given(input.phaseReason)
        let at = Microseconds.from(now)
        let user = self.user
        let row = try await context.write(on: db) { db in
            let row = try await Self.insert(input, region: region, area: area, partners: partners, risks: risks, by: RiskProfiles.Recorder(user),
                                            at: at, on: db)
            if let phaseReason {
                let phase = try await RegionPhases.current(.region(region), on: db).flatMap { RegionPhase(rawValue: $0.phase) } ?? .unrecorded
                if phase == .koud { try await RegionPhases.record(.region(region), .lauw, reason: phaseReason, by: user, at: at, on: db) }
            }
            return row
        }
        return try await view(row)
    }

    /// The picture's fields from checked input.
    static func apply(_ input: PictureInput, area: String?, partners: [String: CollaborationProfile], risks: [UUID], to row: RiskPictureModel) throws {
        row.title = input.title.trimmingCharacters(in: .whitespacesAndNewlines)
        row.kind = input.kind.rawValue
        row.description = input.description.trimmingCharacters(in: .whitespacesAndNewlines)
        row.expectedFrom = Microseconds.from(input.expectedFrom)
        row.expectedUntil = Microseconds.from(input.expectedUntil)
        row.area = area
        row.risks = try json(risks.sorted { $0.uuidString < $1.uuidString })
        row.partners = try json(partners.mapValues(\.rawValue))
    }

    /// Inside the caller's write: a new open picture of checked input, journaled.
    static func insert(_ input: PictureInput, region: RegionCode, area: String?, partners: [String: CollaborationProfile], risks: [UUID],
                       by user: RiskProfiles.Recorder, at: Int64, on db: Database) async throws -> RiskPictureModel {
        let row = RiskPictureModel()
        row.id = NewID.next()
        row.region = region.rawValue
        try apply(input, area: area, partners: partners, risks: risks, to: row)
        row.status = RiskPictureStatus.open.rawValue
        row.version = 1
        row.createdAt = at
        row.createdBy = user.username
        row.createdByName = user.name
        row.createdByOrganisation = user.organisation
        row.updatedAt = at
        try await row.create(on: db)
        try await Journal.append(RiskPictureOpened(Self.payload(row)), on: db, actor: user.username, organisation: user.organisation)
        return row
    }

    /// The picture at `base`, open, for a change inside a write.
    private static func current(_ id: UUID, base: Int, on db: Database) async throws -> RiskPictureModel {
        guard let row = try await RiskPictureModel.find(id, on: db) else { throw Problem.notFound("no risk picture \(id)") }
        guard row.status == RiskPictureStatus.open.rawValue else {
            throw Problem.conflict("the risk picture is \(row.status); it takes no changes")
        }
        guard row.version == base else {
            var problem = Problem.conflict("the risk picture changed since version \(base); it is at version \(row.version) now: reload and try again")
            problem.dutch = "Het risicobeeld is gewijzigd sinds versie \(base); het staat nu op versie \(row.version). Laad opnieuw en probeer het nog eens."
            throw problem
        }
        return row
    }

    func change(_ id: UUID, _ input: PictureInput) async throws -> PictureDTO {
        let known = try await load(id)
        try requireKeeper(known.regionCode)
        try input.validate()
        try requireCurrent(input)
        if input.phaseReason != nil {
            throw Problem.invalid("phaseReason applies when a picture opens; set the region's phase on its own (PUT /regions/{code}/phase)", field: "phaseReason")
        }
        guard let base = input.baseVersion else { throw Problem.invalid("give baseVersion: the version your change was made on", field: "baseVersion") }
        let area = try Self.area(input.area)
        let partners = try await profiles(input.partners ?? [], region: known.regionCode)
        let risks = Array(Set(input.risks ?? []))
        try await checkRisks(risks, region: known.regionCode)
        let at = Microseconds.from(now)
        let user = self.user
        let row = try await context.write(on: db) { db in
            let row = try await Self.current(id, base: base, on: db)
            try Self.apply(input, area: area, partners: partners, risks: risks, to: row)
            row.version += 1
            row.updatedAt = at
            try await row.update(on: db)
            try await Journal.append(RiskPictureChanged(Self.payload(row)), on: db, actor: user.username, organisation: user.organisationCode)
            return row
        }
        return try await view(row)
    }

    func close(_ id: UUID, _ input: ClosureInput) async throws -> PictureDTO {
        let known = try await load(id)
        try requireKeeper(known.regionCode)
        guard let reason = RiskProfileRules.withdrawalReason(input.reason) else {
            var problem = Problem.invalid("say why the risk picture closes: a reason of 3 to 1000 characters", field: "reason")
            problem.dutch = "Zeg waarom het risicobeeld wordt afgesloten: een reden van 3 tot 1000 tekens."
            throw problem
        }
        let at = Microseconds.from(now)
        let user = self.user
        let row = try await context.write(on: db) { db in
            let row = try await Self.current(id, base: input.baseVersion, on: db)
            row.status = RiskPictureStatus.closed.rawValue
            row.closedReason = reason
            row.version += 1
            row.updatedAt = at
            try await row.update(on: db)
            try await Journal.append(
                RiskPictureChanged(Self.payload(row, reason: reason)), on: db, actor: user.username, organisation: user.organisationCode)
            return row
        }
        return try await view(row)
    }

    // MARK: Effects

    func addEffect(to id: UUID, _ input: EffectInput) async throws -> EffectDTO {
        let row = try await load(id)
        let subject = user.subject
        let staff = subject.organisationKind == .region && subject.regionCode == row.regionCode
        let theme: Theme
        if let given = input.theme {
            guard let parsed = Theme(given) else { throw Problem.invalid("unknown theme '\(given.prefix(60))'", field: "theme") }
            theme = parsed
        } else {
            theme = staff ? .algemeen : .partner(subject.organisationCode)
        }
        let terms: EffectTerms
        switch RiskPictureRules.addEffect(subject, region: row.regionCode, partners: row.partnerProfiles, theme: theme) {
        case .success(let allowed): terms = allowed
        case .failure(let refusal): throw Problem.forbidden(refusal.reason)
        }
        guard row.status == RiskPictureStatus.open.rawValue else {
            throw Problem.conflict("the risk picture is \(row.status); it takes no new effects")
        }
        try input.validate()
        let at = Microseconds.from(now)
        let user = self.user
        let effect = try await context.write(on: db) { db in
            try await Self.insertEffect(input, theme: theme, terms: terms, on: id, by: RiskProfiles.Recorder(user), at: at, on: db)
        }
        return EffectDTO(effect)
    }

    /// Inside the caller's write: a checked effect on its terms, journaled.
    static func insertEffect(_ input: EffectInput, theme: Theme, terms: EffectTerms, on id: UUID, by user: RiskProfiles.Recorder, at: Int64,
                             on db: Database) async throws -> RiskEffectModel {
        let effect = RiskEffectModel()
        effect.id = NewID.next()
        effect.pictureID = id
        effect.theme = theme.description
        effect.text = input.text.trimmingCharacters(in: .whitespacesAndNewlines)
        effect.expectedAt = input.expectedAt.map(Microseconds.from)
        effect.status = terms.awaits ? "awaiting" : "linked"
        if case .awaitingAdmission(let viaLiaison) = terms { effect.viaLiaison = viaLiaison } else { effect.viaLiaison = false }
        effect.author = user.username
        effect.authorName = user.name
        effect.authorOrganisation = user.organisation
        effect.recordedAt = at
        try await effect.create(on: db)
        try await Journal.append(RiskEffectAdded(Self.payload(effect)), on: db, actor: user.username, organisation: user.organisation)
        return effect
    }

    static func payload(_ effect: RiskEffectModel) -> RiskEffectPayload {
        RiskEffectPayload(
            effect: effect.id ?? UUID(), picture: effect.pictureID, theme: effect.theme, text: effect.text,
            expectedAt: effect.expectedAt.map(Microseconds.date), status: effect.status, viaLiaison: effect.viaLiaison)
    }

    func admit(_ effectID: UUID, in id: UUID) async throws -> EffectDTO {
        let row = try await load(id)
        try requireKeeper(row.regionCode)
        let at = Microseconds.from(now)
        let user = self.user
        let effect = try await context.write(on: db) { db in
            guard let effect = try await RiskEffectModel.find(effectID, on: db), effect.pictureID == id else {
                throw Problem.notFound("no expected effect \(effectID) on this risk picture")
            }
            guard effect.awaits else { throw Problem.conflict("the effect does not wait for admission") }
            effect.status = "admitted"
            effect.admittedByName = user.displayName
            effect.admittedAt = at
            try await effect.update(on: db)
            try await Journal.append(RiskEffectAdmitted(Self.payload(effect)), on: db, actor: user.username, organisation: user.organisationCode)
            return effect
        }
        return EffectDTO(effect)
    }

    // MARK: Escalation

    /// Opens an incident from the picture in one write: its title and kind, the vital interests of its
    /// linked risks, its area as the expected effect area, every effect as an entry of its theme by its own
    /// author (those still awaiting admission still awaiting), every invited partner linked under its
    /// profile; the picture records the incident and the region's phase becomes warm.
    func escalate(_ id: UUID, _ input: EscalationInput) async throws -> EscalationDTO {
        let known = try await load(id)
        let region = known.regionCode
        try requireKeeper(region)
        let create = AccessPolicy.decide(user.subject, .create, incident: nil, at: now)
        guard create.allowed else { throw Problem.forbidden(create.reason) }
        var interests: [VitalInterest] = []
        for riskID in known.riskIDs {
            guard let newest = try await RegionalRiskModel.query(on: db).filter(\.$riskID == riskID).sort(\.$version, .descending).first()
            else { continue }
            for interest in try newest.risk().impacts.keys where !interests.contains(interest) { interests.append(interest) }
        }
        let vital = VitalInterest.allCases.filter(interests.contains)
        let nowDate = now
        let at = Microseconds.from(nowDate)
        let user = self.user
        return try await context.write(on: db) { db in
            let row = try await Self.current(id, base: input.baseVersion, on: db)
            let state = IncidentState(
                title: row.title, category: (ThreatKind(rawValue: row.kind) ?? .overig).incidentCategory, location: nil,
                startedAt: nowDate, classification: .incident, vitalInterests: vital, grip: .routine, gripReason: nil, phase: .respons,
                involvedRegions: [region], leadRegion: region)
            try PictureStore.validate(state, replacing: nil)
            let author = user.author
            let version = try await PictureStore.insertIncident(state, exercise: false, by: author, at: at, on: db)
            let incident = version.incidentID
            let reference = try await IncidentModel.read(incident, on: db)?.reference ?? ""
            if let area = row.area {
                _ = try await PictureStore.insertPlot(
                    .init(style: PlotStyle(kind: .effectArea, label: "Verwacht effectgebied (risicobeeld)"), geometry: area, classification: .internal),
                    to: incident, by: author, at: at, on: db)
            }
            let carried = try await Self.carry(row, into: incident, reference: reference, by: author, at: at, on: db)
            let partners = row.partnerProfiles
            let phase = try await RegionPhases.current(.region(region), on: db).flatMap { RegionPhase(rawValue: $0.phase) } ?? .unrecorded
            if phase != .warm {
                try await RegionPhases.record(
                    .region(region), .warm, reason: "Risicobeeld ‘\(row.title.prefix(200))’ opgeschaald naar incident \(reference)", by: user, at: at, on: db)
            }
            return EscalationDTO(incident: incident, reference: reference, effects: carried, partners: partners.keys.sorted())
        }
    }

    /// Inside the caller's write: the picture's partners linked to `incident` under their profile (those
    /// linked already keep their grant), its effects entries of their theme by their authors, and the picture
    /// escalated into it, journaled. Returns how many effects it carried.
    static func carry(_ row: RiskPictureModel, into incident: UUID, reference: String, by author: PictureStore.Author, at: Int64,
                      on db: Database) async throws -> Int {
        let id = try row.requireID()
        let now = Microseconds.date(at)
        let partners = row.partnerProfiles
        for code in partners.keys.sorted() {
            let linked = try await AccessGrantModel.query(on: db).filter(\.$incidentID == incident).filter(\.$organisationCode == code)
                .filter(\.$revokedAt == nil).all().contains { $0.validUntil > at }
            guard !linked else { continue }
            let grant = GrantStore.NewGrant(
                organisation: code, kind: .link(partners[code]!), purpose: "Uit het risicobeeld ‘\(row.title.prefix(200))’",
                until: now.addingTimeInterval(7 * 86_400), status: .active, maxClassification: nil)
            _ = try await GrantStore.insert(grant, incident: incident, by: author, now: now, on: db)
        }
        let effects = try await RiskEffectModel.query(on: db).filter(\.$pictureID == id).sort(\.$recordedAt).all()
        for effect in effects {
            let entry = PictureStore.NewEntry(
                theme: Theme(effect.theme) ?? .algemeen, text: "Verwacht effect: " + effect.text, source: "Risicobeeld ‘\(row.title.prefix(200))’",
                observedAt: effect.recordedAt, priority: .normaal, location: nil, classification: .internal, awaitingAdmission: effect.awaits)
            _ = try await PictureStore.insertEntry(
                entry, to: incident, by: .init(username: effect.author, organisation: effect.authorOrganisation), at: at, on: db)
        }
        row.status = RiskPictureStatus.escalated.rawValue
        row.incidentID = incident
        row.incidentReference = reference
        row.version += 1
        row.updatedAt = at
        try await row.update(on: db)
        try await Journal.append(
            RiskPictureEscalated(picture: id, region: row.region, incident: incident, reference: reference, effects: effects.count,
                                 partners: partners.keys.sorted(), area: row.area != nil),
            on: db, actor: author.username, organisation: author.organisation)
        return effects.count
    }
}

/// `/api/v1/regions/{code}/risk-pictures` and `/api/v1/risk-pictures/{picture}…`.
struct RiskPictureController: RouteCollection {
    func boot(routes: RoutesBuilder) throws {
        routes.get("regions", ":code", "risk-pictures", use: list)
        routes.post("regions", ":code", "risk-pictures", use: open)
        routes.get("risk-pictures", ":picture", use: show)
        routes.put("risk-pictures", ":picture", use: change)
        routes.post("risk-pictures", ":picture", "closure", use: close)
        routes.post("risk-pictures", ":picture", "effects", use: addEffect)
        routes.post("risk-pictures", ":picture", "effects", ":effect", "admission", use: admit)
        routes.post("risk-pictures", ":picture", "escalation", use: escalate)
        routes.post("risk-pictures", ":picture", "rules", use: addRule)
        routes.post("risk-pictures", ":picture", "measurements", use: measure)
        routes.post("risk-pictures", ":picture", "signals", ":signal", "acknowledgement", use: acknowledge)
    }

    func addRule(req: Request) async throws -> Response {
        let added = try await RiskPictures(req).addRule(to: try req.pathID("picture"), try req.decodeStrict(RiskMonitoring.RuleInput.self))
        return try await added.encodeResponse(status: .created, for: req)
    }

    func measure(req: Request) async throws -> Response {
        let result = try await RiskPictures(req).measure(try req.pathID("picture"), try req.decodeStrict(RiskMonitoring.MeasurementInput.self))
        return try await result.encodeResponse(status: .created, for: req)
    }

    func acknowledge(req: Request) async throws -> RiskMonitoring.SignalDTO {
        try await RiskPictures(req).acknowledge(try req.pathID("signal"), in: try req.pathID("picture"))
    }

    func list(req: Request) async throws -> [RiskPictures.PictureDTO] {
        try await RiskPictures(req).list(region: try RegionPhaseController.region(req))
    }

    func open(req: Request) async throws -> Response {
        let pictures = try RiskPictures(req)
        let region = try RegionPhaseController.region(req)
        let opened = try await pictures.open(try req.decodeStrict(RiskPictures.PictureInput.self), region: region)
        return try await opened.encodeResponse(status: .created, for: req)
    }

    func show(req: Request) async throws -> RiskPictures.PictureDTO {
        try await RiskPictures(req).show(try req.pathID("picture"))
    }

    func change(req: Request) async throws -> RiskPictures.PictureDTO {
        try await RiskPictures(req).change(try req.pathID("picture"), try req.decodeStrict(RiskPictures.PictureInput.self))
    }

    func close(req: Request) async throws -> RiskPictures.PictureDTO {
        try await RiskPictures(req).close(try req.pathID("picture"), try req.decodeStrict(RiskPictures.ClosureInput.self))
    }

    func addEffect(req: Request) async throws -> Response {
        let added = try await RiskPictures(req).addEffect(to: try req.pathID("picture"), try req.decodeStrict(RiskPictures.EffectInput.self))
        return try await added.encodeResponse(status: .created, for: req)
    }

    func admit(req: Request) async throws -> RiskPictures.EffectDTO {
        try await RiskPictures(req).admit(try req.pathID("effect"), in: try req.pathID("picture"))
    }

    func escalate(req: Request) async throws -> Response {
        let escalated = try await RiskPictures(req).escalate(try req.pathID("picture"), try req.decodeStrict(RiskPictures.EscalationInput.self))
        return try await escalated.encodeResponse(status: .created, for: req)
    }
}
