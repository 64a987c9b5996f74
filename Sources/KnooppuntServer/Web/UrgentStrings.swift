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

    static func `for`(_ language: Language) -> UrgentStrings { language == .en ? en : nl }
}

extension UrgentStrings {
    /// Every text in Dutch and English side by side.
    fileprivate init(_ language: Language) {
        func say<T>(nl: T, en: T) -> T { language == .en ? en : nl }
        self.init(
            bannerTitle: say(nl: "Urgente meldingen, nog niet bevestigd", en: "Urgent entries not yet acknowledged"),
            acknowledge: say(nl: "Gezien, bevestigen", en: "Seen, acknowledge"),
            acknowledgedBy: say(nl: "Bevestigd door", en: "Acknowledged by"),
            at: say(nl: "om", en: "at"),
            soundOn: say(nl: "Geluid bij urgente melding: aan", en: "Sound for urgent entries: on"),
            soundOff: say(nl: "Geluid bij urgente melding: uit", en: "Sound for urgent entries: off"))
    }
}
