import Foundation

/// A class A–E of the national risk assessment: ordered by its letter.
public protocol RiskClass: RawRepresentable, CaseIterable, Codable, Sendable, Comparable where RawValue == String {
    var label: LocalizedLabel { get }
}

extension RiskClass {
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// How likely a scenario is within the assessment's horizon, in the five classes of the national risk
/// assessment (Nationale Risicobeoordeling, Leidraad Methode 2008; used by the Nationaal
/// Veiligheidsprofiel and the landelijke Handreiking Regionaal Risicoprofiel; decision 0028).
public enum LikelihoodClass: String, RiskClass {
    case a = "A", b = "B", c = "C", d = "D", e = "E"

    public var label: LocalizedLabel {
        switch self {
        case .a: LocalizedLabel(nl: "A — zeer onwaarschijnlijk", en: "A — highly unlikely")
        case .b: LocalizedLabel(nl: "B — onwaarschijnlijk", en: "B — unlikely")
        case .c: LocalizedLabel(nl: "C — mogelijk", en: "C — possible")
        case .d: LocalizedLabel(nl: "D — waarschijnlijk", en: "D — likely")
        case .e: LocalizedLabel(nl: "E — zeer waarschijnlijk", en: "E — highly likely")
        }
    }
}

/// How severe a scenario's impact is on one vital interest, in the five classes of the same method.
public enum ImpactClass: String, RiskClass {
    case a = "A", b = "B", c = "C", d = "D", e = "E"

    public var label: LocalizedLabel {
        switch self {
        case .a: LocalizedLabel(nl: "A — beperkt", en: "A — limited")
        case .b: LocalizedLabel(nl: "B — aanzienlijk", en: "B — substantial")
        case .c: LocalizedLabel(nl: "C — ernstig", en: "C — serious")
        case .d: LocalizedLabel(nl: "D — zeer ernstig", en: "D — very serious")
        case .e: LocalizedLabel(nl: "E — catastrofaal", en: "E — catastrophic")
        }
    }
}

/// Who adopted a risk into the regional risk profile, and when: the profile is adopted by the bestuur
/// (the algemeen bestuur of the veiligheidsregio; for the zorgrisicoprofiel also after the ROAZ, C31).
public struct RiskAdoption: Codable, Equatable, Sendable {
    /// The body that adopted it, in words ("Algemeen bestuur Veiligheidsregio Amsterdam-Amstelland").
    public var adoptedBy: String
    /// The day it was adopted (yyyy-MM-dd, Amsterdam).
    public var adoptedOn: String

    public init(adoptedBy: String, adoptedOn: String) {
        self.adoptedBy = adoptedBy
        self.adoptedOn = adoptedOn
    }
}

/// One risk of a region's risk profile (C30; the zorgrisicoprofiel's risks when `careProfile`, C31): a
/// scenario with its likelihood and its impact per vital interest, the capacities it needs, who owns it and
/// when it is reviewed.
public struct RegionalRisk: Codable, Equatable, Sendable {
    public var region: RegionCode
    /// A short name that the 25 profiles share where they mean the same risk ("Overstroming regionale
    /// wateren"): the national view groups by it (C32).
    public var title: String
    public var scenario: String
    public var likelihood: LikelihoodClass
    /// The impact per vital interest the scenario touches; at least one.
    public var impacts: [VitalInterest: ImpactClass]
    /// The capacities the scenario needs ("Grootschalige evacuatie", "Pompcapaciteit 10.000 m³/u").
    public var capacities: [String]
    /// Who keeps the risk: a person's role or a team, in words.
    public var owner: String
    /// The day it is next reviewed (yyyy-MM-dd).
    public var reviewOn: String
    /// Part of the GHOR's zorgrisicoprofiel (C31) rather than the general profile.
    public var careProfile: Bool
    public var adoption: RiskAdoption?

    public init(
        region: RegionCode, title: String, scenario: String, likelihood: LikelihoodClass, impacts: [VitalInterest: ImpactClass],
        capacities: [String] = [], owner: String, reviewOn: String, careProfile: Bool = false, adoption: RiskAdoption? = nil
    ) {
        self.region = region
        self.title = title
        self.scenario = scenario
        self.likelihood = likelihood
        self.impacts = impacts
        self.capacities = capacities
        self.owner = owner
        self.reviewOn = reviewOn
        self.careProfile = careProfile
        self.adoption = adoption
    }

    /// The most severe impact over the vital interests: the scenario's place on the risk diagram's impact axis.
    public var impact: ImpactClass { impacts.values.max() ?? .a }

    /// The name by which profiles are compared across regions: case, spaces and accents do not count.
    public var sharedKey: String {
        title.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
            .split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// What is wrong with the risk, field by field; empty when it may be stored.
    public var problems: [RiskProblem] {
        var found: [RiskProblem] = []
        func text(_ value: String, _ field: String, _ range: ClosedRange<Int>, _ what: LocalizedLabel) {
            let count = value.trimmingCharacters(in: .whitespacesAndNewlines).unicodeScalars.count
            if !range.contains(count) {
                found.append(RiskProblem(field: field, LocalizedLabel(
                    nl: "\(what.nl) moet \(range.lowerBound) tot \(range.upperBound) tekens zijn",
                    en: "\(what.en) must be \(range.lowerBound) to \(range.upperBound) characters")))
            }
        }
        text(title, "title", 3...200, LocalizedLabel(nl: "de titel", en: "the title"))
        text(scenario, "scenario", 3...5000, LocalizedLabel(nl: "het scenario", en: "the scenario"))
        text(owner, "owner", 2...200, LocalizedLabel(nl: "de eigenaar", en: "the owner"))
        if impacts.isEmpty {
            found.append(RiskProblem(field: "impacts", LocalizedLabel(nl: "geef de impact op ten minste één vitaal belang",
                                                                     en: "give the impact on at least one vital interest")))
        }
        if capacities.count > 30 { found.append(RiskProblem(field: "capacities", LocalizedLabel(nl: "ten hoogste 30 capaciteiten", en: "at most 30 capacities"))) }
        for (index, capacity) in capacities.enumerated() {
            text(capacity, "capacities[\(index)]", 2...200, LocalizedLabel(nl: "een capaciteit", en: "a capacity"))
        }
        if DateTimeText.day(reviewOn) == nil {
            found.append(RiskProblem(field: "reviewOn", LocalizedLabel(nl: "de herzieningsdatum moet een dag zijn (jjjj-mm-dd)",
                                                                      en: "the review date must be a day yyyy-MM-dd")))
        }
        if let adoption {
            text(adoption.adoptedBy, "adoptedBy", 3...200, LocalizedLabel(nl: "wie het vaststelde", en: "who adopted it"))
            if DateTimeText.day(adoption.adoptedOn) == nil {
                found.append(RiskProblem(field: "adoptedOn", LocalizedLabel(nl: "de dag van vaststelling moet een dag zijn (jjjj-mm-dd)",
                                                                           en: "the day of adoption must be a day yyyy-MM-dd")))
            }
        }
        return found
    }
}

/// A field of a risk and what is wrong with it.
public struct RiskProblem: Equatable, Sendable {
    public var field: String
    public var text: LocalizedLabel
    public var reason: String { text.en }

    public init(field: String, _ text: LocalizedLabel) {
        self.field = field
        self.text = text
    }
}

/// A regional risk profile as CSV (C30): one row per risk, the impact per vital interest in its own column.
/// Import is all or nothing: every bad row is named with its line and field, and nothing is taken in.
public enum RiskProfileCSV {
    public static let header: [String] =
        ["title", "scenario", "likelihood"] + VitalInterest.allCases.map { "impact:" + $0.rawValue }
        + ["capacities", "owner", "reviewOn", "careProfile", "adoptedBy", "adoptedOn"]

    /// At most this many risks in one file.
    public static let maxRows = 500

    public static func export(_ risks: [RegionalRisk]) -> String {
        CSV.table(header: header, rows: risks.map { risk in
            [risk.title, risk.scenario, risk.likelihood.rawValue]
                + VitalInterest.allCases.map { risk.impacts[$0]?.rawValue ?? "" }
                + [risk.capacities.joined(separator: "; "), risk.owner, risk.reviewOn, risk.careProfile ? "ja" : "nee",
                   risk.adoption?.adoptedBy ?? "", risk.adoption?.adoptedOn ?? ""]
        })
    }

    /// A problem of the file: the line (1 is the header) and the field.
    public struct RowProblem: Equatable, Sendable {
        public var line: Int
        public var field: String
        public var text: LocalizedLabel
        public var reason: String { text.en }

        init(line: Int, field: String, reason en: String, nl: String) {
            self.line = line
            self.field = field
            self.text = LocalizedLabel(nl: nl, en: en)
        }

        init(line: Int, field: String, _ text: LocalizedLabel) {
            self.line = line
            self.field = field
            self.text = text
        }

        /// "line 3, likelihood: A, B, C, D or E" in the reader's language.
        public func described(_ language: Language) -> String {
            language == .nl ? "regel \(line), \(field): \(text.nl)" : "line \(line), \(field): \(text.en)"
        }
    }

    /// Every problem of a refused file.
    public struct Refusal: Error, Equatable, Sendable {
        public var problems: [RowProblem]
    }

    /// The risks of the file for `region`, or every problem found; never some of each.
    public static func parse(_ text: String, region: RegionCode) -> Result<[RegionalRisk], Refusal> {
        var rows = CSV.rows(text)
        guard let head = rows.first else { return .failure(Refusal(problems: [RowProblem(line: 1, field: "(header)", reason: "the file is empty", nl: "het bestand is leeg")])) }
        // A spreadsheet's defusing quote is taken off again, as export put it on.
        let columns = head.map { $0.trimmingCharacters(in: .whitespaces) }
        guard columns == header else {
            return .failure(Refusal(problems: [RowProblem(line: 1, field: "(header)", reason: "the header must be: " + header.joined(separator: ","), nl: "de kopregel moet zijn: " + header.joined(separator: ","))]))
        }
        rows.removeFirst()
        rows = rows.filter { !($0.count == 1 && $0[0].trimmingCharacters(in: .whitespaces).isEmpty) }
        guard rows.count <= maxRows else {
            return .failure(Refusal(problems: [RowProblem(line: 1, field: "(file)", reason: "at most \(maxRows) risks in one file", nl: "ten hoogste \(maxRows) risico's in één bestand")]))
        }
        var risks: [RegionalRisk] = []
        var lines: [Int] = []
        var problems: [RowProblem] = []
        for (index, row) in rows.enumerated() {
            let line = index + 2
            guard row.count == header.count else {
                problems.append(RowProblem(line: line, field: "(row)", reason: "\(row.count) fields, \(header.count) expected", nl: "\(row.count) velden, \(header.count) verwacht"))
                continue
            }
            func value(_ name: String) -> String {
                var text = row[header.firstIndex(of: name)!].trimmingCharacters(in: .whitespaces)
                if text.hasPrefix("'"), let second = text.dropFirst().first, "=+-@".contains(second) { text.removeFirst() }
                return text
            }
            var rowProblems: [RowProblem] = []
            // What JSON refuses, a file refuses too: control characters and characters of stacked marks.
            for (name, field) in zip(header, row) where !TextHygiene.isClean(field, allowingLineBreaks: name == "scenario") {
                rowProblems.append(RowProblem(line: line, field: name, reason: "holds a control character or a character of more than 16 stacked marks",
                                              nl: "bevat een stuurteken of een teken met meer dan 16 gestapelde tekens"))
            }
            let likelihood = LikelihoodClass(rawValue: value("likelihood").uppercased())
            if likelihood == nil { rowProblems.append(RowProblem(line: line, field: "likelihood", reason: "A, B, C, D or E", nl: "A, B, C, D of E")) }
            var impacts: [VitalInterest: ImpactClass] = [:]
            for interest in VitalInterest.allCases {
                let given = value("impact:" + interest.rawValue)
                guard !given.isEmpty else { continue }
                if let impact = ImpactClass(rawValue: given.uppercased()) { impacts[interest] = impact } else {
                    rowProblems.append(RowProblem(line: line, field: "impact:" + interest.rawValue, reason: "A, B, C, D or E, or empty", nl: "A, B, C, D of E, of leeg"))
                }
            }
            let care = value("careProfile").lowercased()
            if !["", "ja", "nee", "yes", "no"].contains(care) {
                rowProblems.append(RowProblem(line: line, field: "careProfile", reason: "ja or nee", nl: "ja of nee"))
            }
            let adoptedBy = value("adoptedBy"), adoptedOn = value("adoptedOn")
            if adoptedBy.isEmpty != adoptedOn.isEmpty {
                rowProblems.append(RowProblem(line: line, field: adoptedBy.isEmpty ? "adoptedBy" : "adoptedOn", reason: "give who adopted it and the day, or neither", nl: "geef wie het vaststelde én de dag, of geen van beide"))
            }
            let capacities = value("capacities").split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            let risk = RegionalRisk(
                region: region, title: value("title"), scenario: value("scenario"), likelihood: likelihood ?? .a, impacts: impacts,
                capacities: capacities, owner: value("owner"), reviewOn: value("reviewOn"), careProfile: care == "ja" || care == "yes",
                adoption: adoptedBy.isEmpty || adoptedOn.isEmpty ? nil : RiskAdoption(adoptedBy: adoptedBy, adoptedOn: adoptedOn))
            rowProblems += risk.problems.map { RowProblem(line: line, field: $0.field, $0.text) }
            if rowProblems.isEmpty { risks.append(risk); lines.append(line) } else { problems += rowProblems }
        }
        var seen: [String: Int] = [:]
        for (risk, line) in zip(risks, lines) {
            let key = risk.sharedKey + (risk.careProfile ? "|zorg" : "")
            if let first = seen[key] {
                problems.append(RowProblem(line: line, field: "title", reason: "the same risk as line \(first)", nl: "hetzelfde risico als regel \(first)"))
            } else {
                seen[key] = line
            }
        }
        return problems.isEmpty ? .success(risks) : .failure(Refusal(problems: problems))
    }
}

/// The 25 profiles side by side (C32): each risk title, the regions that hold it, and how severe and
/// likely each region judges it.
public enum NationalRiskView {
    public struct Row: Equatable, Sendable {
        public var title: String
        public var regions: [RegionCode: (likelihood: LikelihoodClass, impact: ImpactClass)]
        public var shared: Bool { regions.count > 1 }

        public static func == (lhs: Row, rhs: Row) -> Bool {
            lhs.title == rhs.title && lhs.regions.keys.sorted() == rhs.regions.keys.sorted()
                && lhs.regions.keys.allSatisfy { lhs.regions[$0]! == rhs.regions[$0]! }
        }
    }

    /// One row per risk title (compared by `sharedKey`), shared risks first, then by name.
    public static func rows(_ risks: [RegionalRisk]) -> [Row] {
        var byKey: [String: Row] = [:]
        for risk in risks where !risk.careProfile {
            var row = byKey[risk.sharedKey] ?? Row(title: risk.title, regions: [:])
            row.regions[risk.region] = (risk.likelihood, risk.impact)
            byKey[risk.sharedKey] = row
        }
        return byKey.values.sorted { ($0.regions.count, $1.title) > ($1.regions.count, $0.title) }
    }
}

/// A risk's impacts encode as an object keyed by the vital interest (`{"fysieke-veiligheid": "C"}`).
extension VitalInterest: CodingKeyRepresentable {}

/// What text from outside may hold: no control characters (a tab, and line breaks where allowed, aside), no
/// character built of more than 16 scalars.
public enum TextHygiene {
    public static let maxScalarsPerCharacter = 16

    public static func isClean(_ text: String, allowingLineBreaks: Bool = false) -> Bool {
        for scalar in text.unicodeScalars {
            let v = scalar.value
            if v == 0x09 || (allowingLineBreaks && (v == 0x0A || v == 0x0D)) { continue }
            if v < 0x20 || (0x7F...0x9F).contains(v) { return false }
            // Bidirectional overrides and isolates turn text around where a person reads it.
            if (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v) { return false }
        }
        return !text.contains { $0.unicodeScalars.count > maxScalarsPerCharacter }
    }
}
