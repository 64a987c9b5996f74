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
/// municipalities (the bundled reference data) plus `PlaceNames`; lookups are dictionary reads, and an
/// abbreviation outside the table is matched only against the places that start with its first two letters.
public struct Gazetteer: Sendable {
    public let municipalities: [GazetteerMunicipality]
    private let byCode: [String: GazetteerMunicipality]
    /// Normalised place name → municipality codes (more than one when the name is ambiguous).
    private let places: [String: [String]]
    /// The normalised place names of more than one word, longest first, by their last word.
    private let multiWordByLastWord: [String: [[String]]]
    private let abbreviations: [String: String]
    /// The place names without spaces, as ASCII bytes, by their first two letters (for `expandAbbreviation`).
    private let compactPlacesByStart: [UInt16: [(key: String, compact: [UInt8])]]
    /// Normalised place key → the spelling people write (see `displayName`).
    private let displayNames: [String: String]
    /// Normalised municipality name → the first municipality of that name (for postcodes).
    private let byNormalisedName: [String: GazetteerMunicipality]
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
        var compact: [UInt16: [(key: String, compact: [UInt8])]] = [:]
        for key in places.keys {
            let bytes = key.utf8.filter { $0 != UInt8(ascii: " ") }
            guard bytes.count >= 2 else { continue }
            compact[Self.start(bytes), default: []].append((key, bytes))
        }
        compactPlacesByStart = compact
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
        // The first spelling wins: the place table, then the abbreviations' places, then the municipalities.
        var display: [String: String] = [:]
        for place in PlaceNames.places where display[Self.normalise(place.place)] == nil {
            display[Self.normalise(place.place)] = place.place
        }
        for abbreviation in PlaceNames.abbreviations where display[Self.normalise(abbreviation.place)] == nil {
            display[Self.normalise(abbreviation.place)] = abbreviation.place
        }
        for m in municipalities {
            let bare = Self.withoutSuffix(m.name)
            if display[Self.normalise(bare)] == nil { display[Self.normalise(bare)] = bare }
        }
        displayNames = display
        var named: [String: GazetteerMunicipality] = [:]
        for m in municipalities where named[Self.normalise(m.name)] == nil { named[Self.normalise(m.name)] = m }
        byNormalisedName = named
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

    /// A normalised place key written as people write it: the PlaceNames spelling (a place, else an
    /// abbreviation's place), else the municipality's name without its province; the key itself otherwise.
    func displayName(_ key: String) -> String { displayNames[key] ?? key }

    /// The place a pager abbreviation stands for: the known table first, then a unique place whose name
    /// starts with the abbreviation's first two letters and keeps its letters in order, e.g. `ZOETMR` →
    /// Zoetermeer. Nil when nothing or more than one place fits equally well.
    func expandAbbreviation(_ token: String) -> String? {
        let upper = token.uppercased()
        if let known = abbreviations[upper] { return known }
        // Normalised text is ASCII (letters, digits and spaces), so bytes compare as characters do.
        let letters = Self.normalise(token).utf8.filter { $0 != UInt8(ascii: " ") }
        guard letters.count >= 4, letters.count <= 8 else { return nil }
        var best: (key: String, score: Int)?
        var tie = false
        // The best place does not depend on the order the places are tried in: the one with the lowest score,
        // or none when two share it.
        for (key, compact) in compactPlacesByStart[Self.start(letters)] ?? [] {
            guard compact.count >= letters.count, compact.count <= 40 else { continue }
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

    /// The first two bytes of a compact place name, as one key.
    private static func start(_ bytes: [UInt8]) -> UInt16 { UInt16(bytes[0]) << 8 | UInt16(bytes[1]) }

    /// The number of gaps when `needle` occurs in order in `haystack`, or nil when it does not.
    static func subsequenceGaps<Element: Equatable>(_ needle: [Element], in haystack: [Element]) -> Int? {
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
            return byNormalisedName[Self.normalise(range.municipality)]
        }
        return nil
    }

    static let postcodeRanges: [(range: ClosedRange<Int>, municipality: String)] = [
        (1011...1109, "Amsterdam"), (1381...1384, "Amsterdam"), (3011...3089, "Rotterdam"),
        (2491...2599, "'s-Gravenhage"), (3511...3585, "Utrecht"), (5611...5658, "Eindhoven"),
        (9711...9747, "Groningen"),
    ]

    /// Lower case, without diacritics, apostrophes, dots or parentheses; hyphens and runs of spaces become
    /// one space: "'s-Gravenhage" → "s gravenhage", "Súdwest-Fryslân" → "sudwest fryslan". ASCII text (nearly
    /// every pager line) is read byte by byte; other text is folded by Foundation first.
    public static func normalise(_ text: String) -> String {
        var text = text
        text.makeContiguousUTF8()  // native strings already are
        if let ascii = text.utf8.withContiguousStorageIfAvailable({ normaliseASCII($0) }).flatMap({ $0 }) {
            return ascii
        }
        return normaliseFolding(text)
    }

    /// `normalise` of ASCII bytes; nil when a byte is not ASCII. Folding ASCII only lowers its capitals, so
    /// this gives what `normaliseFolding` gives for such text.
    static func normaliseASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        var isASCII = true
        // Every byte makes at most one byte, a space included (it stands for bytes that made none).
        let out = String(unsafeUninitializedCapacity: Swift.max(1, bytes.count)) { buffer in
            var count = 0
            var pendingSpace = false
            for byte in bytes {
                var kept = byte
                switch byte {
                case UInt8(ascii: "A")...UInt8(ascii: "Z"):
                    kept = byte + 32
                    fallthrough
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                    if pendingSpace && count > 0 {
                        buffer[count] = UInt8(ascii: " ")
                        count += 1
                    }
                    pendingSpace = false
                    buffer[count] = kept
                    count += 1
                case UInt8(ascii: "'"), UInt8(ascii: "."), UInt8(ascii: "("), UInt8(ascii: ")"): continue
                case 0x80...:
                    isASCII = false
                    return 0
                default: pendingSpace = true
                }
            }
            return count
        }
        return isASCII ? out : nil
    }

    /// `normalise` for any text: Foundation folds away case and diacritics first.
    static func normaliseFolding(_ text: String) -> String {
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
