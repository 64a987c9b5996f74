import Foundation
import Testing

@testable import KnooppuntCore

@Suite("Layer access policy")
struct LayerPolicyTests {
    static let start = Date(timeIntervalSince1970: 1_800_000_000)

    enum Who: CaseIterable { case owner, otherRegion, nationalNode, partner, admin }
    enum Opening: CaseIterable { case none, active, ended }

    static func subject(_ who: Who, role: Role) -> Subject {
        switch who {
        case .owner: Subject(username: "o", role: role, organisationCode: "VR13", organisationKind: .region, regionCode: RegionCode(number: 13))
        case .otherRegion: Subject(username: "r", role: role, organisationCode: "VR12", organisationKind: .region, regionCode: RegionCode(number: 12))
        case .nationalNode: Subject(username: "n", role: .kcr2Analist, organisationCode: "KCR2", organisationKind: .nationalNode, regionCode: nil)
        case .partner: Subject(username: "p", role: .partnerUser, organisationCode: "VITENS", organisationKind: .partner, regionCode: nil)
        case .admin: Subject(username: "a", role: .beheerder, organisationCode: "KCR2", organisationKind: .nationalNode, regionCode: nil)
        }
    }

    static func grants(_ opening: Opening, for who: Who) -> [LayerGrant] {
        let code = subject(who, role: .informatiemanager).organisationCode
        switch opening {
        case .none: return []
        case .active: return [LayerGrant(organisationCode: code, validFrom: start, validUntil: start.addingTimeInterval(3600), reason: "bluswater")]
        case .ended:
            return [LayerGrant(organisationCode: code, validFrom: start.addingTimeInterval(-7200), validUntil: start.addingTimeInterval(-3600), reason: "x")]
        }
    }

    @Test("read: every subject × classification × opening, as the rules say")
    func readExhaustive() {
        var checked = 0
        for who in Who.allCases {
            for level in Classification.allCases {
                for opening in Opening.allCases {
                    let decision = AccessPolicy.decide(
                        Self.subject(who, role: .informatiemanager), .read, layer: LayerScope(owner: "VR13", classification: level),
                        grants: Self.grants(opening, for: who), at: Self.start.addingTimeInterval(60))
                    let expected: Bool
                    switch (level, who) {
                    case (.public, _): expected = true
                    case (_, .admin): expected = false
                    case (_, .owner): expected = true
                    case (.internal, .otherRegion), (.internal, .nationalNode): expected = true
                    default: expected = opening == .active
                    }
                    #expect(decision.allowed == expected, "\(who) \(level) \(opening): \(decision.reason)")
                    #expect(decision.obligations.contains(.journalRead) == (decision.allowed && level == .confidential))
                    checked += 1
                }
            }
        }
        #expect(checked == 5 * 3 * 3)
    }

    @Test("manage: the owner's people except those who work for partners (liaison, detached HIN); break glass: chairs only")
    func manageAndBreakGlass() {
        for role in Role.allCases {
            for who in [Who.owner, .otherRegion] {
                let subject = Self.subject(who, role: role)
                let layer = LayerScope(owner: "VR13", classification: .confidential)
                let manage = AccessPolicy.decide(subject, .manage, layer: layer, at: Self.start)
                #expect(manage.allowed == (who == .owner && !role.worksForPartner && !role.isAdministrator && !role.isEmergencyAccount), "\(role) \(who)")
                let glass = AccessPolicy.decide(subject, .breakGlass, layer: layer, at: Self.start)
                #expect(glass.allowed == (role == .voorzitter), "\(role) \(who)")
            }
        }
    }
}
