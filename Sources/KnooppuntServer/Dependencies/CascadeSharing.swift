import Fluent
import Foundation
import KnooppuntCore
import Vapor

/// On the national node: what may follow from a region's incident, as its node last shared it (decision 0032).
final class NationalCascadeModel: Model, @unchecked Sendable {
    static let schema = "national_cascades"

    /// The incident's id on the regional node.
    @ID(key: .id) var id: UUID?
    @Field(key: "region") var region: String
    /// The shared cascade as canonical JSON (`CascadeSharing.Shared`).
    @Field(key: "body") var body: String
    @Field(key: "received_at_us") var receivedAt: Int64
    @Field(key: "source_node") var sourceNode: String

    init() {}
}

/// Cascades that cross regions go up to the national node when the region's IM shares them from "Wat kan
/// volgen" (decision 0032): the steps that are not confidential — the national node reads at the national
/// picture's level — with their region, place and wave, so the national map shows where an incident's
/// consequences run over regional borders.
enum CascadeSharing {
    static let messageKind = "cascade"
    static let maxSteps = 2000

    struct Shared: Content, Equatable {
        struct Step: Content, Equatable {
            var key: String
            var name: String
            var typeLabel: String
            var region: String?
            var lon: Double?
            var lat: Double?
            var wave: Int
            var atLabel: String
            /// The step it follows from, when that step is shared too.
            var from: String?
        }

        var incident: UUID
        var incidentReference: String
        var incidentTitle: String
        var region: String
        var regions: [String]
        var steps: [Step]
        /// Steps left out because they are confidential.
        var withheld: Int
        var sentAt: Date
        var sentByName: String
    }

    /// The shared form of a cascade: its non-confidential steps.
    static func shared(_ result: IncidentCascades.ResultDTO, confidential: Set<String>, incident: (id: UUID, reference: String, title: String),
                       region: RegionCode, by user: CurrentUser, at: Date) -> Shared {
        let steps = result.cascade.waves.flatMap(\.steps)
        let kept = steps.filter { !confidential.contains($0.node.key) }
        let keys = Set(kept.map(\.node.key))
        return Shared(
            incident: incident.id, incidentReference: incident.reference, incidentTitle: incident.title, region: region.rawValue,
            regions: result.cascade.regions.map(\.code),
            steps: kept.prefix(maxSteps).map { step in
                Shared.Step(key: step.node.key, name: step.node.name, typeLabel: step.node.typeLabel, region: step.node.region,
                            lon: step.node.location?.lon, lat: step.node.location?.lat, wave: step.wave, atLabel: step.atLabel,
                            from: step.via.map(\.dependsOn).flatMap { keys.contains($0) ? $0 : nil })
            },
            withheld: steps.count - kept.count, sentAt: at, sentByName: user.displayName)
    }

    /// On a regional node: sends the cascade of an incident of its own region to the national node. Only a
    /// cascade that crosses regions goes up, by someone who may change the incident.
    static func share(_ id: UUID, failing: [String]?, by user: CurrentUser, language: Language, context: KnooppuntContext, on db: Database)
        async throws -> Shared
    {
        guard case .region(let own) = context.configuration.role else {
            throw Problem.conflict("a regional node shares its cascades with the national node; this node is not a regional node")
        }
        let target = try await IncidentAccess.authorise(user.subject, incident: id, .editIncident, on: db, at: context.clock.now())
        let state = try PictureStore.decodeState(target.version)
        guard state.leadRegion == own else { throw Problem.forbidden("the lead region's node shares the incident's cascade") }
        let result = try await IncidentCascades(db: db, context: context, user: user, language: language).compute(id, failing: failing)
        guard result.cascade.crossesRegions else {
            var problem = Problem.conflict("what may follow stays within \(own.rawValue); only cascades that cross regions go to the national node")
            problem.dutch = "Wat kan volgen blijft binnen \(own.rawValue); alleen gevolgen over regiogrenzen gaan naar het landelijk knooppunt."
            throw problem
        }
        let view = try await DependencyStore(db: db, context: context).visible(to: user.subject)
        let confidential = Set(view.nodes.filter { $0.classification == .confidential }.map(\.key))
        let now = context.clock.now()
        let shared = shared(result, confidential: confidential, incident: (id, target.incident.reference, state.title), region: own, by: user, at: now)
        let body = Data(try CanonicalJSON.encode(shared).utf8)
        try await context.write(on: db) { db in
            let peers = try await NationalSharing.nationalPeers(context, on: db)
            guard !peers.isEmpty else { throw Problem.conflict("this node has no national node to share with") }
            for peer in peers {
                _ = try await FederationOutbox.enqueue(kind: messageKind, body: body, to: peer.name, on: db, at: now)
            }
        }
        return shared
    }

    /// On the national node, inside the inbox transaction: keeps the newest cascade of an incident of the
    /// sending node's own region.
    static func apply(_ body: Data, from node: String, at: Int64, on db: Database) async throws {
        let shared = try CanonicalJSON.decode(Shared.self, from: String(decoding: body, as: UTF8.self))
        guard shared.region.lowercased() == node, RegionCode(shared.region) != nil else {
            try await FederationRefusals.journal(node: node, kind: messageKind, reason: "node '\(node)' sent a cascade of \(shared.region.prefix(10)); a node shares its own region's cascades only", on: db)
            return
        }
        let plausible = shared.steps.count <= maxSteps && shared.regions.count <= RegionCode.count
            && shared.steps.allSatisfy { step in
                (step.lon.map { (2.0...8.0).contains($0) } ?? true) && (step.lat.map { (50.0...54.0).contains($0) } ?? true)
                    && TextHygiene.isClean(step.name) && step.name.count <= 200 && (0...5).contains(step.wave)
            }
            && TextHygiene.isClean(shared.incidentTitle) && shared.incidentTitle.count <= 200
        guard plausible else {
            try await FederationRefusals.journal(node: node, kind: messageKind, reason: "a cascade that breaks its rules", on: db)
            return
        }
        let row = try await NationalCascadeModel.find(shared.incident, on: db) ?? NationalCascadeModel()
        if row.id == nil { row.id = shared.incident }
        row.region = shared.region
        row.body = try CanonicalJSON.encode(shared)
        row.receivedAt = at
        row.sourceNode = node
        try await row.save(on: db)
    }

    /// The cascades the regions share, newest first.
    static func received(on db: Database) async throws -> [Shared] {
        try await NationalCascadeModel.query(on: db).sort(\.$receivedAt, .descending).all()
            .compactMap { try? CanonicalJSON.decode(Shared.self, from: $0.body) }
    }
}

/// `GET /api/v1/national/cascades`; `POST /api/v1/incidents/{incident}/what-follows/share`.
struct CascadeSharingController: RouteCollection {
    func boot(routes: RoutesBuilder) throws {
        routes.get("national", "cascades", use: list)
        routes.post("incidents", ":incident", "what-follows", "share", use: share)
    }

    struct ShareInput: StrictDecodable {
        var failing: [String]?
        enum CodingKeys: String, CodingKey, CaseIterable { case failing }
    }

    func list(req: Request) async throws -> [CascadeSharing.Shared] {
        let user = try req.requireUserExplaining()
        try RiskPictureSharing.requireNationalReader(user)
        return try await CascadeSharing.received(on: req.db)
    }

    func share(req: Request) async throws -> CascadeSharing.Shared {
        let user = try req.requireUserExplaining()
        try DependencyStore.requireReader(user.subject)
        let input = req.body.data == nil ? ShareInput() : try req.decodeStrict(ShareInput.self)
        return try await CascadeSharing.share(try IncidentRequest.incidentID(req), failing: input.failing, by: user, language: req.uiLanguage,
                                              context: req.knooppunt, on: req.db)
    }
}
