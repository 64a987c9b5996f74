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

    static let nl = FallbackStrings(
        nav: "Terugvalbeeld",
        title: "Terugvalbeeld",
        banner: "Terugvalkopie, bewaard door het landelijk knooppunt (KCR2). Gebruik dit beeld alleen zolang het eigen "
            + "knooppunt van uw regio niet beschikbaar is: het is het beeld zoals de regio het het laatst doorgaf.",
        ceilingNote: "Tot en met classificatie intern; vertrouwelijke informatie blijft bij de regio en staat hier niet in.",
        journaledNote: "Elke inzage wordt vastgelegd in het journaal van het landelijk knooppunt.",
        account: "Noodaccount",
        region: "Regio",
        none: "Het landelijk knooppunt bewaart geen open incidenten van uw regio.",
        incident: "Incident",
        lastUpdated: "Laatst bijgewerkt",
        lastUpdatedAt: "laatst bijgewerkt om",
        received: "ontvangen om",
        status: "Status",
        entries: "Berichten per thema",
        noEntries: "Geen berichten.",
        awaitingAdmission: "wacht op toelating",
        source: "bron",
        observed: "waargenomen",
        decisions: "Besluiten",
        noDecisions: "Geen besluiten.",
        openActions: "Open acties",
        noActions: "Geen open acties.",
        deadline: "uiterlijk",
        latestSitRap: "Laatste SitRap",
        noSitRap: "Nog geen SitRap uitgegeven.",
        issuedAt: "uitgegeven om",
        print: "Afdrukken",
        back: "← Alle incidenten van de regio",
        started: "Begonnen",
        leadRegion: "Leidende regio")

    static let en = FallbackStrings(
        nav: "Fallback picture",
        title: "Fallback picture",
        banner: "Fallback copy, kept by the national node (KCR2). Use this picture only while your region's own node "
            + "is unavailable: it is the picture as the region last passed it on.",
        ceilingNote: "Up to classification internal; confidential information stays with the region and is not here.",
        journaledNote: "Every read is recorded in the national node's journal.",
        account: "Emergency account",
        region: "Region",
        none: "The national node holds no open incidents of your region.",
        incident: "Incident",
        lastUpdated: "Last updated",
        lastUpdatedAt: "last updated at",
        received: "received at",
        status: "Status",
        entries: "Entries per theme",
        noEntries: "No entries.",
        awaitingAdmission: "awaiting admission",
        source: "source",
        observed: "observed",
        decisions: "Decisions",
        noDecisions: "No decisions.",
        openActions: "Open actions",
        noActions: "No open actions.",
        deadline: "due",
        latestSitRap: "Latest SitRap",
        noSitRap: "No SitRap issued yet.",
        issuedAt: "issued at",
        print: "Print",
        back: "← All incidents of the region",
        started: "Started",
        leadRegion: "Lead region")
}
