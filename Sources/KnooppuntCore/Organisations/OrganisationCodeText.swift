import Foundation

/// An organisation's code as people and systems give it: 2 to 20 letters A–Z, digits or hyphens, starting
/// with a letter or digit ("WATERNET", "WS-AGV"); checked as given, so "straße" does not pass as STRASSE.
public enum OrganisationCodeText {
    /// The code in upper case, or nil when the text is no organisation code.
    public static func normalised(_ text: String) -> String? {
        let given = text.trimmingCharacters(in: .whitespaces)
        guard given.range(of: #"^[A-Za-z0-9][A-Za-z0-9-]{1,19}$"#, options: .regularExpression) != nil else { return nil }
        return given.uppercased()
    }
}
