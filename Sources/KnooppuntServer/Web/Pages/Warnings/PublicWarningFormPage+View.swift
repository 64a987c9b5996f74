import Foundation
import KnooppuntCore
import KnooppuntInterop
import Plot

/// How `PublicWarningFormPage` is drawn: its HTML, from the model's data.
extension PublicWarningFormPage {
    var language: KnooppuntCore.Language { strings.language }

    func render() -> String {
        let base = SiteURL.incident(.value(incident.id), .publicWarnings).path
        let layout = Layout(title: say(nl: "Publieke waarschuwing", en: "Public warning"), strings: strings, csrfToken: csrfToken, user: user, path: base)
        return layout.render(
            .group(
                .p(.a(.href(SiteURL.incident(.value(incident.id)).path), .text("← \(incident.reference) · \(incident.title)"))),
                .h1(.id("warnings-heading"), .text(say(nl: "Publieke waarschuwing (CAP)", en: "Public warning (CAP)"))),
                .p(.class("help"), .text(say(nl: "Een gepubliceerde waarschuwing gaat als CAP 1.2 naar de feed /cap/feed.xml en krijgt een openbare pagina; alle kanalen tonen dezelfde tekst. Publiceren keurt het handelingsperspectief goed.", en: "A published warning goes out as CAP 1.2 on the feed /cap/feed.xml and gets a public page; every channel shows the same text. Publishing approves the handelingsperspectief."))),
                .section(
                    .class("card"),
                    .h2(.text(say(nl: "Gepubliceerd", en: "Published"))),
                    warnings.isEmpty ? .p(.class("empty"), .text(say(nl: "Nog niets gepubliceerd.", en: "Nothing published yet.")))
                        : .ul(.id("warning-list"), .forEach(warnings.reversed()) { warning in
                            .li(.a(.href(warning.page), .text("\(warning.number). \(warning.headline)")),
                                .text(" · \(CAPVocabulary.label(warning.msgType, strings.language)) · \(warning.sent)" + (warning.cancelled ? say(nl: " · ingetrokken", en: " · withdrawn") : "")),
                                .text(" · "), .a(.href(warning.cap), .text("CAP")))
                        }),
                    .if(mayPublish && warnings.contains { !$0.cancelled && $0.msgType != "Cancel" },
                        .form(.method(.post), .action(SiteURL.incident(.value(incident.id), .publicWarningCancellation).path),
                              .input(.type(.hidden), .name(CSRFMiddleware.fieldName), .value(csrfToken)),
                              .button(.type(.submit), .class("secondary"), .id("warning-cancel"), .text(say(nl: "Waarschuwing intrekken", en: "Withdraw the warning")))))),
                .if(mayPublish && incident.status == .open, form(base))
            ))
    }

    private func pair(_ name: String, _ label: String, area: Bool = false, required: Bool = true) -> Node<HTML.FormContext> {
        .div(
            .class("field-pair"),
            .forEach([("nl", "Nederlands"), ("en", "English")]) { language, languageName in
                .div(.class("field"),
                     .label(.for("warning-\(name)-\(language)"), .text("\(label) (\(languageName))")),
                     area ? .textarea(.id("warning-\(name)-\(language)"), .attribute(named: "name", value: "\(name)_\(language)"),
                                      .attribute(named: "rows", value: "3"), .if(required, .attribute(named: "required", value: "required")))
                        : .input(.id("warning-\(name)-\(language)"), .name("\(name)_\(language)"), .type(.text), .required(required)))
            })
    }

    private func choice(_ name: String, _ label: String, _ values: [String], selected: String?) -> Node<HTML.FormContext> {
        .div(.class("field"),
             .label(.for("warning-\(name)"), .text(label)),
             .select(.id("warning-\(name)"), .attribute(named: "name", value: name),
                     .forEach(values) { .choice($0, CAPVocabulary.label($0, strings.language), selected: $0 == selected) }))
    }

    private func form(_ base: String) -> Node<HTML.BodyContext> {
        .section(
            .class("card"),
            .h2(.text(say(nl: "Waarschuwing publiceren", en: "Publish a warning"))),
            .form(
                .id("warning-form"), .class("stacked wide"), .method(.post), .action(base),
                .input(.type(.hidden), .name(CSRFMiddleware.fieldName), .value(csrfToken)),
                pair("event", say(nl: "Gebeurtenis", en: "Event")),
                pair("headline", say(nl: "Kop", en: "Headline")),
                pair("description", say(nl: "Toelichting", en: "Description"), area: true, required: false),
                pair("instruction", say(nl: "Handelingsperspectief: wat moeten burgers doen?", en: "Handelingsperspectief: what should citizens do?"), area: true),
                pair("areaDescription", say(nl: "Gebied", en: "Area"), required: false),
                choice("category", say(nl: "Categorie", en: "Category"), CAPVocabulary.categories, selected: "Safety"),
                choice("responseType", say(nl: "Gevraagde reactie", en: "Response"), CAPVocabulary.responseTypes, selected: "Shelter"),
                choice("urgency", say(nl: "Urgentie", en: "Urgency"), CAPVocabulary.urgencies, selected: "Immediate"),
                choice("severity", say(nl: "Ernst", en: "Severity"), CAPVocabulary.severities, selected: "Severe"),
                choice("certainty", say(nl: "Zekerheid", en: "Certainty"), CAPVocabulary.certainties, selected: "Likely"),
                .button(.type(.submit), .id("warning-publish"), .text(say(nl: "Publiceren", en: "Publish")))))
    }
}
