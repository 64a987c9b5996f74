import Foundation
import Testing

@testable import KnooppuntCore

private let vr1 = RegionCode(number: 1), vr2 = RegionCode(number: 2), vr3 = RegionCode(number: 3)
/// Groningen (VR01), Leeuwarden (VR02), Assen (VR03): one affected gemeente per region.
private let gm1 = MunicipalityCode("GM0014")!, gm2 = MunicipalityCode("GM0080")!, gm3 = MunicipalityCode("GM0106")!
private let stad = MunicipalityCode("GM0037")!
private let places = [AffectedMunicipality(gm1, in: vr1), AffectedMunicipality(gm2, in: vr2), AffectedMunicipality(gm3, in: vr3)]
private let t0 = Date(timeIntervalSince1970: 1_800_000_000)
private let now = t0.addingTimeInterval(3600)

/// One combination of the facts; the regions are VR01…VR0n with VR01 leading.
struct GovernanceCase: CustomTestStringConvertible, Sendable {
    let grip: GRIPLevel
    let significance: CrisisSignificance
    let regions: Int
    let aanwijzing: Bool
    let ramp: Bool
    let stage: CrisisStage

    static let all: [GovernanceCase] = GRIPLevel.allCases.flatMap { grip in
        CrisisSignificance.allCases.flatMap { significance in
            [1, 2, 3].flatMap { regions in
                [false, true].flatMap { aanwijzing in
                    [false, true].flatMap { ramp in
                        CrisisStage.allCases.map {
                            GovernanceCase(grip: grip, significance: significance, regions: regions, aanwijzing: aanwijzing, ramp: ramp, stage: $0)
                        }
                    }
                }
            }
        }
    }

    var involved: [RegionCode] { Array([vr1, vr2, vr3].prefix(regions)) }
    var affected: [AffectedMunicipality] { Array(places.prefix(regions)) }

    var facts: AuthorityFacts {
        AuthorityFacts(
            grip: grip, significance: significance, involvedRegions: involved, leadRegion: vr1, affectedMunicipalities: affected,
            aanwijzingen: aanwijzing ? [Aanwijzing(addressees: Set(involved), matters: [.scaling, .publicWarning], validFrom: t0)] : [],
            isRamp: ramp, stage: stage)
    }

    var testDescription: String {
        "GRIP \(grip.rawValue), \(significance.rawValue), \(regions) region(s), aanwijzing \(aanwijzing), ramp \(ramp), \(stage.rawValue)"
    }
}

@Suite("Governance: the competent authority")
struct CompetentAuthorityTests {
    /// The rules table of decision 0020, written out here independently of the derivation.
    @Test("every combination of scale, significance, regions, aanwijzing, ramp and stage", arguments: GovernanceCase.all)
    func derivation(_ c: GovernanceCase) {
        // setup
        let local = c.significance == .local
        let irbt = !local && c.grip == .five && c.regions >= 2
        let ministerHolds = !local && c.aanwijzing && c.regions >= 2
        var expected: [AuthorityHolder] = local
            ? c.affected.map { .burgemeester(gemeente: $0.code) }
            : c.involved.map { irbt && $0 == vr1 ? .coordinatingVoorzitter(region: $0) : .voorzitter(region: $0) }
        if ministerHolds { expected.append(.minister(.justitieEnVeiligheid)) }
        let expectedRule: AuthorityRule =
            local ? .localBurgemeester : irbt ? .interregionalBeleidsteam : c.regions == 1 ? .regionalVoorzitter : .supraRegionalVoorzitters
        var expectedViolations: [String] = []
        if c.grip == .five, c.regions < 2 { expectedViolations.append("grip") }
        if local == (c.grip >= .four) { expectedViolations.append("significance") }
        if c.aanwijzing, local { expectedViolations.append("aanwijzingen") }
        if c.aanwijzing, c.regions < 2 { expectedViolations.append("aanwijzingen") }

        // MUT
        let authority = CompetentAuthority.derive(c.facts, at: now)

        // validate
        #expect(authority.holders == expected)
        #expect(authority.rule == expectedRule)
        #expect(authority.irbt == irbt)
        #expect(authority.opperbevel == c.ramp)
        #expect(authority.holdings.allSatisfy { $0.opperbevel == (c.ramp && $0.holder != .minister(.justitieEnVeiligheid)) })
        #expect(authority.violations.map(\.field) == expectedViolations)
        #expect(authority.isConsistent == expectedViolations.isEmpty)
        for holding in authority.holdings {
            if holding.holder == .minister(.justitieEnVeiligheid) {
                #expect(holding.matters == [.scaling, .publicWarning])
                #expect(holding.regions == Set(c.involved))
            } else {
                #expect(holding.matters == Set(GovernanceMatter.allCases))
                #expect(holding.boundByAanwijzing == (ministerHolds ? [.scaling, .publicWarning] : []))
            }
        }
        for text in [authority.explanation.nl, authority.explanation.en] {
            #expect(text.contains(authority.rule.source))
            #expect(text.contains(c.grip == .routine ? "GRIP / routine" : "GRIP \(c.grip.rawValue) ("))
            #expect(text.contains("opperbevel") == c.ramp)
            #expect(text.contains("002:L258-271") == ministerHolds)
            #expect(text.contains("002:L851-857") == (c.stage == .beheer))
        }
        // The beheerfase alone moves no authority (002:L851-857: a return "kan overwogen worden").
        var acute = c.facts
        acute.stage = .acute
        #expect(CompetentAuthority.derive(acute, at: now).holders == authority.holders)
        #expect(authority.notes.contains { $0.en.contains("002:L845-857") } == (!local && c.stage == .beheer))
        #expect(authority.notes.contains { $0.en.contains("IRBT") } == (c.regions >= 2 && !irbt))
        #expect(authority.notes.contains { $0.en.contains("art. 40") } == !local)
        #expect(authority.notes.contains { $0.en.contains("gives the minister no authority") } == (c.aanwijzing && !ministerHolds))
    }

    @Test("the one-line explanation names the holder and the seed line, in Dutch and English")
    func explanations() {
        let local = CompetentAuthority.derive(
            AuthorityFacts(grip: .three, significance: .local, involvedRegions: [vr1], leadRegion: vr1, affectedMunicipalities: [places[0]]),
            at: now)
        #expect(local.explanation.nl == "GRIP 3 (lokaal): crisis van plaatselijke betekenis, de burgemeester van GM0014 heeft het bestuurlijk gezag (002:L1187-1189).")
        #expect(local.explanation.en == "GRIP 3 (local): crisis of local significance, the burgemeester of GM0014 holds authority (002:L1187-1189).")
        let irbt = CompetentAuthority.derive(
            AuthorityFacts(grip: .five, significance: .moreThanLocal, involvedRegions: [vr2, vr1], leadRegion: vr2,
                           affectedMunicipalities: Array(places.prefix(2)), isRamp: true),
            at: now)
        #expect(irbt.holders == [.coordinatingVoorzitter(region: vr2), .voorzitter(region: vr1)], "the lead region first")
        #expect(irbt.explanation.nl == "GRIP 5 (interregionaal): interregionaal beleidsteam (IRBT), de voorzitters van VR02 en VR01 stemmen hun bevoegdheden af en houden elk het gezag in hun regio, de voorzitter van VR02 (leidende regio) coördineert (002:L818-823; Referentiekader GRIP); ramp: opperbevel, met één lijn van de operationele leiding naar het bestuur (002:L335-348).")
        let routine = CompetentAuthority.derive(
            AuthorityFacts(grip: .routine, significance: .local, involvedRegions: [vr1], leadRegion: vr1, affectedMunicipalities: [places[0]]),
            at: now)
        #expect(routine.explanation.en.hasPrefix("no GRIP / routine: crisis of local significance"))
    }

    @Test("no one is made up: without an affected gemeente or region the authority is unresolved")
    func unresolved() {
        let noGemeente = CompetentAuthority.derive(
            AuthorityFacts(grip: .two, significance: .local, involvedRegions: [vr1], leadRegion: vr1, affectedMunicipalities: []), at: now)
        #expect(noGemeente.holders.isEmpty)
        #expect(noGemeente.rule == .unresolved)
        #expect(noGemeente.explanation.en.contains("record it"))
        #expect(!noGemeente.opperbevel)
        let noRegion = CompetentAuthority.derive(
            AuthorityFacts(grip: .four, significance: .moreThanLocal, involvedRegions: [], leadRegion: vr1, affectedMunicipalities: []), at: now)
        #expect(noRegion.holders.isEmpty)
        #expect(noRegion.violations.map(\.field) == ["involvedRegions"])
    }

    @Test("an aanwijzing counts only while in force, only for the involved regions it is addressed to")
    func aanwijzingInForce() {
        func facts(_ aanwijzing: Aanwijzing) -> AuthorityFacts {
            AuthorityFacts(grip: .five, significance: .moreThanLocal, involvedRegions: [vr1, vr2, vr3], leadRegion: vr1,
                           affectedMunicipalities: places, aanwijzingen: [aanwijzing])
        }
        let later = Aanwijzing(addressees: [vr1, vr2], matters: [.bijstand], validFrom: now.addingTimeInterval(60))
        #expect(!CompetentAuthority.derive(facts(later), at: now).holders.contains(.minister(.justitieEnVeiligheid)))
        let withdrawn = Aanwijzing(addressees: [vr1, vr2], matters: [.bijstand], validFrom: t0, validUntil: now)
        #expect(!CompetentAuthority.derive(facts(withdrawn), at: now).holders.contains(.minister(.justitieEnVeiligheid)))
        let two = CompetentAuthority.derive(facts(Aanwijzing(addressees: [vr2, vr3], matters: [.bijstand], validFrom: t0)), at: now)
        #expect(two.holdings.last?.holder == .minister(.justitieEnVeiligheid))
        #expect(two.holdings.last?.regions == [vr2, vr3])
        #expect(two.holdings.map(\.boundByAanwijzing) == [[], [.bijstand], [.bijstand], []])
        let stray = facts(Aanwijzing(addressees: [RegionCode(number: 9)], matters: [.bijstand], validFrom: t0))
        #expect(GovernanceRules.violations(stray, at: now).map(\.message)
            == ["the aanwijzing is addressed to the voorzitter of VR09, which is not an involved region"])
        #expect(!CompetentAuthority.derive(stray, at: now).holders.contains(.minister(.justitieEnVeiligheid)))
    }

    @Test("GRIP 5 needs two or more regions; the rules name what is wrong and where")
    func scaleRules() throws {
        #expect(GovernanceRules.scaleProblem(.five, involvedRegions: 1)?.message
            == "GRIP 5 is interregional scaling (002:L915) and needs two or more involved regions; 1 is involved")
        #expect(GovernanceRules.scaleProblem(.five, involvedRegions: 2) == nil)
        #expect(GovernanceRules.scaleProblem(.four, involvedRegions: 1) == nil)
        let odd = AuthorityFacts(grip: .five, significance: .moreThanLocal, involvedRegions: [vr1], leadRegion: vr2,
                                 affectedMunicipalities: [places[0], places[0], places[2]])
        #expect(GovernanceRules.violations(odd, at: now).map(\.field) == ["leadRegion", "grip", "affectedMunicipalities", "affectedMunicipalities"])
        #expect(throws: PictureRuleViolation.self) { try GovernanceRules.validate(odd, at: now) }
        try GovernanceRules.validate(GovernanceCase(grip: .four, significance: .moreThanLocal, regions: 1, aanwijzing: false, ramp: true, stage: .acute).facts, at: now)
    }

    @Test("GRIP labels: lokaal 1–3, regionaal 4, interregionaal 5, and GRIP 0 as no GRIP / routine")
    func labels() {
        #expect(GRIPLevel.allCases.map(\.scale) == [.routine, .lokaal, .lokaal, .lokaal, .regionaal, .interregionaal])
        #expect(GRIPLevel.allCases.map(\.scaleLabel.nl)
            == ["geen GRIP / routine", "GRIP 1 (lokaal)", "GRIP 2 (lokaal)", "GRIP 3 (lokaal)", "GRIP 4 (regionaal)", "GRIP 5 (interregionaal)"])
        #expect(GRIPLevel.allCases.map(\.scaleLabel.en)
            == ["no GRIP / routine", "GRIP 1 (local)", "GRIP 2 (local)", "GRIP 3 (local)", "GRIP 4 (regional)", "GRIP 5 (interregional)"])
    }

    @Test("municipality codes are GM and four digits", arguments: [("GM0363", true), ("gm0014", true), ("GM363", false), ("VR0363", false), ("GM03a3", false), ("GM٠٣٦٣", false)])
    func municipalityCodes(_ text: String, _ valid: Bool) {
        #expect((MunicipalityCode(text) != nil) == valid)
    }

    @Test("codes travel as their text in JSON; a bad one fails the decoding")
    func codesInJSON() throws {
        let place = AffectedMunicipality(gm1, in: vr1)
        let json = String(decoding: try JSONEncoder().encode(place), as: UTF8.self)
        #expect(json.contains("\"GM0014\"") && json.contains("\"VR01\""))
        #expect(try JSONDecoder().decode(AffectedMunicipality.self, from: Data(json.utf8)) == place)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([MunicipalityCode].self, from: Data(#"["GM14"]"#.utf8)) }
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([RegionCode].self, from: Data(#"["VR26"]"#.utf8)) }
    }

    @Test("the facts of an incident's state carry over: GRIP, regions, lead region and ramp")
    func fromIncidentState() {
        let state = IncidentState(title: "Dijkdoorbraak", category: .overstroming, startedAt: t0, classification: .ramp,
                                  vitalInterests: [.territorial], grip: .five, involvedRegions: [vr1, vr2], leadRegion: vr2)
        let facts = AuthorityFacts(state, significance: .moreThanLocal, affectedMunicipalities: Array(places.prefix(2)))
        #expect(facts.grip == .five && facts.isRamp && facts.leadRegion == vr2 && facts.involvedRegions == [vr1, vr2])
        #expect(CompetentAuthority.derive(facts, at: now).holders.first == .coordinatingVoorzitter(region: vr2))
    }
}

@Suite("Governance: who may decide")
struct AuthorityPermissionTests {
    static func authority(
        _ grip: GRIPLevel, _ significance: CrisisSignificance, regions: Int = 1, aanwijzing: Set<GovernanceMatter> = [],
        stage: CrisisStage = .acute, municipalities: [AffectedMunicipality]? = nil
    ) -> CompetentAuthority {
        let involved = Array([vr1, vr2, vr3].prefix(regions))
        return CompetentAuthority.derive(
            AuthorityFacts(
                grip: grip, significance: significance, involvedRegions: involved, leadRegion: vr1,
                affectedMunicipalities: municipalities ?? Array(places.prefix(regions)),
                aanwijzingen: aanwijzing.isEmpty ? [] : [Aanwijzing(addressees: Set(involved), matters: aanwijzing, validFrom: t0)],
                stage: stage),
            at: now)
    }

    static func person(_ offices: Set<AuthorityOffice> = [], _ roles: Set<Role> = [], mandates: [Mandate] = []) -> GovernanceActor {
        GovernanceActor(username: "actor", offices: offices, roles: roles, mandates: mandates)
    }

    static let burgemeester1 = person([.burgemeester(gemeente: gm1)])
    static let voorzitter1 = GovernanceActor(
        Subject(username: "vz-vr01", role: .voorzitter, organisationCode: "VR01", organisationKind: .region, regionCode: vr1))
    static let voorzitter2 = person([.voorzitter(region: vr2)], [.voorzitter])
    static let minister = person([.minister(.justitieEnVeiligheid)])
    static let nonScaling: [GovernanceAction] = [.declareCrisis, .declareRamp, .publishPublicWarning, .requestBijstand]

    @Test("the competent authority decides every matter; the chair of a region reports to the councils afterwards")
    func authorityDecides() {
        let local = Self.authority(.three, .local)
        let localScaling = GRIPLevel.allCases.filter({ $0 <= .three }).map { GovernanceAction.changeGRIP(to: $0) }
        for action in Self.nonScaling + localScaling {
            #expect(AuthorityPermission.decide(Self.burgemeester1, action, authority: local, at: now) == .decide(as: .burgemeester(gemeente: gm1), obligations: []))
        }
        let regional = Self.authority(.four, .moreThanLocal)
        for action in GovernanceAction.all {
            #expect(AuthorityPermission.decide(Self.voorzitter1, action, authority: regional, at: now)
                == .decide(as: .voorzitter(region: vr1), obligations: [.reportToCouncils]))
        }
        #expect(AuthorityPermission.decide(Self.voorzitter1, .publishPublicWarning, authority: Self.authority(.four, .moreThanLocal, stage: .beheer), at: now)
            == .decide(as: .voorzitter(region: vr1), obligations: [.consultCouncilsFirst, .reportToCouncils]))
    }

    @Test("scaling up to GRIP 4 or 5 from a local crisis is the chair's decision; the burgemeester proposes")
    func takeOver() {
        let local = Self.authority(.three, .local)
        #expect(AuthorityPermission.decide(Self.voorzitter1, .changeGRIP(to: .four), authority: local, at: now)
            == .decide(as: .voorzitter(region: vr1), obligations: [.reportToCouncils]))
        guard case .propose(let reason) = AuthorityPermission.decide(Self.burgemeester1, .changeGRIP(to: .four), authority: local, at: now) else {
            Issue.record("the burgemeester should propose")
            return
        }
        #expect(reason.en == "Scaling to GRIP 4 or 5 puts authority with the chair (002:L915, L1187-1189); the burgemeester (mayor) of GM0014 proposes. Here the chair of VR01 decides.")
        #expect(!AuthorityPermission.decide(Self.voorzitter1, .declareRamp, authority: local, at: now).decides, "below GRIP 4 the burgemeester holds authority")
    }

    @Test("outside an incident a region's voorzitter or the minister requests bijstand; others propose, partners are refused")
    func bijstandOutsideIncident() {
        func verdict(_ actor: GovernanceActor, _ kind: OrganisationKind, _ region: RegionCode?) -> AuthorityVerdict {
            AuthorityPermission.decideOutsideIncident(actor, .requestBijstand, requester: kind, region: region, at: now)
        }
        #expect(verdict(Self.voorzitter1, .region, vr1) == .decide(as: .voorzitter(region: vr1), obligations: []))
        #expect(!verdict(Self.voorzitter2, .region, vr1).decides, "another region's chair does not ask for VR01")
        #expect(verdict(Self.minister, .nationalNode, nil) == .decide(as: .minister(.justitieEnVeiligheid), obligations: []))
        let deputy = Self.person([], [.operationeelLeider], mandates: [
            Mandate(mandatary: "actor", office: .voorzitter(region: vr1), matters: [.bijstand], validFrom: t0)])
        #expect(verdict(deputy, .region, vr1)
            == .decide(as: .voorzitter(region: vr1), obligations: [.actsUnderMandate(of: .voorzitter(region: vr1))]))
        #expect(verdict(Self.person([], [.informatiemanager]), .region, vr1) == .propose(LocalizedLabel(
            nl: "De crisisorganisatie stelt voor, het bevoegd gezag beslist. Hier beslist de voorzitter van VR01.",
            en: "The crisis organisation proposes, the competent authority decides. Here the chair of VR01 decides.")))
        guard case .refuse = verdict(Self.person([], [.informatiemanager]), .partner, nil) else {
            Issue.record("a partner does not request bijstand")
            return
        }
    }

    @Test("a mandated deputy decides within the matter and the period of the mandate, naming for whom")
    func mandate() {
        let regional = Self.authority(.four, .moreThanLocal)
        let mandate = Mandate(mandatary: "actor", office: .voorzitter(region: vr1), matters: [.publicWarning, .bijstand],
                              validFrom: t0, validUntil: now.addingTimeInterval(3600))
        let deputy = Self.person([], [.operationeelLeider], mandates: [mandate])
        #expect(AuthorityPermission.decide(deputy, .publishPublicWarning, authority: regional, at: now)
            == .decide(as: .voorzitter(region: vr1), obligations: [.actsUnderMandate(of: .voorzitter(region: vr1)), .reportToCouncils]))
        #expect(AuthorityPermission.decide(deputy, .requestBijstand, authority: regional, at: t0).decides, "from the first moment")

        let expired = AuthorityPermission.decide(deputy, .publishPublicWarning, authority: regional, at: now.addingTimeInterval(3600))
        #expect(expired == .propose(LocalizedLabel(
            nl: "Uw mandaat van de voorzitter van VR01 liep tot 2027-01-15T10:00:00Z; u kunt alleen voorstellen. Hier beslist de voorzitter van VR01.",
            en: "Your mandate from the chair of VR01 ran until 2027-01-15T10:00:00Z; you can only propose. Here the chair of VR01 decides.")))
        guard case .propose(let early) = AuthorityPermission.decide(deputy, .publishPublicWarning, authority: regional, at: t0.addingTimeInterval(-1)),
            case .propose(let otherMatter) = AuthorityPermission.decide(deputy, .changeGRIP(to: .five), authority: regional, at: now)
        else {
            Issue.record("outside its period or matter a mandate only lets its holder propose")
            return
        }
        #expect(early.en.hasPrefix("Your mandate from the chair of VR01 starts only at"))
        #expect(otherMatter.en == "Your mandate from the chair of VR01 covers crisis communication and public warnings and requesting bijstand, not scaling up and down (GRIP); you can only propose. Here the chair of VR01 decides.")

        // A burgemeester's mandate lapses in effect once the voorzitter holds authority.
        let mayorsDeputy = Self.person(mandates: [Mandate(mandatary: "actor", office: .burgemeester(gemeente: gm1), matters: Set(GovernanceMatter.allCases), validFrom: t0)])
        #expect(AuthorityPermission.decide(mayorsDeputy, .publishPublicWarning, authority: Self.authority(.three, .local), at: now).decides)
        guard case .propose(let stale) = AuthorityPermission.decide(mayorsDeputy, .publishPublicWarning, authority: regional, at: now) else {
            Issue.record("a mandate from an office without authority only proposes")
            return
        }
        #expect(stale.en.hasPrefix("Your mandate is from the burgemeester (mayor) of GM0014, who holds no authority here now"))
        // Someone else's mandate is not yours.
        let other = GovernanceActor(username: "someone", roles: [.informatiemanager], mandates: [mandate])
        #expect(!AuthorityPermission.decide(other, .publishPublicWarning, authority: regional, at: now).decides)
    }

    /// Who proposes and who is refused, written out per role independently of the policy.
    static let proposes: [Role: Bool] = [
        .informatiemanager: true, .hoofdInformatie: true, .algemeenCommandant: true, .operationeelLeider: true,
        .voorzitter: true, .kcr2Analist: true, .liaison: false, .hinGedetacheerd: false, .partnerUser: false, .beheerder: false, .noodaccount: false,
        // The bestuur and its advisers without an office recorded propose; the CdK oversees and is consulted.
        .burgemeester: true, .minister: true, .rijkscrisisstaf: true, .directeurVeiligheidsregio: true, .dpg: true,
        .commissarisVanDeKoning: false,
        // The toetsing of partners is no part of the crisis organisation (decision 0027 §3).
        .toetser: false, .voorzitterRegiegroep: false,
        // The risk advisor keeps the risk profile; it is not among the roles that put proposals to the bestuur.
        .risicoadviseur: false,
        // The calamiteitencoördinator bridges meldkamer and region; it puts nothing to the bestuur (decision 0034).
        .calamiteitencoordinator: false,
    ]

    @Test("without authority or mandate, the crisis organisation proposes and others are refused", arguments: Role.allCases)
    func roles(_ role: Role) {
        let actor = Self.person([], [role])
        guard let expected = Self.proposes[role] else {
            Issue.record("\(role) has no row")
            return
        }
        for authority in [Self.authority(.three, .local), Self.authority(.five, .moreThanLocal, regions: 2)] {
            for action in GovernanceAction.all {
                switch AuthorityPermission.decide(actor, action, authority: authority, at: now) {
                case .decide: Issue.record("\(role) decided \(action)")
                case .propose: #expect(expected, "\(role) proposes \(action)")
                case .refuse(let reason): #expect(!expected, "\(role) refused \(action): \(reason.en)")
                }
            }
        }
    }

    @Test("with several holders, each decides alone in their own territory and jointly for the whole incident")
    func territories() {
        let supra = Self.authority(.four, .moreThanLocal, regions: 2)
        #expect(AuthorityPermission.decide(Self.voorzitter1, .publishPublicWarning, area: .region(vr1), authority: supra, at: now)
            == .decide(as: .voorzitter(region: vr1), obligations: [.reportToCouncils]))
        #expect(AuthorityPermission.decide(Self.voorzitter1, .publishPublicWarning, area: .municipality(gm1), authority: supra, at: now).decides)
        #expect(AuthorityPermission.decide(Self.voorzitter1, .publishPublicWarning, area: .incident, authority: supra, at: now)
            == .decide(as: .voorzitter(region: vr1), obligations: [.decideJointlyWith([.voorzitter(region: vr2)]), .reportToCouncils]))
        #expect(!AuthorityPermission.decide(Self.voorzitter1, .publishPublicWarning, area: .region(vr2), authority: supra, at: now).decides)
        #expect(!AuthorityPermission.decide(Self.voorzitter1, .publishPublicWarning, area: .municipality(gm2), authority: supra, at: now).decides)

        let irbt = Self.authority(.five, .moreThanLocal, regions: 2)
        #expect(AuthorityPermission.decide(Self.voorzitter1, .changeGRIP(to: .four), authority: irbt, at: now)
            == .decide(as: .coordinatingVoorzitter(region: vr1), obligations: [.decideJointlyWith([.voorzitter(region: vr2)]), .alignInIRBT, .reportToCouncils]))
        #expect(AuthorityPermission.decide(Self.voorzitter2, .changeGRIP(to: .four), authority: irbt, at: now)
            == .decide(as: .voorzitter(region: vr2), obligations: [.decideJointlyWith([.coordinatingVoorzitter(region: vr1)]), .alignInIRBT, .reportToCouncils]))

        let twoMayors = Self.authority(.three, .local, municipalities: [places[0], AffectedMunicipality(stad, in: vr1)])
        #expect(AuthorityPermission.decide(Self.burgemeester1, .publishPublicWarning, area: .municipality(gm1), authority: twoMayors, at: now)
            == .decide(as: .burgemeester(gemeente: gm1), obligations: []))
        #expect(!AuthorityPermission.decide(Self.burgemeester1, .publishPublicWarning, area: .municipality(stad), authority: twoMayors, at: now).decides)
        #expect(AuthorityPermission.decide(Self.burgemeester1, .declareRamp, authority: twoMayors, at: now)
            == .decide(as: .burgemeester(gemeente: gm1), obligations: [.decideJointlyWith([.burgemeester(gemeente: stad)])]))
        guard case .propose(let unknown) = AuthorityPermission.decide(Self.burgemeester1, .publishPublicWarning, area: .municipality(gm3), authority: twoMayors, at: now) else {
            Issue.record("a gemeente not affected has no holder here")
            return
        }
        #expect(unknown.en.hasPrefix("On the facts recorded, no one holds authority over crisis communication and public warnings here"))
    }

    @Test("an aanwijzing lets the minister decide its matters; the chairs it binds still decide, following it")
    func aanwijzing() {
        let steered = Self.authority(.five, .moreThanLocal, regions: 2, aanwijzing: [.scaling])
        #expect(AuthorityPermission.decide(Self.minister, .changeGRIP(to: .four), authority: steered, at: now)
            == .decide(as: .minister(.justitieEnVeiligheid), obligations: []))
        #expect(!AuthorityPermission.decide(Self.minister, .requestBijstand, authority: steered, at: now).decides, "not a matter of the aanwijzing")
        #expect(AuthorityPermission.decide(Self.voorzitter2, .changeGRIP(to: .four), area: .region(vr2), authority: steered, at: now)
            == .decide(as: .voorzitter(region: vr2), obligations: [.followAanwijzing, .reportToCouncils]))
        #expect(AuthorityPermission.decide(Self.voorzitter2, .requestBijstand, area: .region(vr2), authority: steered, at: now)
            == .decide(as: .voorzitter(region: vr2), obligations: [.reportToCouncils]))
        // Addressed to VR02 only: for the whole incident the minister decides jointly with the chair of VR01.
        let partial = CompetentAuthority.derive(
            AuthorityFacts(grip: .four, significance: .moreThanLocal, involvedRegions: [vr1, vr2], leadRegion: vr1, affectedMunicipalities: [],
                           aanwijzingen: [Aanwijzing(addressees: [vr2], matters: [.publicWarning], validFrom: t0)]),
            at: now)
        #expect(AuthorityPermission.decide(Self.minister, .publishPublicWarning, authority: partial, at: now)
            == .decide(as: .minister(.justitieEnVeiligheid), obligations: [.decideJointlyWith([.voorzitter(region: vr1)])]))
        #expect(!AuthorityPermission.decide(Self.minister, .publishPublicWarning, area: .region(vr1), authority: partial, at: now).decides)
        // Without an aanwijzing the minister has no say over the regions' matters.
        #expect(!AuthorityPermission.decide(Self.minister, .changeGRIP(to: .four), authority: Self.authority(.five, .moreThanLocal, regions: 2), at: now).decides)
    }

    @Test("when the facts name no holder, everyone proposes — except scaling to GRIP 4–5, which is the involved region's voorzitter's")
    func unresolved() {
        let nobody = Self.authority(.two, .local, municipalities: [])
        for action in GovernanceAction.all {
            let regional = switch action {
            case .changeGRIP(let level): level >= .four
            case .recordSignificance(let significance): significance == .moreThanLocal
            default: false
            }
            // Scaling to the regional level is the region's matter whichever gemeente is affected.
            #expect(AuthorityPermission.decide(Self.voorzitter1, action, authority: nobody, at: now).decides == regional, "\(action)")
            #expect(!AuthorityPermission.decide(Self.burgemeester1, action, authority: nobody, at: now).decides)
        }
    }

    @Test("a signed-in chair bears the office of their region's voorzitter; other accounts bear none")
    func actorsFromAccounts() {
        #expect(Self.voorzitter1.offices == [.voorzitter(region: vr1)])
        let im = GovernanceActor(Subject(username: "im", role: .informatiemanager, organisationCode: "VR01", organisationKind: .region, regionCode: vr1))
        #expect(im.offices.isEmpty && im.roles == [.informatiemanager])
        let ministry = GovernanceActor(
            Subject(username: "jenv", role: .partnerUser, organisationCode: "JENV", organisationKind: .ministry, regionCode: nil),
            offices: [.minister(.justitieEnVeiligheid)])
        #expect(ministry.offices == [.minister(.justitieEnVeiligheid)])
    }
}

@Suite("Governance changes and offices (decision 0020, server step)")
struct GovernanceChangeTests {
    static let vr13 = RegionCode(number: 13)

    static func state(_ grip: GRIPLevel, _ classification: CrisisClassification = .incident) -> IncidentState {
        IncidentState(
            title: "t", category: .overstroming, startedAt: Date(timeIntervalSince1970: 0), classification: classification,
            grip: grip, involvedRegions: [vr13], leadRegion: vr13)
    }

    @Test("GRIP changes within 0–2 are operational; every other GRIP change and every change of classification is the bestuur's")
    func decided() {
        for old in GRIPLevel.allCases {
            for new in GRIPLevel.allCases {
                let actions = GovernanceAction.decided(from: Self.state(old), to: Self.state(new))
                let operational = old.rawValue <= 2 && new.rawValue <= 2
                #expect(actions == (old == new || operational ? [] : [.changeGRIP(to: new)]), "\(old) → \(new)")
            }
        }
        #expect(GovernanceAction.decided(from: Self.state(.one), to: Self.state(.one, .ramp)) == [.declareRamp])
        #expect(GovernanceAction.decided(from: Self.state(.one), to: Self.state(.one, .crisis)) == [.declareCrisis])
        #expect(GovernanceAction.decided(from: Self.state(.one, .crisis), to: Self.state(.one)) == [.declareCrisis])
        var renamed = Self.state(.three)
        renamed.title = "anders"
        #expect(GovernanceAction.decided(from: Self.state(.three), to: renamed).isEmpty)
    }

    @Test("offices are stored and read back by their code; anything else is refused")
    func officeCodes() {
        let offices: [AuthorityOffice] = [
            .burgemeester(gemeente: MunicipalityCode("GM0363")!), .voorzitter(region: Self.vr13), .commissarisVanDeKoning(province: ProvinceCode("PV27")!),
        ] + Minister.allCases.map { .minister($0) }
        for office in offices { #expect(AuthorityOffice(code: office.code) == office, "\(office.code)") }
        for bad in ["", "burgemeester:", "burgemeester:GM363", "voorzitter:VR26", "minister:xyz", "cdk:PV2", "koning:NL", "burgemeester:GM0363x", String(repeating: "a", count: 100)] {
            #expect(AuthorityOffice(code: bad) == nil, "\(bad)")
        }
        #expect(ProvinceCode("pv27")?.rawValue == "PV27")
        #expect(ProvinceCode("PV2a") == nil)
        #expect(AuthorityOffice.minister(.justitieEnVeiligheid).canHoldAuthority)
        #expect(!AuthorityOffice.minister(.infrastructuurEnWaterstaat).canHoldAuthority)
        #expect(!AuthorityOffice.commissarisVanDeKoning(province: ProvinceCode("PV27")!).canHoldAuthority)
    }
}

@Suite("Decisions and their authority (C10)")
struct DecisionAuthorityTests {
    static let vr1 = RegionCode(number: 1)
    static let vr2 = RegionCode(number: 2)
    static let gm = MunicipalityCode("GM0014")!

    static func authority(_ grip: GRIPLevel, regions: [RegionCode] = [vr1], municipalities: Bool = true) -> CompetentAuthority {
        CompetentAuthority.derive(
            AuthorityFacts(
                grip: grip, significance: grip >= .four ? .moreThanLocal : .local, involvedRegions: regions, leadRegion: regions[0],
                affectedMunicipalities: municipalities ? [AffectedMunicipality(gm, in: vr1)] : []),
            at: Date(timeIntervalSince1970: 0))
    }

    @Test("each team against each kind of authority: which decisions are outside the competent authority")
    func everyTeam() {
        let local = Self.authority(.three), regional = Self.authority(.four), irbt = Self.authority(.five, regions: [Self.vr1, Self.vr2])
        let nobody = Self.authority(.two, municipalities: false)
        // team → outside under (local, regional, IRBT, nobody on record)
        let expected: [CrisisTeam: [Bool]] = [
            .copi: [false, false, false, false], .rot: [false, false, false, false],
            .gbt: [false, true, true, true], .rbt: [true, false, true, true], .irbt: [true, true, false, true],
            .other: [false, false, false, true],
        ]
        for team in CrisisTeam.allCases {
            let outcome = [local, regional, irbt, nobody].map { DecisionAuthority.assess(team, authority: $0).outside }
            #expect(outcome == expected[team], "\(team)")
        }
        #expect(DecisionAuthority.assess(.gbt, authority: local).holders == [.burgemeester(gemeente: Self.gm)])
        #expect(DecisionAuthority.assess(.rot, authority: local).operational)
    }
}
