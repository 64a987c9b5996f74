import Fluent
import Foundation
import KnooppuntCore
import Vapor

/// One version of the bestuurlijke netwerkkaart as an administrator left it (decision 0033).
final class NetworkMapModel: Model, @unchecked Sendable {
    static let schema = "network_map_versions"

    @ID(key: .id) var id: UUID?
    @Field(key: "version") var version: Int
    /// The map as canonical JSON (`GovernanceNetworkMap`).
    @Field(key: "body") var body: String
    @Field(key: "summary") var summary: String
    @Field(key: "recorded_at_us") var recordedAt: Int64
    @Field(key: "recorded_by") var recordedBy: String
    @Field(key: "recorded_by_name") var recordedByName: String

    init() {}
}

/// The bestuurlijke netwerkkaart digitale ontwrichting (C56, decision 0033): who is responsible for which
/// aspect of digital security in which phase, with the powers, the legal basis and the gaps; per scenario the
/// actors it concerns; changed by administrators, one version at a time.
struct NetworkMaps {
    let db: Database
    let context: KnooppuntContext

    struct Current: Sendable {
        var map: GovernanceNetworkMap
        /// 0: the standard map of the Core, never changed on this node.
        var version: Int
        var recordedAt: Date?
        var recordedByName: String?
    }

    func current() async throws -> Current {
        guard let row = try await NetworkMapModel.query(on: db).sort(\.$version, .descending).first() else {
            return Current(map: .standard, version: 0)
        }
        return Current(map: try CanonicalJSON.decode(GovernanceNetworkMap.self, from: row.body), version: row.version,
                       recordedAt: Microseconds.date(row.recordedAt), recordedByName: row.recordedByName)
    }

    static func requireReader(_ subject: Subject) throws {
        if subject.role.isEmergencyAccount { throw Problem.forbidden(FallbackPolicy.onlyFallback) }
    }

    static func requireEditor(_ subject: Subject) throws {
        guard subject.role.isAdministrator else {
            throw Problem.forbidden("the bestuurlijke netwerkkaart is kept by administrators, not by someone with the role \(subject.role.label.en)")
        }
    }

    // MARK: Scenario

    /// The ministries whose vital processes a failure of `process` reaches on the reader's view of the
    /// dependency model: the process itself and every process reached, or whose objects are reached.
    func ministries(failing process: String, for subject: Subject) async throws -> (ministries: Set<String>, processes: [String]) {
        guard VitalProcesses.keys.contains(process) else {
            throw Problem.invalid("'\(process.prefix(80))' is not one of the vital processes", field: "process")
        }
        let view = try await DependencyStore(db: db, context: context).visible(to: subject)
        let graph = DependencyGraph(nodes: view.nodes, edges: view.edges.map(\.0))
        let result = Cascade.compute(graph, failure: CascadeFailure(nodes: [process]))
        return Self.ministries(of: result.steps.compactMap { graph.node($0.node) })
    }

    /// The ministries of the vital processes among `nodes` or that `nodes` (objects) belong to.
    static func ministries(of nodes: [DependencyNode]) -> (ministries: Set<String>, processes: [String]) {
        let byKey = Dictionary(uniqueKeysWithValues: VitalProcesses.nodes.map { ($0.key, $0) })
        var processes: [String] = []
        for node in nodes {
            let key = node.kind == .process ? node.key : node.process
            if let key, byKey[key] != nil, !processes.contains(key) { processes.append(key) }
        }
        return (Set(processes.compactMap { byKey[$0]?.ministry }), processes)
    }

    // MARK: Changing

    struct ResponsibilityInput: Codable, Sendable {
        var aspect: DigitalSecurityAspect
        var phase: RegionPhase
        var actor: NetworkActor
        var dutyNl: String
        var dutyEn: String
        var legalBasis: String?
        var clarity: NetworkClarity
        var source: String

        var responsibility: NetworkResponsibility {
            let basis = legalBasis?.trimmingCharacters(in: .whitespacesAndNewlines)
            return NetworkResponsibility(
                aspect: aspect, phase: phase, actor: actor,
                duty: LocalizedLabel(nl: dutyNl.trimmingCharacters(in: .whitespacesAndNewlines), en: dutyEn.trimmingCharacters(in: .whitespacesAndNewlines)),
                legalBasis: basis?.isEmpty == false ? basis : nil, clarity: clarity, source: source.trimmingCharacters(in: .whitespacesAndNewlines))
        }
    }

    struct RemoveInput: Codable, Sendable {
        var aspect: DigitalSecurityAspect
        var phase: RegionPhase
        var actor: NetworkActor
    }

    /// A whole map to replace the current one with (the export's form), or one responsibility to record or
    /// remove; each names the version it was made on.
    struct ChangeInput: StrictDecodable {
        var responsibilities: [NetworkResponsibility]?
        var record: ResponsibilityInput?
        var remove: RemoveInput?
        var baseVersion: Int

        enum CodingKeys: String, CodingKey, CaseIterable { case responsibilities, record, remove, baseVersion }

        static var nestedFields: [String: [String]] {
            [
                "responsibilities": ["aspect", "phase", "actor", "duty", "legalBasis", "clarity", "source"],
                "responsibilities.duty": ["nl", "en"],
                "record": ["aspect", "phase", "actor", "dutyNl", "dutyEn", "legalBasis", "clarity", "source"],
                "remove": ["aspect", "phase", "actor"],
            ]
        }

        func validate() throws {
            let given = [responsibilities != nil, record != nil, remove != nil].filter { $0 }.count
            guard given == 1 else {
                throw Problem.invalid("give one of responsibilities (the whole map), record or remove", field: "responsibilities")
            }
        }
    }

    func change(_ input: ChangeInput, by user: CurrentUser) async throws -> Current {
        try Self.requireEditor(user.subject)
        let at = Microseconds.from(context.clock.now())
        return try await context.write(on: db) { db in
            let store = NetworkMaps(db: db, context: context)
            let before = try await store.current()
            guard input.baseVersion == before.version else {
                var problem = Problem.conflict("the map changed since version \(input.baseVersion); it is at version \(before.version) now: reload and change again")
                problem.dutch = "De netwerkkaart is gewijzigd sinds versie \(input.baseVersion); ze staat nu op versie \(before.version). Laad opnieuw."
                throw problem
            }
            var map = before.map
            let summary: String
            if let whole = input.responsibilities {
                map = GovernanceNetworkMap(responsibilities: whole)
                summary = "Hele kaart vervangen (\(whole.count) verantwoordelijkheden)"
            } else if let record = input.record {
                map.upsert(record.responsibility)
                summary = "\(record.actor.label.nl) · \(record.aspect.label.nl) · \(record.phase.label.nl) vastgelegd"
            } else if let key = input.remove {
                guard map.remove(aspect: key.aspect, phase: key.phase, actor: key.actor) != nil else {
                    throw Problem.notFound("the map holds no responsibility of \(key.actor.label.en) for \(key.aspect.label.en) in the \(key.phase.label.en.lowercased())")
                }
                summary = "\(key.actor.label.nl) · \(key.aspect.label.nl) · \(key.phase.label.nl) verwijderd"
            } else {
                throw Problem.invalid("nothing to change", field: "responsibilities")
            }
            var problems = map.validate()
            if let record = input.record, let index = map.responsibilities.firstIndex(where: { $0.key == record.responsibility.key }) {
                // A recorded responsibility's problems are named by the fields it was given in.
                let prefix = "responsibilities[\(index)]"
                let fields = [".duty.nl": ".dutyNl", ".duty.en": ".dutyEn", ".legalBasis": ".legalBasis", ".source": ".source", "": ""]
                problems = problems.map { problem in
                    guard problem.field.hasPrefix(prefix), let renamed = fields[String(problem.field.dropFirst(prefix.count))] else { return problem }
                    return NetworkMapProblem(field: "record" + renamed, problem.text)
                }
            }
            if !problems.isEmpty {
                var problem = Problem.invalid("\(problems.count) problem\(problems.count == 1 ? "" : "s"): "
                                              + problems.prefix(50).map { "\($0.field): \($0.text.en)" }.joined(separator: "; "), field: problems[0].field)
                problem.dutch = "\(problems.count) fout\(problems.count == 1 ? "" : "en"): " + problems.prefix(50).map { "\($0.field): \($0.text.nl)" }.joined(separator: "; ")
                throw problem
            }
            let row = NetworkMapModel()
            row.id = NewID.next()
            row.version = before.version + 1
            row.body = try CanonicalJSON.encode(map)
            row.summary = summary
            row.recordedAt = at
            row.recordedBy = user.username
            row.recordedByName = user.displayName
            try await row.create(on: db)
            try await Journal.append(NetworkMapChanged(version: row.version, responsibilities: map.responsibilities.count, summary: summary),
                                     on: db, actor: user.username, organisation: user.organisationCode)
            return Current(map: map, version: row.version, recordedAt: Microseconds.date(at), recordedByName: user.displayName)
        }
    }

    // MARK: Output

    struct ResponsibilityDTO: Content, Equatable {
        var aspect: DigitalSecurityAspect
        var aspectLabel: String
        var phase: RegionPhase
        var actor: NetworkActor
        var actorLabel: String
        var duty: String
        var legalBasis: String?
        var clarity: NetworkClarity
        var clarityLabel: String
        var source: String

        init(_ responsibility: NetworkResponsibility, _ language: Language) {
            aspect = responsibility.aspect
            aspectLabel = responsibility.aspect.label.text(language)
            phase = responsibility.phase
            actor = responsibility.actor
            actorLabel = responsibility.actor.label.text(language)
            duty = responsibility.duty.text(language)
            legalBasis = responsibility.legalBasis
            clarity = responsibility.clarity
            clarityLabel = responsibility.clarity.label.text(language)
            source = responsibility.source
        }
    }

    struct GapDTO: Content, Equatable {
        var aspect: DigitalSecurityAspect
        var phase: RegionPhase
        var gap: NetworkGap
        var label: String
    }

    struct MapDTO: Content {
        var version: Int
        var recordedAt: Date?
        var recordedByName: String?
        var phase: RegionPhase?
        /// The vital process the scenario starts from, and the processes and ministries it reaches.
        var scenarioProcess: String?
        var scenarioProcesses: [String]
        var ministries: [String]
        var responsibilities: [ResponsibilityDTO]
        var gaps: [GapDTO]
    }

    func view(phase: RegionPhase?, process: String?, for subject: Subject, language: Language) async throws -> MapDTO {
        let current = try await current()
        var map = current.map
        var ministries: [String] = []
        var processes: [String] = []
        if let process {
            let scenario = try await self.ministries(failing: process, for: subject)
            ministries = scenario.ministries.sorted()
            processes = scenario.processes
            map = map.forScenario(ministries: scenario.ministries, phase: phase)
        } else if let phase {
            map = GovernanceNetworkMap(responsibilities: map.responsibilities(for: phase))
        }
        let gaps = map.grid.filter { phase == nil || $0.phase == phase }.compactMap { cell -> GapDTO? in
            guard let gap = cell.gap else { return nil }
            return GapDTO(aspect: cell.aspect, phase: cell.phase, gap: gap, label: gap.label.text(language))
        }
        return MapDTO(
            version: current.version, recordedAt: current.recordedAt, recordedByName: current.recordedByName, phase: phase, scenarioProcess: process,
            scenarioProcesses: processes, ministries: ministries,
            responsibilities: map.responsibilities.sorted { ($0.aspect, $0.phase, $0.actor) < ($1.aspect, $1.phase, $1.actor) }.map { ResponsibilityDTO($0, language) },
            gaps: gaps)
    }

    /// The map as CSV, one responsibility per row, for a spreadsheet.
    func exportCSV() async throws -> String {
        let rows = try await current().map.responsibilities.map { r in
            [r.aspect.rawValue, r.phase.rawValue, r.actor.rawValue, r.duty.nl, r.duty.en, r.legalBasis ?? "", r.clarity.rawValue, r.source]
        }
        return CSV.table(header: ["aspect", "phase", "actor", "dutyNl", "dutyEn", "legalBasis", "clarity", "source"], rows: rows)
    }
}

/// `/api/v1/network-map`: read (per phase and scenario), change (administrators), export.
struct NetworkMapController: RouteCollection {
    func boot(routes: RoutesBuilder) throws {
        routes.get("network-map", use: show)
        routes.post("network-map", "changes", use: change)
        routes.get("network-map", "export", use: export)
    }

    static func phase(_ req: Request) throws -> RegionPhase? {
        guard let text = try? req.query[String.self, at: "phase"], !text.isEmpty else { return nil }
        guard let phase = RegionPhase(rawValue: text) else { throw Problem.invalid("phase must be koud, lauw or warm", field: "phase") }
        return phase
    }

    static func process(_ req: Request) throws -> String? {
        guard let text = try? req.query[String.self, at: "process"], !text.isEmpty else { return nil }
        guard DependencyRules.isKey(text) else { throw Problem.invalid("process must be the key of a vital process (vp-…)", field: "process") }
        return text
    }

    func show(req: Request) async throws -> NetworkMaps.MapDTO {
        let user = try req.requireUserExplaining()
        try NetworkMaps.requireReader(user.subject)
        return try await NetworkMaps(db: req.db, context: req.knooppunt).view(phase: try Self.phase(req), process: try Self.process(req),
                                                                              for: user.subject, language: req.uiLanguage)
    }

    func change(req: Request) async throws -> NetworkMaps.MapDTO {
        let user = try req.requireUserExplaining()
        let maps = NetworkMaps(db: req.db, context: req.knooppunt)
        _ = try await maps.change(try req.decodeStrict(NetworkMaps.ChangeInput.self), by: user)
        return try await maps.view(phase: nil, process: nil, for: user.subject, language: req.uiLanguage)
    }

    func export(req: Request) async throws -> Response {
        let user = try req.requireUserExplaining()
        try NetworkMaps.requireReader(user.subject)
        let maps = NetworkMaps(db: req.db, context: req.knooppunt)
        var headers = HTTPHeaders()
        let body: String
        switch try req.query[String.self, at: "format"] ?? "json" {
        case "json":
            body = try CanonicalJSON.encode(try await maps.current().map)
            headers.contentType = .json
            headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"netwerkkaart.json\"")
        case "csv":
            body = try await maps.exportCSV()
            headers.contentType = HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"])
            headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"netwerkkaart.csv\"")
        default:
            throw Problem.invalid("format must be json or csv", field: "format")
        }
        return Response(status: .ok, headers: headers, body: .init(string: body))
    }
}
