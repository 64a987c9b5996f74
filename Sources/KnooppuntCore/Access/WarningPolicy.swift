import Foundation

/// Who may take in warnings from other systems (CAP alerts) and who may read them.
///
/// Taking in a warning is regional intake work, like opening an incident: region staff (not the
/// liaison, who works for a partner) and the national node, which receives national and
/// international warnings. Where a warning matches an incident it also becomes an entry there,
/// and that write is decided by `AccessPolicy` for the incident as any entry is.
public enum WarningPolicy {
    public static func mayImport(_ subject: Subject) -> AccessDecision {
        if subject.role.isEmergencyAccount { return .deny(FallbackPolicy.onlyFallback) }
        if subject.role.isAdministrator {
            return .deny("administrators manage accounts; warnings are taken in by region staff or the national node")
        }
        switch subject.organisationKind {
        case .region:
            if subject.role.worksForPartner { return .deny("a liaison enters a partner's information, not outside warnings") }
            return .allow("region staff take in warnings for their region")
        case .nationalNode:
            return .allow("the national node takes in national and international warnings")
        case .partner, .ministry, .other:
            return .deny("partners share warnings through their region or their own theme, not as intake")
        case .meldkamer:
            return .deny("the meldkamer's messages come in through the meldkamer intake, not as warnings")
        }
    }

    /// A public warning (CAP scope Public) is readable by every signed-in user; a restricted or
    /// private one by the organisation that took it in, region staff and the national node.
    public static func mayRead(_ subject: Subject, publicScope: Bool, importedBy organisation: String) -> AccessDecision {
        if subject.role.isEmergencyAccount { return .deny(FallbackPolicy.onlyFallback) }
        if publicScope { return .allow("a public warning") }
        if subject.organisationCode == organisation { return .allow("your organisation took this warning in") }
        if subject.role.isAdministrator { return .deny("administrators manage accounts; restricted warnings are need-to-know") }
        switch subject.organisationKind {
        case .region, .nationalNode: return .allow("restricted warnings are shared with region staff and the national node")
        case .partner, .ministry, .other, .meldkamer: return .deny("this warning is restricted to region staff and the national node")
        }
    }
}

/// Whether a warning concerns an incident: their areas touch and their times overlap.
public enum WarningMatch {
    /// - Parameters:
    ///   - warningArea: the warning's polygons and circles.
    ///   - from: when the warning takes effect (effective, onset or sent).
    ///   - until: when it expires, nil when open-ended.
    ///   - incidentShapes: the incident's location and area-marking plots.
    ///   - incidentStart: when the incident began; an open incident lasts until now.
    public static func matches(warningArea: [Shape], from: Date, until: Date?, incidentShapes: [Shape],
                               incidentStart: Date, now: Date) -> Bool {
        guard from <= now, until.map({ $0 >= incidentStart }) ?? true else { return false }
        let warningPolygons = warningArea.flatMap(\.polygons)
        guard !warningPolygons.isEmpty else { return false }
        return incidentShapes.contains { $0.intersects(warningPolygons) }
    }
}
