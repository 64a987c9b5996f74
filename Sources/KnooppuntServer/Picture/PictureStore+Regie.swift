import Foundation
import KnooppuntCore

/// The IM's regie steps on an entry, shared by the JSON API and the page forms so both apply the same rules.
extension PictureStore {
    /// Sets an entry's verification status; setting the status it already has is refused.
    func setVerification(
        _ status: VerificationStatus, of entryID: UUID, in incidentID: UUID, baseVersion: Int, by author: Author
    ) async throws -> EntryVersionModel {
        let now = Microseconds.from(context.clock.now())
        return try await changeEntry(entryID, in: incidentID, baseVersion: baseVersion, by: author, kind: EntryVerification.self) {
            next in
            guard next.verification != status.rawValue else {
                throw Problem.invalid("the entry is already \(status.rawValue)", field: "status")
            }
            next.verification = status.rawValue
            next.verifiedBy = author.username
            next.verifiedAt = now
        }
    }

    /// Admits an entry into the shared summary, or takes it out again.
    func setAdmission(
        _ admitted: Bool, of entryID: UUID, in incidentID: UUID, baseVersion: Int, by author: Author
    ) async throws -> EntryVersionModel {
        let now = Microseconds.from(context.clock.now())
        return try await changeEntry(entryID, in: incidentID, baseVersion: baseVersion, by: author, kind: EntryAdmission.self) {
            next in
            guard next.theme != Theme.algemeen.description else {
                throw Problem.invalid("entries of the 'algemeen' theme are the shared summary already", field: "admitted")
            }
            guard (next.admittedAt != nil) != admitted else {
                throw Problem.invalid(admitted ? "the entry is already admitted" : "the entry is not admitted", field: "admitted")
            }
            next.admittedBy = admitted ? author.username : nil
            next.admittedAt = admitted ? now : nil
            if admitted { next.awaitingAdmission = false }
        }
    }
}
