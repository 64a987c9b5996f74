import Foundation
import KnooppuntCore
import KnooppuntInterop
import Plot

/// How `NationalSitRapPage` is drawn: its HTML, from the model's data.
extension NationalSitRapPage {
    var language: KnooppuntCore.Language { strings.language }

    func render() -> String {
        let text = NationalText(language: strings.language)
        let layout = Layout(title: document.heading, strings: strings, csrfToken: csrfToken, user: user, path: SiteURL.national().path)
        // The same article as on the region's own node, so a report reads the same everywhere.
        var article = SitRapArticle(
            strings: strings, document: document, back: (href: SiteURL.national().path, text: text.say(nl: "← Landelijk beeld", en: "← National picture")),
            formats: [("sitrap-pdf", SiteURL.national(.sitrapPDF(.value(id))).path, "PDF")])
        article.note = text.say(nl: "Gedeeld door knooppunt \(node).", en: "Shared by node \(node).")
        return layout.render(article.render())
    }
}
