import Fluent
import Foundation
import KnooppuntCore
import Vapor

/// One version of a risk of a regional risk profile (decision 0028). Rows are only added: the newest
/// version of a risk is the risk now; a withdrawn risk's newest version says so.
final class RegionalRiskModel: Model, @unchecked Sendable {
    static let schema = "regional_risks"

    @ID(key: .id) var id: UUID?
    @Field(key: "risk_id") var riskID: UUID
    @Field(key: "version") var version: Int
    @Field(key: "region") var region: String
    @Field(key: "title") var title: String
    /// The risk as canonical JSON (`RegionalRisk`).
    @Field(key: "body") var body: String
    /// created, changed, adopted, imported or withdrawn.
    @Field(key: "change") var change: String
    /// Why it was withdrawn.
    @OptionalField(key: "reason") var reason: String?
    @Field(key: "recorded_at_us") var recordedAt: Int64
    @Field(key: "recorded_by") var recordedBy: String
    /// The person's name as it was shown then (the national node keeps rows of other nodes' users).
    @Field(key: "recorded_by_name") var recordedByName: String
    @Field(key: "recorded_by_org") var recordedByOrganisation: String
    /// The regional node it came from, on the national node; nil when recorded on this node.
    @OptionalField(key: "source_node") var sourceNode: String?

    init() {}

    func risk() throws -> RegionalRisk { try CanonicalJSON.decode(RegionalRisk.self, from: body) }
}

extension Problem {
    /// Refuses an adoption recorded for a day still to come: Knooppunt records the bestuur's decision, after it.
    static func requireAdopted(on day: String?, before now: Date) throws {
        guard let day, let date = DateTimeText.day(day), date > now else { return }
        var problem = Problem.invalid("the day of adoption \(day) has not come yet; record the adoption once it is taken", field: "adoptedOn")
        problem.dutch = "De dag van vaststelling \(day) is nog niet gekomen; leg de vaststelling vast als ze genomen is."
        throw problem
    }

    /// A 422 naming the field of a rule's problem, in English and Dutch.
    static func invalid(_ problem: RiskProblem) -> Problem {
        var refusal = Problem.invalid(problem.text.en, field: problem.field)
        refusal.dutch = problem.text.nl.prefix(1).uppercased() + problem.text.nl.dropFirst() + "."
        return refusal
    }
}

/// The regional risk profiles (C30, C31, C32; decision 0028): risks recorded, changed, adopted and withdrawn
/// one version at a time, taken in from CSV all or nothing, and the profiles side by side.
struct RiskProfiles {
    let db: Database
    let context: KnooppuntContext

    static let messageKind = "risk-profile"

    enum Change: String, Codable, CaseIterable {
        case created, changed, adopted, imported, withdrawn

        var label: LocalizedLabel {
            switch self {
            case .created: LocalizedLabel(nl: "Opgenomen", en: "Recorded")
            case .changed: LocalizedLabel(nl: "Gewijzigd", en: "Changed")
            case .adopted: LocalizedLabel(nl: "Vaststelling vastgelegd", en: "Adoption recorded")
            case .imported: LocalizedLabel(nl: "Ingelezen uit CSV", en: "Imported from CSV")
            case .withdrawn: LocalizedLabel(nl: "Uit het profiel genomen", en: "Withdrawn from the profile")
            }
        }
    }

    // MARK: Input and output

    /// A risk as the API and the page's form give it.
    struct RiskInput: StrictDecodable {
        var title: String
        var scenario: String
        var likelihood: LikelihoodClass
        var impacts: [VitalInterest: ImpactClass]
        var capacities: [String]?
        var owner: String
        var reviewOn: String
        var careProfile: Bool?
        var adoptedBy: String?
        var adoptedOn: String?
        /// For a change: the version it was made on; a newer version refuses it (409).
        var baseVersion: Int?

        enum CodingKeys: String, CodingKey, CaseIterable {
            case title, scenario, likelihood, impacts, capacities, owner, reviewOn, careProfile, adoptedBy, adoptedOn, baseVersion
        }

        static var nestedFields: [String: [String]] { ["impacts": VitalInterest.allCases.map(\.rawValue)] }

        func risk(in region: RegionCode) throws -> RegionalRisk {
            let by = adoptedBy?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            let on = adoptedOn?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            guard by.isEmpty == on.isEmpty else {
                var problem = Problem.invalid("give who adopted the risk and the day, or neither", field: by.isEmpty ? "adoptedBy" : "adoptedOn")
                problem.dutch = "Geef wie het risico vaststelde én de dag, of geen van beide."
                throw problem
            }
            let risk = RegionalRisk(
                region: region, title: title.trimmingCharacters(in: .whitespacesAndNewlines),
                scenario: scenario.trimmingCharacters(in: .whitespacesAndNewlines), likelihood: likelihood, impacts: impacts,
                capacities: (capacities ?? []).map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty },
                owner: owner.trimmingCharacters(in: .whitespacesAndNewlines), reviewOn: reviewOn.trimmingCharacters(in: .whitespaces),
                careProfile: careProfile ?? false, adoption: by.isEmpty ? nil : RiskAdoption(adoptedBy: by, adoptedOn: on))
            if let first = risk.problems.first { throw Problem.invalid(first) }
            return risk
        }
    }

    struct WithdrawalInput: StrictDecodable {
        var reason: String
        var baseVersion: Int?
        enum CodingKeys: String, CodingKey, CaseIterable { case reason, baseVersion }
    }

    /// A risk as it stands.
    struct RiskDTO: Content, Equatable {
        var id: UUID
        var version: Int
        var region: String
        var title: String
        var scenario: String
        var likelihood: LikelihoodClass
        var impacts: [VitalInterest: ImpactClass]
        /// The most severe impact over the vital interests: the place on the risk diagram.
        var impact: ImpactClass
        var capacities: [String]
        var owner: String
        var reviewOn: String
        /// The review date has come.
        var reviewDue: Bool
        var careProfile: Bool
        var adoptedBy: String?
        var adoptedOn: String?
        var recordedAt: Date
        var recordedByName: String
        var recordedByOrganisation: String
        /// Present when the risk was taken out of the profile: why.
        var withdrawn: String?

        init(_ row: RegionalRiskModel, _ risk: RegionalRisk, now: Date) {
            id = row.riskID
            version = row.version
            region = row.region
            title = risk.title
            scenario = risk.scenario
            likelihood = risk.likelihood
            impacts = risk.impacts
            impact = risk.impact
            capacities = risk.capacities
            owner = risk.owner
            reviewOn = risk.reviewOn
            reviewDue = DateTimeText.day(risk.reviewOn).map { $0 <= now } ?? false
            careProfile = risk.careProfile
            adoptedBy = risk.adoption?.adoptedBy
            adoptedOn = risk.adoption?.adoptedOn
            recordedAt = Microseconds.date(row.recordedAt)
            recordedByName = row.recordedByName
            recordedByOrganisation = row.recordedByOrganisation
            withdrawn = row.change == Change.withdrawn.rawValue ? row.reason ?? "" : nil
        }
    }

    /// One version in a risk's history.
    struct VersionDTO: Content, Equatable {
        var version: Int
        var change: Change
        var title: String
        var likelihood: LikelihoodClass
        var impact: ImpactClass
        var reason: String?
        var recordedAt: Date
        var recordedByName: String
        var recordedByOrganisation: String
    }

    /// One adoption of a risk: by whom, on which day, in which version it was recorded.
    struct AdoptionDTO: Content, Equatable {
        var adoptedBy: String
        var adoptedOn: String
        var version: Int
        var recordedAt: Date
        var recordedByName: String
    }

    /// A risk with every version (newest first) and the history of its adoption (newest first).
    struct DetailDTO: Content {
        var risk: RiskDTO
        var history: [VersionDTO]
        var adoptions: [AdoptionDTO]
    }

    struct ImportResult: Content, Equatable {
        var created: Int
        var changed: Int
        var unchanged: Int
    }

    /// One risk title over the profiles (C32).
    struct NationalRowDTO: Content {
        struct Holding: Content {
            var region: String
            var likelihood: LikelihoodClass
            var impact: ImpactClass
        }
        var title: String
        var shared: Bool
        var regions: [Holding]
    }

    // MARK: Reading

    static func requireReader(_ subject: Subject) throws {
        let decision = RiskProfileRules.read(subject)
        guard decision.allowed else { throw Problem.forbidden(decision.reason) }
    }

    /// Every version of the risks of `region` (every region when nil), by risk, oldest version first.
    func versions(region: RegionCode?) async throws -> [UUID: [RegionalRiskModel]] {
        var query = RegionalRiskModel.query(on: db)
        if let region { query = query.filter(\.$region == region.rawValue) }
        var byRisk: [UUID: [RegionalRiskModel]] = [:]
        for row in try await query.sort(\.$recordedAt).sort(\.$version).all() { byRisk[row.riskID, default: []].append(row) }
        return byRisk.mapValues { $0.sorted { $0.version < $1.version } }
    }

    /// The risks of `region` as they stand (not withdrawn), general profile first, then by title.
    func current(region: RegionCode?) async throws -> [(RegionalRiskModel, RegionalRisk)] {
        var found: [(RegionalRiskModel, RegionalRisk)] = []
        for rows in try await versions(region: region).values {
            guard let newest = rows.last, newest.change != Change.withdrawn.rawValue else { continue }
            found.append((newest, try newest.risk()))
        }
        return found.sorted {
            ($0.1.careProfile ? 1 : 0, $0.0.region, $0.1.title.lowercased()) < ($1.1.careProfile ? 1 : 0, $1.0.region, $1.1.title.lowercased())
        }
    }

    func list(region: RegionCode) async throws -> [RiskDTO] {
        let now = context.clock.now()
        return try await current(region: region).map { RiskDTO($0.0, $0.1, now: now) }
    }

    func detail(_ id: UUID) async throws -> DetailDTO {
        let rows = try await RegionalRiskModel.query(on: db).filter(\.$riskID == id).sort(\.$version).all()
        guard let newest = rows.last else { throw Problem.notFound("no risk \(id)") }
        var history: [VersionDTO] = []
        var adoptions: [AdoptionDTO] = []
        var lastAdoption: RiskAdoption?
        for row in rows {
            let risk = try row.risk()
            history.append(VersionDTO(
                version: row.version, change: Change(rawValue: row.change) ?? .changed, title: risk.title, likelihood: risk.likelihood,
                impact: risk.impact, reason: row.reason, recordedAt: Microseconds.date(row.recordedAt), recordedByName: row.recordedByName,
                recordedByOrganisation: row.recordedByOrganisation))
            if let adoption = risk.adoption, adoption != lastAdoption {
                adoptions.append(AdoptionDTO(adoptedBy: adoption.adoptedBy, adoptedOn: adoption.adoptedOn, version: row.version,
                                             recordedAt: Microseconds.date(row.recordedAt), recordedByName: row.recordedByName))
            }
            lastAdoption = risk.adoption
        }
        return DetailDTO(risk: RiskDTO(newest, try newest.risk(), now: context.clock.now()), history: history.reversed(), adoptions: adoptions.reversed())
    }

    func exportCSV(region: RegionCode) async throws -> String {
        RiskProfileCSV.export(try await current(region: region).map(\.1))
    }

    /// The profiles side by side: every title over the regions' general profiles, shared risks first.
    func national() async throws -> [NationalRowDTO] {
        NationalRiskView.rows(try await current(region: nil).map(\.1)).map { row in
            NationalRowDTO(title: row.title, shared: row.shared, regions: row.regions.keys.sorted().map { region in
                let held = row.regions[region]!
                return .init(region: region.rawValue, likelihood: held.likelihood, impact: held.impact)
            })
        }
    }

    // MARK: Keeping

    private static func requireKeeper(_ subject: Subject, _ region: RegionCode, careProfile: Bool) throws {
        let decision = RiskProfileRules.keep(subject, region: region, careProfile: careProfile)
        guard decision.allowed else { throw Problem.forbidden(decision.reason) }
    }

    private func requireRegionalNode(_ region: RegionCode) throws {
        if context.configuration.role == .national {
            throw Problem.conflict("a region keeps its risk profile on its own node; the national node holds copies")
        }
    }

    /// Who records a version: a signed-in person, or the demo's seeding.
    struct Recorder: Sendable {
        var username: String
        var name: String
        var organisation: String

        init(username: String, name: String, organisation: String) {
            self.username = username
            self.name = name
            self.organisation = organisation
        }

        init(_ user: CurrentUser) { self.init(username: user.username, name: user.displayName, organisation: user.organisationCode) }
    }

    /// The version row for `risk`, journaled; inside a write.
    private static func record(
        _ risk: RegionalRisk, id: UUID, version: Int, change: Change, reason: String? = nil, by user: Recorder, at: Int64, on db: Database
    ) async throws -> RegionalRiskModel {
        let row = RegionalRiskModel()
        row.id = NewID.next()
        row.riskID = id
        row.version = version
        row.region = risk.region.rawValue
        row.title = risk.title
        row.body = try CanonicalJSON.encode(risk)
        row.change = change.rawValue
        row.reason = reason
        row.recordedAt = at
        row.recordedBy = user.username
        row.recordedByName = user.name
        row.recordedByOrganisation = user.organisation
        try await row.create(on: db)
        if change == .withdrawn {
            try await Journal.append(
                RiskWithdrawn(risk: id, region: risk.region.rawValue, version: version, title: risk.title, reason: reason ?? ""), on: db,
                actor: user.username, organisation: user.organisation)
        } else {
            try await Journal.append(
                RiskRecorded(risk: id, region: risk.region.rawValue, version: version, title: risk.title, change: change.rawValue,
                             adoption: risk.adoption), on: db, actor: user.username, organisation: user.organisation)
        }
        return row
    }

    /// The current risks of `region` by shared key (the general and the care profile apart).
    private static func byKey(_ rows: [UUID: [RegionalRiskModel]]) throws -> [String: (RegionalRiskModel, RegionalRisk)] {
        var found: [String: (RegionalRiskModel, RegionalRisk)] = [:]
        for versions in rows.values {
            guard let newest = versions.last, newest.change != Change.withdrawn.rawValue else { continue }
            let risk = try newest.risk()
            found[key(risk)] = (newest, risk)
        }
        return found
    }

    private static func key(_ risk: RegionalRisk) -> String { risk.sharedKey + (risk.careProfile ? "|zorg" : "") }

    private static func sameRiskProblem(_ title: String) -> Problem {
        var problem = Problem.conflict("the profile already holds the risk '\(title)'; change that one")
        problem.field = "title"
        problem.dutch = "Het profiel bevat het risico ‘\(title)’ al; wijzig dat."
        return problem
    }

    func create(_ input: RiskInput, region: RegionCode, by user: CurrentUser) async throws -> RiskDTO {
        let risk = try input.risk(in: region)
        try Self.requireKeeper(user.subject, region, careProfile: risk.careProfile)
        try requireRegionalNode(region)
        try Problem.requireAdopted(on: risk.adoption?.adoptedOn, before: context.clock.now())
        let at = Microseconds.from(context.clock.now())
        let row = try await context.write(on: db) { db in
            let existing = try Self.byKey(try await RiskProfiles(db: db, context: context).versions(region: region))
            if existing[Self.key(risk)] != nil { throw Self.sameRiskProblem(risk.title) }
            return try await Self.record(risk, id: NewID.next(), version: 1, change: .created, by: Recorder(user), at: at, on: db)
        }
        return RiskDTO(row, risk, now: context.clock.now())
    }

    /// The newest version of a risk, checked against the version the change was made on.
    private static func newest(_ id: UUID, base: Int?, on db: Database) async throws -> RegionalRiskModel {
        guard let newest = try await RegionalRiskModel.query(on: db).filter(\.$riskID == id).sort(\.$version, .descending).first() else {
            throw Problem.notFound("no risk \(id)")
        }
        guard newest.change != Change.withdrawn.rawValue else {
            throw Problem.conflict("the risk '\(newest.title)' was taken out of the profile; record it anew")
        }
        guard let base else { throw Problem.invalid("give baseVersion: the version your change was made on", field: "baseVersion") }
        guard base == newest.version else {
            var problem = Problem.conflict("the risk changed since version \(base); it is at version \(newest.version) now: reload and make the change again")
            problem.dutch = "Het risico is gewijzigd sinds versie \(base); het staat nu op versie \(newest.version). Laad opnieuw en wijzig nog eens."
            throw problem
        }
        return newest
    }

    func update(_ id: UUID, _ input: RiskInput, by user: CurrentUser) async throws -> RiskDTO {
        guard let known = try await RegionalRiskModel.query(on: db).filter(\.$riskID == id).first(),
              let region = RegionCode(known.region)
        else { throw Problem.notFound("no risk \(id)") }
        let risk = try input.risk(in: region)
        try Self.requireKeeper(user.subject, region, careProfile: try known.risk().careProfile)
        try Self.requireKeeper(user.subject, region, careProfile: risk.careProfile)
        try requireRegionalNode(region)
        try Problem.requireAdopted(on: risk.adoption?.adoptedOn, before: context.clock.now())
        let at = Microseconds.from(context.clock.now())
        let row = try await context.write(on: db) { db in
            let newest = try await Self.newest(id, base: input.baseVersion, on: db)
            let before = try newest.risk()
            if before == risk { return newest }
            let existing = try Self.byKey(try await RiskProfiles(db: db, context: context).versions(region: region))
            if let other = existing[Self.key(risk)], other.0.riskID != id { throw Self.sameRiskProblem(risk.title) }
            let change: Change = risk.adoption != nil && risk.adoption != before.adoption ? .adopted : .changed
            return try await Self.record(risk, id: id, version: newest.version + 1, change: change, by: Recorder(user),
                                         at: max(at, newest.recordedAt + 1), on: db)
        }
        return RiskDTO(row, risk, now: context.clock.now())
    }

    func withdraw(_ id: UUID, _ input: WithdrawalInput, by user: CurrentUser) async throws -> RiskDTO {
        guard let known = try await RegionalRiskModel.query(on: db).filter(\.$riskID == id).first(),
              let region = RegionCode(known.region)
        else { throw Problem.notFound("no risk \(id)") }
        try Self.requireKeeper(user.subject, region, careProfile: try known.risk().careProfile)
        try requireRegionalNode(region)
        guard let reason = RiskProfileRules.withdrawalReason(input.reason) else {
            var problem = Problem.invalid("say why the risk leaves the profile: a reason of 3 to 1000 characters", field: "reason")
            problem.dutch = "Zeg waarom het risico uit het profiel gaat: een reden van 3 tot 1000 tekens."
            throw problem
        }
        let at = Microseconds.from(context.clock.now())
        let (row, risk) = try await context.write(on: db) { db in
            let newest = try await Self.newest(id, base: input.baseVersion, on: db)
            let risk = try newest.risk()
            let row = try await Self.record(risk, id: id, version: newest.version + 1, change: .withdrawn, reason: reason, by: Recorder(user),
                                            at: max(at, newest.recordedAt + 1), on: db)
            return (row, risk)
        }
        return RiskDTO(row, risk, now: context.clock.now())
    }

    /// Takes a CSV file into `region`'s profile, all or nothing: a risk with the same title (in the same
    /// profile, general or care) gets a new version when it differs, others are added; risks the file does
    /// not name stay as they are.
    func importCSV(_ text: String, region: RegionCode, by user: CurrentUser) async throws -> ImportResult {
        try Self.requireKeeper(user.subject, region, careProfile: false)
        try requireRegionalNode(region)
        let risks: [RegionalRisk]
        switch RiskProfileCSV.parse(text, region: region) {
        case .success(let parsed): risks = parsed
        case .failure(let refusal):
            let count = refusal.problems.count
            var problem = Problem.invalid(
                "nothing imported; \(count) problem\(count == 1 ? "" : "s"): "
                    + refusal.problems.prefix(50).map { $0.described(.en) }.joined(separator: "; "))
            problem.dutch = "Niets ingelezen; \(count) fout\(count == 1 ? "" : "en"): "
                + refusal.problems.prefix(50).map { $0.described(.nl) }.joined(separator: "; ")
            throw problem
        }
        for risk in risks where risk.careProfile { try Self.requireKeeper(user.subject, region, careProfile: true) }
        let at = Microseconds.from(context.clock.now())
        let context = self.context
        return try await context.write(on: db) { db in
            try await Self.take(risks, region: region, by: Recorder(user), at: at, context: context, on: db)
        }
    }

    /// Takes checked risks into `region`'s profile, inside a write; journaled as one import.
    static func take(_ risks: [RegionalRisk], region: RegionCode, by user: Recorder, at: Int64, context: KnooppuntContext,
                     on db: Database) async throws -> ImportResult {
        let existing = try Self.byKey(try await RiskProfiles(db: db, context: context).versions(region: region))
        var result = ImportResult(created: 0, changed: 0, unchanged: 0)
        for risk in risks {
            if let (row, before) = existing[Self.key(risk)] {
                if before == risk { result.unchanged += 1; continue }
                _ = try await Self.record(risk, id: row.riskID, version: row.version + 1, change: .imported, by: user,
                                          at: max(at, row.recordedAt + 1), on: db)
                result.changed += 1
            } else {
                _ = try await Self.record(risk, id: NewID.next(), version: 1, change: .imported, by: user, at: at, on: db)
                result.created += 1
            }
        }
        try await Journal.append(
            RiskProfileImported(region: region.rawValue, created: result.created, changed: result.changed, unchanged: result.unchanged),
            on: db, actor: user.username, organisation: user.organisation)
        return result
    }

    // MARK: Federation

    /// What a federation message carries: one version recorded on the sending regional node.
    struct Message: Codable, Sendable {
        var risk: UUID
        var version: Int
        var region: String
        var body: String
        var change: String
        var reason: String?
        var recordedAt: Int64
        var recordedBy: String
        var recordedByName: String
        var recordedByOrganisation: String
    }

    /// On a regional node: each new version of its own region's profile goes to the national node in the
    /// same write, so the national view holds the 25 profiles (C32).
    struct Reactor: JournalReactor {
        func subscribe(to journal: inout JournalReactions) {
            journal.on(RiskRecorded.self) { event, reaction in
                try await send(event.risk, event.version, event.region, reaction)
            }
            journal.on(RiskWithdrawn.self) { event, reaction in
                try await send(event.risk, event.version, event.region, reaction)
            }
        }

        private func send(_ risk: UUID, _ version: Int, _ region: String, _ reaction: JournalReaction) async throws {
            guard case .region(let own) = reaction.context.configuration.role, region == own.rawValue,
                  let row = try await RegionalRiskModel.query(on: reaction.db).filter(\.$riskID == risk).filter(\.$version == version).first()
            else { return }
            let message = Message(
                risk: risk, version: version, region: region, body: row.body, change: row.change, reason: row.reason, recordedAt: row.recordedAt,
                recordedBy: row.recordedBy, recordedByName: row.recordedByName, recordedByOrganisation: row.recordedByOrganisation)
            let body = Data(try CanonicalJSON.encode(message).utf8)
            for peer in try await NationalSharing.nationalPeers(reaction.context, on: reaction.db) {
                _ = try await FederationOutbox.enqueue(kind: messageKind, body: body, to: peer.name, on: reaction.db, at: Microseconds.date(row.recordedAt))
            }
        }
    }

    /// On the national node, inside the inbox transaction: keeps a version of the sending node's own region
    /// only (a regional node is named after its region, decision 0012), once.
    static func apply(_ body: Data, from node: String, on db: Database) async throws {
        let message = try CanonicalJSON.decode(Message.self, from: String(decoding: body, as: UTF8.self))
        let risk = try CanonicalJSON.decode(RegionalRisk.self, from: message.body)
        guard message.region.lowercased() == node, risk.region.rawValue == message.region else {
            try await FederationRefusals.journal(node: node, kind: messageKind, reason: "node '\(node)' sent a risk of \(message.region.prefix(10)); a node reports its own region's risk profile only", on: db)
            return
        }
        guard risk.problems.isEmpty, Change(rawValue: message.change) != nil, (1...100_000).contains(message.version) else {
            try await FederationRefusals.journal(node: node, kind: messageKind, reason: "a risk that breaks the profile's rules", on: db)
            return
        }
        guard try await RegionalRiskModel.query(on: db).filter(\.$riskID == message.risk).filter(\.$version == message.version).first() == nil
        else { return }
        let row = RegionalRiskModel()
        row.id = NewID.next()
        row.riskID = message.risk
        row.version = message.version
        row.region = message.region
        row.title = risk.title
        row.body = try CanonicalJSON.encode(risk)
        row.change = message.change
        row.reason = message.reason.map { String($0.prefix(1000)) }
        row.recordedAt = message.recordedAt
        row.recordedBy = String(message.recordedBy.prefix(100))
        row.recordedByName = String(message.recordedByName.prefix(200))
        row.recordedByOrganisation = String(message.recordedByOrganisation.prefix(40))
        row.sourceNode = node
        try await row.create(on: db)
    }
}

/// `/api/v1/regions/{code}/risks…`, `/api/v1/risks/{risk}…` and `/api/v1/national/risks`.
struct RiskProfileController: RouteCollection {
    func boot(routes: RoutesBuilder) throws {
        routes.get("regions", ":code", "risks", use: list)
        routes.post("regions", ":code", "risks", use: create)
        routes.get("regions", ":code", "risks", "export", use: export)
        routes.on(.POST, "regions", ":code", "risks", "import", body: .collect(maxSize: "2mb"), use: importCSV)
        routes.get("risks", ":risk", use: show)
        routes.put("risks", ":risk", use: update)
        routes.post("risks", ":risk", "withdrawal", use: withdraw)
        routes.get("national", "risks", use: national)
    }

    private func service(_ req: Request) -> RiskProfiles { RiskProfiles(db: req.db, context: req.knooppunt) }

    private func reader(_ req: Request) throws -> CurrentUser {
        let user = try req.requireUserExplaining()
        try RiskProfiles.requireReader(user.subject)
        return user
    }

    func list(req: Request) async throws -> [RiskProfiles.RiskDTO] {
        _ = try reader(req)
        return try await service(req).list(region: try RegionPhaseController.region(req))
    }

    func create(req: Request) async throws -> Response {
        let user = try req.requireUserExplaining()
        let region = try RegionPhaseController.region(req)
        let created = try await service(req).create(try req.decodeStrict(RiskProfiles.RiskInput.self), region: region, by: user)
        return try await created.encodeResponse(status: .created, for: req)
    }

    func export(req: Request) async throws -> Response {
        _ = try reader(req)
        let region = try RegionPhaseController.region(req)
        let csv = try await service(req).exportCSV(region: region)
        var headers = HTTPHeaders()
        headers.contentType = HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"])
        headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"risicoprofiel-\(region.rawValue).csv\"")
        return Response(status: .ok, headers: headers, body: .init(string: csv))
    }

    func importCSV(req: Request) async throws -> RiskProfiles.ImportResult {
        let user = try req.requireUserExplaining()
        let region = try RegionPhaseController.region(req)
        guard let type = req.headers.contentType, type.type == "text", type.subType == "csv" else {
            throw Problem(status: .unsupportedMediaType, detail: "send the risk profile as text/csv")
        }
        guard let buffer = req.body.data, buffer.readableBytes > 0 else { throw Problem.badRequest("the body is empty; send CSV rows") }
        guard let text = String(data: Data(buffer: buffer), encoding: .utf8) else { throw Problem.badRequest("the CSV is not UTF-8") }
        return try await service(req).importCSV(text, region: region, by: user)
    }

    func show(req: Request) async throws -> RiskProfiles.DetailDTO {
        _ = try reader(req)
        return try await service(req).detail(try req.pathID("risk"))
    }

    func update(req: Request) async throws -> RiskProfiles.RiskDTO {
        let user = try req.requireUserExplaining()
        return try await service(req).update(try req.pathID("risk"), try req.decodeStrict(RiskProfiles.RiskInput.self), by: user)
    }

    func withdraw(req: Request) async throws -> RiskProfiles.RiskDTO {
        let user = try req.requireUserExplaining()
        return try await service(req).withdraw(try req.pathID("risk"), try req.decodeStrict(RiskProfiles.WithdrawalInput.self), by: user)
    }

    func national(req: Request) async throws -> [RiskProfiles.NationalRowDTO] {
        _ = try reader(req)
        return try await service(req).national()
    }
}
