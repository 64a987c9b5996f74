import Foundation
import KnooppuntCore
import Plot

/// Who else sees the incident: grants, alerts, partners' requests, linking and breaking the glass.
extension IncidentPage {
    func activeGrants(_ panel: AccessPanel) -> [AccessGrantDTO] {
        panel.grants.filter { $0.revokedAt == nil && $0.validUntil > now && $0.validFrom <= now }
    }

    /// Notifies the region's staff, the IM first, that the chair opened the incident.
    func breakGlassBanner(_ panel: AccessPanel) -> Node<HTML.BodyContext> {
        let opened = activeGrants(panel).filter { $0.kind == "break-glass" }
        return .forEach(opened) { grant in
            .p(
                .class("break-glass-banner"), .attribute(named: "role", value: "alert"),
                .strong(.text(strings.glassBroken + ": ")),
                .text("\(person(grant.grantedBy)) (\(organisationName(grant.grantedByOrganisation))) · \(strings.openedFor) \(organisationName(grant.organisation)) "
                    + "\(strings.untilLabel) \(DisplayFormat.time(grant.validUntil)). \(strings.writtenReason): \(grant.purpose)"))
        }
    }

    func accessSection(_ panel: AccessPanel) -> Node<HTML.BodyContext> {
        .section(
            .class("card"), .id("access"), .attribute(named: "aria-labelledby", value: "access-title"),
            .h2(.id("access-title"), .text(strings.access)),
            .p(.class("help"), .text(strings.accessIntro)),
            .if(live && may.manageAccess && !panel.requests.isEmpty, .group(
                .h3(.id("incident-access-requests-title"), .text("\(HomeStrings.requestsTitle.text(language)) (\(panel.requests.count))")),
                .ul(.id("incident-access-requests"), .class("access-requests"), .forEach(panel.requests) {
                    $0.render(language, csrfToken: csrfToken, next: nil, incidentLink: false)
                }))),
            .if(panel.grants.isEmpty, .p(.class("muted"), .text(strings.noGrants))),
            .if(!panel.grants.isEmpty,
                .table(
                    .class("grants"),
                    .thead(.tr(
                        .th(.text(strings.organisationLabel)), .th(.text(strings.profile)), .th(.text(strings.statusLabel)),
                        .th(.text(strings.untilLabel)), .th(.text(strings.purpose)), .th(.text(strings.actor)), .th())),
                    .tbody(.forEach(panel.grants) { grant in grantRow(grant) }))),
            .if(!panel.alerts.isEmpty,
                .group(
                    .h3(.text(strings.alerts)),
                    .ul(.class("alerts"), .id("incident-alerts"), .forEach(panel.alerts) { alert in
                        .li(
                            .class(alert.acknowledgedAt == nil ? "alert open" : "alert"),
                            .strong(.text(organisationName(alert.organisation) + " ")),
                            .span(.class("muted"), .text("\(DisplayFormat.time(alert.raisedAt)) · \(alert.reason) · ")),
                            .text(AlertStatusText.text(alert, strings, person: person)))
                    }))),
            .if(live && may.manageAccess && !panel.linkable.isEmpty, linkForm(panel)),
            .if(live && may.manageAccess && !panel.detachableHINs.isEmpty, adHocForm(panel)),
            .if(live && may.breakGlass, breakGlassForm(panel))
        )
    }

    /// The kern partners linked now, whose themes a standby partner may be opened to.
    var kernPartners: [String] {
        (access?.grants ?? []).filter { $0.profile == .kern && $0.revokedAt == nil && $0.validUntil > now }.map(\.organisation)
    }

    func grantRow(_ grant: AccessGrantDTO) -> Node<HTML.TableContext> {
        let active = grant.revokedAt == nil && grant.validUntil > now
        let kind = (grant.profile?.label.text(language) ?? (grant.kind == "break-glass" ? strings.breakGlass : grant.kind))
            + (grant.underMandateOf.flatMap(Theme.init).map { " · " + say(nl: "onder mandaat van ", en: "under the mandate of ") + themeName($0) } ?? "")
        let url = { (step: GrantStep) in SiteURL.incident(.value(incident.id), .accessGrant(.value(grant.id), step)).path }
        return .tr(
            .class(active ? "grant" : "grant ended"), .data(named: "organisation", value: grant.organisation),
            .td(.strong(.text(organisationName(grant.organisation)))),
            .td(.data(named: "label", value: strings.profile), .text(kind)),
            .td(.data(named: "label", value: strings.statusLabel), .text(active ? grant.status.label.text(language) + readScopeText(grant) : strings.ended)),
            .td(.data(named: "label", value: strings.untilLabel), .text(DisplayFormat.time(grant.revokedAt ?? grant.validUntil))),
            .td(
                .data(named: "label", value: strings.purpose),
                .text(grant.purpose),
                // An ad-hoc-aansluiting names who enters for the partner and on what terms (decision 0027 §6).
                .unwrap(grant.detachedHIN) {
                    .span(.class("grant-detail"), .strong(.text(say(nl: "Gedetacheerde HIN: ", en: "Detached HIN: "))), .text(person($0)))
                },
                .unwrap(grant.conditions) {
                    .span(.class("grant-detail"), .strong(.text(say(nl: "Voorwaarden: ", en: "Conditions: "))), .text($0))
                }),
            .td(.data(named: "label", value: strings.actor), .text(person(grant.grantedBy))),
            .td(
                .if(live && active && may.manageAccess && grant.profile == .standby,
                    .form(
                        .class("inline js-refresh"), .method(.post), .action(url(.admit)),
                        .input(.type(.hidden), .name(CSRFMiddleware.fieldName), .value(csrfToken)),
                        readScopeSelect(grant, kern: kernPartners),
                        .button(.type(.submit), .class("small"), .id("admit-\(grant.organisation)"),
                                .text(grant.status == .monitoring ? strings.admitPartner : say(nl: "Leestoegang wijzigen", en: "Change what it reads"))))),
                .if(live && active && (may.manageAccess || (may.breakGlass && grant.kind == "break-glass")),
                    .form(
                        .class("inline js-refresh"), .method(.post), .action(url(.revoke)),
                        .input(.type(.hidden), .name(CSRFMiddleware.fieldName), .value(csrfToken)),
                        .button(.type(.submit), .class("small"), .id("disconnect-\(grant.organisation)"), .text(strings.disconnect)))))
        )
    }

    /// A standby partner reads what the IM opens (decision 0027 §7): shown beside its status.
    func readScopeText(_ grant: AccessGrantDTO) -> String {
        guard grant.profile == .standby, grant.status == .active else { return "" }
        let scope = grant.readScope ?? .summary
        // Partners by name, as the page names them everywhere; disciplines in lower case within the sentence.
        if case .themes(let themes) = scope {
            let names = themes.map { theme -> String in
                if case .partner = theme { return themeName(theme) }
                return themeName(theme).lowercased()
            }
            return " · " + say(nl: "leest het totaalbeeld en ", en: "reads the overall picture and ") + names.joined(separator: ", ")
        }
        return " · " + scope.label.text(language)
    }

    /// What the IM opens to a standby partner: the totaalbeeld (default), one discipline's theme, the whole
    /// picture, or several themes at once — the disciplines and the kern partners' themes (decision 0027 §7).
    func readScopeSelect(_ grant: AccessGrantDTO, kern: [String]) -> Node<HTML.FormContext> {
        let current = grant.readScope ?? .summary
        let choices: [ReadScope] = [.summary] + Theme.disciplines.map { .themes([$0]) } + [.whole]
        let themes: [Theme] = Theme.disciplines + kern.map(Theme.partner)
        let opened: Set<Theme> = if case .themes(let list) = current { Set(list) } else { [] }
        let id = "read-scope-\(grant.organisation)"
        return .group(
            .label(.for(id), .class("visually-hidden"), .text(say(nl: "Leestoegang", en: "Read access"))),
            .select(
                .id(id), .attribute(named: "name", value: "readScope"),
                .forEach(choices) { .choice($0.text, $0.label.text(language), selected: $0 == current) }),
            .element(named: "details", nodes: [
                .class("read-scope-themes"),
                .element(named: "summary", nodes: [.text(say(nl: "Meerdere thema's", en: "Several themes"))]),
                .forEach(themes) { theme in
                    .label(
                        .class("check"),
                        .input(
                            .type(.checkbox), .name("themes[]"), .value(theme.description),
                            .id("read-scope-\(grant.organisation)-\(theme.description.replacingOccurrences(of: ":", with: "-"))"),
                            .checked(opened.contains(theme))),
                        .text(" " + themeName(theme)))
                },
            ]))
    }

    func durationSelect(_ id: String, hours: [Int], selected: Int) -> Node<HTML.FormContext> {
        .group(
            .label(.for(id), .text(strings.duration)),
            .select(.id(id), .attribute(named: "name", value: "hours"), .forEach(hours) {
                .choice("\($0)", "\($0) \(strings.hoursUnit)", selected: $0 == selected)
            }))
    }

    /// A standby partner may join through a discipline's process or a kern partner's (decision 0027 §9).
    func mandateSelect(_ panel: AccessPanel) -> Node<HTML.FormContext> {
        let kern = panel.grants.filter {
            $0.profile == .kern && $0.revokedAt == nil && $0.validUntil > now
        }.map(\.organisation)
        let choices: [Theme] = Theme.disciplines.filter { $0 != .algemeen } + kern.map(Theme.partner)
        return .group(
            .label(.for("link-mandate"), .text(say(nl: "Standby: onder mandaat van (optioneel)", en: "Standby: under the mandate of (optional)"))),
            .select(
                .id("link-mandate"), .attribute(named: "name", value: "underMandateOf"),
                .choice("", say(nl: "— eigen koppeling —", en: "— own link —")),
                .forEach(choices) { .choice($0.description, themeName($0)) }))
    }

    func linkForm(_ panel: AccessPanel) -> Node<HTML.BodyContext> {
        .form(
            .id("link-form"), .class("stacked js-refresh js-reset"), .method(.post), .action(SiteURL.incident(.value(incident.id), .access).path),
            .h3(.text(strings.linkPartner)),
            .input(.type(.hidden), .name(CSRFMiddleware.fieldName), .value(csrfToken)),
            .label(.for("link-organisation"), .text(strings.partner)),
            .select(.id("link-organisation"), .attribute(named: "name", value: "organisation"), .forEach(panel.linkable) { partner in
                .choice(partner.code, "\(partner.name) (\(partner.profile.label.text(language)))")
            }),
            .label(.for("link-purpose"), .text(strings.purpose)),
            .input(.type(.text), .id("link-purpose"), .name("purpose"), .required(true), .attribute(named: "minlength", value: "3")),
            durationSelect("link-hours", hours: [4, 8, 24, 72, 168], selected: 24),
            .if(panel.linkable.contains { $0.profile == .standby }, mandateSelect(panel)),
            .button(.type(.submit), .id("link-submit"), .text(strings.linkPartner))
        )
    }

    /// «Een veiligheidsregio bepaalt … of een ad-hoc-aansluiting kan worden ingezet en onder welke voorwaarden»
    /// (001:L926-929): the organisation, the conditions and the HIN the region detaches, for a set time. The
    /// partner itself reads and writes nothing (decision 0027 §6).
    func adHocForm(_ panel: AccessPanel) -> Node<HTML.BodyContext> {
        .details(
            .class("ad-hoc"),
            .summary(.text(say(nl: "Ad-hoc-aansluiting vastleggen", en: "Record an ad-hoc-aansluiting"))),
            .form(
                .id("ad-hoc-form"), .class("stacked js-refresh js-reset"), .method(.post),
                .action(SiteURL.incident(.value(incident.id), .access).path),
                .p(.class("help"), .text(say(
                    nl: "Een partner zonder afspraak levert informatie aan via een HIN van de regio. De partner krijgt zelf geen toegang.",
                    en: "A partner without an agreement supplies information through a HIN of the region. The partner gets no access itself."))),
                .input(.type(.hidden), .name(CSRFMiddleware.fieldName), .value(csrfToken)),
                // A known organisation by its code (the list suggests them), or a new one with its name.
                .label(.for("ad-hoc-organisation"), .text(say(nl: "Organisatie (code)", en: "Organisation (code)"))),
                .input(
                    .type(.text), .id("ad-hoc-organisation"), .name("organisation"), .required(true),
                    .attribute(named: "list", value: "ad-hoc-candidates"), .attribute(named: "autocapitalize", value: "characters"),
                    .attribute(named: "maxlength", value: "20")),
                .element(named: "datalist", nodes: [
                    .id("ad-hoc-candidates"),
                    .forEach(panel.adHocCandidates) { candidate in
                        .element(named: "option", nodes: [.attribute(named: "value", value: candidate.code), .text(candidate.name)])
                    },
                ]),
                .label(.for("ad-hoc-name"), .text(say(nl: "Naam (alleen bij een nieuwe organisatie)", en: "Name (a new organisation only)"))),
                .input(.type(.text), .id("ad-hoc-name"), .name("organisationName"), .attribute(named: "maxlength", value: "200")),
                .label(.for("ad-hoc-purpose"), .text(strings.purpose)),
                .input(.type(.text), .id("ad-hoc-purpose"), .name("purpose"), .required(true), .attribute(named: "minlength", value: "3")),
                .label(.for("ad-hoc-conditions"), .text(say(nl: "Voorwaarden van de regio", en: "The region's conditions"))),
                .textarea(
                    .id("ad-hoc-conditions"), .name("conditions"), .required(true), .attribute(named: "minlength", value: "3"),
                    .attribute(named: "maxlength", value: "1000"), .attribute(named: "rows", value: "2")),
                .label(.for("ad-hoc-hin"), .text(say(nl: "Gedetacheerde HIN", en: "Detached HIN"))),
                .select(.id("ad-hoc-hin"), .attribute(named: "name", value: "detachedHIN"), .forEach(panel.detachableHINs) {
                    .choice($0.username, $0.name)
                }),
                durationSelect("ad-hoc-hours", hours: [4, 8, 24, 72], selected: 24),
                .button(.type(.submit), .id("ad-hoc-submit"), .text(say(nl: "Ad-hoc-aansluiting vastleggen", en: "Record the ad-hoc-aansluiting")))
            )
        )
    }

    /// «sluit aan via een proces dat onder de zeggenschap valt van een andere (reeds aangesloten) partner»
    /// (001:L864-866): a kern partner brings a standby partner in under its own mandate; the region sees it in
    /// its access list as such and may end it (decision 0027 §9).
    func bringInSection() -> Node<HTML.BodyContext> {
        .section(
            .class("card"), .id("bring-in"), .attribute(named: "aria-labelledby", value: "bring-in-title"),
            .h2(.id("bring-in-title"), .text(say(nl: "Standby-partner aansluiten", en: "Bring in a standby partner"))),
            .details(
                .summary(.text(say(nl: "Onder eigen mandaat aansluiten", en: "Bring in under our own mandate"))),
                .form(
                    .id("bring-in-form"), .class("stacked js-refresh js-reset"), .method(.post),
                    .action(SiteURL.incident(.value(incident.id), .access).path),
                    .p(.class("help"), .text(say(
                        nl: "De partner sluit aan via uw proces en leest uw thema, tenzij de IM het anders openstelt. De regio ziet de aansluiting en kan haar beëindigen.",
                        en: "The partner joins through your process and reads your theme unless the IM opens it otherwise. The region sees it and may end it."))),
                    .input(.type(.hidden), .name(CSRFMiddleware.fieldName), .value(csrfToken)),
                    .label(.for("bring-in-organisation"), .text(strings.partner)),
                    .select(.id("bring-in-organisation"), .attribute(named: "name", value: "organisation"), .forEach(standbyChoices) {
                        .choice($0.code, $0.name)
                    }),
                    .label(.for("bring-in-purpose"), .text(strings.purpose)),
                    .input(.type(.text), .id("bring-in-purpose"), .name("purpose"), .required(true), .attribute(named: "minlength", value: "3")),
                    durationSelect("bring-in-hours", hours: [4, 8, 24, 72], selected: 24),
                    .button(.type(.submit), .id("bring-in-submit"), .text(say(nl: "Aansluiten", en: "Bring in")))
                )
            )
        )
    }

    func breakGlassForm(_ panel: AccessPanel) -> Node<HTML.BodyContext> {
        .details(
            .class("break-glass"),
            .summary(.text(strings.breakGlass)),
            .form(
                .id("break-glass-form"), .class("stacked js-refresh js-reset"), .method(.post),
                .action(SiteURL.incident(.value(incident.id), .breakGlass).path),
                .p(.class("help"), .text(strings.breakGlassIntro)),
                .input(.type(.hidden), .name(CSRFMiddleware.fieldName), .value(csrfToken)),
                .label(.for("glass-organisation"), .text(strings.organisationLabel)),
                .select(.id("glass-organisation"), .attribute(named: "name", value: "organisation"), .forEach(panel.organisations) {
                    .choice($0.code, "\($0.name) (\($0.code))")
                }),
                .label(.for("glass-reason"), .text(strings.writtenReason)),
                .textarea(.id("glass-reason"), .name("reason"), .required(true), .attribute(named: "rows", value: "2")),
                durationSelect("glass-hours", hours: [1, 4, 8, 24], selected: 4),
                .button(.type(.submit), .id("glass-submit"), .text(strings.breakGlass))
            )
        )
    }
}
