import Foundation

/// What a plot on the incident map is (LCMS Plot): a symbol at a point, a line or route, an area, a
/// circle or a text label.
public enum PlotKind: String, CaseIterable, Codable, Sendable {
    case symbol
    case line
    case route
    case effectArea = "effect-area"
    case cordon
    case evacuationArea = "evacuation-area"
    case area
    case circle
    case label

    /// The GeoJSON geometry types this kind is drawn with.
    public var geometryTypes: Set<String> {
        switch self {
        case .symbol, .circle, .label: ["Point"]
        case .line, .route: ["LineString", "MultiLineString"]
        case .effectArea, .cordon, .evacuationArea, .area: ["Polygon", "MultiPolygon"]
        }
    }

    /// Areas count when working out which municipalities and regions are affected.
    public var marksAffectedArea: Bool {
        switch self {
        case .effectArea, .cordon, .evacuationArea, .area, .circle: true
        case .symbol, .line, .route, .label: false
        }
    }

    public var label: LocalizedLabel {
        switch self {
        case .symbol: LocalizedLabel(nl: "Symbool", en: "Symbol")
        case .line: LocalizedLabel(nl: "Lijn", en: "Line")
        case .route: LocalizedLabel(nl: "Route", en: "Route")
        case .effectArea: LocalizedLabel(nl: "Effectgebied", en: "Effect area")
        case .cordon: LocalizedLabel(nl: "Afzetting", en: "Cordon")
        case .evacuationArea: LocalizedLabel(nl: "Ontruimingsgebied", en: "Evacuation area")
        case .area: LocalizedLabel(nl: "Gebied", en: "Area")
        case .circle: LocalizedLabel(nl: "Cirkel", en: "Circle")
        case .label: LocalizedLabel(nl: "Tekst", en: "Label")
        }
    }
}

/// The symbol set for Dutch crisis work.
public enum PlotSymbol: String, CaseIterable, Codable, Sendable {
    case incident
    case commandPost = "command-post"
    case assemblyPoint = "assembly-point"
    case hospital
    case shelter
    case roadblock
    case waterOutage = "water-outage"
    case powerOutage = "power-outage"
    case gasOutage = "gas-outage"
    case hazardousMaterials = "hazardous-materials"
    case decontamination
    case helicopterLanding = "helicopter-landing"
    case casualtyCollection = "casualty-collection"
    case staging
    // Flood fighting (hoogwater, dijkbewaking).
    case breach
    case seepage
    case dikeWatch = "dike-watch"
    case pumpingStation = "pumping-station"
    case sandbags

    public var label: LocalizedLabel {
        switch self {
        case .incident: LocalizedLabel(nl: "Incident", en: "Incident")
        case .commandPost: LocalizedLabel(nl: "Commandopost (CoPI)", en: "Command post")
        case .assemblyPoint: LocalizedLabel(nl: "Verzamelplaats", en: "Assembly point")
        case .hospital: LocalizedLabel(nl: "Ziekenhuis", en: "Hospital")
        case .shelter: LocalizedLabel(nl: "Opvanglocatie", en: "Shelter")
        case .roadblock: LocalizedLabel(nl: "Wegafzetting", en: "Roadblock")
        case .waterOutage: LocalizedLabel(nl: "Uitval drinkwater", en: "Water outage")
        case .powerOutage: LocalizedLabel(nl: "Stroomstoring", en: "Power outage")
        case .gasOutage: LocalizedLabel(nl: "Uitval gas", en: "Gas outage")
        case .hazardousMaterials: LocalizedLabel(nl: "Gevaarlijke stoffen", en: "Hazardous materials")
        case .decontamination: LocalizedLabel(nl: "Ontsmetting", en: "Decontamination")
        case .helicopterLanding: LocalizedLabel(nl: "Landingsplaats heli", en: "Helicopter landing")
        case .casualtyCollection: LocalizedLabel(nl: "Gewondennest", en: "Casualty collection point")
        case .staging: LocalizedLabel(nl: "Uitgangsstelling", en: "Staging area")
        case .breach: LocalizedLabel(nl: "Bres (dijkdoorbraak)", en: "Breach")
        case .seepage: LocalizedLabel(nl: "Kwel", en: "Seepage")
        case .dikeWatch: LocalizedLabel(nl: "Dijkbewaking", en: "Dike watch")
        case .pumpingStation: LocalizedLabel(nl: "Gemaal", en: "Pumping station")
        case .sandbags: LocalizedLabel(nl: "Zandzakken", en: "Sandbags")
        }
    }
}

/// A plot's drawing facts, checked together.
public struct PlotStyle: Sendable, Equatable, Codable {
    public var kind: PlotKind
    public var symbol: PlotSymbol?
    public var label: String?
    /// `#rrggbb`.
    public var colour: String?
    /// Metres, for circles.
    public var radius: Double?

    public init(kind: PlotKind, symbol: PlotSymbol? = nil, label: String? = nil, colour: String? = nil, radius: Double? = nil) {
        self.kind = kind
        self.symbol = symbol
        self.label = label
        self.colour = colour
        self.radius = radius
    }

    /// The colour a kind is drawn in unless the plot says otherwise.
    public var resolvedColour: String {
        if let colour { return colour }
        switch kind {
        case .effectArea: return "#d4380d"
        case .cordon: return "#cf1322"
        case .evacuationArea: return "#d48806"
        case .route: return "#1d39c4"
        default: return "#08979c"
        }
    }
}

public enum PlotRules {
    /// Checks that style and geometry fit: a symbol for symbols, a radius for circles, text for labels.
    public static func validate(_ style: PlotStyle, geometryType: String) throws(PictureRuleViolation) {
        guard style.kind.geometryTypes.contains(geometryType) else {
            let types = style.kind.geometryTypes.sorted().joined(separator: " or ")
            throw PictureRuleViolation(field: "geometry", "a \(style.kind.rawValue) plot is drawn as \(types), not \(geometryType)")
        }
        if style.kind == .symbol, style.symbol == nil {
            throw PictureRuleViolation(
                field: "symbol", "a symbol plot needs a symbol: \(PlotSymbol.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        if style.kind == .circle {
            guard let radius = style.radius, (1...100_000).contains(radius) else {
                throw PictureRuleViolation(field: "radius", "a circle needs a radius of 1 to 100000 metres")
            }
        } else if style.radius != nil {
            throw PictureRuleViolation(field: "radius", "only circles have a radius")
        }
        if style.kind == .label, (style.label ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
            throw PictureRuleViolation(field: "label", "a label plot needs its text in \"label\"")
        }
        if let label = style.label, label.count > 200 {
            throw PictureRuleViolation(field: "label", "a label is at most 200 characters")
        }
        if let colour = style.colour, colour.range(of: "^#[0-9a-fA-F]{6}$", options: .regularExpression) == nil {
            throw PictureRuleViolation(field: "colour", "colour must be #rrggbb, e.g. #d4380d")
        }
    }
}
