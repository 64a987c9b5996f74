import KnooppuntCore
import Vapor

/// Every text of the web UI, in Dutch (the default) and English. One value per language, so a missing
/// translation is a compile error, not a blank on screen.
struct UIStrings: Sendable, Bilingual {
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

    static let nl = UIStrings(.nl)
    static let en = UIStrings(.en)

    static func `for`(_ language: Language) -> UIStrings { language == .en ? en : nl }
}

extension Request {
    static let languageCookie = "kp_lang"

    /// The UI language: the `kp_lang` cookie, else Dutch.
    var uiLanguage: Language {
        cookies[Self.languageCookie].flatMap { Language(rawValue: $0.string) } ?? .nl
    }

    var strings: UIStrings { UIStrings.for(uiLanguage) }
}

extension UIStrings {
    /// Every text in Dutch and English side by side.
    fileprivate init(_ language: Language) {
        func say<T>(nl: T, en: T) -> T { language == .en ? en : nl }
        self.init(
            language: language,
            productTagline: say(nl: "Netcentrisch crisisbeheer", en: "Netcentric crisis management"),
            skipToContent: say(nl: "Naar de inhoud", en: "Skip to content"),
            loginTitle: say(nl: "Inloggen", en: "Log in"),
            loginIntro: say(nl: "Log in met uw Knooppunt-account.", en: "Log in with your Knooppunt account."),
            username: say(nl: "Gebruikersnaam", en: "Username"),
            password: say(nl: "Wachtwoord", en: "Password"),
            logIn: say(nl: "Inloggen", en: "Log in"),
            logOut: say(nl: "Uitloggen", en: "Log out"),
            loginFailed: say(nl: "Onbekende gebruikersnaam of onjuist wachtwoord, of het account is geblokkeerd.",
                             en: "Unknown username or wrong password, or the account is disabled."),
            sessionExpired: say(nl: "Uw sessie is verlopen. Log opnieuw in.",
                                en: "Your session has expired. Please log in again."),
            home: say(nl: "Overzicht", en: "Overview"),
            welcome: say(nl: "Welkom", en: "Welcome"),
            yourOrganisation: say(nl: "Organisatie", en: "Organisation"),
            yourRole: say(nl: "Rol", en: "Role"),
            regionMapTitle: say(nl: "De 25 veiligheidsregio's", en: "The 25 safety regions"),
            regionMapHelp: say(nl: "Uw eigen regio is gemarkeerd. Beweeg over een regio voor de naam.",
                               en: "Your own region is highlighted. Hover over a region to see its name."),
            regionList: say(nl: "Veiligheidsregio's", en: "Safety regions"),
            code: "Code",
            name: say(nl: "Naam", en: "Name"),
            province: say(nl: "Provincie", en: "Province"),
            mapUnavailable: say(nl: "De kaart kan niet worden getoond: Leaflet is niet geïnstalleerd.",
                                en: "The map cannot be shown: Leaflet is not installed."),
            boundaryCredit: say(nl: "Grenzen: CBS / PDOK, CC BY 4.0", en: "Boundaries: CBS / PDOK, CC BY 4.0"),
            switchLanguage: say(nl: "English", en: "Nederlands"),
            switchLanguageLabel: say(nl: "Switch to English", en: "Schakel over naar Nederlands"),
            errorTitle: say(nl: "Er ging iets mis", en: "Something went wrong"),
            backHome: say(nl: "Terug naar het overzicht", en: "Back to the overview"),
            kind: say(nl: "Soort", en: "Kind"),
            incidents: say(nl: "Incidenten", en: "Incidents"),
            exercises: say(nl: "Oefeningen", en: "Exercises"),
            realIncidents: say(nl: "Echte incidenten", en: "Real incidents"),
            newIncident: say(nl: "Nieuw incident", en: "New incident"),
            title: say(nl: "Titel", en: "Title"),
            category: say(nl: "Categorie", en: "Category"),
            gripLabel: "GRIP",
            phaseLabel: say(nl: "Fase", en: "Phase"),
            statusLabel: "Status",
            regionsLabel: say(nl: "Regio's", en: "Regions"),
            lastUpdate: say(nl: "Laatst bijgewerkt", en: "Last updated"),
            stale: say(nl: "Verouderd", en: "Stale"),
            exerciseFlag: say(nl: "Dit is een oefening", en: "This is an exercise"),
            create: say(nl: "Aanmaken", en: "Create"),
            filter: say(nl: "Filteren", en: "Filter"),
            any: say(nl: "Alle", en: "Any"),
            noIncidents: say(nl: "Geen incidenten.", en: "No incidents."),
            exerciseBanner: say(nl: "OEFENING — geen echt incident", en: "EXERCISE — not a real incident"),
            timeline: say(nl: "Tijdlijn", en: "Timeline"),
            timelineHelp: say(nl: "Schuif terug om het beeld te zien zoals het toen was.",
                              en: "Slide back to see the picture as it was then."),
            live: "Live",
            backToLive: say(nl: "Terug naar nu", en: "Back to now"),
            viewingPast: say(nl: "U bekijkt het beeld van", en: "You are viewing the picture of"),
            newEntry: say(nl: "Nieuwe melding", en: "New entry"),
            theme: say(nl: "Thema", en: "Theme"),
            text: say(nl: "Tekst", en: "Text"),
            source: say(nl: "Bron", en: "Source"),
            priority: say(nl: "Prioriteit", en: "Priority"),
            add: say(nl: "Toevoegen", en: "Add"),
            verify: say(nl: "Verifiëren", en: "Verify"),
            contradict: say(nl: "Tegenspreken", en: "Contradict"),
            admit: say(nl: "Opnemen in gedeeld beeld", en: "Admit to shared picture"),
            sharedPicture: say(nl: "Gedeeld beeld", en: "Shared picture"),
            decisions: say(nl: "Besluiten", en: "Decisions"),
            actions: say(nl: "Acties", en: "Actions"),
            team: "Team",
            decidedBy: say(nl: "Besloten door", en: "Decided by"),
            owner: say(nl: "Eigenaar (organisatiecode)", en: "Owner (organisation code)"),
            deadline: "Deadline",
            logbook: say(nl: "Logboek", en: "Logbook"),
            changesSince: say(nl: "Wijzigingen sinds", en: "Changes since"),
            show: say(nl: "Tonen", en: "Show"),
            conflicts: say(nl: "Tegenstrijdigheden", en: "Conflicts"),
            overdue: say(nl: "Wacht te lang op verificatie", en: "Waiting too long for verification"),
            noEntries: say(nl: "Nog geen meldingen.", en: "No entries yet."),
            noScript: say(nl: "Voor het live beeld is JavaScript nodig.", en: "The live picture needs JavaScript."),
            edit: say(nl: "Bewerken", en: "Edit"),
            lead: say(nl: "leidend", en: "lead"),
            proposeIRBT: say(nl: "Meer dan één regio betrokken: overweeg GRIP 5 en een IRBT.",
                             en: "More than one region involved: consider GRIP 5 and an IRBT."),
            markConflict: say(nl: "Tegenstrijdig met…", en: "Conflicts with…"),
            otherEntry: say(nl: "Ander bericht", en: "Other entry"),
            note: say(nl: "Toelichting", en: "Note"),
            resolve: say(nl: "Oplossen", en: "Resolve"),
            resolution: say(nl: "Oplossing", en: "Resolution"),
            revoke: say(nl: "Intrekken", en: "Revoke"),
            revoked: say(nl: "ingetrokken", en: "revoked"),
            changeStatus: say(nl: "Status wijzigen", en: "Change status"),
            partnerOverview: say(nl: "Landelijk partneroverzicht", en: "National partner overview"),
            partnerOverviewIntro: say(nl: "Welke partner werkt volgens welk samenwerkingsprofiel met welke regio's, met wie wordt nog gesproken, is de samenwerking getoetst en welke regio is adoptieregio.",
                                      en: "Which partner works under which collaboration profile with which regions, who is still in talks, whether the collaboration was tested, and which region adopts the partner."),
            partners: "Partners",
            partner: "Partner",
            coreTask: say(nl: "Kerntaak", en: "Core task"),
            profile: say(nl: "Profiel", en: "Profile"),
            reach: say(nl: "Reikwijdte", en: "Reach"),
            adoptionRegion: say(nl: "Adoptieregio", en: "Adoption region"),
            stage: say(nl: "Fase afspraken", en: "Stage"),
            test: say(nl: "Toetsing", en: "Test"),
            preconditions: say(nl: "Randvoorwaarden", en: "Preconditions"),
            untested: say(nl: "Niet getoetst", en: "Not tested"),
            retest: say(nl: "hertoets", en: "re-test"),
            inTalks: say(nl: "in gesprek", en: "in talks"),
            allRegions: say(nl: "Alle 25 regio's", en: "All 25 regions"),
            downloadCSV: say(nl: "Download als CSV", en: "Download as CSV"),
            noPartners: say(nl: "Geen partners die aan het filter voldoen.", en: "No partners match the filter."),
            scaling: say(nl: "Opschalen, afschalen en status", en: "Scaling and status"),
            reason: say(nl: "Reden (verplicht bij GRIP-wijziging)", en: "Reason (required when GRIP changes)"),
            save: say(nl: "Opslaan", en: "Save"),
            access: say(nl: "Toegang van partners", en: "Partner access"),
            accessIntro: say(nl: "Partners lezen dit incident alleen zolang ze gekoppeld zijn. Elke koppeling heeft een doel en een einde; bij ontkoppelen of verlopen stopt de toegang direct.",
                             en: "Partners read this incident only while they are linked. Every link has a purpose and an end; when it is disconnected or expires, access stops at once."),
            linkPartner: say(nl: "Partner koppelen", en: "Link a partner"),
            purpose: say(nl: "Doel", en: "Purpose"),
            duration: say(nl: "Duur", en: "Duration"),
            hoursUnit: say(nl: "uur", en: "hours"),
            untilLabel: say(nl: "tot", en: "until"),
            admitPartner: say(nl: "Toelaten (meekijken)", en: "Admit (look along)"),
            disconnect: say(nl: "Ontkoppelen", en: "Disconnect"),
            noGrants: say(nl: "Nog geen partners gekoppeld.", en: "No partners linked yet."),
            ended: say(nl: "beëindigd", en: "ended"),
            breakGlass: say(nl: "Glas breken", en: "Break glass"),
            breakGlassIntro: say(nl: "Alleen de voorzitter: open het incident tijdelijk (ten hoogste 24 uur) voor een organisatie, met een schriftelijke reden. Dit wordt vastgelegd en gemeld aan de informatiemanager.",
                                 en: "The chair only: open the incident for at most 24 hours to an organisation, with a written reason. It is journaled and notified to the information manager."),
            glassBroken: say(nl: "Glas gebroken", en: "Glass broken"),
            openedFor: say(nl: "opengesteld voor", en: "opened to"),
            organisationLabel: say(nl: "Organisatie", en: "Organisation"),
            classification: say(nl: "Rubricering", en: "Classification"),
            awaitingAdmission: say(nl: "wacht op toelating door de IM", en: "awaiting the IM's admission"),
            viaLiaison: "via liaison",
            onBehalfOf: say(nl: "Namens partner (liaison of HIN)", en: "On behalf of a partner (liaison or HIN)"),
            ownOrganisation: say(nl: "— eigen organisatie —", en: "— own organisation —"),
            monitoringList: say(nl: "Monitoringlijst", en: "Monitoring list"),
            monitoringIntro: say(nl: "Incidenten in de regio's waarmee uw organisatie samenwerkt: titel, categorie, gebied en GRIP. Het beeld zelf ziet u pas als de informatiemanager van de regio u toelaat of uitnodigt mee te kijken.",
                                 en: "Incidents in the regions your organisation works with: title, category, area and GRIP. You see the picture itself once the region's information manager admits you or invites you to look along."),
            linkStatus: say(nl: "Koppeling", en: "Link"),
            notLinked: say(nl: "niet gekoppeld", en: "not linked"),
            openPicture: say(nl: "Beeld openen", en: "Open picture"),
            noMonitoring: say(nl: "Geen incidenten in uw monitoringlijst.", en: "No incidents in your monitoring list."),
            accessReport: say(nl: "Verantwoording toegang", en: "Access report"),
            accessReportIntro: say(nl: "Alle koppelingen, wijzigingen, ontkoppelingen, gebroken glas en inzage in vertrouwelijke informatie sinds een moment, uit het journaal.",
                                   en: "Every link, change, disconnection, break-glass opening and read of confidential information since a moment, from the journal."),
            sinceLabel: say(nl: "Sinds", en: "Since"),
            actor: say(nl: "Door", en: "By"),
            accessEnded: say(nl: "Uw toegang tot dit incident is beëindigd.",
                             en: "Your access to this incident has ended."),
            writtenReason: say(nl: "Reden", en: "Reason"),
            alerts: say(nl: "Alarmeringen", en: "Alerts"),
            acknowledge: say(nl: "Bevestigen", en: "Acknowledge"),
            acknowledgedBy: say(nl: "bevestigd door", en: "acknowledged by"),
            escalatedTo: say(nl: "niet bevestigd, opgeschaald naar", en: "not acknowledged, escalated to"),
            escalatesAt: say(nl: "niet bevestigd, escaleert om", en: "not acknowledged, escalates at"),
            noAlerts: say(nl: "Geen alarmeringen.", en: "No alerts."),
            alertReason: say(nl: "Waarom", en: "Why"),
            temporaryAccounts: say(nl: "Tijdelijke accounts", en: "Temporary accounts"),
            temporaryAccountsIntro: say(nl: "Geef een ad-hocpartner een account dat alleen voor één incident geldt en op een vast moment ophoudt te werken (ten hoogste 30 dagen). Het wachtwoord wordt één keer getoond: geef het via een tweede kanaal door.",
                                        en: "Give an ad-hoc partner an account that is valid for one incident only and stops working at a set time (at most 30 days). The password is shown once: hand it over by a second channel."),
            incidentReference: say(nl: "Incidentnummer (bijv. VR13-2026-0001)",
                                   en: "Incident number (e.g. VR13-2026-0001)"),
            organisationCode: say(nl: "Organisatiecode", en: "Organisation code"),
            organisationNameIfNew: say(nl: "Naam van de organisatie (als die nog niet bekend is)",
                                       en: "Organisation name (when it is not known yet)"),
            displayName: say(nl: "Naam", en: "Name"),
            issueAccount: say(nl: "Account uitgeven", en: "Issue account"),
            accountIssued: say(nl: "Account uitgegeven. Wachtwoord (wordt niet opnieuw getoond):",
                               en: "Account issued. Password (not shown again):"),
            mapTitle: say(nl: "Kaart", en: "Map"),
            mapPlots: say(nl: "Plots van dit incident", en: "This incident's plots"),
            mapRegions: say(nl: "Veiligheidsregio's", en: "Safety regions"),
            mapMunicipalities: say(nl: "Gemeenten", en: "Municipalities"),
            mapProvinces: say(nl: "Provincies", en: "Provinces"),
            mapAffected: say(nl: "Binnen de getekende gebieden en het incidentgebied:",
                             en: "Inside the drawn areas and the incident area:"),
            mapNoneAffected: say(nl: "Nog geen gebied getekend: teken een effectgebied, afzetting of cirkel.",
                                 en: "No area drawn yet: draw an effect area, cordon or circle."),
            mapIRBT: say(nl: "Meer dan één regio getroffen: overweeg GRIP 5 en een IRBT.",
                         en: "More than one region affected: consider GRIP 5 and an IRBT."),
            mapPartners: say(nl: "Partners van deze regio's", en: "Partners of these regions"),
            mapRemove: say(nl: "Van de kaart halen", en: "Remove from the map"),
            mapFinish: say(nl: "Afronden", en: "Finish"),
            mapCancel: say(nl: "Stoppen", en: "Stop"),
            mapRadius: say(nl: "Straal (m)", en: "Radius (m)"),
            mapSymbol: say(nl: "Symbool", en: "Symbol"),
            mapLabelText: say(nl: "Tekst bij de plot", en: "Text of the plot"),
            mapHintPoint: say(nl: "Klik op de kaart om te plaatsen.", en: "Click the map to place it."),
            mapHintShape: say(nl: "Klik de punten op de kaart; dubbelklik of 'Afronden' om af te ronden.",
                              en: "Click the points on the map; double-click or 'Finish' to complete."),
            mapUnavailableHere: say(nl: "De kaart is niet beschikbaar: Leaflet is niet geïnstalleerd.",
                                    en: "The map is not available: Leaflet is not installed."),
            affectedTitle: say(nl: "Getroffen gebied", en: "Affected area"),
            nationalMap: say(nl: "Kaart van alle incidenten", en: "Map of all incidents"),
            nationalMapIntro: say(nl: "Alle open incidenten die u mag zien; elke regio kleurt naar het hoogste GRIP-niveau van haar incidenten.",
                                  en: "Every open incident you may see; each region is coloured by the highest GRIP level of its incidents."),
            mapNav: say(nl: "Kaart", en: "Map"),
            rdTitle: say(nl: "RD-coördinaten", en: "RD coordinates"),
            rdGo: say(nl: "Ga naar", en: "Go to"),
            rdHelp: say(nl: "Voer RD x en y in (meters). Met een puntgereedschap gekozen komt de plot daar.",
                        en: "Enter RD x and y (metres). With a point tool chosen, the plot is placed there."),
            mapReshape: say(nl: "Vorm opnieuw tekenen", en: "Redraw the shape"),
            mapReshapeHint: say(nl: "Klik de nieuwe punten; dubbelklik of 'Afronden' slaat de nieuwe vorm op als nieuwe versie.",
                                en: "Click the new points; double-click or 'Finish' saves the new shape as a new version."),
            sitrap: language == .en ? .en : .nl,
            fallback: language == .en ? .en : .nl)
    }
}
