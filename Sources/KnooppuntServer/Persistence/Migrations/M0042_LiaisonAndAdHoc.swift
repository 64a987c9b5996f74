import Fluent
import Foundation
import KnooppuntCore

/// Issue 17, points 6 and 8 (decision 0027 §6, §8):
/// - an ad-hoc-aansluiting records the HIN the region detached to the partner and the region's conditions;
/// - the liaison is the partner's person: a region user with the role "liaison" becomes "hin-gedetacheerd"
///   (region staff who enter information on partners' behalf), each change journaled;
/// - koppel and ad-hoc links now let the partner's liaison read what it supplied, up to internal, as every
///   other link: those still at "public" are raised to internal, each journaled as a change of the grant.
struct M0042_LiaisonAndAdHoc: AsyncMigration {
    func prepare(on database: Database) async throws {
        // One column per statement: SQLite adds one column per ALTER TABLE.
        try await database.schema(AccessGrantModel.schema).field("detached_hin", .string).update()
        try await database.schema(AccessGrantModel.schema).field("conditions", .string).update()
        try await Self.migrateData(on: database, now: Date())
    }

    /// The role and classification changes, in one transaction; by themselves so a test can run them on a
    /// database that holds what an older version wrote.
    static func migrateData(on database: Database, now: Date) async throws {
        try await database.transaction { db in
            let regions = try await OrganisationModel.query(on: db).filter(\.$kind == OrganisationKind.region.rawValue).all()
            let regionIDs = Set(regions.compactMap(\.id))
            for user in try await UserModel.query(on: db).filter(\.$role == Role.liaison.rawValue).all()
            where regionIDs.contains(user.$organisation.id) {
                user.role = Role.hinGedetacheerd.rawValue
                try await user.update(on: db)
                try await Journal.append(
                    UserRoleChanged(
                        username: user.username, from: Role.liaison.rawValue, to: Role.hinGedetacheerd.rawValue,
                        reason: "the liaison is the partner's person; region staff who enter for partners are HIN gedetacheerd (decision 0027 §8)"),
                    on: db, actor: "system", organisation: "system")
            }
            let micros = Microseconds.from(now)
            let links = try await AccessGrantModel.query(on: db).filter(\.$kind == "link")
                .filter(\.$profile ~~ [CollaborationProfile.koppel.rawValue, CollaborationProfile.adHoc.rawValue])
                .filter(\.$maxClassification == Classification.public.rawValue).filter(\.$revokedAt == nil).all()
            for link in links where link.validUntil > micros {
                link.maxClassification = Classification.internal.rawValue
                try await link.update(on: db)
                try await Journal.append(
                    AccessChanged(try GrantPayload(incident: link.incidentID, link)), on: db, actor: "system", organisation: "system",
                    incident: link.incidentID)
            }
        }
    }

    /// The columns go; role and classification changes stay, as the journal records them.
    func revert(on database: Database) async throws {
        try await database.schema(AccessGrantModel.schema).deleteField("conditions").update()
        try await database.schema(AccessGrantModel.schema).deleteField("detached_hin").update()
    }
}
