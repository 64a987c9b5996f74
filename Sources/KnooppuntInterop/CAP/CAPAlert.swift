import Foundation
import KnooppuntCore

/// The content of a CAP alert (OASIS Common Alerting Protocol 1.2; 1.1 reads into the same shape).
/// Values are kept as the message wrote them (times included, so a round trip gives the same text);
/// parsed forms are computed where Knooppunt needs them.
public struct CAPAlert: Sendable, Equatable, Codable {
    public var identifier: String
    public var sender: String
    public var sent: String
    public var status: String
    public var msgType: String
    public var source: String?
    public var scope: String
    public var restriction: String?
    public var addresses: String?
    public var codes: [String]
    public var note: String?
    public var references: String?
    public var incidents: String?
    public var infos: [CAPInfo]

    public init(identifier: String, sender: String, sent: String, status: String, msgType: String,
                source: String? = nil, scope: String, restriction: String? = nil, addresses: String? = nil,
                codes: [String] = [], note: String? = nil, references: String? = nil, incidents: String? = nil,
                infos: [CAPInfo] = []) {
        self.identifier = identifier
        self.sender = sender
        self.sent = sent
        self.status = status
        self.msgType = msgType
        self.source = source
        self.scope = scope
        self.restriction = restriction
        self.addresses = addresses
        self.codes = codes
        self.note = note
        self.references = references
        self.incidents = incidents
        self.infos = infos
    }

    public var sentDate: Date? { CAPTime.parse(sent) }
}

public struct CAPInfo: Sendable, Equatable, Codable {
    public var language: String?
    public var categories: [String]
    public var event: String
    public var responseTypes: [String]
    public var urgency: String
    public var severity: String
    public var certainty: String
    public var audience: String?
    public var eventCodes: [CAPValue]
    public var effective: String?
    public var onset: String?
    public var expires: String?
    public var senderName: String?
    public var headline: String?
    public var description: String?
    public var instruction: String?
    public var web: String?
    public var contact: String?
    public var parameters: [CAPValue]
    public var resources: [CAPResource]
    public var areas: [CAPArea]

    public init(language: String? = nil, categories: [String], event: String, responseTypes: [String] = [],
                urgency: String, severity: String, certainty: String, audience: String? = nil,
                eventCodes: [CAPValue] = [], effective: String? = nil, onset: String? = nil, expires: String? = nil,
                senderName: String? = nil, headline: String? = nil, description: String? = nil,
                instruction: String? = nil, web: String? = nil, contact: String? = nil, parameters: [CAPValue] = [],
                resources: [CAPResource] = [], areas: [CAPArea] = []) {
        self.language = language
        self.categories = categories
        self.event = event
        self.responseTypes = responseTypes
        self.urgency = urgency
        self.severity = severity
        self.certainty = certainty
        self.audience = audience
        self.eventCodes = eventCodes
        self.effective = effective
        self.onset = onset
        self.expires = expires
        self.senderName = senderName
        self.headline = headline
        self.description = description
        self.instruction = instruction
        self.web = web
        self.contact = contact
        self.parameters = parameters
        self.resources = resources
        self.areas = areas
    }
}

/// A valueName/value pair (eventCode, parameter, geocode).
public struct CAPValue: Sendable, Equatable, Codable {
    public var valueName: String
    public var value: String
    public init(valueName: String, value: String) {
        self.valueName = valueName
        self.value = value
    }
}

public struct CAPResource: Sendable, Equatable, Codable {
    public var resourceDesc: String
    public var mimeType: String?
    public var size: String?
    public var uri: String?
    public var derefUri: String?
    public var digest: String?
    public init(resourceDesc: String, mimeType: String?, size: String? = nil, uri: String? = nil,
                derefUri: String? = nil, digest: String? = nil) {
        self.resourceDesc = resourceDesc
        self.mimeType = mimeType
        self.size = size
        self.uri = uri
        self.derefUri = derefUri
        self.digest = digest
    }
}

public struct CAPArea: Sendable, Equatable, Codable {
    public var areaDesc: String
    /// Each polygon as CAP writes it: "lat,lon lat,lon …", first and last pair equal.
    public var polygons: [String]
    /// Each circle as "lat,lon radius-in-km".
    public var circles: [String]
    public var geocodes: [CAPValue]
    public var altitude: String?
    public var ceiling: String?

    public init(areaDesc: String, polygons: [String] = [], circles: [String] = [], geocodes: [CAPValue] = [],
                altitude: String? = nil, ceiling: String? = nil) {
        self.areaDesc = areaDesc
        self.polygons = polygons
        self.circles = circles
        self.geocodes = geocodes
        self.altitude = altitude
        self.ceiling = ceiling
    }
}

/// CAP's point and shape notation: "lat,lon" pairs separated by whitespace.
public enum CAPShape {
    /// The pairs of a polygon or circle centre as (latitude, longitude), nil when malformed.
    public static func pairs(_ text: String) -> [(lat: Double, lon: Double)]? {
        var out: [(Double, Double)] = []
        for token in text.split(whereSeparator: { $0.isWhitespace }) {
            let parts = token.split(separator: ",", omittingEmptySubsequences: false)
            guard parts.count == 2, let lat = UntrustedNumber.decimal(String(parts[0]), in: -90...90),
                  let lon = UntrustedNumber.decimal(String(parts[1]), in: -180...180) else { return nil }
            out.append((lat, lon))
        }
        return out
    }

    /// A circle's centre and radius in kilometres.
    public static func circle(_ text: String) -> (lat: Double, lon: Double, radiusKm: Double)? {
        let parts = text.split(whereSeparator: { $0.isWhitespace })
        guard parts.count == 2, let centre = pairs(String(parts[0])), centre.count == 1,
              // No circle on earth is wider than half its circumference.
              let radius = UntrustedNumber.decimal(String(parts[1]), in: 0...20_000) else { return nil }
        return (centre[0].lat, centre[0].lon, radius)
    }

    /// Writes (lon, lat) positions, as Knooppunt stores them, in CAP order.
    public static func polygon(fromLonLat ring: [[Double]]) -> String {
        ring.map { "\(format($0[1])),\(format($0[0]))" }.joined(separator: " ")
    }

    private static func format(_ value: Double) -> String {
        var text = String(format: "%.6f", value)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }
}

/// CAP date-times: "2024-05-19T17:18:00+04:00" (1.2 requires the offset; 1.1 messages sometimes
/// write fractions or Z).
public enum CAPTime {
    public static func parse(_ text: String) -> Date? { DateTimeText.parse(text) }

    /// Formats a moment as CAP 1.2 wants it, in the given time zone (default Europe/Amsterdam).
    public static func format(_ date: Date, timeZone: TimeZone = TimeZone(identifier: "Europe/Amsterdam") ?? .gmt) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = timeZone
        formatter.formatOptions = [.withInternetDateTime]
        let text = formatter.string(from: date)
        // ISO8601DateFormatter writes "Z" for UTC; CAP 1.2's pattern wants "+00:00".
        return text.hasSuffix("Z") ? String(text.dropLast()) + "+00:00" : text
    }
}

extension CAPArea {
    /// The area's polygons and circles as shapes (longitude, latitude; circle radius in metres).
    public var shapes: [Shape] {
        var shapes: [Shape] = []
        for polygon in polygons {
            guard let pairs = CAPShape.pairs(polygon), pairs.count >= 4 else { continue }
            shapes.append(.polygons([Polygon(outer: pairs.map { Position(lon: $0.lon, lat: $0.lat) })]))
        }
        for circle in circles {
            guard let parsed = CAPShape.circle(circle) else { continue }
            shapes.append(.circle(center: Position(lon: parsed.lon, lat: parsed.lat), radius: parsed.radiusKm * 1000))
        }
        return shapes
    }
}

extension CAPAlert {
    /// Every area of every info block, as shapes.
    public var shapes: [Shape] { infos.flatMap { $0.areas.flatMap(\.shapes) } }

    /// When the warning applies: from the earliest effective/onset (else sent) to the latest expiry
    /// (nil when any info block is open-ended).
    public var window: (from: Date, until: Date?)? {
        guard let sent = sentDate else { return nil }
        let starts = infos.compactMap { ($0.effective ?? $0.onset).flatMap(CAPTime.parse) }
        let from = starts.min() ?? sent
        let expiries = infos.map { $0.expires.flatMap(CAPTime.parse) }
        let until: Date? = expiries.isEmpty || expiries.contains(where: { $0 == nil }) ? nil : expiries.compactMap { $0 }.max()
        return (from, until)
    }

    /// The first info block in the preferred language, else the first.
    public func info(preferring languages: [String]) -> CAPInfo? {
        for language in languages {
            if let match = infos.first(where: { ($0.language ?? "en-US").lowercased().hasPrefix(language.lowercased()) }) {
                return match
            }
        }
        return infos.first
    }
}
