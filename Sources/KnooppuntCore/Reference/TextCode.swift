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
