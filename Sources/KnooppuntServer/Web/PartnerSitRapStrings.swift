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

    static func `for`(_ language: Language) -> PartnerSitRapStrings { language == .en ? en : nl }

    static let nl = PartnerSitRapStrings(.nl)
    static let en = PartnerSitRapStrings(.en)

}

extension PartnerSitRapStrings {
    /// Every text in Dutch and English side by side.
    fileprivate init(_ language: Language) {
        func say<T>(nl: T, en: T) -> T { language == .en ? en : nl }
        self.init(
            title: say(nl: "SitRap van een partner invoeren (via liaison)",
                       en: "Enter a partner's SitRap (via liaison)"),
            help: say(nl: "Voor partners in koppelsamenwerking: neem hun eigen SitRap over. Hij komt in het thema van de partner, gemarkeerd als 'via liaison'.",
                      en: "For partners under koppelsamenwerking: enter their own SitRap. It lands in the partner's theme, marked 'via liaison'."),
            partner: "Partner",
            reportedAt: say(nl: "Tijdstip van de SitRap (leeg: nu)", en: "Time of the SitRap (empty: now)"),
            situation: say(nl: "Situatie", en: "Situation"),
            measures: say(nl: "Genomen maatregelen", en: "Measures taken"),
            expectation: say(nl: "Verwachting", en: "Expectation"),
            needs: say(nl: "Behoeften / bijstand", en: "Needs / assistance"),
            contact: say(nl: "Contactpersoon", en: "Contact person"),
            submit: say(nl: "SitRap invoeren", en: "Enter SitRap"))
    }
}
