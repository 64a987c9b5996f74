import Foundation
import KnooppuntCore
import Vapor

extension IncidentCommands {
    /// A liaison enters a koppel partner's own SitRap; it becomes one entry in the partner's theme, "via liaison".
    func enterPartnerSitRap(in id: UUID, _ input: @autoclosure () throws -> PartnerSitRapInput) async throws -> EntryVersionModel {
        let target = try await open(id, for: .read)
        let input = try input()
        let sitrap = PartnerSitRap(
            situation: input.situation, measures: input.measures, expectation: input.expectation, needs: input.needs, contact: input.contact)
        if let problem = sitrap.problem { throw Problem.invalid(problem.reason, field: problem.field) }
        guard let code = OrganisationCodeText.normalised(input.partner) else {
            throw Problem.invalid("'partner' is the organisation code of the partner whose SitRap this is (2 to 20 letters A–Z, digits or hyphens)", field: "partner")
        }
        let name = try await PartnerStore.partnerNames(on: db)[code] ?? code
        return try await addEntry(
            AddEntryInput(theme: .partner(code), text: sitrap.entryText, source: "SitRap \(name)", observedAt: input.reportedAt, onBehalfOf: code),
            to: target)
    }
}

/// A partner's own SitRap as a liaison enters it (API and form alike).
struct PartnerSitRapInput: StrictDecodable {
    var partner: String
    var reportedAt: Date?
    var situation: String
    var measures: String?
    var expectation: String?
    var needs: String?
    var contact: String?
    enum CodingKeys: String, CodingKey, CaseIterable { case partner, reportedAt, situation, measures, expectation, needs, contact }
}

