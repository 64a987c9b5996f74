import Foundation
import Testing

@testable import KnooppuntCore

/// The calamiteitencoördinator and the proposals: who sees, handles and takes over (decision 0034).
@Suite("Meldkamer access")
struct MeldkamerPolicyTests {
    static let vr12 = RegionCode(number: 12), vr13 = RegionCode(number: 13), vr17 = RegionCode(number: 17)
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    static func subject(_ role: Role, _ organisation: String, _ kind: OrganisationKind, region: RegionCode? = nil) -> Subject {
        Subject(username: "u", role: role, organisationCode: organisation, organisationKind: kind, regionCode: region)
    }

    static let cacoRotterdam = subject(.calamiteitencoordinator, "MK-RD", .meldkamer)
    static let cacoAmsterdam = subject(.calamiteitencoordinator, "MK-AA", .meldkamer)
    static let imVR13 = subject(.informatiemanager, "VR13", .region, region: vr13)
    static let olVR13 = subject(.operationeelLeider, "VR13", .region, region: vr13)
    static let burgemeester = subject(.burgemeester, "VR13", .region, region: vr13)

    @Test("every region is served by exactly one of the ten meldkamers")
    func registry() {
        #expect(Meldkamers.all.count == 10)
        for region in RegionCode.all {
            #expect(Meldkamers.all.filter { $0.regions.contains(region) }.count == 1, "\(region)")
        }
        #expect(Meldkamers.serving(Self.vr17)?.code == "MK-RD")
        #expect(Meldkamers.serving(RegionCode(number: 18))?.code == "MK-RD")
    }

    @Test("the CaCo sees the proposals of the regions its meldkamer serves, and no others")
    func proposalsVisibility() {
        #expect(MeldkamerPolicy.visibleRegions(Self.cacoRotterdam) == [Self.vr17, RegionCode(number: 18)])
        #expect(MeldkamerPolicy.mayHandle(Self.cacoAmsterdam, region: Self.vr13).allowed)
        #expect(!MeldkamerPolicy.mayRead(Self.cacoAmsterdam, region: Self.vr12).allowed)
        #expect(MeldkamerPolicy.mayRead(Self.olVR13, region: Self.vr13).allowed)
        #expect(!MeldkamerPolicy.mayHandle(Self.olVR13, region: Self.vr13).allowed)
        #expect(MeldkamerPolicy.mayHandle(Self.imVR13, region: Self.vr13).allowed)
        #expect(!MeldkamerPolicy.mayRead(Self.imVR13, region: Self.vr12).allowed)
        #expect(!MeldkamerPolicy.mayRead(Self.burgemeester, region: Self.vr13).allowed)
        #expect(!MeldkamerPolicy.mayRead(Self.subject(.partnerUser, "RWS", .partner), region: Self.vr13).allowed)
        #expect(!MeldkamerPolicy.mayRead(Self.subject(.beheerder, "KCR2", .nationalNode), region: Self.vr13).allowed)
        // A meldkamer code that is not one of the ten sees nothing.
        #expect(MeldkamerPolicy.visibleRegions(Self.subject(.calamiteitencoordinator, "MK-XX", .meldkamer)).isEmpty)
    }

    @Test("only a meldkamer sends messages")
    func intake() {
        #expect(MeldkamerPolicy.mayIntake(Self.cacoAmsterdam).allowed)
        #expect(!MeldkamerPolicy.mayIntake(Self.imVR13).allowed)
        #expect(!MeldkamerPolicy.mayIntake(Self.subject(.partnerUser, "MK-AA", .partner)).allowed)
    }

    @Test("the CaCo reads the incident and writes only the meldkamer theme, until the IM takes over")
    func incidentAccess() {
        let inCharge = IncidentScope(involvedRegions: [Self.vr13], leadRegion: Self.vr13, status: .open, meldkamerInCharge: true)
        let handedOver = IncidentScope(involvedRegions: [Self.vr13], leadRegion: Self.vr13, status: .open)
        func decide(_ subject: Subject, _ action: AccessAction, _ scope: IncidentScope, theme: Theme? = nil) -> Bool {
            AccessPolicy.decide(AccessRequest(subject: subject, action: action, incident: scope, theme: theme, time: Self.now)).allowed
        }
        #expect(decide(Self.cacoAmsterdam, .read, inCharge))
        #expect(decide(Self.cacoAmsterdam, .addEntry, inCharge, theme: .meldkamer))
        #expect(!decide(Self.cacoAmsterdam, .addEntry, inCharge, theme: .brandweer))
        #expect(!decide(Self.cacoAmsterdam, .addEntry, handedOver, theme: .meldkamer))
        #expect(decide(Self.cacoAmsterdam, .read, handedOver))
        #expect(!decide(Self.cacoAmsterdam, .editIncident, inCharge))
        #expect(!decide(Self.cacoAmsterdam, .verifyEntry, inCharge))
        #expect(!decide(Self.cacoRotterdam, .read, inCharge))
        #expect(!AccessPolicy.decide(Self.cacoAmsterdam, .create, incident: nil, at: Self.now).allowed)
        // Region staff write the meldkamer theme as any theme; the IM takes it over once.
        #expect(decide(Self.imVR13, .addEntry, inCharge, theme: .meldkamer))
        #expect(MeldkamerPolicy.mayTakeOver(Self.imVR13, incident: inCharge).allowed)
        #expect(!MeldkamerPolicy.mayTakeOver(Self.imVR13, incident: handedOver).allowed)
        #expect(!MeldkamerPolicy.mayTakeOver(Self.olVR13, incident: inCharge).allowed)
        #expect(!MeldkamerPolicy.mayTakeOver(Self.cacoAmsterdam, incident: inCharge).allowed)
    }
}
