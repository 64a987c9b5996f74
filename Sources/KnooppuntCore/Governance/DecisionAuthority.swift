import Foundation

/// Under which authority a crisis team's decision (besluit) was taken (C10). Operational teams (CoPI,
/// ROT) decide within operational command; a policy team decides under the competent authority, and a
/// team that does not match it is outside it: the GBT is the burgemeester's, the RBT the voorzitter's,
/// the IRBT the voorzitters' together ([PK] Referentiekader GRIP; 002:L818-823 for the IRBT).
public enum DecisionAuthority {
    public struct Assessment: Equatable, Sendable {
        /// The holders the decision was taken under; empty for an operational team.
        public var holders: [AuthorityHolder]
        public var operational: Bool
        public var outside: Bool
    }

    public static func assess(_ team: CrisisTeam, authority: CompetentAuthority) -> Assessment {
        let holders = authority.holders.filter { if case .minister = $0 { false } else { true } }
        switch team {
        case .copi, .rot:
            return Assessment(holders: [], operational: true, outside: false)
        case .gbt:
            return Assessment(holders: holders, operational: false, outside: authority.rule != .localBurgemeester)
        case .rbt:
            let fits = authority.rule == .regionalVoorzitter || authority.rule == .supraRegionalVoorzitters
            return Assessment(holders: holders, operational: false, outside: !fits)
        case .irbt:
            return Assessment(holders: holders, operational: false, outside: !authority.irbt)
        case .other:
            return Assessment(holders: holders, operational: false, outside: authority.rule == .unresolved)
        }
    }
}
