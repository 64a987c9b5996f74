import Fluent
import Foundation
import KnooppuntCore

/// Issue 17, point 6 (decision 0027 §6): ad-hoc partners have no system access («Nee, lezen van informatie
/// buiten LCMS om of via gedetacheerde HIN», 001:L1120-1135), so temporary accounts go. Every temporary-account
/// grant still in force ends now and its account is disabled with its sessions, each journaled as the
/// people who run the node would see it done by hand.
struct M0041_NoTemporaryAccounts: AsyncMigration {
    func prepare(on database: Database) async throws {
        let now = Date()
        let micros = Microseconds.from(now)
        try await database.transaction { db in
            // Only the columns that exist at this migration: later ones (M0042) are added after it runs.
            let grants = try await AccessGrantModel.query(on: db).filter(\.$kind == "temporary-account").filter(\.$revokedAt == nil)
                .field(\.$id).field(\.$incidentID).field(\.$organisationCode).field(\.$kind).field(\.$profile).field(\.$username)
                .field(\.$purpose).field(\.$status).field(\.$maxClassification).field(\.$validFrom).field(\.$validUntil)
                .field(\.$revokedAt).field(\.$revokedBy).field(\.$grantedBy).field(\.$grantedByOrganisation).field(\.$readScope)
                .field(\.$underMandateOf).all()
            for grant in grants where grant.validUntil > micros {
                grant.revokedAt = micros
                grant.revokedBy = "system"
                try await grant.update(on: db)
                try await Journal.append(
                    AccessRevoked(try GrantPayload(incident: grant.incidentID, grant)), on: db, actor: "system", organisation: "system",
                    incident: grant.incidentID)
            }
            for username in Set(grants.compactMap(\.username)) {
                guard let user = try await UserModel.query(on: db).filter(\.$username == username).first(), user.disabledAt == nil else { continue }
                user.disabledAt = now
                try await user.update(on: db)
                try await AccessTokenModel.query(on: db).filter(\.$user.$id == user.requireID()).filter(\.$revokedAt == nil)
                    .set(\.$revokedAt, to: now).update()
                try await Journal.append(UserDisabled(username: username), on: db, actor: "system", organisation: "system")
            }
        }
    }

    /// Forward only: what was revoked and disabled is in the journal.
    func revert(on database: Database) async throws {}
}
