import KnooppuntCore

/// The texts of the liaison's SitRap intake form.
struct PartnerSitRapStrings: Sendable {
    let title: String
    let help: String
    let partner: String
    let reportedAt: String
    let situation: String
    let measures: String
    let expectation: String
    let needs: String
    let contact: String
    let submit: String

    func label(_ field: String) -> String {
        switch field {
        case "measures": measures
        case "expectation": expectation
        case "needs": needs
        default: situation
        }
    }

    static func `for`(_ language: Language) -> PartnerSitRapStrings { language.say(nl: nl, en: en) }

    static let nl = PartnerSitRapStrings(.nl)
    static let en = PartnerSitRapStrings(.en)

}

extension PartnerSitRapStrings {
    /// Every text in Dutch and English side by side.
    fileprivate init(_ language: Language) {
        self.init(
            title: language.say(nl: "SitRap van een partner aanleveren",
                                en: "Supply a partner's SitRap"),
            help: language.say(nl: "Voor partners in koppelsamenwerking of ad-hoc-aansluiting: de liaison van de partner levert de eigen SitRap aan (de informatiemanager laat hem toe), of de HIN van de regio neemt hem over. Hij komt in het thema van de partner.",
                               en: "For partners under koppelsamenwerking or ad-hoc-aansluiting: the partner's liaison supplies its own SitRap (the information manager admits it), or the region's HIN enters it. It lands in the partner's theme."),
            partner: "Partner",
            reportedAt: language.say(nl: "Tijdstip van de SitRap (leeg: nu)", en: "Time of the SitRap (empty: now)"),
            situation: language.say(nl: "Situatie", en: "Situation"),
            measures: language.say(nl: "Genomen maatregelen", en: "Measures taken"),
            expectation: language.say(nl: "Verwachting", en: "Expectation"),
            needs: language.say(nl: "Behoeften / bijstand", en: "Needs / assistance"),
            contact: language.say(nl: "Contactpersoon", en: "Contact person"),
            submit: language.say(nl: "SitRap invoeren", en: "Enter SitRap"))
    }
}
