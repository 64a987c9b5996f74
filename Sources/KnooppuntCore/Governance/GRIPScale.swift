import Foundation

/// The scale a GRIP level stands for: lokaal (1–3), regionaal (4), interregionaal (5) (002:L914-915);
/// GRIP 0 is no scaling at all, routine work.
public enum GRIPScale: String, CaseIterable, Codable, Sendable {
    case routine, lokaal, regionaal, interregionaal

    public var label: LocalizedLabel {
        switch self {
        case .routine: LocalizedLabel(nl: "geen GRIP / routine", en: "no GRIP / routine")
        case .lokaal: LocalizedLabel(nl: "lokaal", en: "local")
        case .regionaal: LocalizedLabel(nl: "regionaal", en: "regional")
        case .interregionaal: LocalizedLabel(nl: "interregionaal", en: "interregional")
        }
    }
}

extension GRIPLevel {
    public var scale: GRIPScale {
        switch self {
        case .routine: .routine
        case .one, .two, .three: .lokaal
        case .four: .regionaal
        case .five: .interregionaal
        }
    }

    /// "GRIP 3 (lokaal)", and for level 0 "geen GRIP / routine".
    public var scaleLabel: LocalizedLabel {
        guard self != .routine else { return scale.label }
        return LocalizedLabel(nl: "GRIP \(rawValue) (\(scale.label.nl))", en: "GRIP \(rawValue) (\(scale.label.en))")
    }
}
