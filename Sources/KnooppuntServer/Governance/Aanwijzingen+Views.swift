import Fluent
import Foundation
import KnooppuntCore

extension GovernanceCommands {
    /// The rows as the API and the pages show them, with names for codes and what the reader may do.
    func aanwijzingViews(_ rows: [AanwijzingModel]) async throws -> [AanwijzingView] {
        guard !rows.isEmpty else { return [] }
        let names = try await GovernanceDirectory.Names.load(gemeenten: [], on: db)
        let ids = try rows.map { try $0.requireID() }
        let deliveries = isNational
            ? try await AanwijzingDeliveryModel.query(on: db).filter(\.$aanwijzingID ~~ ids).sort(\.$node).all() : []
        let delivered = try await FederationOutbox.delivered(deliveries.map(\.messageID), on: db)
        let offices = try await GovernanceDirectory.actor(for: user, on: db, at: now).offices
        let mayWithdraw = isNational && AanwijzingRules.refusal(GovernanceActor(username: user.username, offices: offices)) == nil
        var localIncidents: Set<UUID> = []
        let referenced = Set(try rows.flatMap { try $0.concerned().map(\.incident) })
        if !isNational, !referenced.isEmpty {
            localIncidents = Set(try await IncidentModel.query(on: db).filter(\.$id ~~ Array(referenced)).field(\.$id).all().compactMap(\.id))
        }
        let at = now
        return try rows.map { row in
            let id = try row.requireID()
            let regions = row.addresseeRegions
            return AanwijzingView(
                id: id, kind: AanwijzingKind(rawValue: row.kind) ?? .warm,
                kindLabel: Self.text((AanwijzingKind(rawValue: row.kind) ?? .warm).label),
                addressees: regions, addresseeNames: regions.map { names.regions[$0.rawValue] ?? $0.rawValue },
                incidents: try row.concerned().map {
                    .init(node: $0.node, incident: $0.incident, reference: $0.reference, title: $0.title, here: localIncidents.contains($0.incident))
                },
                matters: row.governanceMatters, direction: row.direction, legalBasis: row.legalBasis, justification: row.justification,
                consultation: try row.consulted().map { record in
                    let name = AuthorityOffice(code: record.party).map { names.callName($0.label) } ?? LocalizedLabel(nl: record.party, en: record.party)
                    return .init(party: record.party, partyName: Self.text(name), at: record.at, outcome: record.outcome)
                },
                urgency: row.urgency, validFrom: Microseconds.date(row.validFrom), validUntil: row.validUntil.map(Microseconds.date),
                givenBy: row.givenByName, givenAt: Microseconds.date(row.givenAt),
                from: row.origin == AanwijzingModel.given ? nil : row.origin, withdrawnAt: row.withdrawnAt.map(Microseconds.date),
                withdrawnBy: row.withdrawnByName, withdrawalReason: row.withdrawalReason, inForce: row.isInForce(at: at),
                acknowledgedAt: row.acknowledgedAt.map(Microseconds.date), acknowledgedBy: row.acknowledgedByName,
                deliveries: isNational
                    ? deliveries.filter { $0.aanwijzingID == id }.compactMap { delivery in
                        guard let region = RegionCode(delivery.region) else { return nil }
                        return .init(
                            node: delivery.node, region: region, regionName: names.regions[delivery.region] ?? delivery.region,
                            delivered: delivered.contains(delivery.messageID), acknowledgedAt: delivery.acknowledgedAt.map(Microseconds.date),
                            acknowledgedBy: delivery.acknowledgedByName)
                    } : nil,
                mayAcknowledge: row.acknowledgedAt == nil && row.withdrawnAt == nil && acknowledgingRegion(row, offices: offices) != nil,
                mayWithdraw: mayWithdraw && row.withdrawnAt == nil)
        }
    }

    static func text(_ label: LocalizedLabel) -> AuthorityView.LabelText { .init(nl: label.nl, en: label.en) }
}
