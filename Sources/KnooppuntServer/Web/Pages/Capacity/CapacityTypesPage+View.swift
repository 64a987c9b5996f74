import Foundation
import KnooppuntCore
import KnooppuntInterop
import Plot

/// How `CapacityTypesPage` is drawn: its HTML, from the model's data.
extension CapacityTypesPage {
    var language: KnooppuntCore.Language { strings.language }

    private var text: CapacityText { CapacityText(language: strings.language, types: [:]) }

    func render() -> String {
        let layout = Layout(title: say(nl: "Capaciteitstypen", en: "Capacity types"), strings: strings, csrfToken: csrfToken, user: user, path: SiteURL.capacity(.types).path)
        return layout.render(
            .group(
                .h1(.text(say(nl: "Catalogus van capaciteitstypen", en: "Catalogue of capacity types"))),
                .tableScroll(say(nl: "Catalogus van capaciteitstypen", en: "Catalogue of capacity types"), .table(
                    .id("capacity-types"),
                    .thead(.tr(.th(.text("Code")), .th(.text(say(nl: "Nederlands", en: "Dutch"))), .th(.text(say(nl: "Engels", en: "English"))),
                               .th(.text(say(nl: "Categorie", en: "Category"))))),
                    .tbody(.forEach(types) { type in
                        .tr(.td(.code(.text(type.code))), .td(.text(type.nl)), .td(.text(type.en)), .td(.text(type.category.label.text(strings.language))))
                    }))),
                .if(CapacityPolicy.decide(user.subject, .manageCatalogue).allowed, .section(
                    .class("card"),
                    .h2(.text(say(nl: "Type toevoegen", en: "Add a type"))),
                    .form(
                        .id("type-form"), .class("stacked"), .method(.post), .action(SiteURL.capacity(.types).path), text.hidden(csrfToken),
                        .label(.for("type-code"), .text(say(nl: "Code (kleine letters, cijfers, streepjes)", en: "Code (lower-case letters, digits, hyphens)"))),
                        .input(.id("type-code"), .name("code"), .type(.text), .required(true)),
                        .label(.for("type-nl"), .text(say(nl: "Naam in het Nederlands", en: "Dutch name"))),
                        .input(.id("type-nl"), .name("nl"), .type(.text), .required(true)),
                        .label(.for("type-en"), .text(say(nl: "Naam in het Engels", en: "English name"))),
                        .input(.id("type-en"), .name("en"), .type(.text), .required(true)),
                        .label(.for("type-category"), .text(say(nl: "Categorie", en: "Category"))),
                        .select(.id("type-category"), .attribute(named: "name", value: "category"),
                                .forEach(CapacityCategory.allCases) { .choice($0.rawValue, $0.label.text(strings.language)) }),
                        .button(.type(.submit), .id("type-add"), .text(say(nl: "Toevoegen", en: "Add"))))))
            ))
    }
}
