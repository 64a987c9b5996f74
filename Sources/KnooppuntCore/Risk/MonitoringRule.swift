import Foundation

/// What a monitoring rule on a risk picture watches (issue 18 point 3, decision 0029): a CAP warning taken
/// in whose area touches the picture's area, a value a partner measures, or a risk message of KCR2.
public enum MonitoringSource: String, CaseIterable, Codable, Sendable {
    case cap, measurement, advisory

    public var label: LocalizedLabel {
        switch self {
        case .cap: LocalizedLabel(nl: "CAP-waarschuwing in het gebied", en: "CAP warning in the area")
        case .measurement: LocalizedLabel(nl: "Meetwaarde van een partner", en: "A partner's measured value")
        case .advisory: LocalizedLabel(nl: "Risicobericht van KCR2", en: "KCR2 risk message")
        }
    }
}

/// The CAP severities in their order (CAP 1.2 §3.2.2; "Unknown" counts as the least).
public enum CAPSeverityLevel: String, CaseIterable, Codable, Sendable, Comparable {
    case unknown = "Unknown", minor = "Minor", moderate = "Moderate", severe = "Severe", extreme = "Extreme"

    public static func < (a: Self, b: Self) -> Bool { allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)! }

    public var label: LocalizedLabel {
        switch self {
        case .unknown: LocalizedLabel(nl: "Onbekend", en: "Unknown")
        case .minor: LocalizedLabel(nl: "Gering", en: "Minor")
        case .moderate: LocalizedLabel(nl: "Matig", en: "Moderate")
        case .severe: LocalizedLabel(nl: "Ernstig", en: "Severe")
        case .extreme: LocalizedLabel(nl: "Extreem", en: "Extreme")
        }
    }
}

/// A rule: the source, and for CAP the least severity, for a measurement the partner, the quantity and
/// the threshold it crosses upward (`above`) or downward.
public struct MonitoringRule: Codable, Equatable, Sendable {
    public var source: MonitoringSource
    public var minimumSeverity: CAPSeverityLevel?
    public var partner: String?
    public var quantity: String?
    public var threshold: Double?
    public var above: Bool?

    public init(source: MonitoringSource, minimumSeverity: CAPSeverityLevel? = nil, partner: String? = nil, quantity: String? = nil,
                threshold: Double? = nil, above: Bool? = nil) {
        self.source = source
        self.minimumSeverity = minimumSeverity
        self.partner = partner
        self.quantity = quantity
        self.threshold = threshold
        self.above = above
    }

    /// What is wrong with the rule, or nil.
    public var problem: RiskProblem? {
        switch source {
        case .cap:
            return minimumSeverity == nil
                ? RiskProblem(field: "minimumSeverity", LocalizedLabel(nl: "geef de minste ernst van de waarschuwing", en: "give the least severity of the warning"))
                : nil
        case .measurement:
            if (partner ?? "").isEmpty {
                return RiskProblem(field: "partner", LocalizedLabel(nl: "geef de partner die meet", en: "give the partner that measures"))
            }
            let name = (quantity ?? "").trimmingCharacters(in: .whitespaces)
            if !(2...80).contains(name.unicodeScalars.count) {
                return RiskProblem(field: "quantity", LocalizedLabel(nl: "geef de grootheid (2 tot 80 tekens)", en: "give the quantity (2 to 80 characters)"))
            }
            guard let threshold, threshold.isFinite, abs(threshold) <= 1e9 else {
                return RiskProblem(field: "threshold", LocalizedLabel(nl: "geef een drempelwaarde tussen -10⁹ en 10⁹", en: "give a threshold between -10⁹ and 10⁹"))
            }
            return nil
        case .advisory:
            return nil
        }
    }

    /// A warning of `severity` whose area touches the picture's: does the rule fire?
    public func fires(capSeverity severity: CAPSeverityLevel, touchesArea: Bool) -> Bool {
        guard source == .cap, let minimumSeverity else { return false }
        return touchesArea && severity >= minimumSeverity
    }

    /// A measured value after the one before (nil: the first): does it cross the threshold now? A value
    /// that stays beyond the threshold raises no second signal.
    public func fires(partner: String, quantity: String, value: Double, previous: Double?) -> Bool {
        guard source == .measurement, partner == self.partner, let threshold,
              quantity.lowercased() == (self.quantity ?? "").lowercased()
        else { return false }
        let beyond = { (v: Double) in (self.above ?? true) ? v >= threshold : v <= threshold }
        return beyond(value) && !(previous.map(beyond) ?? false)
    }

    /// The rule in words, for the page.
    public func described(_ language: Language) -> String {
        let nl = language == .nl
        switch source {
        case .cap:
            let severity = (minimumSeverity ?? .moderate).label.text(language)
            return nl ? "CAP-waarschuwing in het gebied, ernst \(severity) of hoger" : "CAP warning in the area, severity \(severity) or higher"
        case .measurement:
            let direction = (above ?? true) ? (nl ? "boven" : "above") : (nl ? "onder" : "below")
            let value = threshold.map { String($0) } ?? "?"
            return nl ? "\(quantity ?? "") van \(partner ?? "") \(direction) \(value)" : "\(quantity ?? "") from \(partner ?? "") \(direction) \(value)"
        case .advisory:
            return nl ? "Een risicobericht van KCR2 voor de regio" : "A KCR2 risk message for the region"
        }
    }
}
