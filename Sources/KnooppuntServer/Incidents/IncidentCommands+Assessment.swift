import Crypto
import Fluent
import Foundation
import KnooppuntCore
import Vapor

/// Beeld – oordeel – besluit (decision 0024): each theme's summary (actueel beeld, knelpunten,
/// verwachting), the totaalbeeld as the multidisciplinary theme's summary, and the besluitpunten the
/// team must decide, each answered by a recorded decision.
extension IncidentCommands {
    // MARK: Summaries

    /// Writes a theme's summary: the first write creates it, a later one is a new version of it on
    /// `baseVersion`. The writer must be the theme's owner and must be able to read what it writes.
    func writeSummary(of theme: Theme, in id: UUID, _ input: @autoclosure () throws -> SummaryInput) async throws
        -> (version: RecordVersionModel, created: Bool)
    {
        let target = try await open(id, for: .read)
        try await IncidentAccess.require(
            user.subject, .init(action: .writeSummary, theme: theme), incident: id, scope: target.scope, on: db, at: now)
        let input = try input()
        let classification = input.classification ?? .internal
        try await IncidentAccess.require(
            user.subject, .init(action: .read, classification: classification), incident: id, scope: target.scope, on: db, at: now)
        let body = ThemeSummaryBody(
            theme: theme, picture: input.picture.trimmingCharacters(in: .whitespacesAndNewlines),
            bottlenecks: Self.given(input.bottlenecks), outlook: Self.given(input.outlook), classification: classification)
        try IncidentRequest.checked { () throws(PictureRuleViolation) in try RecordRules.validate(body) }
        let recordID = Self.summaryID(incident: id, theme: theme)
        if let current = try await RecordStore.current(recordID, .summary, in: id, on: db) {
            guard let base = input.baseVersion, base > 0 else {
                throw Problem.invalid(
                    "field 'baseVersion' is required: the summary of \(theme) exists already (version \(current.version))",
                    field: "baseVersion")
            }
            let version = try await records.update(
                recordID, in: id, baseVersion: base, by: user.author, as: ThemeSummaryBody.self,
                validate: { summary in try IncidentRequest.checked { () throws(PictureRuleViolation) in try RecordRules.validate(summary) } }
            ) { $0 = body }
            return (version, false)
        }
        if let base = input.baseVersion, base > 0 {
            throw Problem.conflict("there is no summary of \(theme) yet to change; write it without 'baseVersion'")
        }
        return (try await records.create(body, in: id, by: user.author, id: recordID), true)
    }

    /// The summaries of an incident at `at` that the user may read.
    func summaries(of id: UUID, at: Date) async throws -> [SummaryView] {
        let target = try await open(id, for: .read)
        let reader = try await AccessService.reader(user.subject, incident: id, scope: target.scope, at: now, on: db)
        return try await IncidentPicture.summaries(of: id, at: at, reader: reader, records: records)
    }

    /// One record per theme and incident: its identity is derived from both, so two first writes of the
    /// same theme meet on the same record instead of making two.
    static func summaryID(incident: UUID, theme: Theme) -> UUID {
        var bytes = Array(SHA256.hash(data: Data("knooppunt.summary|\(incident.uuidString)|\(theme.description)".utf8)).prefix(16))
        bytes[6] = (bytes[6] & 0x0F) | 0x50  // name-based
        bytes[8] = (bytes[8] & 0x3F) | 0x80  // RFC 4122 variant
        return UUID(uuid: (bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                           bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]))
    }

    // MARK: Besluitpunten

    /// Puts a decision on the team's list; those who record decisions do (decision 0024).
    func raiseDecisionPoint(in id: UUID, _ input: @autoclosure () throws -> DecisionPointInput) async throws -> RecordVersionModel {
        _ = try await open(id, for: .recordDecision)
        let input = try input()
        let point = DecisionPointBody(
            text: input.text.trimmingCharacters(in: .whitespacesAndNewlines), considerations: Self.given(input.considerations),
            team: input.team, deadline: input.deadlineInMinutes.map { now.addingTimeInterval(Double($0) * 60) })
        try IncidentRequest.checked { () throws(PictureRuleViolation) in try RecordRules.validate(point) }
        return try await records.create(point, in: id, by: user.author)
    }

    /// Takes a besluitpunt off the list without a decision, saying why; it stays in the record.
    func withdrawDecisionPoint(_ pointID: UUID, in id: UUID, _ input: @autoclosure () throws -> DecisionPointWithdrawalInput)
        async throws -> RecordVersionModel
    {
        _ = try await open(id, for: .recordDecision)
        let input = try input()
        let reason = input.reason.trimmingCharacters(in: .whitespacesAndNewlines)
        try await requireOpenPoint(pointID, in: id)
        return try await records.update(
            pointID, in: id, baseVersion: input.baseVersion, by: user.author, as: DecisionPointBody.self,
            validate: { point in try IncidentRequest.checked { () throws(PictureRuleViolation) in try RecordRules.validate(point) } }
        ) { $0.withdrawnReason = reason }
    }

    /// The besluitpunten of an incident at `at`, for readers of its internal information.
    func decisionPoints(of id: UUID, at: Date) async throws -> [DecisionPointView] {
        let target = try await open(id, for: .read)
        let reader = try await AccessService.reader(user.subject, incident: id, scope: target.scope, at: now, on: db)
        return try await IncidentPicture.decisionPoints(of: id, at: at, reader: reader, records: records)
    }

    /// 404 when there is no such besluitpunt, 409 when it was decided or withdrawn already.
    func requireOpenPoint(_ pointID: UUID, in id: UUID) async throws {
        guard let point = try await RecordStore.current(pointID, .decisionPoint, in: id, on: db) else {
            throw Problem.notFound("no besluitpunt with id \(pointID) in this incident")
        }
        let decisions = try await records.records(.decision, of: id, at: Microseconds.from(now)).map(DecisionView.init)
        let view = try DecisionPointView(point, decisions: decisions, now: now)
        guard view.status == .open else {
            throw Problem.conflict("the besluitpunt is \(view.status.label.en.lowercased()) already")
        }
    }
}
