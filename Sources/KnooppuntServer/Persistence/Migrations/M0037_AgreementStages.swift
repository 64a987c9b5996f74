import Fluent
import Foundation
import KnooppuntCore

/// Issue 17, points 1 and 2 (decision 0027): "uitvoering" was read as "in force"; it is the joint exercise,
/// and an agreement is in effect only in werking — a supra-regional or national one only after a toetsing
/// that accepted it. Stored agreements in uitvoering move on as the new reading says:
/// - tested and accepted (gecertificeerd, voorwaardelijk), or regional: in werking, in effect as before;
/// - rejected (geen samenwerking): toetsing, not in effect (as before);
/// - supra-regional or national and untested: they stay in uitvoering and are no longer in effect.
/// Each changed registration gets a new version and a `partner.updated` event by `system`, so the registry's
/// history says what the migration did.
struct M0037_AgreementStages: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await PartnerRegistrationModel.rewriteAll(on: database) { registration in
            registration.agreements = registration.agreements.map(Self.migrated)
        }
    }

    static func migrated(_ agreement: PartnerAgreement) -> PartnerAgreement {
        guard agreement.stage == .uitvoering else { return agreement }
        var moved = agreement
        switch agreement.test?.outcome {
        case .geenSamenwerking?: moved.stage = .toetsing
        case .gecertificeerd?, .voorwaardelijk?: moved.stage = .inWerking
        case nil: if agreement.reach == .regionaal { moved.stage = .inWerking }
        }
        return moved
    }

    /// Forward only: which agreements were in uitvoering before is in the journal, not in the rows.
    func revert(on database: Database) async throws {}
}
