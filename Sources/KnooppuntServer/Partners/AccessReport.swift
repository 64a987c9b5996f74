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

    /// The payload of a journaled read of confidential information.
    struct ConfidentialRead: Codable, Sendable {
        let incident: UUID
        let what: String
    }

    static let confidentialReadKind = "audit.confidential-read"

    static func lines(since: Date, on db: Database) async throws -> [Line] {
        let records = try await JournalEventModel.query(on: db)
            .filter(\.$recordedAt >= JournalTime.string(from: since))
            .group(.or) { $0.filter(\.$kind =~ "access.").filter(\.$kind == confidentialReadKind) }
            .sort(\.$id).all()
        return records.compactMap { model in
            let record = model.record
            if record.kind == confidentialReadKind {
                if let read = try? CanonicalJSON.decode(ConfidentialRead.self, from: record.payload) {
                    return Line(
                        at: record.recordedAt, kind: record.kind, actor: record.actor, actorOrganisation: record.organisation,
                        incident: read.incident, organisation: record.organisation, purpose: read.what,
                        classification: .confidential)
                }
                guard let layer = try? CanonicalJSON.decode(LayerEvent.self, from: record.payload) else { return nil }
                return Line(
                    at: record.recordedAt, kind: record.kind, actor: record.actor, actorOrganisation: record.organisation,
                    incident: nil, organisation: record.organisation, grantKind: "layer",
                    purpose: "layer \(layer.name) of \(layer.owner)", classification: .confidential)
            }
            if let opened = try? CanonicalJSON.decode(LayerGrantEvent.self, from: record.payload) {
                return Line(
                    at: record.recordedAt, kind: record.kind, actor: record.actor, actorOrganisation: record.organisation,
                    incident: nil, organisation: opened.organisation, grantKind: "layer \(opened.name) of \(opened.owner)",
                    purpose: opened.reason, validUntil: opened.validUntil)
            }
            guard let event = try? CanonicalJSON.decode(GrantStore.GrantEvent.self, from: record.payload) else { return nil }
            return Line(
                at: record.recordedAt, kind: record.kind, actor: record.actor, actorOrganisation: record.organisation,
                incident: event.incident, organisation: event.grant.organisation, grantKind: event.grant.kind,
                purpose: event.grant.purpose, validUntil: event.grant.validUntil, revokedAt: event.grant.revokedAt,
                classification: event.grant.maxClassification)
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
