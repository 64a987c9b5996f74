import Foundation

extension CompetentAuthority {
    /// This authority with its one-line explanation and notes filled in from the facts.
    func explained(_ facts: AuthorityFacts, at now: Date) -> CompetentAuthority {
        var nl = ["\(facts.grip.scaleLabel.nl): \(ruleSentence.nl) (\(rule.source))"]
        var en = ["\(facts.grip.scaleLabel.en): \(ruleSentence.en) (\(rule.source))"]
        if opperbevel {
            nl.append("ramp: opperbevel, met één lijn van de operationele leiding naar het bestuur (002:L335-348)")
            en.append("ramp: opperbevel, with one line from operational command to the bestuur (002:L335-348)")
        }
        if let minister = holdings.first(where: { $0.holder == .minister(.justitieEnVeiligheid) }) {
            let matters = minister.matters.sorted()
            let to = Self.list(minister.regions.sorted().map(\.rawValue), and: "en")
            nl.append("aanwijzing van de minister van JenV aan de voorzitter van \(to) over \(Self.list(matters.map(\.label.nl), and: "en")); de voorzitters houden de primaire taak (002:L258-271)")
            en.append("aanwijzing of the minister of JenV to the chair of \(Self.list(minister.regions.sorted().map(\.rawValue), and: "and")) on \(Self.list(matters.map(\.label.en), and: "and")); the chairs keep the primary task (002:L258-271)")
        }
        if stage == .beheer {
            nl.append("beheerfase: het gezag keert niet vanzelf terug naar de burgemeester (002:L851-857)")
            en.append("management stage: authority does not return to the burgemeester by itself (002:L851-857)")
        }
        return CompetentAuthority(
            holdings: holdings, rule: rule,
            explanation: LocalizedLabel(nl: nl.joined(separator: "; ") + ".", en: en.joined(separator: "; ") + "."),
            irbt: irbt, opperbevel: opperbevel, significance: significance, stage: stage,
            notes: notes(facts, at: now), violations: violations, municipalities: municipalities, involvedRegions: involvedRegions)
    }

    /// The main rule in words, naming the holders.
    var ruleSentence: LocalizedLabel {
        let mayors = holdings.compactMap { holding -> String? in
            if case .burgemeester(let gemeente) = holding.holder { return gemeente.rawValue }
            return nil
        }
        let chairs = holdings.compactMap { holding -> String? in
            switch holding.holder {
            case .voorzitter(let region), .coordinatingVoorzitter(let region): region.rawValue
            default: nil
            }
        }
        switch rule {
        case .localBurgemeester where mayors.count == 1:
            return LocalizedLabel(
                nl: "crisis van plaatselijke betekenis, de burgemeester van \(mayors[0]) heeft het bestuurlijk gezag",
                en: "crisis of local significance, the burgemeester of \(mayors[0]) holds authority")
        case .localBurgemeester:
            return LocalizedLabel(
                nl: "crisis van plaatselijke betekenis, de burgemeesters van \(Self.list(mayors, and: "en")) hebben elk in hun eigen gemeente het bestuurlijk gezag",
                en: "crisis of local significance, the burgemeesters of \(Self.list(mayors, and: "and")) each hold authority in their own municipality")
        case .regionalVoorzitter:
            return LocalizedLabel(
                nl: "crisis van meer dan plaatselijke betekenis in één regio, de voorzitter van \(chairs[0]) heeft het bestuurlijk gezag",
                en: "crisis of more than local significance in one region, the chair of \(chairs[0]) holds authority")
        case .supraRegionalVoorzitters:
            return LocalizedLabel(
                nl: "bovenregionale crisis zonder IRBT, de voorzitters van \(Self.list(chairs, and: "en")) hebben elk in hun eigen regio het bestuurlijk gezag",
                en: "supra-regional crisis without an IRBT, the chairs of \(Self.list(chairs, and: "and")) each hold authority in their own region")
        case .interregionalBeleidsteam:
            let coordinating = holdings.compactMap { holding -> String? in
                if case .coordinatingVoorzitter(let region) = holding.holder { return region.rawValue }
                return nil
            }.first
            let lead = coordinating.map {
                LocalizedLabel(nl: ", de voorzitter van \($0) (leidende regio) coördineert", en: ", the chair of \($0) (lead region) coordinates")
            } ?? LocalizedLabel(nl: ", geen leidende regio vastgelegd", en: ", no lead region on record")
            return LocalizedLabel(
                nl: "interregionaal beleidsteam (IRBT), de voorzitters van \(Self.list(chairs, and: "en")) stemmen hun bevoegdheden af en houden elk het gezag in hun regio\(lead.nl)",
                en: "interregional policy team (IRBT), the chairs of \(Self.list(chairs, and: "and")) align their powers and each keep authority in their own region\(lead.en)")
        case .unresolved where significance == .local:
            return LocalizedLabel(
                nl: "crisis van plaatselijke betekenis zonder vastgelegde getroffen gemeente, het gezag ligt bij de burgemeester van die gemeente: leg haar vast",
                en: "crisis of local significance with no affected municipality on record, authority lies with that municipality's burgemeester: record it")
        case .unresolved:
            return LocalizedLabel(
                nl: "crisis van meer dan plaatselijke betekenis zonder betrokken regio, het gezag ligt bij de voorzitter van de regio: leg haar vast",
                en: "crisis of more than local significance with no involved region, authority lies with the region's chair: record it")
        }
    }

    /// What the holders should consider; none of it moves authority.
    func notes(_ facts: AuthorityFacts, at now: Date) -> [LocalizedLabel] {
        var notes: [LocalizedLabel] = []
        let localMayors = holdings.filter { if case .burgemeester = $0.holder { true } else { false } }.count
        if localMayors > 1 {
            notes.append(LocalizedLabel(
                nl: "Meer dan één gemeente getroffen: overweeg of de crisis van meer dan plaatselijke betekenis is, zodat de voorzitter het gezag krijgt (002:L1187-1189).",
                en: "More than one municipality affected: consider whether the crisis is of more than local significance, which gives the chair authority (002:L1187-1189)."))
        }
        if facts.isSupraRegional, !irbt {
            notes.append(LocalizedLabel(
                nl: "Twee of meer regio's betrokken: er kan een Interregionaal Beleidsteam (IRBT) worden ingericht (002:L818-819).",
                en: "Two or more regions involved: an Interregional Policy Team (IRBT) can be formed (002:L818-819)."))
        }
        if opperbevel, holdings.filter({ $0.opperbevel }).count > 1, !irbt {
            notes.append(LocalizedLabel(
                nl: "Ramp met meer dan één gezagsdrager: het opperbevel vraagt een eenduidige en enkelvoudige lijn naar het bestuur (002:L342).",
                en: "Ramp with more than one holder of authority: the opperbevel needs one unambiguous line to the bestuur (002:L342)."))
        }
        if significance == .moreThanLocal, !holdings.isEmpty {
            notes.append(LocalizedLabel(
                nl: "De voorzitter brengt na afloop schriftelijk verslag uit aan de raden van de getroffen gemeenten (art. 40 Wvr, 002:L862-865).",
                en: "Afterwards the chair reports in writing to the councils of the affected municipalities (art. 40 Wvr, 002:L862-865)."))
            if stage == .beheer {
                notes.append(LocalizedLabel(
                    nl: "Beheerfase: overweeg of de opschaling en de gezagsverdeling nog nodig zijn en of het gezag terug kan naar de burgemeester (002:L845-857).",
                    en: "Management stage: consider whether the scaling and the distribution of authority are still justified and whether authority can return to the burgemeester (002:L845-857)."))
            }
        }
        let ignored = facts.aanwijzingen.filter { $0.isInForce(at: now) }.count - Self.applicableAanwijzingen(facts, at: now).count
        if ignored > 0 {
            notes.append(LocalizedLabel(
                nl: "Een aanwijzing op de lijst geeft de minister hier geen gezag: die gaat naar voorzitters in een bovenregionale crisis (002:L234-235, L258-260).",
                en: "An aanwijzing on record gives the minister no authority here: it goes to chairs in a supra-regional crisis (002:L234-235, L258-260)."))
        }
        return notes
    }

    /// "A", "A en B", "A, B en C".
    static func list(_ items: [String], and word: String) -> String {
        guard items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " \(word) " + items.last!
    }
}
