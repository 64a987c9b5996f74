import Foundation

/// The rules the facts of bestuurlijk gezag must satisfy before they are recorded; each message names
/// the seed line or public source it rests on (decision 0020).
public enum GovernanceRules {
    /// Every rule the facts break, in a stable order; empty when they are consistent.
    public static func violations(_ facts: AuthorityFacts, at now: Date) -> [PictureRuleViolation] {
        var found: [PictureRuleViolation] = []
        let regions = Set(facts.involvedRegions)
        if regions.isEmpty {
            found.append(PictureRuleViolation(field: "involvedRegions", "at least one region must be involved"))
        }
        if regions.count != facts.involvedRegions.count {
            found.append(PictureRuleViolation(field: "involvedRegions", "a region is listed twice"))
        }
        if !regions.isEmpty, !regions.contains(facts.leadRegion) {
            found.append(PictureRuleViolation(
                field: "leadRegion", "the lead region \(facts.leadRegion) must be one of the involved regions"))
        }
        if let problem = scaleProblem(facts.grip, involvedRegions: regions.count) {
            found.append(problem)
        }
        let codes = facts.affectedMunicipalities.map(\.code)
        if Set(codes).count != codes.count {
            found.append(PictureRuleViolation(field: "affectedMunicipalities", "a municipality is listed twice"))
        }
        for municipality in facts.affectedMunicipalities where !regions.contains(municipality.region) {
            found.append(PictureRuleViolation(
                field: "affectedMunicipalities",
                "\(municipality.code) lies in \(municipality.region), which is not an involved region"))
        }
        if let problem = significanceProblem(facts) {
            found.append(problem)
        }
        found += aanwijzingProblems(facts, at: now)
        return found
    }

    /// Throws the first rule the facts break.
    public static func validate(_ facts: AuthorityFacts, at now: Date) throws(PictureRuleViolation) {
        if let first = violations(facts, at: now).first { throw first }
    }

    /// GRIP 5 is interregional (002:L915): it needs two or more involved regions.
    public static func scaleProblem(_ grip: GRIPLevel, involvedRegions: Int) -> PictureRuleViolation? {
        guard grip == .five, involvedRegions < 2 else { return nil }
        return PictureRuleViolation(
            field: "grip",
            "GRIP 5 is interregional scaling (002:L915) and needs two or more involved regions; \(involvedRegions) \(involvedRegions == 1 ? "is" : "are") involved")
    }

    /// The GRIP scale and the significance must tell the same story: lokaal (GRIP 0–3) goes with the
    /// burgemeester, regionaal and interregionaal (GRIP 4–5) with the voorzitter (002:L915, L1187-1189;
    /// the GBT/RBT split of the Referentiekader GRIP). A mismatch is refused rather than guessed at.
    public static func significanceProblem(_ facts: AuthorityFacts) -> PictureRuleViolation? {
        switch (facts.grip.scale, facts.significance) {
        case (.regionaal, .local), (.interregionaal, .local):
            PictureRuleViolation(
                field: "significance",
                "GRIP \(facts.grip.rawValue) is \(facts.grip.scale.label.en) scaling (002:L915), where the voorzitter holds authority (002:L1187-1189); a crisis of local significance is scaled locally (GRIP 1–3): settle the scale or the significance")
        case (.routine, .moreThanLocal), (.lokaal, .moreThanLocal):
            PictureRuleViolation(
                field: "significance",
                "a crisis of more than local significance is held by the voorzitter (002:L1187-1189) and scaled regionally (GRIP 4) or interregionally (GRIP 5) (002:L915), not at \(facts.grip.scaleLabel.en): settle the scale or the significance")
        default:
            nil
        }
    }

    /// An aanwijzing goes from the minister of JenV to voorzitters in a supra-regional crisis (002:L234-235, L258-260).
    static func aanwijzingProblems(_ facts: AuthorityFacts, at now: Date) -> [PictureRuleViolation] {
        let inForce = facts.aanwijzingen.filter { $0.isInForce(at: now) }
        guard !inForce.isEmpty else { return [] }
        var found: [PictureRuleViolation] = []
        if facts.significance == .local {
            found.append(PictureRuleViolation(
                field: "aanwijzingen",
                "an aanwijzing of the minister of JenV is addressed to voorzitters in a crisis of more than local significance (002:L258-260); this crisis is recorded as local"))
        }
        if !facts.isSupraRegional {
            found.append(PictureRuleViolation(
                field: "aanwijzingen",
                "the minister of JenV gives aanwijzingen directly in supra-regional crises (002:L234-235, L258-260); only one region is involved"))
        }
        let regions = Set(facts.involvedRegions)
        for aanwijzing in inForce {
            if aanwijzing.addressees.isEmpty || aanwijzing.matters.isEmpty {
                found.append(PictureRuleViolation(field: "aanwijzingen", "an aanwijzing names the voorzitters it is addressed to and what it is about"))
            }
            for region in aanwijzing.addressees.sorted() where !regions.contains(region) {
                found.append(PictureRuleViolation(
                    field: "aanwijzingen", "the aanwijzing is addressed to the voorzitter of \(region), which is not an involved region"))
            }
        }
        return found
    }
}
