import Fluent
import Foundation
import KnooppuntCore
import KnooppuntInterop
import Vapor

/// "Wat kan volgen" on an incident (decision 0032): the cascade from what lies in the incident's area — its
/// location and the plots that mark its area; a location that is a point counts with 2 km around it — or
/// from the nodes the reader chooses; and the steps turned into an entry, an alert to the partner concerned
/// or (from the page) a GRIP 5 / IRBT proposal.
struct IncidentCascades {
    let db: Database
    let context: KnooppuntContext
    let user: CurrentUser
    var language: Language = .nl

    /// Around an incident located at a point, what lies within this many metres fails with it.
    static let pointRadius = 2000.0
    /// The source an entry made from a step carries.
    static let entrySource = "Cascademodel (Wat kan volgen)"

    struct Candidate: Content, Equatable {
        var key: String
        var name: String
        var typeLabel: String
        var region: String?
        var inArea: Bool

        init(_ node: DependencyNode, _ language: Language, inArea: Bool = false) {
            key = node.key
            name = node.name
            typeLabel = node.typeLabel.text(language)
            region = node.region?.rawValue
            self.inArea = inArea
        }
    }

    struct ResultDTO: Content {
        var cascade: DependencyStore.CascadeDTO
        /// What fails first: the nodes chosen, or what lies in the incident's area.
        var failing: [Candidate]
        /// True when the failure is the incident's area (nothing chosen).
        var fromArea: Bool
        /// What the reader may choose to fail: objects and functions in the incident's regions or area.
        var candidates: [Candidate]
        /// Who is responsible in this scenario and phase (decision 0033): the bestuurlijke netwerkkaart for the
        /// ministries of the vital processes the cascade reaches, in the lead region's phase (warm when the
        /// region recorded none: the incident is being fought).
        var rolesPhase: RegionPhase
        var ministries: [String]
        var roles: [NetworkMaps.ResponsibilityDTO]
        /// A vital process of the scenario, for the link to the whole network map.
        var scenarioProcess: String?
        /// Steps already made an entry of the incident, and the partners already alerted for it.
        var reported: [String]
        var alerted: [String]
    }

    struct EntryInput: StrictDecodable {
        /// The step to turn into an entry.
        var node: String
        /// The failing nodes the cascade was computed from (none: the incident's area).
        var failing: [String]?
        enum CodingKeys: String, CodingKey, CaseIterable { case node, failing }
    }

    struct AlertInput: StrictDecodable {
        /// The partner to alert: the owner of an affected object or function.
        var partner: String
        var node: String
        var failing: [String]?
        enum CodingKeys: String, CodingKey, CaseIterable { case partner, node, failing }
    }

    struct AlertDTO: Content, Equatable {
        var id: UUID
        var partner: String
        var reason: String
        var raisedAt: Date
    }

    /// The incident's area as polygons: its polygons and circles as they are, a point as 2 km around it.
    static func area(_ shapes: [Shape]) -> [Polygon] {
        shapes.flatMap { shape -> [Polygon] in
            switch shape {
            case .point(let position): Shape.circle(center: position, radius: pointRadius).polygons
            case .line: []
            default: shape.polygons
            }
        }
    }

    func compute(_ id: UUID, failing keys: [String]?) async throws -> ResultDTO {
        let state = try await read(id)
        let store = DependencyStore(db: db, context: context)
        let view = try await store.visible(to: user.subject)
        let plots = try await PictureStore(db: db, context: context).plots(of: id, at: Microseconds.from(context.clock.now()))
        let polygons = Self.area(AffectedAreaView.shapes(incidentLocation: state.location, plots: plots))
        let regions = Set(state.involvedRegions + [state.leadRegion])
        func inArea(_ node: DependencyNode) -> Bool {
            guard let at = node.location else { return false }
            return polygons.contains { $0.contains(at) }
        }
        let candidates = view.nodes.filter { $0.kind != .process && (inArea($0) || $0.region.map(regions.contains) == true) }
            .map { Candidate($0, language, inArea: inArea($0)) }
            .sorted { ($0.inArea ? 0 : 1, $0.name) < ($1.inArea ? 0 : 1, $1.name) }
        var seen: Set<String> = []
        let chosen = (keys ?? []).filter { !$0.isEmpty && seen.insert($0).inserted }
        let failing = chosen.isEmpty ? candidates.filter(\.inArea).map(\.key) : chosen
        let visible = Set(view.nodes.map(\.key))
        guard failing.count <= 100 else { throw Problem.invalid("at most 100 failing nodes", field: "failing") }
        for key in failing where !visible.contains(key) { throw DependencyStore.noNode(key) }
        let graph = DependencyGraph(nodes: view.nodes, edges: view.edges.map(\.0))
        let failure = CascadeFailure(nodes: failing)
        let result = Cascade.compute(graph, failure: failure)
        let cascade = try await store.describe(result, graph: graph, for: user.subject, horizon: Cascade.defaultHorizon,
                                               least: Cascade.defaultLeastProbability, language: language)
        let byKey = Dictionary(uniqueKeysWithValues: view.nodes.map { ($0.key, $0) })
        let scenario = NetworkMaps.ministries(of: result.steps.compactMap { graph.node($0.node) })
        let recorded = try await RegionPhases.current(.region(state.leadRegion), on: db).flatMap { RegionPhase(rawValue: $0.phase) }
        let phase = recorded ?? .warm
        let map = try await NetworkMaps(db: db, context: context).current().map.forScenario(ministries: scenario.ministries, phase: phase)
        return ResultDTO(
            cascade: cascade,
            failing: failing.compactMap { byKey[$0] }.map {
                Candidate($0, language, inArea: inArea($0))
            },
            fromArea: chosen.isEmpty, candidates: Array(candidates.prefix(200)), rolesPhase: phase, ministries: scenario.ministries.sorted(),
            roles: map.responsibilities.sorted { ($0.aspect, $0.actor) < ($1.aspect, $1.actor) }.map { NetworkMaps.ResponsibilityDTO($0, language) },
            scenarioProcess: scenario.processes.first,
            reported: try await reported(id, among: result.steps.compactMap { graph.node($0.node) }),
            alerted: try await PartnerAlertModel.query(on: db).filter(\.$incidentID == id).all().map(\.organisationCode).sorted())
    }

    /// The entry text a step becomes. It names the step and its timing; the node it follows from only when
    /// that is not confidential — the incident's readers are not all the model's readers.
    static func entryText(_ step: DependencyStore.CascadeStepDTO) -> String {
        var text = "Wat kan volgen (\(step.atLabel), kans \(Int((step.probability * 100).rounded())) %)" + entryMarker(step.node.name)
        if let via = step.via, !via.dependsOnConfidential {
            text += "; hangt af van \(via.dependsOnName)" + (via.effect.map { ". \($0)" } ?? ".")
        } else {
            text += "."
        }
        return String(text.prefix(4000))
    }

    /// What every entry of a step holds, by which a second one is known.
    static func entryMarker(_ name: String) -> String { "): \(name) kan worden geraakt" }

    /// The steps of `nodes` that are an entry of the incident already.
    private func reported(_ id: UUID, among nodes: [DependencyNode]) async throws -> [String] {
        let texts = try await EntryVersionModel.query(on: db).filter(\.$incidentID == id).filter(\.$source == Self.entrySource).all().map(\.text)
        guard !texts.isEmpty else { return [] }
        return nodes.filter { node in texts.contains { $0.contains(Self.entryMarker(node.name)) } }.map(\.key)
    }

    private func read(_ id: UUID) async throws -> IncidentState {
        try DependencyStore.requireReader(user.subject)
        let target = try await IncidentAccess.authorise(user.subject, incident: id, .read, on: db, at: context.clock.now())
        return try PictureStore.decodeState(target.version)
    }

    /// The step of `node` in the cascade the page showed, computed again: a step is only acted on as the
    /// model gives it now.
    private func step(_ id: UUID, node: String, failing: [String]?) async throws -> DependencyStore.CascadeStepDTO {
        let result = try await compute(id, failing: failing)
        guard let step = result.cascade.waves.flatMap(\.steps).first(where: { $0.node.key == node }) else {
            var problem = Problem.invalid("'\(node.prefix(80))' does not follow from this failure (any more)", field: "node")
            problem.dutch = "‘\(node.prefix(80))’ volgt (nu) niet uit deze uitval."
            throw problem
        }
        return step
    }

    /// Turns a step into an entry of the general theme: unverified, with the cascade model as its source.
    func entry(_ id: UUID, _ input: EntryInput, commands: IncidentCommands) async throws -> EntryVersionModel {
        let step = try await step(id, node: input.node, failing: input.failing)
        let marker = Self.entryMarker(step.node.name)
        if try await EntryVersionModel.query(on: db).filter(\.$incidentID == id).filter(\.$source == Self.entrySource).all()
            .contains(where: { $0.text.contains(marker) }) {
            var problem = Problem.conflict("'\(step.node.name)' is an entry of the incident already")
            problem.dutch = "Van ‘\(step.node.name)’ is al een melding gemaakt."
            throw problem
        }
        return try await commands.addEntry(to: id, AddEntryInput(theme: .algemeen, text: Self.entryText(step), source: Self.entrySource))
    }

    /// Alerts the partner that owns an affected object or function, once per incident, journaled on the
    /// incident; it escalates like any alert when nobody acknowledges it.
    func alert(_ id: UUID, _ input: AlertInput) async throws -> AlertDTO {
        let target = try await IncidentAccess.authorise(user.subject, incident: id, .editIncident, on: db, at: context.clock.now())
        guard target.scope.status == .open, !target.incident.exercise else {
            throw Problem.conflict("alerts are for open incidents that are not an exercise")
        }
        let partner = input.partner.trimmingCharacters(in: .whitespaces).uppercased()
        let step = try await step(id, node: input.node, failing: input.failing)
        guard step.node.owner == partner else {
            var problem = Problem.invalid("\(partner.prefix(40)) does not own '\(step.node.name)'; alert the owner of an affected object", field: "partner")
            problem.dutch = "\(partner.prefix(40)) is geen eigenaar van ‘\(step.node.name)’; alarmeer de eigenaar van een getroffen object."
            throw problem
        }
        let registration = try await PartnerRegistrationModel.query(on: db).filter(\.$organisationCode == partner).first()?.registration()
        let now = Microseconds.from(context.clock.now())
        // The alert names only the partner's own object or function: the rest of the path may not be its to see.
        let reason = String("Wat kan volgen (\(step.atLabel), kans \(Int((step.probability * 100).rounded())) %): \(step.node.name) kan worden geraakt.".prefix(1000))
        let row = try await context.write(on: db) { db in
            if let earlier = try await PartnerAlertModel.query(on: db).filter(\.$incidentID == id).filter(\.$organisationCode == partner).first() {
                var problem = Problem.conflict("\(partner) was alerted for this incident already (\(DisplayFormat.minute(Microseconds.date(earlier.raisedAt))))")
                problem.dutch = "\(partner) is al gealarmeerd voor dit incident (\(DisplayFormat.minute(Microseconds.date(earlier.raisedAt))))."
                throw problem
            }
            let alert = PartnerAlertModel()
            alert.incidentID = id
            alert.organisationCode = partner
            alert.reason = reason
            alert.raisedAt = now
            alert.escalateAfterMinutes = registration?.alertRules.first?.escalateAfterMinutes ?? 15
            alert.escalateTo = (registration?.alertRules.first?.escalateTo ?? .hinOnCall).rawValue
            try await alert.create(on: db)
            try await Journal.append(AlertRaised(try AlertService.payload(alert)), on: db, actor: user.username,
                                     organisation: user.organisationCode, incident: id)
            return alert
        }
        return AlertDTO(id: try row.requireID(), partner: partner, reason: reason, raisedAt: Microseconds.date(now))
    }
}
