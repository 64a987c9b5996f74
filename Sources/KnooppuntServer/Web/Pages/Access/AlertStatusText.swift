import Foundation
import KnooppuntCore
import Plot

/// How far an alert got, in words.
enum AlertStatusText {
    /// `person` turns a username into the name a reader sees.
    static func text(_ alert: PartnerAlertDTO, _ strings: UIStrings, person: (String) -> String = { $0 }) -> String {
        if let at = alert.acknowledgedAt {
            return "\(strings.acknowledgedBy) \(alert.acknowledgedBy.map(person) ?? "") · \(DisplayFormat.time(at))"
        }
        if let to = alert.escalatedTo { return "\(strings.escalatedTo) \(to)" }
        return "\(strings.escalatesAt) \(DisplayFormat.time(alert.escalatesAt))"
    }
}
