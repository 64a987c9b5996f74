import Foundation
import Testing

@testable import KnooppuntCore

private let kennemerland = RegionCode(number: 12), amsterdam = RegionCode(number: 13), zeelandRegion = RegionCode(number: 25)
private let noordHolland = ProvinceCode("PV27")!, zeeland = ProvinceCode("PV29")!
private let now = Date(timeIntervalSince1970: 1_800_000_000)
private let before = now.addingTimeInterval(-3600)

/// A warm aanwijzing to VR13 and VR12 about a GRIP 4 incident they are both involved in, after consulting
/// both voorzitters and the CdK of Noord-Holland: the case every rule below changes one thing of.
private func warm(
    addressees: [RegionCode] = [amsterdam, kennemerland], grip: GRIPLevel = .four, involved: [RegionCode] = [amsterdam, kennemerland],
    matters: [GovernanceMatter] = [.scaling], consulted: [AuthorityOffice]? = nil, urgency: String? = nil
) -> AanwijzingDraft {
    let parties = consulted ?? [.voorzitter(region: kennemerland), .voorzitter(region: amsterdam), .commissarisVanDeKoning(province: noordHolland)]
    return AanwijzingDraft(
        kind: .warm, addressees: addressees,
        incidents: [AuthorityFacts(grip: grip, significance: grip >= .four ? .moreThanLocal : .local, involvedRegions: involved,
                                   leadRegion: involved[0], affectedMunicipalities: [])],
        matters: matters, direction: "Schaal op naar GRIP 5 en vorm een IRBT.", legalBasis: "art. 42 Wvr (voorgesteld)",
        justification: "De samenwerking tussen de regio's blijft uit.",
        consultation: parties.map { AanwijzingConsultation(party: $0, at: before, outcome: "Besproken") }, urgency: urgency,
        validFrom: now, provinces: [kennemerland: noordHolland, amsterdam: noordHolland, zeelandRegion: zeeland])
}

private func fields(_ draft: AanwijzingDraft) -> [String] { AanwijzingRules.violations(draft, at: now).map(\.field) }

@Suite("Governance: aanwijzingen of the minister of JenV")
struct AanwijzingRulesTests {
    @Test("a warm aanwijzing after consulting both voorzitters and the CdK of their province is accepted")
    func consulted() {
        #expect(fields(warm()) == [])
        #expect(warm().requiredConsultation.map(\.code) == ["voorzitter:VR12", "voorzitter:VR13", "cdk:PV27"])
        #expect(warm(addressees: [amsterdam, zeelandRegion], involved: [amsterdam, zeelandRegion]).requiredConsultation.map(\.code)
            == ["voorzitter:VR13", "voorzitter:VR25", "cdk:PV27", "cdk:PV29"], "one CdK per province concerned")
    }

    @Test("without the consultation of every addressed voorzitter and the CdK, and without urgency, it is refused naming the missing ones")
    func unconsulted() {
        let none = AanwijzingRules.violations(warm(consulted: []), at: now)
        #expect(none.map(\.field) == ["consultation"])
        #expect(none.first?.message.contains("voorzitter:VR12, voorzitter:VR13, cdk:PV27") == true)
        #expect(none.first?.message.contains("002:L268-271") == true)
        let noCdK = AanwijzingRules.violations(warm(consulted: [.voorzitter(region: kennemerland), .voorzitter(region: amsterdam)]), at: now)
        #expect(noCdK.map(\.field) == ["consultation"] && noCdK.first?.message.contains("cdk:PV27") == true)
    }

    @Test("urgency with a reason stands in for the consultation in the warm phase; an empty reason does not")
    func urgency() {
        #expect(fields(warm(consulted: [], urgency: "De dijk breekt binnen het uur door")) == [])
        #expect(fields(warm(consulted: [.voorzitter(region: amsterdam)], urgency: "Geen tijd voor VR12 en de CdK")) == [])
        #expect(fields(warm(consulted: [], urgency: "  ")) == ["urgency"])
    }

    @Test("consultation records only the offices concerned, once each, held in the past, with an outcome")
    func consultationRecords() {
        var draft = warm(consulted: [.voorzitter(region: kennemerland), .voorzitter(region: amsterdam), .commissarisVanDeKoning(province: noordHolland), .voorzitter(region: zeelandRegion)])
        #expect(fields(draft) == ["consultation"], "VR25 is not addressed")
        draft = warm()
        draft.consultation[0].at = now.addingTimeInterval(60)
        #expect(fields(draft) == ["consultation"], "a consultation in the future")
        draft = warm()
        draft.consultation[0].outcome = ""
        #expect(fields(draft) == ["consultation"])
        draft = warm()
        draft.consultation.append(draft.consultation[0])
        #expect(fields(draft) == ["consultation"])
    }

    @Test("a warm aanwijzing is about a supra-regional crisis of more than local significance involving every addressee")
    func supraRegional() {
        let single = warm(addressees: [amsterdam], involved: [amsterdam], consulted: [.voorzitter(region: amsterdam), .commissarisVanDeKoning(province: noordHolland)])
        #expect(fields(single) == ["incidents"])
        #expect(AanwijzingRules.violations(single, at: now).first?.message.contains("supra-regional") == true)
        #expect(fields(warm(grip: .three)) == ["incidents"], "GRIP 3 is a crisis of local significance")
        let notInvolved = warm(addressees: [amsterdam, zeelandRegion], involved: [amsterdam, kennemerland],
                               consulted: [.voorzitter(region: amsterdam), .voorzitter(region: zeelandRegion), .commissarisVanDeKoning(province: noordHolland), .commissarisVanDeKoning(province: zeeland)])
        #expect(fields(notInvolved) == ["incidents"], "VR25 is not involved")
        var none = warm()
        none.incidents = []
        #expect(fields(none) == ["incidents"])
    }

    @Test("matters: a warm aanwijzing names at least one, each once; a cold one none")
    func matters() {
        #expect(fields(warm(matters: [])) == ["matters"])
        #expect(fields(warm(matters: [.scaling, .scaling])) == ["matters"])
        #expect(fields(warm(matters: GovernanceMatter.allCases)) == [])
    }

    @Test("a cold-phase aanwijzing goes to one region's bestuur, about no incident or matter, after consultation; urgency does not apply")
    func cold() {
        var draft = warm(addressees: [amsterdam], consulted: [.voorzitter(region: amsterdam), .commissarisVanDeKoning(province: noordHolland)])
        draft.kind = .koud
        draft.incidents = []
        draft.matters = []
        #expect(fields(draft) == [])
        var two = draft
        two.addressees = [amsterdam, kennemerland]
        two.consultation = warm().consultation
        #expect(fields(two) == ["addressees"])
        var withIncident = draft
        withIncident.incidents = warm().incidents
        #expect(fields(withIncident) == ["incidents"])
        var withMatter = draft
        withMatter.matters = [.scaling]
        #expect(fields(withMatter) == ["matters"])
        var urgent = draft
        urgent.consultation = []
        urgent.urgency = "Spoed"
        #expect(fields(urgent) == ["urgency"])
    }

    @Test("the direction, legal basis and justification are required and bounded; validity runs forward")
    func texts() {
        var draft = warm()
        draft.justification = " "
        #expect(fields(draft) == ["justification"])
        draft = warm()
        draft.direction = String(repeating: "x", count: AanwijzingRules.directionLimit + 1)
        draft.legalBasis = ""
        #expect(fields(draft) == ["direction", "legalBasis"])
        draft = warm()
        draft.validUntil = now
        #expect(fields(draft) == ["validUntil"])
        draft = warm()
        draft.addressees = []
        #expect(fields(draft).first == "addressees")
        draft = warm()
        draft.addressees = [amsterdam, amsterdam]
        #expect(fields(draft).first == "addressees")
    }

    @Test("only the minister of JenV in person gives an aanwijzing; a mandate of the minister does not cover it")
    func giver() {
        let minister = GovernanceActor(username: "minister-jenv", offices: [.minister(.justitieEnVeiligheid)], roles: [.minister])
        #expect(AanwijzingRules.refusal(minister) == nil)
        let staff = GovernanceActor(
            username: "ncc-jenv", roles: [.rijkscrisisstaf],
            mandates: [Mandate(mandatary: "ncc-jenv", office: .minister(.justitieEnVeiligheid), matters: Set(GovernanceMatter.allCases), validFrom: before)])
        #expect(AanwijzingRules.refusal(staff)?.en.contains("in person") == true)
        for actor in [
            GovernanceActor(username: "minister-ienw", offices: [.minister(.infrastructuurEnWaterstaat)], roles: [.minister]),
            GovernanceActor(username: "analist", roles: [.kcr2Analist]),
            GovernanceActor(username: "voorzitter", offices: [.voorzitter(region: amsterdam)], roles: [.voorzitter]),
            GovernanceActor(username: "cdk", offices: [.commissarisVanDeKoning(province: noordHolland)], roles: [.commissarisVanDeKoning]),
        ] {
            #expect(AanwijzingRules.refusal(actor)?.en.contains("Only the minister of Justice and Security") == true, "\(actor.username)")
        }
    }

    @Test("an aanwijzing the rules accept binds the addressed voorzitters and gives the minister its matters (M1)")
    func derivation() {
        let draft = warm()
        var facts = draft.incidents[0]
        facts.aanwijzingen = [draft.aanwijzing]
        let authority = CompetentAuthority.derive(facts, at: now)
        #expect(authority.violations.isEmpty)
        #expect(authority.holders.last == .minister(.justitieEnVeiligheid))
        #expect(authority.holdings.filter { !$0.boundByAanwijzing.isEmpty }.map(\.holder) == [.voorzitter(region: amsterdam), .voorzitter(region: kennemerland)])
        let voorzitter = GovernanceActor(username: "v", offices: [.voorzitter(region: amsterdam)], roles: [.voorzitter])
        guard case .decide(_, let obligations) = AuthorityPermission.decide(voorzitter, .changeGRIP(to: .five), area: .region(amsterdam), authority: authority, at: now)
        else { Issue.record("the voorzitter decides in their own region"); return }
        #expect(obligations.contains(.followAanwijzing))
    }
}
