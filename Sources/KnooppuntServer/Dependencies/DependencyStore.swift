import Fluent
import Foundation
import KnooppuntCore
import Vapor

/// One version of a node of the dependency model (decision 0032). Rows are only added.
final class DependencyNodeModel: Model, @unchecked Sendable {
    static let schema = "dependency_nodes"

    @ID(key: .id) var id: UUID?
    @Field(key: "node_key") var key: String
    @Field(key: "version") var version: Int
    @Field(key: "kind") var kind: String
    @OptionalField(key: "region") var region: String?
    @OptionalField(key: "owner") var owner: String?
    @Field(key: "classification") var classification: String
    /// The node as canonical JSON (`DependencyNode`).
    @Field(key: "body") var body: String
    /// created, changed, imported or withdrawn.
    @Field(key: "change") var change: String
    @OptionalField(key: "reason") var reason: String?
    @Field(key: "recorded_at_us") var recordedAt: Int64
    @Field(key: "recorded_by") var recordedBy: String
    @Field(key: "recorded_by_name") var recordedByName: String
    @Field(key: "recorded_by_org") var recordedByOrganisation: String

    init() {}

    func node() throws -> DependencyNode { try CanonicalJSON.decode(DependencyNode.self, from: body) }
}

/// One version of an edge ("`node` depends on `dependsOn`") of the dependency model.
final class DependencyEdgeModel: Model, @unchecked Sendable {
    static let schema = "dependency_edges"

    @ID(key: .id) var id: UUID?
    @Field(key: "node_key") var node: String
    @Field(key: "depends_on") var dependsOn: String
    @Field(key: "version") var version: Int
    /// The edge as canonical JSON (`DependencyEdge`).
    @Field(key: "body") var body: String
    @Field(key: "change") var change: String
    @OptionalField(key: "reason") var reason: String?
    @Field(key: "recorded_at_us") var recordedAt: Int64
    @Field(key: "recorded_by") var recordedBy: String
    @Field(key: "recorded_by_name") var recordedByName: String
    @Field(key: "recorded_by_org") var recordedByOrganisation: String

    init() {}

    func edge() throws -> DependencyEdge { try CanonicalJSON.decode(DependencyEdge.self, from: body) }
}

/// The dependency model of this node (C56, C65; decision 0032): vital processes (the national list, not
/// stored), objects and societal functions the regions and their partners record, and the edges between
/// them — each version kept, journaled, and read only as far as the reader may see it.
struct DependencyStore {
    let db: Database
    let context: KnooppuntContext

    enum Change: String, Codable, CaseIterable {
        case created, changed, imported, withdrawn

        var label: LocalizedLabel {
            switch self {
            case .created: LocalizedLabel(nl: "Opgenomen", en: "Recorded")
            case .changed: LocalizedLabel(nl: "Gewijzigd", en: "Changed")
            case .imported: LocalizedLabel(nl: "Ingelezen", en: "Imported")
            case .withdrawn: LocalizedLabel(nl: "Uit het model genomen", en: "Withdrawn from the model")
            }
        }
    }

    // MARK: Input

    struct PositionInput: Codable, Sendable, Equatable {
        var lon: Double
        var lat: Double
    }

    /// A node as the API, the page's form and an import give it.
    struct NodeInput: StrictDecodable {
        var key: String
        var kind: DependencyNodeKind
        var name: String
        var description: String?
        var objectType: DependencyObjectType?
        var functionType: SocietalFunctionType?
        var process: String?
        var owner: String?
        var region: String?
        var location: PositionInput?
        var population: Int?
        var classification: Classification?
        /// For a change: the version it was made on; a newer version refuses it (409).
        var baseVersion: Int?

        enum CodingKeys: String, CodingKey, CaseIterable {
            case key, kind, name, description, objectType, functionType, process, owner, region, location, population, classification, baseVersion
        }

        static var nestedFields: [String: [String]] { ["location": ["lon", "lat"]] }

        func validate() throws {
            if let region, !region.isEmpty, RegionCode(region) == nil {
                throw Problem.invalid("region must be a region code VR01 to VR25", field: "region")
            }
        }

        func node() -> DependencyNode {
            func trimmed(_ text: String?) -> String? {
                guard let text = text?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty else { return nil }
                return text
            }
            return DependencyNode(
                key: key.trimmingCharacters(in: .whitespaces), kind: kind, name: name.trimmingCharacters(in: .whitespacesAndNewlines),
                description: trimmed(description), objectType: objectType, functionType: functionType, process: trimmed(process),
                owner: trimmed(owner)?.uppercased(), region: region.flatMap { RegionCode($0) },
                location: location.map { Position(lon: $0.lon, lat: $0.lat) }, population: population, classification: classification)
        }
    }

    struct SourceInput: Codable, Sendable {
        var kind: DependencySourceKind
        var reference: String
    }

    struct EdgeInput: StrictDecodable {
        var node: String
        var dependsOn: String
        var delayMinutes: Int
        var probability: Double
        var source: SourceInput
        var effect: String?
        var baseVersion: Int?

        enum CodingKeys: String, CodingKey, CaseIterable { case node, dependsOn, delayMinutes, probability, source, effect, baseVersion }

        static var nestedFields: [String: [String]] { ["source": ["kind", "reference"]] }

        func edge() -> DependencyEdge {
            let effect = self.effect?.trimmingCharacters(in: .whitespacesAndNewlines)
            return DependencyEdge(
                node: node.trimmingCharacters(in: .whitespaces), dependsOn: dependsOn.trimmingCharacters(in: .whitespaces),
                delayMinutes: delayMinutes, probability: probability,
                source: DependencySource(kind: source.kind, reference: source.reference.trimmingCharacters(in: .whitespacesAndNewlines)),
                effect: effect?.isEmpty == false ? effect : nil)
        }
    }

    struct WithdrawalInput: StrictDecodable {
        var reason: String
        var baseVersion: Int?
        enum CodingKeys: String, CodingKey, CaseIterable { case reason, baseVersion }
    }

    /// A whole model (or a part of one) to take in: the export's form.
    struct ModelInput: StrictDecodable {
        var nodes: [NodeInput]?
        var edges: [EdgeInput]?
        /// The export names where the vital processes come from; an import ignores it.
        var processSource: String?
        enum CodingKeys: String, CodingKey, CaseIterable { case nodes, edges, processSource }

        static var nestedFields: [String: [String]] {
            [
                "nodes": NodeInput.CodingKeys.allCases.map(\.stringValue).filter { $0 != "baseVersion" },
                "nodes.location": ["lon", "lat"],
                "edges": EdgeInput.CodingKeys.allCases.map(\.stringValue).filter { $0 != "baseVersion" },
                "edges.source": ["kind", "reference"],
            ]
        }
    }

    // MARK: Output

    struct NodeDTO: Content, Equatable {
        var key: String
        var version: Int
        var kind: DependencyNodeKind
        var kindLabel: String
        var typeLabel: String
        var name: String
        var description: String?
        var objectType: DependencyObjectType?
        var functionType: SocietalFunctionType?
        var process: String?
        var owner: String?
        var region: String?
        var municipality: String?
        var location: PositionInput?
        var population: Int?
        var vitalCategory: String?
        var ministry: String?
        var classification: Classification
        var recordedAt: Date?
        var recordedByName: String?

        init(_ node: DependencyNode, row: DependencyNodeModel?, language: Language = .nl) {
            key = node.key
            version = row?.version ?? 1
            kind = node.kind
            kindLabel = node.kind.label.text(language)
            typeLabel = node.typeLabel.text(language)
            name = node.name
            description = node.description
            objectType = node.objectType
            functionType = node.functionType
            process = node.process
            owner = node.owner
            region = node.region?.rawValue
            municipality = node.municipality
            location = node.location.map { PositionInput(lon: $0.lon, lat: $0.lat) }
            population = node.population
            vitalCategory = node.vitalCategory
            ministry = node.ministry
            classification = node.classification
            recordedAt = row.map { Microseconds.date($0.recordedAt) }
            recordedByName = row?.recordedByName
        }
    }

    struct EdgeDTO: Content, Equatable {
        var node: String
        var dependsOn: String
        var version: Int
        var delayMinutes: Int
        var probability: Double
        var source: DependencySource
        var sourceLabel: String
        var effect: String?
        var recordedAt: Date
        var recordedByName: String

        init(_ edge: DependencyEdge, row: DependencyEdgeModel, language: Language = .nl) {
            node = edge.node
            dependsOn = edge.dependsOn
            version = row.version
            delayMinutes = edge.delayMinutes
            probability = edge.probability
            source = edge.source
            sourceLabel = edge.source.kind.label.text(language)
            effect = edge.effect
            recordedAt = Microseconds.date(row.recordedAt)
            recordedByName = row.recordedByName
        }
    }

    struct ModelDTO: Content {
        var nodes: [NodeDTO]
        var edges: [EdgeDTO]
        /// Vital processes come from this list.
        var processSource: String
    }

    struct VersionDTO: Content, Equatable {
        var version: Int
        var change: Change
        var name: String
        var reason: String?
        var recordedAt: Date
        var recordedByName: String
        var recordedByOrganisation: String
    }

    struct NodeDetailDTO: Content {
        var node: NodeDTO
        /// What this node depends on, and what depends on it — as far as the reader may see.
        var dependsOn: [EdgeDTO]
        var dependents: [EdgeDTO]
        var history: [VersionDTO]
    }

    struct ImportResult: Content, Equatable {
        var nodesCreated: Int
        var nodesChanged: Int
        var edgesCreated: Int
        var edgesChanged: Int
        var unchanged: Int
    }

    // MARK: Reading

    /// The model as it stands: the newest version of each stored node and edge that is not withdrawn, and the
    /// vital processes.
    struct Current: Sendable {
        var nodes: [String: (row: DependencyNodeModel?, node: DependencyNode)]
        var edges: [String: (row: DependencyEdgeModel, edge: DependencyEdge)]
        /// Newest rows, withdrawn ones included: the version a change is checked against.
        var newestNodeRows: [String: DependencyNodeModel]
        var newestEdgeRows: [String: DependencyEdgeModel]
    }

    func current() async throws -> Current {
        var nodes: [String: (row: DependencyNodeModel?, node: DependencyNode)] = [:]
        for process in VitalProcesses.nodes { nodes[process.key] = (nil, process) }
        var newestNodes: [String: DependencyNodeModel] = [:]
        for row in try await DependencyNodeModel.query(on: db).sort(\.$key).sort(\.$version).all() { newestNodes[row.key] = row }
        for (key, row) in newestNodes where row.change != Change.withdrawn.rawValue { nodes[key] = (row, try row.node()) }
        var newestEdges: [String: DependencyEdgeModel] = [:]
        for row in try await DependencyEdgeModel.query(on: db).sort(\.$node).sort(\.$dependsOn).sort(\.$version).all() {
            newestEdges["\(row.node)<-\(row.dependsOn)"] = row
        }
        var edges: [String: (row: DependencyEdgeModel, edge: DependencyEdge)] = [:]
        for (key, row) in newestEdges where row.change != Change.withdrawn.rawValue { edges[key] = (row, try row.edge()) }
        return Current(nodes: nodes, edges: edges, newestNodeRows: newestNodes, newestEdgeRows: newestEdges)
    }

    static func requireReader(_ subject: Subject) throws {
        if subject.role.isEmergencyAccount { throw Problem.forbidden(FallbackPolicy.onlyFallback) }
        if subject.role.isAdministrator { throw Problem.forbidden("administrators manage accounts; the dependency model is need-to-know") }
    }

    /// What `subject` may see of the model: the nodes the rules let it read, and the edges between them. An
    /// edge to a node it may not see is not shown, nor its existence.
    func visible(to subject: Subject, _ given: Current? = nil) async throws -> (nodes: [DependencyNode], rows: [String: DependencyNodeModel],
                                                                               edges: [(DependencyEdge, DependencyEdgeModel)]) {
        let model: Current
        if let given { model = given } else { model = try await current() }
        var nodes: [DependencyNode] = []
        var rows: [String: DependencyNodeModel] = [:]
        var seen: Set<String> = []
        for key in model.nodes.keys.sorted() {
            let (row, node) = model.nodes[key]!
            guard DependencyRules.read(subject, node).allowed else { continue }
            nodes.append(node)
            seen.insert(key)
            if let row { rows[key] = row }
        }
        let edges = model.edges.keys.sorted().compactMap { key -> (DependencyEdge, DependencyEdgeModel)? in
            let (row, edge) = model.edges[key]!
            return seen.contains(edge.node) && seen.contains(edge.dependsOn) ? (edge, row) : nil
        }
        return (nodes, rows, edges)
    }

    func model(for subject: Subject, region: RegionCode?, language: Language) async throws -> ModelDTO {
        let view = try await visible(to: subject)
        var keys = Set(view.nodes.map(\.key))
        if let region {
            keys = Set(view.nodes.filter { $0.kind == .process || $0.region == region }.map(\.key))
        }
        return ModelDTO(
            nodes: view.nodes.filter { keys.contains($0.key) }.map { NodeDTO($0, row: view.rows[$0.key], language: language) },
            edges: view.edges.filter { keys.contains($0.0.node) && keys.contains($0.0.dependsOn) }.map { EdgeDTO($0.0, row: $0.1, language: language) },
            processSource: VitalProcesses.source)
    }

    func detail(_ key: String, for subject: Subject, language: Language) async throws -> NodeDetailDTO {
        let view = try await visible(to: subject)
        guard let node = view.nodes.first(where: { $0.key == key }) else { throw Self.noNode(key) }
        let history = try await DependencyNodeModel.query(on: db).filter(\.$key == key).sort(\.$version, .descending).all().map { row in
            VersionDTO(version: row.version, change: Change(rawValue: row.change) ?? .changed, name: (try? row.node().name) ?? row.key,
                       reason: row.reason, recordedAt: Microseconds.date(row.recordedAt), recordedByName: row.recordedByName,
                       recordedByOrganisation: row.recordedByOrganisation)
        }
        return NodeDetailDTO(
            node: NodeDTO(node, row: view.rows[key], language: language),
            dependsOn: view.edges.filter { $0.0.node == key }.map { EdgeDTO($0.0, row: $0.1, language: language) },
            dependents: view.edges.filter { $0.0.dependsOn == key }.map { EdgeDTO($0.0, row: $0.1, language: language) },
            history: history)
    }

    /// A node that does not exist and one the reader may not see answer alike: 404.
    static func noNode(_ key: String) -> Problem {
        var problem = Problem.notFound("the dependency model holds no node '\(key.prefix(80))' that you may see")
        problem.dutch = "Het afhankelijkhedenmodel bevat geen knooppunt ‘\(key.prefix(80))’ dat u mag zien."
        return problem
    }

    // MARK: Keeping

    private func requireKeeping() throws {
        if context.configuration.role == .national {
            throw Problem.conflict("the regions and their partners keep the dependency model on their own node")
        }
    }

    private static func refuse(_ problems: [RiskProblem]) -> Problem {
        guard problems.count > 1 else { return Problem.invalid(problems[0]) }
        var problem = Problem.invalid(
            "\(problems.count) problems: " + problems.prefix(50).map { "\($0.field): \($0.text.en)" }.joined(separator: "; "), field: problems[0].field)
        problem.dutch = "\(problems.count) fouten: " + problems.prefix(50).map { "\($0.field): \($0.text.nl)" }.joined(separator: "; ")
        return problem
    }

    /// Works out the node's municipality from its location and checks that the location lies in the region
    /// the node names.
    private func place(_ node: DependencyNode, field: String = "location") async throws -> DependencyNode {
        var node = node
        node.municipality = nil
        guard let location = node.location else { return node }
        let area = AffectedArea.compute([.point(location)], in: try await MunicipalityAreas.all(on: db))
        node.municipality = area.municipalities.first
        if let region = node.region, let lies = area.regions.first, lies != region {
            var problem = Problem.invalid("the location lies in \(lies.rawValue), not in \(region.rawValue)", field: field)
            problem.dutch = "De plaats ligt in \(lies.rawValue), niet in \(region.rawValue)."
            throw problem
        }
        return node
    }

    private func requireOwnerKnown(_ node: DependencyNode, field: String = "owner") async throws {
        guard let owner = node.owner else { return }
        guard try await OrganisationModel.query(on: db).filter(\.$code == owner).first() != nil else {
            var problem = Problem.invalid("no organisation '\(owner.prefix(40))' in the partner registry", field: field)
            problem.dutch = "Geen organisatie ‘\(owner.prefix(40))’ in het partnerregister."
            throw problem
        }
    }

    /// A node's problems on its own and against the vital processes, by its own field names.
    private static func problems(of node: DependencyNode) -> [RiskProblem] {
        DependencyRules.problems(nodes: [node], edges: [], known: VitalProcesses.keys).map {
            RiskProblem(field: String($0.field.dropFirst("nodes[0].".count)), $0.text)
        }
    }

    private static func requireKeeper(_ subject: Subject, _ node: DependencyNode) throws {
        let decision = DependencyRules.keep(subject, node)
        guard decision.allowed else { throw Problem.forbidden(decision.reason) }
    }

    private static func requireEdgeKeeper(_ subject: Subject, _ edge: DependencyEdge, in model: Current) throws {
        guard let dependent = model.nodes[edge.node]?.node else { throw noNode(edge.node) }
        guard DependencyRules.read(subject, dependent).allowed else { throw noNode(edge.node) }
        guard let cause = model.nodes[edge.dependsOn]?.node, DependencyRules.read(subject, cause).allowed else { throw noNode(edge.dependsOn) }
        let decision = DependencyRules.keep(subject, edgeOn: dependent)
        guard decision.allowed else { throw Problem.forbidden(decision.reason) }
        if dependent.kind == .process {
            // A vital process of the national list depends on other processes only, and each organisation keeps
            // its own reading: another region's edge is not changed or withdrawn from here.
            guard cause.kind == .process else {
                var problem = Problem.invalid("a vital process depends on other vital processes only; record the object's dependency on the process instead",
                                              field: "dependsOn")
                problem.dutch = "Een vitaal proces hangt alleen af van andere vitale processen; leg vast dat het object van het proces afhangt."
                throw problem
            }
            if let newest = model.newestEdgeRows[edge.key], newest.change != Change.withdrawn.rawValue,
               newest.recordedByOrganisation != subject.organisationCode, newest.recordedByOrganisation != "system" {
                throw Problem.forbidden("this dependency between vital processes is \(newest.recordedByOrganisation)'s reading; it keeps it")
            }
        }
    }

    /// Why a node or edge leaves the model: 3 to 1000 characters without control characters.
    private static func withdrawalReason(_ input: WithdrawalInput) throws -> String {
        guard let reason = RiskProfileRules.withdrawalReason(input.reason), TextHygiene.isClean(reason, allowingLineBreaks: true) else {
            var problem = Problem.invalid("say why it leaves the model: a reason of 3 to 1000 characters", field: "reason")
            problem.dutch = "Zeg waarom het uit het model gaat: een reden van 3 tot 1000 tekens."
            throw problem
        }
        return reason
    }

    private static func stale(_ what: String, base: Int?, newest: Int) throws {
        guard let base else { throw Problem.invalid("give baseVersion: the version your change was made on", field: "baseVersion") }
        guard base == newest else {
            var problem = Problem.conflict("\(what) changed since version \(base); it is at version \(newest) now: reload and make the change again")
            problem.dutch = "Gewijzigd sinds versie \(base); het staat nu op versie \(newest). Laad opnieuw en wijzig nog eens."
            throw problem
        }
    }

    static func recordNode(_ node: DependencyNode, version: Int, change: Change, reason: String? = nil, by user: RiskProfiles.Recorder,
                           at: Int64, on db: Database) async throws -> DependencyNodeModel {
        let row = DependencyNodeModel()
        row.id = NewID.next()
        row.key = node.key
        row.version = version
        row.kind = node.kind.rawValue
        row.region = node.region?.rawValue
        row.owner = node.owner
        row.classification = node.classification.rawValue
        row.body = try CanonicalJSON.encode(node)
        row.change = change.rawValue
        row.reason = reason
        row.recordedAt = at
        row.recordedBy = user.username
        row.recordedByName = user.name
        row.recordedByOrganisation = user.organisation
        try await row.create(on: db)
        try await Journal.append(
            DependencyNodeRecorded(node: node.key, version: version, kind: node.kind.rawValue, region: node.region?.rawValue,
                                   change: change.rawValue, name: node.classification == .confidential ? nil : node.name, reason: reason),
            on: db, actor: user.username, organisation: user.organisation)
        return row
    }

    static func recordEdge(_ edge: DependencyEdge, version: Int, change: Change, reason: String? = nil, by user: RiskProfiles.Recorder,
                           at: Int64, on db: Database) async throws -> DependencyEdgeModel {
        let row = DependencyEdgeModel()
        row.id = NewID.next()
        row.node = edge.node
        row.dependsOn = edge.dependsOn
        row.version = version
        row.body = try CanonicalJSON.encode(edge)
        row.change = change.rawValue
        row.reason = reason
        row.recordedAt = at
        row.recordedBy = user.username
        row.recordedByName = user.name
        row.recordedByOrganisation = user.organisation
        try await row.create(on: db)
        try await Journal.append(
            DependencyEdgeRecorded(node: edge.node, dependsOn: edge.dependsOn, version: version, change: change.rawValue,
                                   source: String(edge.source.reference.prefix(200)), reason: reason),
            on: db, actor: user.username, organisation: user.organisation)
        return row
    }

    func createNode(_ input: NodeInput, by user: CurrentUser, language: Language) async throws -> NodeDTO {
        try requireKeeping()
        var node = input.node()
        if input.kind == .process { try Self.requireKeeper(user.subject, node) }
        let problems = Self.problems(of: node)
        if !problems.isEmpty { throw Self.refuse(problems) }
        try Self.requireKeeper(user.subject, node)
        try await requireOwnerKnown(node)
        node = try await place(node)
        let at = Microseconds.from(context.clock.now())
        let recorded = node
        let row = try await context.write(on: db) { db in
            let model = try await DependencyStore(db: db, context: context).current()
            if let withdrawn = model.newestNodeRows[recorded.key], withdrawn.change == Change.withdrawn.rawValue {
                // A key that was withdrawn is recorded anew as its next version.
                return try await Self.recordNode(recorded, version: withdrawn.version + 1, change: .created, by: .init(user),
                                                 at: max(at, withdrawn.recordedAt + 1), on: db)
            }
            if model.nodes[recorded.key] != nil {
                var problem = Problem.conflict("the model already holds a node '\(recorded.key)'; change that one or choose another key")
                problem.field = "key"
                problem.dutch = "Het model bevat al een knooppunt ‘\(recorded.key)’; wijzig dat of kies een andere sleutel."
                throw problem
            }
            return try await Self.recordNode(recorded, version: 1, change: .created, by: .init(user), at: at, on: db)
        }
        return NodeDTO(recorded, row: row, language: language)
    }

    func updateNode(_ key: String, _ input: NodeInput, by user: CurrentUser, language: Language) async throws -> NodeDTO {
        try requireKeeping()
        var node = input.node()
        guard node.key == key else { throw Problem.invalid("the key in the body must be the node's key '\(key.prefix(80))'", field: "key") }
        let problems = Self.problems(of: node)
        let known = try await current()
        guard let (_, before) = known.nodes[key], DependencyRules.read(user.subject, before).allowed else { throw Self.noNode(key) }
        try Self.requireKeeper(user.subject, before)
        if !problems.isEmpty { throw Self.refuse(problems) }
        guard before.kind == node.kind else { throw Problem.invalid("a node keeps its kind; record a new node for another kind", field: "kind") }
        guard before.region == node.region else {
            var problem = Problem.invalid("a node keeps its region; withdraw it and record a new one in the other region", field: "region")
            problem.dutch = "Een knooppunt blijft in zijn regio; trek het in en neem het opnieuw op in de andere regio."
            throw problem
        }
        try Self.requireKeeper(user.subject, node)
        try await requireOwnerKnown(node)
        node = try await place(node)
        let at = Microseconds.from(context.clock.now())
        let recorded = node
        let row = try await context.write(on: db) { db in
            let model = try await DependencyStore(db: db, context: context).current()
            guard let newest = model.newestNodeRows[key], newest.change != Change.withdrawn.rawValue else { throw Self.noNode(key) }
            try Self.stale("the node", base: input.baseVersion, newest: newest.version)
            if try newest.node() == recorded { return newest }
            return try await Self.recordNode(recorded, version: newest.version + 1, change: .changed, by: .init(user),
                                             at: max(at, newest.recordedAt + 1), on: db)
        }
        return NodeDTO(recorded, row: row, language: language)
    }

    /// Withdraws a node and, in the same write, every edge to or from it.
    func withdrawNode(_ key: String, _ input: WithdrawalInput, by user: CurrentUser, language: Language) async throws -> NodeDTO {
        try requireKeeping()
        let known = try await current()
        guard let (_, node) = known.nodes[key], DependencyRules.read(user.subject, node).allowed else { throw Self.noNode(key) }
        try Self.requireKeeper(user.subject, node)
        let reason = try Self.withdrawalReason(input)
        let at = Microseconds.from(context.clock.now())
        let row = try await context.write(on: db) { db in
            let model = try await DependencyStore(db: db, context: context).current()
            guard let newest = model.newestNodeRows[key], newest.change != Change.withdrawn.rawValue else { throw Self.noNode(key) }
            try Self.stale("the node", base: input.baseVersion, newest: newest.version)
            for (_, (row, edge)) in model.edges.sorted(by: { $0.key < $1.key }) where edge.node == key || edge.dependsOn == key {
                _ = try await Self.recordEdge(edge, version: row.version + 1, change: .withdrawn, reason: reason, by: .init(user),
                                              at: max(at, row.recordedAt + 1), on: db)
            }
            return try await Self.recordNode(try newest.node(), version: newest.version + 1, change: .withdrawn, reason: reason,
                                             by: .init(user), at: max(at, newest.recordedAt + 1), on: db)
        }
        return NodeDTO(node, row: row, language: language)
    }

    /// Records an edge, or a new version of it (the pair is the edge's identity).
    func putEdge(_ input: EdgeInput, by user: CurrentUser, language: Language) async throws -> EdgeDTO {
        try requireKeeping()
        let edge = input.edge()
        let problems = edge.problems
        let known = try await current()
        if DependencyRules.isKey(edge.node), DependencyRules.isKey(edge.dependsOn) {
            try Self.requireEdgeKeeper(user.subject, edge, in: known)
        }
        if !problems.isEmpty { throw Self.refuse(problems) }
        let at = Microseconds.from(context.clock.now())
        let row = try await context.write(on: db) { db in
            let model = try await DependencyStore(db: db, context: context).current()
            guard model.nodes[edge.node] != nil else { throw Self.noNode(edge.node) }
            guard model.nodes[edge.dependsOn] != nil else { throw Self.noNode(edge.dependsOn) }
            if let newest = model.newestEdgeRows[edge.key] {
                if newest.change != Change.withdrawn.rawValue {
                    try Self.stale("the dependency", base: input.baseVersion, newest: newest.version)
                    if try newest.edge() == edge { return newest }
                }
                return try await Self.recordEdge(edge, version: newest.version + 1, change: newest.change == Change.withdrawn.rawValue ? .created : .changed,
                                                 by: .init(user), at: max(at, newest.recordedAt + 1), on: db)
            }
            return try await Self.recordEdge(edge, version: 1, change: .created, by: .init(user), at: at, on: db)
        }
        return EdgeDTO(edge, row: row, language: language)
    }

    func withdrawEdge(node: String, dependsOn: String, _ input: WithdrawalInput, by user: CurrentUser, language: Language) async throws -> EdgeDTO {
        try requireKeeping()
        let known = try await current()
        guard let (_, edge) = known.edges["\(node)<-\(dependsOn)"] else {
            throw Problem.notFound("the model holds no dependency of '\(node.prefix(80))' on '\(dependsOn.prefix(80))' that you may see")
        }
        try Self.requireEdgeKeeper(user.subject, edge, in: known)
        let reason = try Self.withdrawalReason(input)
        let at = Microseconds.from(context.clock.now())
        let row = try await context.write(on: db) { db in
            let model = try await DependencyStore(db: db, context: context).current()
            guard let newest = model.newestEdgeRows[edge.key], newest.change != Change.withdrawn.rawValue else {
                throw Problem.notFound("the dependency was withdrawn already")
            }
            try Self.stale("the dependency", base: input.baseVersion, newest: newest.version)
            return try await Self.recordEdge(edge, version: newest.version + 1, change: .withdrawn, reason: reason, by: .init(user),
                                             at: max(at, newest.recordedAt + 1), on: db)
        }
        return EdgeDTO(edge, row: row, language: language)
    }

    /// Takes a model in, all or nothing: every bad item is named with its place in the file and its field; a
    /// node or edge the user may not keep refuses the whole import, named. Nodes with a key the model holds
    /// get a new version when they differ; the model's other parts stay as they are.
    func importModel(_ input: ModelInput, by user: CurrentUser) async throws -> ImportResult {
        try requireKeeping()
        let nodes = (input.nodes ?? []).map { $0.node() }
        let edges = (input.edges ?? []).map { $0.edge() }
        guard !nodes.isEmpty || !edges.isEmpty else { throw Problem.invalid("the file holds no nodes and no edges", field: "nodes") }
        guard nodes.count + edges.count <= DependencyRules.maxImportItems else {
            var problem = Problem.invalid("the file holds \(nodes.count + edges.count) nodes and edges; at most \(DependencyRules.maxImportItems) per import: send it in parts", field: "nodes")
            problem.dutch = "Het bestand bevat \(nodes.count + edges.count) knooppunten en afhankelijkheden; ten hoogste \(DependencyRules.maxImportItems) per keer: lees het in delen in."
            throw problem
        }
        let known = try await current()
        // Only what the user may see counts as known: a node it may not see answers like one that does not exist.
        let storedKeys = Set(known.nodes.filter { DependencyRules.read(user.subject, $0.value.node).allowed }.keys).subtracting(nodes.map(\.key))
        var problems = DependencyRules.problems(nodes: nodes, edges: edges, known: storedKeys)
        for (index, node) in nodes.enumerated() where node.kind == .process {
            problems.append(RiskProblem(field: "nodes[\(index)].kind", LocalizedLabel(
                nl: "de vitale processen zijn de landelijke lijst; ze worden niet ingelezen", en: "the vital processes are the national list; they are not imported")))
        }
        var placed: [DependencyNode] = []
        let areas = try await MunicipalityAreas.all(on: db)
        var owners: [String: Bool] = [:]
        for (index, node) in nodes.enumerated() {
            var node = node
            if let owner = node.owner {
                if owners[owner] == nil { owners[owner] = try await OrganisationModel.query(on: db).filter(\.$code == owner).first() != nil }
                if owners[owner] == false {
                    problems.append(RiskProblem(field: "nodes[\(index)].owner", LocalizedLabel(
                        nl: "geen organisatie \(owner.prefix(40)) in het partnerregister", en: "no organisation \(owner.prefix(40)) in the partner registry")))
                }
            }
            if let location = node.location {
                let area = AffectedArea.compute([.point(location)], in: areas)
                node.municipality = area.municipalities.first
                if let region = node.region, let lies = area.regions.first, lies != region {
                    problems.append(RiskProblem(field: "nodes[\(index)].location", LocalizedLabel(
                        nl: "de plaats ligt in \(lies.rawValue), niet in \(region.rawValue)", en: "the location lies in \(lies.rawValue), not in \(region.rawValue)")))
                }
            } else {
                node.municipality = nil
            }
            placed.append(node)
        }
        if !problems.isEmpty {
            let refusal = Self.refuse(problems)
            var problem = Problem.invalid("nothing imported; " + refusal.detail, field: refusal.field)
            problem.dutch = "Niets ingelezen; " + (refusal.dutch ?? refusal.detail)
            throw problem
        }
        // Every item must be the user's to keep; a node the file changes must be one the user could already see.
        var refusals: [String] = []
        for (index, node) in placed.enumerated() {
            if let before = known.nodes[node.key]?.node, before == node, DependencyRules.read(user.subject, before).allowed { continue }
            if let before = known.nodes[node.key]?.node, before.region != node.region {
                refusals.append("nodes[\(index)] (\(node.key)): a node keeps its region")
            } else if let before = known.nodes[node.key]?.node, !DependencyRules.keep(user.subject, before).allowed {
                refusals.append("nodes[\(index)] (\(node.key)): \(DependencyRules.keep(user.subject, before).reason)")
            } else if case let decision = DependencyRules.keep(user.subject, node), !decision.allowed {
                refusals.append("nodes[\(index)] (\(node.key)): \(decision.reason)")
            }
        }
        let byKey = Dictionary(uniqueKeysWithValues: placed.map { ($0.key, $0) })
        for (index, edge) in edges.enumerated() {
            guard let dependent = byKey[edge.node] ?? known.nodes[edge.node]?.node,
                  let cause = byKey[edge.dependsOn] ?? known.nodes[edge.dependsOn]?.node,
                  DependencyRules.read(user.subject, dependent).allowed || byKey[edge.node] != nil,
                  DependencyRules.read(user.subject, cause).allowed || byKey[edge.dependsOn] != nil
            else {
                refusals.append("edges[\(index)]: the model holds no such node that you may see")
                continue
            }
            if known.edges[edge.key]?.edge == edge { continue }
            if dependent.kind == .process, cause.kind != .process {
                refusals.append("edges[\(index)] (\(edge.node) on \(edge.dependsOn)): a vital process depends on other vital processes only")
                continue
            }
            if dependent.kind == .process, let newest = known.newestEdgeRows[edge.key], newest.change != Change.withdrawn.rawValue,
               newest.recordedByOrganisation != user.organisationCode, newest.recordedByOrganisation != "system" {
                refusals.append("edges[\(index)] (\(edge.node) on \(edge.dependsOn)): \(newest.recordedByOrganisation)'s reading; it keeps it")
                continue
            }
            let decision = DependencyRules.keep(user.subject, edgeOn: dependent)
            if !decision.allowed { refusals.append("edges[\(index)] (\(edge.node) on \(edge.dependsOn)): \(decision.reason)") }
        }
        if !refusals.isEmpty {
            var problem = Problem.forbidden("nothing imported; \(refusals.count) item\(refusals.count == 1 ? "" : "s") you may not keep: "
                                            + refusals.prefix(50).joined(separator: "; "))
            problem.dutch = "Niets ingelezen; \(refusals.count) onderdel\(refusals.count == 1 ? "" : "en") dat u niet mag bijhouden."
            throw problem
        }
        let at = Microseconds.from(context.clock.now())
        let checked = placed
        return try await context.write(on: db) { db in
            try await Self.take(nodes: checked, edges: edges, by: .init(user), at: at, context: context, on: db)
        }
    }

    /// Takes checked nodes and edges in, inside a write; journaled as one import.
    static func take(nodes: [DependencyNode], edges: [DependencyEdge], by user: RiskProfiles.Recorder, at: Int64, context: KnooppuntContext,
                     on db: Database) async throws -> ImportResult {
        let model = try await DependencyStore(db: db, context: context).current()
        var result = ImportResult(nodesCreated: 0, nodesChanged: 0, edgesCreated: 0, edgesChanged: 0, unchanged: 0)
        for node in nodes {
            if let newest = model.newestNodeRows[node.key] {
                if newest.change != Change.withdrawn.rawValue, try newest.node() == node { result.unchanged += 1; continue }
                _ = try await recordNode(node, version: newest.version + 1, change: .imported, by: user, at: max(at, newest.recordedAt + 1), on: db)
                result.nodesChanged += 1
            } else {
                _ = try await recordNode(node, version: 1, change: .imported, by: user, at: at, on: db)
                result.nodesCreated += 1
            }
        }
        for edge in edges {
            if let newest = model.newestEdgeRows[edge.key] {
                if newest.change != Change.withdrawn.rawValue, try newest.edge() == edge { result.unchanged += 1; continue }
                _ = try await recordEdge(edge, version: newest.version + 1, change: .imported, by: user, at: max(at, newest.recordedAt + 1), on: db)
                result.edgesChanged += 1
            } else {
                _ = try await recordEdge(edge, version: 1, change: .imported, by: user, at: at, on: db)
                result.edgesCreated += 1
            }
        }
        try await Journal.append(
            DependencyModelImported(nodesCreated: result.nodesCreated, nodesChanged: result.nodesChanged, edgesCreated: result.edgesCreated,
                                    edgesChanged: result.edgesChanged, unchanged: result.unchanged),
            on: db, actor: user.username, organisation: user.organisation)
        return result
    }

    // MARK: Export

    /// The reader's view of the model in the import's form: what it exports it can take in again.
    func exportJSON(for subject: Subject) async throws -> String {
        struct Export: Encodable {
            var processSource: String
            var nodes: [DependencyNode]
            var edges: [DependencyEdge]
        }
        let view = try await visible(to: subject)
        let stored = view.nodes.filter { $0.kind != .process }.map { node -> DependencyNode in
            var node = node
            node.municipality = nil
            return node
        }
        return try CanonicalJSON.encode(Export(processSource: VitalProcesses.source, nodes: stored, edges: view.edges.map(\.0)))
    }

    /// A GeoJSON FeatureCollection as the export writes it, turned into the JSON import's form: a Point
    /// feature (or one without geometry) is a node, its properties the node's fields and its position the
    /// node's location; a LineString feature is a dependency (`node`, `dependsOn`, `delayMinutes`,
    /// `probability`, `source`, `sourceKind`, `effect`). The export's reading aids (`type`, `municipality`)
    /// are left out; anything else unknown is refused by the import, named by its item.
    static func modelJSON(fromGeoJSON data: Data) throws -> Data {
        let object: Any
        do { object = try JSONSerialization.jsonObject(with: data) } catch {
            throw Problem.badRequest("malformed GeoJSON: not JSON")
        }
        guard let collection = object as? [String: Any], collection["type"] as? String == "FeatureCollection",
              let features = collection["features"] as? [Any]
        else { throw Problem.invalid("send a GeoJSON FeatureCollection with its features", field: "type") }
        guard features.count <= DependencyRules.maxImportItems else {
            throw Problem.invalid("the collection holds \(features.count) features; at most \(DependencyRules.maxImportItems) per import: send it in parts",
                                  field: "features")
        }
        var nodes: [[String: Any]] = []
        var edges: [[String: Any]] = []
        for (index, item) in features.enumerated() {
            guard let feature = item as? [String: Any], feature["type"] as? String == "Feature" else {
                throw Problem.invalid("features[\(index)] is not a GeoJSON Feature", field: "features[\(index)]")
            }
            var properties = feature["properties"] as? [String: Any] ?? [:]
            let geometry = feature["geometry"] as? [String: Any]
            switch geometry?["type"] as? String {
            case nil, "Point":
                properties.removeValue(forKey: "type")
                properties.removeValue(forKey: "municipality")
                if let coordinates = geometry?["coordinates"] as? [Any] {
                    guard coordinates.count == 2, let lon = coordinates[0] as? Double, let lat = coordinates[1] as? Double else {
                        throw Problem.invalid("features[\(index)]: a point has a longitude and a latitude", field: "features[\(index)].geometry")
                    }
                    properties["location"] = ["lon": lon, "lat": lat]
                }
                nodes.append(properties)
            case "LineString":
                var edge = properties
                let reference = edge.removeValue(forKey: "source")
                let kind = edge.removeValue(forKey: "sourceKind")
                edge["source"] = ["kind": kind ?? NSNull(), "reference": reference ?? NSNull()]
                edges.append(edge)
            case let other?:
                throw Problem.invalid("features[\(index)]: a node is a Point and a dependency a LineString, not a \(other.prefix(40))",
                                      field: "features[\(index)].geometry")
            }
        }
        return try JSONSerialization.data(withJSONObject: ["nodes": nodes, "edges": edges])
    }

    /// The reader's view as GeoJSON: located nodes as points, edges between located nodes as lines.
    func exportGeoJSON(for subject: Subject, language: Language) async throws -> String {
        let view = try await visible(to: subject)
        var features: [[String: Any]] = []
        var located: [String: Position] = [:]
        for node in view.nodes {
            guard let at = node.location else { continue }
            located[node.key] = at
            var properties: [String: Any] = [
                "key": node.key, "kind": node.kind.rawValue, "name": node.name, "type": node.typeLabel.text(language),
                "classification": node.classification.rawValue,
            ]
            if let owner = node.owner { properties["owner"] = owner }
            if let region = node.region { properties["region"] = region.rawValue }
            if let municipality = node.municipality { properties["municipality"] = municipality }
            if let process = node.process { properties["process"] = process }
            if let objectType = node.objectType { properties["objectType"] = objectType.rawValue }
            if let functionType = node.functionType { properties["functionType"] = functionType.rawValue }
            if let description = node.description { properties["description"] = description }
            if let population = node.population { properties["population"] = population }
            features.append(["type": "Feature", "geometry": ["type": "Point", "coordinates": [at.lon, at.lat]], "properties": properties])
        }
        for (edge, _) in view.edges {
            guard let from = located[edge.dependsOn], let to = located[edge.node] else { continue }
            var properties: [String: Any] = [
                "node": edge.node, "dependsOn": edge.dependsOn, "delayMinutes": edge.delayMinutes, "probability": edge.probability,
                "source": edge.source.reference, "sourceKind": edge.source.kind.rawValue,
            ]
            if let effect = edge.effect { properties["effect"] = effect }
            features.append(["type": "Feature", "geometry": ["type": "LineString", "coordinates": [[from.lon, from.lat], [to.lon, to.lat]]],
                             "properties": properties])
        }
        let data = try JSONSerialization.data(withJSONObject: ["type": "FeatureCollection", "features": features], options: [.sortedKeys])
        return String(decoding: data, as: UTF8.self)
    }
}
