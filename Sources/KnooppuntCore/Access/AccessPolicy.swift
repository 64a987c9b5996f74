import Foundation

/// Who is asking: the facts of a user the access rules look at.
public struct Subject: Sendable, Equatable {
    public let username: String
    public let role: Role
    public let organisationCode: String
    public let organisationKind: OrganisationKind
    public let regionCode: RegionCode?
    /// For a commissaris van de Koning: the regions of their province (from the office register).
    public let overseenRegions: Set<RegionCode>

    public init(
        username: String, role: Role, organisationCode: String, organisationKind: OrganisationKind,
        regionCode: RegionCode?, overseenRegions: Set<RegionCode> = []
    ) {
        self.username = username
        self.role = role
        self.organisationCode = organisationCode
        self.organisationKind = organisationKind
        self.regionCode = regionCode
        self.overseenRegions = overseenRegions
    }

    public var isPartner: Bool { organisationKind == .partner || organisationKind == .ministry || organisationKind == .other }
}

/// What a subject wants to do.
public enum AccessAction: String, Sendable, CaseIterable, Codable {
    /// Open a new incident.
    case create
    /// Read an incident's picture (or one item of it, at the request's classification).
    case read
    /// See an incident in a standby partner's monitoring list: title, category, area and GRIP only.
    case monitor
    /// Change the incident itself: GRIP, phase, status, regions.
    case editIncident
    /// Add or edit entries, actions and conflict marks.
    case addEntry
    /// Import entries from the partner's own netcentric picture through the API.
    case importEntries
    /// A region's HIN or detached HIN enters information on behalf of a partner without access of its own,
    /// while the partner is linked under koppel or ad hoc (decision 0027 §6, §8).
    case enterOnBehalf
    case verifyEntry
    case admitEntry
    case recordDecision
    /// Write a theme's summary (actueel beeld, knelpunten, verwachting; decision 0024): the theme's
    /// owner; the totaalbeeld (`Theme.algemeen`) the information manager.
    case writeSummary
    /// Link a partner to the incident, admit or invite a standby partner, disconnect one.
    case manageAccess
    /// The chair opens the incident to a named organisation for a limited time (break glass).
    case breakGlass
    /// A partner under kernsamenwerking, linked to the incident, brings a standby partner in through its own
    /// process, under its own mandate (001:L853-871, decision 0027 §9).
    case bringInStandby
}

/// The parts of an incident the access rules need.
public struct IncidentScope: Sendable, Equatable {
    public let involvedRegions: Set<RegionCode>
    public let leadRegion: RegionCode
    public let status: IncidentStatus
    /// The incident was promoted from a meldkamer proposal and the IM has not yet taken its meldkamer theme
    /// over from the calamiteitencoördinator (decision 0034).
    public let meldkamerInCharge: Bool

    public init(involvedRegions: Set<RegionCode>, leadRegion: RegionCode, status: IncidentStatus, meldkamerInCharge: Bool = false) {
        self.involvedRegions = involvedRegions
        self.leadRegion = leadRegion
        self.status = status
        self.meldkamerInCharge = meldkamerInCharge
    }
}

/// Something the caller must do when it acts on an allow.
public enum AccessObligation: String, Sendable, CaseIterable, Codable {
    /// The entry waits for the region IM's admission before it joins the shared picture.
    case awaitAdmission
    /// The read is of confidential information: journal it.
    case journalRead
    /// Shown as entered for the partner ("namens <partner>"): by its own liaison or by the region's HIN.
    case markViaLiaison
}

public struct AccessDecision: Equatable, Sendable {
    public let allowed: Bool
    public let reason: String
    public let obligations: Set<AccessObligation>

    public static func allow(_ reason: String, _ obligations: Set<AccessObligation> = []) -> AccessDecision {
        AccessDecision(allowed: true, reason: reason, obligations: obligations)
    }

    public static func deny(_ reason: String) -> AccessDecision {
        AccessDecision(allowed: false, reason: reason, obligations: [])
    }
}

/// One question to the policy: may `subject` do `action` on `incident`, at `time`?
public struct AccessRequest: Sendable {
    public var subject: Subject
    public var action: AccessAction
    public var incident: IncidentScope?
    /// The subject organisation's grants for this incident (links, admissions, temporary accounts,
    /// break-glass openings), active or not: the policy checks their time and state.
    public var grants: [AccessGrant]
    /// The profiles the subject's organisation holds, in effect, with the incident's involved regions.
    public var standing: Set<CollaborationProfile>
    /// The classification of the item read or written.
    public var classification: Classification
    /// The theme written to, for writes.
    public var theme: Theme?
    /// For `enterOnBehalf`: the grants on this incident of the partner the information is entered for; its
    /// koppel or ad-hoc link in force decides (decision 0027 §6).
    public var onBehalfOf: [AccessGrant]
    public var time: Date

    public init(
        subject: Subject, action: AccessAction, incident: IncidentScope?, grants: [AccessGrant] = [],
        standing: Set<CollaborationProfile> = [], classification: Classification = .public, theme: Theme? = nil,
        onBehalfOf: [AccessGrant] = [], time: Date
    ) {
        self.subject = subject
        self.action = action
        self.incident = incident
        self.grants = grants
        self.standing = standing
        self.classification = classification
        self.theme = theme
        self.onBehalfOf = onBehalfOf
        self.time = time
    }
}

/// The one access policy of Knooppunt: subject × action × resource × time → allow or deny, with the
/// reason. Pure, so it is tested exhaustively; every read and write of the server asks it.
public enum AccessPolicy {
    /// Roles of a region that keep the shared picture (regie).
    static let regieRoles: Set<Role> = [.informatiemanager, .hoofdInformatie]
    static let decisionRoles: Set<Role> = [.voorzitter, .burgemeester, .operationeelLeider, .algemeenCommandant, .informatiemanager]
    /// A region's people who work on behalf of partners without access: the HIN and the detached HIN.
    static let onBehalfRoles: Set<Role> = [.hinGedetacheerd, .hoofdInformatie]
    /// The national node reads up to this level without a grant.
    public static let nationalCeiling: Classification = .internal

    public static func decide(_ request: AccessRequest) -> AccessDecision {
        let subject = request.subject
        if subject.role.isEmergencyAccount { return .deny(FallbackPolicy.onlyFallback) }
        if subject.role.isAdministrator {
            // No temporary accounts for ad-hoc partners either (decision 0027 §6): administrators keep
            // accounts and registers, never an incident's information.
            return .deny("administrators manage accounts and the partner registry; incident information is need-to-know")
        }
        if subject.role.isRijkOrProvince { return decideForRijk(request) }
        if Self.assessors.contains(subject.role) {
            return .deny("the toetser and the chair of the regiegroep assess partners' collaboration; they have no part in an incident")
        }
        if subject.role == .calamiteitencoordinator, subject.organisationKind != .meldkamer {
            return .deny("a calamiteitencoördinator belongs to a meldkamer")
        }
        switch subject.organisationKind {
        case .region:
            return decideForRegion(request)
        case .nationalNode:
            return decideForNationalNode(request)
        case .partner, .ministry, .other:
            return decideForPartner(request)
        case .meldkamer:
            return decideForMeldkamer(request)
        }
    }

    // MARK: Meldkamer

    /// The calamiteitencoördinator reads the incidents of the regions its meldkamer serves and writes their
    /// meldkamer theme until the IM takes it over; it opens incidents only by promoting a proposal (which
    /// `MeldkamerPolicy` decides), and does nothing else in the picture (decision 0034).
    private static func decideForMeldkamer(_ request: AccessRequest) -> AccessDecision {
        let subject = request.subject
        guard subject.role == .calamiteitencoordinator else {
            return .deny("at a meldkamer only the calamiteitencoördinator works in the picture")
        }
        guard let meldkamer = Meldkamers.meldkamer(code: subject.organisationCode) else {
            return .deny("\(subject.organisationCode) is not one of the ten meldkamers")
        }
        guard let incident = request.incident else {
            return .deny(
                request.action == .create
                    ? "the calamiteitencoördinator opens an incident by promoting a meldkamer proposal"
                    : "no incident given")
        }
        guard !incident.involvedRegions.isDisjoint(with: meldkamer.regions) else {
            return .deny("no region \(meldkamer.name) serves is involved in this incident")
        }
        switch request.action {
        case .read, .monitor:
            return .allow(
                "\(meldkamer.name) serves a region involved in this incident",
                request.action == .read && request.classification == .confidential ? [.journalRead] : [])
        case .addEntry, .writeSummary:
            guard request.theme == .meldkamer else {
                return .deny("the calamiteitencoördinator writes the meldkamer theme only")
            }
            guard incident.status == .open else {
                return .deny("the incident is \(incident.status.rawValue); only open incidents take new information")
            }
            guard incident.meldkamerInCharge else {
                return .deny("the information manager has taken the meldkamer theme over from the calamiteitencoördinator")
            }
            return .allow("the calamiteitencoördinator keeps the meldkamer theme until the IM takes over")
        case .create, .editIncident, .importEntries, .enterOnBehalf, .verifyEntry, .admitEntry, .recordDecision,
            .manageAccess, .breakGlass, .bringInStandby:
            return .deny("the calamiteitencoördinator reads the picture and keeps the meldkamer theme; the region does the rest")
        }
    }

    /// Shorthand for a request without grants, at `time`.
    public static func decide(_ subject: Subject, _ action: AccessAction, incident: IncidentScope?, at time: Date)
        -> AccessDecision
    {
        decide(AccessRequest(subject: subject, action: action, incident: incident, time: time))
    }

    // MARK: Regions

    private static func decideForRegion(_ request: AccessRequest) -> AccessDecision {
        let subject = request.subject
        guard let region = subject.regionCode else { return .deny("the user's organisation has no region") }
        if subject.role == .liaison {
            return .deny("a liaison belongs to a crisis partner, not to a region (decision 0027 §8)")
        }
        guard let incident = request.incident else {
            guard request.action == .create else { return .deny("no incident given") }
            if subject.role.worksForPartner { return .deny("a detached HIN enters information but does not open incidents") }
            return .allow("region staff open incidents for their own region")
        }
        guard incident.involvedRegions.contains(region) else {
            return .deny("\(region) is not involved in this incident")
        }
        switch request.action {
        case .read, .monitor:
            return .allow(
                "\(region) is involved in this incident",
                request.action == .read && request.classification == .confidential ? [.journalRead] : [])
        case .create:
            return .deny("the incident exists already")
        case .importEntries:
            return .deny("importing from an own netcentric picture is for partners under kernsamenwerking")
        case .bringInStandby:
            return .deny("the region links partners itself (its IM or HIN), naming the discipline whose mandate a standby partner joins under")
        default:
            break
        }
        guard incident.status == .open || request.action == .editIncident else {
            return .deny("the incident is \(incident.status.rawValue); only open incidents take new information")
        }
        switch request.action {
        case .create, .read, .monitor, .importEntries, .bringInStandby:
            return .deny("unreachable")
        case .addEntry:
            if let theme = request.theme, case .partner(let code) = theme {
                return .deny("the \(code) theme is written by \(code) itself, or for it by the region's (detached) HIN")
            }
            return .allow("staff of an involved region add to the picture")
        case .enterOnBehalf:
            return decideOnBehalf(request)
        case .verifyEntry, .admitEntry, .manageAccess:
            return regieRoles.contains(subject.role)
                ? .allow("the information manager keeps the shared picture and decides who joins it")
                : .deny("only the information manager (IM or HIN) verifies, admits and links partners")
        case .editIncident:
            return subject.role.worksForPartner
                ? .deny("a detached HIN cannot change the incident itself")
                : .allow("staff of an involved region keep the incident's details")
        case .writeSummary:
            if let theme = request.theme, case .partner(let code) = theme {
                return .deny("the summary of the \(code) theme is written by \(code) itself")
            }
            if request.theme == .algemeen {
                return regieRoles.contains(subject.role)
                    ? .allow("the information manager keeps the totaalbeeld")
                    : .deny("the totaalbeeld is kept by the information manager (IM or HIN)")
            }
            return subject.role.worksForPartner
                ? .deny("a detached HIN enters information but does not write a discipline's summary")
                : .allow("staff of an involved region keep their discipline's summary")
        case .recordDecision:
            return decisionRoles.contains(subject.role)
                ? .allow("crisis-team roles record decisions")
                : .deny("decisions are recorded by the chair, the operational leader, the commander or the IM")
        case .breakGlass:
            return subject.role == .voorzitter
                ? .allow("the chair may open the incident to a named organisation for a limited time, and answers for it")
                : .deny("only the chair (voorzitter) of an involved region may break the glass")
        }
    }

    /// «Nee, aanleveren van informatie buiten LCMS om door liaison» / «… of via gedetacheerde HIN»
    /// (001:L1052-1068, L1120-1135): the region's HIN or detached HIN enters a partner's information while
    /// the partner is linked under koppelsamenwerking; under an ad-hoc-aansluiting only the HIN the region
    /// detached to it (decision 0027 §6).
    private static func decideOnBehalf(_ request: AccessRequest) -> AccessDecision {
        let subject = request.subject
        guard onBehalfRoles.contains(subject.role) else {
            return .deny("only the region's HIN or detached HIN enters information on a partner's behalf")
        }
        let inForce = request.onBehalfOf.filter { $0.isActive(at: request.time) }
        guard let link = inForce.first(where: { $0.kind == .link(.koppel) || $0.kind == .link(.adHoc) }) else {
            if inForce.contains(where: { if case .link = $0.kind { true } else { false } }) {
                return .deny("information is entered on a partner's behalf only under koppelsamenwerking or ad-hoc-aansluiting; this partner enters its own")
            }
            return .deny("the partner is not linked to this incident under koppelsamenwerking or ad-hoc-aansluiting; the IM links it first")
        }
        if link.kind == .link(.adHoc), link.detachedHIN != subject.username {
            return .deny("under this ad-hoc-aansluiting the HIN the region detached to \(link.organisationCode) enters its information")
        }
        let profile = link.kind == .link(.adHoc) ? "ad-hoc" : "koppel"
        return .allow("the region's \(subject.role.rawValue) enters information for a \(profile) partner", [.markViaLiaison])
    }

    // MARK: National node

    private static func decideForNationalNode(_ request: AccessRequest) -> AccessDecision {
        switch request.action {
        case .read, .monitor:
            guard request.incident != nil else { return .deny("no incident given") }
            if request.classification > nationalCeiling,
                let grant = activeGrant(request), request.classification <= grant.maxClassification
            {
                return .allow("opened to the national node: \(grant.purpose)", [.journalRead])
            }
            guard request.classification <= nationalCeiling else {
                return .deny("confidential information stays with the region unless it is opened to the national node")
            }
            return .allow("the national node reads every incident for the national picture")
        default:
            return .deny("the national node reads regional pictures but does not write them")
        }
    }

    // MARK: Rijk and province

    /// Ministers, their crisis staff and the commissaris van de Koning read incidents at the national
    /// picture's level (the CdK only those of regions in their province); they write no regional picture:
    /// the minister acts through aanwijzingen, the bestuur through its own registers (decision 0020).
    private static func decideForRijk(_ request: AccessRequest) -> AccessDecision {
        let subject = request.subject
        guard request.action == .read || request.action == .monitor else {
            return .deny("the Rijk and the commissaris van de Koning do not write regional pictures; the minister gives aanwijzingen")
        }
        guard let incident = request.incident else { return .deny("no incident given") }
        if subject.role == .commissarisVanDeKoning, incident.involvedRegions.isDisjoint(with: subject.overseenRegions) {
            return .deny("the commissaris van de Koning follows the incidents of the regions in their own province")
        }
        guard request.classification <= nationalCeiling else {
            return .deny("confidential information stays with the region; the Rijk reads at the national picture's level")
        }
        return .allow("the Rijk and the province follow incidents at the national picture's level")
    }

    // MARK: Partners

    /// What each collaboration profile allows on an incident it is linked to (001 Tabel 1).
    struct ProfileRights: Sendable {
        /// Reads the incident when linked (standby: only once admitted or invited, and active).
        let reads: Bool
        /// Writes its own theme; `admission` when its entries wait for the IM.
        let writes: Writes
        let imports: Bool
        /// Sees incidents of its regions in a monitoring list without a link.
        let monitors: Bool

        enum Writes: Sendable { case no, linked, awaitingAdmission }
    }

    static let profileRights: [CollaborationProfile: ProfileRights] = [
        .kern: ProfileRights(reads: true, writes: .linked, imports: true, monitors: false),
        .structureel: ProfileRights(reads: true, writes: .awaitingAdmission, imports: false, monitors: false),
        .koppel: ProfileRights(reads: false, writes: .no, imports: false, monitors: false),
        .standby: ProfileRights(reads: true, writes: .no, imports: false, monitors: true),
        .adHoc: ProfileRights(reads: false, writes: .no, imports: false, monitors: false),
    ]

    /// The subject's grant that is in force at the request's time, if any; the strongest first.
    /// What of the picture the subject reads where it reads at all (decision 0027 §7): regions, the national
    /// node and the Rijk the whole picture; a partner what its grant opens — an admitted standby partner
    /// only what the IM opened to it.
    public static func readScope(_ request: AccessRequest) -> ReadScope {
        guard [.partner, .ministry, .other].contains(request.subject.organisationKind), !request.subject.role.isRijkOrProvince else {
            return .whole
        }
        guard let grant = activeGrant(request) else { return .whole }
        if isLiaisonLink(grant, role: request.subject.role) { return .supplied(.partner(request.subject.organisationCode)) }
        return grant.effectiveReadScope
    }

    public static func activeGrant(_ request: AccessRequest) -> AccessGrant? {
        request.grants
            .filter { $0.organisationCode == request.subject.organisationCode && $0.isActive(at: request.time) }
            .filter { grant in
                if case .temporaryAccount(let username) = grant.kind { return username == request.subject.username }
                return true
            }
            .max { $0.maxClassification < $1.maxClassification }
    }

    private static func decideForPartner(_ request: AccessRequest) -> AccessDecision {
        let subject = request.subject
        if subject.role == .hinGedetacheerd {
            return .deny("a detached HIN is staff of a region, not of a crisis partner (decision 0027 §8)")
        }
        guard let incident = request.incident else {
            return request.action == .create
                ? .deny("crisis partners do not open incidents; the region does")
                : .deny("no incident given")
        }
        if request.action == .monitor {
            if let grant = activeGrant(request), rights(for: grant, role: subject.role).reads { return .allow("linked to this incident") }
            return request.standing.contains(.standby)
                ? .allow("a standby partner follows the incidents in its regions in its monitoring list")
                : .deny("only standby partners have a monitoring list")
        }
        guard let grant = activeGrant(request) else {
            return .deny(noGrantReason(request))
        }
        let rights = rights(for: grant, role: subject.role)
        switch request.action {
        case .read:
            guard rights.reads else { return .deny(readDenial(grant)) }
            guard request.classification <= grant.maxClassification else {
                return .deny("\(request.classification.rawValue) information is not shared with \(subject.organisationCode) under this link")
            }
            return .allow(
                "\(subject.organisationCode) is linked to this incident: \(grant.purpose)",
                request.classification == .confidential ? [.journalRead] : [])
        case .addEntry, .importEntries, .writeSummary:
            // One rule for everything a partner writes: an open incident, its own theme, its profile's rights.
            guard incident.status == .open else {
                return .deny("the incident is \(incident.status.rawValue); only open incidents take new information")
            }
            if request.action == .importEntries, !rights.imports {
                return .deny("only partners under kernsamenwerking import entries from their own netcentric picture")
            }
            let summary = request.action == .writeSummary
            guard request.theme == .partner(subject.organisationCode) || (request.theme == nil && !summary) else {
                return .deny("a partner writes only \(summary ? "the summary of " : "in ")its own theme (\(Theme.partner(subject.organisationCode)))")
            }
            switch rights.writes {
            case .no:
                return .deny(writeDenial(grant))
            case .linked:
                return .allow(summary
                    ? "kernsamenwerking: the partner keeps the summary of its own theme"
                    : "kernsamenwerking: the partner's own theme is linked to the region's picture")
            case .awaitingAdmission where summary:
                return .deny("under structurele samenwerking the region admits the partner's information; the summary of its theme is kept under kernsamenwerking only")
            case .awaitingAdmission where isLiaisonLink(grant, role: subject.role):
                return .allow("the liaison supplies the partner's information; it waits for the region IM's admission", [.awaitAdmission, .markViaLiaison])
            case .awaitingAdmission:
                return .allow("the entry waits for the region IM's admission", [.awaitAdmission])
            }
        case .bringInStandby:
            // «een andere (reeds aangesloten) partner» whose process a standby partner joins (001:L857-871):
            // under kernsamenwerking only, linked (the grant in force), on an open incident (decision 0027 §9).
            guard incident.status == .open else {
                return .deny("the incident is \(incident.status.rawValue); only open incidents take new partners")
            }
            guard case .link(.kern) = grant.kind else {
                return .deny("only a partner under kernsamenwerking, linked to this incident, brings in a standby partner under its own mandate")
            }
            return .allow("kernsamenwerking: the partner brings a standby partner in through its own process, under its mandate")
        case .create, .monitor, .editIncident, .verifyEntry, .admitEntry, .recordDecision, .manageAccess, .breakGlass,
            .enterOnBehalf:
            return .deny("the region keeps regie: crisis partners do not \(actionPhrase(request.action))")
        }
    }

    /// A koppel or ad-hoc partner's own liaison, linked: «sluit … aan bij het coördinerende team van de
    /// veiligheidsregio om informatie-uitwisseling tot stand te brengen» (001:L758-764, decision 0027 §8).
    static func isLiaisonLink(_ grant: AccessGrant, role: Role) -> Bool {
        role == .liaison && (grant.kind == .link(.koppel) || grant.kind == .link(.adHoc))
    }

    /// What a grant gives a user of the partner: the profile's rights; a koppel or ad-hoc partner's liaison
    /// supplies information for admission and reads only what it supplied (decision 0027 §8).
    static func rights(for grant: AccessGrant, role: Role = .partnerUser) -> ProfileRights {
        if isLiaisonLink(grant, role: role) {
            return ProfileRights(reads: true, writes: .awaitingAdmission, imports: false, monitors: false)
        }
        switch grant.kind {
        case .link(let profile):
            let table = profileRights[profile]!
            // Standby partners read along only while active: admitted or invited by the IM.
            guard profile == .standby, grant.status == .monitoring else { return table }
            return ProfileRights(reads: false, writes: table.writes, imports: table.imports, monitors: table.monitors)
        case .temporaryAccount:
            // Ad-hoc partners have no system access: «Nee, lezen van informatie buiten LCMS om of via
            // gedetacheerde HIN» (001:L1120-1135). A temporary account of before decision 0027 §6 gives nothing.
            return ProfileRights(reads: false, writes: .no, imports: false, monitors: false)
        case .breakGlass:
            return ProfileRights(reads: true, writes: .no, imports: false, monitors: false)
        }
    }

    private static func noGrantReason(_ request: AccessRequest) -> String {
        let code = request.subject.organisationCode
        let inactive = request.grants.filter { $0.organisationCode == code }
        if let revoked = inactive.first(where: { $0.revokedAt.map { $0 <= request.time } ?? false }) {
            return "\(code)'s access to this incident was ended (\(revoked.kind.name))"
        }
        if inactive.contains(where: { $0.validUntil <= request.time }) {
            return "\(code)'s access to this incident has expired"
        }
        if inactive.contains(where: { $0.validFrom > request.time }) {
            return "\(code)'s access to this incident has not started yet"
        }
        return "\(code) is not linked to this incident (need-to-know)"
    }

    private static func readDenial(_ grant: AccessGrant) -> String {
        switch grant.kind {
        case .link(.koppel):
            "koppelsamenwerking: the partner has no access of its own; its liaison supplies information to the region's IM"
        case .link(.adHoc):
            "ad-hoc-aansluiting: no own access; the HIN the region detached to the partner works on its behalf"
        case .link(.standby):
            "a standby partner reads the incident once the region IM admits it or invites it to look along"
        default:
            "this link gives no read access"
        }
    }

    private static func writeDenial(_ grant: AccessGrant) -> String {
        switch grant.kind {
        case .link(.koppel), .link(.adHoc):
            readDenial(grant)
        case .link(.standby):
            "standby-samenwerking reads along but does not write"
        case .breakGlass:
            "access opened by the chair is read-only"
        default:
            "this link gives no write access"
        }
    }

    private static func actionPhrase(_ action: AccessAction) -> String {
        switch action {
        case .create: "open incidents"
        case .monitor: "monitor"
        case .editIncident: "change the incident itself"
        case .verifyEntry: "verify entries"
        case .admitEntry: "admit entries"
        case .recordDecision: "record decisions"
        case .writeSummary: "write summaries"
        case .manageAccess: "link other partners"
        case .breakGlass: "break the glass"
        case .enterOnBehalf: "enter information on another's behalf"
        case .bringInStandby: "bring in standby partners"
        case .read, .addEntry, .importEntries: action.rawValue
        }
    }
}

/// What a subject wants to do with the partner registry.
public enum RegistryAction: String, Sendable, CaseIterable {
    /// The national overview: every partner, profile, region, stage and test.
    case readOverview
    /// One partner's registration.
    case readPartner
    /// Register a partner, change its agreements, record a test.
    case manage
    /// Record the evaluation held on an agreement (decision 0027 §12).
    case recordEvaluation
    /// Record richting, inrichting, verrichting and the advice of a toetsing (decision 0027 §3).
    case recordToetsing
    /// Take the regiegroep's standpoint on an advice (decision 0027 §3).
    case takeStandpoint
}

extension AccessPolicy {
    /// The registry is kept by the national node (NCC/LOCC keeps the overview, 001 §2.5) and the
    /// administrators, visible to every region; a partner sees its own registration only.
    public static func decide(
        _ subject: Subject, _ action: RegistryAction, partner code: String?, adoptionRegion: RegionCode? = nil
    ) -> AccessDecision {
        let administrator = subject.role.isAdministrator
        if subject.role.isEmergencyAccount { return .deny(FallbackPolicy.onlyFallback) }
        switch action {
        case .recordToetsing:
            // «Een onafhankelijke partij is verantwoordelijk voor het toetsingsproces» (001:L2238-2240): not
            // a region, not the national node, not the partner itself.
            if subject.role == .toetser, ![.region, .nationalNode].contains(subject.organisationKind), subject.organisationCode != code {
                return .allow("an independent toetsingspartij tests the collaboration")
            }
            return .deny("a toetsing is recorded by a tester of an independent toetsingspartij (001:L2238-2246)")
        case .takeStandpoint:
            if subject.role == .voorzitterRegiegroep, subject.organisationCode != code {
                return .allow("the chair of the regiegroep takes the standpoint with the directors' mandate")
            }
            return .deny("the standpoint is taken by the chair of the regiegroep Netcentrisch Werken (001:L2266-2270)")
        case .manage:
            if administrator { return .allow("administrators keep the partner registry") }
            if subject.organisationKind == .nationalNode {
                return .allow("the national node keeps the national partner overview")
            }
            return .deny("the partner registry is kept by the national node and the administrators")
        case .readOverview:
            if administrator || subject.organisationKind == .region || subject.organisationKind == .nationalNode || Self.assessors.contains(subject.role) {
                return .allow("the national overview is visible to every region and the national node")
            }
            return .deny("the national partner overview is for the regions and the national node")
        case .readPartner:
            if administrator || subject.organisationKind == .region || subject.organisationKind == .nationalNode || Self.assessors.contains(subject.role) {
                return .allow("the national overview is visible to every region and the national node")
            }
            if let code, code == subject.organisationCode { return .allow("a partner sees its own registration") }
            return .deny("a partner sees only its own registration")
        case .recordEvaluation:
            // «terugkerend evaluatiemoment tussen crisispartner en adoptieregio» (001:L1471-1475): the
            // adoptieregio's staff who keep the partnership, or the national node that keeps the overview.
            if subject.organisationKind == .nationalNode, !administrator {
                return .allow("the national node keeps the national partner overview")
            }
            if subject.organisationKind == .region, let adoptionRegion, subject.regionCode == adoptionRegion,
                Self.evaluators.contains(subject.role)
            {
                return .allow("the adoptieregio holds the evaluation with its partner")
            }
            return .deny("an evaluation is recorded by the adoptieregio (its IM, HIN, directeur or voorzitter) or the national node")
        }
    }

    /// The toetser and the chair of the regiegroep read the registry they assess.
    public static let assessors: Set<Role> = [.toetser, .voorzitterRegiegroep]

    /// The adoptieregio's staff who record an evaluation.
    public static let evaluators: Set<Role> = [.informatiemanager, .hoofdInformatie, .directeurVeiligheidsregio, .voorzitter]
}
