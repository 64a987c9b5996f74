import Foundation

/// One holder of bestuurlijk gezag in a crisis.
public enum AuthorityHolder: Hashable, Sendable {
    case burgemeester(gemeente: MunicipalityCode)
    case voorzitter(region: RegionCode)
    /// The voorzitter of the leading region, who coordinates the voorzitters in an IRBT.
    case coordinatingVoorzitter(region: RegionCode)
    /// A minister, for the matters an aanwijzing of theirs covers.
    case minister(Minister)

    /// The office whose bearer (or their mandatary) acts as this holder.
    public var office: AuthorityOffice {
        switch self {
        case .burgemeester(let gemeente): .burgemeester(gemeente: gemeente)
        case .voorzitter(let region), .coordinatingVoorzitter(let region): .voorzitter(region: region)
        case .minister(let minister): .minister(minister)
        }
    }

    public var label: LocalizedLabel {
        switch self {
        case .coordinatingVoorzitter(let region):
            LocalizedLabel(nl: "de coördinerend voorzitter (\(region))", en: "the coordinating chair (\(region))")
        default:
            office.label
        }
    }
}

/// A holder and what and where they decide.
public struct AuthorityHolding: Hashable, Sendable {
    public let holder: AuthorityHolder
    /// The matters this holder decides: all of them, except for a minister (the aanwijzing's matters).
    public let matters: Set<GovernanceMatter>
    /// Where the holder decides: the burgemeester's gemeente's region, the voorzitter's region, the
    /// regions of the voorzitters an aanwijzing is addressed to.
    public let regions: Set<RegionCode>
    /// Matters on which this holder is bound by an aanwijzing of the minister.
    public let boundByAanwijzing: Set<GovernanceMatter>
    /// The opperbevel of a ramp (002:L335-348).
    public let opperbevel: Bool
}

/// The rule that settled who holds authority; each rests on a seed line (decision 0020).
public enum AuthorityRule: String, CaseIterable, Sendable {
    /// Crisis of local significance: the burgemeester of the affected gemeente (002:L1187-1189).
    case localBurgemeester
    /// Crisis of more than local significance in one region: its voorzitter (002:L1187-1189).
    case regionalVoorzitter
    /// Supra-regional, no IRBT: each voorzitter in their own region (002:L263-265, L1407-1409).
    case supraRegionalVoorzitters
    /// GRIP 5 with two or more regions: the voorzitters align in an IRBT (002:L818-823), the lead
    /// region's voorzitter coordinating (Referentiekader GRIP).
    case interregionalBeleidsteam
    /// The facts do not name whom the rule points at (no affected gemeente, no region): no one is made up.
    case unresolved

    public var source: String {
        switch self {
        case .localBurgemeester, .regionalVoorzitter, .unresolved: "002:L1187-1189"
        case .supraRegionalVoorzitters: "002:L263-265, L1407-1409"
        case .interregionalBeleidsteam: "002:L818-823; Referentiekader GRIP"
        }
    }
}

/// Who holds bestuurlijk gezag now ("wie beslist nu"), derived from the facts alone, with why.
public struct CompetentAuthority: Equatable, Sendable {
    /// In order: the leading holder first, the minister (who steers only through aanwijzingen) last.
    public let holdings: [AuthorityHolding]
    public let rule: AuthorityRule
    /// One line, Dutch and English, naming the rule and its source.
    public let explanation: LocalizedLabel
    /// An Interregionaal Beleidsteam is formed: GRIP 5 with two or more regions (002:L818-823).
    public let irbt: Bool
    public let opperbevel: Bool
    public let significance: CrisisSignificance
    public let stage: CrisisStage
    /// Things the holders should consider; they change no one's authority.
    public let notes: [LocalizedLabel]
    /// Rules the facts break (`GovernanceRules`); the derivation still follows the significance.
    public let violations: [PictureRuleViolation]
    /// The affected gemeenten, to place a gemeente in its region.
    public let municipalities: [AffectedMunicipality]
    /// The involved regions, the lead region first: whose voorzitters take over when scaling to GRIP 4–5.
    public var involvedRegions: [RegionCode] = []

    public var holders: [AuthorityHolder] { holdings.map(\.holder) }

    /// The holdings that decide `matter`.
    public func holdings(for matter: GovernanceMatter) -> [AuthorityHolding] {
        holdings.filter { $0.matters.contains(matter) }
    }

    public var isConsistent: Bool { violations.isEmpty }
}

extension CompetentAuthority {
    /// Derives the competent authority: the significance decides between burgemeester and voorzitter
    /// (002:L1187-1189); the GRIP level and number of regions decide whether an IRBT is formed; an
    /// aanwijzing in force adds the minister for its matters; a ramp gives the holders the opperbevel.
    public static func derive(_ facts: AuthorityFacts, at now: Date) -> CompetentAuthority {
        let violations = GovernanceRules.violations(facts, at: now)
        let regions = orderedRegions(facts)
        let irbt = facts.significance == .moreThanLocal && facts.grip == .five && regions.count >= 2
        let aanwijzingen = applicableAanwijzingen(facts, at: now)
        var holdings: [AuthorityHolding] = []
        let rule: AuthorityRule
        switch facts.significance {
        case .local:
            let municipalities = orderedMunicipalities(facts)
            holdings = municipalities.map {
                AuthorityHolding(
                    holder: .burgemeester(gemeente: $0.code), matters: Set(GovernanceMatter.allCases),
                    regions: [$0.region], boundByAanwijzing: [], opperbevel: facts.isRamp)
            }
            rule = municipalities.isEmpty ? .unresolved : .localBurgemeester
        case .moreThanLocal:
            holdings = regions.map { region in
                let coordinating = irbt && region == facts.leadRegion
                return AuthorityHolding(
                    holder: coordinating ? .coordinatingVoorzitter(region: region) : .voorzitter(region: region),
                    matters: Set(GovernanceMatter.allCases), regions: [region],
                    boundByAanwijzing: Set(aanwijzingen.filter { $0.addressees.contains(region) }.flatMap(\.matters)),
                    opperbevel: facts.isRamp)
            }
            rule = regions.isEmpty ? .unresolved : irbt ? .interregionalBeleidsteam : regions.count == 1 ? .regionalVoorzitter : .supraRegionalVoorzitters
            let addressed = Set(aanwijzingen.flatMap(\.addressees)).intersection(regions)
            if !addressed.isEmpty {
                holdings.append(AuthorityHolding(
                    holder: .minister(.justitieEnVeiligheid), matters: Set(aanwijzingen.flatMap(\.matters)),
                    regions: addressed, boundByAanwijzing: [], opperbevel: false))
            }
        }
        let authority = CompetentAuthority(
            holdings: holdings, rule: rule, explanation: LocalizedLabel(nl: "", en: ""), irbt: irbt,
            opperbevel: facts.isRamp && !holdings.isEmpty, significance: facts.significance, stage: facts.stage,
            notes: [], violations: violations, municipalities: facts.affectedMunicipalities, involvedRegions: regions)
        return authority.explained(facts, at: now)
    }

    /// The involved regions without repeats, the lead region first, then by code.
    static func orderedRegions(_ facts: AuthorityFacts) -> [RegionCode] {
        let regions = Set(facts.involvedRegions)
        return regions.sorted { a, b in
            (a == facts.leadRegion ? 0 : 1, a) < (b == facts.leadRegion ? 0 : 1, b)
        }
    }

    /// The affected gemeenten without repeats, those in the lead region first, then by code.
    static func orderedMunicipalities(_ facts: AuthorityFacts) -> [AffectedMunicipality] {
        var seen: Set<MunicipalityCode> = []
        let unique = facts.affectedMunicipalities.filter { seen.insert($0.code).inserted }
        return unique.sorted { a, b in
            (a.region == facts.leadRegion ? 0 : 1, a.code) < (b.region == facts.leadRegion ? 0 : 1, b.code)
        }
    }

    /// Aanwijzingen in force that the law allows here: to voorzitters, in a supra-regional crisis
    /// (002:L234-235, L258-260). Others are reported as violations and give the minister nothing.
    static func applicableAanwijzingen(_ facts: AuthorityFacts, at now: Date) -> [Aanwijzing] {
        guard facts.significance == .moreThanLocal, facts.isSupraRegional else { return [] }
        return facts.aanwijzingen.filter { $0.isInForce(at: now) && !$0.matters.isEmpty }
    }
}
