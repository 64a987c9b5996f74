import Foundation

/// Who reads and keeps a regional risk profile (decision 0028).
///
/// The profile is adopted by the region's algemeen bestuur and published ([PK] Wet veiligheidsregio's
/// art. 15); the seeds have regions and partners inventory risks together (C32, 002:L833-835) and the
/// national risk analysis aligned with the 25 profiles (002:L551-553). So everyone in the crisis
/// organisation and its partners reads the profiles; emergency accounts read only their fallback picture.
/// The region keeps its own profile: its risk advisor and its directeur; the zorgrisicoprofiel is the
/// GHOR's (002:L1058-1060), kept by the region's DPG and its risk advisor.
public enum RiskProfileRules {
    /// Keep the region's general risk profile.
    public static let profileRoles: Set<Role> = [.risicoadviseur, .directeurVeiligheidsregio]
    /// Keep the GHOR's zorgrisicoprofiel (C31).
    public static let careProfileRoles: Set<Role> = [.risicoadviseur, .dpg]

    public static func read(_ subject: Subject) -> AccessDecision {
        if subject.role.isEmergencyAccount { return .deny(FallbackPolicy.onlyFallback) }
        return .allow("the regional risk profiles are adopted and published by the regions' bestuur")
    }

    /// May `subject` record, change or withdraw a risk of `region`'s profile (the zorgrisicoprofiel when
    /// `careProfile`)?
    public static func keep(_ subject: Subject, region: RegionCode, careProfile: Bool) -> AccessDecision {
        guard subject.organisationKind == .region, subject.regionCode == region else {
            return .deny("only \(region) keeps its own risk profile")
        }
        if careProfile {
            guard careProfileRoles.contains(subject.role) else {
                return .deny("the zorgrisicoprofiel is kept by the region's DPG and risk advisor, not by someone with the role \(subject.role.label.en)")
            }
            return .allow("the region's DPG or risk advisor")
        }
        guard profileRoles.contains(subject.role) else {
            return .deny("the risk profile is kept by the region's risk advisor and directeur, not by someone with the role \(subject.role.label.en)")
        }
        return .allow("the region's risk advisor or directeur")
    }

    /// The reason a risk leaves the profile: trimmed, 3 to 1000 characters.
    public static func withdrawalReason(_ text: String) -> String? {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return (3...1000).contains(trimmed.unicodeScalars.count) ? trimmed : nil
    }
}
