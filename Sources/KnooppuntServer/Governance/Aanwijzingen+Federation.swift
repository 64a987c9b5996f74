import Fluent
import Foundation
import KnooppuntCore

/// The inbox side of aanwijzingen, inside the inbox transaction: a regional node keeps an aanwijzing and
/// its withdrawal only from a peer it trusts as the national node, and only when addressed to its region;
/// the national node records an acknowledgement only from the addressed region's node. Anything else
/// stays in the inbox unapplied, as messages of unknown kinds do.
extension Aanwijzingen {
    static let kinds: Set<String> = [givenKind, withdrawnKind, acknowledgedKind]

    static func apply(
        kind: String, body: Data, from node: String, role: KnooppuntConfiguration.NodeRole, on db: Database
    ) async throws {
        let text = String(decoding: body, as: UTF8.self)
        let actor = "node:\(node)"
        switch (kind, role) {
        case (givenKind, .region(let region)):
            let message = try CanonicalJSON.decode(AanwijzingMessages.Given.self, from: text)
            guard message.addressees.contains(region.rawValue), try await isNational(node, on: db),
                try await AanwijzingModel.find(message.aanwijzing, on: db) == nil
            else { return }
            let row = try received(message, from: node)
            try await row.create(on: db)
            try await journal(
                AanwijzingReceived(
                    aanwijzing: message.aanwijzing, type: message.kind, from: node, addressees: row.addresseeRegions.map(\.rawValue),
                    matters: row.governanceMatters.map(\.rawValue)),
                about: row, on: db, actor: actor, organisation: "federation")
        case (withdrawnKind, .region):
            let message = try CanonicalJSON.decode(AanwijzingMessages.Withdrawn.self, from: text)
            guard let row = try await AanwijzingModel.find(message.aanwijzing, on: db), row.origin == node, row.withdrawnAt == nil
            else { return }
            row.withdrawnAt = Microseconds.from(message.withdrawnAt)
            row.withdrawnByName = String(message.withdrawnByName.prefix(200))
            row.withdrawalReason = message.reason.map { String($0.prefix(2000)) }
            try await row.update(on: db)
            try await journal(
                AanwijzingWithdrawn(aanwijzing: message.aanwijzing, reason: row.withdrawalReason), about: row, on: db, actor: actor,
                organisation: "federation")
        case (acknowledgedKind, .national):
            let message = try CanonicalJSON.decode(AanwijzingMessages.Acknowledged.self, from: text)
            // Only the node the aanwijzing went to, for the region it serves.
            guard let delivery = try await AanwijzingDeliveryModel.query(on: db).filter(\.$aanwijzingID == message.aanwijzing)
                .filter(\.$node == node).filter(\.$region == message.region).first(), delivery.acknowledgedAt == nil
            else { return }
            delivery.acknowledgedAt = Microseconds.from(message.acknowledgedAt)
            delivery.acknowledgedByName = String(message.acknowledgedByName.prefix(200))
            try await delivery.update(on: db)
            try await Journal.append(
                AanwijzingAcknowledged(aanwijzing: message.aanwijzing, region: message.region, acknowledgedBy: delivery.acknowledgedByName ?? ""),
                on: db, actor: actor, organisation: "federation")
        default:
            return
        }
    }

    private static func isNational(_ node: String, on db: Database) async throws -> Bool {
        try await NodePeerModel.query(on: db).filter(\.$name == node).first()?.role == "national"
    }

    /// A received aanwijzing as this node keeps it; outside strings are bounded as the national node's input was.
    private static func received(_ message: AanwijzingMessages.Given, from node: String) throws -> AanwijzingModel {
        let row = AanwijzingModel()
        row.id = message.aanwijzing
        row.origin = node
        row.kind = AanwijzingKind(rawValue: message.kind)?.rawValue ?? AanwijzingKind.warm.rawValue
        row.addressees = message.addressees.compactMap(RegionCode.init).sorted().map(\.rawValue).joined(separator: ",")
        row.incidents = try CanonicalJSON.encode(message.incidents.prefix(25).map {
            AanwijzingIncident(node: String($0.node.prefix(40)), incident: $0.incident, reference: String($0.reference.prefix(60)),
                               title: String($0.title.prefix(300)))
        })
        row.matters = message.matters.compactMap(GovernanceMatter.init(rawValue:)).sorted().map(\.rawValue).joined(separator: ",")
        row.direction = String(message.direction.prefix(AanwijzingRules.directionLimit))
        row.legalBasis = String(message.legalBasis.prefix(AanwijzingRules.legalBasisLimit))
        row.justification = String(message.justification.prefix(AanwijzingRules.justificationLimit))
        row.consultation = try CanonicalJSON.encode(message.consultation.prefix(50).map {
            AanwijzingConsultationRecord(party: String($0.party.prefix(40)), at: $0.at, outcome: String($0.outcome.prefix(AanwijzingRules.outcomeLimit)))
        })
        row.urgency = message.urgency.map { String($0.prefix(AanwijzingRules.urgencyLimit)) }
        row.validFrom = Microseconds.from(message.validFrom)
        row.validUntil = message.validUntil.map(Microseconds.from)
        row.givenBy = node
        row.givenByName = String(message.givenByName.prefix(200))
        row.givenAt = Microseconds.from(message.givenAt)
        return row
    }
}
