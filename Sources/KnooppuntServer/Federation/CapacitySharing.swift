import Fluent
import Foundation
import KnooppuntCore
import KnooppuntInterop
import Vapor

/// What a regional node tells the national node about its capacity: every line it holds, as it stands.
struct CapacitySnapshot: Content {
    let lines: [CapacityItemDTO]
}

/// On the national node: a regional node's latest capacity snapshot.
final class NationalCapacityModel: Model, @unchecked Sendable {
    static let schema = "national_capacity"

    @ID(key: .id) var id: UUID?
    @Field(key: "source_node") var sourceNode: String
    @Field(key: "body") var body: String
    @Field(key: "received_at_us") var receivedAt: Int64

    init() {}
}

/// On the national node: an assistance request as its regional node last reported it.
final class NationalRequestModel: Model, @unchecked Sendable {
    static let schema = "national_requests"

    @ID(key: .id) var id: UUID?
    @Field(key: "source_node") var sourceNode: String
    @Field(key: "request_id") var requestID: UUID
    @Field(key: "status") var status: String
    @Field(key: "body") var body: String
    @Field(key: "received_at_us") var receivedAt: Int64

    init() {}
}

/// Capacity flows upward like the rest of the national picture: a regional node queues its registry
/// (after every change of a line or a commitment) and each changed assistance request for the national
/// node, in the write that changes them (a `JournalReactor` on the capacity and assistance events); the
/// national node keeps the newest per source and shows them in its overview with their source and age.
enum CapacitySharing {
    static let snapshotKind = "capacity-snapshot"
    static let requestKind = "assistance-request"

    /// Follows the registry and the requests: every change of a line, an import, and every step of a
    /// request queue the registry (and the request) for the national node.
    struct Reactor: JournalReactor {
        func subscribe(to journal: inout JournalReactions) {
            journal.on([CapacityAdded.self, CapacityChanged.self, CapacityRemoved.self]) { _, reaction in
                try await CapacitySharing.changed(request: nil, reaction)
            }
            journal.on(CapacityImported.self) { _, reaction in
                try await CapacitySharing.changed(request: nil, reaction)
            }
            let steps: [any AssistanceStepEvent.Type] = [
                AssistanceDrafted.self, AssistanceRequested.self, AssistanceOffered.self, AssistanceProposed.self,
                AssistanceOfferConfirmed.self, AssistanceOfferWithdrawn.self, AssistanceOfferDeclined.self,
                AssistanceCommitted.self, AssistanceDeployed.self, AssistanceReleased.self, AssistanceWithdrawn.self,
                AssistanceDeclined.self, AssistanceClosed.self,
            ]
            journal.on(steps) { step, reaction in
                try await CapacitySharing.changed(request: step.request, reaction)
            }
        }
    }

    /// Regional side, inside the write that changed capacity or a request: `request` is the request
    /// that changed, if any; a draft stays home.
    static func changed(request id: UUID?, _ reaction: JournalReaction) async throws {
        let (context, db) = (reaction.context, reaction.db)
        let peers = try await NationalSharing.nationalPeers(context, on: db)
        guard !peers.isEmpty else { return }
        var request: AssistanceRequestDTO? = nil
        if let id, let model = try await AssistanceRequestModel.find(id, on: db), model.submitted {
            request = try await AssistanceService(db: db, context: context).dto(model, on: db)
        }
        let now = context.clock.now()
        let committed = try await CapacityService.committed(on: db)
        let lines = try await CapacityItemModel.query(on: db).sort(\.$holder).sort(\.$typeCode).sort(\.$label).all().map {
            try CapacityService.dto($0, committed: committed[try $0.requireID()] ?? 0)
        }
        var bodies = [(snapshotKind, Data(try CanonicalJSON.encode(CapacitySnapshot(lines: lines)).utf8))]
        if let request {
            bodies.append((requestKind, Data(try CanonicalJSON.encode(request).utf8)))
        }
        for peer in peers {
            for (kind, body) in bodies {
                _ = try await FederationOutbox.enqueue(kind: kind, body: body, to: peer.name, on: db, at: now)
            }
        }
    }

    /// National side, inside the inbox transaction.
    static func apply(kind: String, body: Data, from node: String, at: Int64, on db: Database) async throws {
        let text = String(decoding: body, as: UTF8.self)
        if kind == snapshotKind {
            _ = try CanonicalJSON.decode(CapacitySnapshot.self, from: text)
            let row = try await NationalCapacityModel.query(on: db).filter(\.$sourceNode == node).first() ?? NationalCapacityModel()
            row.sourceNode = node
            row.body = text
            row.receivedAt = at
            try await row.save(on: db)
        } else {
            let request = try CanonicalJSON.decode(AssistanceRequestDTO.self, from: text)
            let row = try await NationalRequestModel.query(on: db).filter(\.$sourceNode == node).filter(\.$requestID == request.id).first()
                ?? NationalRequestModel()
            row.sourceNode = node
            row.requestID = request.id
            row.status = request.status.rawValue
            row.body = text
            row.receivedAt = at
            try await row.save(on: db)
        }
    }

    struct RemoteRequest: Content {
        let node: String
        let request: AssistanceRequestDTO
        let receivedAt: Date
    }

    struct RemoteCapacity: Content {
        let node: String
        let lines: [CapacityItemDTO]
        let receivedAt: Date
    }

    /// On the national node: what the regional nodes reported.
    static func remote(on db: Database) async throws -> (capacity: [RemoteCapacity], requests: [RemoteRequest]) {
        let capacity = try await NationalCapacityModel.query(on: db).sort(\.$sourceNode).all().map { row in
            RemoteCapacity(node: row.sourceNode, lines: try CanonicalJSON.decode(CapacitySnapshot.self, from: row.body).lines,
                           receivedAt: Microseconds.date(row.receivedAt))
        }
        let requests = try await NationalRequestModel.query(on: db).sort(\.$receivedAt, .descending).all().compactMap { row -> RemoteRequest? in
            guard AssistanceStatus(rawValue: row.status)?.isOpen == true else { return nil }
            return RemoteRequest(node: row.sourceNode, request: try CanonicalJSON.decode(AssistanceRequestDTO.self, from: row.body),
                                 receivedAt: Microseconds.date(row.receivedAt))
        }
        return (capacity, requests)
    }
}
