import Foundation
import KnooppuntCore
import KnooppuntInterop
import Plot

/// Labels and parts the risk pages share.
struct RiskText: Bilingual {
    let language: KnooppuntCore.Language

    func hidden(_ csrf: String) -> Node<HTML.FormContext> { .input(.type(.hidden), .name(CSRFMiddleware.fieldName), .value(csrf)) }

    /// A yyyy-MM-dd day as pages show days: 30-06-2027.
    static func day(_ text: String) -> String { DateTimeText.day(text).map(DisplayFormat.date) ?? text }

    func likelihood(_ value: LikelihoodClass) -> String { value.label.text(language) }
    func impact(_ value: ImpactClass) -> String { value.label.text(language) }

    /// The place on the risk diagram, low to very high, from the two classes (A=1 … E=5).
    static func level(_ likelihood: LikelihoodClass, _ impact: ImpactClass) -> Int {
        let score = (LikelihoodClass.allCases.firstIndex(of: likelihood)! + 1) * (ImpactClass.allCases.firstIndex(of: impact)! + 1)
        return score >= 15 ? 4 : score >= 8 ? 3 : score >= 4 ? 2 : 1
    }

    func adoption(_ risk: RiskProfiles.RiskDTO) -> String {
        guard let by = risk.adoptedBy, let on = risk.adoptedOn else { return say(nl: "Niet vastgesteld", en: "Not adopted") }
        return say(nl: "Vastgesteld door \(by) op \(Self.day(on))", en: "Adopted by \(by) on \(Self.day(on))")
    }

    func change(_ change: RiskProfiles.Change) -> String { change.label.text(language) }

    /// The fields of a risk: empty for a new one, filled for a change.
    func fields(_ risk: RiskProfiles.RiskDTO?, prefix: String, care: Bool) -> Node<HTML.FormContext> {
        .group(describing(risk, prefix: prefix), classes(risk, prefix: prefix), keeping(risk, prefix: prefix),
               care ? careBox(risk, prefix: prefix) : .empty, adoptionFields(risk, prefix: prefix))
    }

    private func describing(_ risk: RiskProfiles.RiskDTO?, prefix: String) -> Node<HTML.FormContext> {
        let titleLabel: String = say(nl: "Titel (zoals andere regio's hem noemen)", en: "Title (as other regions name it)")
        return .group(
            .label(.for("\(prefix)-title"), .text(titleLabel)),
            .input(.id("\(prefix)-title"), .name("title"), .type(.text), .required(true), .value(risk?.title ?? "")),
            .label(.for("\(prefix)-scenario"), .text(say(nl: "Scenario", en: "Scenario"))),
            .textarea(.id("\(prefix)-scenario"), .attribute(named: "name", value: "scenario"), .required(true),
                      .attribute(named: "rows", value: "3"), .text(risk?.scenario ?? "")))
    }

    private func classes(_ risk: RiskProfiles.RiskDTO?, prefix: String) -> Node<HTML.FormContext> {
        let choices: [Node<HTML.SelectContext>] = LikelihoodClass.allCases.map { value in
            .choice(value.rawValue, likelihood(value), selected: risk?.likelihood == value)
        }
        let legend: String = say(nl: "Impact per vitaal belang (leeg: niet geraakt)", en: "Impact per vital interest (empty: not touched)")
        let impacts: [Node<HTML.FormContext>] = VitalInterest.allCases.map { interest in impactField(risk, interest, prefix: prefix) }
        return .group(
            .label(.for("\(prefix)-likelihood"), .text(say(nl: "Waarschijnlijkheid", en: "Likelihood"))),
            .select(.id("\(prefix)-likelihood"), .attribute(named: "name", value: "likelihood"), .group(choices)),
            .element(named: "fieldset", nodes: [.element(named: "legend", text: legend), .group(impacts)]))
    }

    private func impactField(_ risk: RiskProfiles.RiskDTO?, _ interest: VitalInterest, prefix: String) -> Node<HTML.FormContext> {
        let id = "\(prefix)-impact-\(interest.rawValue)"
        let choices: [Node<HTML.SelectContext>] = ImpactClass.allCases.map { value in
            .choice(value.rawValue, impact(value), selected: risk?.impacts[interest] == value)
        }
        return .group(
            .label(.for(id), .text(interest.label.text(language))),
            .select(.id(id), .attribute(named: "name", value: "impact-\(interest.rawValue)"), .choice("", "—"), .group(choices)))
    }

    private func keeping(_ risk: RiskProfiles.RiskDTO?, prefix: String) -> Node<HTML.FormContext> {
        let capacitiesLabel: String = say(nl: "Benodigde capaciteiten (gescheiden door ;)", en: "Capacities needed (separated by ;)")
        return .group(
            .label(.for("\(prefix)-capacities"), .text(capacitiesLabel)),
            .input(.id("\(prefix)-capacities"), .name("capacities"), .type(.text), .value(risk?.capacities.joined(separator: "; ") ?? "")),
            .label(.for("\(prefix)-owner"), .text(say(nl: "Eigenaar", en: "Owner"))),
            .input(.id("\(prefix)-owner"), .name("owner"), .type(.text), .required(true), .value(risk?.owner ?? "")),
            .label(.for("\(prefix)-review"), .text(say(nl: "Herzien op", en: "Review on"))),
            .input(.id("\(prefix)-review"), .name("reviewOn"), .type(.date), .required(true), .value(risk?.reviewOn ?? "")))
    }

    private func careBox(_ risk: RiskProfiles.RiskDTO?, prefix: String) -> Node<HTML.FormContext> {
        let label: String = " " + say(nl: "Hoort bij het zorgrisicoprofiel (GHOR)", en: "Part of the zorgrisicoprofiel (GHOR)")
        let checked = Attribute<HTML.InputContext>(name: "checked", value: risk?.careProfile == true ? "checked" : "", ignoreIfValueIsEmpty: true)
        return .label(.for("\(prefix)-care"), .class("inline"),
                      .input(.id("\(prefix)-care"), .name("careProfile"), .type(.checkbox), .value("true"), checked), .text(label))
    }

    private func adoptionFields(_ risk: RiskProfiles.RiskDTO?, prefix: String) -> Node<HTML.FormContext> {
        let legend: String = say(nl: "Vaststelling (leeg laten zolang niet vastgesteld)", en: "Adoption (leave empty until adopted)")
        let placeholder: String = say(nl: "Algemeen bestuur Veiligheidsregio …", en: "Algemeen bestuur of the safety region …")
        return .element(named: "fieldset", nodes: [
            .element(named: "legend", text: legend),
            .label(.for("\(prefix)-adopted-by"), .text(say(nl: "Vastgesteld door", en: "Adopted by"))),
            .input(.id("\(prefix)-adopted-by"), .name("adoptedBy"), .type(.text), .value(risk?.adoptedBy ?? ""), .placeholder(placeholder)),
            .label(.for("\(prefix)-adopted-on"), .text(say(nl: "Vastgesteld op", en: "Adopted on"))),
            .input(.id("\(prefix)-adopted-on"), .name("adoptedOn"), .type(.date), .value(risk?.adoptedOn ?? ""))])
    }
}

extension RiskProfilePage {
    var language: KnooppuntCore.Language { strings.language }
    private var text: RiskText { RiskText(language: language) }

    func render() -> String {
        let general = risks.filter { !$0.careProfile }
        let care = risks.filter(\.careProfile)
        let due = risks.filter(\.reviewDue)
        let notAdopted = general.filter { $0.adoptedBy == nil }
        let layout = Layout(title: say(nl: "Risicoprofiel \(regionName)", en: "Risk profile \(regionName)"), strings: strings,
                            csrfToken: csrfToken, user: user, path: SiteURL.risks().path)
        return layout.render(.group(
            .h1(.text(say(nl: "Risicoprofiel \(regionName)", en: "Risk profile \(regionName)"))),
            .p(.id("risk-status"), .class("lead"),
               .text(say(nl: "\(general.count) risico's in het risicoprofiel, \(care.count) in het zorgrisicoprofiel",
                         en: "\(general.count) risks in the risk profile, \(care.count) in the zorgrisicoprofiel")),
               .if(!due.isEmpty, .span(.class("badge overdue"), .text(say(nl: "\(due.count) te herzien", en: "\(due.count) due for review")))),
               .if(!notAdopted.isEmpty, .span(.class("badge awaiting"),
                                             .text(say(nl: "\(notAdopted.count) niet vastgesteld", en: "\(notAdopted.count) not adopted"))))),
            .if(!due.isEmpty, .section(
                .id("risks-due"), .class("card attention"),
                .h2(.text(say(nl: "Te herzien", en: "Due for review"))),
                .ul(.forEach(due) { risk in
                    .li(.a(.href(SiteURL.risks(.risk(.value(risk.id))).path), .text(risk.title)),
                        .text(" — " + say(nl: "herziening was op \(RiskText.day(risk.reviewOn))", en: "review was due on \(RiskText.day(risk.reviewOn))")))
                }))),
            .section(
                .id("risk-diagram"), .class("card"),
                .h2(.text(say(nl: "Risicodiagram", en: "Risk diagram"))),
                .p(.class("help"), .text(say(
                    nl: "Waarschijnlijkheid en de zwaarste impact over de vitale belangen, in de klassen van de Nationale Risicobeoordeling.",
                    en: "Likelihood and the most severe impact over the vital interests, in the classes of the national risk assessment."))),
                diagram(general)),
            .section(
                .id("risk-list"), .class("card"),
                .h2(.text(say(nl: "Risico's", en: "Risks"))),
                table(general, id: "risk-table"),
                .if(!care.isEmpty, .group(
                    .h3(.text(say(nl: "Zorgrisicoprofiel (GHOR)", en: "Zorgrisicoprofiel (GHOR)"))),
                    table(care, id: "care-risk-table"))),
                .p(.a(.id("risk-export"), .href(SiteURL.api(.regionRisksExport(region.rawValue)).path),
                      .text(say(nl: "Risicoprofiel downloaden (CSV)", en: "Download the risk profile (CSV)"))),
                   .text(" · "),
                   .a(.id("national-risks-link"), .href(SiteURL.risks(.national).path),
                      .text(say(nl: "Alle regio's naast elkaar", en: "All regions side by side"))))),
            .section(
                .class("card"),
                .h2(.text(say(nl: "Ander risicoprofiel bekijken", en: "Look at another risk profile"))),
                .form(.method(.get), .action(SiteURL.risks().path), .class("inline"),
                      .label(.for("risk-region"), .text(say(nl: "Regio", en: "Region"))),
                      .select(.id("risk-region"), .attribute(named: "name", value: "regio"),
                              .forEach(regions) { .choice($0.code, "\($0.code) \($0.name)", selected: $0.code == region.rawValue) }),
                      .button(.type(.submit), .class("small"), .text(say(nl: "Tonen", en: "Show"))))),
            .if(mayKeep || mayKeepCare, .section(
                .id("risk-forms"), .class("card"),
                .h2(.text(say(nl: "Risicoprofiel bijhouden", en: "Keep the risk profile"))),
                .details(
                    .summary(.text(say(nl: "Risico toevoegen", en: "Add a risk"))),
                    .form(.id("risk-form"), .class("stacked"), .method(.post), .action(SiteURL.risks().path), text.hidden(csrfToken),
                          text.fields(nil, prefix: "risk", care: mayKeepCare),
                          .button(.type(.submit), .id("risk-add"), .text(say(nl: "Toevoegen", en: "Add"))))),
                .if(mayKeep, .details(
                    .summary(.text(say(nl: "Inlezen uit CSV", en: "Import from CSV"))),
                    .p(.class("help"), .text(say(
                        nl: "Alles of niets: elke foute regel wordt genoemd en dan wordt niets ingelezen. Een risico met dezelfde titel krijgt een nieuwe versie. Kolommen: ",
                        en: "All or nothing: every bad row is named and then nothing is taken in. A risk with the same title gets a new version. Columns: ")
                        + RiskProfileCSV.header.joined(separator: ","))),
                    .form(.id("risk-import-form"), .class("stacked"), .method(.post), .action(SiteURL.risks(.csvImport).path), text.hidden(csrfToken),
                          .label(.for("risk-import-csv"), .text("CSV")),
                          .textarea(.id("risk-import-csv"), .attribute(named: "name", value: "csv"), .required(true), .attribute(named: "rows", value: "6")),
                          .button(.type(.submit), .id("risk-import-submit"), .text(say(nl: "Inlezen", en: "Import"))))))))
        ))
    }

    private func table(_ risks: [RiskProfiles.RiskDTO], id: String) -> Node<HTML.BodyContext> {
        guard !risks.isEmpty else { return .p(.class("help"), .text(say(nl: "Nog geen risico's vastgelegd.", en: "No risks recorded yet."))) }
        return .tableScroll(say(nl: "Risico's", en: "Risks"), .table(
            .id(id), .class("risk-table"),
            .thead(.tr(.th(.text(say(nl: "Risico", en: "Risk"))), .th(.text(say(nl: "Waarschijnlijkheid", en: "Likelihood"))),
                       .th(.text(say(nl: "Impact", en: "Impact"))), .th(.text(say(nl: "Vaststelling", en: "Adoption"))),
                       .th(.text(say(nl: "Herzien op", en: "Review on"))))),
            .tbody(.forEach(risks) { risk in
                .tr(.data(named: "risk", value: risk.id.uuidString),
                    .td(.span(.class("risk-number"), .text(number(risk))),
                        .a(.href(SiteURL.risks(.risk(.value(risk.id))).path), .text(risk.title))),
                    .td(.text(text.likelihood(risk.likelihood))),
                    .td(.span(.class("badge risk-level-\(RiskText.level(risk.likelihood, risk.impact))"), .text(text.impact(risk.impact)))),
                    .td(.text(text.adoption(risk))),
                    .td(.text(RiskText.day(risk.reviewOn)), .if(risk.reviewDue, .span(.class("badge overdue"), .text(say(nl: "te herzien", en: "due")))))
                )
            })))
    }

    /// A risk's number on the diagram: its place in the profile, general profile first.
    private func number(_ risk: RiskProfiles.RiskDTO) -> String {
        String((risks.firstIndex { $0.id == risk.id } ?? 0) + 1)
    }

    /// Impact E at the top, likelihood A at the left, as the national risk diagram is drawn. Each risk is a
    /// numbered mark with its title; on a phone only the number shows, the list below gives the titles.
    private func diagram(_ risks: [RiskProfiles.RiskDTO]) -> Node<HTML.BodyContext> {
        .tableScroll(say(nl: "Risicodiagram", en: "Risk diagram"), .table(
            .id("risk-matrix"), .class("risk-matrix"),
            .caption(.text(say(nl: "Rijen: impact; kolommen: waarschijnlijkheid", en: "Rows: impact; columns: likelihood"))),
            .thead(.tr(.th(.span(.class("class-word"), .text(say(nl: "Impact ↓ / waarschijnlijkheid →", en: "Impact ↓ / likelihood →")))),
                       .forEach(LikelihoodClass.allCases) { .th(.attribute(named: "scope", value: "col"), .text($0.rawValue)) })),
            .tbody(.forEach(ImpactClass.allCases.reversed()) { impact in
                .tr(.th(.attribute(named: "scope", value: "row"), .span(.text(impact.rawValue)),
                        .span(.class("class-word"), .text(String(text.impact(impact).dropFirst(1))))),
                    .forEach(LikelihoodClass.allCases) { likelihood in
                        .td(.class("risk-level-\(RiskText.level(likelihood, impact))"),
                            .forEach(risks.filter { $0.likelihood == likelihood && $0.impact == impact }) { risk in
                                .a(.class("matrix-risk"), .href(SiteURL.risks(.risk(.value(risk.id))).path),
                                   .attribute(named: "title", value: risk.title),
                                   .span(.class("risk-number"), .text(number(risk))), .span(.class("matrix-title"), .text(risk.title)))
                            })
                    })
            })))
    }
}

extension RiskPage {
    var language: KnooppuntCore.Language { strings.language }
    private var text: RiskText { RiskText(language: language) }

    func render() -> String {
        let risk = detail.risk
        let layout = Layout(title: risk.title, strings: strings, csrfToken: csrfToken, user: user,
                            path: SiteURL.risks(.risk(.value(risk.id))).path)
        return layout.render(.group(
            .p(.a(.href(SiteURL.risks().url(query: ["regio": risk.region])), .text(say(nl: "← Risicoprofiel \(regionName)", en: "← Risk profile \(regionName)")))),
            .h1(.text(risk.title)),
            .p(.id("risk-state"), .class("lead"),
               .unwrap(risk.withdrawn) { reason in
                   .span(.class("badge overdue"), .text(say(nl: "Uit het profiel genomen: \(reason)", en: "Withdrawn from the profile: \(reason)")))
               },
               .if(risk.reviewDue && risk.withdrawn == nil,
                   .span(.class("badge overdue"), .text(say(nl: "Te herzien sinds \(RiskText.day(risk.reviewOn))", en: "Due for review since \(RiskText.day(risk.reviewOn))")))),
               .span(.class("badge risk-level-\(RiskText.level(risk.likelihood, risk.impact))"),
                     .text(say(nl: "Waarschijnlijkheid \(risk.likelihood.rawValue), impact \(risk.impact.rawValue)",
                               en: "Likelihood \(risk.likelihood.rawValue), impact \(risk.impact.rawValue)"))),
               .text(" " + text.adoption(risk))),
            .section(
                .class("card"),
                .h2(.text(say(nl: "Scenario", en: "Scenario"))),
                .p(.id("risk-scenario"), .text(risk.scenario)),
                .dl(
                    .class("facts risk-facts"),
                    .dt(.text(say(nl: "Waarschijnlijkheid", en: "Likelihood"))), .dd(.text(text.likelihood(risk.likelihood))),
                    .dt(.text(say(nl: "Impact per vitaal belang", en: "Impact per vital interest"))),
                    .dd(.ul(.id("risk-impacts"), .class("plain"), .forEach(VitalInterest.allCases.filter { risk.impacts[$0] != nil }) { interest in
                        .li(.text("\(interest.label.text(language)): \(text.impact(risk.impacts[interest]!))"))
                    })),
                    .dt(.text(say(nl: "Benodigde capaciteiten", en: "Capacities needed"))),
                    .dd(.text(risk.capacities.isEmpty ? "—" : risk.capacities.joined(separator: "; "))),
                    .dt(.text(say(nl: "Eigenaar", en: "Owner"))), .dd(.text(risk.owner)),
                    .dt(.text(say(nl: "Herzien op", en: "Review on"))), .dd(.text(RiskText.day(risk.reviewOn))),
                    .dt(.text(say(nl: "Profiel", en: "Profile"))),
                    .dd(.text(risk.careProfile ? say(nl: "Zorgrisicoprofiel (GHOR)", en: "Zorgrisicoprofiel (GHOR)")
                                               : say(nl: "Regionaal risicoprofiel", en: "Regional risk profile"))))),
            .section(
                .id("risk-adoptions"), .class("card"),
                .h2(.text(say(nl: "Vaststellingen", en: "Adoptions"))),
                detail.adoptions.isEmpty
                    ? .p(.class("help"), .text(say(nl: "Nog niet vastgesteld.", en: "Not adopted yet.")))
                    : .ul(.forEach(detail.adoptions) { adoption in
                        .li(.text(say(nl: "\(adoption.adoptedBy), \(RiskText.day(adoption.adoptedOn)) — vastgelegd door \(adoption.recordedByName) op \(DisplayFormat.minute(adoption.recordedAt)) (versie \(adoption.version))",
                                      en: "\(adoption.adoptedBy), \(RiskText.day(adoption.adoptedOn)) — recorded by \(adoption.recordedByName) on \(DisplayFormat.minute(adoption.recordedAt)) (version \(adoption.version))")))
                    })),
            .section(
                .id("risk-history"), .class("card"),
                .h2(.text(say(nl: "Versies", en: "Versions"))),
                .ol(.attribute(named: "reversed"), .forEach(detail.history) { version in
                    .li(.strong(.text(text.change(version.change))),
                        .text(" — \(DisplayFormat.minute(version.recordedAt)), \(version.recordedByName) · "
                              + say(nl: "waarschijnlijkheid \(version.likelihood.rawValue), impact \(version.impact.rawValue)",
                                    en: "likelihood \(version.likelihood.rawValue), impact \(version.impact.rawValue)")
                              + (version.reason.map { " · " + $0 } ?? "")))
                })),
            communication(),
            .if(mayKeep && risk.withdrawn == nil, .section(
                .id("risk-forms"), .class("card"),
                .h2(.text(say(nl: "Bijhouden", en: "Keep"))),
                .details(
                    .summary(.text(say(nl: "Wijzigen of vaststelling vastleggen", en: "Change, or record the adoption"))),
                    .form(.id("risk-change-form"), .class("stacked"), .method(.post), .action(SiteURL.risks(.risk(.value(risk.id))).path),
                          text.hidden(csrfToken), .input(.type(.hidden), .name("baseVersion"), .value(String(risk.version))),
                          text.fields(risk, prefix: "change", care: true),
                          .button(.type(.submit), .id("risk-change"), .text(say(nl: "Opslaan als nieuwe versie", en: "Save as a new version"))))),
                .details(
                    .summary(.text(say(nl: "Uit het profiel nemen", en: "Withdraw from the profile"))),
                    .form(.id("risk-withdraw-form"), .class("stacked"), .method(.post), .action(SiteURL.risks(.withdrawal(.value(risk.id))).path),
                          text.hidden(csrfToken), .input(.type(.hidden), .name("baseVersion"), .value(String(risk.version))),
                          .label(.for("withdraw-reason"), .text(say(nl: "Reden", en: "Reason"))),
                          .input(.id("withdraw-reason"), .name("reason"), .type(.text), .required(true)),
                          .button(.type(.submit), .id("risk-withdraw"), .class("danger"), .text(say(nl: "Uit het profiel nemen", en: "Withdraw")))))))
        ))
    }
}

extension RiskPage {
    /// What the public was told about the risk, and for the bestuur the form to tell it (decision 0031).
    func communication() -> Node<HTML.BodyContext> {
        guard mayCommunicate || !communications.isEmpty else { return .empty }
        let pairs: [(String, String, String, Bool)] = [
            ("event", say(nl: "Soort dreiging", en: "Event"), "input", true), ("headline", say(nl: "Kop", en: "Headline"), "input", true),
            ("description", say(nl: "Uitleg", en: "Description"), "textarea", false),
            ("instruction", say(nl: "Handelingsperspectief: wat mensen zelf kunnen doen", en: "What people can do themselves"), "textarea", true),
        ]
        let fields: [Node<HTML.FormContext>] = pairs.flatMap { name, label, kind, required -> [Node<HTML.FormContext>] in
            ["nl", "en"].flatMap { language -> [Node<HTML.FormContext>] in
                let id = "communication-\(name)-\(language)"
                let caption = label + (language == "nl" ? say(nl: " (Nederlands)", en: " (Dutch)") : say(nl: " (Engels)", en: " (English)"))
                return [.label(.for(id), .text(caption)),
                        kind == "input" ? .input(.id(id), .name("\(name)_\(language)"), .type(.text), .required(required))
                            : .textarea(.id(id), .attribute(named: "name", value: "\(name)_\(language)"), .required(required), .attribute(named: "rows", value: "2"))]
            }
        }
        let urgencies: [Node<HTML.SelectContext>] = [
            .choice("Future", say(nl: "Toekomstig (Future)", en: "Future")), .choice("Expected", say(nl: "Verwacht (Expected)", en: "Expected"))]
        let severities: [Node<HTML.SelectContext>] = CAPSeverityLevel.allCases.dropFirst().map { .choice($0.rawValue, $0.label.text(language), selected: $0 == .moderate) }
        let certainties: [Node<HTML.SelectContext>] = [("Possible", "Mogelijk"), ("Likely", "Waarschijnlijk"), ("Unlikely", "Onwaarschijnlijk")]
            .map { .choice($0.0, say(nl: $0.1, en: $0.0)) }
        return .section(
            .id("risk-communication"), .class("card"),
            .h2(.text(say(nl: "Risicocommunicatie", en: "Risk communication"))),
            communications.isEmpty ? .p(.class("help"), .text(say(nl: "Nog niets gepubliceerd.", en: "Nothing published yet.")))
                : .ul(.forEach(communications) { message in
                    .li(.a(.href(message.page), .text(message.headline)), .text(" · " + (CAPTime.parse(message.sent).map(DisplayFormat.minute) ?? message.sent) + " · "), .a(.href(message.cap), .text("CAP")))
                }),
            .if(mayCommunicate, .details(
                .summary(.text(say(nl: "Publieke risico-informatie publiceren (CAP)", en: "Publish public risk information (CAP)"))),
                .form(.id("communication-form"), .class("stacked"), .method(.post), .action(SiteURL.risks(.communication(.value(detail.risk.id))).path),
                      RiskText(language: language).hidden(csrfToken), .group(fields),
                      .label(.for("communication-urgency"), .text(say(nl: "Urgentie", en: "Urgency"))),
                      .select(.id("communication-urgency"), .attribute(named: "name", value: "urgency"), .group(urgencies)),
                      .label(.for("communication-severity"), .text(say(nl: "Ernst", en: "Severity"))),
                      .select(.id("communication-severity"), .attribute(named: "name", value: "severity"), .group(severities)),
                      .label(.for("communication-certainty"), .text(say(nl: "Zekerheid", en: "Certainty"))),
                      .select(.id("communication-certainty"), .attribute(named: "name", value: "certainty"), .group(certainties)),
                      .button(.type(.submit), .id("communication-submit"), .text(say(nl: "Publiceren", en: "Publish")))))))
    }
}

extension NationalRisksPage {
    var language: KnooppuntCore.Language { strings.language }

    func render() -> String {
        let shared = rows.filter(\.shared)
        let layout = Layout(title: say(nl: "Risicoprofielen naast elkaar", en: "Risk profiles side by side"), strings: strings,
                            csrfToken: csrfToken, user: user, path: SiteURL.risks(.national).path)
        return layout.render(.group(
            .h1(.text(say(nl: "Risicoprofielen van de regio's naast elkaar", en: "The regions' risk profiles side by side"))),
            .p(.id("national-risk-status"), .class("lead"), .text(say(
                nl: "\(rows.count) risico's in de vastgelegde profielen; \(shared.count) gedeeld door meer dan één regio.",
                en: "\(rows.count) risks in the recorded profiles; \(shared.count) shared by more than one region."))),
            .p(.class("help"), .text(say(
                nl: "Risico's worden vergeleken op titel (hoofdletters, spaties en accenten tellen niet). Per regio: waarschijnlijkheid / zwaarste impact. Het zorgrisicoprofiel staat hier niet in.",
                en: "Risks are compared by title (case, spaces and accents do not count). Per region: likelihood / most severe impact. The zorgrisicoprofiel is not included."))),
            rows.isEmpty ? .p(.class("help"), .text(say(nl: "Nog geen risicoprofielen ontvangen.", en: "No risk profiles received yet.")))
            : .tableScroll(say(nl: "Risico's per regio", en: "Risks per region"), .table(
                .id("national-risks"),
                .thead(.tr(.th(.text(say(nl: "Risico", en: "Risk"))), .th(.text(say(nl: "Regio's", en: "Regions"))))),
                .tbody(.forEach(rows) { row in
                    .tr(.class(row.shared ? "shared-risk" : ""),
                        .td(.text(row.title), .if(row.shared, .span(.class("badge"), .text(say(nl: "gedeeld", en: "shared"))))),
                        .td(.ul(.class("plain"), .forEach(row.regions) { holding in
                            .li(.a(.href(SiteURL.risks().url(query: ["regio": holding.region])),
                                   .text("\(holding.region) \(regionNames[holding.region] ?? "")")),
                                .text(": "),
                                .span(.class("badge risk-level-\(RiskText.level(holding.likelihood, holding.impact))"),
                                      .text("\(holding.likelihood.rawValue) / \(holding.impact.rawValue)")))
                        })))
                })))
        ))
    }
}
