import Foundation
import KnooppuntCore
import Plot

/// How `SitRapPage` is drawn: its HTML, from the model's data.
extension SitRapPage {
    func render() -> String {
        let api = { (format: API.SitRapFormat) in SiteURL.api(.sitrap(incidentID, document.report.number, format)).path }
        let layout = Layout(title: document.heading, strings: strings, csrfToken: csrfToken, user: user,
                            path: SiteURL.incident(.value(incidentID), .sitrap(.value(document.report.number))).path)
        let article = SitRapArticle(
            strings: strings, document: document, back: (href: SiteURL.incident(.value(incidentID), .sitraps).path, text: "← \(strings.sitrap.title)"),
            formats: [("sitrap-pdf", api(.pdf), "PDF"), ("sitrap-markdown", api(.markdown), "Markdown"), ("sitrap-json", api(.json), "JSON")])
        return layout.render(article.render())
    }
}
