import Foundation
import KnooppuntCore
import Plot

/// How `IncidentPage` is drawn: its HTML, from the model's data.
extension IncidentPage {
    var language: KnooppuntCore.Language { strings.language }

    /// A text of the page in the reader's language: the Dutch and the English side by side where it is used.
    var urgent: UrgentEntriesView { UrgentEntries.view(picture.entries, acknowledgements: acknowledgements) }

    var urgentStrings: UrgentStrings { UrgentStrings.for(language) }
    var incident: IncidentView { picture.incident }
    var live: Bool { viewingAt == nil }
    var reportStrings: CouncilReportStrings { CouncilReportStrings.for(language) }

    func render() -> String {
        let pending = live && readsWholePicture ? urgent.unacknowledged : 0
        var layout = Layout(
            title: (pending > 0 ? "(\(pending)) " : "") + "\(incident.reference) \(incident.title)", strings: strings, csrfToken: csrfToken, user: user,
            path: SiteURL.incident(.value(incident.id)).path)
        layout.scripts = [SiteURL.asset(.value("live.js")).path, SiteURL.asset(.value("incident.js")).path]
        if leafletAvailable {
            layout.styles = [SiteURL.leaflet("leaflet.css").path]
            layout.scripts = [SiteURL.leaflet("leaflet.js").path, SiteURL.asset(.value("live.js")).path, SiteURL.asset(.value("incident.js")).path, SiteURL.asset(.value("incident-map.js")).path]
        }
        return layout.render(
            .group(
                .if(incident.exercise, .p(.class("exercise-banner"), .attribute(named: "role", value: "note"), .text(strings.exerciseBanner))),
                .h1(.id("incident-heading"), .text("\(incident.reference) · \(incident.title)")),
                .if(readsWholePicture, urgentBanner()),
                .div(
                    .class("cockpit"),
                    .div(.id("cockpit-top"), .class("cockpit-top"), .attribute(named: "aria-live", value: "polite"), cockpitTop()),
                    mapSection()),
                sectionNav(),
                .if(live, actionBar()),
                timeline(),
                .div(
                    .id("picture"), .attribute(named: "aria-live", value: "polite"),
                    .data(named: "stream", value: SiteURL.api(.incidentStream(incident.id)).url(query: ["lastEventId": "\(journalPosition)"])),
                    .data(named: "live", value: live ? "true" : "false"),
                    fragment()
                )
            ))
    }

    /// The urgent entries nobody acknowledged yet, on top of the page; refreshed live with the picture
    /// (incident.js), which also puts their number in the tab title. Empty when there are none.
    private func urgentBanner() -> Node<HTML.BodyContext> {
        let pending = live ? urgent.entries.filter { $0.acknowledgement == nil } : []
        return .div(
            .id("urgent"), .attribute(named: "aria-live", value: "assertive"),
            .data(named: "count", value: "\(pending.count)"),
            .if(!pending.isEmpty, .section(
                .class("urgent-banner"), .attribute(named: "aria-labelledby", value: "urgent-title"),
                .h2(.id("urgent-title"), .text("\(urgentStrings.bannerTitle) (\(pending.count))")),
                .ul(.forEach(pending) { item in
                    .li(
                        .data(named: "entry", value: item.entry.uuidString),
                        .span(.class("badge priority-\(item.priority.rawValue)"), .text(item.priority.label.text(language))),
                        .text(" \(themeName(item.theme)) · \(DisplayFormat.time(item.observedAt)): "),
                        .strong(.text(item.text)),
                        .if(may.acknowledge, .form(
                            .class("inline js-refresh"), .method(.post),
                            .action(SiteURL.incident(.value(incident.id), .entry(.value(item.entry), .acknowledgement)).path),
                            .input(.type(.hidden), .name(CSRFMiddleware.fieldName), .value(csrfToken)),
                            .text(" "),
                            .button(.type(.submit), .class("small acknowledge"), .text(urgentStrings.acknowledge)))))
                })))
        )
    }

    /// The part the script swaps when the picture changes or the timeline moves.
    func fragment() -> Node<HTML.BodyContext> {
        .group(
            reviewLine(),
            authorityHistorySection(),
            .if(
                incident.proposesInterregionalScaling && irbt?.irbt.formed != true,
                .p(.class("advice"), .attribute(named: "role", value: "note"), .text(strings.proposeIRBT))),
            .unwrap(phaseHint) { hint in
                .p(.class("advice"), .id("region-phase-hint"), .attribute(named: "role", value: "note"), .text(hint.text(language) + " "),
                   .a(.href(SiteURL.home.url(anchor: "region-phase")), .text(say(nl: "Fase van de regio", en: "Phase of the region"))))
            },
            .unwrap(irbt) { $0.render() },
            .if(!plans.isEmpty || fromRiskPicture != nil, plansAndOrigin()),
            .if(whatFollows && viewingAt == nil, whatFollowsCard()),
            .unwrap(access) { breakGlassBanner($0) },
            .if(live, aanwijzingenSection()),
            .if(live, proposalsSection()),
            .if(!picture.conflicts.isEmpty, conflicts()),
            .div(.class("themes"), .id("themes"), .forEach(picture.themes) { theme(for: $0) }),
            // Decisions and actions belong to the whole picture: a reader with a limited scope gets no empty cards.
            .if(readsWholePicture, decisions()),
            .if(readsWholePicture, actions()),
            .unwrap(access) { accessSection($0) },
            .if(live && !standbyChoices.isEmpty, bringInSection()),
            logbookSection()
        )
    }
}

extension IncidentPage {
    /// The way to "Wat kan volgen": what the dependency model says may follow from this incident.
    func whatFollowsCard() -> Node<HTML.BodyContext> {
        .section(
            .id("what-follows"), .class("card"), .attribute(named: "aria-labelledby", value: "what-follows-card-title"),
            .h2(.id("what-follows-card-title"), .text(say(nl: "Wat kan volgen", en: "What may follow"))),
            .p(.text(incident.category == .digitaleOntwrichting
                     ? say(nl: "Een digitale ontwrichting kan doorwerken in vitale processen, objecten en functies. Zie wat kan volgen, in golven over de tijd.",
                           en: "A digital disruption can spread to vital processes, objects and functions. See what may follow, in waves over time.")
                     : say(nl: "Zie welke vitale processen, objecten en functies kunnen volgen uit wat in het gebied van dit incident ligt.",
                           en: "See which vital processes, objects and functions may follow from what lies in this incident's area."))),
            .a(.class("button-like"), .id("what-follows-open"), .href(SiteURL.incident(.value(incident.id), .whatFollows).path),
               .text(say(nl: "Open Wat kan volgen", en: "Open What may follow"))))
    }

    /// Where the incident came from and the plans attached to it (decisions 0029, 0030).
    func plansAndOrigin() -> Node<HTML.BodyContext> {
        .section(
            .id("incident-plans"), .class("card"),
            .unwrap(fromRiskPicture) { origin in
                .p(.id("incident-origin"), .text(say(nl: "Opgeschaald uit het risicobeeld ", en: "Escalated from the risk picture ")),
                   .a(.href(SiteURL.riskPictures(.picture(.value(origin.id))).path), .text(origin.title)))
            },
            .if(!plans.isEmpty, .group(
                .h2(.text(say(nl: "Plannen", en: "Plans"))),
                .ul(.forEach(plans) { plan in
                    .li(.a(.href(SiteURL.plans(.plan(.value(plan.id))).path), .text(plan.title)),
                        .text(" — " + plan.kind.label.text(language)))
                }))))
    }
}
