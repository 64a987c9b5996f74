import Foundation

extension GovernanceAction {
    /// The decisions of bestuurlijk gezag a change of an incident's state makes: a GRIP change that
    /// leaves the operational levels (GRIP 0–2, `AuthorityPermission.isOperationalScaling`), and a change
    /// of classification (declaring a crisis or ramp, or withdrawing that declaration). Other fields
    /// (title, area, phase, regions) are the crisis organisation's record keeping.
    public static func decided(from old: IncidentState, to new: IncidentState) -> [GovernanceAction] {
        var actions: [GovernanceAction] = []
        if new.grip != old.grip, !AuthorityPermission.isOperationalScaling(from: old.grip, to: new.grip) {
            actions.append(.changeGRIP(to: new.grip))
        }
        if new.significance != old.significance, let significance = new.significance {
            actions.append(.recordSignificance(significance))
        }
        if new.stage != old.stage { actions.append(.recordStage(new.stage ?? .acute)) }
        if new.classification != old.classification || new.effectiveDeclaration != old.effectiveDeclaration {
            let ramp = new.classification == .ramp || new.effectiveDeclaration == .ramp
            actions.append(ramp ? .declareRamp : .declareCrisis)
        }
        return actions
    }

    /// What the action decides, in words: "GRIP 3 (lokaal)", "de crisis verklaren".
    public var label: LocalizedLabel {
        switch self {
        case .changeGRIP(let level): level.scaleLabel
        case .recordSignificance(let significance):
            LocalizedLabel(nl: "de betekenis vastleggen: \(significance.label.nl)", en: "recording the significance: \(significance.label.en)")
        case .recordStage(let stage):
            LocalizedLabel(nl: "de fase vastleggen: \(stage.label.nl)", en: "recording the stage: \(stage.label.en)")
        case .declareCrisis: LocalizedLabel(nl: "de crisis verklaren of de verklaring intrekken", en: "declaring a crisis or withdrawing it")
        case .declareRamp: LocalizedLabel(nl: "de ramp verklaren", en: "declaring a ramp")
        case .publishPublicWarning: LocalizedLabel(nl: "een publieke waarschuwing uitgeven", en: "issuing a public warning")
        case .requestBijstand: LocalizedLabel(nl: "bijstand aanvragen", en: "requesting bijstand")
        }
    }
}
