import Foundation
import Testing

@testable import KnooppuntCore

/// The meldkamer reader checks tokens by hand where it used Foundation's regular expressions, trimming and
/// folding: these tests hold the hand-written checks to the answers Foundation gives, on every token of up to
/// three scalars from an alphabet of the awkward cases (other digits, accents, line breaks) and on longer
/// tokens made from it.
@Suite("Meldkamer token checks mean what Foundation's did")
struct MeldkamerTokenShapeTests {
    static let alphabet = [
        "0", "1", "5", "9", "\u{0663}", "A", "Z", "a", "s", "n", "é", "e\u{301}", "-", ",", ":", ".", "'", "(", "\n",
        "\r", "\r\n", " ",
    ]

    /// Every token of one to three pieces, then longer ones from a fixed seed, then real ones.
    static let tokens: [String] = {
        var tokens = alphabet
        for a in alphabet { for b in alphabet { tokens.append(a + b) } }
        for a in alphabet { for b in alphabet { for c in alphabet { tokens.append(a + b + c) } } }
        var state: UInt64 = 34
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        // Longer tokens lean on digits and letters, so the longer shapes occur.
        let likely = ["1", "3", "0", "7", "A", "S", "T", "b", "-", "\n"]
        for _ in 0..<4000 {
            let length = 4 + next(8)
            tokens.append((0..<length).map { _ in next(4) == 0 ? alphabet[next(alphabet.count)] : likely[next(likely.count)] }.joined())
        }
        tokens += [
            "BAD-02", "BAD-123", "BADE-1", "BADEN-1", "13AST", "13AST12", "13AST123", "159635", "123456789", "1234567890",
            "1063VD", "1063vd", "0063VD", "1063", "VD", "vd", "12", "12a", "12-14", "12a-1234", "12a-12345", "123456",
            "a4", "n59", "s1000", "13AST\n", "13AST\r\n", "13AST\n\n", "1063VD,", ",:1063VD:", "A4.", "(P1)",
        ]
        return tokens
    }()

    static func matches(_ token: String, _ pattern: String) -> Bool {
        token.range(of: pattern, options: .regularExpression) != nil
    }

    @Test("the token shapes answer as the regular expressions did")
    func shapes() {
        var differences: [String] = []
        for token in Self.tokens {
            let checks: [(String, Bool, Bool)] = [
                (#"^[A-Z]{2,4}-\d{1,3}$"#, TokenShape.isDispatchUnit(token), Self.matches(token, #"^[A-Z]{2,4}-\d{1,3}$"#)),
                (
                    "unit code", TokenShape.isUnitCode(token),
                    Self.matches(token, #"^\d{5,9}$"#) || Self.matches(token, #"^\d{2}[A-Za-z]{2,5}\d{0,2}$"#)
                ),
                (#"^\d{5,6}$"#, TokenShape.isDigits(token, 5, 6), Self.matches(token, #"^\d{5,6}$"#)),
                (#"^[1-9]\d{3}[A-Za-z]{2}$"#, TokenShape.isPostcode(token), Self.matches(token, #"^[1-9]\d{3}[A-Za-z]{2}$"#)),
                (#"^[1-9]\d{3}$"#, TokenShape.isPostcodeDigits(token), Self.matches(token, #"^[1-9]\d{3}$"#)),
                (#"^[A-Z]{2}$"#, TokenShape.isPostcodeLetters(token), Self.matches(token, #"^[A-Z]{2}$"#)),
                (#"^[ans]\d{1,3}$"#, TokenShape.isRoadNumber(token), Self.matches(token, #"^[ans]\d{1,3}$"#)),
                (
                    #"^\d{1,5}[A-Za-z]?(-\d{1,4})?$"#, TokenShape.isHouseNumber(token),
                    Self.matches(token, #"^\d{1,5}[A-Za-z]?(-\d{1,4})?$"#)
                ),
            ]
            for (pattern, mine, foundation) in checks where mine != foundation {
                differences.append("\(token.debugDescription) \(pattern): \(mine) instead of \(foundation)")
            }
        }
        #expect(differences.isEmpty, "\(differences.prefix(20))")
    }

    @Test("trimming, normalising and searching answer as Foundation did")
    func text() {
        var differences: [String] = []
        for token in Self.tokens {
            let trimmed = MeldkamerReader.trimming(token, MeldkamerReader.isCommaOrColon)
            if trimmed != token.trimmingCharacters(in: CharacterSet(charactersIn: ",:")) {
                differences.append("trim ,: \(token.debugDescription) → \(trimmed.debugDescription)")
            }
            let bare = MeldkamerReader.trimmingPunctuation(token)
            if bare != token.trimmingCharacters(in: .punctuationCharacters) {
                differences.append("trim punctuation \(token.debugDescription) → \(bare.debugDescription)")
            }
            if Gazetteer.normalise(token) != Gazetteer.normaliseFolding(token) {
                differences.append("normalise \(token.debugDescription) → \(Gazetteer.normalise(token).debugDescription)")
            }
            for word in ["a", "1a", "s-", "aa", "grip", "tsc"] where token.containsText(word) != token.contains(word) {
                differences.append("contains \(word) in \(token.debugDescription)")
            }
        }
        let names = PlaceNames.places.flatMap { [$0.place, $0.municipality] } + PlaceNames.abbreviations.map(\.place)
            + ["P 1 BAD-02 BR wegvervoer (Auto) , Nico Snijdersstraat Amsterdam 13AST", "VEILIGHEIDSREGIO BRABANT-ZUIDOOST"]
        for name in names where Gazetteer.normalise(name) != Gazetteer.normaliseFolding(name) {
            differences.append("normalise \(name) → \(Gazetteer.normalise(name))")
        }
        #expect(differences.isEmpty, "\(differences.prefix(20))")
    }

    @Test("an abbreviation is matched by its letters among the places that share its first two")
    func abbreviations() {
        let gazetteer = Gazetteer(municipalities: [
            GazetteerMunicipality(code: "GM0637", name: "Zoetermeer", region: RegionCode("VR15")!),
            GazetteerMunicipality(code: "GM0599", name: "Rotterdam", region: RegionCode("VR17")!),
            GazetteerMunicipality(code: "GM0518", name: "'s-Gravenhage", region: RegionCode("VR15")!),
        ])
        #expect(gazetteer.expandAbbreviation("ZOETMR") == "zoetermeer")
        #expect(gazetteer.expandAbbreviation("zoetmr") == "zoetermeer")
        #expect(gazetteer.expandAbbreviation("SGRAVH") == "s gravenhage")  // the table
        #expect(gazetteer.expandAbbreviation("ROTD") == "rotterdam")
        #expect(gazetteer.expandAbbreviation("OTDM") == nil)  // the first two letters differ
        #expect(gazetteer.displayName("s gravenhage") == "'s-Gravenhage")
        #expect(gazetteer.displayName("den haag") == "Den Haag")
        #expect(gazetteer.displayName("nowhere") == "nowhere")
    }
}
