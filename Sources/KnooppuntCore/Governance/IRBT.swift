import Foundation

/// The Interregionaal Beleidsteam of an incident (C07): «Indien sprake is van een crisis die twee of
/// meer veiligheidsregio’s … treft, kan besloten worden tot het inrichten van een Interregionaal
/// Beleidsteam (IRBT). In het Interregionaal Beleidsteam kunnen de voorzitters van de veiligheidsregio’s
/// de uitoefening van hun taken en bevoegdheden bij een crisis onderling afstemmen, en kan afstemming
/// plaatsvinden met het Rijk» (002:L818-823). Its members are offices, not accounts: the voorzitter of
/// each involved region.
public enum IRBTRules {
    /// How an IRBT came to be.
    public enum Origin: String, Codable, Sendable, CaseIterable {
        /// The incident went to GRIP 5 (interregional scaling implies the team, decision 0020 R4).
        case grip5 = "grip-5"
        /// A region's IM or voorzitter asked for it below GRIP 5.
        case request
    }

    /// One member: the voorzitter of an involved region.
    public struct Member: Equatable, Sendable {
        public let office: AuthorityOffice
        public let region: RegionCode
        public let coordinating: Bool
    }

    /// Who may form the team on request below GRIP 5.
    public static let formingRoles: Set<Role> = [.informatiemanager, .voorzitter]

    public static let textLength = 3...5000
    public static let counterpartLength = 2...200

    /// At GRIP 5 an incident has an IRBT (it needs two or more regions to be at GRIP 5 at all).
    public static func formsAutomatically(_ state: IncidentState) -> Bool {
        state.grip == .five && Set(state.involvedRegions).count >= 2
    }

    /// An IRBT aligns two or more regions; with fewer there is nothing to align.
    public static func checkCanForm(involvedRegions: [RegionCode]) throws(PictureRuleViolation) {
        guard Set(involvedRegions).count >= 2 else {
            throw PictureRuleViolation(
                field: "involvedRegions",
                "an IRBT is formed when two or more regions are involved (002:L818-819); this incident involves \(Set(involvedRegions).count)")
        }
    }

    /// The coördinerend voorzitter's region: the one chosen while it is still involved, else the lead
    /// region's (decision 0020, ambiguity 5).
    public static func coordinator(chosen: RegionCode?, involvedRegions: [RegionCode], leadRegion: RegionCode) -> RegionCode {
        guard let chosen, involvedRegions.contains(chosen) else { return leadRegion }
        return chosen
    }

    /// The voorzitters of the involved regions, the coördinerend voorzitter first.
    public static func members(involvedRegions: [RegionCode], leadRegion: RegionCode, chosen: RegionCode?) -> [Member] {
        let coordinating = coordinator(chosen: chosen, involvedRegions: involvedRegions, leadRegion: leadRegion)
        let ordered = [coordinating] + involvedRegions.filter { $0 != coordinating }
        return ordered.map { Member(office: .voorzitter(region: $0), region: $0, coordinating: $0 == coordinating) }
    }

    /// A new coördinerend voorzitter must be one of the members.
    public static func checkCoordinator(_ region: RegionCode, involvedRegions: [RegionCode]) throws(PictureRuleViolation) {
        guard involvedRegions.contains(region) else {
            throw PictureRuleViolation(
                field: "coordinatingRegion", "the coördinerend voorzitter is one of the IRBT's voorzitters; \(region) is not involved")
        }
    }

    /// A joint decision: its text, and the regions whose voorzitter agreed — involved regions, each once.
    public static func checkDecision(text: String, agreedRegions: [RegionCode], involvedRegions: [RegionCode])
        throws(PictureRuleViolation) -> String
    {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard textLength.contains(trimmed.count) else {
            throw PictureRuleViolation(field: "text", "the decision needs a text of 3 to 5000 characters")
        }
        guard !agreedRegions.isEmpty else {
            throw PictureRuleViolation(field: "agreedRegions", "name the regions whose voorzitter agreed")
        }
        guard Set(agreedRegions).count == agreedRegions.count else {
            throw PictureRuleViolation(field: "agreedRegions", "a region is listed twice")
        }
        if let outsider = agreedRegions.first(where: { !involvedRegions.contains($0) }) {
            throw PictureRuleViolation(field: "agreedRegions", "\(outsider) is not involved in this incident, so not in its IRBT")
        }
        return trimmed
    }

    /// Afstemming met het Rijk: what was aligned and with whom.
    public static func checkAlignment(text: String, with counterpart: String) throws(PictureRuleViolation) -> (String, String) {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard textLength.contains(trimmed.count) else {
            throw PictureRuleViolation(field: "text", "say what was aligned: 3 to 5000 characters")
        }
        let with = counterpart.trimmingCharacters(in: .whitespacesAndNewlines)
        guard counterpartLength.contains(with.count) else {
            throw PictureRuleViolation(field: "with", "name whom at the Rijk it was aligned with (2 to 200 characters)")
        }
        return (trimmed, with)
    }

    // MARK: Access

    /// The involved regions' staff and the national node read the IRBT; partners, administrators and
    /// emergency accounts do not.
    public static func read(_ subject: Subject, _ scope: IncidentScope) -> AccessDecision {
        guard !subject.role.isAdministrator, !subject.role.isEmergencyAccount, !subject.role.belongsToPartner else {
            return .deny("the IRBT is read by the involved regions and the national node, not by a \(subject.role.label.en)")
        }
        switch subject.organisationKind {
        case .nationalNode:
            return .allow("national node")
        case .region where subject.regionCode.map(scope.involvedRegions.contains) == true:
            return .allow("staff of an involved region")
        default:
            return .deny("the IRBT is read by the involved regions and the national node")
        }
    }

    /// The involved regions' crisis staff record the IRBT's decisions and alignments; forming it below
    /// GRIP 5 and choosing the coördinerend voorzitter is for their IM or voorzitter.
    public static func write(_ subject: Subject, _ scope: IncidentScope, forming: Bool) -> AccessDecision {
        guard subject.organisationKind == .region, let region = subject.regionCode, scope.involvedRegions.contains(region) else {
            return .deny("only the staff of the involved regions work in the IRBT's record")
        }
        guard scope.status == .open else {
            return .deny("the incident is \(scope.status.rawValue)")
        }
        let roles = forming ? formingRoles : RegionPhaseRules.regionRoles
        guard roles.contains(subject.role) else {
            return .deny(forming
                ? "an IRBT is formed, and its coördinerend voorzitter chosen, by an involved region's IM or voorzitter"
                : "the IRBT's record is kept by an involved region's IM, HIN, OL, AC or voorzitter")
        }
        return .allow("staff of involved region \(region)")
    }
}
