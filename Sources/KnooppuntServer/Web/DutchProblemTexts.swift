import Foundation

/// Dutch for the access policy's refusals as they reach a page (the policy and the API keep English): the
/// English text is the key, as in a message catalogue; `$1`… take the names and codes the text carries. A
/// refusal not listed here gets `ErrorPage`'s Dutch sentence for its status.
enum DutchProblemTexts {
    private static let catalogue: [(pattern: String, dutch: String)] = [
        // partners and need-to-know (AccessPolicy)
        (#"^(.+) is not linked to this incident \(need-to-know\)$"#, "$1 is niet aan dit incident gekoppeld (need-to-know)."),
        (#"^(.+)'s access to this incident was ended \((.+)\)$"#, "De toegang van $1 tot dit incident is beëindigd."),
        (#"^(.+)'s access to this incident has expired$"#, "De toegang van $1 tot dit incident is verlopen."),
        (#"^(.+)'s access to this incident has not started yet$"#, "De toegang van $1 tot dit incident is nog niet ingegaan."),
        (#"^koppelsamenwerking: "#, "Koppelsamenwerking: de partner heeft geen eigen toegang; de liaison van de regio deelt de informatie."),
        (#"^ad-hoc-aansluiting: "#, "Ad-hoc-aansluiting: geen eigen toegang; een gedetacheerde HIN van de regio werkt namens de partner."),
        (#"^a standby partner reads the incident once"#,
         "Een standby-partner leest het incident zodra de informatiemanager van de regio hem toelaat of uitnodigt mee te kijken."),
        (#"^this link gives no read access$"#, "Deze koppeling geeft geen leestoegang."),
        (#"^(\S+) information is not shared with (\S+) under this link$"#, "Informatie ‘$1’ wordt onder deze koppeling niet met $2 gedeeld."),
        (#"^only standby partners have a monitoring list$"#, "Alleen standby-partners hebben een monitoringlijst."),
        (#"^crisis partners do not open incidents; the region does$"#, "Crisispartners openen geen incidenten; dat doet de regio."),
        (#"^the region keeps regie: crisis partners do not (.+)$"#, "De regio houdt de regie: crisispartners doen dit niet ($1)."),
        (#"^a partner writes only in its own theme \((.+)\)$"#, "Een partner schrijft alleen in het eigen thema ($1)."),
        (#"^only partners under kernsamenwerking import"#, "Alleen partners in kernsamenwerking lezen meldingen in uit hun eigen netcentrische beeld."),
        (#"^the incident is (\S+); only open incidents take new information$"#,
         "Het incident is $1; alleen open incidenten nemen nieuwe informatie aan."),
        // the partner registry and overview
        (#"^the partner registry is kept by the national node and the administrators$"#,
         "Het partnerregister wordt bijgehouden door het landelijk knooppunt en de beheerders."),
        (#"^the national partner overview is for the regions and the national node$"#,
         "Het landelijk partneroverzicht is voor de regio's en het landelijk knooppunt."),
        (#"^a partner sees only its own registration$"#, "Een partner ziet alleen de eigen registratie."),
        // the region's own staff
        (#"^(\S+) is not involved in this incident$"#, "$1 is niet bij dit incident betrokken."),
        (#"^a liaison enters information but does not open incidents$"#, "Een liaison voert informatie in, maar opent geen incidenten."),
        (#"^a liaison cannot change the incident itself$"#, "Een liaison kan het incident zelf niet wijzigen."),
        (#"^only the information manager \(IM or HIN\) verifies, admits and links partners$"#,
         "Alleen de informatiemanager (IM of HIN) verifieert, laat toe en koppelt partners."),
        (#"^decisions are recorded by the chair, the operational leader, the commander or the IM$"#,
         "Besluiten worden vastgelegd door de voorzitter, de operationeel leider, de commandant of de IM."),
        (#"^only the chair \(voorzitter\) of an involved region may break the glass$"#,
         "Alleen de voorzitter van een betrokken regio mag de noodtoegang (break glass) gebruiken."),
        (#"^confidential information stays with the region"#, "Vertrouwelijke informatie blijft bij de regio."),
        (#"^the national node reads regional pictures but does not write them$"#,
         "Het landelijk knooppunt leest de regionale beelden, maar schrijft er niet in."),
        (#"^administrators manage accounts"#, "Beheerders beheren accounts; dit is voor de crisisorganisatie (need-to-know)."),
        (#"^temporary accounts are issued by an administrator"#, "Tijdelijke accounts worden uitgegeven door een beheerder."),
        (#"^temporary accounts are issued for open incidents only$"#, "Tijdelijke accounts worden alleen voor open incidenten uitgegeven."),
        (#"^the access report is for administrators, chairs and the national node$"#,
         "De verantwoording van toegang is voor beheerders, voorzitters en het landelijk knooppunt."),
        (#"^the national picture from the regional nodes is for the national node's staff$"#,
         "Het landelijk beeld uit de regionale knooppunten is voor de medewerkers van het landelijk knooppunt."),
        // the emergency account (decision 0017)
        (#"^the emergency account of (\S+) reads only the fallback picture of (\S+), not of (\S+)$"#,
         "Het noodaccount van $1 leest alleen de terugvalkopie van $2, niet die van $3."),
        (#"^the fallback picture of a region is read with that region's emergency account"#,
         "De terugvalkopie van een regio wordt alleen met het noodaccount van die regio gelezen."),
    ]

    private static let compiled: [(NSRegularExpression, String)] = catalogue.compactMap { entry in
        (try? NSRegularExpression(pattern: entry.pattern)).map { ($0, entry.dutch) }
    }

    /// The Dutch text for an English refusal, or nil when the catalogue does not know it.
    static func dutch(for english: String) -> String? {
        let range = NSRange(english.startIndex..., in: english)
        for (expression, template) in compiled {
            guard let match = expression.firstMatch(in: english, range: range) else { continue }
            return expression.replacementString(for: match, in: english, offset: 0, template: template)
        }
        return nil
    }
}
