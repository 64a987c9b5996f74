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

    static func `for`(_ language: Language) -> UIStrings { language.say(nl: nl, en: en) }
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
        self.init(
            language: language,
            productTagline: language.say(nl: "Netcentrisch crisisbeheer", en: "Netcentric crisis management"),
            skipToContent: language.say(nl: "Naar de inhoud", en: "Skip to content"),
            loginTitle: language.say(nl: "Inloggen", en: "Log in"),
            loginIntro: language.say(nl: "Log in met uw Knooppunt-account.", en: "Log in with your Knooppunt account."),
            username: language.say(nl: "Gebruikersnaam", en: "Username"),
            password: language.say(nl: "Wachtwoord", en: "Password"),
            logIn: language.say(nl: "Inloggen", en: "Log in"),
            logOut: language.say(nl: "Uitloggen", en: "Log out"),
            loginFailed: language.say(nl: "Onbekende gebruikersnaam of onjuist wachtwoord, of het account is geblokkeerd.",
                                      en: "Unknown username or wrong password, or the account is disabled."),
            sessionExpired: language.say(nl: "Uw sessie is verlopen. Log opnieuw in.",
                                         en: "Your session has expired. Please log in again."),
            home: language.say(nl: "Overzicht", en: "Overview"),
            welcome: language.say(nl: "Welkom", en: "Welcome"),
            yourOrganisation: language.say(nl: "Organisatie", en: "Organisation"),
            yourRole: language.say(nl: "Rol", en: "Role"),
            regionMapTitle: language.say(nl: "De 25 veiligheidsregio's", en: "The 25 safety regions"),
            regionMapHelp: language.say(nl: "Uw eigen regio is gemarkeerd. Beweeg over een regio voor de naam.",
                                        en: "Your own region is highlighted. Hover over a region to see its name."),
            regionList: language.say(nl: "Veiligheidsregio's", en: "Safety regions"),
            code: "Code",
            name: language.say(nl: "Naam", en: "Name"),
            province: language.say(nl: "Provincie", en: "Province"),
            mapUnavailable: language.say(nl: "De kaart kan niet worden getoond: Leaflet is niet geïnstalleerd.",
                                         en: "The map cannot be shown: Leaflet is not installed."),
            boundaryCredit: language.say(nl: "Grenzen: CBS / PDOK, CC BY 4.0", en: "Boundaries: CBS / PDOK, CC BY 4.0"),
            switchLanguage: language.say(nl: "English", en: "Nederlands"),
            switchLanguageLabel: language.say(nl: "Switch to English", en: "Schakel over naar Nederlands"),
            errorTitle: language.say(nl: "Er ging iets mis", en: "Something went wrong"),
            backHome: language.say(nl: "Terug naar het overzicht", en: "Back to the overview"),
            kind: language.say(nl: "Soort", en: "Kind"),
            incidents: language.say(nl: "Incidenten", en: "Incidents"),
            exercises: language.say(nl: "Oefeningen", en: "Exercises"),
            realIncidents: language.say(nl: "Echte incidenten", en: "Real incidents"),
            newIncident: language.say(nl: "Nieuw incident", en: "New incident"),
            title: language.say(nl: "Titel", en: "Title"),
            category: language.say(nl: "Categorie", en: "Category"),
            gripLabel: "GRIP",
            phaseLabel: language.say(nl: "Fase", en: "Phase"),
            statusLabel: "Status",
            regionsLabel: language.say(nl: "Regio's", en: "Regions"),
            lastUpdate: language.say(nl: "Laatst bijgewerkt", en: "Last updated"),
            stale: language.say(nl: "Verouderd", en: "Stale"),
            exerciseFlag: language.say(nl: "Dit is een oefening", en: "This is an exercise"),
            create: language.say(nl: "Aanmaken", en: "Create"),
            filter: language.say(nl: "Filteren", en: "Filter"),
            any: language.say(nl: "Alle", en: "Any"),
            noIncidents: language.say(nl: "Geen incidenten.", en: "No incidents."),
            exerciseBanner: language.say(nl: "OEFENING — geen echt incident", en: "EXERCISE — not a real incident"),
            timeline: language.say(nl: "Tijdlijn", en: "Timeline"),
            timelineHelp: language.say(nl: "Schuif terug om het beeld te zien zoals het toen was.",
                                       en: "Slide back to see the picture as it was then."),
            live: "Live",
            backToLive: language.say(nl: "Terug naar nu", en: "Back to now"),
            viewingPast: language.say(nl: "U bekijkt het beeld van", en: "You are viewing the picture of"),
            newEntry: language.say(nl: "Nieuwe melding", en: "New entry"),
            theme: language.say(nl: "Thema", en: "Theme"),
            text: language.say(nl: "Tekst", en: "Text"),
            source: language.say(nl: "Bron", en: "Source"),
            priority: language.say(nl: "Prioriteit", en: "Priority"),
            add: language.say(nl: "Toevoegen", en: "Add"),
            verify: language.say(nl: "Verifiëren", en: "Verify"),
            contradict: language.say(nl: "Tegenspreken", en: "Contradict"),
            admit: language.say(nl: "Opnemen in gedeeld beeld", en: "Admit to shared picture"),
            sharedPicture: language.say(nl: "Gedeeld beeld", en: "Shared picture"),
            decisions: language.say(nl: "Besluiten", en: "Decisions"),
            actions: language.say(nl: "Acties", en: "Actions"),
            team: "Team",
            decidedBy: language.say(nl: "Besloten door", en: "Decided by"),
            owner: language.say(nl: "Eigenaar (organisatiecode)", en: "Owner (organisation code)"),
            deadline: "Deadline",
            logbook: language.say(nl: "Logboek", en: "Logbook"),
            changesSince: language.say(nl: "Wijzigingen sinds", en: "Changes since"),
            show: language.say(nl: "Tonen", en: "Show"),
            conflicts: language.say(nl: "Tegenstrijdigheden", en: "Conflicts"),
            overdue: language.say(nl: "Wacht te lang op verificatie", en: "Waiting too long for verification"),
            noEntries: language.say(nl: "Nog geen meldingen.", en: "No entries yet."),
            noScript: language.say(nl: "Voor het live beeld is JavaScript nodig.", en: "The live picture needs JavaScript."),
            edit: language.say(nl: "Bewerken", en: "Edit"),
            lead: language.say(nl: "leidend", en: "lead"),
            proposeIRBT: language.say(nl: "Meer dan één regio betrokken: overweeg GRIP 5 en een IRBT.",
                                      en: "More than one region involved: consider GRIP 5 and an IRBT."),
            markConflict: language.say(nl: "Tegenstrijdig met…", en: "Conflicts with…"),
            otherEntry: language.say(nl: "Ander bericht", en: "Other entry"),
            note: language.say(nl: "Toelichting", en: "Note"),
            resolve: language.say(nl: "Oplossen", en: "Resolve"),
            resolution: language.say(nl: "Oplossing", en: "Resolution"),
            revoke: language.say(nl: "Intrekken", en: "Revoke"),
            revoked: language.say(nl: "ingetrokken", en: "revoked"),
            changeStatus: language.say(nl: "Status wijzigen", en: "Change status"),
            partnerOverview: language.say(nl: "Landelijk partneroverzicht", en: "National partner overview"),
            partnerOverviewIntro: language.say(nl: "Welke partner werkt volgens welk samenwerkingsprofiel met welke regio's, met wie wordt nog gesproken, is de samenwerking getoetst en welke regio is adoptieregio.",
                                               en: "Which partner works under which collaboration profile with which regions, who is still in talks, whether the collaboration was tested, and which region adopts the partner."),
            partners: "Partners",
            partner: "Partner",
            coreTask: language.say(nl: "Kerntaak", en: "Core task"),
            profile: language.say(nl: "Profiel", en: "Profile"),
            reach: language.say(nl: "Reikwijdte", en: "Reach"),
            adoptionRegion: language.say(nl: "Adoptieregio", en: "Adoption region"),
            stage: language.say(nl: "Fase afspraken", en: "Stage"),
            test: language.say(nl: "Toetsing", en: "Test"),
            preconditions: language.say(nl: "Randvoorwaarden", en: "Preconditions"),
            untested: language.say(nl: "Niet getoetst", en: "Not tested"),
            retest: language.say(nl: "hertoets", en: "re-test"),
            inTalks: language.say(nl: "in gesprek", en: "in talks"),
            allRegions: language.say(nl: "Alle 25 regio's", en: "All 25 regions"),
            downloadCSV: language.say(nl: "Download als CSV", en: "Download as CSV"),
            noPartners: language.say(nl: "Geen partners die aan het filter voldoen.", en: "No partners match the filter."),
            scaling: language.say(nl: "Opschalen, afschalen en status", en: "Scaling and status"),
            reason: language.say(nl: "Reden (verplicht bij GRIP-wijziging)", en: "Reason (required when GRIP changes)"),
            save: language.say(nl: "Opslaan", en: "Save"),
            access: language.say(nl: "Toegang van partners", en: "Partner access"),
            accessIntro: language.say(nl: "Partners lezen dit incident alleen zolang ze gekoppeld zijn. Elke koppeling heeft een doel en een einde; bij ontkoppelen of verlopen stopt de toegang direct.",
                                      en: "Partners read this incident only while they are linked. Every link has a purpose and an end; when it is disconnected or expires, access stops at once."),
            linkPartner: language.say(nl: "Partner koppelen", en: "Link a partner"),
            purpose: language.say(nl: "Doel", en: "Purpose"),
            duration: language.say(nl: "Duur", en: "Duration"),
            hoursUnit: language.say(nl: "uur", en: "hours"),
            untilLabel: language.say(nl: "tot", en: "until"),
            admitPartner: language.say(nl: "Toelaten (meekijken)", en: "Admit (look along)"),
            disconnect: language.say(nl: "Ontkoppelen", en: "Disconnect"),
            noGrants: language.say(nl: "Nog geen partners gekoppeld.", en: "No partners linked yet."),
            ended: language.say(nl: "beëindigd", en: "ended"),
            breakGlass: language.say(nl: "Glas breken", en: "Break glass"),
            breakGlassIntro: language.say(nl: "Alleen de voorzitter: open het incident tijdelijk (ten hoogste 24 uur) voor een organisatie, met een schriftelijke reden. Dit wordt vastgelegd en gemeld aan de informatiemanager.",
                                          en: "The chair only: open the incident for at most 24 hours to an organisation, with a written reason. It is journaled and notified to the information manager."),
            glassBroken: language.say(nl: "Glas gebroken", en: "Glass broken"),
            openedFor: language.say(nl: "opengesteld voor", en: "opened to"),
            organisationLabel: language.say(nl: "Organisatie", en: "Organisation"),
            classification: language.say(nl: "Rubricering", en: "Classification"),
            awaitingAdmission: language.say(nl: "wacht op toelating door de IM", en: "awaiting the IM's admission"),
            viaLiaison: language.say(nl: "namens", en: "on behalf of"),
            onBehalfOf: language.say(nl: "Namens crisispartner", en: "On behalf of crisis partner"),
            ownOrganisation: language.say(nl: "— eigen organisatie —", en: "— own organisation —"),
            monitoringList: language.say(nl: "Monitoringlijst", en: "Monitoring list"),
            monitoringIntro: language.say(nl: "Incidenten in de regio's waarmee uw organisatie samenwerkt: titel, categorie, gebied en GRIP. Het beeld zelf ziet u pas als de informatiemanager van de regio u toelaat of uitnodigt mee te kijken.",
                                          en: "Incidents in the regions your organisation works with: title, category, area and GRIP. You see the picture itself once the region's information manager admits you or invites you to look along."),
            linkStatus: language.say(nl: "Koppeling", en: "Link"),
            notLinked: language.say(nl: "niet gekoppeld", en: "not linked"),
            openPicture: language.say(nl: "Beeld openen", en: "Open picture"),
            noMonitoring: language.say(nl: "Geen incidenten in uw monitoringlijst.", en: "No incidents in your monitoring list."),
            accessReport: language.say(nl: "Verantwoording toegang", en: "Access report"),
            accessReportIntro: language.say(nl: "Alle koppelingen, wijzigingen, ontkoppelingen, gebroken glas en inzage in vertrouwelijke informatie sinds een moment, uit het journaal.",
                                            en: "Every link, change, disconnection, break-glass opening and read of confidential information since a moment, from the journal."),
            sinceLabel: language.say(nl: "Sinds", en: "Since"),
            actor: language.say(nl: "Door", en: "By"),
            accessEnded: language.say(nl: "Uw toegang tot dit incident is beëindigd.",
                                      en: "Your access to this incident has ended."),
            writtenReason: language.say(nl: "Reden", en: "Reason"),
            alerts: language.say(nl: "Alarmeringen", en: "Alerts"),
            acknowledge: language.say(nl: "Bevestigen", en: "Acknowledge"),
            acknowledgedBy: language.say(nl: "bevestigd door", en: "acknowledged by"),
            escalatedTo: language.say(nl: "niet bevestigd, opgeschaald naar", en: "not acknowledged, escalated to"),
            escalatesAt: language.say(nl: "niet bevestigd, escaleert om", en: "not acknowledged, escalates at"),
            noAlerts: language.say(nl: "Geen alarmeringen.", en: "No alerts."),
            alertReason: language.say(nl: "Waarom", en: "Why"),
            incidentReference: language.say(nl: "Incidentnummer (bijv. VR13-2026-0001)",
                                            en: "Incident number (e.g. VR13-2026-0001)"),
            organisationCode: language.say(nl: "Organisatiecode", en: "Organisation code"),
            organisationNameIfNew: language.say(nl: "Naam van de organisatie (als die nog niet bekend is)",
                                                en: "Organisation name (when it is not known yet)"),
            displayName: language.say(nl: "Naam", en: "Name"),
            issueAccount: language.say(nl: "Account uitgeven", en: "Issue account"),
            accountIssued: language.say(nl: "Account uitgegeven. Wachtwoord (wordt niet opnieuw getoond):",
                                        en: "Account issued. Password (not shown again):"),
            mapTitle: language.say(nl: "Kaart", en: "Map"),
            mapPlots: language.say(nl: "Plots van dit incident", en: "This incident's plots"),
            mapRegions: language.say(nl: "Veiligheidsregio's", en: "Safety regions"),
            mapMunicipalities: language.say(nl: "Gemeenten", en: "Municipalities"),
            mapProvinces: language.say(nl: "Provincies", en: "Provinces"),
            mapAffected: language.say(nl: "Binnen de getekende gebieden en het incidentgebied:",
                                      en: "Inside the drawn areas and the incident area:"),
            mapNoneAffected: language.say(nl: "Nog geen gebied getekend: teken een effectgebied, afzetting of cirkel.",
                                          en: "No area drawn yet: draw an effect area, cordon or circle."),
            mapIRBT: language.say(nl: "Meer dan één regio getroffen: overweeg GRIP 5 en een IRBT.",
                                  en: "More than one region affected: consider GRIP 5 and an IRBT."),
            mapPartners: language.say(nl: "Partners van deze regio's", en: "Partners of these regions"),
            mapRemove: language.say(nl: "Van de kaart halen", en: "Remove from the map"),
            mapFinish: language.say(nl: "Afronden", en: "Finish"),
            mapCancel: language.say(nl: "Stoppen", en: "Stop"),
            mapRadius: language.say(nl: "Straal (m)", en: "Radius (m)"),
            mapSymbol: language.say(nl: "Symbool", en: "Symbol"),
            mapLabelText: language.say(nl: "Tekst bij de plot", en: "Text of the plot"),
            mapHintPoint: language.say(nl: "Klik op de kaart om te plaatsen.", en: "Click the map to place it."),
            mapHintShape: language.say(nl: "Klik de punten op de kaart; dubbelklik of 'Afronden' om af te ronden.",
                                       en: "Click the points on the map; double-click or 'Finish' to complete."),
            mapUnavailableHere: language.say(nl: "De kaart is niet beschikbaar: Leaflet is niet geïnstalleerd.",
                                             en: "The map is not available: Leaflet is not installed."),
            affectedTitle: language.say(nl: "Getroffen gebied", en: "Affected area"),
            nationalMap: language.say(nl: "Kaart van alle incidenten", en: "Map of all incidents"),
            nationalMapIntro: language.say(nl: "Alle open incidenten die u mag zien; elke regio kleurt naar het hoogste GRIP-niveau van haar incidenten.",
                                           en: "Every open incident you may see; each region is coloured by the highest GRIP level of its incidents."),
            mapNav: language.say(nl: "Kaart", en: "Map"),
            rdTitle: language.say(nl: "RD-coördinaten", en: "RD coordinates"),
            rdGo: language.say(nl: "Ga naar", en: "Go to"),
            rdHelp: language.say(nl: "Voer RD x en y in (meters). Met een puntgereedschap gekozen komt de plot daar.",
                                 en: "Enter RD x and y (metres). With a point tool chosen, the plot is placed there."),
            mapReshape: language.say(nl: "Vorm opnieuw tekenen", en: "Redraw the shape"),
            mapReshapeHint: language.say(nl: "Klik de nieuwe punten; dubbelklik of 'Afronden' slaat de nieuwe vorm op als nieuwe versie.",
                                         en: "Click the new points; double-click or 'Finish' saves the new shape as a new version."),
            sitrap: language.say(nl: .nl, en: .en),
            fallback: language.say(nl: .nl, en: .en))
    }
}
