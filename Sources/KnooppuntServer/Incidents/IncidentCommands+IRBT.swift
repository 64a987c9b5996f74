import Fluent
import Foundation
import KnooppuntCore
import Vapor

/// The IRBT's use cases (decision 0021): read it, form it on request, choose the coördinerend
/// voorzitter, record joint decisions and alignments with the Rijk. At GRIP 5 the team forms by itself
/// (`IRBTStore.Reactor`).
extension IncidentCommands {
    struct IRBTFormInput: StrictDecodable {
        /// The region whose voorzitter coordinates; the lead region's when left out.
        var coordinatingRegion: RegionCode?
        enum CodingKeys: String, CodingKey, CaseIterable { case coordinatingRegion }
    }

    struct IRBTCoordinatorInput: StrictDecodable {
        var coordinatingRegion: RegionCode
        enum CodingKeys: String, CodingKey, CaseIterable { case coordinatingRegion }
    }

    struct IRBTDecisionInput: StrictDecodable {
        var text: String
        var agreedRegions: [RegionCode]
        var decidedAt: Date?
        enum CodingKeys: String, CodingKey, CaseIterable { case text, agreedRegions, decidedAt }
    }

    struct IRBTAlignmentInput: StrictDecodable {
        var text: String
        var with: String
        var at: Date?
        enum CodingKeys: String, CodingKey, CaseIterable { case text, with, at }
    }

    /// The IRBT of an incident the user may read, if the rules let them read it.
    func irbt(_ id: UUID) async throws -> IRBTView {
        let target = try await open(id, for: .read)
        try Self.require(IRBTRules.read(user.subject, target.scope))
        return try await IRBTStore.view(target, on: db)
    }

    /// Forms the IRBT on request (below GRIP 5; at GRIP 5 it formed with the step).
    func formIRBT(_ id: UUID, _ input: @autoclosure () throws -> IRBTFormInput) async throws -> IRBTView {
        let (_, state) = try await openIRBT(id, forming: true)
        let input = try input()
        if let chosen = input.coordinatingRegion {
            try IncidentRequest.checked { () throws(PictureRuleViolation) in
                try IRBTRules.checkCoordinator(chosen, involvedRegions: state.involvedRegions)
            }
        }
        let (user, at) = (user, Microseconds.from(now))
        try await context.write(on: db) { db in
            guard try await IRBTModel.query(on: db).filter(\.$incidentID == id).first() == nil else {
                throw Problem.conflict("this incident's IRBT was formed already")
            }
            try await IRBTStore.insertTeam(
                incident: id, state: state, origin: .request, chosen: input.coordinatingRegion, at: at, actor: user.username,
                organisation: user.organisationCode, on: db)
        }
        return try await irbt(id)
    }

    /// Another voorzitter coordinates the IRBT.
    func setIRBTCoordinator(_ id: UUID, _ input: @autoclosure () throws -> IRBTCoordinatorInput) async throws -> IRBTView {
        let (_, state) = try await openIRBT(id, forming: true)
        let input = try input()
        try IncidentRequest.checked { () throws(PictureRuleViolation) in
            try IRBTRules.checkCoordinator(input.coordinatingRegion, involvedRegions: state.involvedRegions)
        }
        let user = user
        try await context.write(on: db) { db in
            let team = try await IRBTStore.requireTeam(id, on: db)
            let previous = IRBTRules.coordinator(
                chosen: team.coordinatingRegion.flatMap(RegionCode.init), involvedRegions: state.involvedRegions, leadRegion: state.leadRegion)
            guard previous != input.coordinatingRegion else {
                throw Problem.invalid("the voorzitter of \(previous) coordinates already", field: "coordinatingRegion")
            }
            team.coordinatingRegion = input.coordinatingRegion.rawValue
            try await team.update(on: db)
            try await Journal.append(
                IRBTCoordinatorChanged(incident: id, coordinatingRegion: input.coordinatingRegion, previous: previous), on: db,
                actor: user.username, organisation: user.organisationCode, incident: id)
        }
        return try await irbt(id)
    }

    /// A joint decision of the IRBT, naming the regions whose voorzitter agreed.
    func recordIRBTDecision(_ id: UUID, _ input: @autoclosure () throws -> IRBTDecisionInput) async throws -> IRBTView {
        let (_, state) = try await openIRBT(id, forming: false)
        let input = try input()
        let text = try IncidentRequest.checked { () throws(PictureRuleViolation) in
            try IRBTRules.checkDecision(text: input.text, agreedRegions: input.agreedRegions, involvedRegions: state.involvedRegions)
        }
        let decidedAt = try notInFuture(input.decidedAt, field: "decidedAt")
        let entry = IRBTStore.Entry(kind: "decision", text: text, at: decidedAt, agreed: input.agreedRegions, counterpart: nil)
        try await IRBTStore.record(entry, in: id, by: user, at: now, context: context, on: db) { recordID in
            IRBTDecisionRecorded(incident: id, decision: recordID, text: text, decidedAt: decidedAt, agreedRegions: input.agreedRegions)
        }
        return try await irbt(id)
    }

    /// Afstemming met het Rijk: what was aligned, when, and with whom.
    func recordIRBTAlignment(_ id: UUID, _ input: @autoclosure () throws -> IRBTAlignmentInput) async throws -> IRBTView {
        _ = try await openIRBT(id, forming: false)
        let input = try input()
        let (text, counterpart) = try IncidentRequest.checked { () throws(PictureRuleViolation) in
            try IRBTRules.checkAlignment(text: input.text, with: input.with)
        }
        let at = try notInFuture(input.at, field: "at")
        let entry = IRBTStore.Entry(kind: "alignment", text: text, at: at, agreed: nil, counterpart: counterpart)
        try await IRBTStore.record(entry, in: id, by: user, at: now, context: context, on: db) { recordID in
            IRBTAlignmentRecorded(incident: id, alignment: recordID, text: text, with: counterpart, at: at)
        }
        return try await irbt(id)
    }

    /// The incident and its state, if the user may write in its IRBT and two or more regions are
    /// involved (with one there is nothing to align, 002:L818-819).
    private func openIRBT(_ id: UUID, forming: Bool) async throws -> (AuthorisedIncident, IncidentState) {
        let target = try await open(id, for: .read)
        if target.scope.status == .archived { throw Problem.conflict("the incident is archived and read-only") }
        try Self.require(IRBTRules.write(user.subject, target.scope, forming: forming))
        let state = try PictureStore.decodeState(target.version)
        try IncidentRequest.checked { () throws(PictureRuleViolation) in try IRBTRules.checkCanForm(involvedRegions: state.involvedRegions) }
        return (target, state)
    }

    private static func require(_ decision: AccessDecision) throws {
        guard decision.allowed else { throw Problem.forbidden(decision.reason) }
    }

    private func notInFuture(_ date: Date?, field: String) throws -> Date {
        let now = self.now
        guard let date else { return now }
        guard date <= now else { throw Problem.invalid("'\(field)' lies in the future; record what was decided or aligned", field: field) }
        return date
    }
}
