import Foundation

/// The assessment of one theme (beeld – oordeel, decision 0024): the theme owner's short, current
/// summary above the entries that are its evidence. The totaalbeeld is the summary of the
/// multidisciplinary theme (`Theme.algemeen`). Each change is a new version; earlier pictures keep theirs.
public struct ThemeSummaryBody: Codable, Equatable, Sendable {
    public var theme: Theme
    /// Actueel beeld: what is going on now, in a few sentences.
    public var picture: String
    /// Knelpunten: what goes wrong or blocks the response; absent when there are none.
    public var bottlenecks: String?
    /// Verwachting: what is expected in the coming hours (prognose); absent when none is given.
    public var outlook: String?
    /// Who may read it, like an entry of the theme.
    public var classification: Classification

    public init(theme: Theme, picture: String, bottlenecks: String? = nil, outlook: String? = nil, classification: Classification = .internal) {
        self.theme = theme
        self.picture = picture
        self.bottlenecks = bottlenecks
        self.outlook = outlook
        self.classification = classification
    }
}

/// Where a besluitpunt stands. "Decided" is not stored: a point is decided when a decision that is not
/// revoked answers it (`DecisionBody.decisionPoint`), so the point and its decision can never disagree.
public enum DecisionPointStatus: String, Codable, Sendable, CaseIterable {
    case open, decided, withdrawn

    public var label: LocalizedLabel {
        switch self {
        case .open: LocalizedLabel(nl: "Te besluiten", en: "To decide")
        case .decided: LocalizedLabel(nl: "Besloten", en: "Decided")
        case .withdrawn: LocalizedLabel(nl: "Vervallen", en: "Withdrawn")
        }
    }
}

/// A besluitpunt: a decision the crisis team must take, prepared with what it rests on (oordeel).
public struct DecisionPointBody: Codable, Equatable, Sendable {
    /// The question, as the team will answer it ("Evacueren we de Polder Groot-Duivendrecht?").
    public var text: String
    /// Considerations and options (the oordeel it rests on); absent when none are written.
    public var considerations: String?
    /// The team that must decide it.
    public var team: CrisisTeam
    /// Decide before; absent when there is no deadline.
    public var deadline: Date?
    /// Set when the point no longer needs a decision, with why.
    public var withdrawnReason: String?

    public init(text: String, considerations: String? = nil, team: CrisisTeam, deadline: Date? = nil) {
        self.text = text
        self.considerations = considerations
        self.team = team
        self.deadline = deadline
    }
}

extension RecordRules {
    public static func validate(_ summary: ThemeSummaryBody) throws(PictureRuleViolation) {
        try text(summary.picture, field: "picture", maximum: 4000)
        if let bottlenecks = summary.bottlenecks { try text(bottlenecks, field: "bottlenecks", maximum: 4000) }
        if let outlook = summary.outlook { try text(outlook, field: "outlook", maximum: 4000) }
    }

    public static func validate(_ point: DecisionPointBody) throws(PictureRuleViolation) {
        try text(point.text, field: "text", maximum: 1000)
        if let considerations = point.considerations { try text(considerations, field: "considerations", maximum: 4000) }
        if let reason = point.withdrawnReason { try text(reason, field: "withdrawnReason", maximum: 1000) }
    }
}
