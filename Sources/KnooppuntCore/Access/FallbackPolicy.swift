import Foundation

/// Who may read the fallback picture the national node keeps for a region (decision 0017): only that
/// region's emergency accounts. The copy is held in trust for the region while its own node is down; the
/// national node's staff have the summaries and ask the source for details, administrators manage the
/// accounts, and no other region reads it.
public enum FallbackPolicy {
    /// May `subject` read the fallback copies of `region` (nil: a source node that is no region's node)?
    public static func decide(_ subject: Subject, region: RegionCode?) -> AccessDecision {
        guard subject.role.isEmergencyAccount else {
            return .deny("the fallback picture of a region is read with that region's emergency account (noodaccount) only")
        }
        guard subject.organisationKind == .region, let own = subject.regionCode else {
            return .deny("an emergency account must belong to a safety region")
        }
        guard let region else { return .deny("this copy does not come from a regional node") }
        guard region == own else {
            return .deny("the emergency account of \(own) reads only the fallback picture of \(own), not of \(region)")
        }
        return .allow("the emergency account of \(own) reads its region's fallback picture; the read is journaled", [.journalRead])
    }

    /// Why an emergency account is refused everything else.
    public static let onlyFallback = "an emergency account (noodaccount) reads only its region's fallback picture"
}
