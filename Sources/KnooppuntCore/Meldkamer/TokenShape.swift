import Foundation

/// The shapes of pager tokens the reader recognises (unit codes, capcodes, postcodes, house numbers), checked
/// by hand: a Foundation regular expression is looked up in a cache and run through `NSString` on every call,
/// which cost more than the rest of reading a line. Each check means what the regular expression beside it
/// meant to Foundation (ICU): `\d` is any Unicode decimal digit, `[A-Z]` and `[A-Za-z]` are ASCII letters, and
/// `$` also matches before one line break that ends the token.
enum TokenShape {
    /// `^[A-Z]{2,4}-\d{1,3}$`: a dispatch desk, `BAD-02`.
    static func isDispatchUnit(_ token: String) -> Bool {
        var cursor = Cursor(token)
        return cursor.take(2, 4, isUpper) && cursor.take("-") && cursor.take(1, 3, isDigit) && cursor.atEnd
    }

    /// `^\d{5,9}$|^\d{2}[A-Za-z]{2,5}\d{0,2}$`: a capcode (`159635`) or a unit's roepnummer (`13AST`).
    static func isUnitCode(_ token: String) -> Bool {
        if isDigits(token, 5, 9) { return true }
        var cursor = Cursor(token)
        return cursor.take(2, 2, isDigit) && cursor.take(2, 5, isLetter) && cursor.take(0, 2, isDigit) && cursor.atEnd
    }

    /// `^\d{least,most}$`.
    static func isDigits(_ token: String, _ least: Int, _ most: Int) -> Bool {
        var cursor = Cursor(token)
        return cursor.take(least, most, isDigit) && cursor.atEnd
    }

    /// `^[1-9]\d{3}[A-Za-z]{2}$`: a postcode written as one word, `1063VD`.
    static func isPostcode(_ token: String) -> Bool {
        var cursor = Cursor(token)
        return cursor.take(1, 1, isNonZeroASCIIDigit) && cursor.take(3, 3, isDigit) && cursor.take(2, 2, isLetter)
            && cursor.atEnd
    }

    /// `^[1-9]\d{3}$`: the digits of a postcode written as two words.
    static func isPostcodeDigits(_ token: String) -> Bool {
        var cursor = Cursor(token)
        return cursor.take(1, 1, isNonZeroASCIIDigit) && cursor.take(3, 3, isDigit) && cursor.atEnd
    }

    /// `^[A-Z]{2}$`: the letters of a postcode written as two words.
    static func isPostcodeLetters(_ token: String) -> Bool {
        var cursor = Cursor(token)
        return cursor.take(2, 2, isUpper) && cursor.atEnd
    }

    /// `^[ans]\d{1,3}$`: a motorway or provincial road in lower case, `a4`, `n59`.
    static func isRoadNumber(_ token: String) -> Bool {
        var cursor = Cursor(token)
        return cursor.take(1, 1, { $0 == "a" || $0 == "n" || $0 == "s" }) && cursor.take(1, 3, isDigit) && cursor.atEnd
    }

    /// `^\d{1,5}[A-Za-z]?(-\d{1,4})?$`: a house number, `12`, `12a`, `12-14`.
    static func isHouseNumber(_ token: String) -> Bool {
        var cursor = Cursor(token)
        guard cursor.take(1, 5, isDigit), cursor.take(0, 1, isLetter) else { return false }
        if cursor.atEnd { return true }
        return cursor.take("-") && cursor.take(1, 4, isDigit) && cursor.atEnd
    }

    static func isDigit(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII ? ("0"..."9").contains(scalar) : scalar.properties.generalCategory == .decimalNumber
    }

    static func isNonZeroASCIIDigit(_ scalar: Unicode.Scalar) -> Bool { ("1"..."9").contains(scalar) }
    static func isUpper(_ scalar: Unicode.Scalar) -> Bool { ("A"..."Z").contains(scalar) }
    static func isLetter(_ scalar: Unicode.Scalar) -> Bool { ("A"..."Z").contains(scalar) || ("a"..."z").contains(scalar) }

    /// Reads a token's scalars from the start. Its end leaves out one line break that ends the token (`\r\n`
    /// counting as one), where ICU's `$` matches as well.
    struct Cursor {
        let scalars: String.UnicodeScalarView
        var index: String.UnicodeScalarView.Index
        let end: String.UnicodeScalarView.Index

        init(_ token: String) {
            scalars = token.unicodeScalars
            index = scalars.startIndex
            var end = scalars.endIndex
            if end > index {
                let last = scalars.index(before: end)
                if Self.isLineBreak(scalars[last]) {
                    end = last
                    if scalars[last] == "\n", end > index, scalars[scalars.index(before: end)] == "\r" {
                        end = scalars.index(before: end)
                    }
                }
            }
            self.end = end
        }

        /// ICU's line terminators.
        static func isLineBreak(_ scalar: Unicode.Scalar) -> Bool {
            switch scalar.value {
            case 0x0A...0x0D, 0x85, 0x2028, 0x2029: true
            default: false
            }
        }

        var atEnd: Bool { index == end }

        /// Takes as many scalars that pass `test` as there are, up to `most`; whether that was at least `least`.
        /// Taking greedily is what the expressions above do: no class is followed by one that overlaps it.
        mutating func take(_ least: Int, _ most: Int, _ test: (Unicode.Scalar) -> Bool) -> Bool {
            var count = 0
            while count < most, index < end, test(scalars[index]) {
                scalars.formIndex(after: &index)
                count += 1
            }
            return count >= least
        }

        /// Takes `scalar` when it is next.
        mutating func take(_ scalar: Unicode.Scalar) -> Bool {
            guard index < end, scalars[index] == scalar else { return false }
            scalars.formIndex(after: &index)
            return true
        }
    }
}

extension String {
    /// Whether the text contains `other`, as Foundation's `contains` answers it: ASCII text is searched byte by
    /// byte (where a search that respects composed characters finds the same), other text by Foundation.
    func containsText(_ other: String) -> Bool {
        var text = self
        var other = other
        text.makeContiguousUTF8()
        other.makeContiguousUTF8()
        let found = text.utf8.withContiguousStorageIfAvailable { haystack in
            other.utf8.withContiguousStorageIfAvailable { needle -> Bool? in
                guard haystack.allSatisfy({ $0 < 0x80 }), needle.allSatisfy({ $0 < 0x80 }) else { return nil }
                if needle.isEmpty { return nil }
                guard needle.count <= haystack.count else { return false }
                let first = needle[0]
                for start in 0...(haystack.count - needle.count) where haystack[start] == first {
                    var offset = 1
                    while offset < needle.count, haystack[start + offset] == needle[offset] { offset += 1 }
                    if offset == needle.count { return true }
                }
                return false
            }
        }
        if let found = found.flatMap({ $0 }).flatMap({ $0 }) { return found }
        return contains(other)
    }
}
