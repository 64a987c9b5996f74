import Foundation
import KnooppuntCore
import Vapor

struct AdmissionInput: StrictDecodable {
    var baseVersion: Int
    var admitted: Bool
    enum CodingKeys: String, CodingKey, CaseIterable { case baseVersion, admitted }
}

/// The web page's "share nationally" / "stop sharing" buttons; the API uses POST and DELETE instead.
struct NationalSharingInput: StrictDecodable {
    var shared: Bool
    enum CodingKeys: String, CodingKey, CaseIterable { case shared }
}

struct ConflictInput: StrictDecodable {
    var entries: [UUID]
    var note: String
    enum CodingKeys: String, CodingKey, CaseIterable { case entries, note }

    func validate() throws {
        guard entries.count == 2 else { throw Problem.invalid("field 'entries' must name exactly two entries", field: "entries") }
        guard (1...1000).contains(note.trimmingCharacters(in: .whitespaces).count) else {
            throw Problem.invalid("field 'note' must say what conflicts (1 to 1000 characters)", field: "note")
        }
    }
}

struct ResolutionInput: StrictDecodable {
    var resolution: String
    enum CodingKeys: String, CodingKey, CaseIterable { case resolution }

    func validate() throws {
        guard (1...1000).contains(resolution.trimmingCharacters(in: .whitespaces).count) else {
            throw Problem.invalid("field 'resolution' must say how it was resolved (1 to 1000 characters)", field: "resolution")
        }
    }
}

struct ConflictView: Content {
    var id: UUID
    var entries: [UUID]
    var note: String
    var markedBy: String
    var markedAt: Date
    var resolvedBy: String?
    var resolvedAt: Date?
    var resolution: String?

    init(_ model: ConflictModel) throws {
        id = try model.requireID()
        entries = [model.entryA, model.entryB]
        note = model.note
        markedBy = model.markedBy
        markedAt = Microseconds.date(model.markedAt)
        resolvedBy = model.resolvedBy
        resolvedAt = model.resolvedAt.map(Microseconds.date)
        resolution = model.resolution
    }
}

struct CreateDecisionInput: StrictDecodable {
    var team: CrisisTeam
    var text: String
    var decidedAt: Date?
    var decidedBy: String
    enum CodingKeys: String, CodingKey, CaseIterable { case team, text, decidedAt, decidedBy }
}

struct UpdateDecisionInput: StrictDecodable {
    var baseVersion: Int
    var team: CrisisTeam?
    var text: String?
    var decidedAt: Date?
    var decidedBy: String?
    var revoked: Bool?
    enum CodingKeys: String, CodingKey, CaseIterable { case baseVersion, team, text, decidedAt, decidedBy, revoked }
}

struct CreateActionInput: StrictDecodable {
    var text: String
    var owner: String
    var deadline: Date?
    var decision: UUID?
    enum CodingKeys: String, CodingKey, CaseIterable { case text, owner, deadline, decision }
}

struct UpdateActionInput: StrictDecodable {
    var baseVersion: Int
    var text: String?
    var owner: String?
    var deadline: Date?
    var status: ActionStatus?
    enum CodingKeys: String, CodingKey, CaseIterable { case baseVersion, text, owner, deadline, status }
}

struct DecisionView: Content {
    var id: UUID
    var version: Int
    var team: CrisisTeam
    var text: String
    var decidedAt: Date
    var decidedBy: String
    var revoked: Bool
    var recordedBy: String
    var updatedAt: Date

    init(_ model: RecordVersionModel) throws {
        let body = try RecordStore.decode(DecisionBody.self, model.body)
        id = model.recordID
        version = model.version
        team = body.team
        text = body.text
        decidedAt = body.decidedAt
        decidedBy = body.decidedBy
        revoked = body.revoked
        recordedBy = model.author
        updatedAt = Microseconds.date(model.validFrom)
    }
}

struct ActionView: Content {
    var id: UUID
    var version: Int
    var text: String
    var owner: String
    var deadline: Date?
    var status: ActionStatus
    var decision: UUID?
    var overdue: Bool
    var updatedBy: String
    var updatedAt: Date

    init(_ model: RecordVersionModel, now: Date) throws {
        let body = try RecordStore.decode(ActionBody.self, model.body)
        id = model.recordID
        version = model.version
        text = body.text
        owner = body.owner
        deadline = body.deadline
        status = body.status
        decision = body.decision
        overdue = [.open, .bezig].contains(body.status) && (body.deadline.map { $0 < now } ?? false)
        updatedBy = model.author
        updatedAt = Microseconds.date(model.validFrom)
    }
}

/// One line of the logbook: a change, who made it, when.
struct LogbookLineView: Content {
    var sequence: Int64
    var at: String
    var actor: String
    var organisation: String
    var kind: String
    var summary: String

    init(_ row: JournalEventModel) {
        sequence = row.id ?? 0
        at = row.recordedAt
        actor = row.actor
        organisation = row.organisation
        kind = row.kind
        summary = LogbookSummary.text(kind: row.kind, payload: row.payload)
    }
}

/// The per-theme currency of a picture.
struct ThemeCurrencyView: Content {
    var theme: Theme
    var entries: Int
    var lastUpdated: Date?
    var overdueUnverified: Int
}

/// A one-line, human summary of a journal event for the logbook (Dutch, as the logbook is kept).
enum LogbookSummary {
    static func text(kind: String, payload: String) -> String {
        let object = (try? JSONSerialization.jsonObject(with: Data(payload.utf8)) as? [String: Any]) ?? [:]
        let state = object["state"] as? [String: Any]
        let body = object["body"] as? [String: Any]
        switch kind {
        case "incident.created": return "Incident geopend: \(state?["title"] as? String ?? "")"
        case "incident.updated":
            return "Incident bijgewerkt (versie \(object["version"] as? Int ?? 0)): GRIP \(state?["grip"] as? Int ?? 0), "
                + "\(state?["phase"] as? String ?? ""), \(state?["status"] as? String ?? "")"
        case "entry.created": return "Nieuwe melding (\(object["theme"] as? String ?? "")): \(object["text"] as? String ?? "")"
        case "entry.updated": return "Melding bijgewerkt: \(object["text"] as? String ?? "")"
        case "entry.verification": return "Verificatie: \(object["verification"] as? String ?? "")"
        case "entry.admission": return "Melding \((object["admitted"] as? Bool ?? false) ? "opgenomen in" : "verwijderd uit") het gedeelde beeld"
        case "conflict.marked": return "Tegenstrijdige meldingen gemarkeerd: \(object["note"] as? String ?? "")"
        case "conflict.resolved": return "Tegenstrijdigheid opgelost: \(object["resolution"] as? String ?? "")"
        case "decision.created", "decision.updated": return "Besluit: \(body?["text"] as? String ?? "")"
        case "action.created", "action.updated":
            return "Actie (\(body?["owner"] as? String ?? "")): \(body?["text"] as? String ?? "") [\(body?["status"] as? String ?? "")]"
        case "access.granted", "access.changed", "access.revoked", "access.break-glass", "access.temporary-account":
            let grant = object["grant"] as? [String: Any]
            let who = grant?["organisation"] as? String ?? ""
            let until = (grant?["validUntil"] as? String).map { RFC3339.parse($0).map(DisplayFormat.time) ?? $0 } ?? ""
            let purpose = grant?["purpose"] as? String ?? ""
            switch kind {
            case "access.granted":
                return "\(who) gekoppeld (\(grant?["profile"] as? String ?? ""), \(grant?["status"] as? String ?? "")) tot \(until): \(purpose)"
            case "access.changed": return "Toegang \(who) gewijzigd: \(grant?["status"] as? String ?? ""), tot \(until)"
            case "access.revoked": return "\(who) ontkoppeld"
            case "access.temporary-account":
                return "Tijdelijk account \(grant?["username"] as? String ?? "") voor \(who) tot \(until): \(purpose)"
            default: return "Glas gebroken: incident opengesteld voor \(who) tot \(until). Reden: \(purpose)"
            }
        case "alert.raised": return "\(object["organisation"] as? String ?? "") gealarmeerd: \(object["reason"] as? String ?? "")"
        case "alert.acknowledged": return "Alarmering bevestigd door \(object["organisation"] as? String ?? "")"
        case "alert.escalated":
            return "Alarmering \(object["organisation"] as? String ?? "") niet bevestigd; opgeschaald naar \(object["escalatedTo"] as? String ?? "")"
        default: return kind
        }
    }
}
