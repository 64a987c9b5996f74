import Foundation

/// An official code read strictly from text (a region's VR13, a gemeente's GM0363) and written as that
/// text in JSON; a code that does not parse fails the decoding with what was expected.
public protocol TextCode: Codable, Hashable, Sendable {
    init?(_ text: String)
    var rawValue: String { get }
    /// What a valid code looks like, for the decoding error.
    static var expected: String { get }
}

extension TextCode {
    /// `text` upper-cased when it is `prefix` followed by exactly `digits` ASCII digits, else nil.
    public static func prefixed(_ text: String, _ prefix: String, digits: Int) -> String? {
        let upper = text.uppercased()
        let tail = upper.dropFirst(prefix.count)
        guard upper.count == prefix.count + digits, upper.hasPrefix(prefix), tail.allSatisfy({ $0.isASCII && $0.isNumber })
        else { return nil }
        return upper
    }

    public init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let code = Self(text) else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "'\(text)' is not \(Self.expected)"))
        }
        self = code
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
