import KnooppuntCore

/// The texts of situation reports: the pages, the form, and the documents (HTML, PDF, Markdown).
struct SitRapStrings: Sendable {
    let title: String
    let nav: String
    let intro: String
    let none: String
    let number: String
    let issue: String
    let moment: String
    let momentHelp: String
    let unverified: String
    let leaveOut: String
    let mark: String
    let ceiling: String
    let summary: String
    let summaryHelp: String
    let situation: String
    let scaleHistory: String
    let themes: String
    let noEntries: String
    let unverifiedMark: String
    let viaLiaison: String
    let decisions: String
    let noDecisions: String
    let openActions: String
    let noActions: String
    let partners: String
    let map: String
    let noMap: String
    let issuedBy: String
    let issuedAt: String
    let scheduledNote: String
    let classification: String
    let counts: String
    let downloads: String
    let schedule: String
    let scheduleHelp: String
    let scheduleEvery: String
    let scheduleOff: String
    let scheduleSave: String
    let scheduleActive: String
    let scheduleNone: String
    let regions: String
    let lead: String
    let started: String
    let status: String
    let deadline: String
    let owner: String
    let source: String

    static let nl = SitRapStrings(
        title: "Situatierapporten (SitRap)", nav: "SitRaps",
        intro: "Een SitRap legt het beeld van dit incident vast op één moment: per thema de geverifieerde meldingen, opschaling, besluiten, open acties en de kaart. Eenmaal uitgegeven verandert hij niet meer.",
        none: "Nog geen SitRaps uitgegeven.", number: "SitRap", issue: "SitRap uitgeven", moment: "Moment van het beeld",
        momentHelp: "Leeg laten voor nu.", unverified: "Niet-geverifieerde meldingen", leaveOut: "weglaten",
        mark: "opnemen, gemarkeerd", ceiling: "Hoogste rubricering in de SitRap", summary: "Samenvatting",
        summaryHelp: "Leeg laten voor een samenvatting die uit het beeld wordt opgesteld.", situation: "Situatie",
        scaleHistory: "Opschaling (GRIP en fase)", themes: "Beeld per thema", noEntries: "Geen meldingen.",
        unverifiedMark: "niet geverifieerd", viaLiaison: "via liaison", decisions: "Besluiten", noDecisions: "Geen besluiten.",
        openActions: "Openstaande acties", noActions: "Geen openstaande acties.", partners: "Betrokken partners",
        map: "Kaart", noMap: "Geen locatie of plots om te tonen.", issuedBy: "Uitgegeven door", issuedAt: "Uitgegeven",
        scheduledNote: "automatisch volgens schema", classification: "Rubricering",
        counts: "%d meldingen, waarvan %d geverifieerd", downloads: "Downloaden", schedule: "Automatisch uitgeven",
        scheduleHelp: "Geef elke zoveel minuten vanzelf een SitRap uit zolang het incident open is.",
        scheduleEvery: "Elke (minuten)", scheduleOff: "Schema stoppen", scheduleSave: "Schema opslaan",
        scheduleActive: "Volgende automatische SitRap: %@ (elke %d minuten).", scheduleNone: "Geen schema.",
        regions: "Betrokken regio's", lead: "leiding", started: "Begonnen", status: "Status", deadline: "Uiterlijk",
        owner: "Eigenaar", source: "Bron")

    static let en = SitRapStrings(
        title: "Situation reports (SitRap)", nav: "SitReps",
        intro: "A SitRap records this incident's picture at one moment: per theme the verified entries, scaling, decisions, open actions and the map. Once issued it never changes.",
        none: "No SitRaps issued yet.", number: "SitRap", issue: "Issue a SitRap", moment: "Moment of the picture",
        momentHelp: "Leave empty for now.", unverified: "Unverified entries", leaveOut: "leave out", mark: "include, marked",
        ceiling: "Most sensitive classification in the SitRap", summary: "Summary",
        summaryHelp: "Leave empty for a summary drawn up from the picture.", situation: "Situation",
        scaleHistory: "Scaling (GRIP and phase)", themes: "Picture per theme", noEntries: "No entries.",
        unverifiedMark: "unverified", viaLiaison: "via liaison", decisions: "Decisions", noDecisions: "No decisions.",
        openActions: "Open actions", noActions: "No open actions.", partners: "Partners involved", map: "Map",
        noMap: "No location or plots to show.", issuedBy: "Issued by", issuedAt: "Issued",
        scheduledNote: "automatically, by schedule", classification: "Classification",
        counts: "%d entries, %d of them verified", downloads: "Download", schedule: "Issue automatically",
        scheduleHelp: "Issue a SitRap every so many minutes while the incident is open.",
        scheduleEvery: "Every (minutes)", scheduleOff: "Stop the schedule", scheduleSave: "Save schedule",
        scheduleActive: "Next automatic SitRap: %@ (every %d minutes).", scheduleNone: "No schedule.",
        regions: "Regions involved", lead: "lead", started: "Started", status: "Status", deadline: "Deadline",
        owner: "Owner", source: "Source")
}
