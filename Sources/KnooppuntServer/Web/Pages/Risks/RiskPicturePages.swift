import Foundation
import KnooppuntCore
import KnooppuntInterop
import Plot

/// `/risicobeelden`: the current risk pictures the reader may read — open ones first, each with what waits
/// (signals not yet seen, effects to admit) — and for the region's keepers the form to open one (decision 0029).
struct RiskPictureListPage: Bilingual {
    let strings: UIStrings
    let csrfToken: String
    let user: CurrentUser
    let pictures: [RiskPictures.PictureDTO]
    /// The reader's region and its phase, for its staff.
    let region: (code: String, name: String, phase: RegionPhase)?
    /// For keepers: the partners with an agreement in effect with the region, and the region's risks.
    let partnerChoices: [(code: String, name: String, profile: CollaborationProfile)]
    let riskChoices: [(id: UUID, title: String)]
    let mayOpen: Bool
    /// A KCR2 risk message the form starts from.
    var advisory: (title: String, text: String)? = nil

    var language: KnooppuntCore.Language { strings.language }

    func render() -> String {
        let open = pictures.filter { $0.status == .open }
        let layout = Layout(title: say(nl: "Risicobeelden", en: "Risk pictures"), strings: strings, csrfToken: csrfToken, user: user,
                            path: SiteURL.riskPictures().path)
        return layout.render(.group(
            .h1(.text(say(nl: "Actuele risicobeelden", en: "Current risk pictures"))),
            .unwrap(region) { region in
                .p(.id("risk-pictures-status"), .class("lead"),
                   .span(.class("badge phase-\(region.phase.rawValue)"), .text(region.phase.label.text(language))),
                   .text(" " + say(nl: "\(region.name): \(open.count) open risicobeeld\(open.count == 1 ? "" : "en")",
                                   en: "\(region.name): \(open.count) open risk picture\(open.count == 1 ? "" : "s")")))
            },
            pictures.isEmpty
                ? .p(.class("help"), .text(say(nl: "Geen risicobeelden die u mag zien.", en: "No risk pictures you may see.")))
                : .ul(.id("risk-picture-list"), .class("plain"), .forEach(pictures) { picture in card(picture) }),
            .if(mayOpen, openForm()),
            .p(.a(.href(SiteURL.risks().path), .text(say(nl: "Naar het risicoprofiel", en: "To the risk profile")))),
            .if(user.subject.organisationKind == .region || user.subject.organisationKind == .nationalNode,
                .p(.a(.id("to-scenarios"), .href(SiteURL.scenarios().path),
                      .text(say(nl: "Scenario's: wat kan volgen als een vitaal proces of object uitvalt", en: "Scenarios: what may follow if a vital process or object fails")))))
        ))
    }

    private func card(_ picture: RiskPictures.PictureDTO) -> Node<HTML.ListContext> {
        let unseen = picture.signals.filter { $0.acknowledgedAt == nil }.count
        let awaiting = picture.effects.filter { $0.status == "awaiting" }.count
        return .li(
            .class(unseen > 0 ? "card urgent" : "card"), .data(named: "picture", value: picture.id.uuidString),
            .h2(.a(.href(SiteURL.riskPictures(.picture(.value(picture.id))).path), .text(picture.title))),
            .p(.span(.class("badge"), .text(picture.kind.label.text(language))),
               .span(.class("badge"), .text(picture.status.label.text(language))),
               .if(unseen > 0, .span(.class("badge overdue"), .text(say(nl: "\(unseen) signaal nog niet gezien", en: "\(unseen) signal not yet seen")))),
               .if(awaiting > 0 && picture.mayKeep, .span(.class("badge awaiting"), .text(say(nl: "\(awaiting) toe te laten", en: "\(awaiting) to admit")))),
               .text(" " + RiskPictureText(language: language).window(picture))))
    }

    private func openForm() -> Node<HTML.BodyContext> {
        let text = RiskPictureText(language: language)
        return .section(
            .id("risk-picture-open"), .class("card"),
            .h2(.text(say(nl: "Risicobeeld openen", en: "Open a risk picture"))),
            .details(
                .attribute(named: "open", value: advisory == nil ? "" : "open", ignoreIfValueIsEmpty: true),
                .summary(.text(say(nl: "Nieuwe dreiging vastleggen", en: "Record a new threat"))),
                .form(
                    .id("risk-picture-form"), .class("stacked"), .method(.post), .action(SiteURL.riskPictures().path), text.hidden(csrfToken),
                    .label(.for("picture-title"), .text(say(nl: "Titel", en: "Title"))),
                    .input(.id("picture-title"), .name("title"), .type(.text), .required(true), .value(advisory?.title ?? "")),
                    .label(.for("picture-kind"), .text(say(nl: "Soort dreiging", en: "Kind of threat"))),
                    .select(.id("picture-kind"), .attribute(named: "name", value: "kind"),
                            .forEach(ThreatKind.allCases) { .choice($0.rawValue, $0.label.text(language)) }),
                    .label(.for("picture-description"), .text(say(nl: "Beschrijving", en: "Description"))),
                    .textarea(.id("picture-description"), .attribute(named: "name", value: "description"), .required(true),
                              .attribute(named: "rows", value: "3"), .text(advisory?.text ?? "")),
                    .label(.for("picture-from"), .text(say(nl: "Verwacht vanaf", en: "Expected from"))),
                    .input(.id("picture-from"), .name("expectedFrom"), .type(.datetimeLocal), .required(true)),
                    .label(.for("picture-until"), .text(say(nl: "Verwacht tot", en: "Expected until"))),
                    .input(.id("picture-until"), .name("expectedUntil"), .type(.datetimeLocal), .required(true)),
                    text.checks("picture-partner", name: "partners[]", legend: say(nl: "Partners uitnodigen", en: "Invite partners"),
                                partnerChoices.map { ($0.code, "\($0.name) — \($0.profile.label.text(language))") }),
                    text.checks("picture-risk", name: "risks[]", legend: say(nl: "Risico's uit het profiel", en: "Risks of the profile"),
                                riskChoices.map { ($0.id.uuidString, $0.title) }),
                    .if(region?.phase == .koud, .group(
                        .label(.for("picture-phase-reason"), .text(say(nl: "De regio naar de lauwe fase — reden (leeg: fase blijft)",
                                                                        en: "Move the region to the lukewarm phase — reason (empty: phase stays)"))),
                        .input(.id("picture-phase-reason"), .name("phaseReason"), .type(.text)))),
                    .details(
                        .summary(.text(say(nl: "Gebied (GeoJSON, optioneel)", en: "Area (GeoJSON, optional)"))),
                        .label(.for("picture-area"), .text(say(nl: "Polygoon in WGS84; leeg: de hele regio", en: "Polygon in WGS84; empty: the whole region"))),
                        .textarea(.id("picture-area"), .attribute(named: "name", value: "area"), .attribute(named: "rows", value: "3"))),
                    .button(.type(.submit), .id("risk-picture-submit"), .text(say(nl: "Risicobeeld openen", en: "Open the risk picture"))))))
    }
}

/// `/risicobeelden/{id}`: what matters now first — status and phase, the signals not yet seen, the step to an
/// incident — then the expected effects per theme, and the forms behind buttons.
struct RiskPicturePage: Bilingual {
    let strings: UIStrings
    let csrfToken: String
    let user: CurrentUser
    let picture: RiskPictures.PictureDTO
    let themeNames: [String: String]

    var language: KnooppuntCore.Language { strings.language }
    private var text: RiskPictureText { RiskPictureText(language: language) }

    func render() -> String {
        let unseen = picture.signals.filter { $0.acknowledgedAt == nil }
        let layout = Layout(title: picture.title, strings: strings, csrfToken: csrfToken, user: user,
                            path: SiteURL.riskPictures(.picture(.value(picture.id))).path)
        return layout.render(.group(
            .p(.a(.href(SiteURL.riskPictures().path), .text(say(nl: "← Risicobeelden", en: "← Risk pictures")))),
            .h1(.text(picture.title)),
            .section(
                .id("picture-status"), .class("card status-strip"),
                .p(.span(.class("badge"), .text(picture.kind.label.text(language))),
                   .span(.id("picture-state"), .class("badge"), .text(picture.status.label.text(language))),
                   .span(.id("picture-phase"), .class("badge phase-\(picture.regionPhase.rawValue)"),
                         .text("\(picture.region): " + picture.regionPhase.label.text(language)))),
                .p(.text(text.window(picture))),
                .unwrap(picture.incident) { incident in
                    .p(.id("picture-incident"), .text(say(nl: "Opgeschaald naar incident ", en: "Escalated to incident ")),
                       .a(.href(SiteURL.incident(.value(incident)).path), .text(picture.incidentReference ?? incident.uuidString)))
                },
                .unwrap(picture.closedReason) { reason in .p(.text(say(nl: "Afgesloten: ", en: "Closed: ") + reason)) }),
            .if(!picture.signals.isEmpty, signals(unseen)),
            .if(picture.mayEscalate, escalation()),
            .section(.class("card"), .h2(.text(say(nl: "Dreiging", en: "Threat"))), .p(.id("picture-description"), .text(picture.description))),
            effects(),
            .if(picture.writesTheme != nil, effectForm()),
            context(),
            .if(picture.mayKeep, keeping())
        ))
    }

    private func signals(_ unseen: [RiskMonitoring.SignalDTO]) -> Node<HTML.BodyContext> {
        .section(
            .id("picture-signals"), .class(unseen.isEmpty ? "card" : "card urgent"),
            .h2(.text(say(nl: "Signalen", en: "Signals") + (unseen.isEmpty ? "" : " (\(unseen.count) " + say(nl: "nog niet gezien)", en: "not yet seen)")))),
            .ul(.class("plain"), .forEach(picture.signals) { signal in
                .li(.class(signal.acknowledgedAt == nil ? "signal unseen" : "signal"),
                    .strong(.text(signal.source.label.text(language))), .text(" — " + signal.summary + " · " + DisplayFormat.minute(signal.raisedAt)),
                    .unwrap(signal.acknowledgedByName) { name in .text(" · " + say(nl: "gezien door ", en: "seen by ") + name) },
                    .if(signal.acknowledgedAt == nil && picture.mayKeep, .form(
                        .class("inline"), .method(.post),
                        .action(SiteURL.riskPictures(.acknowledgement(.value(picture.id), signal: .value(signal.id))).path),
                        text.hidden(csrfToken), .button(.type(.submit), .class("small"), .text(say(nl: "Gezien", en: "Seen"))))))
            }))
    }

    private func escalation() -> Node<HTML.BodyContext> {
        .section(
            .id("picture-escalation"), .class("card"),
            .form(
                .id("escalation-form"), .method(.post), .action(SiteURL.riskPictures(.escalation(.value(picture.id))).path), text.hidden(csrfToken),
                .input(.type(.hidden), .name("baseVersion"), .value(String(picture.version))),
                .button(.type(.submit), .id("escalate"),
                        .text(say(nl: "Opschalen naar incident", en: "Escalate to an incident")))),
            .p(.class("help"), .text(say(
                nl: "Opent een incident met dit gebied, alle verwachte effecten (per thema, door wie ze schreef) en alle uitgenodigde partners; de regio gaat naar de warme fase.",
                en: "Opens an incident with this area, every expected effect (per theme, by its author) and every invited partner; the region moves to the warm phase."))))
    }

    private func effects() -> Node<HTML.BodyContext> {
        let themes = Array(Set(picture.effects.map(\.theme))).sorted { themeName($0) < themeName($1) }
        return .section(
            .id("picture-effects"), .class("card"),
            .h2(.text(say(nl: "Verwachte effecten", en: "Expected effects"))),
            picture.effects.isEmpty ? .p(.class("help"), .text(say(nl: "Nog geen verwachte effecten.", en: "No expected effects yet."))) : .group(
                .forEach(themes) { theme in
                    .group(
                        .h3(.text(themeName(theme))),
                        .ul(.forEach(picture.effects.filter { $0.theme == theme }) { effect in
                            .li(.data(named: "effect", value: effect.id.uuidString),
                                .text(effect.text),
                                .span(.class("muted"), .text(" · \(effect.authorName) (\(themeNames[effect.authorOrganisation] ?? effect.authorOrganisation)), "
                                                             + DisplayFormat.minute(effect.recordedAt))),
                                .unwrap(effect.expectedAt) { at in .span(.class("muted"), .text(" · " + say(nl: "verwacht ", en: "expected ") + DisplayFormat.minute(at))) },
                                .if(effect.status == "awaiting", .span(.class("badge awaiting"), .text(say(nl: "wacht op toelating", en: "awaiting admission")))),
                                .if(effect.viaLiaison, .span(.class("badge via-liaison"), .text(say(nl: "via liaison", en: "via liaison")))),
                                .if(effect.status == "awaiting" && picture.mayKeep, .form(
                                    .class("inline"), .method(.post),
                                    .action(SiteURL.riskPictures(.admission(.value(picture.id), effect: .value(effect.id))).path), text.hidden(csrfToken),
                                    .button(.type(.submit), .class("small"), .text(say(nl: "Toelaten", en: "Admit"))))))
                        }))
                }))
    }

    private func themeName(_ theme: String) -> String {
        guard let parsed = Theme(theme) else { return theme }
        if case .partner(let code) = parsed { return themeNames[code] ?? code }
        return DisplayFormat.themeLabel(parsed, language)
    }

    private func effectForm() -> Node<HTML.BodyContext> {
        let discipline = picture.writesTheme == "discipline"
        return .section(
            .id("picture-effect-form"), .class("card"),
            .details(
                .summary(.text(say(nl: "Verwacht effect toevoegen", en: "Add an expected effect"))),
                .form(
                    .id("effect-form"), .class("stacked"), .method(.post), .action(SiteURL.riskPictures(.effects(.value(picture.id))).path),
                    text.hidden(csrfToken),
                    discipline ? .group(
                        .label(.for("effect-theme"), .text(say(nl: "Thema", en: "Theme"))),
                        .select(.id("effect-theme"), .attribute(named: "name", value: "theme"),
                                .forEach(Theme.disciplines) { .choice($0.description, DisplayFormat.themeLabel($0, language)) }))
                        : .p(.class("help"), .text(say(nl: "In uw eigen thema", en: "In your own theme")
                                                   + (picture.partners.contains { Theme.partner($0.code).description == picture.writesTheme && $0.profile != .kern }
                                                      ? say(nl: "; de regio laat het toe", en: "; the region admits it") : ""))),
                    .label(.for("effect-text"), .text(say(nl: "Verwacht effect", en: "Expected effect"))),
                    .textarea(.id("effect-text"), .attribute(named: "name", value: "text"), .required(true), .attribute(named: "rows", value: "3")),
                    .label(.for("effect-at"), .text(say(nl: "Verwacht op (optioneel)", en: "Expected at (optional)"))),
                    .input(.id("effect-at"), .name("expectedAt"), .type(.datetimeLocal)),
                    .button(.type(.submit), .id("effect-submit"), .text(say(nl: "Toevoegen", en: "Add"))))))
    }

    private func context() -> Node<HTML.BodyContext> {
        .section(
            .id("picture-context"), .class("card"),
            .h2(.text(say(nl: "Partners, risico's en bewaking", en: "Partners, risks and monitoring"))),
            .h3(.text(say(nl: "Uitgenodigde partners", en: "Partners invited"))),
            picture.partners.isEmpty ? .p(.class("help"), .text(say(nl: "Geen.", en: "None.")))
                : .ul(.id("picture-partners"), .forEach(picture.partners) { partner in
                    .li(.text("\(partner.name) — \(partner.profile.label.text(language))"))
                }),
            .h3(.text(say(nl: "Risico's uit het profiel", en: "Risks of the profile"))),
            picture.risks.isEmpty ? .p(.class("help"), .text(say(nl: "Geen gekoppeld.", en: "None linked.")))
                : .ul(.forEach(picture.risks) { risk in
                    .li(.a(.href(SiteURL.risks(.risk(.value(risk.id))).path), .text(risk.title)),
                        .text(" — " + say(nl: "waarschijnlijkheid \(risk.likelihood.rawValue), impact \(risk.impact.rawValue)",
                                          en: "likelihood \(risk.likelihood.rawValue), impact \(risk.impact.rawValue)")))
                }),
            .h3(.text(say(nl: "Plannen", en: "Plans"))),
            picture.plans.isEmpty ? .p(.class("help"), .text(say(nl: "Geen gekoppeld.", en: "None attached.")))
                : .ul(.id("picture-plans"), .forEach(picture.plans) { plan in
                    .li(.a(.href(SiteURL.plans(.plan(.value(plan.id))).path), .text(plan.title)), .text(" — " + plan.kind.label.text(language)))
                }),
            .h3(.text(say(nl: "Bewakingsregels", en: "Monitoring rules"))),
            picture.rules.isEmpty ? .p(.class("help"), .text(say(nl: "Geen.", en: "None.")))
                : .ul(.id("picture-rules"), .forEach(picture.rules) { rule in .li(.text(rule.rule.described(language))) }))
    }

    private func keeping() -> Node<HTML.BodyContext> {
        .section(
            .id("picture-keeping"), .class("card"),
            .h2(.text(say(nl: "Bijhouden", en: "Keep"))),
            .details(
                .summary(.text(say(nl: "Bewakingsregel toevoegen", en: "Add a monitoring rule"))),
                .form(
                    .id("rule-form"), .class("stacked"), .method(.post), .action(SiteURL.riskPictures(.rules(.value(picture.id))).path),
                    text.hidden(csrfToken),
                    .label(.for("rule-source"), .text(say(nl: "Bron", en: "Source"))),
                    .select(.id("rule-source"), .attribute(named: "name", value: "source"),
                            .forEach(MonitoringSource.allCases) { .choice($0.rawValue, $0.label.text(language)) }),
                    .label(.for("rule-severity"), .text(say(nl: "CAP: minste ernst", en: "CAP: least severity"))),
                    .select(.id("rule-severity"), .attribute(named: "name", value: "minimumSeverity"), .choice("", "—"),
                            .forEach(CAPSeverityLevel.allCases.dropFirst()) { .choice($0.rawValue, $0.label.text(language)) }),
                    .label(.for("rule-partner"), .text(say(nl: "Meetwaarde: partner", en: "Measurement: partner"))),
                    .select(.id("rule-partner"), .attribute(named: "name", value: "partner"), .choice("", "—"),
                            .forEach(picture.partners) { .choice($0.code, $0.name) }),
                    .label(.for("rule-quantity"), .text(say(nl: "Meetwaarde: grootheid", en: "Measurement: quantity"))),
                    .input(.id("rule-quantity"), .name("quantity"), .type(.text)),
                    .label(.for("rule-threshold"), .text(say(nl: "Meetwaarde: drempel (signaal bij bereiken, van onder)", en: "Measurement: threshold (signal when reached from below)"))),
                    .input(.id("rule-threshold"), .name("threshold"), .type(.number), .attribute(named: "step", value: "any")),
                    .button(.type(.submit), .id("rule-submit"), .text(say(nl: "Regel toevoegen", en: "Add the rule"))))),
            .details(
                .summary(.text(say(nl: "Risicobeeld afsluiten", en: "Close the risk picture"))),
                .form(
                    .id("closure-form"), .class("stacked"), .method(.post), .action(SiteURL.riskPictures(.closure(.value(picture.id))).path),
                    text.hidden(csrfToken), .input(.type(.hidden), .name("baseVersion"), .value(String(picture.version))),
                    .label(.for("closure-reason"), .text(say(nl: "Reden", en: "Reason"))),
                    .input(.id("closure-reason"), .name("reason"), .type(.text), .required(true)),
                    .button(.type(.submit), .id("closure-submit"), .text(say(nl: "Afsluiten", en: "Close"))))))
    }
}

/// Parts the risk picture pages share.
struct RiskPictureText: Bilingual {
    let language: KnooppuntCore.Language

    func hidden(_ csrf: String) -> Node<HTML.FormContext> { RiskText(language: language).hidden(csrf) }

    func window(_ picture: RiskPictures.PictureDTO) -> String {
        say(nl: "verwacht \(DisplayFormat.minute(picture.expectedFrom)) tot \(DisplayFormat.minute(picture.expectedUntil))",
            en: "expected \(DisplayFormat.minute(picture.expectedFrom)) to \(DisplayFormat.minute(picture.expectedUntil))")
    }

    func checks(_ id: String, name: String, legend: String, _ options: [(String, String)]) -> Node<HTML.FormContext> {
        FormParts.checkGroup(id, name: name, legend: legend, options)
    }
}

/// Form parts several pages share.
enum FormParts {
    /// A group of checkboxes under a legend; each option's value and its text.
    static func checkGroup(_ id: String, name: String, legend: String, _ options: [(String, String)]) -> Node<HTML.FormContext> {
        .element(named: "fieldset", nodes: [
            .element(named: "legend", text: legend),
            .forEach(Array(options.enumerated())) { index, option in
                .label(.class("check"), .input(.type(.checkbox), .name(name), .value(option.0), .id("\(id)-\(index)")), .text(" " + option.1))
            },
        ])
    }
}
