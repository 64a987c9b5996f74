import Fluent
import Foundation
import KnooppuntCore
import Vapor

/// On the national node: a region's risk picture as its node last shared it (issue 18 point 6, decision 0029).
final class NationalRiskPictureModel: Model, @unchecked Sendable {
    static let schema = "national_risk_pictures"

    @ID(key: .id) var id: UUID?
    @Field(key: "region") var region: String
    /// The shared picture as canonical JSON (`RiskPictureSharing.Shared`).
    @Field(key: "body") var body: String
    @Field(key: "received_at_us") var receivedAt: Int64
    @Field(key: "source_node") var sourceNode: String

    init() {}
}

/// Risk pictures go up like incident summaries: a regional node sends its region's open pictures — what
/// counts of them (effects in the picture, signals) — while the region stands in the lukewarm or warm phase,
/// and again when its phase changes; the national node keeps the newest of each and shows the regions in the
/// lukewarm phase with their threats.
enum RiskPictureSharing {
    static let messageKind = "risk-picture"

    struct Shared: Content, Equatable {
        struct Effect: Content, Equatable {
            var theme: String
            var text: String
            var organisation: String
        }

        struct Signal: Content, Equatable {
            var summary: String
            var raisedAt: Date
            var acknowledged: Bool
        }

        var picture: UUID
        var region: String
        var title: String
        var kind: ThreatKind
        var description: String
        var expectedFrom: Date
        var expectedUntil: Date
        var status: RiskPictureStatus
        var incidentReference: String?
        /// The region's phase when it was sent.
        var phase: RegionPhase
        /// The effects in the picture (linked or admitted); those waiting stay with the region.
        var effects: [Effect]
        var signals: [Signal]
        var sentAt: Date
    }

    static func snapshot(_ row: RiskPictureModel, phase: RegionPhase, at: Date, on db: Database) async throws -> Shared {
        let id = try row.requireID()
        let effects = try await RiskEffectModel.query(on: db).filter(\.$pictureID == id).sort(\.$recordedAt).all().filter { !$0.awaits }
        let signals = try await RiskSignalModel.query(on: db).filter(\.$pictureID == id).sort(\.$raisedAt).all()
        return Shared(
            picture: id, region: row.region, title: row.title, kind: ThreatKind(rawValue: row.kind) ?? .overig, description: row.description,
            expectedFrom: Microseconds.date(row.expectedFrom), expectedUntil: Microseconds.date(row.expectedUntil),
            status: RiskPictureStatus(rawValue: row.status) ?? .open, incidentReference: row.incidentReference, phase: phase,
            effects: effects.map { .init(theme: $0.theme, text: $0.text, organisation: $0.authorOrganisation) },
            signals: signals.map { .init(summary: $0.summary, raisedAt: Microseconds.date($0.raisedAt), acknowledged: $0.acknowledgedAt != nil) },
            sentAt: at)
    }

    /// On a regional node, inside the write: sends `pictures` of its own region when `always`, or while the
    /// region stands in the lukewarm or warm phase.
    static func share(_ pictures: [RiskPictureModel], always: Bool, reaction: JournalReaction) async throws {
        guard case .region(let own) = reaction.context.configuration.role else { return }
        let phase = try await RegionPhases.current(.region(own), on: reaction.db).flatMap { RegionPhase(rawValue: $0.phase) } ?? .unrecorded
        guard always || phase != .koud else { return }
        let peers = try await NationalSharing.nationalPeers(reaction.context, on: reaction.db)
        guard !peers.isEmpty else { return }
        let now = reaction.context.clock.now()
        for picture in pictures where picture.region == own.rawValue {
            let body = Data(try CanonicalJSON.encode(try await snapshot(picture, phase: phase, at: now, on: reaction.db)).utf8)
            for peer in peers {
                _ = try await FederationOutbox.enqueue(kind: messageKind, body: body, to: peer.name, on: reaction.db, at: now)
            }
        }
    }

    struct Reactor: JournalReactor {
        func subscribe(to journal: inout JournalReactions) {
            @Sendable func picture(_ id: UUID, _ reaction: JournalReaction) async throws {
                guard let row = try await RiskPictureModel.find(id, on: reaction.db) else { return }
                try await share([row], always: false, reaction: reaction)
            }
            journal.on(RiskPictureOpened.self) { event, reaction in try await picture(event.body.picture, reaction) }
            journal.on(RiskPictureChanged.self) { event, reaction in try await picture(event.body.picture, reaction) }
            journal.on(RiskPictureEscalated.self) { event, reaction in try await picture(event.picture, reaction) }
            journal.on(RiskEffectAdded.self) { event, reaction in
                guard event.body.status != "awaiting" else { return }
                try await picture(event.body.picture, reaction)
            }
            journal.on(RiskEffectAdmitted.self) { event, reaction in try await picture(event.body.picture, reaction) }
            journal.on(RiskSignalRaised.self) { event, reaction in try await picture(event.picture, reaction) }
            journal.on(RiskSignalAcknowledged.self) { event, reaction in try await picture(event.picture, reaction) }
            // A change of the region's phase goes with its open pictures, so the national node knows which stand in lauw.
            journal.on(RegionPhaseChanged.self) { change, reaction in
                guard case .region(let own) = reaction.context.configuration.role, change.scope == own.rawValue else { return }
                let open = try await RiskPictureModel.query(on: reaction.db).filter(\.$region == own.rawValue)
                    .filter(\.$status == RiskPictureStatus.open.rawValue).all()
                try await share(open, always: true, reaction: reaction)
            }
        }
    }

    /// On the national node, inside the inbox transaction: keeps the newest snapshot of a picture of the
    /// sending node's own region.
    static func apply(_ body: Data, from node: String, at: Int64, on db: Database) async throws {
        let shared = try CanonicalJSON.decode(Shared.self, from: String(decoding: body, as: UTF8.self))
        guard shared.region.lowercased() == node, RegionCode(shared.region) != nil else {
            try await FederationRefusals.journal(node: node, kind: messageKind, reason: "node '\(node)' sent a risk picture of \(shared.region.prefix(10)); a node shares its own region's pictures only", on: db)
            return
        }
        guard shared.effects.count <= 1000, shared.signals.count <= 1000,
              RiskPictureRules.problems(title: shared.title, description: shared.description, from: shared.expectedFrom, until: shared.expectedUntil).isEmpty
        else {
            try await FederationRefusals.journal(node: node, kind: messageKind, reason: "a risk picture that breaks its rules", on: db)
            return
        }
        let row = try await NationalRiskPictureModel.find(shared.picture, on: db) ?? NationalRiskPictureModel()
        if row.id == nil { row.id = shared.picture }
        row.region = shared.region
        row.body = try CanonicalJSON.encode(shared)
        row.receivedAt = at
        row.sourceNode = node
        try await row.save(on: db)
    }

    /// The pictures the regions share, for the national node's staff: those of regions now in the lukewarm or
    /// warm phase first, newest first.
    static func received(on db: Database) async throws -> [Shared] {
        try await NationalRiskPictureModel.query(on: db).sort(\.$receivedAt, .descending).all()
            .compactMap { try? CanonicalJSON.decode(Shared.self, from: $0.body) }
    }

    static func requireNationalReader(_ user: CurrentUser) throws {
        guard user.organisationKind == .nationalNode, !user.role.isAdministrator, !user.role.isEmergencyAccount else {
            throw Problem.forbidden("the risk pictures the regions share are read by the national node's staff")
        }
    }
}

/// `GET /api/v1/national/risk-pictures`.
struct NationalRiskPictureController: RouteCollection {
    func boot(routes: RoutesBuilder) throws {
        routes.get("national", "risk-pictures", use: list)
    }

    func list(req: Request) async throws -> [RiskPictureSharing.Shared] {
        let user = try req.requireUserExplaining()
        try RiskPictureSharing.requireNationalReader(user)
        return try await RiskPictureSharing.received(on: req.db)
    }
}
