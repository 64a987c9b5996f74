import KnooppuntCore

/// Anything that writes for a reader in the reader's language: a page, a panel, a report. Every text is
/// written once as a side-by-side pair, `say(nl: "…", en: "…")`, so the two languages are read and
/// reviewed together and no view chooses a language with an inline condition.
protocol Bilingual {
    var language: KnooppuntCore.Language { get }
}

extension Bilingual {
    func say<Text>(nl: Text, en: Text) -> Text { language == .en ? en : nl }
    func say(_ pair: some LanguagePair) -> String { language == .en ? pair.en : pair.nl }
}

/// A language speaks for itself where there is no page, e.g. in a static helper: `language.say(nl:en:)`.
extension KnooppuntCore.Language: Bilingual {
    var language: KnooppuntCore.Language { self }

    /// The other UI language, for the language switch.
    var other: KnooppuntCore.Language {
        switch self {
        case .nl: .en
        case .en: .nl
        }
    }

    /// The locale dates are written in.
    var localeIdentifier: String {
        switch self {
        case .nl: "nl_NL"
        case .en: "en_GB"
        }
    }
}

/// A text given in both languages.
protocol LanguagePair {
    var nl: String { get }
    var en: String { get }
}

extension LocalizedLabel: LanguagePair {}
extension AuthorityView.LabelText: LanguagePair {}
