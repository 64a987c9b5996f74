import Foundation

/// A scenario of the library (decision 0032): a named failure with the assumptions it rests on, which a
/// region or KCR2 runs in the cold phase to prepare plans, and an exercise incident can start from.
public struct DependencyScenario: Codable, Sendable, Equatable {
    public var title: String
    /// What the scenario assumes: the cause, its extent, what is not modelled.
    public var assumptions: String
    /// The nodes that fail first (keys of the dependency model).
    public var failing: [String]

    public init(title: String, assumptions: String, failing: [String]) {
        self.title = title
        self.assumptions = assumptions
        self.failing = failing
    }

    public var problems: [RiskProblem] {
        var found: [RiskProblem] = []
        DependencyRules.text(title, "title", 3...200, LocalizedLabel(nl: "de titel", en: "the title"), into: &found)
        DependencyRules.text(assumptions, "assumptions", 3...5000, LocalizedLabel(nl: "de aannames", en: "the assumptions"), lineBreaks: true,
                             into: &found)
        if failing.isEmpty || failing.count > 100 {
            found.append(RiskProblem(field: "failing", LocalizedLabel(nl: "kies 1 tot 100 knooppunten die uitvallen", en: "choose 1 to 100 nodes that fail")))
        }
        for (index, key) in failing.enumerated() where !DependencyRules.isKey(key) {
            found.append(RiskProblem(field: "failing[\(index)]", LocalizedLabel(nl: "geen geldige sleutel van een knooppunt", en: "not a valid node key")))
        }
        if Set(failing).count != failing.count {
            found.append(RiskProblem(field: "failing", LocalizedLabel(nl: "een knooppunt staat er twee keer in", en: "a node is named twice")))
        }
        return found
    }

    /// Who keeps a scenario: a region's keepers of the dependency model for the region's scenarios, KCR2's
    /// analysts for the national ones.
    public static func keep(_ subject: Subject, scope: PhaseScope) -> AccessDecision {
        switch scope {
        case .region(let region):
            guard DependencyRules.isRegionStaff(subject, of: region) else { return .deny("only the staff of \(region) keep its scenarios") }
            guard DependencyRules.keeperRoles.contains(subject.role) else {
                return .deny("scenarios are kept by the region's risk advisor, directeur, IM or HIN, not by someone with the role \(subject.role.label.en)")
            }
            return .allow("staff of \(region) who keep its dependency model")
        case .national:
            return subject.organisationKind == .nationalNode && subject.role == .kcr2Analist
                ? .allow("KCR2's analysts keep the national scenarios") : .deny("the national scenarios are kept by KCR2's analysts")
        }
    }

    /// Who reads a scenario: the staff of its region, or of the national node for national ones. The
    /// cascade it shows is computed on the reader's view of the model.
    public static func read(_ subject: Subject, scope: PhaseScope) -> AccessDecision {
        switch scope {
        case .region(let region):
            return DependencyRules.isRegionStaff(subject, of: region) || (subject.organisationKind == .nationalNode && !subject.role.isAdministrator && !subject.role.isEmergencyAccount)
                ? .allow("staff of \(region), or of the national node") : .deny("a region's scenarios are for its staff and the national node")
        case .national:
            return subject.organisationKind == .nationalNode && !subject.role.isAdministrator && !subject.role.isEmergencyAccount
                || subject.organisationKind == .region && !subject.role.isAdministrator && !subject.role.isEmergencyAccount && !subject.role.belongsToPartner
                ? .allow("the national scenarios are for the national node and the regions") : .deny("the national scenarios are for the national node and the regions")
        }
    }
}
