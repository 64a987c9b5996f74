import Foundation

/// A municipality as the gazetteer knows it: CBS code, name, region and a representative point.
public struct GazetteerMunicipality: Sendable, Equatable, Codable {
    public let code: String
    public let name: String
    public let region: RegionCode
    /// A point inside the municipality (for a proposal's map point when the message has no coordinates).
    public let point: Position?

    public init(code: String, name: String, region: RegionCode, point: Position? = nil) {
        self.code = code
        self.name = name
        self.region = region
        self.point = point
    }
}

/// Finds municipalities from place names, pager abbreviations and postcodes. Built once from the CBS list of
/// municipalities (the bundled reference data) plus `PlaceNames`; lookups are dictionary reads.
public struct Gazetteer: Sendable {
    public let municipalities: [GazetteerMunicipality]
    private let byCode: [String: GazetteerMunicipality]
    /// Normalised place name → municipality codes (more than one when the name is ambiguous).
    private let places: [String: [String]]
    /// The normalised place names of more than one word, longest first, by their last word.
    private let multiWordByLastWord: [String: [[String]]]
    private let abbreviations: [String: String]
    /// Region names (CBS and common names) → region.
    private let regionNames: [String: RegionCode]
    /// Municipality names in PlaceNames that did not resolve (a test keeps this empty).
    public let unresolvedNames: [String]

    public init(municipalities: [GazetteerMunicipality], regionNames: [(String, RegionCode)] = []) {
        self.municipalities = municipalities
        byCode = Dictionary(municipalities.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        var places: [String: [String]] = [:]
        var byName: [String: String] = [:]
        for m in municipalities {
            byName[Self.normalise(m.name)] = m.code
            let bare = Self.normalise(Self.withoutSuffix(m.name))
            places[bare, default: []].append(m.code)
        }
        var unresolved: [String] = []
        for (place, municipality) in PlaceNames.places {
            guard let code = byName[Self.normalise(municipality)] else {
                unresolved.append(municipality)
                continue
            }
            let key = Self.normalise(place)
            if !(places[key]?.contains(code) ?? false) { places[key, default: []].append(code) }
        }
        self.places = places
        var multi: [String: [[String]]] = [:]
        for key in places.keys {
            let words = key.split(separator: " ").map(String.init)
            if words.count > 1, let last = words.last { multi[last, default: []].append(words) }
        }
        multiWordByLastWord = multi.mapValues { $0.sorted { $0.count > $1.count } }
        abbreviations = Dictionary(
            PlaceNames.abbreviations.map { ($0.abbreviation, Self.normalise($0.place)) }, uniquingKeysWith: { a, _ in a })
        self.regionNames = Dictionary(
            regionNames.map { (Self.normalise($0.0), $0.1) }, uniquingKeysWith: { a, _ in a })
        unresolvedNames = unresolved
    }

    public func municipality(code: String) -> GazetteerMunicipality? { byCode[code] }

    /// Municipalities a (normalised) place name may mean.
    func candidates(normalised key: String) -> [GazetteerMunicipality] {
        (places[key] ?? []).compactMap { byCode[$0] }
    }

    func isPlace(_ key: String) -> Bool { places[key] != nil }

    func regionNamed(_ key: String) -> RegionCode? { regionNames[key] }

    /// Multi-word place names ending in `lastWord`, longest first.
    func multiWordPlaces(endingIn lastWord: String) -> [[String]] { multiWordByLastWord[lastWord] ?? [] }

    /// The place a pager abbreviation stands for: the known table first, then a unique place whose name
    /// starts with the abbreviation's first two letters and keeps its letters in order, e.g. `ZOETMR` →
    /// Zoetermeer. Nil when nothing or more than one place fits equally well.
    func expandAbbreviation(_ token: String) -> String? {
        let upper = token.uppercased()
        if let known = abbreviations[upper] { return known }
        let letters = Array(Self.normalise(token).filter { $0 != " " })
        guard letters.count >= 4, letters.count <= 8 else { return nil }
        var best: (key: String, score: Int)?
        var tie = false
        for key in places.keys {
            let compact = Array(key.filter { $0 != " " })
            guard compact.count >= letters.count, compact.count <= 40, compact[0] == letters[0], compact[1] == letters[1]
            else { continue }
            guard let gaps = Self.subsequenceGaps(letters, in: compact) else { continue }
            // Fewer skipped letters is better; a prefix beats a scattered match.
            let score = gaps * 2 + (compact.count - letters.count)
            if best == nil || score < best!.score {
                best = (key, score)
                tie = false
            } else if score == best!.score, key != best!.key {
                tie = true
            }
        }
        guard let best, !tie else { return nil }
        return best.key
    }

    /// The number of gaps when `needle` occurs in order in `haystack`, or nil when it does not.
    static func subsequenceGaps(_ needle: [Character], in haystack: [Character]) -> Int? {
        var index = 0
        var gaps = 0
        var lastMatch = -1
        for (position, character) in haystack.enumerated() where index < needle.count && character == needle[index] {
            if lastMatch >= 0 && position != lastMatch + 1 { gaps += 1 }
            lastMatch = position
            index += 1
        }
        return index == needle.count ? gaps : nil
    }

    /// Municipality of a Dutch postcode for the ranges the project knows (the four largest cities and a few
    /// more; approximate, from public knowledge of the PC4 areas): nil elsewhere.
    func municipalityOfPostcode(_ postcode: String) -> GazetteerMunicipality? {
        guard let number = Int(postcode.prefix(4)) else { return nil }
        for range in Self.postcodeRanges where range.range.contains(number) {
            return municipalities.first { Self.normalise($0.name) == Self.normalise(range.municipality) }
        }
        return nil
    }

    static let postcodeRanges: [(range: ClosedRange<Int>, municipality: String)] = [
        (1011...1109, "Amsterdam"), (1381...1384, "Amsterdam"), (3011...3089, "Rotterdam"),
        (2491...2599, "'s-Gravenhage"), (3511...3585, "Utrecht"), (5611...5658, "Eindhoven"),
        (9711...9747, "Groningen"),
    ]

    /// Lower case, without diacritics, apostrophes, dots or parentheses; hyphens and runs of spaces become
    /// one space: "'s-Gravenhage" → "s gravenhage", "Súdwest-Fryslân" → "sudwest fryslan".
    public static func normalise(_ text: String) -> String {
        let folded = text.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: Locale(identifier: "nl_NL"))
            .lowercased()
        var out = ""
        out.reserveCapacity(folded.count)
        var pendingSpace = false
        for scalar in folded.unicodeScalars {
            switch scalar {
            case "a"..."z", "0"..."9":
                if pendingSpace && !out.isEmpty { out.append(" ") }
                pendingSpace = false
                out.unicodeScalars.append(scalar)
            case "'", "’", ".", "(", ")": continue
            default: pendingSpace = true
            }
        }
        return out
    }

    /// "Hengelo (O.)" → "Hengelo": CBS adds a province to names that occur twice.
    static func withoutSuffix(_ name: String) -> String {
        guard let open = name.firstIndex(of: "("), name.hasSuffix(")") else { return name }
        return String(name[..<open]).trimmingCharacters(in: .whitespaces)
    }
}

extension Gazetteer {
    /// The gazetteer of the bundled municipality boundaries, each with a point inside it.
    public init(areas: [MunicipalityArea], regionNames: [(String, RegionCode)]) {
        self.init(
            municipalities: areas.map {
                GazetteerMunicipality(code: $0.code, name: $0.name, region: $0.region, point: Self.pointInside($0.boundary))
            }, regionNames: regionNames)
    }

    /// The municipality a point lies in.
    public static func municipality(at point: Position, in areas: [MunicipalityArea]) -> MunicipalityArea? {
        areas.first { area in
            area.bounds.minLon <= point.lon && point.lon <= area.bounds.maxLon && area.bounds.minLat <= point.lat
                && point.lat <= area.bounds.maxLat && area.boundary.contains { $0.contains(point) }
        }
    }

    /// A point inside the largest polygon: its centroid when that lies inside, else the middle of the first
    /// inside stretch of the horizontal line through it.
    static func pointInside(_ polygons: [Polygon]) -> Position? {
        guard let largest = polygons.max(by: { abs(ringArea($0.outer)) < abs(ringArea($1.outer)) }),
            largest.outer.count >= 4
        else { return nil }
        let ring = largest.outer
        var cx = 0.0, cy = 0.0, twiceArea = 0.0
        for i in 0..<(ring.count - 1) {
            let cross = ring[i].lon * ring[i + 1].lat - ring[i + 1].lon * ring[i].lat
            twiceArea += cross
            cx += (ring[i].lon + ring[i + 1].lon) * cross
            cy += (ring[i].lat + ring[i + 1].lat) * cross
        }
        if twiceArea != 0 {
            let centroid = Position(lon: cx / (3 * twiceArea), lat: cy / (3 * twiceArea))
            if largest.contains(centroid) { return centroid }
        }
        let bounds = largest.bounds
        let lat = (bounds.minLat + bounds.maxLat) / 2
        let steps = 200
        var start: Double?
        for step in 0...steps {
            let lon = bounds.minLon + (bounds.maxLon - bounds.minLon) * Double(step) / Double(steps)
            let inside = largest.contains(Position(lon: lon, lat: lat))
            if inside, start == nil { start = lon }
            if !inside, let begin = start { return Position(lon: (begin + lon) / 2, lat: lat) }
        }
        return start.map { Position(lon: $0, lat: lat) } ?? ring.first
    }

    static func ringArea(_ ring: [Position]) -> Double {
        guard ring.count > 2 else { return 0 }
        var sum = 0.0
        for i in 0..<(ring.count - 1) { sum += ring[i].lon * ring[i + 1].lat - ring[i + 1].lon * ring[i].lat }
        return sum / 2
    }
}
