import KnooppuntCore

/// The words of beeld – oordeel – besluit (decision 0024) on the incident page, the homes and the SitRap,
/// side by side.
enum AssessmentStrings {
    static let totaalbeeld = LocalizedLabel(nl: "Totaalbeeld", en: "Overall picture (totaalbeeld)")
    static let picture = LocalizedLabel(nl: "Actueel beeld", en: "Current picture")
    static let bottlenecks = LocalizedLabel(nl: "Knelpunten", en: "Bottlenecks")
    static let outlook = LocalizedLabel(nl: "Verwachting", en: "Outlook")
    static let noTotaalbeeld = LocalizedLabel(
        nl: "Nog geen totaalbeeld. De informatiemanager stelt het op uit de beelden per thema.",
        en: "No overall picture yet. The information manager draws it up from the pictures per theme.")
    static let noSummary = LocalizedLabel(nl: "Nog geen beeld van dit thema.", en: "No picture of this theme yet.")
    static let decisionPoints = LocalizedLabel(nl: "Te besluiten", en: "To decide")
    static let noDecisionPoints = LocalizedLabel(nl: "Geen open besluitpunten.", en: "No open decision points.")
    static let considerations = LocalizedLabel(nl: "Overwegingen", en: "Considerations")
    static let decideBefore = LocalizedLabel(nl: "besluit vóór", en: "decide before")
    static let overdue = LocalizedLabel(nl: "termijn verstreken", en: "past its deadline")
    static let writtenBy = LocalizedLabel(nl: "Bijgewerkt door", en: "Updated by")
    static let at = LocalizedLabel(nl: "om", en: "at")
    static let version = LocalizedLabel(nl: "versie", en: "version")
    static let update = LocalizedLabel(nl: "Beeld bijwerken", en: "Update the picture")
    static let updateTotaalbeeld = LocalizedLabel(nl: "Totaalbeeld bijwerken", en: "Update the overall picture")
    static let save = LocalizedLabel(nl: "Opslaan", en: "Save")
    static let raise = LocalizedLabel(nl: "Besluitpunt toevoegen", en: "Add a decision point")
    static let question = LocalizedLabel(nl: "Wat moet besloten worden?", en: "What must be decided?")
    static let team = LocalizedLabel(nl: "Door welk team", en: "By which team")
    static let deadline = LocalizedLabel(nl: "Besluiten binnen", en: "Decide within")
    static let noDeadline = LocalizedLabel(nl: "geen termijn", en: "no deadline")
    static let minutes = LocalizedLabel(nl: "minuten", en: "minutes")
    static let hours = LocalizedLabel(nl: "uur", en: "hours")
    static let decide = LocalizedLabel(nl: "Besluit vastleggen", en: "Record the decision")
    static let decision = LocalizedLabel(nl: "Besluit", en: "Decision")
    static let decidedBy = LocalizedLabel(nl: "Genomen door", en: "Taken by")
    static let reason = LocalizedLabel(nl: "Motivering", en: "Reason")
    static let withdraw = LocalizedLabel(nl: "Laten vervallen", en: "Withdraw")
    static let withdrawReason = LocalizedLabel(nl: "Waarom vervalt het?", en: "Why is it withdrawn?")
    static let answeredBy = LocalizedLabel(nl: "Besloten", en: "Decided")
    static let withdrawnBecause = LocalizedLabel(nl: "Vervallen", en: "Withdrawn")
    static let allPoints = LocalizedLabel(nl: "Besluitpunten", en: "Decision points")
}
