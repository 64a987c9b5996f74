import Foundation

/// What kind of threat a current risk picture (actueel risicobeeld) is about (001 §1.3; issue 18 point 2).
public enum ThreatKind: String, CaseIterable, Codable, Sendable {
    case storm, hoogwater, hitte, cyber, evenement, overig

    public var label: LocalizedLabel {
        switch self {
        case .storm: LocalizedLabel(nl: "Storm", en: "Storm")
        case .hoogwater: LocalizedLabel(nl: "Hoogwater", en: "High water")
        case .hitte: LocalizedLabel(nl: "Hitte", en: "Heat")
        case .cyber: LocalizedLabel(nl: "Cyberdreiging", en: "Cyber threat")
        case .evenement: LocalizedLabel(nl: "Groot evenement", en: "Large event")
        case .overig: LocalizedLabel(nl: "Overige dreiging", en: "Other threat")
        }
    }

    /// The incident category an escalation opens with.
    public var incidentCategory: IncidentCategory {
        switch self {
        case .storm, .hitte: .extreemWeer
        case .hoogwater: .overstroming
        case .cyber: .digitaleOntwrichting
        case .evenement: .evenement
        case .overig: .overig
        }
    }
}

/// Where a risk picture stands: open while the threat is watched, escalated once it became an incident,
/// closed when it passed.
public enum RiskPictureStatus: String, CaseIterable, Codable, Sendable {
    case open, escalated, closed

    public var label: LocalizedLabel {
        switch self {
        case .open: LocalizedLabel(nl: "Open", en: "Open")
        case .escalated: LocalizedLabel(nl: "Opgeschaald naar incident", en: "Escalated to an incident")
        case .closed: LocalizedLabel(nl: "Afgesloten", en: "Closed")
        }
    }
}

/// The terms an expected effect is written on: straight into the picture, or waiting for the region's
/// admission (structureel; a koppel partner's liaison).
public enum EffectTerms: Equatable, Sendable {
    case linked
    case awaitingAdmission(viaLiaison: Bool)

    public var awaits: Bool { self != .linked }
}

/// Why an expected effect may not be written.
public struct EffectRefusal: Error, Equatable, Sendable {
    public let reason: String
    public init(_ reason: String) { self.reason = reason }
}

/// Who reads and fills a region's current risk picture (issue 18 point 2; decision 0029). The picture of a
/// threat is built like the incident picture: the region keeps regie, its partners add expected effects in
/// their own theme under their collaboration profile (Tabel 1, 001:L1120-1139) — kern writes linked,
/// structureel writes for the region's admission, a koppel partner's liaison supplies for admission,
/// standby reads along, ad hoc works outside the system.
public enum RiskPictureRules {
    /// The region's staff who open, keep and escalate its risk pictures: information management, the risk
    /// advisor, the operational leadership.
    public static let keeperRoles: Set<Role> = [.informatiemanager, .hoofdInformatie, .risicoadviseur, .operationeelLeider, .algemeenCommandant]

    public static let titleLength = 3...200
    public static let textLength = 3...5000
    /// A threat is watched for at most this long; a longer one is a risk of the profile.
    public static let longestWindow: TimeInterval = 60 * 24 * 3600

    static func isRegionStaff(_ subject: Subject, of region: RegionCode) -> Bool {
        subject.organisationKind == .region && subject.regionCode == region && !subject.role.isAdministrator
            && !subject.role.isEmergencyAccount && !subject.role.belongsToPartner
    }

    /// Open a risk picture, change it, invite partners, admit effects, close or escalate it.
    public static func keep(_ subject: Subject, region: RegionCode) -> AccessDecision {
        guard isRegionStaff(subject, of: region) else { return .deny("only the staff of \(region) keep its risk pictures") }
        guard keeperRoles.contains(subject.role) else {
            return .deny("a risk picture is kept by the region's IM, HIN, risk advisor, OL or AC, not by someone with the role \(subject.role.label.en)")
        }
        return .allow("staff of \(region) who keep its risk pictures")
    }

    /// Read the picture: the region's staff; a partner the region invited, as its profile lets it read; the
    /// national node's staff once the picture is shared upward (lukewarm phase, point 6).
    public static func read(_ subject: Subject, region: RegionCode, partners: [String: CollaborationProfile], shared: Bool) -> AccessDecision {
        if subject.role.isEmergencyAccount || subject.role.isAdministrator {
            return .deny("a risk picture is read by the crisis organisation and the partners invited to it")
        }
        if isRegionStaff(subject, of: region) { return .allow("staff of \(region)") }
        if subject.organisationKind == .nationalNode {
            return shared ? .allow("shared with the national node in the lukewarm phase")
                : .deny("the region has not shared this risk picture with the national node")
        }
        guard let profile = partners[subject.organisationCode] else {
            return .deny("\(subject.organisationCode) is not invited to this risk picture (need-to-know)")
        }
        switch profile {
        case .kern, .structureel, .standby: return .allow("invited under \(profile.rawValue)")
        case .koppel where subject.role == .liaison: return .allow("the partner's liaison reads what it supplied")
        case .koppel, .adHoc:
            return .deny("\(profile.rawValue): the partner has no access of its own; its liaison or the region's detached HIN works for it")
        }
    }

    /// What a koppel partner's liaison reads of the picture: only its own theme.
    public static func readsOnlyOwnTheme(_ subject: Subject, partners: [String: CollaborationProfile]) -> Bool {
        subject.role == .liaison && partners[subject.organisationCode] == .koppel
    }

    /// Add an expected effect in `theme`: the region's staff in the disciplines' themes, a partner in its own.
    public static func addEffect(
        _ subject: Subject, region: RegionCode, partners: [String: CollaborationProfile], theme: Theme
    ) -> Result<EffectTerms, EffectRefusal> {
        if isRegionStaff(subject, of: region) {
            guard case .partner = theme else { return .success(.linked) }
            return .failure(EffectRefusal("a partner's theme is written by the partner; the region writes in the disciplines' themes"))
        }
        guard let profile = partners[subject.organisationCode], subject.role.belongsToPartner else {
            return .failure(EffectRefusal("\(subject.organisationCode) is not invited to this risk picture (need-to-know)"))
        }
        guard theme == .partner(subject.organisationCode) else {
            return .failure(EffectRefusal("a partner writes only in its own theme (\(Theme.partner(subject.organisationCode)))"))
        }
        switch profile {
        case .kern: return .success(.linked)
        case .structureel: return .success(.awaitingAdmission(viaLiaison: false))
        case .koppel where subject.role == .liaison: return .success(.awaitingAdmission(viaLiaison: true))
        case .koppel, .adHoc:
            return .failure(EffectRefusal("\(profile.rawValue): the partner has no access of its own; its liaison or the region's detached HIN works for it"))
        case .standby: return .failure(EffectRefusal("standby-samenwerking reads along but does not write"))
        }
    }

    /// The problems of a picture's title, description and window, field by field.
    public static func problems(title: String, description: String, from: Date, until: Date) -> [RiskProblem] {
        var found: [RiskProblem] = []
        if !titleLength.contains(title.trimmingCharacters(in: .whitespacesAndNewlines).unicodeScalars.count) {
            found.append(RiskProblem(field: "title", LocalizedLabel(nl: "de titel moet 3 tot 200 tekens zijn", en: "the title must be 3 to 200 characters")))
        }
        if !textLength.contains(description.trimmingCharacters(in: .whitespacesAndNewlines).unicodeScalars.count) {
            found.append(RiskProblem(field: "description", LocalizedLabel(
                nl: "de beschrijving moet 3 tot 5000 tekens zijn", en: "the description must be 3 to 5000 characters")))
        }
        if until <= from {
            found.append(RiskProblem(field: "expectedUntil", LocalizedLabel(
                nl: "het verwachte einde moet na het verwachte begin liggen", en: "the expected end must come after the expected start")))
        } else if until.timeIntervalSince(from) > longestWindow {
            found.append(RiskProblem(field: "expectedUntil", LocalizedLabel(
                nl: "een dreiging wordt ten hoogste 60 dagen gevolgd; een langer risico hoort in het risicoprofiel",
                en: "a threat is watched for at most 60 days; a longer one belongs in the risk profile")))
        }
        return found
    }
}
