import Foundation

/// What kind of plan or handbook a region keeps (C33; issue 18 point 4).
public enum PlanKind: String, CaseIterable, Codable, Sendable {
    case regionaalCrisisplan = "regionaal-crisisplan"
    case rampbestrijdingsplan
    case zorgrisicoprofiel
    case afstemmingsplan
    case handboek
    case overig

    public var label: LocalizedLabel {
        switch self {
        case .regionaalCrisisplan: LocalizedLabel(nl: "Regionaal crisisplan", en: "Regional crisis plan")
        case .rampbestrijdingsplan: LocalizedLabel(nl: "Rampbestrijdingsplan", en: "Disaster response plan")
        case .zorgrisicoprofiel: LocalizedLabel(nl: "Zorgrisicoprofiel (GHOR)", en: "Care risk profile (GHOR)")
        case .afstemmingsplan: LocalizedLabel(nl: "Afstemmingsplan met partners", en: "Coordination plan with partners")
        case .handboek: LocalizedLabel(nl: "Handboek", en: "Handbook")
        case .overig: LocalizedLabel(nl: "Overig plan", en: "Other plan")
        }
    }
}

/// How close a plan's review is: past, within the reminder period, or later.
public enum ReviewState: String, Codable, Sendable {
    case due, soon, later
}

/// A plan or handbook of a region's register (C33): who owns it, who adopted it and when, when it is
/// reviewed, which risks of the profile it covers and which partners it was agreed with.
public struct RegionalPlan: Codable, Equatable, Sendable {
    public var region: RegionCode
    public var title: String
    public var kind: PlanKind
    public var owner: String
    public var adoptedBy: String?
    public var adoptedOn: String?
    public var reviewOn: String
    public var risks: [UUID]
    public var partners: [String]
    /// Where the document is: an address or a place, in words.
    public var location: String?

    public init(region: RegionCode, title: String, kind: PlanKind, owner: String, adoptedBy: String? = nil, adoptedOn: String? = nil,
                reviewOn: String, risks: [UUID] = [], partners: [String] = [], location: String? = nil) {
        self.region = region
        self.title = title
        self.kind = kind
        self.owner = owner
        self.adoptedBy = adoptedBy
        self.adoptedOn = adoptedOn
        self.reviewOn = reviewOn
        self.risks = risks
        self.partners = partners
        self.location = location
    }

    /// A reminder comes this long before the review date.
    public static let reminder: TimeInterval = 60 * 86_400

    public func reviewState(at now: Date) -> ReviewState {
        guard let day = DateTimeText.day(reviewOn) else { return .due }
        if day <= now { return .due }
        return day.timeIntervalSince(now) <= Self.reminder ? .soon : .later
    }

    /// The plan's kind decides whose it is: the zorgrisicoprofiel is the GHOR's (C31).
    public var careProfile: Bool { kind == .zorgrisicoprofiel }

    public var problems: [RiskProblem] {
        var found: [RiskProblem] = []
        func text(_ value: String, _ field: String, _ range: ClosedRange<Int>, _ what: LocalizedLabel) {
            if !range.contains(value.trimmingCharacters(in: .whitespacesAndNewlines).unicodeScalars.count) {
                found.append(RiskProblem(field: field, LocalizedLabel(nl: "\(what.nl) moet \(range.lowerBound) tot \(range.upperBound) tekens zijn",
                                                                      en: "\(what.en) must be \(range.lowerBound) to \(range.upperBound) characters")))
            }
        }
        text(title, "title", 3...200, LocalizedLabel(nl: "de titel", en: "the title"))
        text(owner, "owner", 2...200, LocalizedLabel(nl: "de eigenaar", en: "the owner"))
        if let location { text(location, "location", 3...500, LocalizedLabel(nl: "de vindplaats", en: "the location")) }
        if let adoptedBy, !adoptedBy.isEmpty { text(adoptedBy, "adoptedBy", 3...200, LocalizedLabel(nl: "wie het vaststelde", en: "who adopted it")) }
        if DateTimeText.day(reviewOn) == nil {
            found.append(RiskProblem(field: "reviewOn", LocalizedLabel(nl: "de herzieningsdatum moet een dag zijn (jjjj-mm-dd)", en: "the review date must be a day yyyy-MM-dd")))
        }
        if (adoptedBy ?? "").isEmpty != (adoptedOn ?? "").isEmpty {
            found.append(RiskProblem(field: (adoptedBy ?? "").isEmpty ? "adoptedBy" : "adoptedOn",
                                     LocalizedLabel(nl: "geef wie het vaststelde én de dag, of geen van beide", en: "give who adopted it and the day, or neither")))
        } else if let on = adoptedOn, !on.isEmpty, DateTimeText.day(on) == nil {
            found.append(RiskProblem(field: "adoptedOn", LocalizedLabel(nl: "de dag van vaststelling moet een dag zijn (jjjj-mm-dd)", en: "the day of adoption must be a day yyyy-MM-dd")))
        }
        if risks.count > 50 { found.append(RiskProblem(field: "risks", LocalizedLabel(nl: "ten hoogste 50 risico's", en: "at most 50 risks"))) }
        if partners.count > 50 { found.append(RiskProblem(field: "partners", LocalizedLabel(nl: "ten hoogste 50 partners", en: "at most 50 partners"))) }
        return found
    }
}
