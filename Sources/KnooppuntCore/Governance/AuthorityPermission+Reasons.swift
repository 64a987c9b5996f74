import Foundation

extension AuthorityPermission {
    /// Why the actor proposes rather than decides, and who does decide.
    static func proposalReason(
        _ actor: GovernanceActor, _ action: GovernanceAction, matter: GovernanceMatter, deciders: [Decider],
        authority: CompetentAuthority, at now: Date
    ) -> LocalizedLabel {
        guard !deciders.isEmpty else {
            return LocalizedLabel(
                nl: "Niemand heeft hier volgens de vastgelegde feiten het gezag over \(matter.label.nl); stel voor en leg de feiten vast. \(authority.explanation.nl)",
                en: "On the facts recorded, no one holds authority over \(matter.label.en) here; propose, and record the facts. \(authority.explanation.en)")
        }
        let offices = deciders.map(\.holding.holder.office)
        let who = LocalizedLabel(
            nl: CompetentAuthority.list(deciders.map(\.holding.holder.label.nl), and: "of"),
            en: CompetentAuthority.list(deciders.map(\.holding.holder.label.en), and: "or"))
        let decidesHere = LocalizedLabel(nl: "Hier beslist \(who.nl).", en: "Here \(who.en) decides.")
        if let mandate = actor.mandates.first(where: { offices.contains($0.office) && $0.matters.contains(matter) }) {
            let expired = mandate.validUntil.map { $0 <= now } ?? false
            let stamp = (expired ? mandate.validUntil! : mandate.validFrom).ISO8601Format()
            return expired
                ? LocalizedLabel(
                    nl: "Uw mandaat van \(mandate.office.label.nl) liep tot \(stamp); u kunt alleen voorstellen. \(decidesHere.nl)",
                    en: "Your mandate from \(mandate.office.label.en) ran until \(stamp); you can only propose. \(decidesHere.en)")
                : LocalizedLabel(
                    nl: "Uw mandaat van \(mandate.office.label.nl) gaat pas in op \(stamp); u kunt alleen voorstellen. \(decidesHere.nl)",
                    en: "Your mandate from \(mandate.office.label.en) starts only at \(stamp); you can only propose. \(decidesHere.en)")
        }
        if let mandate = actor.mandates.first(where: { offices.contains($0.office) }) {
            let covered = mandate.matters.sorted()
            return LocalizedLabel(
                nl: "Uw mandaat van \(mandate.office.label.nl) betreft \(CompetentAuthority.list(covered.map(\.label.nl), and: "en")), niet \(matter.label.nl); u kunt alleen voorstellen. \(decidesHere.nl)",
                en: "Your mandate from \(mandate.office.label.en) covers \(CompetentAuthority.list(covered.map(\.label.en), and: "and")), not \(matter.label.en); you can only propose. \(decidesHere.en)")
        }
        if let mandate = actor.mandates.first {
            return LocalizedLabel(
                nl: "Uw mandaat is van \(mandate.office.label.nl), die hier nu geen gezag heeft; u kunt alleen voorstellen. \(decidesHere.nl)",
                en: "Your mandate is from \(mandate.office.label.en), who holds no authority here now; you can only propose. \(decidesHere.en)")
        }
        if let office = actor.offices.sorted(by: { $0.label.en < $1.label.en }).first {
            if isTakeOver(action, authority) {
                return LocalizedLabel(
                    nl: "Opschalen naar GRIP 4 of 5 legt het gezag bij de voorzitter (002:L915, L1187-1189); \(office.label.nl) stelt voor. \(decidesHere.nl)",
                    en: "Scaling to GRIP 4 or 5 puts authority with the chair (002:L915, L1187-1189); \(office.label.en) proposes. \(decidesHere.en)")
            }
            return LocalizedLabel(
                nl: "\(office.label.nl.capitalisedFirst) heeft hier nu geen gezag over \(matter.label.nl) (\(authority.rule.source)); u kunt voorstellen. \(decidesHere.nl)",
                en: "\(office.label.en.capitalisedFirst) holds no authority over \(matter.label.en) here now (\(authority.rule.source)); you can propose. \(decidesHere.en)")
        }
        return LocalizedLabel(
            nl: "De crisisorganisatie stelt voor, het bevoegd gezag beslist. \(decidesHere.nl)",
            en: "The crisis organisation proposes, the competent authority decides. \(decidesHere.en)")
    }
}

extension String {
    fileprivate var capitalisedFirst: String { prefix(1).uppercased() + dropFirst() }
}
