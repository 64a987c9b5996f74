import Fluent
import Foundation
import KnooppuntCore
import KnooppuntInterop
import Vapor

/// One version of a scenario of the library (decision 0032). Rows are only added.
final class ScenarioModel: Model, @unchecked Sendable {
    static let schema = "dependency_scenarios"

    @ID(key: .id) var id: UUID?
    @Field(key: "scenario_id") var scenarioID: UUID
    @Field(key: "version") var version: Int
    /// A region code, or "national".
    @Field(key: "scope") var scope: String
    @Field(key: "title") var title: String
    /// The scenario as canonical JSON (`DependencyScenario`).
    @Field(key: "body") var body: String
    @Field(key: "recorded_at_us") var recordedAt: Int64
    @Field(key: "recorded_by") var recordedBy: String
    @Field(key: "recorded_by_name") var recordedByName: String

    init() {}

    func scenario() throws -> DependencyScenario { try CanonicalJSON.decode(DependencyScenario.self, from: body) }
}

/// The scenario library (issue 19 point 5, decision 0032): named failures with their assumptions, kept by a
/// region or KCR2, run on the reader's view of the dependency model, and the start of an exercise incident.
struct Scenarios {
    let db: Database
    let context: KnooppuntContext
    let user: CurrentUser

    struct Input: StrictDecodable {
        var title: String
        var assumptions: String
        var failing: [String]
        /// A region code or "national"; by default the user's own region (KCR2: national).
        var scope: String?
        var baseVersion: Int?
        enum CodingKeys: String, CodingKey, CaseIterable { case title, assumptions, failing, scope, baseVersion }

        var scenario: DependencyScenario {
            DependencyScenario(title: title.trimmingCharacters(in: .whitespacesAndNewlines), assumptions: assumptions.trimmingCharacters(in: .whitespacesAndNewlines),
                               failing: failing.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty })
        }
    }

    struct SummaryDTO: Content, Equatable {
        var id: UUID
        var version: Int
        var scope: String
        var title: String
        var assumptions: String
        var failing: [String]
        var recordedAt: Date
        var recordedByName: String
        var mayKeep: Bool
    }

    struct DetailDTO: Content {
        var scenario: SummaryDTO
        var cascade: DependencyStore.CascadeDTO
        /// The failing nodes as the reader may see them (a node it may not see is left out of the run).
        var failing: [IncidentCascades.Candidate]
    }

    private var now: Date { context.clock.now() }

    private func scope(_ text: String?) throws -> PhaseScope {
        if let text, !text.isEmpty {
            guard let scope = PhaseScope(rawValue: text) else { throw Problem.invalid("scope must be a region code VR01 to VR25 or national", field: "scope") }
            return scope
        }
        if let region = user.subject.regionCode, user.subject.organisationKind == .region { return .region(region) }
        return .national
    }


    private func dto(_ row: ScenarioModel) throws -> SummaryDTO {
        let scenario = try row.scenario()
        let scope = PhaseScope(rawValue: row.scope) ?? .national
        return SummaryDTO(id: row.scenarioID, version: row.version, scope: row.scope, title: scenario.title, assumptions: scenario.assumptions,
                          failing: scenario.failing, recordedAt: Microseconds.date(row.recordedAt), recordedByName: row.recordedByName,
                          mayKeep: DependencyScenario.keep(user.subject, scope: scope).allowed)
    }

    /// The newest version of each scenario the user may read, by title.
    func list() async throws -> [SummaryDTO] {
        var newest: [UUID: ScenarioModel] = [:]
        for row in try await ScenarioModel.query(on: db).sort(\.$version).all() { newest[row.scenarioID] = row }
        return try newest.values.filter { row in
            DependencyScenario.read(user.subject, scope: PhaseScope(rawValue: row.scope) ?? .national).allowed
        }.map(dto).sorted { ($0.scope, $0.title) < ($1.scope, $1.title) }
    }

    private func newest(_ id: UUID) async throws -> ScenarioModel {
        guard let row = try await ScenarioModel.query(on: db).filter(\.$scenarioID == id).sort(\.$version, .descending).first(),
              DependencyScenario.read(user.subject, scope: PhaseScope(rawValue: row.scope) ?? .national).allowed
        else { throw Problem.notFound("no scenario \(id) that you may read") }
        return row
    }

    func detail(_ id: UUID, language: Language) async throws -> DetailDTO {
        let row = try await newest(id)
        let scenario = try row.scenario()
        let store = DependencyStore(db: db, context: context)
        let view = try await store.visible(to: user.subject)
        let visible = Dictionary(uniqueKeysWithValues: view.nodes.map { ($0.key, $0) })
        let failing = scenario.failing.filter { visible[$0] != nil }
        let graph = DependencyGraph(nodes: view.nodes, edges: view.edges.map(\.0))
        let result = Cascade.compute(graph, failure: CascadeFailure(nodes: failing))
        let cascade = try await store.describe(result, graph: graph, for: user.subject,
                                               horizon: Cascade.defaultHorizon, least: Cascade.defaultLeastProbability, language: language)
        return DetailDTO(scenario: try dto(row), cascade: cascade, failing: failing.compactMap { visible[$0] }.map {
            IncidentCascades.Candidate($0, language)
        })
    }

    private func check(_ scenario: DependencyScenario) async throws {
        if let first = scenario.problems.first { throw Problem.invalid(first) }
        let view = try await DependencyStore(db: db, context: context).visible(to: user.subject)
        let visible = Set(view.nodes.map(\.key))
        for key in scenario.failing where !visible.contains(key) { throw DependencyStore.noNode(key) }
    }

    func create(_ input: Input) async throws -> SummaryDTO {
        let scope = try scope(input.scope)
        let decision = DependencyScenario.keep(user.subject, scope: scope)
        guard decision.allowed else { throw Problem.forbidden(decision.reason) }
        let scenario = input.scenario
        try await check(scenario)
        let row = try await record(scenario, id: NewID.next(), version: 1, scope: scope)
        return try dto(row)
    }

    func update(_ id: UUID, _ input: Input) async throws -> SummaryDTO {
        let known = try await newest(id)
        let scope = PhaseScope(rawValue: known.scope) ?? .national
        let decision = DependencyScenario.keep(user.subject, scope: scope)
        guard decision.allowed else { throw Problem.forbidden(decision.reason) }
        let scenario = input.scenario
        try await check(scenario)
        guard let base = input.baseVersion else { throw Problem.invalid("give baseVersion: the version your change was made on", field: "baseVersion") }
        let row = try await context.write(on: db) { db in
            guard let newest = try await ScenarioModel.query(on: db).filter(\.$scenarioID == id).sort(\.$version, .descending).first() else {
                throw Problem.notFound("no scenario \(id)")
            }
            guard newest.version == base else {
                var problem = Problem.conflict("the scenario changed since version \(base); it is at version \(newest.version) now: reload and change again")
                problem.dutch = "Het scenario is gewijzigd sinds versie \(base); het staat nu op versie \(newest.version). Laad opnieuw."
                throw problem
            }
            return try await Self.insert(scenario, id: id, version: newest.version + 1, scope: scope, by: RiskProfiles.Recorder(user),
                                         at: max(Microseconds.from(now), newest.recordedAt + 1), on: db)
        }
        return try dto(row)
    }

    private func record(_ scenario: DependencyScenario, id: UUID, version: Int, scope: PhaseScope) async throws -> ScenarioModel {
        let at = Microseconds.from(now)
        let user = self.user
        return try await context.write(on: db) { db in
            try await Self.insert(scenario, id: id, version: version, scope: scope, by: RiskProfiles.Recorder(user), at: at, on: db)
        }
    }

    static func insert(_ scenario: DependencyScenario, id: UUID, version: Int, scope: PhaseScope, by user: RiskProfiles.Recorder, at: Int64,
                       on db: Database) async throws -> ScenarioModel {
        let row = ScenarioModel()
        row.id = NewID.next()
        row.scenarioID = id
        row.version = version
        row.scope = scope.rawValue
        row.title = scenario.title
        row.body = try CanonicalJSON.encode(scenario)
        row.recordedAt = at
        row.recordedBy = user.username
        row.recordedByName = user.name
        try await row.create(on: db)
        try await Journal.append(ScenarioRecorded(scenario: id, version: version, scope: scope.rawValue, title: scenario.title), on: db,
                                 actor: user.username, organisation: user.organisation)
        return row
    }

    /// Starts an exercise incident from the scenario: marked as an exercise (no partner is alerted), of the
    /// kind digital disruption, located at the first failing object the reader may see; what follows is then
    /// computed from the scenario's failing nodes.
    func exercise(_ id: UUID, commands: IncidentCommands) async throws -> (incident: UUID, failing: [String]) {
        let detail = try await detail(id, language: .nl)
        let view = try await DependencyStore(db: db, context: context).visible(to: user.subject)
        let located = detail.failing.compactMap { candidate in view.nodes.first { $0.key == candidate.key }?.location }.first
        let location = located.map { JSONValue.object(["type": .string("Point"), "coordinates": .array([.number($0.lon), .number($0.lat)])]) }
        let (incident, _) = try await commands.create(CreateIncidentInput(
            title: String("Oefening: \(detail.scenario.title)".prefix(200)), category: .digitaleOntwrichting, location: location, exercise: true))
        return (try incident.requireID(), detail.failing.map(\.key))
    }
}
