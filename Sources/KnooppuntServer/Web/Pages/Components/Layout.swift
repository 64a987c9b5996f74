import KnooppuntCore
import Plot
import Vapor

/// The frame every page shares: head, header with the language switch and the user, main, footer.
struct Layout: Bilingual {
    let title: String
    let strings: UIStrings
    let csrfToken: String
    let user: CurrentUser?
    let path: String
    var scripts: [String] = []
    var styles: [String] = []
    var language: KnooppuntCore.Language { strings.language }

    /// Every journal kind, and the capacity stream's change signal (named like the journal's
    /// `capacity.changed`, so listed once, last).
    static let liveKinds = (JournalKind.allCases.map(\.rawValue).filter { $0 != LiveEvent.capacityChanged }
        + [LiveEvent.capacityChanged]).joined(separator: ",")

    func render(_ main: Node<HTML.BodyContext>) -> String {
        let other: KnooppuntCore.Language = strings.language.other
        let html = HTML(
            .attribute(named: "lang", value: strings.language.rawValue),
            .head(
                .meta(.charset(.utf8)),
                .meta(.name("viewport"), .content("width=device-width, initial-scale=1")),
                .meta(.name("csrf-token"), .content(csrfToken)),
                // The live event names pages listen for, from the server's own list (live.js keeps none).
                .meta(.name("live-kinds"), .content(DisplayFormat.attribute(Layout.liveKinds))),
                // Plot's `.title` also writes og:/twitter: meta tags with the value unescaped; a page title
                // can hold an incident's title, so only the escaped text element is written.
                .element(named: "title", nodes: [.text("\(title) · Knooppunt")]),
                .forEach(styles) { .stylesheet($0) },
                .stylesheet(SiteURL.asset(.value("app.css")).path)
            ),
            .body(
                .a(.class("skip-link"), .href("#main"), .text(strings.skipToContent)),
                .header(
                    .class("site-header"),
                    .div(
                        .class("brand"),
                        .a(.href(SiteURL.home.path), .span(.class("brand-name"), "Knooppunt")),
                        .span(.class("brand-tagline"), .text(strings.productTagline))
                    ),
                    .nav(
                        .attribute(named: "aria-label", value: say(nl: "Gebruiker", en: "User")),
                        .a(
                            .id("language-switch"), .href(LanguageRoute.link(to: other, returningTo: path)),
                            .attribute(named: "hreflang", value: other.rawValue),
                            .attribute(named: "lang", value: other.rawValue),
                            .attribute(named: "title", value: strings.switchLanguageLabel),
                            .text(strings.switchLanguage)
                        ),
                        .unwrap(user) { user in
                            user.role.isEmergencyAccount ? emergencyNav(user) : .group(
                                // On the national node the regions' incidents live in the national picture,
                                // so "Incidenten" and "Kaart" lead there (decision 0023).
                                .if(!MeldkamerPolicy.visibleRegions(user.subject).isEmpty,
                                    .a(.id("nav-meldkamer"), .href(MeldkamerPage.path), .text(MeldkamerPage.navLabel(strings.language)))),
                                .a(.id("nav-incidents"), .href(user.usesNationalMenu ? SiteURL.national().path : SiteURL.incidents.path), .text(strings.incidents)),
                                .if(!user.role.isAdministrator,
                                    .a(.id("nav-map"), .href(user.usesNationalMenu ? SiteURL.national().url(anchor: "national-map") : SiteURL.map.path), .text(strings.mapNav))),
                                .if(!user.role.isAdministrator,
                                    .a(.id("nav-warnings"), .href(SiteURL.warnings.path), .text(ReceivedWarningsPage.navLabel(strings.language)))),
                                .if(CapacityPolicy.decide(user.subject, .read).allowed,
                                    .a(.id("nav-capacity"), .href(SiteURL.capacity().path), .text(say(nl: "Capaciteit", en: "Capacity")))),
                                .if(user.organisationKind == .nationalNode && !user.role.isAdministrator,
                                    .a(.id("nav-national"), .href(SiteURL.national().path), .text(say(nl: "Landelijk beeld", en: "National picture")))),
                                .if(user.bearsAuthority,
                                    .a(.id("nav-bestuur"), .href(BestuurPage.path), .text(BestuurPage.navLabel(strings.language)))),
                                .if((user.organisationKind == .nationalNode && !user.role.isAdministrator) || user.role.isRijkOrProvince,
                                    .a(.id("nav-aanwijzingen"), .href(SiteURL.aanwijzingen.path), .text("Aanwijzingen"))),
                                .a(.id("nav-regions"), .href(RegionsPage.path), .text(RegionsPage.navLabel.text(strings.language))),
                                .if([.region, .nationalNode].contains(user.organisationKind) && !user.role.isAdministrator,
                                    .a(.id("nav-risks"), .href(SiteURL.risks().path), .text(say(nl: "Risicoprofiel", en: "Risk profile")))),
                                .if(user.organisationKind == .region && !user.role.isAdministrator && !user.role.worksForPartner,
                                    .a(.id("nav-plans"), .href(SiteURL.plans().path), .text(say(nl: "Plannen", en: "Plans")))),
                                .if(!user.role.isAdministrator && !user.role.isRijkOrProvince,
                                    .a(.id("nav-risk-pictures"), .href(SiteURL.riskPictures().path), .text(say(nl: "Risicobeelden", en: "Risk pictures")))),
                                .a(.id("nav-network-map"), .href(SiteURL.networkMap().path), .text(NetworkMapPage.navLabel(strings.language))),
                                .if(user.subject.isPartner, .a(.id("nav-monitoring"), .href(SiteURL.monitoring.path), .text(strings.monitoringList))),
                                .if(PartnerAccess.mayReadReport(user), .a(.id("nav-access-report"), .href(SiteURL.accessReport.path), .text(strings.accessReport))),
                                .if(user.role.isAdministrator,
                                    .a(.id("nav-capacity-types"), .href(SiteURL.capacity(.types).path), .text(say(nl: "Capaciteitstypen", en: "Capacity types")))),
                                .if(
                                    AccessPolicy.decide(user.subject, .readOverview, partner: nil).allowed,
                                    .a(.id("nav-partners"), .href(SiteURL.partners.path), .text(strings.partners))),
                                .span(.class("current-user"), .text("\(user.displayName) · \(user.organisationName)")),
                                .form(
                                    .class("inline"), .action(SiteURL.logout.path), .method(.post),
                                    .input(.type(.hidden), .name(CSRFMiddleware.fieldName), .value(csrfToken)),
                                    .button(.type(.submit), .id("logout"), .text(strings.logOut))
                                )
                            )
                        }
                    )
                ),
                .main(.id("main"), .attribute(named: "tabindex", value: "-1"), main),
                .footer(.class("site-footer"), .p(.text(strings.boundaryCredit))),
                .forEach(scripts) { .script(.src($0), .attribute(named: "defer")) }
            )
        )
        return html.render()
    }

    /// An emergency account sees its region's fallback picture and nothing else.
    private func emergencyNav(_ user: CurrentUser) -> Node<HTML.BodyContext> {
        .group(
            .a(.id("nav-fallback"), .href(SiteURL.fallback.path), .text(strings.fallback.nav)),
            .span(.class("current-user"), .text("\(user.displayName) · \(user.organisationName)")),
            .form(
                .class("inline"), .action(SiteURL.logout.path), .method(.post),
                .input(.type(.hidden), .name(CSRFMiddleware.fieldName), .value(csrfToken)),
                .button(.type(.submit), .id("logout"), .text(strings.logOut))
            )
        )
    }
}

extension Response {
    static func html(_ text: String, status: HTTPResponseStatus = .ok, headers: HTTPHeaders = [:]) -> Response {
        var all = headers
        all.replaceOrAdd(name: .contentType, value: "text/html; charset=utf-8")
        return Response(status: status, headers: all, body: .init(string: text))
    }

    /// A printable report, shown in the browser and saved as `fileName`.pdf.
    static func pdf(_ data: Data, fileName: String? = nil) -> Response {
        var headers = HTTPHeaders()
        headers.contentType = HTTPMediaType(type: "application", subType: "pdf")
        if let fileName { headers.replaceOrAdd(name: .contentDisposition, value: "inline; filename=\"\(fileName).pdf\"") }
        return Response(status: .ok, headers: headers, body: .init(data: data))
    }

    /// A report as Markdown text, saved as `fileName`.md.
    static func markdown(_ text: String, fileName: String) -> Response {
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: "text/markdown; charset=utf-8")
        headers.replaceOrAdd(name: .contentDisposition, value: "inline; filename=\"\(fileName).md\"")
        return Response(status: .ok, headers: headers, body: .init(string: text))
    }
}

extension Node where Context == HTML.BodyContext {
    /// The scroll box around a table that may be wider than the screen: focusable, so a keyboard user can
    /// scroll it (WCAG 2.1.1; axe-core's scrollable-region-focusable), and named for screen readers.
    static func tableScroll(_ label: String, _ table: Node<HTML.BodyContext>) -> Node<HTML.BodyContext> {
        .div(.class("table-scroll"), .attribute(named: "tabindex", value: "0"), .attribute(named: "role", value: "region"),
             .attribute(named: "aria-label", value: label), table)
    }
}
