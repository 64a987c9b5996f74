/// A login name: 2–64 characters of lowercase letters, digits, '.', '-' and '_', starting with a letter or digit.
public struct Username: Hashable, Sendable, CustomStringConvertible {
    public let rawValue: String

    public init(_ text: String) throws(AccountRuleViolation) {
        let allowed = Set("abcdefghijklmnopqrstuvwxyz0123456789.-_")
        guard (2...64).contains(text.count) else {
            throw .init("username must be 2 to 64 characters long")
        }
        guard text.allSatisfy({ allowed.contains($0) }), let first = text.first, first.isLetter || first.isNumber
        else {
            throw .init("username may contain only lowercase letters, digits, '.', '-' and '_', and must start with a letter or digit")
        }
        rawValue = text
    }

    public var description: String { rawValue }
}

/// A rule about accounts that input broke, with a message for the person who gave it.
public struct AccountRuleViolation: Error, Equatable, Sendable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// What a new password must satisfy. bcrypt reads at most 72 bytes, so longer passwords are refused
/// rather than silently cut.
public enum PasswordPolicy {
    public static let minimumLength = 10
    public static let maximumBytes = 72

    public static func check(_ password: String) throws(AccountRuleViolation) {
        guard password.count >= minimumLength else {
            throw .init("password must be at least \(minimumLength) characters long")
        }
        guard password.utf8.count <= maximumBytes else {
            throw .init("password must be at most \(maximumBytes) bytes long")
        }
    }
}
