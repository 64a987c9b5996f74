import Foundation

/// When a partner wants to be alerted (alarmering): incidents of some categories, in an area, from a
/// GRIP level. An alert nobody acknowledges escalates to a contact point after a set time.
public struct AlertRule: Sendable, Equatable, Codable {
    /// The core task this rule serves; its agreements' regions are the area when `regions` is empty.
    public var coreTask: CoreTask?
    /// Empty: every category.
    public var categories: [IncidentCategory]
    /// Empty: the regions of the partner's agreements (for `coreTask`, when given).
    public var regions: [RegionCode]
    public var minimumGRIP: GRIPLevel
    public var escalateAfterMinutes: Int
    public var escalateTo: ContactRole

    public init(
        coreTask: CoreTask? = nil, categories: [IncidentCategory] = [], regions: [RegionCode] = [],
        minimumGRIP: GRIPLevel = .one, escalateAfterMinutes: Int = 15, escalateTo: ContactRole = .hinOnCall
    ) {
        self.coreTask = coreTask
        self.categories = categories
        self.regions = regions
        self.minimumGRIP = minimumGRIP
        self.escalateAfterMinutes = escalateAfterMinutes
        self.escalateTo = escalateTo
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case coreTask, categories, regions, minimumGRIP, escalateAfterMinutes, escalateTo
    }

    /// Every field but the defaults may be left out.
    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let defaults = AlertRule()
        coreTask = try container.decodeIfPresent(CoreTask.self, forKey: .coreTask)
        categories = try container.decodeIfPresent([IncidentCategory].self, forKey: .categories) ?? []
        regions = try container.decodeIfPresent([RegionCode].self, forKey: .regions) ?? []
        minimumGRIP = try container.decodeIfPresent(GRIPLevel.self, forKey: .minimumGRIP) ?? defaults.minimumGRIP
        escalateAfterMinutes = try container.decodeIfPresent(Int.self, forKey: .escalateAfterMinutes) ?? defaults.escalateAfterMinutes
        escalateTo = try container.decodeIfPresent(ContactRole.self, forKey: .escalateTo) ?? defaults.escalateTo
    }

    public static var fieldNames: [String] { CodingKeys.allCases.map(\.stringValue) }

    /// The regions the rule watches for `registration`.
    public func area(of registration: PartnerRegistration) -> Set<RegionCode> {
        if !regions.isEmpty { return Set(regions) }
        let agreements = registration.agreements.filter { coreTask == nil || $0.coreTask == coreTask }
        return Set(agreements.flatMap(\.regions))
    }

    /// Why the incident matches ("overstroming · GRIP 2 ≥ 1 · VR13"), or nil. Only open incidents alert.
    public func match(_ incident: IncidentState, for registration: PartnerRegistration) -> String? {
        guard incident.status == .open else { return nil }
        guard categories.isEmpty || categories.contains(incident.category) else { return nil }
        guard incident.grip.rawValue >= minimumGRIP.rawValue else { return nil }
        let overlap = area(of: registration).intersection(incident.involvedRegions)
        guard !overlap.isEmpty else { return nil }
        // Language-neutral: category codes, GRIP and region codes read the same in Dutch and English.
        let parts = (categories.isEmpty ? [] : [incident.category.rawValue])
            + ["GRIP \(incident.grip.rawValue) ≥ \(minimumGRIP.rawValue)", overlap.map(\.rawValue).sorted().joined(separator: ", ")]
        return parts.joined(separator: " · ")
    }

    public static func validate(_ rule: AlertRule, of registration: PartnerRegistration, field: String) throws(PartnerRuleViolation) {
        guard (1...1440).contains(rule.escalateAfterMinutes) else {
            throw PartnerRuleViolation(field: "\(field).escalateAfterMinutes", message: "escalation comes after 1 to 1440 minutes")
        }
        if let task = rule.coreTask, !registration.coreTasks.contains(task) {
            throw PartnerRuleViolation(field: "\(field).coreTask", message: "the partner has no agreement for core task \(task.rawValue)")
        }
        if rule.area(of: registration).isEmpty {
            throw PartnerRuleViolation(field: "\(field).regions", message: "the rule watches no region")
        }
    }
}
