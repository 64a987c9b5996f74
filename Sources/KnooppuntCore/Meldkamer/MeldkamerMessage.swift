import Foundation

/// Which service a meldkamer message alarms.
public enum MeldkamerDiscipline: String, CaseIterable, Codable, Sendable {
    case brandweer, ambulance, politie, knrm, overig

    public var label: LocalizedLabel {
        switch self {
        case .brandweer: LocalizedLabel(nl: "Brandweer", en: "Fire service")
        case .ambulance: LocalizedLabel(nl: "Ambulance", en: "Ambulance")
        case .politie: LocalizedLabel(nl: "Politie", en: "Police")
        case .knrm: LocalizedLabel(nl: "KNRM", en: "Lifeboat (KNRM)")
        case .overig: LocalizedLabel(nl: "Overig", en: "Other")
        }
    }
}

/// What Knooppunt understood of one meldkamer message (a P2000 pager line or a message with the same
/// parts), from its text alone.
public struct MeldkamerReading: Sendable, Equatable, Codable {
    /// 1 (with lights and siren) … 5 (announcement or test); nil when the text names none.
    public var priority: Int?
    public var discipline: MeldkamerDiscipline?
    /// The dispatch unit or desk that sent it, e.g. `BAD-02`.
    public var unit: String?
    /// The classification as written, e.g. `BR wegvervoer (Auto)`.
    public var messageType: String?
    /// The classification with pager abbreviations written out, e.g. `Brand wegvervoer (Auto)`.
    public var messageTypeExpanded: String?
    public var street: String?
    /// The place as written (`Amsterdam`, `SGRAVH`).
    public var place: String?
    /// The place written out when the text abbreviated it (`'s-Gravenhage`).
    public var placeExpanded: String?
    public var postcode: String?
    /// The units and capcodes alarmed, e.g. `13AST`, `159635`.
    public var capcodes: [String]
    /// A test alarm or an announcement (priority 5, "proefalarm"): kept, never proposed as an incident.
    public var isAnnouncement: Bool
    public var municipality: GazetteerMunicipality?
    public var region: RegionCode?
    /// 0…1: how sure the location is (see `Geocoding`).
    public var confidence: Double
    /// Why the location is what it is, in Dutch, for the person who checks it.
    public var reasons: [String]
    /// The message's point: the sender's coordinates, else a point in its municipality.
    public var point: Position?
    /// Whether the point is the sender's own (true) or the municipality's (false).
    public var pointIsExact: Bool

    /// Nothing useful could be read: no priority, no place, region, street or postcode (words alone are not a
    /// message a meldkamer sends).
    public var isUnreadable: Bool { priority == nil && place == nil && region == nil && street == nil && postcode == nil }
}

/// Reads P2000-style meldkamer lines. The usual order is: priority, unit, classification, (object), street,
/// (house number, postcode), place, units alarmed, (escalation) — written with commas or colons between
/// parts or with none (decision 0034 lists the forms handled).
public enum MeldkamerReader {
    /// Longest text read; longer lines are refused by the intake before they reach the reader.
    public static let maximumLength = 1_000

    public static func read(
        _ text: String, coordinates: Position? = nil, gazetteer: Gazetteer,
        locate: (Position) -> GazetteerMunicipality? = { _ in nil }
    ) -> MeldkamerReading {
        var tokens = text.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        var reading = MeldkamerReading(
            capcodes: [], isAnnouncement: false, confidence: 0, reasons: [], pointIsExact: false)

        // Priority and discipline at the start.
        readPriority(&tokens, into: &reading)
        if let first = tokens.first, TokenShape.isDispatchUnit(first) {
            reading.unit = first
            tokens.removeFirst()
        }
        // Units and capcodes, reference numbers and escalations at the end.
        readTrailer(&tokens, into: &reading)
        readAmbulanceMarks(&tokens, into: &reading)
        // Postcode (and house number) wherever it stands.
        readPostcode(&tokens, into: &reading)

        // Split into parts at commas and colons that stand apart or close a word ("97,9" is a number).
        var parts: [[String]] = [[]]
        for token in tokens {
            if token == "," || token == ":" {
                parts.append([])
            } else if token.count > 1, token.hasSuffix(",") || token.hasSuffix(":") {
                parts[parts.count - 1].append(String(token.dropLast()))
                parts.append([])
            } else {
                parts[parts.count - 1].append(token)
            }
        }
        parts = parts.filter { !$0.isEmpty }
        if text.lowercased().containsText("proefalarm") || reading.priority == 5 { reading.isAnnouncement = true }

        var hintRegion: RegionCode?
        for code in reading.capcodes {
            if let region = PlaceNames.regionOfUnit(code) { hintRegion = region; break }
        }

        // The place: at the end of the last part, else anywhere.
        var address = parts.last ?? []
        var head: [String] = parts.count > 1 ? parts.dropLast().flatMap { $0 } : []
        var place: PlaceMatch?
        if let match = matchPlace(atEndOf: address, gazetteer: gazetteer) {
            place = match
            address.removeLast(match.length)
        } else if parts.count > 1, let match = matchPlace(atEndOf: parts[parts.count - 2], gazetteer: gazetteer),
            address.isEmpty
        {
            place = match
        } else {
            // Scan the whole text from the end for a place or a region name.
            let all = parts.flatMap { $0 }
            var end = all.count
            while end > 0, place == nil {
                if let match = matchPlace(atEndOf: Array(all[..<end]), gazetteer: gazetteer) {
                    place = match
                    head = Array(all[..<(end - match.length)])
                    address = []
                    if parts.count == 1 {
                        address = head
                        head = []
                    }
                }
                end -= 1
            }
        }

        // Street and classification; a part holding only a house number belongs to the street before it.
        if parts.count > 2, !address.isEmpty, address.allSatisfy(isHouseNumber) { address = [] }
        if parts.count > 1 {
            if address.isEmpty, parts.count > 2 { address = parts[parts.count - 2] }
            reading.street = joinedOrNil(address.filter { !isHouseNumber($0) })
            let classification = parts.count > 2 && address == parts[parts.count - 2] ? parts.dropLast(2).flatMap { $0 } : head
            setType(classification, into: &reading)
        } else {
            if reading.discipline == .ambulance {
                // Ambulance lines carry no classification: what is left before the place is the address.
                reading.street = joinedOrNil(address.filter { !isHouseNumber($0) })
            } else {
                let (type, street) = splitTypeAndStreet(address)
                setType(type, into: &reading)
                reading.street = street
            }
        }
        if reading.discipline == nil { reading.discipline = disciplineFromType(reading.messageType) }

        // Location.
        Geocoding.locate(
            place: place, postcode: reading.postcode, hintRegion: hintRegion, coordinates: coordinates,
            gazetteer: gazetteer, locate: locate, into: &reading)
        return reading
    }

    // MARK: parts

    static func readPriority(_ tokens: inout [String], into reading: inout MeldkamerReading) {
        guard let first = tokens.first else { return }
        let upper = trimming(first.uppercased()) { $0 == ":" }
        func level(_ text: Substring) -> Int? {
            guard text.count == 1, let value = Int(text), (1...5).contains(value) else { return nil }
            return value
        }
        if upper == "P" || upper == "PRIO", tokens.count > 1,
            let value = level(Substring(trimming(tokens[1]) { $0 == ":" }))
        {
            reading.priority = value
            tokens.removeFirst(2)
        } else if upper.hasPrefix("PRIO"), let value = level(upper.dropFirst(4)) {
            reading.priority = value
            tokens.removeFirst()
        } else if upper.hasPrefix("P"), upper.count == 2, let value = level(upper.dropFirst()) {
            reading.priority = value
            tokens.removeFirst()
        } else if upper.count == 2, let letter = upper.first, letter == "A" || letter == "B",
            let value = level(upper.dropFirst()), value <= 2
        {
            // Ambulance: A1 with lights, A2 urgent without, B planned transport.
            reading.priority = letter == "A" ? value : 3
            reading.discipline = .ambulance
            tokens.removeFirst()
        }
    }

    static func readTrailer(_ tokens: inout [String], into reading: inout MeldkamerReading) {
        var capcodes: [String] = []
        while let last = tokens.last {
            if TokenShape.isUnitCode(last) {
                if tokens.count >= 2, ["bon", "icnum", "ritnr"].contains(tokens[tokens.count - 2].lowercased()) {
                    tokens.removeLast(2)  // a dispatch reference number, not a unit
                    continue
                }
                capcodes.insert(last.uppercased(), at: 0)
                tokens.removeLast()
            } else if last.hasSuffix(")"), let open = tokens.lastIndex(where: { $0.hasPrefix("(") }),
                tokens.count - open <= 4, open > 0, TokenShape.isUnitCode(tokens[open - 1])
            {
                tokens.removeSubrange(open...)  // an escalation note after the units: "(Middelbrand)"
            } else {
                break
            }
        }
        reading.capcodes = capcodes
    }

    /// Ambulance lines: "dia: ja" (whether a diagnosis was given) carries nothing for the picture, and
    /// "ambu 17165" names the ambulance alarmed.
    static func readAmbulanceMarks(_ tokens: inout [String], into reading: inout MeldkamerReading) {
        var index = 0
        while index < tokens.count {
            let lower = tokens[index].lowercased()
            if lower == "dia:" || lower == "dia", index + 1 < tokens.count,
                ["ja", "nee"].contains(tokens[index + 1].lowercased())
            {
                tokens.removeSubrange(index...(index + 1))
                reading.discipline = reading.discipline ?? .ambulance
                continue
            }
            if lower == "ambu", index + 1 < tokens.count,
                TokenShape.isDigits(tokens[index + 1], 5, 6)
            {
                reading.capcodes.append(tokens[index + 1])
                tokens.removeSubrange(index...(index + 1))
                reading.discipline = .ambulance
                continue
            }
            index += 1
        }
    }

    static func readPostcode(_ tokens: inout [String], into reading: inout MeldkamerReading) {
        for (index, token) in tokens.enumerated() {
            let bare = trimming(token, isCommaOrColon)
            if TokenShape.isPostcode(bare) {
                reading.postcode = bare.uppercased()
                tokens.remove(at: index)
                return
            }
            if index + 1 < tokens.count, TokenShape.isPostcodeDigits(bare),
                TokenShape.isPostcodeLetters(trimming(tokens[index + 1], isCommaOrColon)), index > 0
            {
                reading.postcode = bare + tokens[index + 1].prefix(2).uppercased()
                tokens.removeSubrange(index...(index + 1))
                return
            }
        }
    }

    static func isCommaOrColon(_ scalar: Unicode.Scalar) -> Bool { scalar == "," || scalar == ":" }

    /// The token without the scalars at either end that `trimmed` picks, as `trimmingCharacters(in:)` with a
    /// set of those scalars gives it.
    static func trimming(_ token: String, _ trimmed: (Unicode.Scalar) -> Bool) -> String {
        let scalars = token.unicodeScalars
        guard let first = scalars.firstIndex(where: { !trimmed($0) }), let last = scalars.lastIndex(where: { !trimmed($0) })
        else { return "" }
        if first == scalars.startIndex, scalars.index(after: last) == scalars.endIndex { return token }
        return String(Substring(scalars[first...last]))
    }

    struct PlaceMatch {
        var written: String
        var key: String
        var length: Int
        var abbreviated: Bool
        var fuzzy: Bool
        var region: RegionCode?
    }

    /// The place name the tokens end with: an abbreviation (optionally after the full name, as ambulance
    /// lines write "den bommel denbom"), a multi-word name, a one-word name, or a region's name.
    static func matchPlace(atEndOf tokens: [String], gazetteer: Gazetteer) -> PlaceMatch? {
        guard let last = tokens.last else { return nil }
        let lastKey = Gazetteer.normalise(last)
        guard !lastKey.isEmpty else { return nil }
        // Region names ("VEILIGHEIDSREGIO BRABANT-ZUIDOOST").
        for length in stride(from: min(4, tokens.count), through: 1, by: -1)
        where length < tokens.count && Gazetteer.normalise(tokens[tokens.count - length - 1]) == "veiligheidsregio" {
            let key = Gazetteer.normalise(tokens.suffix(length).joined(separator: " "))
            if let region = gazetteer.regionNamed(key) {
                return PlaceMatch(
                    written: tokens.suffix(length).joined(separator: " "), key: key, length: length + 1, abbreviated: false,
                    fuzzy: false, region: region)
            }
        }
        for words in gazetteer.multiWordPlaces(endingIn: lastKey) where words.count <= tokens.count {
            let tail = tokens.suffix(words.count).map(Gazetteer.normalise)
            if tail.joined(separator: " ") == words.joined(separator: " ") {
                return PlaceMatch(
                    written: tokens.suffix(words.count).joined(separator: " "), key: words.joined(separator: " "),
                    length: words.count, abbreviated: false, fuzzy: false)
            }
        }
        if gazetteer.isPlace(lastKey) {
            return PlaceMatch(written: last, key: lastKey, length: 1, abbreviated: false, fuzzy: false)
        }
        // An abbreviation: letters only, written in capitals or as a lower-case pager code.
        let letters = last.filter(\.isLetter)
        guard letters.count == last.count, letters.count >= 3, letters.count <= 8,
            last == last.uppercased() || last == last.lowercased()
        else { return nil }
        let upper = last.uppercased()
        let known = PlaceNames.abbreviations.contains { $0.abbreviation == upper }
        guard let key = gazetteer.expandAbbreviation(last) else { return nil }
        var match = PlaceMatch(written: last, key: key, length: 1, abbreviated: true, fuzzy: !known)
        // "den bommel denbom": the full name may stand just before its abbreviation.
        let before = Array(tokens.dropLast())
        if let full = matchPlace(atEndOf: before, gazetteer: gazetteer), full.key == key {
            match.length += full.length
            match.written = full.written
            match.abbreviated = false
            match.fuzzy = false
        }
        return match
    }

    static let streetSuffixes = [
        "straat", "weg", "laan", "plein", "kade", "gracht", "dijk", "singel", "hof", "pad", "dreef", "steeg",
        "markt", "park", "plantsoen", "ring", "baan", "allee", "boulevard", "dam", "haven", "kanaal", "wal",
        "zijde", "veld", "pier", "lei", "straatweg", "dwarsstraat", "burgwal", "erf", "hoek", "brug", "oord",
    ]

    static func looksLikeStreet(_ token: String) -> Bool {
        let lower = trimmingPunctuation(token.lowercased())
        if TokenShape.isRoadNumber(lower) { return true }  // A4, N59
        return lower.count > 4 && streetSuffixes.contains { lower.hasSuffix($0) }
    }

    /// Without commas: the classification comes first, the street (the last word that looks like one, with at
    /// most two name words before it) last.
    static func splitTypeAndStreet(_ tokens: [String]) -> (type: [String], street: String?) {
        guard let streetEnd = tokens.lastIndex(where: looksLikeStreet) else { return (tokens, nil) }
        var start = streetEnd
        let mixedCase = tokens.contains { $0 != $0.uppercased() }
        while start > 1, streetEnd - start < 2, mixedCase, let first = tokens[start - 1].first, first.isUppercase,
            !tokens[start - 1].hasPrefix("(")
        {
            start -= 1
        }
        if start == 0 { start = min(1, streetEnd) }
        let streetTokens = Array(tokens[start...]).filter { !isHouseNumber($0) }
        return (Array(tokens[..<start]), joinedOrNil(streetTokens))
    }

    static func isHouseNumber(_ token: String) -> Bool { TokenShape.isHouseNumber(token) }

    /// `trimmingCharacters(in: .punctuationCharacters)`; ASCII text is trimmed here (its punctuation is
    /// `!"#%&'()*,-./:;?@[\]_{}`), other text by Foundation.
    static func trimmingPunctuation(_ text: String) -> String {
        guard text.utf8.allSatisfy({ $0 < 0x80 }) else { return text.trimmingCharacters(in: .punctuationCharacters) }
        let bytes = text.utf8
        let isPunctuation: (UInt8) -> Bool = { Self.asciiPunctuation.contains($0) }
        guard let first = bytes.firstIndex(where: { !isPunctuation($0) }),
            let last = bytes.lastIndex(where: { !isPunctuation($0) })
        else { return "" }
        return String(Substring(bytes[first...last]))
    }

    static let asciiPunctuation = Set("!\"#%&'()*,-./:;?@[\\]_{}".utf8)

    static func setType(_ tokens: [String], into reading: inout MeldkamerReading) {
        guard let type = joinedOrNil(tokens) else { return }
        reading.messageType = type
        reading.messageTypeExpanded = MessageAbbreviations.expand(tokens)
    }

    static func disciplineFromType(_ type: String?) -> MeldkamerDiscipline? {
        guard let type = type?.lowercased() else { return nil }
        if type.hasPrefix("ambu") || type.hasPrefix("dia") { return .ambulance }
        if type.hasPrefix("knrm") || type.containsText("tsc") { return .knrm }
        if type.hasPrefix("politie") || type.hasPrefix("pol ") { return .politie }
        return .brandweer
    }

    static func joinedOrNil(_ tokens: [String]) -> String? {
        let text = tokens.joined(separator: " ").trimmingCharacters(in: .whitespaces)
        return text.isEmpty ? nil : text
    }
}

/// The abbreviations of the brandweer's and ambulance's pager texts, written out (public explanations of
/// the pager texts by regional brandweer posts and the NIPV "Standaard Pagerteksten"; decision 0034).
public enum MessageAbbreviations {
    static let table: [String: String] = [
        "BR": "Brand", "OMS": "Automatische (OMS)", "ASS": "Assistentie", "AMBU": "ambulance",
        "POL": "politie", "DV": "Dienstverlening", "HV": "Hulpverlening", "MMB": "Middelbrand", "GB": "Grote brand",
        "ZGB": "Zeer grote brand", "IBGS": "incidentbestrijding gevaarlijke stoffen", "OVD": "officier van dienst",
        "HOVD": "hoofdofficier van dienst", "CVD": "commandant van dienst", "AGS": "adviseur gevaarlijke stoffen",
        "TS": "tankautospuit", "HW": "hoogwerker", "AL": "autoladder", "WO": "waterongeval",
        "MMT": "mobiel medisch team", "STANK/HIND": "Stank/hinder", "GRIP": "GRIP", "NACONTROLE": "nacontrole",
        "AFHIJSEN": "afhijsen", "BRT": "bluswatertransport", "VKO": "verkeersongeval", "OVDG": "officier van dienst geneeskunde",
    ]

    public static func expand(_ tokens: [String]) -> String {
        tokens.map { token -> String in
            let (lead, core, trail) = split(token)
            guard let written = table[core.uppercased()] else { return token }
            return lead + written + trail
        }.joined(separator: " ")
    }

    /// "(BR" → ("(", "BR", ""); "Ass." → ("", "Ass", ".").
    static func split(_ token: String) -> (String, String, String) {
        let lead = String(token.prefix { $0 == "(" })
        var rest = token.dropFirst(lead.count)
        var trail = ""
        while let last = rest.last, last == "." || last == ")" || last == "," || last == ":" {
            trail = String(last) + trail
            rest = rest.dropLast()
        }
        // "Ass." is "Assistentie": drop the abbreviation's dot.
        if trail.hasPrefix("."), table[rest.uppercased()] != nil { trail.removeFirst() }
        return (lead, String(rest), trail)
    }
}
