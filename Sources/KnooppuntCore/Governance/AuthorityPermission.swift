import Foundation

/// Who may decide a matter of bestuurlijk gezag: the competent authority, or someone acting for it
/// under a recorded mandate in force for that matter. Others in the crisis organisation propose;
/// roles outside it are refused. Pure, so it is tested for every case (decision 0020).
public enum AuthorityPermission {
    /// Roles that put proposals to the bestuur: the chair, the operational leadership and information
    /// management of the crisis organisation, and KCR2 (which advises, 002:L785).
    public static let proposingRoles: Set<Role> = [
        .voorzitter, .operationeelLeider, .algemeenCommandant, .informatiemanager, .hoofdInformatie, .kcr2Analist,
        .burgemeester, .directeurVeiligheidsregio, .dpg, .rijkscrisisstaf, .minister,
    ]

    /// [PK] Referentiekader GRIP (Veiligheidsberaad): GRIP 1 and 2 are operational scale-ups, declared by
    /// the operational leadership (leider CoPI, operationeel leider); from GRIP 3 on the bestuur scales.
    /// A change that stays within GRIP 0–2 is operational, not a matter of bestuurlijk gezag.
    public static func isOperationalScaling(from old: GRIPLevel, to new: GRIPLevel) -> Bool {
        old <= .two && new <= .two
    }

    /// Roles that make operational scale-ups (GRIP 0–2): the operational leadership, and the region's
    /// information management which records them in the picture.
    public static let operationalScalingRoles: Set<Role> = [
        .operationeelLeider, .algemeenCommandant, .informatiemanager, .hoofdInformatie, .voorzitter, .burgemeester,
    ]

    /// A holder who decides `action` in `area`, and who else must join the decision.
    struct Decider: Equatable {
        let holding: AuthorityHolding
        let jointlyWith: [AuthorityHolder]
    }

    public static func decide(
        _ actor: GovernanceActor, _ action: GovernanceAction, area: ActionArea = .incident,
        authority: CompetentAuthority, at now: Date
    ) -> AuthorityVerdict {
        verdict(actor, action, deciders: deciders(action, area: area, authority: authority), authority: authority, at: now)
    }

    /// Bijstand asked outside an incident, for an organisation's own account: its own bestuur decides —
    /// a region's voorzitter, the national node's minister of JenV («Net als nu beslist het bevoegd gezag.
    /// Bij landelijke inzet is dat de minister, bovenregionaal zijn dat de voorzitters veiligheidsregio»,
    /// 002:L1407-1409). Others in the crisis organisation propose (a draft the holder submits).
    public static func decideOutsideIncident(
        _ actor: GovernanceActor, _ action: GovernanceAction, requester kind: OrganisationKind, region: RegionCode?, at now: Date
    ) -> AuthorityVerdict {
        let holder: AuthorityHolder
        switch (kind, region) {
        case (.region, let region?): holder = .voorzitter(region: region)
        case (.nationalNode, _): holder = .minister(.justitieEnVeiligheid)
        default:
            return .refuse(LocalizedLabel(
                nl: "Bijstand wordt aangevraagd door een veiligheidsregio of het landelijk knooppunt.",
                en: "Bijstand is requested by a safety region or the national node."))
        }
        let holding = AuthorityHolding(
            holder: holder, matters: Set(GovernanceMatter.allCases), regions: region.map { [$0] } ?? [], boundByAanwijzing: [], opperbevel: false)
        let authority = CompetentAuthority(
            holdings: [holding], rule: .regionalVoorzitter,
            explanation: LocalizedLabel(
                nl: "Buiten een incident beslist het eigen bestuur (002:L1407-1409).",
                en: "Outside an incident the organisation's own bestuur decides (002:L1407-1409)."),
            irbt: false, opperbevel: false, significance: .local, stage: .acute, notes: [], violations: [], municipalities: [])
        return verdict(actor, action, deciders: [Decider(holding: holding, jointlyWith: [])], authority: authority, at: now)
    }

    /// The first decider the actor acts as (in person or under a mandate in force), with what deciding
    /// obliges them to; else a refusal for roles outside the crisis organisation, or a proposal.
    static func verdict(
        _ actor: GovernanceActor, _ action: GovernanceAction, deciders: [Decider], authority: CompetentAuthority, at now: Date
    ) -> AuthorityVerdict {
        let matter = action.matter
        for decider in deciders {
            let office = decider.holding.holder.office
            let viaMandate = actor.mandates.first { $0.covers(office, matter, at: now) }
            guard actor.offices.contains(office) || viaMandate != nil else { continue }
            var obligations: [AuthorityObligation] = []
            if let viaMandate { obligations.append(.actsUnderMandate(of: viaMandate.office)) }
            if !decider.jointlyWith.isEmpty {
                obligations.append(.decideJointlyWith(decider.jointlyWith))
                if authority.irbt { obligations.append(.alignInIRBT) }
            }
            if decider.holding.boundByAanwijzing.contains(matter) { obligations.append(.followAanwijzing) }
            let isVoorzitter = if case .minister = decider.holding.holder { false } else {
                authority.significance == .moreThanLocal || isTakeOver(action, authority)
            }
            if isVoorzitter {
                if authority.stage == .beheer { obligations.append(.consultCouncilsFirst) }
                obligations.append(.reportToCouncils)
            }
            return .decide(as: decider.holding.holder, obligations: obligations)
        }
        if let refusal = refusal(actor) { return .refuse(refusal) }
        return .propose(proposalReason(actor, action, matter: matter, deciders: deciders, authority: authority, at: now))
    }

    /// The holders who decide `action` for the whole incident (to whom a proposal goes).
    public static func deciders(of action: GovernanceAction, authority: CompetentAuthority) -> [AuthorityHolder] {
        deciders(action, area: .incident, authority: authority).map(\.holding.holder)
    }

    /// Scaling to GRIP 4 or 5 while the burgemeester holds authority: the voorzitter takes over.
    public static func isTakeOver(_ action: GovernanceAction, _ authority: CompetentAuthority) -> Bool {
        guard authority.significance == .local else { return false }
        switch action {
        case .changeGRIP(let level): return level >= .four
        case .recordSignificance(let significance): return significance == .moreThanLocal
        default: return false
        }
    }

    /// The holders who decide `action` in `area`, each with whom they must decide jointly.
    static func deciders(_ action: GovernanceAction, area: ActionArea, authority: CompetentAuthority) -> [Decider] {
        let matter = action.matter
        var territorial = authority.holdings.filter { holding in
            if case .minister = holding.holder { return false }
            return holding.matters.contains(matter)
        }
        if isTakeOver(action, authority) {
            // Scaling up to the regional level moves authority to the voorzitter (002:L915, L1187-1189;
            // Referentiekader GRIP: GRIP 4 is the RBT under the voorzitter): the burgemeester proposes.
            // The regions of the affected gemeenten; while none is on record, the incident's involved
            // regions (scaling to the regional level is the region's matter, whichever gemeente).
            var seen: Set<RegionCode> = []
            let regions = (authority.holdings.isEmpty ? authority.involvedRegions : authority.holdings.flatMap { $0.regions.sorted() })
                .filter { seen.insert($0).inserted }
            territorial = regions.map {
                AuthorityHolding(
                    holder: .voorzitter(region: $0), matters: Set(GovernanceMatter.allCases), regions: [$0],
                    boundByAanwijzing: [], opperbevel: authority.opperbevel)
            }
        }
        let regionOfArea: Set<RegionCode>?
        let inArea: [AuthorityHolding]
        switch area {
        case .incident:
            regionOfArea = nil
            inArea = territorial
        case .region(let region):
            regionOfArea = [region]
            inArea = territorial.filter { $0.regions.contains(region) }
        case .municipality(let gemeente):
            guard let place = authority.municipalities.first(where: { $0.code == gemeente }) else { return [] }
            regionOfArea = [place.region]
            inArea = territorial.filter { holding in
                if case .burgemeester(let own) = holding.holder { return own == gemeente }
                return holding.regions.contains(place.region)
            }
        }
        var deciders = inArea.map { holding in
            Decider(holding: holding, jointlyWith: inArea.map(\.holder).filter { $0 != holding.holder })
        }
        // The minister decides the matters of an aanwijzing for the regions it is addressed to, together
        // with the voorzitters of any other region the area covers.
        if let minister = authority.holdings.first(where: { $0.holder == .minister(.justitieEnVeiligheid) }),
            minister.matters.contains(matter), !isTakeOver(action, authority)
        {
            let areaRegions = regionOfArea ?? Set(territorial.flatMap(\.regions))
            if !areaRegions.isDisjoint(with: minister.regions) {
                let others = inArea.filter { $0.regions.isDisjoint(with: minister.regions) }.map(\.holder)
                deciders.append(Decider(holding: minister, jointlyWith: others))
            }
        }
        return deciders
    }

    /// Roles outside the crisis organisation's bestuur and leadership cannot even propose.
    static func refusal(_ actor: GovernanceActor) -> LocalizedLabel? {
        guard !actor.offices.contains(where: \.canHoldAuthority), actor.mandates.isEmpty, actor.roles.isDisjoint(with: proposingRoles)
        else { return nil }
        if actor.roles.contains(.commissarisVanDeKoning) || actor.offices.contains(where: { if case .commissarisVanDeKoning = $0 { true } else { false } }) {
            return LocalizedLabel(
                nl: "De commissaris van de Koning ziet toe op de samenwerking en wordt geraadpleegd bij een aanwijzing; hij beslist hier niet.",
                en: "The King's commissioner oversees cooperation and is consulted on an aanwijzing; he does not decide here.")
        }
        if actor.roles.contains(where: \.isEmergencyAccount) {
            return LocalizedLabel(
                nl: "Een noodaccount leest alleen het terugvalbeeld van zijn regio.",
                en: "An emergency account reads its region's fallback picture only.")
        }
        if actor.roles.contains(where: \.isAdministrator) {
            return LocalizedLabel(
                nl: "Beheerders beheren accounts en registers; zij hebben geen rol in het bestuurlijk gezag.",
                en: "Administrators manage accounts and registries; they have no part in bestuurlijk gezag.")
        }
        if actor.roles.contains(where: \.worksForPartner) {
            return LocalizedLabel(
                nl: "Een liaison brengt informatie in namens een crisispartner; voorstellen aan het bestuur lopen via de crisisorganisatie.",
                en: "A liaison enters information for a crisis partner; proposals to the bestuur go through the crisis organisation.")
        }
        return LocalizedLabel(
            nl: "Crisispartners en andere gebruikers adviseren via hun contact in de crisisorganisatie; het bevoegd gezag beslist.",
            en: "Crisis partners and other users advise through their contact in the crisis organisation; the competent authority decides.")
    }
}
