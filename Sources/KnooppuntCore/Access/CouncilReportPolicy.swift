import Foundation

/// Who may draft the voorzitter's written report to the councils of the affected gemeenten (art. 40
/// Wvr, 002:L862-865). It is the voorzitter's account of the crisis, prepared by the staff of the
/// involved regions; asked after `AccessPolicy` has allowed reading the incident, so it only narrows.
public enum CouncilReportPolicy {
    public static func mayDraft(_ subject: Subject, incident: IncidentScope) -> AccessDecision {
        if subject.role.isEmergencyAccount { return .deny(FallbackPolicy.onlyFallback) }
        if subject.role.isAdministrator {
            return .deny("administrators manage accounts; the report to the councils is drafted by the involved regions")
        }
        switch subject.organisationKind {
        case .region:
            guard let region = subject.regionCode, incident.involvedRegions.contains(region) else {
                return .deny("the report to the councils is drafted by staff of the involved regions")
            }
            if subject.role.worksForPartner { return .deny("a liaison works for a partner; the report to the councils is the voorzitter's") }
            return .allow("staff of an involved region draft the voorzitter's report to the councils")
        case .nationalNode, .partner, .ministry, .other, .meldkamer:
            return .deny("the report to the councils is the voorzitter's, drafted by staff of the involved regions")
        }
    }
}
