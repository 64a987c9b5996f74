import Fluent
import Foundation
import KnooppuntCore
import Vapor

extension IncidentCommands {
    /// Records that the councils of affected gemeenten were consulted on a decision, or that the
    /// required urgency prevented it (C10; 002:L875-877). It belongs to the decision log, so it takes
    /// what recording a decision takes; the decision must be in force.
    func recordConsultation(on decisionID: UUID, in id: UUID, _ input: @autoclosure () throws -> ConsultationInput) async throws
        -> RecordVersionModel
    {
        let target = try await open(id, for: .recordDecision)
        let input = try input()
        guard let decision = try await RecordStore.current(decisionID, .decision, in: id, on: db) else {
            throw Problem.notFound("no decision with id \(decisionID) in this incident")
        }
        guard !(try RecordStore.decode(DecisionBody.self, decision.body)).revoked else {
            throw Problem.conflict("the decision is revoked; record consultations on the decisions in force")
        }
        let now = self.now
        let urgent = input.urgent ?? false
        let consultation = ConsultationBody(
            decision: decisionID, councils: input.councils, consultedAt: urgent ? input.consultedAt : input.consultedAt ?? now,
            position: IncidentCommands.given(input.position), urgent: urgent, urgencyReason: IncidentCommands.given(input.urgencyReason))
        try IncidentRequest.checked { () throws(PictureRuleViolation) in try ConsultationRules.validate(consultation, now: now) }
        let gemeenten = Dictionary(
            try await MunicipalityAreas.all(on: db).compactMap { area in MunicipalityCode(area.code).map { ($0, area.region) } },
            uniquingKeysWith: { first, _ in first })
        let affected = Set(try await IncidentAuthority.affectedMunicipalities(target, for: user, context: context, on: db)
            .compactMap { MunicipalityCode($0.code) })
        try IncidentRequest.checked { () throws(PictureRuleViolation) in
            try ConsultationRules.validate(
                councils: consultation.councils, gemeenten: gemeenten, affected: affected, involvedRegions: target.scope.involvedRegions)
        }
        return try await records.create(consultation, in: id, by: user.author)
    }

    /// The consultations recorded on a decision the user may read, oldest first.
    func consultations(on decisionID: UUID, in id: UUID) async throws -> [RecordVersionModel] {
        let target = try await open(id, for: .read)
        try await IncidentAccess.requireWholePicture(user.subject, incident: id, scope: target.scope, on: db, at: now)
        guard try await RecordStore.current(decisionID, .decision, in: id, on: db) != nil else {
            throw Problem.notFound("no decision with id \(decisionID) in this incident")
        }
        return try await records.records(.consultation, of: id, at: Microseconds.from(now))
            .filter { (try? RecordStore.decode(ConsultationBody.self, $0.body).decision) == decisionID }
    }
}
