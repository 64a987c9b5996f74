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

    static func `for`(_ language: Language) -> PartnerSitRapStrings { language == .nl ? nl : en }

    static let nl = PartnerSitRapStrings(
        title: "SitRap van een partner invoeren (via liaison)",
        help: "Voor partners in koppelsamenwerking: neem hun eigen SitRap over. Hij komt in het thema van de partner, gemarkeerd als 'via liaison'.",
        partner: "Partner", reportedAt: "Tijdstip van de SitRap (leeg: nu)", situation: "Situatie",
        measures: "Genomen maatregelen", expectation: "Verwachting", needs: "Behoeften / bijstand", contact: "Contactpersoon",
        submit: "SitRap invoeren")

    static let en = PartnerSitRapStrings(
        title: "Enter a partner's SitRap (via liaison)",
        help: "For partners under koppelsamenwerking: enter their own SitRap. It lands in the partner's theme, marked 'via liaison'.",
        partner: "Partner", reportedAt: "Time of the SitRap (empty: now)", situation: "Situation",
        measures: "Measures taken", expectation: "Expectation", needs: "Needs / assistance", contact: "Contact person",
        submit: "Enter SitRap")
}
