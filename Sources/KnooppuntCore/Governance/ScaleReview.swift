import Foundation

/// What a periodic review of the scale and the distribution of authority concluded (C13, 002:L845-848).
public enum ReviewOutcome: String, CaseIterable, Codable, Sendable {
    case maintain = "handhaven"
    case scaleDownProposed = "afschalen-voorgesteld"
    case scaleUpProposed = "opschalen-voorgesteld"

    public var label: LocalizedLabel {
        switch self {
        case .maintain: LocalizedLabel(nl: "Handhaven", en: "Maintain")
        case .scaleDownProposed: LocalizedLabel(nl: "Afschalen voorgesteld", en: "Scaling down proposed")
        case .scaleUpProposed: LocalizedLabel(nl: "Opschalen voorgesteld", en: "Scaling up proposed")
        }
    }
}

/// When the next review of the scale and authority is due, and what the count starts from.
public struct ScaleReviewSchedule: Equatable, Sendable {
    public enum Basis: String, Codable, Sendable {
        /// The last change of the scale or authority facts (or the opening of the incident).
        case change
        /// The last recorded review.
        case review
    }

    public let intervalHours: Int
    public let countedFrom: Date
    public let basis: Basis
    public var dueAt: Date { countedFrom.addingTimeInterval(TimeInterval(intervalHours) * 3600) }

    /// Past the moment it was due.
    public func isOverdue(at now: Date) -> Bool { now > dueAt }
}

/// Periodic review of whether the phase of a crisis still justifies its scale and distribution of
/// authority: «periodiek ook overwogen te worden of de fase waarin een crisis zich lijkt te bevinden de
/// mate van opschaling en van bevoegdheidsverdeling nog rechtvaardigt of dat afschaling weer mogelijk
/// is» (002:L845-848). The seeds give no interval; the defaults are a product choice (decision 0020).
public enum ScaleReview {
    /// The interval an incident may set, in hours: one hour to a week.
    public static let intervalBounds = 1...168

    /// The default interval: every 4 hours in the acute stage, every 24 in the beheerfase.
    public static func defaultHours(_ stage: CrisisStage) -> Int {
        switch stage {
        case .acute: 4
        case .beheer: 24
        }
    }

    public static func intervalHours(_ state: IncidentState) -> Int {
        state.reviewIntervalHours ?? defaultHours(state.effectiveStage)
    }

    /// The schedule of an open incident at GRIP 1 or higher; nil when no review is due (routine, closed).
    /// `versions` are the incident's versions in order with the moment each began.
    public static func schedule(_ versions: [(at: Date, state: IncidentState)], lastReview: Date?) -> ScaleReviewSchedule? {
        guard let current = versions.last?.state, current.status == .open, current.grip > .routine,
            let changed = lastChange(versions)
        else { return nil }
        let hours = intervalHours(current)
        if let lastReview, lastReview >= changed {
            return ScaleReviewSchedule(intervalHours: hours, countedFrom: lastReview, basis: .review)
        }
        return ScaleReviewSchedule(intervalHours: hours, countedFrom: changed, basis: .change)
    }

    /// When the scale or authority facts last changed: GRIP, significance, stage, declaration, regions,
    /// or the incident being reopened; the opening of the incident when they never did.
    public static func lastChange(_ versions: [(at: Date, state: IncidentState)]) -> Date? {
        var last: Date?
        var previous: IncidentState?
        for (at, state) in versions {
            if previous.map({ $0.authorityFactsKey != state.authorityFactsKey || $0.status != state.status }) ?? true {
                last = at
            }
            previous = state
        }
        return last
    }
}
