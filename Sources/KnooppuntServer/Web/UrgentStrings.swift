import KnooppuntCore

/// The words of the urgent banner and marks on the incident page (decision 0022), side by side.
struct UrgentStrings: Sendable {
    let bannerTitle: String
    let acknowledge: String
    let acknowledgedBy: String
    let at: String
    let soundOn: String
    let soundOff: String

    static let nl = UrgentStrings(.nl)
    static let en = UrgentStrings(.en)

    static func `for`(_ language: Language) -> UrgentStrings { language.say(nl: nl, en: en) }
}

extension UrgentStrings {
    /// Every text in Dutch and English side by side.
    fileprivate init(_ language: Language) {
        self.init(
            bannerTitle: language.say(nl: "Urgente meldingen, nog niet bevestigd", en: "Urgent entries not yet acknowledged"),
            acknowledge: language.say(nl: "Gezien, bevestigen", en: "Seen, acknowledge"),
            acknowledgedBy: language.say(nl: "Bevestigd door", en: "Acknowledged by"),
            at: language.say(nl: "om", en: "at"),
            soundOn: language.say(nl: "Geluid bij urgente melding: aan", en: "Sound for urgent entries: on"),
            soundOff: language.say(nl: "Geluid bij urgente melding: uit", en: "Sound for urgent entries: off"))
    }
}
