import Fluent
import Foundation
import KnooppuntCore

/// Issue 17, point 3 (decision 0027 §3): advice and standpoint are two records. A stored test held one
/// outcome, its re-test date and the standpoint as text; it becomes the tester's advice and the chair's
/// standpoint with that outcome, dated at its verrichting and made by Knooppunt, so what was in effect
/// stays in effect and nobody is named for a record they did not make.
struct M0039_AdviceAndStandpoint: AsyncMigration {
    func prepare(on database: Database) async throws {
        let now = Date()
        try await PartnerRegistrationModel.rewriteAll(on: database) { registration in
            registration.agreements = registration.agreements.map { agreement in
                var moved = agreement
                moved.test = agreement.test?.movedToTwoRecords(fallback: now)
                return moved
            }
        }
    }

    /// Forward only: the earlier shape is in the journal.
    func revert(on database: Database) async throws {}
}
