import KnooppuntCore
import Vapor

/// The HTML page for an error outside the API. The API's problem+json keeps its (English) detail; a page
/// speaks the reader's language: in English it shows that detail, in Dutch a Dutch sentence for the kind of
/// problem, naming the field at fault (and the value refused) where the problem names them; a problem that
/// carries its own Dutch text (`Problem.dutch`), or whose refusal the catalogue knows (`DutchProblemTexts`), shows that.
enum ErrorPage {
    /// What the page says: the detail in English; in Dutch a sentence per kind of problem.
    static func message(
        status: HTTPResponseStatus, detail: String, field: String?, value: String? = nil, dutch: String? = nil,
        language: KnooppuntCore.Language
    ) -> String {
        guard language == .nl else { return detail }
        if let dutch = dutch ?? DutchProblemTexts.dutch(for: detail) { return dutch }
        switch status.code {
        case 400, 422:
            if let field, let label = fieldLabels[field] {
                if let value {
                    return "‘\(value.prefix(80))’ past niet in het veld ‘\(label)’: controleer het veld en probeer het opnieuw."
                }
                return "Wat u invulde klopt niet: controleer het veld ‘\(label)’ en probeer het opnieuw."
            }
            return "Wat u invulde of koos klopt niet. Ga terug, controleer het formulier en probeer het opnieuw."
        case 401: return "U bent niet (meer) ingelogd. Log in en probeer het opnieuw."
        case 403: return "Dit mag u met uw rol of organisatie niet inzien of doen."
        case 404: return "Deze pagina of dit gegeven bestaat niet (meer)."
        case 405: return "Deze pagina kan zo niet worden geopend."
        case 409: return "Dit kan nu niet: iemand anders heeft het intussen gewijzigd, of het past niet bij de huidige stand. Laad de pagina opnieuw en probeer het nog eens."
        case 413: return "Wat u verstuurde is te groot."
        case 415: return "Dit soort bestand of gegevens wordt hier niet aangenomen."
        case 429: return "Te veel pogingen kort na elkaar. Wacht even en probeer het dan opnieuw."
        case 500...: return "Er ging aan de kant van Knooppunt iets mis; dat is vastgelegd. Probeer het later opnieuw."
        default: return "Dit verzoek kon niet worden uitgevoerd."
        }
    }

    /// Dutch names of the form fields problems name (`Problem.field`), as the forms label them.
    static let fieldLabels: [String: String] = [
        "title": "Titel", "category": "Categorie", "grip": "GRIP", "text": "Tekst", "theme": "Thema",
        "source": "Bron", "reason": "Reden", "note": "Toelichting", "summary": "Samenvatting", "name": "Naam",
        "organisation": "Organisatie", "username": "Gebruikersnaam", "password": "Wachtwoord", "role": "Rol",
        "until": "Geldig tot", "since": "Vanaf", "at": "Tijdstip", "validFrom": "Geldig vanaf", "validUntil": "Geldig tot",
        "quantity": "Aantal", "hours": "Uren", "intervalMinutes": "Elke (minuten)", "type": "Type",
        "kind": "Soort", "status": "Status", "resolution": "Besluit", "regions": "Regio's", "priorities": "Prioriteiten",
        "addressees": "Geadresseerden", "office": "Ambt", "mandatary": "Gemandateerde", "capacityItem": "Capaciteit",
        "readinessMinutes": "Inzetbaar binnen (minuten)", "radiusKm": "Straal (km)", "geometry": "Plaats op de kaart",
        "longitude": "Lengtegraad", "latitude": "Breedtegraad", "lat": "Breedtegraad", "x": "X (RD)", "y": "Y (RD)",
        "event": "Gebeurtenis", "headline": "Kop", "instruction": "Handelingsperspectief", "description": "Toelichting",
        "urgency": "Urgentie", "severity": "Ernst", "certainty": "Zekerheid", "responseType": "Gevraagde reactie",
        "gripReason": "Reden (verplicht bij GRIP-wijziging)", "authorityReason": "Reden", "incident": "Incident",
        "decidedBy": "Besloten door", "team": "Team", "owner": "Eigenaar", "deadline": "Uiterlijk", "location": "Locatie",
        "regionsHeard": "Regio's die inbreng gaven", "outcome": "Uitkomst", "notes": "Toelichting", "baseVersion": "Versie",
    ]
}
