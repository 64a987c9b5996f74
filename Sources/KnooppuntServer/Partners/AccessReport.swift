import Fluent
import Foundation
import KnooppuntCore
import Vapor

/// Accountability afterwards: every grant, change, disconnection and break-glass opening, and every read
/// of confidential information, from the journal (the one source of truth).
enum AccessReport {
    struct Line: Content, Equatable {
        var at: String
        var kind: String
        var actor: String
        var actorOrganisation: String
        var incident: UUID?
        /// The organisation the access is about.
        var organisation: String
        var grantKind: String?
        var purpose: String?
        var validUntil: Date?
        var revokedAt: Date?
        var classification: Classification?
    }

    static func lines(since: Date, on db: Database) async throws -> [Line] {
        let records = try await JournalEventModel.query(on: db)
            .filter(\.$recordedAt >= JournalTime.string(from: since))
            .group(.or) { $0.filter(\.$kind =~ "access.").filter(\.$kind == JournalKind.auditConfidentialRead.rawValue) }
            .sort(\.$id).all()
        return records.compactMap { model in
            let record = model.record
            func line(
                incident: UUID?, organisation: String, grantKind: String? = nil, purpose: String?, validUntil: Date? = nil,
                revokedAt: Date? = nil, classification: Classification? = nil
            ) -> Line {
                Line(
                    at: record.recordedAt, kind: record.kind, actor: record.actor, actorOrganisation: record.organisation,
                    incident: incident, organisation: organisation, grantKind: grantKind, purpose: purpose,
                    validUntil: validUntil, revokedAt: revokedAt, classification: classification)
            }
            switch try? record.event() {
            case let read as AuditConfidentialRead:
                switch read {
                case .incident(let incident, let what):
                    return line(incident: incident, organisation: record.organisation, purpose: what, classification: .confidential)
                case .layer(let layer):
                    return line(
                        incident: nil, organisation: record.organisation, grantKind: "layer",
                        purpose: "layer \(layer.name) of \(layer.owner)", classification: .confidential)
                }
            case let opened as AccessLayerBreakGlass:
                return line(
                    incident: nil, organisation: opened.organisation, grantKind: "layer \(opened.name) of \(opened.owner)",
                    purpose: opened.reason, validUntil: opened.validUntil)
            case let change as any ShapedJournalEvent<GrantPayload>:
                let grant = change.body.grant
                return line(
                    incident: change.body.incident, organisation: grant.organisation, grantKind: grant.kind,
                    purpose: grant.purpose, validUntil: grant.validUntil, revokedAt: grant.revokedAt,
                    classification: grant.maxClassification)
            default:
                return nil
            }
        }
    }

    /// A date (the start of that day, UTC) or an ISO 8601 moment.
    static func parseSince(_ text: String) -> Date? {
        DateTimeText.parse(text) ?? (text.utf8.count == 10 ? DateTimeText.parse(text + "T00:00:00Z") : nil)
    }

    static func csv(_ lines: [Line]) -> String {
        CSV.table(
            header: ["at", "kind", "actor", "actor_organisation", "incident", "organisation", "grant_kind", "purpose",
                     "valid_until", "revoked_at", "classification"],
            rows: lines.map { line in
                [line.at, line.kind, line.actor, line.actorOrganisation, line.incident?.uuidString ?? "", line.organisation,
                 line.grantKind ?? "", line.purpose ?? "", line.validUntil.map(JournalTime.string) ?? "",
                 line.revokedAt.map(JournalTime.string) ?? "", line.classification?.rawValue ?? ""]
            })
    }
}
