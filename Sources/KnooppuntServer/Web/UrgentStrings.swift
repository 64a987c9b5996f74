import KnooppuntCore

/// The words of the urgent banner and marks on the incident page (decision 0022), side by side.
struct UrgentStrings: Sendable {
    let bannerTitle: String
    let acknowledge: String
    let acknowledgedBy: String
    let at: String
    let soundOn: String
    let soundOff: String

    static let nl = UrgentStrings(
        bannerTitle: "Urgente meldingen, nog niet bevestigd",
        acknowledge: "Gezien, bevestigen",
        acknowledgedBy: "Bevestigd door",
        at: "om",
        soundOn: "Geluid bij urgente melding: aan",
        soundOff: "Geluid bij urgente melding: uit")

    static let en = UrgentStrings(
        bannerTitle: "Urgent entries not yet acknowledged",
        acknowledge: "Seen, acknowledge",
        acknowledgedBy: "Acknowledged by",
        at: "at",
        soundOn: "Sound for urgent entries: on",
        soundOff: "Sound for urgent entries: off")

    static func `for`(_ language: Language) -> UrgentStrings { language == .nl ? nl : en }
}
