import Foundation
import KnooppuntCore

/// The texts of the report to the councils (art. 40 Wvr) — page, PDF and Markdown — and of the
/// consultation form on a decision.
struct CouncilReportStrings: Sendable {
    let link: String
    let title: String
    let draft: String
    let intro: String
    let addressedTo: String
    let noCouncils: String
    let period: String
    let from: String
    let ongoing: String
    let regions: String
    let lead: String
    let authorityNow: String
    let significance: String
    let fromGRIP: String
    let localNote: String
    let interimNote: String
    let exerciseNote: String
    let draftedBy: String
    let decisions: String
    let noDecisions: String
    let reason: String
    let decidedBy: String
    let recordedBy: String
    let authority: String
    let outsideAuthority: String
    let revoked: String
    let councilOf: String
    let councilsOf: String
    let consultedOn: String
    let notConsulted: String
    let urgentPrefix: String
    let afterDecision: String
    let urgent: String
    let noConsultation: String
    let scaleHistory: String
    let noScale: String
    let warnings: String
    let noWarnings: String
    let warning: String
    let cancelled: String
    let openActions: String
    let noActions: String
    let owner: String
    let deadline: String
    let overdue: String
    let downloads: String
    // The consultation form on a decision.
    let recordConsultation: String
    let consultationHelp: String
    let councilsField: String
    let consultedAtField: String
    let positionField: String
    let urgencyReasonField: String
    let save: String

    static func `for`(_ language: Language) -> CouncilReportStrings { language.say(nl: nl, en: en) }

    /// One consultation in a line, as the report and the incident page give it.
    func consultationLine(
        urgent isUrgent: Bool, councils: [String], consultedAt: Date?, afterDecision isAfter: Bool, position: String?,
        urgencyReason: String?
    ) -> String {
        let named = "\(councils.count == 1 ? councilOf : councilsOf) " + councils.joined(separator: ", ")
        if isUrgent { return "\(urgentPrefix) \(named.lowercasedFirst) \(notConsulted) — \(urgencyReason ?? "")" }
        return "\(named) \(consultedOn) \(consultedAt.map(DisplayFormat.minute) ?? "")" + (isAfter ? " (\(afterDecision))" : "")
            + ": \(position ?? "")"
    }

    static let nl = CouncilReportStrings(.nl)
    static let en = CouncilReportStrings(.en)

}

extension String {
    /// "Raden van" → "raden van", for a phrase that moves into the middle of a sentence.
    fileprivate var lowercasedFirst: String { prefix(1).lowercased() + dropFirst() }
}

extension CouncilReportStrings {
    /// Every text in Dutch and English side by side.
    fileprivate init(_ language: Language) {
        self.init(
            link: language.say(nl: "Verslag aan de raden (art. 40)", en: "Report to the councils (art. 40)"),
            title: language.say(nl: "Verslag aan de gemeenteraden (art. 40 Wvr)",
                                en: "Report to the municipal councils (art. 40 Wvr)"),
            draft: language.say(nl: "concept", en: "draft"),
            intro: language.say(nl: "Concept van het schriftelijk verslag dat de voorzitter van de veiligheidsregio na afloop van een ramp of crisis "
            + "van meer dan plaatselijke betekenis uitbrengt aan de raden van de getroffen gemeenten, over het verloop van de "
            + "gebeurtenissen en de genomen besluiten. Opgesteld uit wat Knooppunt heeft vastgelegd; lees het na en vul het aan "
            + "voordat het wordt verzonden.",
                       en: "Draft of the written report the chair of the safety region makes, after a disaster or crisis of more than local "
            + "significance, to the councils of the affected municipalities on the course of events and the decisions taken. "
            + "Drawn up from what Knooppunt recorded; check and complete it before it is sent."),
            addressedTo: language.say(nl: "Aan de raden van", en: "To the councils of"),
            noCouncils: language.say(nl: "nog onbekend — leg het getroffen gebied vast",
                                     en: "not known yet — record the affected area"),
            period: language.say(nl: "Periode", en: "Period"),
            from: language.say(nl: "vanaf", en: "from"),
            ongoing: language.say(nl: "loopt nog", en: "ongoing"),
            regions: language.say(nl: "Veiligheidsregio", en: "Safety region"),
            lead: language.say(nl: "leidend", en: "lead"),
            authorityNow: language.say(nl: "Bevoegd gezag nu", en: "Competent authority now"),
            significance: language.say(nl: "Betekenis", en: "Significance"),
            fromGRIP: language.say(nl: "afgeleid uit het GRIP-niveau", en: "derived from the GRIP level"),
            localNote: language.say(nl: "Art. 40 Wvr geldt na een ramp of crisis van meer dan plaatselijke betekenis; dit incident is nu van plaatselijke betekenis.",
                                    en: "Art. 40 Wvr applies after a disaster or crisis of more than local significance; this incident is now of local significance."),
            interimNote: language.say(nl: "Het incident loopt nog: dit is een tussentijds concept.",
                                      en: "The incident is still open: this is an interim draft."),
            exerciseNote: language.say(nl: "Oefening: dit verslag gaat niet naar de raden.",
                                       en: "Exercise: this report does not go to the councils."),
            draftedBy: language.say(nl: "Opgesteld door", en: "Drafted by"),
            decisions: language.say(nl: "Besluiten", en: "Decisions"),
            noDecisions: language.say(nl: "Geen besluiten vastgelegd.", en: "No decisions recorded."),
            reason: language.say(nl: "Motivering", en: "Reason"),
            decidedBy: language.say(nl: "Genomen door", en: "Taken by"),
            recordedBy: language.say(nl: "vastgelegd door", en: "recorded by"),
            authority: language.say(nl: "Bevoegdheid", en: "Authority"),
            outsideAuthority: language.say(nl: "Genomen buiten het bevoegd gezag", en: "Taken outside the competent authority"),
            revoked: language.say(nl: "ingetrokken", en: "revoked"),
            councilOf: language.say(nl: "Raad van", en: "Council of"),
            councilsOf: language.say(nl: "Raden van", en: "Councils of"),
            consultedOn: language.say(nl: "geraadpleegd op", en: "consulted on"),
            notConsulted: language.say(nl: "niet geraadpleegd", en: "not consulted"),
            urgentPrefix: language.say(nl: "Spoed:", en: "Urgent:"),
            afterDecision: language.say(nl: "na het besluit", en: "after the decision"),
            urgent: language.say(nl: "Spoed: niet geraadpleegd", en: "Urgent: not consulted"),
            noConsultation: language.say(nl: "Geen raadpleging van de raden vastgelegd.",
                                         en: "No consultation of the councils recorded."),
            scaleHistory: language.say(nl: "Verloop van de opschaling", en: "Course of the scale-up"),
            noScale: language.say(nl: "Geen GRIP-niveau vastgelegd.", en: "No GRIP level recorded."),
            warnings: language.say(nl: "Publieke waarschuwingen", en: "Public warnings"),
            noWarnings: language.say(nl: "Geen publieke waarschuwingen uitgegeven.", en: "No public warnings issued."),
            warning: language.say(nl: "Waarschuwing", en: "Warning"),
            cancelled: language.say(nl: "ingetrokken", en: "withdrawn"),
            openActions: language.say(nl: "Openstaande acties", en: "Open actions"),
            noActions: language.say(nl: "Geen openstaande acties.", en: "No open actions."),
            owner: language.say(nl: "eigenaar", en: "owner"),
            deadline: language.say(nl: "uiterlijk", en: "by"),
            overdue: language.say(nl: "te laat", en: "overdue"),
            downloads: language.say(nl: "Downloaden", en: "Download"),
            recordConsultation: language.say(nl: "Raadpleging van de raden vastleggen",
                                             en: "Record a consultation of the councils"),
            consultationHelp: language.say(nl: "In een langdurige crisis van meer dan plaatselijke betekenis worden de raden van de betrokken gemeenten "
            + "geraadpleegd voordat een besluit wordt genomen, tenzij de vereiste spoed zich daartegen verzet.",
                                  en: "In a long crisis of more than local significance the councils of the municipalities concerned are "
            + "consulted before a decision is taken, unless the required urgency prevents it."),
            councilsField: language.say(nl: "Raden", en: "Councils"),
            consultedAtField: language.say(nl: "Moment van raadpleging (leeg: nu)", en: "Moment of consultation (empty: now)"),
            positionField: language.say(nl: "Standpunt of uitkomst", en: "Position or outcome"),
            urgencyReasonField: language.say(nl: "Waarom liet de spoed geen raadpleging toe?",
                                             en: "Why did the urgency not allow consulting them?"),
            save: language.say(nl: "Vastleggen", en: "Record"))
    }
}
