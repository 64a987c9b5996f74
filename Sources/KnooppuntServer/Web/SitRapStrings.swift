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

    static let nl = SitRapStrings(.nl)
    static let en = SitRapStrings(.en)

}

extension SitRapStrings {
    /// Every text in Dutch and English side by side.
    fileprivate init(_ language: Language) {
        self.init(
            title: language.say(nl: "Situatierapporten (SitRap)", en: "Situation reports (SitRap)"),
            nav: language.say(nl: "SitRaps", en: "SitReps"),
            intro: language.say(nl: "Een SitRap legt het beeld van dit incident vast op één moment: per thema de geverifieerde meldingen, opschaling, besluiten, open acties en de kaart. Eenmaal uitgegeven verandert hij niet meer.",
                                en: "A SitRap records this incident's picture at one moment: per theme the verified entries, scaling, decisions, open actions and the map. Once issued it never changes."),
            none: language.say(nl: "Nog geen SitRaps uitgegeven.", en: "No SitRaps issued yet."),
            number: "SitRap",
            issue: language.say(nl: "SitRap uitgeven", en: "Issue a SitRap"),
            moment: language.say(nl: "Moment van het beeld", en: "Moment of the picture"),
            momentHelp: language.say(nl: "Leeg laten voor nu.", en: "Leave empty for now."),
            unverified: language.say(nl: "Niet-geverifieerde meldingen", en: "Unverified entries"),
            leaveOut: language.say(nl: "weglaten", en: "leave out"),
            mark: language.say(nl: "opnemen, gemarkeerd", en: "include, marked"),
            ceiling: language.say(nl: "Hoogste rubricering in de SitRap", en: "Most sensitive classification in the SitRap"),
            summary: language.say(nl: "Samenvatting", en: "Summary"),
            summaryHelp: language.say(nl: "Leeg laten voor een samenvatting die uit het beeld wordt opgesteld.",
                                      en: "Leave empty for a summary drawn up from the picture."),
            situation: language.say(nl: "Situatie", en: "Situation"),
            scaleHistory: language.say(nl: "Opschaling (GRIP en fase)", en: "Scaling (GRIP and phase)"),
            themes: language.say(nl: "Beeld per thema", en: "Picture per theme"),
            noEntries: language.say(nl: "Geen meldingen.", en: "No entries."),
            unverifiedMark: language.say(nl: "niet geverifieerd", en: "unverified"),
            viaLiaison: language.say(nl: "namens", en: "on behalf of"),
            decisions: language.say(nl: "Besluiten", en: "Decisions"),
            noDecisions: language.say(nl: "Geen besluiten.", en: "No decisions."),
            openActions: language.say(nl: "Openstaande acties", en: "Open actions"),
            noActions: language.say(nl: "Geen openstaande acties.", en: "No open actions."),
            partners: language.say(nl: "Betrokken partners", en: "Partners involved"),
            map: language.say(nl: "Kaart", en: "Map"),
            noMap: language.say(nl: "Geen locatie of plots om te tonen.", en: "No location or plots to show."),
            issuedBy: language.say(nl: "Uitgegeven door", en: "Issued by"),
            issuedAt: language.say(nl: "Uitgegeven", en: "Issued"),
            scheduledNote: language.say(nl: "automatisch volgens schema", en: "automatically, by schedule"),
            classification: language.say(nl: "Rubricering", en: "Classification"),
            counts: language.say(nl: "%d meldingen, waarvan %d geverifieerd", en: "%d entries, %d of them verified"),
            downloads: language.say(nl: "Downloaden", en: "Download"),
            schedule: language.say(nl: "Automatisch uitgeven", en: "Issue automatically"),
            scheduleHelp: language.say(nl: "Geef elke zoveel minuten vanzelf een SitRap uit zolang het incident open is.",
                                       en: "Issue a SitRap every so many minutes while the incident is open."),
            scheduleEvery: language.say(nl: "Elke (minuten)", en: "Every (minutes)"),
            scheduleOff: language.say(nl: "Schema stoppen", en: "Stop the schedule"),
            scheduleSave: language.say(nl: "Schema opslaan", en: "Save schedule"),
            scheduleActive: language.say(nl: "Volgende automatische SitRap: %@ (elke %d minuten).",
                                         en: "Next automatic SitRap: %@ (every %d minutes)."),
            scheduleNone: language.say(nl: "Geen schema.", en: "No schedule."),
            regions: language.say(nl: "Betrokken regio's", en: "Regions involved"),
            lead: language.say(nl: "leiding", en: "lead"),
            started: language.say(nl: "Begonnen", en: "Started"),
            status: "Status",
            deadline: language.say(nl: "Uiterlijk", en: "Deadline"),
            owner: language.say(nl: "Eigenaar", en: "Owner"),
            source: language.say(nl: "Bron", en: "Source"))
    }
}
