import Foundation
import KnooppuntCore
import Plot

/// How `HomePage` is drawn: its HTML, from the model's data.
extension HomePage {
    private var t: HomeStrings.Type { HomeStrings.self }

    /// Reports due now or within the next hour, overdue first.
    var sitRapsDue: [IncidentRow] {
        incidents.filter { ($0.sitRapDue ?? .distantFuture) <= now.addingTimeInterval(3600) }
            .sorted { ($0.sitRapDue ?? .distantFuture) < ($1.sitRapDue ?? .distantFuture) }
    }

    func render() -> String {
        let language = strings.language
        let layout = Layout(title: strings.home, strings: strings, csrfToken: csrfToken, user: user, path: SiteURL.home.path)
        let isNational = user.organisationKind == .nationalNode && !user.role.isAdministrator
        return layout.render(
            .group(
                .h1(.text("\(strings.welcome), \(user.displayName)")),
                .p(
                    .class("home-identity"),
                    .span(.id("role-name"), .text(user.role.label.text(language))), .text(" · "),
                    .span(.id("organisation-name"), .text("\(user.organisationName) (\(user.organisationCode))"))
                ),
                .if(!alerts.isEmpty, alertSection(language)),
                .unwrap(proposals) { proposalSection($0, language) },
                .if(!riskPictures.isEmpty, riskPictureSection(language)),
                .if(!accessRequests.isEmpty, requestSection(language)),
                .if(!sitRapsDue.isEmpty, sitRapSection(language)),
                .if(!partnerDeadlines.isEmpty, partnerDeadlineSection(language)),
                .if(AccessPolicy.assessors.contains(user.role), toetsingSection(language)),
                .unwrap(riskWork) { riskSection($0, language) },
                .if(isNational, shortcut(
                    id: "home-national", href: SiteURL.national().path, label: t.nationalLink.text(language),
                    help: t.nationalHelp.text(language))),
                // The national node holds no incidents of its own: its picture is the national one, and
                // an empty local list here would contradict it (issue 16, point 9).
                .if(user.subject.isPartner && incidents.isEmpty && !askable.isEmpty, askableSection(language)),
                .if(!isNational, incidentSection(language)),
                // The bestuur reads its incidents first (each with totaalbeeld and besluitpunten), then the way on.
                .if(user.bearsAuthority, shortcut(
                    id: "home-bestuur", href: BestuurPage.path, label: t.bestuurLink.text(language),
                    help: t.bestuurHelp.text(language))),
                .if(!askable.isEmpty && !(user.subject.isPartner && incidents.isEmpty), askableSection(language)),
                .unwrap(regionPhase) { $0.render(id: "region-phase") },
                .unwrap(nationalPhase) { $0.render(id: "national-phase") },
                .p(.a(.id("home-regions"), .href(RegionsPage.path), .text(t.regionsLink.text(language))))
            ))
    }

    /// The open risk pictures: signals not yet seen make the card urgent for those who keep them.
    private func riskPictureSection(_ language: KnooppuntCore.Language) -> Node<HTML.BodyContext> {
        let nl = language == .nl
        let unseen = riskPictures.filter(\.mayKeep).flatMap { picture in picture.signals.filter { $0.acknowledgedAt == nil }.map { (picture, $0) } }
        return .section(
            .id("home-risk-pictures"), .class(unseen.isEmpty ? "card" : "card urgent"),
            .attribute(named: "aria-labelledby", value: "home-risk-pictures-title"),
            .h2(.id("home-risk-pictures-title"), .text((nl ? "Risicobeelden" : "Risk pictures") + " (\(riskPictures.count))")),
            .if(!unseen.isEmpty, .ul(.id("home-risk-signals"), .forEach(unseen) { picture, signal in
                .li(.class("overdue"), .strong(.text(nl ? "Signaal: " : "Signal: ")), .text(signal.summary + " — "),
                    .a(.href(SiteURL.riskPictures(.picture(.value(picture.id))).url(anchor: "picture-signals")), .text(picture.title)))
            })),
            .ul(.class("plain"), .forEach(riskPictures) { picture in
                .li(.a(.href(SiteURL.riskPictures(.picture(.value(picture.id))).path), .text(picture.title)),
                    .text(" · " + picture.kind.label.text(language) + " · " + RiskPictureText(language: language).window(picture)))
            }))
    }

    /// The risk profile for its keepers: reviews that have come first, marked.
    private func riskSection(_ work: RiskWork, _ language: KnooppuntCore.Language) -> Node<HTML.BodyContext> {
        let nl = language == .nl
        return .section(
            .id("home-risks"), .class(work.due.isEmpty && !work.plansToReview.contains { $0.review == .due } ? "card" : "card urgent"),
            .attribute(named: "aria-labelledby", value: "home-risks-title"),
            .h2(.id("home-risks-title"), .text(nl ? "Risicoprofiel" : "Risk profile")),
            .p(.text(nl ? "\(work.risks) risico's; \(work.due.count) te herzien; \(work.notAdopted) niet vastgesteld."
                        : "\(work.risks) risks; \(work.due.count) due for review; \(work.notAdopted) not adopted.")),
            .if(!work.due.isEmpty, .ul(.forEach(work.due) { risk in
                .li(.class("overdue"), .a(.href(SiteURL.risks(.risk(.value(risk.id))).path), .text(risk.title)),
                    .text(nl ? " — herziening was op \(RiskText.day(risk.reviewOn))" : " — review was due on \(RiskText.day(risk.reviewOn))"))
            })),
            .if(!work.plansToReview.isEmpty, .ul(.id("home-plan-reviews"), .forEach(work.plansToReview) { plan in
                .li(.class(plan.review == .due ? "overdue" : ""), .a(.href(SiteURL.plans(.plan(.value(plan.id))).path), .text(plan.title)),
                    .text(" — " + PlanText(language: language).review(plan)))
            })),
            .p(.a(.id("home-risk-profile"), .class("button"), .href(SiteURL.risks().path), .text(nl ? "Naar het risicoprofiel" : "To the risk profile")),
               .text(" "), .a(.id("home-plans"), .href(SiteURL.plans().path), .text(nl ? "Plannen" : "Plans"))))
    }

    /// The meldkamer's open proposals: urgent while real ones wait for a decision.
    private func proposalSection(_ counts: (open: Int, exercise: Int), _ language: KnooppuntCore.Language) -> Node<HTML.BodyContext> {
        let nl = language == .nl
        let text = counts.open == 0
            ? (nl ? "Geen open voorstellen van de meldkamer" : "No open proposals from the meldkamer")
            : (nl ? "\(counts.open) open \(counts.open == 1 ? "voorstel" : "voorstellen") van de meldkamer wacht op een besluit"
                  : "\(counts.open) open proposal\(counts.open == 1 ? "" : "s") from the meldkamer await a decision")
        let exercise = counts.exercise == 0 ? "" : (nl ? " · \(counts.exercise) in een oefening" : " · \(counts.exercise) in an exercise")
        return .section(
            .id("home-proposals"), .class(counts.open > 0 ? "card urgent" : "card"),
            .p(.a(.href(MeldkamerPage.path), .text(text)), .text(exercise)))
    }

    private func shortcut(id: String, href: String, label: String, help: String) -> Node<HTML.BodyContext> {
        .section(
            .class("card home-shortcut"),
            .p(.a(.id(id), .class("button"), .href(href), .text(label))),
            .p(.class("help"), .text(help)))
    }

    private func alertSection(_ language: KnooppuntCore.Language) -> Node<HTML.BodyContext> {
        .section(
            .id("home-alerts"), .class("card urgent"),
            .attribute(named: "aria-labelledby", value: "home-alerts-title"),
            .h2(.id("home-alerts-title"), .text("\(t.alertsTitle.text(language)) (\(alerts.count))")),
            .ul(.forEach(alerts) { alert in
                .li(
                    .strong(.text(alert.title ?? alert.reference ?? "")), .text(" — \(alert.reason) · "),
                    .text("\(t.escalatesAt.text(language)) \(DisplayFormat.time(alert.escalatesAt))"))
            }),
            .p(.a(.href(SiteURL.monitoring.path), .text(t.acknowledgeLink.text(language)))))
    }

    private func partnerDeadlineSection(_ language: KnooppuntCore.Language) -> Node<HTML.BodyContext> {
        let urgent = partnerDeadlines.contains { $0.deadline.flag.isOverdue }
        return .section(
            .id("home-partner-deadlines"), .class(urgent ? "card urgent" : "card"),
            .attribute(named: "aria-labelledby", value: "home-partner-deadlines-title"),
            .h2(.id("home-partner-deadlines-title"), .text("\(t.retestsTitle.text(language)) (\(partnerDeadlines.count))")),
            .p(.class("help"), .text(t.retestsHelp.text(language))),
            .ul(.forEach(partnerDeadlines) { item in
                .li(
                    .class(item.deadline.flag.isOverdue ? "partner-deadline overdue" : "partner-deadline"),
                    .data(named: "partner", value: item.partner),
                    .strong(.text(item.name)), .text(" (\(item.profile.label.text(language))) — "),
                    .text(item.deadline.label.text(language)))
            }),
            .p(.a(.href(SiteURL.partners.path), .text(t.partnersLink.text(language)))))
    }

    /// The toetser's or the chair's turn on partners' toetsingen (decision 0027 §3).
    private func toetsingSection(_ language: KnooppuntCore.Language) -> Node<HTML.BodyContext> {
        let title = user.role == .toetser
            ? LocalizedLabel(nl: "Toetsingen", en: "Toetsingen (assessments)") : LocalizedLabel(nl: "Standpunten te nemen", en: "Standpoints to take")
        return .section(
            .id("home-toetsing"), .class("card"),
            .attribute(named: "aria-labelledby", value: "home-toetsing-title"),
            .h2(.id("home-toetsing-title"), .text("\(title.text(language)) (\(toetsingWork.count))")),
            toetsingWork.isEmpty
                ? .p(.class("empty"), .text(language == .nl ? "Niets dat op u wacht." : "Nothing waiting for you."))
                : .ul(.forEach(toetsingWork) { item in
                    .li(
                        .class("toetsing-item"), .data(named: "partner", value: item.partner),
                        .a(.href(SiteURL.partner(.value(item.partner)).url(anchor: "toetsing-\(item.agreement)")), .strong(.text(item.name))),
                        .text(" (\(item.profile.label.text(language))) — " + item.step.text(language)))
                }),
            .p(.a(.href(SiteURL.partners.path), .text(t.partnersLink.text(language)))))
    }

    private func requestSection(_ language: KnooppuntCore.Language) -> Node<HTML.BodyContext> {
        .section(
            .id("home-access-requests"), .class("card urgent"),
            .attribute(named: "aria-labelledby", value: "home-access-requests-title"),
            .h2(.id("home-access-requests-title"), .text("\(t.requestsTitle.text(language)) (\(accessRequests.count))")),
            .ul(.forEach(accessRequests) { pending in
                pending.render(language, csrfToken: csrfToken, next: SiteURL.home.path, incidentLink: true)
            }))
    }

    private func askableSection(_ language: KnooppuntCore.Language) -> Node<HTML.BodyContext> {
        .section(
            .id("home-askable"),
            .attribute(named: "aria-labelledby", value: "home-askable-title"),
            .h2(.id("home-askable-title"), .text(t.askableTitle.text(language))),
            .p(.class("help"), .text(t.askableHelp.text(language))),
            .ul(.class("home-incidents"), .forEach(askable) { item in
                .li(
                    .class("card"), .data(named: "incident", value: item.id.uuidString),
                    .span(.class("badge grip-\(item.grip.rawValue)"), .text(item.grip.scaleLabel.text(language))),
                    .text(" \(item.category.label.text(language)) · \(item.reference) · \(item.regions.map(\.rawValue).joined(separator: ", "))"),
                    askState(item, language))
            }))
    }

    private func askState(_ item: Askable, _ language: KnooppuntCore.Language) -> Node<HTML.BodyContext> {
        if let request = item.request, request.status == .open {
            return .p(.class("request-state"), .text(t.requestOpen.text(language)))
        }
        let fieldID = "ask-reason-\(item.id.uuidString.prefix(8))"
        return .group(
            .if(item.request?.status == .declined, .p(
                .class("request-state"),
                .text(t.requestDeclined.text(language) + (item.request?.note.map { ": \($0)" } ?? "")))),
            .form(
                .class("ask-access"), .method(.post), .action(SiteURL.incident(.value(item.id), .accessRequests).path),
                .input(.type(.hidden), .name(CSRFMiddleware.fieldName), .value(csrfToken)),
                .label(.for(fieldID), .text(t.reason.text(language))),
                .input(.type(.text), .id(fieldID), .name("reason"), .required(true), .attribute(named: "maxlength", value: "500")),
                .button(.type(.submit), .text(t.ask.text(language)))))
    }

    private func sitRapSection(_ language: KnooppuntCore.Language) -> Node<HTML.BodyContext> {
        .section(
            .id("home-sitraps"), .class("card"),
            .attribute(named: "aria-labelledby", value: "home-sitraps-title"),
            .h2(.id("home-sitraps-title"), .text(t.sitRapsTitle.text(language))),
            .ul(.forEach(sitRapsDue) { row in
                let due = row.sitRapDue ?? now
                return .li(
                    .a(.href(SiteURL.incident(.value(row.incident.id), .sitraps).path), .text(row.incident.title)),
                    .text(" · \(DisplayFormat.time(due))"),
                    .if(due < now, .span(.class("badge overdue"), .text(" \(t.overdue.text(language))"))))
            }))
    }

    private func incidentSection(_ language: KnooppuntCore.Language) -> Node<HTML.BodyContext> {
        let title = user.subject.isPartner ? t.partnerIncidentsTitle : t.incidentsTitle
        return .section(
            .id("home-incidents"),
            .attribute(named: "aria-labelledby", value: "home-incidents-title"),
            .h2(.id("home-incidents-title"), .text("\(title.text(language)) (\(incidents.count))")),
            incidents.isEmpty
                ? .p(.class("empty"), .text(user.subject.isPartner ? t.partnerNothing.text(language) : t.nothing.text(language)))
                : .ul(
                    .class("home-incidents"),
                    .forEach(incidents) { row in
                        .li(
                            .class("card" + (row.ownRegion ? " own-region" : "")),
                            .data(named: "incident", value: row.incident.id.uuidString),
                            .span(.class("badge grip-\(row.incident.grip.rawValue)"), .text(row.incident.grip.scaleLabel.text(language))),
                            .text(" "),
                            .a(.href(SiteURL.incident(.value(row.incident.id)).path), .text(row.incident.title)),
                            .if(row.underAuthority, .span(.class("badge under-authority"), .text(" " + t.underAuthority.text(language)))),
                            .if(user.bearsAuthority, bestuurLines(row, language)),
                            .if(row.toVerify + row.toAdmit > 0, .p(
                                .class("home-queue"),
                                .if(row.toVerify > 0, .span(.class("badge awaiting"), .text("\(row.toVerify) \(t.toVerify.text(language))"))),
                                .if(row.toAdmit > 0, .span(.class("badge awaiting"), .text("\(row.toAdmit) \(t.toAdmit.text(language))"))))),
                            .p(
                                .class("help"),
                                .text([row.incident.reference, row.incident.phase.label.text(language),
                                       "\(t.lastChange.text(language)) \(DisplayFormat.time(row.incident.updatedAt))"]
                                    .joined(separator: " · "))))
                    }),
            .p(.a(.href(SiteURL.incidents.path), .text(t.allIncidents.text(language)))))
    }
}

extension HomePage.PendingRequest {
    /// The request with its reason and the buttons to grant or decline it, on the home and on the
    /// incident page; `next` is where the page returns to (nil: the incident).
    func render(_ language: KnooppuntCore.Language, csrfToken: String, next: String?, incidentLink: Bool) -> Node<HTML.ListContext> {
        let t = HomeStrings.self
        let path = SiteURL.incident(.value(incident.id), .accessRequestDecision(.value(request.id))).path + (next.map { "?next=\($0)" } ?? "")
        func answer(_ grant: Bool, _ node: Node<HTML.FormContext>) -> Node<HTML.BodyContext> {
            .form(
                .class(next == nil ? "inline js-refresh" : "inline"), .method(.post), .action(path),
                .input(.type(.hidden), .name(CSRFMiddleware.fieldName), .value(csrfToken)),
                .input(.type(.hidden), .name("grant"), .value(grant ? "true" : "false")),
                node)
        }
        return .li(
            .class("access-request"), .data(named: "request", value: request.id.uuidString),
            .p(.strong(.text(organisationName)), .text(" (\(request.requestedByName))"),
               .if(incidentLink, .group(.text(" · "), .a(.href(SiteURL.incident(.value(incident.id)).path), .text(incident.title))))),
            .p(.text("\(t.reason.text(language)): \(request.reason)")),
            answer(true, .button(.type(.submit), .class("grant-request"), .text(t.grant.text(language)))),
            answer(false, .button(.type(.submit), .class("decline-request secondary"), .text(t.decline.text(language)))))
    }
}

extension HomePage {
    /// GRIP reason, totaalbeeld, open besluitpunten and the latest SitRap of one incident, for the bestuur.
    func bestuurLines(_ row: IncidentRow, _ language: KnooppuntCore.Language) -> Node<HTML.BodyContext> {
        let a = { (label: LocalizedLabel) in label.text(language) }
        return .div(
            .class("home-bestuur-lines"),
            .unwrap(row.incident.gripReason) { .p(.class("home-grip-reason"), .text("\(a(HomeStrings.gripReason)): \($0)")) },
            .p(.class("home-totaalbeeld"),
               .strong(.text(a(AssessmentStrings.totaalbeeld) + ": ")),
               .text(row.totaalbeeld?.picture ?? a(HomeStrings.noTotaalbeeld))),
            .if(!row.openPoints.isEmpty, .group(
                .p(.strong(.text("\(a(AssessmentStrings.decisionPoints)) (\(row.openPoints.count))"))),
                .ul(.class("home-points"), .forEach(row.openPoints) { point in
                    .li(.text(point.text), .unwrap(point.deadline) { .span(.class("muted"), .text(" · \(a(AssessmentStrings.decideBefore)) \(DisplayFormat.time($0))")) })
                }))),
            .unwrap(row.latestSitRap) { sitrap in
                .p(.a(.href(SiteURL.incident(.value(row.incident.id), .sitrap(.value(sitrap.number))).path),
                      .text("\(a(HomeStrings.latestSitRap)) \(sitrap.number) · \(DisplayFormat.time(sitrap.issuedAt))")))
            })
    }
}

/// The home page's texts, Dutch and English side by side.
enum HomeStrings {
    static let underAuthority = LocalizedLabel(nl: "onder uw gezag", en: "under your authority")
    static let gripReason = LocalizedLabel(nl: "Reden GRIP", en: "GRIP reason")
    static let noTotaalbeeld = LocalizedLabel(nl: "nog niet opgesteld", en: "not drawn up yet")
    static let latestSitRap = LocalizedLabel(nl: "Laatste SitRap", en: "Latest SitRap")
    static let alertsTitle = LocalizedLabel(nl: "Alarmen om te bevestigen", en: "Alarms to acknowledge")
    static let escalatesAt = LocalizedLabel(nl: "escaleert om", en: "escalates at")
    static let acknowledgeLink = LocalizedLabel(nl: "Bevestigen op de monitoringpagina", en: "Acknowledge on the monitoring page")
    static let sitRapsTitle = LocalizedLabel(nl: "SitRaps die (bijna) moeten uitgaan", en: "SitRaps due")
    static let overdue = LocalizedLabel(nl: "te laat", en: "overdue")
    static let bestuurLink = LocalizedLabel(nl: "Naar het bestuurlijk overzicht", en: "Go to the bestuur overview")
    static let bestuurHelp = LocalizedLabel(
        nl: "De incidenten onder uw gezag, met GRIP, reden en wie besluit.",
        en: "The incidents under your authority, with GRIP, reason and who decides.")
    static let nationalLink = LocalizedLabel(nl: "Naar het landelijk beeld", en: "Go to the national picture")
    static let nationalHelp = LocalizedLabel(
        nl: "De incidenten van alle regionale knooppunten, met hun bron en actualiteit.",
        en: "The incidents of every regional node, with their source and how recent they are.")
    static let incidentsTitle = LocalizedLabel(nl: "Open incidenten", en: "Open incidents")
    static let partnerIncidentsTitle = LocalizedLabel(nl: "Incidenten waaraan u gekoppeld bent", en: "Incidents you are linked to")
    static let nothing = LocalizedLabel(nl: "Geen open incidenten die u mag inzien.", en: "No open incidents you may read.")
    static let partnerNothing = LocalizedLabel(
        nl: "U bent aan geen open incident gekoppeld.", en: "You are not linked to any open incident.")
    static let lastChange = LocalizedLabel(nl: "laatst gewijzigd", en: "last changed")
    static let allIncidents = LocalizedLabel(nl: "Alle incidenten en oefeningen", en: "All incidents and exercises")
    static let requestsTitle = LocalizedLabel(nl: "Verzoeken om toegang", en: "Requests for access")
    static let reason = LocalizedLabel(nl: "Reden", en: "Reason")
    static let grant = LocalizedLabel(nl: "Toegang verlenen", en: "Grant access")
    static let decline = LocalizedLabel(nl: "Afwijzen", en: "Decline")
    static let askableTitle = LocalizedLabel(nl: "Incidenten in uw gebied", en: "Incidents in your area")
    static let askableHelp = LocalizedLabel(
        nl: "U bent niet aan deze incidenten gekoppeld. Vraag toegang; de informatiemanager van de regio beslist.",
        en: "You are not linked to these incidents. Ask for access; the region's information manager decides.")
    static let ask = LocalizedLabel(nl: "Toegang vragen", en: "Ask for access")
    static let requestOpen = LocalizedLabel(nl: "Uw verzoek wacht op de informatiemanager.", en: "Your request awaits the information manager.")
    static let requestDeclined = LocalizedLabel(nl: "Uw vorige verzoek is afgewezen", en: "Your previous request was declined")
    static let toVerify = LocalizedLabel(nl: "te verifiëren", en: "to verify")
    static let toAdmit = LocalizedLabel(nl: "toe te laten", en: "to admit")
    static let retestsTitle = LocalizedLabel(nl: "Partnerafspraken: hertoetsing en evaluatie", en: "Partner agreements: re-tests and evaluations")
    static let retestsHelp = LocalizedLabel(
        nl: "Uw regio is adoptieregio van deze partners. Een voorwaardelijke samenwerking geldt tot de hertoetsing; daarna is zij niet meer van kracht. Het evaluatiemoment houdt u met de partner, met inbreng van alle betrokken regio's.",
        en: "Your region adopts these partners. A conditional collaboration holds until its re-test; after that it is no longer in effect. The evaluation is held with the partner, with input from every region involved.")
    static let partnersLink = LocalizedLabel(nl: "Naar het partneroverzicht", en: "Go to the partner overview")
    static let regionsLink = LocalizedLabel(nl: "De 25 veiligheidsregio's (kaart en tabel)", en: "The 25 safety regions (map and table)")
}
