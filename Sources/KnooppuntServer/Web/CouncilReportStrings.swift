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

    static func `for`(_ language: Language) -> CouncilReportStrings { language == .nl ? nl : en }

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

    static let nl = CouncilReportStrings(
        link: "Verslag aan de raden (art. 40)", title: "Verslag aan de gemeenteraden (art. 40 Wvr)", draft: "concept",
        intro: "Concept van het schriftelijk verslag dat de voorzitter van de veiligheidsregio na afloop van een ramp of crisis "
            + "van meer dan plaatselijke betekenis uitbrengt aan de raden van de getroffen gemeenten, over het verloop van de "
            + "gebeurtenissen en de genomen besluiten. Opgesteld uit wat Knooppunt heeft vastgelegd; lees het na en vul het aan "
            + "voordat het wordt verzonden.",
        addressedTo: "Aan de raden van", noCouncils: "nog onbekend — leg het getroffen gebied vast", period: "Periode",
        from: "vanaf", ongoing: "loopt nog", regions: "Veiligheidsregio", lead: "leidend", authorityNow: "Bevoegd gezag nu",
        significance: "Betekenis", fromGRIP: "afgeleid uit het GRIP-niveau",
        localNote: "Art. 40 Wvr geldt na een ramp of crisis van meer dan plaatselijke betekenis; dit incident is nu van plaatselijke betekenis.",
        interimNote: "Het incident loopt nog: dit is een tussentijds concept.",
        exerciseNote: "Oefening: dit verslag gaat niet naar de raden.",
        draftedBy: "Opgesteld door", decisions: "Besluiten", noDecisions: "Geen besluiten vastgelegd.", reason: "Motivering",
        decidedBy: "Genomen door", recordedBy: "vastgelegd door", authority: "Bevoegdheid",
        outsideAuthority: "Genomen buiten het bevoegd gezag", revoked: "ingetrokken", councilOf: "Raad van", councilsOf: "Raden van",
        consultedOn: "geraadpleegd op", notConsulted: "niet geraadpleegd", urgentPrefix: "Spoed:", afterDecision: "na het besluit", urgent: "Spoed: niet geraadpleegd",
        noConsultation: "Geen raadpleging van de raden vastgelegd.", scaleHistory: "Verloop van de opschaling",
        noScale: "Geen GRIP-niveau vastgelegd.", warnings: "Publieke waarschuwingen", noWarnings: "Geen publieke waarschuwingen uitgegeven.",
        warning: "Waarschuwing", cancelled: "ingetrokken", openActions: "Openstaande acties", noActions: "Geen openstaande acties.",
        owner: "eigenaar", deadline: "uiterlijk", overdue: "te laat", downloads: "Downloaden",
        recordConsultation: "Raadpleging van de raden vastleggen",
        consultationHelp: "In een langdurige crisis van meer dan plaatselijke betekenis worden de raden van de betrokken gemeenten "
            + "geraadpleegd voordat een besluit wordt genomen, tenzij de vereiste spoed zich daartegen verzet.",
        councilsField: "Raden", consultedAtField: "Moment van raadpleging (leeg: nu)", positionField: "Standpunt of uitkomst",
        urgencyReasonField: "Waarom liet de spoed geen raadpleging toe?", save: "Vastleggen")

    static let en = CouncilReportStrings(
        link: "Report to the councils (art. 40)", title: "Report to the municipal councils (art. 40 Wvr)", draft: "draft",
        intro: "Draft of the written report the chair of the safety region makes, after a disaster or crisis of more than local "
            + "significance, to the councils of the affected municipalities on the course of events and the decisions taken. "
            + "Drawn up from what Knooppunt recorded; check and complete it before it is sent.",
        addressedTo: "To the councils of", noCouncils: "not known yet — record the affected area", period: "Period",
        from: "from", ongoing: "ongoing", regions: "Safety region", lead: "lead", authorityNow: "Competent authority now",
        significance: "Significance", fromGRIP: "derived from the GRIP level",
        localNote: "Art. 40 Wvr applies after a disaster or crisis of more than local significance; this incident is now of local significance.",
        interimNote: "The incident is still open: this is an interim draft.",
        exerciseNote: "Exercise: this report does not go to the councils.",
        draftedBy: "Drafted by", decisions: "Decisions", noDecisions: "No decisions recorded.", reason: "Reason",
        decidedBy: "Taken by", recordedBy: "recorded by", authority: "Authority",
        outsideAuthority: "Taken outside the competent authority", revoked: "revoked", councilOf: "Council of", councilsOf: "Councils of",
        consultedOn: "consulted on", notConsulted: "not consulted", urgentPrefix: "Urgent:", afterDecision: "after the decision", urgent: "Urgent: not consulted",
        noConsultation: "No consultation of the councils recorded.", scaleHistory: "Course of the scale-up",
        noScale: "No GRIP level recorded.", warnings: "Public warnings", noWarnings: "No public warnings issued.",
        warning: "Warning", cancelled: "withdrawn", openActions: "Open actions", noActions: "No open actions.",
        owner: "owner", deadline: "by", overdue: "overdue", downloads: "Download",
        recordConsultation: "Record a consultation of the councils",
        consultationHelp: "In a long crisis of more than local significance the councils of the municipalities concerned are "
            + "consulted before a decision is taken, unless the required urgency prevents it.",
        councilsField: "Councils", consultedAtField: "Moment of consultation (empty: now)", positionField: "Position or outcome",
        urgencyReasonField: "Why did the urgency not allow consulting them?", save: "Record")
}

extension String {
    /// "Raden van" → "raden van", for a phrase that moves into the middle of a sentence.
    fileprivate var lowercasedFirst: String { prefix(1).lowercased() + dropFirst() }
}
