import Crypto
import Fluent
import Foundation
import KnooppuntCore

/// SHA-256 over a stored version row's columns (all but `valid_to`, which is set when the next version
/// supersedes it), recorded in the journal event that wrote the row.
enum RowDigest {
    private struct EntryColumns: Encodable {
        let entry, incident: UUID
        let version: Int
        let validFrom: Int64
        let author, authorOrganisation, theme, text, source, priority, verification, classification: String
        let observedAt: Int64
        let location, verifiedBy, admittedBy, onBehalfOf: String?
        let verifiedAt, admittedAt: Int64?
        let awaitingAdmission: Bool
    }

    private struct IncidentColumns: Encodable {
        let incident: UUID
        let version: Int
        let validFrom: Int64
        let author, authorOrganisation, state, title, status, phase, leadRegion, regions: String
        let grip: Int
    }

    static func entry(_ row: EntryVersionModel) -> String {
        hash(EntryColumns(
            entry: row.entryID, incident: row.incidentID, version: row.version, validFrom: row.validFrom, author: row.author,
            authorOrganisation: row.authorOrganisation, theme: row.theme, text: row.text, source: row.source, priority: row.priority,
            verification: row.verification, classification: row.classification, observedAt: row.observedAt, location: row.location,
            verifiedBy: row.verifiedBy, admittedBy: row.admittedBy, onBehalfOf: row.onBehalfOf, verifiedAt: row.verifiedAt,
            admittedAt: row.admittedAt, awaitingAdmission: row.awaitingAdmission))
    }

    static func incident(_ row: IncidentVersionModel) -> String {
        hash(IncidentColumns(
            incident: row.incidentID, version: row.version, validFrom: row.validFrom, author: row.author,
            authorOrganisation: row.authorOrganisation, state: row.state, title: row.title, status: row.status, phase: row.phase,
            leadRegion: row.leadRegion, regions: row.regions, grip: row.grip))
    }

    private static func hash(_ columns: some Encodable) -> String {
        let text = (try? CanonicalJSON.encode(columns)) ?? ""
        return Journal.digest(Data(("knooppunt-row-v1\n" + text).utf8))
    }
}

/// `verify-journal` beyond the chain: signed checkpoints (this node's own, and anchors kept outside the
/// database) and the materialised picture tables replayed against the journal events that wrote them.
struct JournalAudit {
    let db: Database

    struct Report: Sendable {
        var chain: JournalVerifier.Outcome
        /// Each a sentence naming what differs; empty when everything holds.
        var problems: [String] = []
        var checkpoints = 0
        var entryVersions = 0
        var incidentVersions = 0
    }

    func run(anchors: [JournalCheckpoint]) async throws -> Report {
        var report = Report(chain: try await Journal.verify(on: db))
        try await checkCheckpoints(anchors: anchors, into: &report)
        try await checkRows(into: &report)
        return report
    }

    // MARK: Checkpoints

    private func checkCheckpoints(anchors: [JournalCheckpoint], into report: inout Report) async throws {
        let me = try? await NodeIdentityModel.query(on: db).first()
        let own = (try? await JournalCheckpoints.list(peer: nil, on: db)) ?? []
        let head = try await JournalHeadModel.find(JournalHeadModel.singletonID, on: db)
        for (checkpoint, source) in own.map({ ($0, "checkpoint") }) + anchors.map({ ($0, "anchor") }) {
            report.checkpoints += 1
            let label = "\(source) signed at \(checkpoint.signedAt) (sequence \(checkpoint.sequence))"
            if let me, checkpoint.node == me.name, checkpoint.publicKey != me.publicKey, source == "checkpoint" {
                report.problems.append("\(label) names a key that is not this node's")
            }
            guard checkpoint.signatureVerifies else {
                report.problems.append("\(label): its signature does not verify")
                continue
            }
            if let me, checkpoint.node != me.name {
                report.problems.append("\(label) is of node '\(checkpoint.node)', not of this node '\(me.name)'")
                continue
            }
            let newest = head?.sequence ?? 0
            if checkpoint.sequence > newest {
                report.problems.append(
                    "\(label): the journal ends at \(newest) but was signed with \(checkpoint.sequence) events; events \(newest + 1)…\(checkpoint.sequence) were removed")
                continue
            }
            guard let event = try await JournalEventModel.find(checkpoint.sequence, on: db) else {
                report.problems.append("\(label): event \(checkpoint.sequence) is missing")
                continue
            }
            if event.hash != checkpoint.hash {
                report.problems.append(
                    "\(label): event \(checkpoint.sequence) has hash \(event.hash.prefix(16))…, signed was \(checkpoint.hash.prefix(16))…; the journal up to it was rewritten")
            }
        }
    }

    // MARK: Materialised rows

    private func checkRows(into report: inout Report) async throws {
        var entries: [String: (Int64, EntryVersionPayload)] = [:]
        var incidents: [String: (Int64, IncidentVersionPayload)] = [:]
        var after: Int64 = 0
        while true {
            let page = try await JournalEventModel.query(on: db).filter(\.$id > after)
                .group(.or) { $0.filter(\.$kind =~ "entry.").filter(\.$kind =~ "incident.") }
                .sort(\.$id).limit(1000).all()
            guard let last = page.last?.id else { break }
            for row in page {
                switch try? row.record.event() {
                case let entry as any ShapedJournalEvent<EntryVersionPayload>:
                    entries["\(entry.body.entry)/\(entry.body.version)"] = (row.id ?? 0, entry.body)
                case let incident as any ShapedJournalEvent<IncidentVersionPayload>:
                    incidents["\(incident.body.incident)/\(incident.body.version)"] = (row.id ?? 0, incident.body)
                default:
                    continue
                }
            }
            after = last
        }
        for row in try await EntryVersionModel.query(on: db).sort(\.$entryID).sort(\.$version).all() {
            report.entryVersions += 1
            let name = "entry_versions row \(row.id?.uuidString ?? "?") (entry \(row.entryID) version \(row.version))"
            guard let (sequence, payload) = entries["\(row.entryID)/\(row.version)"] else {
                report.problems.append("\(name): no journal event records this version")
                continue
            }
            if let digest = payload.digest {
                if digest != RowDigest.entry(row) {
                    report.problems.append("\(name) differs from what journal event \(sequence) recorded"
                        + (Self.entryDifference(row, payload).map { ": \($0)" } ?? ""))
                }
            } else if let difference = Self.entryDifference(row, payload) {
                report.problems.append("\(name) differs from journal event \(sequence): \(difference)")
            }
        }
        for row in try await IncidentVersionModel.query(on: db).sort(\.$incidentID).sort(\.$version).all() {
            report.incidentVersions += 1
            let name = "incident_versions row \(row.id?.uuidString ?? "?") (incident \(row.incidentID) version \(row.version))"
            guard let (sequence, payload) = incidents["\(row.incidentID)/\(row.version)"] else {
                report.problems.append("\(name): no journal event records this version")
                continue
            }
            let stored = try? CanonicalJSON.decode(IncidentState.self, from: row.state)
            let columnsMatch = row.title == payload.state.title && row.grip == payload.state.grip.rawValue
                && row.status == payload.state.status.rawValue && row.phase == payload.state.phase.rawValue
                && row.leadRegion == payload.state.leadRegion.rawValue
            if let digest = payload.digest, digest != RowDigest.incident(row) {
                report.problems.append("\(name) differs from what journal event \(sequence) recorded")
            } else if stored != payload.state || !columnsMatch {
                report.problems.append("\(name) differs from journal event \(sequence) (state, title, GRIP, phase or status)")
            }
        }
    }

    /// The first field that differs between a row and an event payload, in words.
    private static func entryDifference(_ row: EntryVersionModel, _ payload: EntryVersionPayload) -> String? {
        let pairs: [(String, String, String)] = [
            ("verification", row.verification, payload.verification), ("text", row.text, payload.text),
            ("theme", row.theme, payload.theme), ("source", row.source, payload.source),
            ("classification", row.classification, payload.classification),
            ("author organisation", row.authorOrganisation, payload.authorOrganisation),
            ("admitted", String(row.admittedAt != nil), String(payload.admitted)),
            ("awaiting admission", String(row.awaitingAdmission), String(payload.awaitingAdmission)),
            ("on behalf of", row.onBehalfOf ?? "", payload.onBehalfOf ?? ""),
        ]
        return pairs.first { $0.1 != $0.2 }.map { "\($0.0) is '\($0.1.prefix(60))', the journal says '\($0.2.prefix(60))'" }
    }
}
