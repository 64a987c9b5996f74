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
    let incidents: String
    let exercises: String
    let realIncidents: String
    let newIncident: String
    let title: String
    let category: String
    let gripLabel: String
    let phaseLabel: String
    let statusLabel: String
    let regionsLabel: String
    let lastUpdate: String
    let stale: String
    let exerciseFlag: String
    let create: String
    let filter: String
    let any: String
    let noIncidents: String
    let exerciseBanner: String
    let timeline: String
    let timelineHelp: String
    let live: String
    let backToLive: String
    let viewingPast: String
    let newEntry: String
    let theme: String
    let text: String
    let source: String
    let priority: String
    let add: String
    let verify: String
    let contradict: String
    let admit: String
    let sharedPicture: String
    let decisions: String
    let actions: String
    let team: String
    let decidedBy: String
    let owner: String
    let deadline: String
    let logbook: String
    let changesSince: String
    let show: String
    let conflicts: String
    let overdue: String
    let noEntries: String
    let noScript: String
    let edit: String
    let lead: String
    let proposeIRBT: String
    let markConflict: String
    let otherEntry: String
    let note: String
    let resolve: String
    let resolution: String
    let revoke: String
    let revoked: String
    let changeStatus: String
    let partnerOverview: String
    let partnerOverviewIntro: String
    let partners: String
    let partner: String
    let coreTask: String
    let profile: String
    let reach: String
    let adoptionRegion: String
    let stage: String
    let test: String
    let preconditions: String
    let untested: String
    let retest: String
    let inTalks: String
    let allRegions: String
    let downloadCSV: String
    let noPartners: String
    let scaling: String
    let reason: String
    let save: String
    let access: String
    let accessIntro: String
    let linkPartner: String
    let purpose: String
    let duration: String
    let hoursUnit: String
    let untilLabel: String
    let admitPartner: String
    let disconnect: String
    let noGrants: String
    let ended: String
    let breakGlass: String
    let breakGlassIntro: String
    let glassBroken: String
    let openedFor: String
    let organisationLabel: String
    let classification: String
    let awaitingAdmission: String
    let viaLiaison: String
    let onBehalfOf: String
    let ownOrganisation: String
    let monitoringList: String
    let monitoringIntro: String
    let linkStatus: String
    let notLinked: String
    let openPicture: String
    let noMonitoring: String
    let accessReport: String
    let accessReportIntro: String
    let sinceLabel: String
    let actor: String
    let accessEnded: String
    let writtenReason: String
    let alerts: String
    let acknowledge: String
    let acknowledgedBy: String
    let escalatedTo: String
    let escalatesAt: String
    let noAlerts: String
    let alertReason: String
    let temporaryAccounts: String
    let temporaryAccountsIntro: String
    let incidentReference: String
    let organisationCode: String
    let organisationNameIfNew: String
    let displayName: String
    let issueAccount: String
    let accountIssued: String
    let mapTitle: String
    let mapPlots: String
    let mapRegions: String
    let mapMunicipalities: String
    let mapProvinces: String
    let mapAffected: String
    let mapNoneAffected: String
    let mapIRBT: String
    let mapPartners: String
    let mapRemove: String
    let mapFinish: String
    let mapCancel: String
    let mapRadius: String
    let mapSymbol: String
    let mapLabelText: String
    let mapHintPoint: String
    let mapHintShape: String
    let mapUnavailableHere: String
    let affectedTitle: String
    let nationalMap: String
    let nationalMapIntro: String
    let mapNav: String
    let rdTitle: String
    let rdGo: String
    let rdHelp: String
    let mapReshape: String
    let mapReshapeHint: String
    let sitrap: SitRapStrings
    let fallback: FallbackStrings

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
        kind: "Soort",
        incidents: "Incidenten",
        exercises: "Oefeningen",
        realIncidents: "Echte incidenten",
        newIncident: "Nieuw incident",
        title: "Titel",
        category: "Categorie",
        gripLabel: "GRIP",
        phaseLabel: "Fase",
        statusLabel: "Status",
        regionsLabel: "Regio's",
        lastUpdate: "Laatst bijgewerkt",
        stale: "Verouderd",
        exerciseFlag: "Dit is een oefening",
        create: "Aanmaken",
        filter: "Filteren",
        any: "Alle",
        noIncidents: "Geen incidenten.",
        exerciseBanner: "OEFENING — geen echt incident",
        timeline: "Tijdlijn",
        timelineHelp: "Schuif terug om het beeld te zien zoals het toen was.",
        live: "Live",
        backToLive: "Terug naar nu",
        viewingPast: "U bekijkt het beeld van",
        newEntry: "Nieuwe melding",
        theme: "Thema",
        text: "Tekst",
        source: "Bron",
        priority: "Prioriteit",
        add: "Toevoegen",
        verify: "Verifiëren",
        contradict: "Tegenspreken",
        admit: "Opnemen in gedeeld beeld",
        sharedPicture: "Gedeeld beeld",
        decisions: "Besluiten",
        actions: "Acties",
        team: "Team",
        decidedBy: "Besloten door",
        owner: "Eigenaar (organisatiecode)",
        deadline: "Deadline",
        logbook: "Logboek",
        changesSince: "Wijzigingen sinds",
        show: "Tonen",
        conflicts: "Tegenstrijdigheden",
        overdue: "Wacht te lang op verificatie",
        noEntries: "Nog geen meldingen.",
        noScript: "Voor het live beeld is JavaScript nodig.",
        edit: "Bewerken",
        lead: "leidend",
        proposeIRBT: "Meer dan één regio betrokken: overweeg GRIP 5 en een IRBT.",
        markConflict: "Tegenstrijdig met…",
        otherEntry: "Ander bericht",
        note: "Toelichting",
        resolve: "Oplossen",
        resolution: "Oplossing",
        revoke: "Intrekken",
        revoked: "ingetrokken",
        changeStatus: "Status wijzigen",
        partnerOverview: "Landelijk partneroverzicht",
        partnerOverviewIntro: "Welke partner werkt volgens welk samenwerkingsprofiel met welke regio's, met wie wordt nog gesproken, is de samenwerking getoetst en welke regio is adoptieregio.",
        partners: "Partners",
        partner: "Partner",
        coreTask: "Kerntaak",
        profile: "Profiel",
        reach: "Reikwijdte",
        adoptionRegion: "Adoptieregio",
        stage: "Fase afspraken",
        test: "Toetsing",
        preconditions: "Randvoorwaarden",
        untested: "Niet getoetst",
        retest: "hertoets",
        inTalks: "in gesprek",
        allRegions: "Alle 25 regio's",
        downloadCSV: "Download als CSV",
        noPartners: "Geen partners die aan het filter voldoen.",
        scaling: "Opschalen, afschalen en status",
        reason: "Reden (verplicht bij GRIP-wijziging)",
        save: "Opslaan",
        access: "Toegang van partners",
        accessIntro: "Partners lezen dit incident alleen zolang ze gekoppeld zijn. Elke koppeling heeft een doel en een einde; bij ontkoppelen of verlopen stopt de toegang direct.",
        linkPartner: "Partner koppelen",
        purpose: "Doel",
        duration: "Duur",
        hoursUnit: "uur",
        untilLabel: "tot",
        admitPartner: "Toelaten (meekijken)",
        disconnect: "Ontkoppelen",
        noGrants: "Nog geen partners gekoppeld.",
        ended: "beëindigd",
        breakGlass: "Glas breken",
        breakGlassIntro: "Alleen de voorzitter: open het incident tijdelijk (ten hoogste 24 uur) voor een organisatie, met een schriftelijke reden. Dit wordt vastgelegd en gemeld aan de informatiemanager.",
        glassBroken: "Glas gebroken",
        openedFor: "opengesteld voor",
        organisationLabel: "Organisatie",
        classification: "Rubricering",
        awaitingAdmission: "wacht op toelating door de IM",
        viaLiaison: "via liaison",
        onBehalfOf: "Namens partner (liaison of HIN)",
        ownOrganisation: "— eigen organisatie —",
        monitoringList: "Monitoringlijst",
        monitoringIntro: "Incidenten in de regio's waarmee uw organisatie samenwerkt: titel, categorie, gebied en GRIP. Het beeld zelf ziet u pas als de informatiemanager van de regio u toelaat of uitnodigt mee te kijken.",
        linkStatus: "Koppeling",
        notLinked: "niet gekoppeld",
        openPicture: "Beeld openen",
        noMonitoring: "Geen incidenten in uw monitoringlijst.",
        accessReport: "Verantwoording toegang",
        accessReportIntro: "Alle koppelingen, wijzigingen, ontkoppelingen, gebroken glas en inzage in vertrouwelijke informatie sinds een moment, uit het journaal.",
        sinceLabel: "Sinds",
        actor: "Door",
        accessEnded: "Uw toegang tot dit incident is beëindigd.",
        writtenReason: "Reden",
        alerts: "Alarmeringen",
        acknowledge: "Bevestigen",
        acknowledgedBy: "bevestigd door",
        escalatedTo: "niet bevestigd, opgeschaald naar",
        escalatesAt: "niet bevestigd, escaleert om",
        noAlerts: "Geen alarmeringen.",
        alertReason: "Waarom",
        temporaryAccounts: "Tijdelijke accounts",
        temporaryAccountsIntro: "Geef een ad-hocpartner een account dat alleen voor één incident geldt en op een vast moment ophoudt te werken (ten hoogste 30 dagen). Het wachtwoord wordt één keer getoond: geef het via een tweede kanaal door.",
        incidentReference: "Incidentnummer (bijv. VR13-2026-0001)",
        organisationCode: "Organisatiecode",
        organisationNameIfNew: "Naam van de organisatie (als die nog niet bekend is)",
        displayName: "Naam",
        issueAccount: "Account uitgeven",
        accountIssued: "Account uitgegeven. Wachtwoord (wordt niet opnieuw getoond):",
        mapTitle: "Kaart",
        mapPlots: "Plots van dit incident",
        mapRegions: "Veiligheidsregio's",
        mapMunicipalities: "Gemeenten",
        mapProvinces: "Provincies",
        mapAffected: "Binnen de getekende gebieden en het incidentgebied:",
        mapNoneAffected: "Nog geen gebied getekend: teken een effectgebied, afzetting of cirkel.",
        mapIRBT: "Meer dan één regio getroffen: overweeg GRIP 5 en een IRBT.",
        mapPartners: "Partners van deze regio's",
        mapRemove: "Van de kaart halen",
        mapFinish: "Afronden",
        mapCancel: "Stoppen",
        mapRadius: "Straal (m)",
        mapSymbol: "Symbool",
        mapLabelText: "Tekst bij de plot",
        mapHintPoint: "Klik op de kaart om te plaatsen.",
        mapHintShape: "Klik de punten op de kaart; dubbelklik of 'Afronden' om af te ronden.",
        mapUnavailableHere: "De kaart is niet beschikbaar: Leaflet is niet geïnstalleerd.",
        affectedTitle: "Getroffen gebied",
        nationalMap: "Kaart van alle incidenten",
        nationalMapIntro: "Alle open incidenten die u mag zien; elke regio kleurt naar het hoogste GRIP-niveau van haar incidenten.",
        mapNav: "Kaart",
        rdTitle: "RD-coördinaten",
        rdGo: "Ga naar",
        rdHelp: "Voer RD x en y in (meters). Met een puntgereedschap gekozen komt de plot daar.",
        mapReshape: "Vorm opnieuw tekenen",
        mapReshapeHint: "Klik de nieuwe punten; dubbelklik of 'Afronden' slaat de nieuwe vorm op als nieuwe versie.",
        sitrap: .nl,
        fallback: .nl)

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
        kind: "Kind",
        incidents: "Incidents",
        exercises: "Exercises",
        realIncidents: "Real incidents",
        newIncident: "New incident",
        title: "Title",
        category: "Category",
        gripLabel: "GRIP",
        phaseLabel: "Phase",
        statusLabel: "Status",
        regionsLabel: "Regions",
        lastUpdate: "Last updated",
        stale: "Stale",
        exerciseFlag: "This is an exercise",
        create: "Create",
        filter: "Filter",
        any: "Any",
        noIncidents: "No incidents.",
        exerciseBanner: "EXERCISE — not a real incident",
        timeline: "Timeline",
        timelineHelp: "Slide back to see the picture as it was then.",
        live: "Live",
        backToLive: "Back to now",
        viewingPast: "You are viewing the picture of",
        newEntry: "New entry",
        theme: "Theme",
        text: "Text",
        source: "Source",
        priority: "Priority",
        add: "Add",
        verify: "Verify",
        contradict: "Contradict",
        admit: "Admit to shared picture",
        sharedPicture: "Shared picture",
        decisions: "Decisions",
        actions: "Actions",
        team: "Team",
        decidedBy: "Decided by",
        owner: "Owner (organisation code)",
        deadline: "Deadline",
        logbook: "Logbook",
        changesSince: "Changes since",
        show: "Show",
        conflicts: "Conflicts",
        overdue: "Waiting too long for verification",
        noEntries: "No entries yet.",
        noScript: "The live picture needs JavaScript.",
        edit: "Edit",
        lead: "lead",
        proposeIRBT: "More than one region involved: consider GRIP 5 and an IRBT.",
        markConflict: "Conflicts with…",
        otherEntry: "Other entry",
        note: "Note",
        resolve: "Resolve",
        resolution: "Resolution",
        revoke: "Revoke",
        revoked: "revoked",
        changeStatus: "Change status",
        partnerOverview: "National partner overview",
        partnerOverviewIntro: "Which partner works under which collaboration profile with which regions, who is still in talks, whether the collaboration was tested, and which region adopts the partner.",
        partners: "Partners",
        partner: "Partner",
        coreTask: "Core task",
        profile: "Profile",
        reach: "Reach",
        adoptionRegion: "Adoption region",
        stage: "Stage",
        test: "Test",
        preconditions: "Preconditions",
        untested: "Not tested",
        retest: "re-test",
        inTalks: "in talks",
        allRegions: "All 25 regions",
        downloadCSV: "Download as CSV",
        noPartners: "No partners match the filter.",
        scaling: "Scaling and status",
        reason: "Reason (required when GRIP changes)",
        save: "Save",
        access: "Partner access",
        accessIntro: "Partners read this incident only while they are linked. Every link has a purpose and an end; when it is disconnected or expires, access stops at once.",
        linkPartner: "Link a partner",
        purpose: "Purpose",
        duration: "Duration",
        hoursUnit: "hours",
        untilLabel: "until",
        admitPartner: "Admit (look along)",
        disconnect: "Disconnect",
        noGrants: "No partners linked yet.",
        ended: "ended",
        breakGlass: "Break glass",
        breakGlassIntro: "The chair only: open the incident for at most 24 hours to an organisation, with a written reason. It is journaled and notified to the information manager.",
        glassBroken: "Glass broken",
        openedFor: "opened to",
        organisationLabel: "Organisation",
        classification: "Classification",
        awaitingAdmission: "awaiting the IM's admission",
        viaLiaison: "via liaison",
        onBehalfOf: "On behalf of a partner (liaison or HIN)",
        ownOrganisation: "— own organisation —",
        monitoringList: "Monitoring list",
        monitoringIntro: "Incidents in the regions your organisation works with: title, category, area and GRIP. You see the picture itself once the region's information manager admits you or invites you to look along.",
        linkStatus: "Link",
        notLinked: "not linked",
        openPicture: "Open picture",
        noMonitoring: "No incidents in your monitoring list.",
        accessReport: "Access report",
        accessReportIntro: "Every link, change, disconnection, break-glass opening and read of confidential information since a moment, from the journal.",
        sinceLabel: "Since",
        actor: "By",
        accessEnded: "Your access to this incident has ended.",
        writtenReason: "Reason",
        alerts: "Alerts",
        acknowledge: "Acknowledge",
        acknowledgedBy: "acknowledged by",
        escalatedTo: "not acknowledged, escalated to",
        escalatesAt: "not acknowledged, escalates at",
        noAlerts: "No alerts.",
        alertReason: "Why",
        temporaryAccounts: "Temporary accounts",
        temporaryAccountsIntro: "Give an ad-hoc partner an account that is valid for one incident only and stops working at a set time (at most 30 days). The password is shown once: hand it over by a second channel.",
        incidentReference: "Incident number (e.g. VR13-2026-0001)",
        organisationCode: "Organisation code",
        organisationNameIfNew: "Organisation name (when it is not known yet)",
        displayName: "Name",
        issueAccount: "Issue account",
        accountIssued: "Account issued. Password (not shown again):",
        mapTitle: "Map",
        mapPlots: "This incident's plots",
        mapRegions: "Safety regions",
        mapMunicipalities: "Municipalities",
        mapProvinces: "Provinces",
        mapAffected: "Inside the drawn areas and the incident area:",
        mapNoneAffected: "No area drawn yet: draw an effect area, cordon or circle.",
        mapIRBT: "More than one region affected: consider GRIP 5 and an IRBT.",
        mapPartners: "Partners of these regions",
        mapRemove: "Remove from the map",
        mapFinish: "Finish",
        mapCancel: "Stop",
        mapRadius: "Radius (m)",
        mapSymbol: "Symbol",
        mapLabelText: "Text of the plot",
        mapHintPoint: "Click the map to place it.",
        mapHintShape: "Click the points on the map; double-click or 'Finish' to complete.",
        mapUnavailableHere: "The map is not available: Leaflet is not installed.",
        affectedTitle: "Affected area",
        nationalMap: "Map of all incidents",
        nationalMapIntro: "Every open incident you may see; each region is coloured by the highest GRIP level of its incidents.",
        mapNav: "Map",
        rdTitle: "RD coordinates",
        rdGo: "Go to",
        rdHelp: "Enter RD x and y (metres). With a point tool chosen, the plot is placed there.",
        mapReshape: "Redraw the shape",
        mapReshapeHint: "Click the new points; double-click or 'Finish' saves the new shape as a new version.",
        sitrap: .en,
        fallback: .en)

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
