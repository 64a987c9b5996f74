import KnooppuntCore

/// The texts of the fallback picture pages on the national node (decision 0017).
struct FallbackStrings: Sendable {
    let nav: String
    let title: String
    let banner: String
    let ceilingNote: String
    let journaledNote: String
    let account: String
    let region: String
    let none: String
    let incident: String
    let lastUpdated: String
    let lastUpdatedAt: String
    let received: String
    let status: String
    let entries: String
    let noEntries: String
    let awaitingAdmission: String
    let source: String
    let observed: String
    let decisions: String
    let noDecisions: String
    let openActions: String
    let noActions: String
    let deadline: String
    let latestSitRap: String
    let noSitRap: String
    let issuedAt: String
    let print: String
    let back: String
    let started: String
    let leadRegion: String

    static let nl = FallbackStrings(.nl)
    static let en = FallbackStrings(.en)

}

extension FallbackStrings {
    /// Every text in Dutch and English side by side.
    fileprivate init(_ language: Language) {
        self.init(
            nav: language.say(nl: "Terugvalbeeld", en: "Fallback picture"),
            title: language.say(nl: "Terugvalbeeld", en: "Fallback picture"),
            banner: language.say(nl: "Terugvalkopie, bewaard door het landelijk knooppunt (KCR2). Gebruik dit beeld alleen zolang het eigen "
            + "knooppunt van uw regio niet beschikbaar is: het is het beeld zoals de regio het het laatst doorgaf.",
                        en: "Fallback copy, kept by the national node (KCR2). Use this picture only while your region's own node "
            + "is unavailable: it is the picture as the region last passed it on."),
            ceilingNote: language.say(nl: "Tot en met classificatie intern; vertrouwelijke informatie blijft bij de regio en staat hier niet in.",
                                      en: "Up to classification internal; confidential information stays with the region and is not here."),
            journaledNote: language.say(nl: "Elke inzage wordt vastgelegd in het journaal van het landelijk knooppunt.",
                                        en: "Every read is recorded in the national node's journal."),
            account: language.say(nl: "Noodaccount", en: "Emergency account"),
            region: language.say(nl: "Regio", en: "Region"),
            none: language.say(nl: "Het landelijk knooppunt bewaart geen open incidenten van uw regio.",
                               en: "The national node holds no open incidents of your region."),
            incident: "Incident",
            lastUpdated: language.say(nl: "Laatst bijgewerkt", en: "Last updated"),
            lastUpdatedAt: language.say(nl: "laatst bijgewerkt om", en: "last updated at"),
            received: language.say(nl: "ontvangen om", en: "received at"),
            status: "Status",
            entries: language.say(nl: "Berichten per thema", en: "Entries per theme"),
            noEntries: language.say(nl: "Geen berichten.", en: "No entries."),
            awaitingAdmission: language.say(nl: "wacht op toelating", en: "awaiting admission"),
            source: language.say(nl: "bron", en: "source"),
            observed: language.say(nl: "waargenomen", en: "observed"),
            decisions: language.say(nl: "Besluiten", en: "Decisions"),
            noDecisions: language.say(nl: "Geen besluiten.", en: "No decisions."),
            openActions: language.say(nl: "Open acties", en: "Open actions"),
            noActions: language.say(nl: "Geen open acties.", en: "No open actions."),
            deadline: language.say(nl: "uiterlijk", en: "due"),
            latestSitRap: language.say(nl: "Laatste SitRap", en: "Latest SitRap"),
            noSitRap: language.say(nl: "Nog geen SitRap uitgegeven.", en: "No SitRap issued yet."),
            issuedAt: language.say(nl: "uitgegeven om", en: "issued at"),
            print: language.say(nl: "Afdrukken", en: "Print"),
            back: language.say(nl: "← Alle incidenten van de regio", en: "← All incidents of the region"),
            started: language.say(nl: "Begonnen", en: "Started"),
            leadRegion: language.say(nl: "Leidende regio", en: "Lead region"))
    }
}
