import Foundation

/// A field of the network map and what is wrong with it.
public struct NetworkMapProblem: Sendable, Equatable {
    /// "responsibilities[3].duty.nl", or "responsibilities" for the map as a whole.
    public var field: String
    public var text: LocalizedLabel
    public var reason: String { text.en }

    public init(field: String, _ text: LocalizedLabel) {
        self.field = field
        self.text = text
    }
}

extension GovernanceNetworkMap {
    /// What is wrong with the map, field by field; empty when it may be stored. An administrator's edit or
    /// an imported file is held to this before it replaces the map.
    public func validate() -> [NetworkMapProblem] {
        var found: [NetworkMapProblem] = []
        if responsibilities.count > Self.maxResponsibilities {
            found.append(NetworkMapProblem(field: "responsibilities", LocalizedLabel(
                nl: "ten hoogste \(Self.maxResponsibilities) verantwoordelijkheden", en: "at most \(Self.maxResponsibilities) responsibilities")))
        }
        var seen: [NetworkResponsibility.Key: Int] = [:]
        for (index, responsibility) in responsibilities.enumerated() {
            let prefix = "responsibilities[\(index)]"
            if let first = seen[responsibility.key] {
                found.append(NetworkMapProblem(field: prefix, LocalizedLabel(
                    nl: "dezelfde actor, hetzelfde aspect en dezelfde fase als verantwoordelijkheid \(first)",
                    en: "the same actor, aspect and phase as responsibility \(first)")))
            } else {
                seen[responsibility.key] = index
            }
            found += Self.problems(of: responsibility.duty.nl, field: "\(prefix).duty.nl",
                                   LocalizedLabel(nl: "de taak of bevoegdheid (Nederlands)", en: "the duty or power (Dutch)"))
            found += Self.problems(of: responsibility.duty.en, field: "\(prefix).duty.en",
                                   LocalizedLabel(nl: "de taak of bevoegdheid (Engels)", en: "the duty or power (English)"))
            if let legalBasis = responsibility.legalBasis {
                found += Self.problems(of: legalBasis, field: "\(prefix).legalBasis",
                                       LocalizedLabel(nl: "de wettelijke grondslag (laat weg als die onbekend is)",
                                                      en: "the legal basis (leave it out when unknown)"))
            }
            found += Self.problems(of: responsibility.source, field: "\(prefix).source",
                                   LocalizedLabel(nl: "de bron", en: "the source"))
        }
        return found
    }

    /// A text is not blank, at most `maxTextLength` scalars, and free of control characters
    /// and of characters with more than 16 stacked marks (what JSON input is held to elsewhere).
    private static func problems(of value: String, field: String, _ what: LocalizedLabel) -> [NetworkMapProblem] {
        var found: [NetworkMapProblem] = []
        let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty {
            found.append(NetworkMapProblem(field: field, LocalizedLabel(nl: "\(what.nl) ontbreekt", en: "\(what.en) is missing")))
        }
        if value.unicodeScalars.count > maxTextLength {
            found.append(NetworkMapProblem(field: field, LocalizedLabel(
                nl: "\(what.nl): ten hoogste \(maxTextLength) tekens", en: "\(what.en): at most \(maxTextLength) characters")))
        }
        if !TextHygiene.isClean(value) {
            found.append(NetworkMapProblem(field: field, LocalizedLabel(
                nl: "\(what.nl) bevat een stuurteken of een teken met meer dan \(TextHygiene.maxScalarsPerCharacter) gestapelde tekens",
                en: "\(what.en) holds a control character or a character of more than \(TextHygiene.maxScalarsPerCharacter) stacked marks")))
        }
        return found
    }
}
