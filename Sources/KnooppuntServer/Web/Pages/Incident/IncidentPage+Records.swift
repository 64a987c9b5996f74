import Foundation
import KnooppuntCore
import Plot

/// The records: aanwijzingen, decisions with the councils' consultations, actions, the logbook, who decides.
extension IncidentPage {
    func decisions() -> Node<HTML.BodyContext> {
        .section(
            .class("card"), .id("decisions"),
            .h2(.text(strings.decisions)),
            allDecisionPoints(),
            .ul(.forEach(picture.decisions) { decision in
                .li(
                    .class(decision.revoked ? "revoked" : ""),
                    .strong(.text(decision.team.label.text(language) + ": ")), .text(decision.text),
                    .span(.class("muted"), .text(" — \(decision.decidedBy), \(DisplayFormat.time(decision.decidedAt))")),
                    .if(decision.revoked, .span(.class("badge"), .text(strings.revoked))),
                    .if(decision.outsideAuthority == true,
                        .span(.class("badge stale-badge outside-authority"), .text(say(nl: "buiten bevoegd gezag", en: "outside the competent authority")))),
                    .unwrap(decision.authority) { .span(.class("muted decision-authority"), .text(" · " + say(nl: "onder ", en: "under ") + $0)) },
                    .unwrap(decision.reason) { .p(.class("decision-reason"), .text("\(reportStrings.reason): \($0)")) },
                    consultationList(consultations[decision.id] ?? [], decidedAt: decision.decidedAt),
                    .if(live && may.decide && !decision.revoked,
                        .form(
                            .class("inline js-refresh"), .method(.post),
                            .action(SiteURL.incident(.value(incident.id), .decision(.value(decision.id), .revocation)).path),
                            .input(.type(.hidden), .name(CSRFMiddleware.fieldName), .value(csrfToken)),
                            .input(.type(.hidden), .name("baseVersion"), .value("\(decision.version)")),
                            .input(.type(.hidden), .name("revoked"), .value("true")),
                            .button(.type(.submit), .class("small"), .text(strings.revoke)))),
                    .if(live && may.decide && !decision.revoked && !councilChoices.isEmpty, consultationForm(decision)))
            })
        )
    }

    /// The consultations of the councils on one decision, in the words of the report.
    func consultationList(_ list: [ConsultationView], decidedAt: Date) -> Node<HTML.BodyContext> {
        .if(!list.isEmpty, .ul(.class("consultations"), .forEach(list) { consultation in
            .li(.text(reportStrings.consultationLine(
                urgent: consultation.urgent, councils: consultation.councils.map { gemeenteNames[$0.rawValue] ?? $0.rawValue },
                consultedAt: consultation.consultedAt, afterDecision: consultation.consultedAt.map { $0 > decidedAt } ?? false,
                position: consultation.position, urgencyReason: consultation.urgencyReason)))
        }))
    }

    /// Records the councils consulted on a decision, or that urgency prevented it (C10).
    func consultationForm(_ decision: DecisionView) -> Node<HTML.BodyContext> {
        let r = reportStrings
        let id = "consult-\(decision.id)"
        return .details(
            .class("consultation"),
            .summary(.text(r.recordConsultation)),
            .form(
                .class("stacked js-refresh js-reset"), .method(.post),
                .action(SiteURL.incident(.value(incident.id), .decision(.value(decision.id), .consultations)).path),
                .input(.type(.hidden), .name(CSRFMiddleware.fieldName), .value(csrfToken)),
                .p(.class("help"), .text(r.consultationHelp)),
                .fieldset(
                    .class("councils"),
                    .element(named: "legend", nodes: [.text(r.councilsField)]),
                    .forEach(councilChoices) { choice in
                        .div(
                            .class("checkbox"),
                            .input(.type(.checkbox), .id("\(id)-\(choice.code)"), .name("councils[]"), .value(choice.code),
                                   .checked(choice.affected)),
                            .label(.for("\(id)-\(choice.code)"), .text(choice.name)))
                    }),
                .label(.for("\(id)-at"), .text(r.consultedAtField)),
                .input(.type(.text), .id("\(id)-at"), .name("consultedAt"), .placeholder("2027-01-15T08:00:00+01:00")),
                .label(.for("\(id)-position"), .text(r.positionField)),
                .textarea(.id("\(id)-position"), .name("position"), .attribute(named: "rows", value: "2")),
                .div(
                    .class("checkbox"),
                    .input(.type(.checkbox), .id("\(id)-urgent"), .name("urgent"), .value("true")),
                    .label(.for("\(id)-urgent"), .text(r.urgent))),
                .label(.for("\(id)-reason"), .text(r.urgencyReasonField)),
                .input(.type(.text), .id("\(id)-reason"), .name("urgencyReason")),
                .button(.type(.submit), .class("small"), .text(r.save))))
    }

    func actions() -> Node<HTML.BodyContext> {
        .section(
            .class("card"), .id("actions"),
            .h2(.text(strings.actions)),
            .ul(.forEach(picture.actions) { action in
                .li(
                    .class(action.overdue ? "overdue" : ""),
                    .strong(.text(organisationName(action.owner) + ": ")), .text(action.text),
                    .span(.class("badge"), .text(" " + action.status.label.text(language))),
                    .unwrap(action.deadline) { .span(.class("muted"), .text(" · \(strings.deadline) \(DisplayFormat.time($0))")) },
                    .if(live && may.addEntry, actionStatusForm(action)))
            })
        )
    }

    func actionStatusForm(_ action: ActionView) -> Node<HTML.BodyContext> {
        let id = "action-status-\(action.id)"
        return .form(
            .class("inline js-refresh"), .method(.post), .action(SiteURL.incident(.value(incident.id), .actionStatus(.value(action.id))).path),
            .input(.type(.hidden), .name(CSRFMiddleware.fieldName), .value(csrfToken)),
            .input(.type(.hidden), .name("baseVersion"), .value("\(action.version)")),
            .label(.class("visually-hidden"), .for(id), .text(strings.changeStatus)),
            .select(.id(id), .attribute(named: "name", value: "status"), .forEach(ActionStatus.allCases) {
                .choice($0.rawValue, $0.label.text(language), selected: $0 == action.status)
            }),
            .button(.type(.submit), .class("small"), .text(strings.changeStatus))
        )
    }

    func logbookSection() -> Node<HTML.BodyContext> {
        .section(
            .class("card"), .id("logbook"),
            .h2(.text(strings.logbook)),
            .form(
                .class("filters"), .method(.get), .action(SiteURL.incident(.value(incident.id)).path),
                .label(.for("since"), .text(strings.changesSince)),
                .input(.type(.text), .id("since"), .name("since"), .placeholder("25-11-2026 10:00"),
                    .value(DisplayFormat.attribute(since.map(DisplayFormat.time) ?? ""))),
                .button(.type(.submit), .text(strings.show))
            ),
            // The list scrolls inside its box, which keyboard users reach and scroll too (WCAG 2.1.1).
            Node.tableScroll(strings.logbook, .ol(.class("logbook"), .forEach(logbook.reversed()) { line in
                .li(
                    .span(
                        .class("muted"),
                        .text("\(RFC3339.parse(line.at).map(DisplayFormat.time) ?? line.at) · \(logbookActor(line)) ")),
                    .text(line.summary))
            }))
        )
    }

    /// Who made a change, as a person reads it: a name and organisation name; the system's own steps are Knooppunt's.
    func logbookActor(_ line: LogbookLineView) -> String {
        line.actor == "system"
            ? "Knooppunt (\(say(nl: "automatisch", en: "automatic")))"
            : "\(person(line.actor)) (\(organisationName(line.organisation)))"
    }

    /// "Aanwijzing van de minister van JenV": those in force first, ended ones folded away.
    func aanwijzingenSection() -> Node<HTML.BodyContext> {
        guard !aanwijzingen.isEmpty else { return .empty }
        let card = AanwijzingCard(strings: strings, csrfToken: csrfToken, returnTo: SiteURL.incident(.value(incident.id)).path, now: now)
        let current = aanwijzingen.filter { $0.withdrawnAt == nil && ($0.inForce || $0.validFrom > now) }
        let ended = aanwijzingen.filter { candidate in !current.contains { $0.id == candidate.id } }
        return .div(
            .id("incident-aanwijzingen"),
            .forEach(current) { card.render($0) },
            .if(!ended.isEmpty, .element(named: "details", nodes: [
                .element(named: "summary", text: say(nl: "Beëindigde aanwijzingen", en: "Ended aanwijzingen") + " (\(ended.count))"),
                .forEach(ended) { card.render($0) },
            ])))
    }

    /// "Wie beslist: burgemeester van Amsterdam" — or that the area must be recorded first.
    static func authorityLine(_ authority: AuthorityView, _ language: KnooppuntCore.Language) -> String {
        guard !authority.holders.isEmpty else {
            return language.say(nl: "Wie beslist: nog onbekend — leg het getroffen gebied vast", en: "Who decides: not known yet — record the affected area")
        }
        let names = authority.holders.map { holder in
            let name = language.say(holder.name)
            if let matters = holder.decidesOnly {
                return name + " (" + language.say(nl: "aanwijzing over ", en: "aanwijzing on ")
                    + matters.map { $0.label.text(language) }.joined(separator: ", ") + ")"
            }
            return holder.boundByAanwijzing.isEmpty ? name : name + language.say(nl: " (gebonden aan aanwijzing)", en: " (bound by aanwijzing)")
        }.joined(separator: ", ")
        // A ramp: the opperbevel, with one line to the bestuur (C05, 002:L335-348).
        let command = authority.opperbevel ? language.say(nl: " — opperbevel, één lijn naar het bestuur", en: " — opperbevel (supreme command), one line to the bestuur") : ""
        return language.say(nl: "Wie beslist: ", en: "Who decides: ") + names + (authority.irbt ? " (IRBT)" : "") + command
    }
}
