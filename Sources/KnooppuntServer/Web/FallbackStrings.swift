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
        func say<T>(nl: T, en: T) -> T { language == .en ? en : nl }
        self.init(
            nav: say(nl: "Terugvalbeeld", en: "Fallback picture"),
            title: say(nl: "Terugvalbeeld", en: "Fallback picture"),
            banner: say(nl: "Terugvalkopie, bewaard door het landelijk knooppunt (KCR2). Gebruik dit beeld alleen zolang het eigen "
            + "knooppunt van uw regio niet beschikbaar is: het is het beeld zoals de regio het het laatst doorgaf.",
                        en: "Fallback copy, kept by the national node (KCR2). Use this picture only while your region's own node "
            + "is unavailable: it is the picture as the region last passed it on."),
            ceilingNote: say(nl: "Tot en met classificatie intern; vertrouwelijke informatie blijft bij de regio en staat hier niet in.",
                             en: "Up to classification internal; confidential information stays with the region and is not here."),
            journaledNote: say(nl: "Elke inzage wordt vastgelegd in het journaal van het landelijk knooppunt.",
                               en: "Every read is recorded in the national node's journal."),
            account: say(nl: "Noodaccount", en: "Emergency account"),
            region: say(nl: "Regio", en: "Region"),
            none: say(nl: "Het landelijk knooppunt bewaart geen open incidenten van uw regio.",
                      en: "The national node holds no open incidents of your region."),
            incident: "Incident",
            lastUpdated: say(nl: "Laatst bijgewerkt", en: "Last updated"),
            lastUpdatedAt: say(nl: "laatst bijgewerkt om", en: "last updated at"),
            received: say(nl: "ontvangen om", en: "received at"),
            status: "Status",
            entries: say(nl: "Berichten per thema", en: "Entries per theme"),
            noEntries: say(nl: "Geen berichten.", en: "No entries."),
            awaitingAdmission: say(nl: "wacht op toelating", en: "awaiting admission"),
            source: say(nl: "bron", en: "source"),
            observed: say(nl: "waargenomen", en: "observed"),
            decisions: say(nl: "Besluiten", en: "Decisions"),
            noDecisions: say(nl: "Geen besluiten.", en: "No decisions."),
            openActions: say(nl: "Open acties", en: "Open actions"),
            noActions: say(nl: "Geen open acties.", en: "No open actions."),
            deadline: say(nl: "uiterlijk", en: "due"),
            latestSitRap: say(nl: "Laatste SitRap", en: "Latest SitRap"),
            noSitRap: say(nl: "Nog geen SitRap uitgegeven.", en: "No SitRap issued yet."),
            issuedAt: say(nl: "uitgegeven om", en: "issued at"),
            print: say(nl: "Afdrukken", en: "Print"),
            back: say(nl: "← Alle incidenten van de regio", en: "← All incidents of the region"),
            started: say(nl: "Begonnen", en: "Started"),
            leadRegion: say(nl: "Leidende regio", en: "Lead region"))
    }
}
