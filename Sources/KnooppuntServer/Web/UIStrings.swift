import KnooppuntCore
import Vapor

/// Every text of the web UI, in Dutch (the default) and English. One value per language, so a missing
/// translation is a compile error, not a blank on screen.
struct UIStrings: Sendable {
    let language: Language
    let productTagline: String
    let skipToContent: String
    let loginTitle: String
    let loginIntro: String
    let username: String
    let password: String
    let logIn: String
    let logOut: String
    let loginFailed: String
    let sessionExpired: String
    let home: String
    let welcome: String
    let yourOrganisation: String
    let yourRole: String
    let regionMapTitle: String
    let regionMapHelp: String
    let regionList: String
    let code: String
    let name: String
    let province: String
    let mapUnavailable: String
    let boundaryCredit: String
    let switchLanguage: String
    let switchLanguageLabel: String
    let errorTitle: String
    let backHome: String
    let kind: String

    static let nl = UIStrings(
        language: .nl,
        productTagline: "Netcentrisch crisisbeheer",
        skipToContent: "Naar de inhoud",
        loginTitle: "Inloggen",
        loginIntro: "Log in met uw Knooppunt-account.",
        username: "Gebruikersnaam",
        password: "Wachtwoord",
        logIn: "Inloggen",
        logOut: "Uitloggen",
        loginFailed: "Onbekende gebruikersnaam of onjuist wachtwoord, of het account is geblokkeerd.",
        sessionExpired: "Uw sessie is verlopen. Log opnieuw in.",
        home: "Overzicht",
        welcome: "Welkom",
        yourOrganisation: "Organisatie",
        yourRole: "Rol",
        regionMapTitle: "De 25 veiligheidsregio's",
        regionMapHelp: "Uw eigen regio is gemarkeerd. Beweeg over een regio voor de naam.",
        regionList: "Veiligheidsregio's",
        code: "Code",
        name: "Naam",
        province: "Provincie",
        mapUnavailable: "De kaart kan niet worden getoond: Leaflet is niet geïnstalleerd.",
        boundaryCredit: "Grenzen: CBS / PDOK, CC BY 4.0",
        switchLanguage: "English",
        switchLanguageLabel: "Switch to English",
        errorTitle: "Er ging iets mis",
        backHome: "Terug naar het overzicht",
        kind: "Soort")

    static let en = UIStrings(
        language: .en,
        productTagline: "Netcentric crisis management",
        skipToContent: "Skip to content",
        loginTitle: "Log in",
        loginIntro: "Log in with your Knooppunt account.",
        username: "Username",
        password: "Password",
        logIn: "Log in",
        logOut: "Log out",
        loginFailed: "Unknown username or wrong password, or the account is disabled.",
        sessionExpired: "Your session has expired. Please log in again.",
        home: "Overview",
        welcome: "Welcome",
        yourOrganisation: "Organisation",
        yourRole: "Role",
        regionMapTitle: "The 25 safety regions",
        regionMapHelp: "Your own region is highlighted. Hover over a region to see its name.",
        regionList: "Safety regions",
        code: "Code",
        name: "Name",
        province: "Province",
        mapUnavailable: "The map cannot be shown: Leaflet is not installed.",
        boundaryCredit: "Boundaries: CBS / PDOK, CC BY 4.0",
        switchLanguage: "Nederlands",
        switchLanguageLabel: "Schakel over naar Nederlands",
        errorTitle: "Something went wrong",
        backHome: "Back to the overview",
        kind: "Kind")

    static func `for`(_ language: Language) -> UIStrings { language == .nl ? nl : en }
}

extension Request {
    static let languageCookie = "kp_lang"

    /// The UI language: the `kp_lang` cookie, else Dutch.
    var uiLanguage: Language {
        cookies[Self.languageCookie].flatMap { Language(rawValue: $0.string) } ?? .nl
    }

    var strings: UIStrings { UIStrings.for(uiLanguage) }
}
