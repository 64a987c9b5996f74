import Foundation

/// Who acts on a matter of bestuurlijk gezag: the offices they bear in person, their roles in the
/// crisis organisation, and the mandates recorded for them.
public struct GovernanceActor: Sendable, Equatable {
    public var username: String
    public var offices: Set<AuthorityOffice>
    public var roles: Set<Role>
    /// Mandates recorded for this actor; those naming another mandatary are ignored.
    public var mandates: [Mandate]

    public init(username: String, offices: Set<AuthorityOffice> = [], roles: Set<Role> = [], mandates: [Mandate] = []) {
        self.username = username
        self.offices = offices
        self.roles = roles
        self.mandates = mandates.filter { $0.mandatary == username }
    }

    /// A signed-in user: the chair of a region bears the office of voorzitter of that region unless
    /// `offices` says otherwise; a burgemeester's office is not in the account and must be given.
    public init(_ subject: Subject, offices: Set<AuthorityOffice>? = nil, mandates: [Mandate] = []) {
        let implied: Set<AuthorityOffice> =
            if subject.role == .voorzitter, subject.organisationKind == .region, let region = subject.regionCode {
                [.voorzitter(region: region)]
            } else { [] }
        self.init(username: subject.username, offices: offices ?? implied, roles: [subject.role], mandates: mandates)
    }
}

/// A decision of bestuurlijk gezag that Knooppunt records.
public enum GovernanceAction: Hashable, Sendable {
    case changeGRIP(to: GRIPLevel)
    /// Recording the crisis's significance: to more than local moves authority to the voorzitter.
    case recordSignificance(CrisisSignificance)
    /// Recording the acute fase or the beheerfase (002:L849-857).
    case recordStage(CrisisStage)
    case declareCrisis
    case declareRamp
    /// Crisis communication: a public warning (§3.15).
    case publishPublicWarning
    case requestBijstand

    public var matter: GovernanceMatter {
        switch self {
        case .changeGRIP, .recordSignificance, .recordStage: .scaling
        case .declareCrisis, .declareRamp: .declaration
        case .publishPublicWarning: .publicWarning
        case .requestBijstand: .bijstand
        }
    }

    public static let all: [GovernanceAction] =
        GRIPLevel.allCases.map { .changeGRIP(to: $0) } + CrisisSignificance.allCases.map { .recordSignificance($0) }
            + CrisisStage.allCases.map { .recordStage($0) } + [.declareCrisis, .declareRamp, .publishPublicWarning, .requestBijstand]
}

/// Where a decision applies: the whole incident, one region or one gemeente.
public enum ActionArea: Hashable, Sendable {
    case incident
    case region(RegionCode)
    case municipality(MunicipalityCode)
}

/// What the decider must do with a decision.
public enum AuthorityObligation: Hashable, Sendable {
    /// Record that the decision was taken under mandate, for whom.
    case actsUnderMandate(of: AuthorityOffice)
    /// The area spans other holders' territory: they decide it together.
    case decideJointlyWith([AuthorityHolder])
    /// Voorzitters in an IRBT align how they use their powers (002:L820-822).
    case alignInIRBT
    /// Bound by an aanwijzing of the minister on this matter; explain to the minister (002:L888-891).
    case followAanwijzing
    /// A longer crisis in the beheerfase: consult the councils of the affected gemeenten first, unless
    /// urgency prevents it (002:L872-878, an intention of the cabinet).
    case consultCouncilsFirst
    /// The chair reports to the councils afterwards (art. 40 Wvr, 002:L862-865).
    case reportToCouncils
}

/// The answer to "may this actor decide this now?".
public enum AuthorityVerdict: Equatable, Sendable {
    /// The actor decides, as (or for) `holder`.
    case decide(as: AuthorityHolder, obligations: [AuthorityObligation])
    /// The actor may put a proposal to the competent authority, and why they cannot decide.
    case propose(LocalizedLabel)
    case refuse(LocalizedLabel)

    public var decides: Bool { if case .decide = self { true } else { false } }
}
