/// Who is asking: the facts of a user the picture's access rules look at.
public struct Subject: Sendable, Equatable {
    public let username: String
    public let role: Role
    public let organisationCode: String
    public let organisationKind: OrganisationKind
    public let regionCode: RegionCode?

    public init(
        username: String, role: Role, organisationCode: String, organisationKind: OrganisationKind,
        regionCode: RegionCode?
    ) {
        self.username = username
        self.role = role
        self.organisationCode = organisationCode
        self.organisationKind = organisationKind
        self.regionCode = regionCode
    }
}

/// What a subject wants to do with an incident's picture.
public enum PictureAction: String, Sendable, CaseIterable {
    case create
    case read
    case editIncident
    case addEntry
    case verifyEntry
    case admitEntry
    case recordDecision
}

/// The parts of an incident the access rules need.
public struct IncidentScope: Sendable, Equatable {
    public let involvedRegions: Set<RegionCode>
    public let leadRegion: RegionCode
    public let status: IncidentStatus

    public init(involvedRegions: Set<RegionCode>, leadRegion: RegionCode, status: IncidentStatus) {
        self.involvedRegions = involvedRegions
        self.leadRegion = leadRegion
        self.status = status
    }
}

public struct AccessDecision: Equatable, Sendable {
    public let allowed: Bool
    public let reason: String

    public static func allow(_ reason: String) -> AccessDecision { AccessDecision(allowed: true, reason: reason) }
    public static func deny(_ reason: String) -> AccessDecision { AccessDecision(allowed: false, reason: reason) }
}

/// The picture's access rules for regions and the national node. Partners get no access here yet:
/// their collaboration profiles (Tabel 1) decide that, and come with the partners issue.
public enum PictureAccessPolicy {
    /// Roles of a region that may shape the shared picture (regie).
    static let regieRoles: Set<Role> = [.informatiemanager, .hoofdInformatie]
    static let decisionRoles: Set<Role> = [.voorzitter, .operationeelLeider, .algemeenCommandant, .informatiemanager]

    public static func decide(_ subject: Subject, _ action: PictureAction, incident: IncidentScope?) -> AccessDecision {
        if subject.role.isAdministrator {
            return .deny("administrators manage accounts; incident information is need-to-know")
        }
        switch subject.organisationKind {
        case .region:
            return decideForRegion(subject, action, incident)
        case .nationalNode:
            if action == .read { return .allow("the national node reads every incident for the national picture") }
            return .deny("the national node reads regional pictures but does not write them")
        case .partner, .ministry, .other:
            return .deny("crisis partners see an incident only through a collaboration profile that links them to it")
        }
    }

    private static func decideForRegion(_ subject: Subject, _ action: PictureAction, _ incident: IncidentScope?)
        -> AccessDecision
    {
        guard let region = subject.regionCode else { return .deny("the user's organisation has no region") }
        guard let incident else {
            guard action == .create else { return .deny("no incident given") }
            if subject.role == .liaison { return .deny("a liaison enters information but does not open incidents") }
            return .allow("region staff open incidents for their own region")
        }
        guard incident.involvedRegions.contains(region) else {
            return .deny("\(region) is not involved in this incident")
        }
        if action == .read { return .allow("\(region) is involved in this incident") }
        guard incident.status == .open || action == .editIncident else {
            return .deny("the incident is \(incident.status.rawValue); only open incidents take new information")
        }
        switch action {
        case .create, .read:
            return .allow("\(region) is involved in this incident")
        case .addEntry:
            return .allow("staff of an involved region add to the picture")
        case .verifyEntry, .admitEntry:
            return regieRoles.contains(subject.role)
                ? .allow("the information manager keeps the shared picture")
                : .deny("only the information manager (IM or HIN) verifies and admits entries")
        case .editIncident:
            return subject.role == .liaison
                ? .deny("a liaison cannot change the incident itself")
                : .allow("staff of an involved region keep the incident's details")
        case .recordDecision:
            return decisionRoles.contains(subject.role)
                ? .allow("crisis-team roles record decisions")
                : .deny("decisions are recorded by the chair, the operational leader, the commander or the IM")
        }
    }
}
