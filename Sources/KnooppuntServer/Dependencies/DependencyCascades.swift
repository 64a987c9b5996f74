import Fluent
import Foundation
import KnooppuntCore
import KnooppuntInterop
import Vapor

/// "What follows?" on the reader's view of the dependency model (decision 0032): the cascade is computed
/// on what the reader may see only, so a confidential object and its edges never show — not even as a
/// step whose name is hidden.
extension DependencyStore {
    struct CascadeInput: StrictDecodable {
        /// Keys of the nodes that fail.
        var nodes: [String]?
        /// A GeoJSON Polygon or MultiPolygon: the area where things fail.
        var area: JSONValue?
        /// With `area`: the vital process that fails in the area only ("power down in this polygon").
        var areaProcess: String?
        var horizonMinutes: Int?
        var leastProbability: Double?

        enum CodingKeys: String, CodingKey, CaseIterable { case nodes, area, areaProcess, horizonMinutes, leastProbability }

        func validate() throws {
            if (nodes ?? []).count > 100 { throw Problem.invalid("at most 100 failing nodes", field: "nodes") }
            if let horizonMinutes, !(1...DependencyRules.delayRange.upperBound).contains(horizonMinutes) {
                throw Problem.invalid("the horizon must be 1 to 43200 minutes (30 days)", field: "horizonMinutes")
            }
            if let leastProbability, !(leastProbability.isFinite && (0.001...1).contains(leastProbability)) {
                throw Problem.invalid("the least probability must be 0.001 to 1", field: "leastProbability")
            }
            if areaProcess != nil, area == nil || area == .null {
                throw Problem.invalid("a process that fails in an area needs the area", field: "area")
            }
        }
    }

    struct CascadeNodeDTO: Content, Equatable {
        var key: String
        var name: String
        var kind: DependencyNodeKind
        var typeLabel: String
        var region: String?
        var regionName: String?
        var municipality: String?
        var owner: String?
        var ownerName: String?
        var location: PositionInput?
        var population: Int?
    }

    struct CascadeStepDTO: Content, Equatable {
        struct Via: Content, Equatable {
            var dependsOn: String
            var dependsOnName: String
            var delayMinutes: Int
            var probability: Double
            var sourceKind: DependencySourceKind
            var sourceLabel: String
            var source: String
            var effect: String?
            /// The node it follows from is confidential: texts that travel further (entries, alerts) leave it out.
            var dependsOnConfidential: Bool
        }

        var node: CascadeNodeDTO
        var atMinutes: Int
        /// "T+1 uur 30 min".
        var atLabel: String
        var probability: Double
        var wave: Int
        var via: Via?
        var onlyInArea: Bool
        /// One sentence a person reads: why this step follows.
        var explanation: String
    }

    struct CascadeWaveDTO: Content, Equatable {
        var index: Int
        var label: String
        var upToMinutes: Int
        var steps: [CascadeStepDTO]
    }

    struct NamedCode: Content, Equatable {
        var code: String
        var name: String
    }

    struct CascadeDTO: Content {
        var waves: [CascadeWaveDTO]
        var regions: [NamedCode]
        /// Affected regions besides the reader's own (or, for a reader without one, besides the regions of
        /// what failed first).
        var regionsToInform: [NamedCode]
        var municipalities: [NamedCode]
        var partners: [NamedCode]
        var population: Int
        var crossesRegions: Bool
        var prunedSteps: Int
        var horizonMinutes: Int
        var leastProbability: Double
    }

    static func minutesLabel(_ minutes: Int, _ language: Language) -> String {
        let days = minutes / 1440, hours = (minutes % 1440) / 60, rest = minutes % 60
        var parts: [String] = []
        if days > 0 { parts.append(language == .nl ? "\(days) \(days == 1 ? "dag" : "dagen")" : "\(days) day\(days == 1 ? "" : "s")") }
        if hours > 0 { parts.append(language == .nl ? "\(hours) uur" : "\(hours) h") }
        if rest > 0 { parts.append("\(rest) min") }
        return parts.isEmpty ? "T+0" : "T+" + parts.joined(separator: " ")
    }

    /// The failure as the core computes it, checked against what the reader may see.
    func failure(_ input: CascadeInput, visible: Set<String>) throws -> CascadeFailure {
        var failure = CascadeFailure()
        for key in input.nodes ?? [] {
            guard visible.contains(key) else { throw Self.noNode(key) }
            if !failure.nodes.contains(key) { failure.nodes.append(key) }
        }
        if let stored = try RiskPictures.area(input.area) { failure.area = GeoJSONShapes.polygons(fromJSON: stored) }
        if let process = input.areaProcess {
            guard VitalProcesses.keys.contains(process) else {
                throw Problem.invalid("'\(process.prefix(80))' is not one of the vital processes", field: "areaProcess")
            }
            failure.areaProcess = process
        }
        guard !failure.isEmpty else { throw Problem.invalid("say what fails: nodes, an area, or both", field: "nodes") }
        return failure
    }

    func cascade(_ input: CascadeInput, for subject: Subject, language: Language) async throws -> CascadeDTO {
        let view = try await visible(to: subject)
        let failure = try failure(input, visible: Set(view.nodes.map(\.key)))
        let horizon = input.horizonMinutes ?? Cascade.defaultHorizon
        let least = input.leastProbability ?? Cascade.defaultLeastProbability
        let graph = DependencyGraph(nodes: view.nodes, edges: view.edges.map(\.0))
        let result = Cascade.compute(graph, failure: failure, horizonMinutes: horizon, leastProbability: least)
        return try await describe(result, graph: graph, for: subject, horizon: horizon, least: least, language: language)
    }

    func describe(_ result: CascadeResult, graph: DependencyGraph, for subject: Subject, horizon: Int, least: Double,
                  language: Language) async throws -> CascadeDTO {
        let organisations = try await OrganisationModel.query(on: db).all()
        let names = Dictionary(organisations.map { ($0.code, $0.name) }, uniquingKeysWith: { first, _ in first })
        let municipalityNames = Dictionary(try await MunicipalityAreas.all(on: db).map { ($0.code, $0.name) }, uniquingKeysWith: { first, _ in first })
        func regionName(_ code: RegionCode) -> String { names[code.rawValue] ?? code.rawValue }
        func node(_ key: String) -> CascadeNodeDTO {
            let node = graph.node(key)!
            return CascadeNodeDTO(
                key: key, name: node.name, kind: node.kind, typeLabel: node.typeLabel.text(language), region: node.region?.rawValue,
                regionName: node.region.map(regionName), municipality: node.municipality, owner: node.owner, ownerName: node.owner.map { names[$0] ?? $0 },
                location: node.location.map { PositionInput(lon: $0.lon, lat: $0.lat) }, population: node.population)
        }
        func step(_ step: CascadeStep) -> CascadeStepDTO {
            let reached = node(step.node)
            var via: CascadeStepDTO.Via?
            var explanation: String
            if let edge = step.via {
                let cause = graph.node(edge.dependsOn)!
                via = .init(dependsOn: edge.dependsOn, dependsOnName: cause.name, delayMinutes: edge.delayMinutes, probability: edge.probability,
                            sourceKind: edge.source.kind, sourceLabel: edge.source.kind.label.text(language), source: edge.source.reference,
                            effect: edge.effect, dependsOnConfidential: cause.classification == .confidential)
                let delay = edge.delayMinutes == 0 ? (language == .nl ? "meteen" : "at once") : (language == .nl ? "na " : "after ")
                    + Self.minutesLabel(edge.delayMinutes, language).dropFirst(2)
                explanation = language == .nl
                    ? "\(reached.name) hangt af van \(cause.name): \(delay) geraakt (kans \(Int((edge.probability * 100).rounded())) %)."
                    : "\(reached.name) depends on \(cause.name): affected \(delay) (chance \(Int((edge.probability * 100).rounded())) %)."
            } else if step.onlyInArea {
                explanation = language == .nl ? "\(reached.name) valt uit in het gebied." : "\(reached.name) fails in the area."
            } else {
                explanation = language == .nl ? "\(reached.name) valt uit." : "\(reached.name) fails."
            }
            return CascadeStepDTO(node: reached, atMinutes: step.atMinutes, atLabel: Self.minutesLabel(step.atMinutes, language),
                                  probability: step.probability, wave: step.wave, via: via, onlyInArea: step.onlyInArea, explanation: explanation)
        }
        var own: Set<RegionCode> = []
        if subject.organisationKind == .region, let region = subject.regionCode { own = [region] }
        if own.isEmpty {
            own = Set(result.steps.filter { $0.via == nil }.compactMap { graph.node($0.node)?.region })
        }
        return CascadeDTO(
            waves: result.waves.map { wave in
                CascadeWaveDTO(index: wave.index, label: Cascade.waveLabel(wave.index).text(language), upToMinutes: min(wave.upToMinutes, horizon),
                               steps: wave.steps.map(step))
            },
            regions: result.regions.map { NamedCode(code: $0.rawValue, name: regionName($0)) },
            regionsToInform: result.regionsToInform(besides: own).map { NamedCode(code: $0.rawValue, name: regionName($0)) },
            municipalities: result.municipalities.map { NamedCode(code: $0, name: municipalityNames[$0] ?? $0) },
            partners: result.partners.map { NamedCode(code: $0, name: names[$0] ?? $0) },
            population: result.population, crossesRegions: result.crossesRegions, prunedSteps: result.prunedSteps,
            horizonMinutes: horizon, leastProbability: least)
    }
}

/// `/api/v1/dependencies…`: the dependency model, its import and export, and "what follows?".
struct DependencyController: RouteCollection {
    func boot(routes: RoutesBuilder) throws {
        let dependencies = routes.grouped("dependencies")
        dependencies.get(use: model)
        dependencies.get("export", use: export)
        dependencies.on(.POST, "import", body: .collect(maxSize: "2mb"), use: importModel)
        dependencies.post("nodes", use: createNode)
        dependencies.get("nodes", ":key", use: node)
        dependencies.put("nodes", ":key", use: updateNode)
        dependencies.post("nodes", ":key", "withdrawal", use: withdrawNode)
        dependencies.put("edges", use: putEdge)
        dependencies.post("edges", ":node", ":dependsOn", "withdrawal", use: withdrawEdge)
        dependencies.post("cascade", use: cascade)
        routes.get("incidents", ":incident", "what-follows", use: incidentCascade)
        routes.post("incidents", ":incident", "what-follows", "entries", use: incidentEntry)
        routes.post("incidents", ":incident", "what-follows", "alerts", use: incidentAlert)
    }

    private func store(_ req: Request) -> DependencyStore { DependencyStore(db: req.db, context: req.knooppunt) }

    private func reader(_ req: Request) throws -> CurrentUser {
        let user = try req.requireUserExplaining()
        try DependencyStore.requireReader(user.subject)
        return user
    }

    private func key(_ req: Request, _ name: String = "key") throws -> String {
        let key = req.parameters.get(name) ?? ""
        guard DependencyRules.isKey(key) else {
            throw Problem.invalid("'\(key.prefix(80))' is not a node key: 2 to 80 lowercase letters, digits or hyphens", field: name)
        }
        return key
    }

    func model(req: Request) async throws -> DependencyStore.ModelDTO {
        let user = try reader(req)
        let region = try req.query[String.self, at: "region"].map { raw in
            guard let region = RegionCode(raw) else { throw Problem.invalid("region must be VR01 to VR25", field: "region") }
            return region
        }
        return try await store(req).model(for: user.subject, region: region, language: req.uiLanguage)
    }

    func node(req: Request) async throws -> DependencyStore.NodeDetailDTO {
        let user = try reader(req)
        return try await store(req).detail(try key(req), for: user.subject, language: req.uiLanguage)
    }

    func createNode(req: Request) async throws -> Response {
        let user = try reader(req)
        let created = try await store(req).createNode(try req.decodeStrict(DependencyStore.NodeInput.self), by: user, language: req.uiLanguage)
        return try await created.encodeResponse(status: .created, for: req)
    }

    func updateNode(req: Request) async throws -> DependencyStore.NodeDTO {
        let user = try reader(req)
        return try await store(req).updateNode(try key(req), try req.decodeStrict(DependencyStore.NodeInput.self), by: user, language: req.uiLanguage)
    }

    func withdrawNode(req: Request) async throws -> DependencyStore.NodeDTO {
        let user = try reader(req)
        return try await store(req).withdrawNode(try key(req), try req.decodeStrict(DependencyStore.WithdrawalInput.self), by: user,
                                                 language: req.uiLanguage)
    }

    func putEdge(req: Request) async throws -> DependencyStore.EdgeDTO {
        let user = try reader(req)
        return try await store(req).putEdge(try req.decodeStrict(DependencyStore.EdgeInput.self), by: user, language: req.uiLanguage)
    }

    func withdrawEdge(req: Request) async throws -> DependencyStore.EdgeDTO {
        let user = try reader(req)
        return try await store(req).withdrawEdge(node: try key(req, "node"), dependsOn: try key(req, "dependsOn"),
                                                 try req.decodeStrict(DependencyStore.WithdrawalInput.self), by: user, language: req.uiLanguage)
    }

    func importModel(req: Request) async throws -> DependencyStore.ImportResult {
        let user = try reader(req)
        if let type = req.headers.contentType, type.type == "application", type.subType == "geo+json" {
            guard let buffer = req.body.data, buffer.readableBytes > 0 else { throw Problem.badRequest("the body is empty; send a GeoJSON FeatureCollection") }
            let json = try DependencyStore.modelJSON(fromGeoJSON: Data(buffer.readableBytesView))
            return try await store(req).importModel(try StrictJSON.decode(DependencyStore.ModelInput.self, from: json), by: user)
        }
        return try await store(req).importModel(try req.decodeStrict(DependencyStore.ModelInput.self), by: user)
    }

    func export(req: Request) async throws -> Response {
        let user = try reader(req)
        let format = try req.query[String.self, at: "format"] ?? "json"
        var headers = HTTPHeaders()
        let body: String
        switch format {
        case "json":
            body = try await store(req).exportJSON(for: user.subject)
            headers.contentType = .json
            headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"afhankelijkheden.json\"")
        case "geojson":
            body = try await store(req).exportGeoJSON(for: user.subject, language: req.uiLanguage)
            headers.contentType = HTTPMediaType(type: "application", subType: "geo+json")
            headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"afhankelijkheden.geojson\"")
        default:
            throw Problem.invalid("format must be json or geojson", field: "format")
        }
        return Response(status: .ok, headers: headers, body: .init(string: body))
    }

    func cascade(req: Request) async throws -> DependencyStore.CascadeDTO {
        let user = try reader(req)
        return try await store(req).cascade(try req.decodeStrict(DependencyStore.CascadeInput.self), for: user.subject, language: req.uiLanguage)
    }

    private func incident(_ req: Request, _ user: CurrentUser) -> IncidentCascades {
        IncidentCascades(db: req.db, context: req.knooppunt, user: user, language: req.uiLanguage)
    }

    /// What may follow from an incident: from what lies in its area, or from the nodes named in `failing`.
    func incidentCascade(req: Request) async throws -> IncidentCascades.ResultDTO {
        let user = try reader(req)
        let failing = try req.query[[String].self, at: "failing"]
        for key in failing ?? [] where !DependencyRules.isKey(key) {
            throw Problem.invalid("'\(key.prefix(80))' is not a node key", field: "failing")
        }
        return try await incident(req, user).compute(try IncidentRequest.incidentID(req), failing: failing)
    }

    func incidentEntry(req: Request) async throws -> Response {
        let user = try reader(req)
        let id = try IncidentRequest.incidentID(req)
        let entry = try await incident(req, user).entry(id, try req.decodeStrict(IncidentCascades.EntryInput.self), commands: IncidentCommands(req))
        struct Made: Content { var entry: UUID; var version: Int }
        return try await Made(entry: entry.entryID, version: entry.version).encodeResponse(status: .created, for: req)
    }

    func incidentAlert(req: Request) async throws -> Response {
        let user = try reader(req)
        let alert = try await incident(req, user).alert(try IncidentRequest.incidentID(req), try req.decodeStrict(IncidentCascades.AlertInput.self))
        return try await alert.encodeResponse(status: .created, for: req)
    }
}
