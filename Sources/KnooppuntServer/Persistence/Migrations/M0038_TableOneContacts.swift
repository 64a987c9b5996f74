import Fluent
import KnooppuntCore

/// Issue 17, point 10 (decision 0027 §10): contacts as Tabel 1 lists them. Structural and standby partners
/// name their «HIN» and «AC» without "(piket)" (001:L1036, L1097-1099); stored contacts of those profiles
/// take the roles `hin` and `ac`. Alert rules that escalate to the HIN on call still reach that HIN.
struct M0038_TableOneContacts: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await PartnerRegistrationModel.rewriteAll(on: database) { registration in
            registration.agreements = registration.agreements.map(Self.migrated)
        }
    }

    static func migrated(_ agreement: PartnerAgreement) -> PartnerAgreement {
        guard agreement.profile == .structureel || agreement.profile == .standby else { return agreement }
        var moved = agreement
        moved.contacts = agreement.contacts.map { contact in
            var contact = contact
            switch contact.role {
            case .hinOnCall: contact.role = .hin
            case .acOnCall where agreement.profile == .structureel: contact.role = .ac
            default: break
            }
            return contact
        }
        return moved
    }

    /// Forward only: which contacts were "on call" before is in the journal.
    func revert(on database: Database) async throws {}
}
