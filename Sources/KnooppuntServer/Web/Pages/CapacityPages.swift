import Foundation
import KnooppuntCore
import KnooppuntInterop
import Plot

/// Bilingual text for the capacity pages.
struct CapacityText: Bilingual {
    let language: KnooppuntCore.Language
    let types: [String: CapacityTypeDTO]

    func type(_ code: String) -> String { types[code].map { say(LocalizedLabel(nl: $0.nl, en: $0.en)) } ?? code }
    func status(_ status: AssistanceStatus) -> String { status.label.text(language) }

    func hidden(_ csrf: String) -> Node<HTML.FormContext> { .input(.type(.hidden), .name(CSRFMiddleware.fieldName), .value(csrf)) }

    func number(_ id: String, _ name: String, _ label: String, value: Int? = nil, min: Int = 0, required: Bool = true) -> Node<HTML.FormContext> {
        .group(
            .label(.for(id), .text(label)),
            .input(.type(.number), .id(id), .name(name), .attribute(named: "min", value: String(min)),
                   .value(value.map(String.init) ?? ""), .required(required)))
    }

    func button(_ action: String, _ label: String, csrf: String, id: String? = nil, fields: [(String, String)] = [], danger: Bool = false)
        -> Node<HTML.BodyContext>
    {
        .form(
            .class("inline js-refresh"), .method(.post), .action(action), hidden(csrf),
            .forEach(fields) { .input(.type(.hidden), .name($0.0), .value($0.1)) },
            .button(.type(.submit), .class(danger ? "small danger" : "small"), .unwrap(id) { .id($0) }, .text(label)))
    }
}

/// `/capacity`: the live overview (map, available capacity per type and holder, open requests), asking
/// for assistance, and the user's own organisation's registry with CSV import.
struct CapacityPage: Bilingual {
    let strings: UIStrings
    let csrfToken: String
    let user: CurrentUser
    let types: [CapacityTypeDTO]
    let overview: CapacityOverviewDTO
    let lines: [CapacityItemDTO]
    let mayEditOwn: Bool
    let mayRequest: Bool
    let isBroker: Bool
    /// Open incidents the user may read, for linking a request: id, reference, title.
    let incidents: [(UUID, String, String)]
    let leafletAvailable: Bool
    let tileURL: String?
    var language: KnooppuntCore.Language { strings.language }

    private var text: CapacityText { CapacityText(language: strings.language, types: Dictionary(uniqueKeysWithValues: types.map { ($0.code, $0) })) }

    private struct MapLine: Encodable {
        let holder: String, type: String, label: String, available: Int, count: Int, longitude: Double, latitude: Double
    }

    private struct MapRequest: Encodable {
        let number: String, url: String, type: String, quantity: Int, status: String, longitude: Double, latitude: Double
    }

    private func json<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "[]"
    }

    func render() -> String {
        var layout = Layout(title: say(nl: "Capaciteit en bijstand", en: "Capacity and assistance"), strings: strings, csrfToken: csrfToken, user: user,
                            path: SiteURL.capacity().path)
        layout.scripts = [SiteURL.asset(.value("live.js")).path, SiteURL.asset(.value("live-section.js")).path]
        if leafletAvailable {
            layout.styles = [SiteURL.leaflet("leaflet.css").path]
            layout.scripts = [SiteURL.leaflet("leaflet.js").path, SiteURL.asset(.value("live.js")).path, SiteURL.asset(.value("live-section.js")).path, SiteURL.asset(.value("capacity-map.js")).path]
        }
        let own = lines.filter { $0.holder == user.organisationCode }
        return layout.render(
            .group(
                .h1(.text(say(nl: "Capaciteit en bijstand", en: "Capacity and assistance"))),
                .p(.class("help"), .text(say(nl: "Inzetbare eenheden en materieel per regio, partner en de landelijke pool, en de open bijstandsaanvragen. Het overzicht werkt zichzelf bij.", en: "Deployable units and materiel per region, partner and the national pool, and the open assistance requests. The overview updates itself."))),
                .if(isBroker, .p(.a(.id("broker-link"), .href(SiteURL.broker.path), .text(say(nl: "Naar de makelaarsweergave (LOCC)", en: "To the broker view (LOCC)"))))),
                .if(leafletAvailable, .div(
                    .id("capacity-map"), .class("incident-map"), .attribute(named: "role", value: "region"),
                    .attribute(named: "aria-label", value: say(nl: "Kaart van beschikbare capaciteit en open aanvragen", en: "Map of available capacity and open requests")),
                    .data(named: "boundaries", value: SiteURL.api(.regionBoundaries).path),
                    .data(named: "tiles", value: DisplayFormat.attribute(tileURL ?? "")))),
                .div(
                    .id("capacity-live"), .data(named: "live-stream", value: SiteURL.api(.capacityStream).path),
                    .div(.id("capacity-data"), .attribute(named: "hidden"),
                         .data(named: "lines", value: DisplayFormat.attribute(json(lines.compactMap { line in
                             line.longitude.flatMap { lon in line.latitude.map { lat in
                                 MapLine(holder: line.holder, type: text.type(line.type), label: line.label, available: line.available,
                                         count: line.count, longitude: lon, latitude: lat) } }
                         }))),
                         .data(named: "requests", value: DisplayFormat.attribute(json(overview.openRequests.compactMap { request in
                             request.longitude.flatMap { lon in request.latitude.map { lat in
                                 MapRequest(number: request.number, url: SiteURL.assistanceRequest(.value(request.id)).path, type: text.type(request.type),
                                            quantity: request.quantity, status: text.status(request.status), longitude: lon, latitude: lat) } }
                         })))),
                    requestsSection(),
                    overviewSection()),
                .if(mayRequest, requestForm()),
                .if(mayEditOwn, registrySection(own))
            ))
    }

    private func requestsSection() -> Node<HTML.BodyContext> {
        .section(
            .class("card"),
            .h2(.text(say(nl: "Open bijstandsaanvragen", en: "Open assistance requests"))),
            overview.openRequests.isEmpty && overview.remoteRequests.isEmpty ? .p(.class("empty"), .text(say(nl: "Geen open aanvragen.", en: "No open requests.")))
                : .tableScroll(say(nl: "Open bijstandsaanvragen", en: "Open assistance requests"), .table(
                    .id("open-requests"),
                    .thead(.tr(.th(.text(say(nl: "Nummer", en: "Number"))), .th(.text(say(nl: "Aanvrager", en: "Requester"))), .th(.text(say(nl: "Wat", en: "What"))),
                               .th(.text(say(nl: "Aantal", en: "Quantity"))), .th(.text(say(nl: "Toegezegd", en: "Committed"))), .th(.text(say(nl: "Status", en: "Status"))),
                               .th(.text(say(nl: "Waar", en: "Where"))))),
                    .tbody(.forEach(overview.openRequests.map { ($0, nil as String?) } + overview.remoteRequests.map { ($0.request, $0.node) }) { request, node in
                        .tr(.data(named: "request", value: request.id.uuidString),
                            .td(node == nil ? .a(.href(SiteURL.assistanceRequest(.value(request.id)).path), .text(request.number))
                                : .span(.text(request.number + " · " + say(nl: "bij knooppunt ", en: "at node ") + (node ?? "")))),
                            .td(.text(request.requester)),
                            .td(.text(text.type(request.type) + (request.typeNote.isEmpty ? "" : " (\(request.typeNote))"))),
                            .td(.text(String(request.quantity))), .td(.text(String(request.committedQuantity))),
                            .td(.span(.class("badge status-\(request.status.rawValue)"), .text(text.status(request.status)))),
                            .td(.text(request.locationText)))
                    }))))
    }

    private func overviewSection() -> Node<HTML.BodyContext> {
        .section(
            .class("card"),
            .h2(.text(say(nl: "Beschikbare capaciteit", en: "Available capacity"))),
            .if(!overview.sources.isEmpty, .p(.id("capacity-sources"), .class("help"), .text(
                say(nl: "Gemeld door de regionale knooppunten: ", en: "Reported by the regional nodes: ")
                    + overview.sources.map { "\($0.node) (\(DisplayFormat.time($0.receivedAt)))" }.joined(separator: ", ")))),
            overview.rows.isEmpty ? .p(.class("empty"), .text(say(nl: "Nog niets geregistreerd.", en: "Nothing registered yet.")))
                : .tableScroll(say(nl: "Beschikbare capaciteit", en: "Available capacity"), .table(
                    .id("capacity-overview"),
                    .thead(.tr(.th(.text(say(nl: "Type", en: "Type"))), .th(.text(say(nl: "Houder", en: "Holder"))), .th(.text(say(nl: "Bron", en: "Source"))),
                               .th(.text(say(nl: "Totaal", en: "Total"))),
                               .th(.text(say(nl: "Beschikbaar", en: "Available"))), .th(.text(say(nl: "Toegezegd", en: "Committed"))),
                               .th(.text(say(nl: "Niet inzetbaar", en: "Unavailable"))))),
                    .tbody(.forEach(overview.rows) { row in
                        .tr(.data(named: "type", value: row.type), .data(named: "holder", value: row.holder),
                            .td(.text(text.type(row.type))), .td(.text(row.holder)), .td(.text(row.source ?? say(nl: "dit knooppunt", en: "this node"))),
                            .td(.text(String(row.count))),
                            .td(.class("available"), .text(String(row.available))), .td(.class("committed"), .text(String(row.committed))),
                            .td(.text(String(row.unavailable))))
                    }))))
    }

    private func typeSelect(_ id: String) -> Node<HTML.FormContext> {
        .group(
            .label(.for(id), .text(say(nl: "Type", en: "Type"))),
            .select(.id(id), .attribute(named: "name", value: "type"), .forEach(types) { .choice($0.code, text.type($0.code)) }))
    }

    private func requestForm() -> Node<HTML.BodyContext> {
        .section(
            .class("card"),
            .h2(.text(say(nl: "Bijstand aanvragen", en: "Request assistance"))),
            .form(
                .id("request-form"), .class("stacked"), .method(.post), .action(SiteURL.assistance.path), text.hidden(csrfToken),
                typeSelect("request-type"),
                text.number("request-quantity", "quantity", say(nl: "Aantal", en: "Quantity"), value: 1, min: 1),
                .label(.for("request-incident"), .text(say(nl: "Voor incident (optioneel)", en: "For incident (optional)"))),
                .select(.id("request-incident"), .attribute(named: "name", value: "incident"), .choice("", "—"),
                        .forEach(incidents) { .choice($0.0.uuidString, "\($0.1) · \($0.2)") }),
                .label(.for("request-location"), .text(say(nl: "Waar", en: "Where"))),
                .input(.id("request-location"), .name("locationText"), .type(.text), .required(true)),
                .label(.for("request-from"), .text(say(nl: "Vanaf (leeg: nu)", en: "From (empty: now)"))),
                .input(.id("request-from"), .name("from"), .type(.datetimeLocal)),
                .label(.for("request-until"), .text(say(nl: "Tot (optioneel)", en: "Until (optional)"))),
                .input(.id("request-until"), .name("until"), .type(.datetimeLocal)),
                .label(.for("request-reason"), .text(say(nl: "Waarom", en: "Why"))),
                .textarea(.id("request-reason"), .attribute(named: "name", value: "reason"), .required(true), .attribute(named: "rows", value: "2")),
                .button(.type(.submit), .id("request-submit"), .text(say(nl: "Aanvragen", en: "Request")))))
    }

    private func registrySection(_ own: [CapacityItemDTO]) -> Node<HTML.BodyContext> {
        .section(
            .class("card"), .id("own-registry"),
            .h2(.text(say(nl: "Registratie van \(user.organisationName)", en: "Registry of \(user.organisationName)"))),
            own.isEmpty ? .p(.class("empty"), .text(say(nl: "Nog niets geregistreerd.", en: "Nothing registered yet.")))
                : .tableScroll(say(nl: "Registratie van \(user.organisationName)", en: "Registry of \(user.organisationName)"), .table(
                    .id("own-lines"),
                    .thead(.tr(.th(.text(say(nl: "Type", en: "Type"))), .th(.text(say(nl: "Standplaats", en: "Station"))), .th(.text(say(nl: "Beschikbaar", en: "Available"))),
                               .th(.text(say(nl: "Wijzigen: totaal · niet inzetbaar · houdt zelf achter", en: "Change: total · unavailable · kept back"))))),
                    .tbody(.forEach(own) { line in
                        .tr(.data(named: "line", value: line.id.uuidString),
                            .td(.text(text.type(line.type))), .td(.text(line.label)),
                            .td(.text("\(line.available) / \(line.count)" + (line.committed > 0 ? say(nl: " (\(line.committed) toegezegd)", en: " (\(line.committed) committed)") : ""))),
                            .td(.form(
                                .class("inline"), .method(.post), .action(SiteURL.capacity(.line(.value(line.id))).path), text.hidden(csrfToken),
                                .input(.type(.hidden), .name("baseVersion"), .value(String(line.version))),
                                .input(.type(.number), .name("count"), .attribute(named: "min", value: "0"), .value(String(line.count)),
                                       .attribute(named: "aria-label", value: say(nl: "Totaal", en: "Total")), .class("narrow")),
                                .input(.type(.number), .name("unavailable"), .attribute(named: "min", value: "0"), .value(String(line.unavailable)),
                                       .attribute(named: "aria-label", value: say(nl: "Niet inzetbaar", en: "Unavailable")), .class("narrow")),
                                .input(.type(.number), .name("keepForOwn"), .attribute(named: "min", value: "0"), .value(String(line.keepForOwn)),
                                       .attribute(named: "aria-label", value: say(nl: "Houdt zelf", en: "Keeps")), .class("narrow")),
                                .button(.type(.submit), .class("small"), .text(say(nl: "Opslaan", en: "Save"))))))
                    }))),
            .details(
                .summary(.text(say(nl: "Regel toevoegen", en: "Add a line"))),
                .form(
                    .id("line-form"), .class("stacked"), .method(.post), .action(SiteURL.capacity(.lines).path), text.hidden(csrfToken),
                    typeSelect("line-type"),
                    .label(.for("line-label"), .text(say(nl: "Standplaats", en: "Station"))),
                    .input(.id("line-label"), .name("label"), .type(.text), .required(true)),
                    text.number("line-count", "count", say(nl: "Aantal", en: "Count"), value: 1),
                    text.number("line-unavailable", "unavailable", say(nl: "Niet inzetbaar", en: "Unavailable"), value: 0),
                    text.number("line-keep", "keepForOwn", say(nl: "Houdt zelf achter", en: "Kept back for own area"), value: 0),
                    text.number("line-readiness", "readinessMinutes", say(nl: "Gereed binnen (minuten)", en: "Ready within (minutes)"), value: 30),
                    .label(.for("line-longitude"), .text(say(nl: "Standplaats: lengtegraad (WGS84, optioneel)", en: "Station longitude (WGS84, optional)"))),
                    .input(.id("line-longitude"), .name("longitude"), .type(.number), .attribute(named: "step", value: "any")),
                    .label(.for("line-latitude"), .text(say(nl: "Standplaats: breedtegraad (WGS84, optioneel)", en: "Station latitude (WGS84, optional)"))),
                    .input(.id("line-latitude"), .name("latitude"), .type(.number), .attribute(named: "step", value: "any")),
                    .button(.type(.submit), .id("line-add"), .text(say(nl: "Toevoegen", en: "Add"))))),
            .details(
                .summary(.text(say(nl: "Importeren uit CSV", en: "Import from CSV"))),
                .p(.class("help"), .text(say(nl: "Kolommen: ", en: "Columns: ") + CapacityService.csvColumns.joined(separator: ","))),
                .form(
                    .id("import-form"), .class("stacked"), .method(.post), .action(SiteURL.capacity(.csvImport).path), text.hidden(csrfToken),
                    .label(.for("import-csv"), .text("CSV")),
                    .textarea(.id("import-csv"), .attribute(named: "name", value: "csv"), .required(true), .attribute(named: "rows", value: "6")),
                    .button(.type(.submit), .id("import-submit"), .text(say(nl: "Importeren", en: "Import"))))))
    }
}

/// `/assistance/{id}`: one request through its lifecycle, with the actions the user may take.
struct AssistancePage: Bilingual {
    let strings: UIStrings
    let csrfToken: String
    let user: CurrentUser
    let types: [CapacityTypeDTO]
    let request: AssistanceRequestDTO
    /// The user's own registry lines of the requested type, for an offer.
    let ownLines: [CapacityItemDTO]
    let history: [(Date, String, String)]
    /// For a draft the user's organisation holds: whether the user submits it, or who does (decision 0020).
    var submission: AuthorityVerdict? = nil
    var language: KnooppuntCore.Language { strings.language }

    private var text: CapacityText { CapacityText(language: strings.language, types: Dictionary(uniqueKeysWithValues: types.map { ($0.code, $0) })) }
    private var isRequester: Bool { CapacityPolicy.decide(user.subject, .actAsRequester(request.requester)).allowed }
    private var isBroker: Bool { CapacityPolicy.decide(user.subject, .broker).allowed }
    private func step(_ step: AssistanceStep) -> String { SiteURL.assistanceRequest(.value(request.id), .step(step)).path }

    func render() -> String {
        var layout = Layout(title: request.number, strings: strings, csrfToken: csrfToken, user: user, path: SiteURL.capacity().path)
        layout.scripts = [SiteURL.asset(.value("live.js")).path, SiteURL.asset(.value("live-section.js")).path]
        let open = !request.status.isFinal
        return layout.render(
            .group(
                .p(.a(.href(SiteURL.capacity().path), .text(say(nl: "← Capaciteit en bijstand", en: "← Capacity and assistance")))),
                .div(
                    .id("request-live"), .data(named: "live-stream", value: SiteURL.api(.capacityStream).path),
                    .h1(.text("\(request.number) · \(request.quantity) × \(text.type(request.type))")),
                    .p(.span(.id("request-status"), .class("badge status-\(request.status.rawValue)"), .text(text.status(request.status))),
                       .text(" " + say(nl: "\(request.committedQuantity) van \(request.quantity) toegezegd", en: "\(request.committedQuantity) of \(request.quantity) committed"))),
                    .dl(
                        .class("facts"),
                        .dt(.text(say(nl: "Aanvrager", en: "Requester"))), .dd(.text(request.requester + (request.externalRequester.map { " (\($0))" } ?? ""))),
                        .if(!request.typeNote.isEmpty, .group(.dt(.text(say(nl: "Toelichting type", en: "Type detail"))), .dd(.text(request.typeNote)))),
                        .dt(.text(say(nl: "Waar", en: "Where"))), .dd(.text(request.locationText)),
                        .dt(.text(say(nl: "Vanaf", en: "From"))), .dd(.text(DisplayFormat.time(request.from))),
                        .unwrap(request.until) { .group(.dt(.text(say(nl: "Tot", en: "Until"))), .dd(.text(DisplayFormat.time($0)))) },
                        .dt(.text(say(nl: "Waarom", en: "Why"))), .dd(.text(request.reason))),
                    .if(open && isRequester && request.status == .draft, submitSection()),
                    offersSection(open),
                    commitmentsSection(open),
                    .if(open && isRequester, .div(
                        .class("request-actions"),
                        .if(request.status == .released,
                            text.button(step(.close), say(nl: "Afsluiten", en: "Close"), csrf: csrfToken, id: "close-request")),
                        text.button(step(.withdraw), say(nl: "Intrekken", en: "Withdraw"), csrf: csrfToken, id: "withdraw-request", danger: true))),
                    .section(
                        .class("card"),
                        .h2(.text(say(nl: "Verloop", en: "History"))),
                        .ol(.id("request-history"), .forEach(history) { item in
                            .li(.text("\(DisplayFormat.time(item.0)) · \(item.1) · \(item.2)"))
                        }))),
                .if(open && isBroker, .form(
                    .id("decline-form"), .class("stacked"), .method(.post), .action(step(.decline)), text.hidden(csrfToken),
                    .label(.for("decline-reason"), .text(say(nl: "Afwijzen namens het bevoegd gezag: reden", en: "Decline on behalf of the competent authority: reason"))),
                    .input(.id("decline-reason"), .name("reason"), .type(.text), .required(true)),
                    .button(.type(.submit), .class("danger"), .text(say(nl: "Afwijzen", en: "Decline"))))),
                .if(open && !ownLines.isEmpty && !isRequester, offerForm()),
                .p(.class("help"), .text("EDXL-RM: "), .a(.href(SiteURL.api(.assistanceMessage(request.id)).path), .text("RequestResource")))
            ))
    }

    /// A draft is a proposal until the competent authority (or its mandatary) submits it.
    private func submitSection() -> Node<HTML.BodyContext> {
        switch submission {
        case .decide(let holder, _)?:
            let label = holder.label.text(strings.language)
            return .div(
                .p(.class("help"), .text(say(nl: "U dient deze aanvraag in als \(label).", en: "You submit this request as \(label)."))),
                text.button(step(.submit), say(nl: "Indienen", en: "Submit"), csrf: csrfToken, id: "submit-request"))
        case .propose(let reason)?, .refuse(let reason)?:
            return .p(.id("awaiting-authority"), .class("notice"),
                      .strong(.text(say(nl: "Voorstel — wacht op het bevoegd gezag. ", en: "Proposal — awaiting the competent authority. "))),
                      .text(reason.text(strings.language)))
        case nil:
            return .empty
        }
    }

    private func offersSection(_ open: Bool) -> Node<HTML.BodyContext> {
        .section(
            .class("card"),
            .h2(.text(say(nl: "Aanbiedingen", en: "Offers"))),
            request.offers.isEmpty ? .p(.class("empty"), .text(say(nl: "Nog geen aanbiedingen.", en: "No offers yet.")))
                : .ul(.id("offers"), .forEach(request.offers) { offer in
                    .li(
                        .data(named: "offer", value: offer.id.uuidString),
                        .strong(.text("\(offer.quantity) · \(offer.holder)")),
                        .text((offer.label.map { " · \($0)" } ?? "") + (offer.note.isEmpty ? "" : " · \(offer.note)") + " "),
                        .span(.class("badge offer-\(offer.status.rawValue)"), .text(offer.status.label.text(strings.language))),
                        .if(open && isRequester && offer.status == .open, .group(
                            text.button(SiteURL.assistanceRequest(.value(request.id), .offer(.value(offer.id), .accept)).path, say(nl: "Accepteren", en: "Accept"), csrf: csrfToken, id: "accept-\(offer.id)"),
                            text.button(SiteURL.assistanceRequest(.value(request.id), .offer(.value(offer.id), .decline)).path, say(nl: "Afwijzen", en: "Decline"), csrf: csrfToken))),
                        .if(open && offer.status == .proposed && CapacityPolicy.decide(user.subject, .actAsHolder(offer.holder)).allowed,
                            text.button(SiteURL.assistanceRequest(.value(request.id), .offer(.value(offer.id), .confirm)).path, say(nl: "Voorstel bevestigen", en: "Confirm proposal"), csrf: csrfToken, id: "confirm-\(offer.id)")),
                        .if(open && (offer.status == .open || offer.status == .proposed) && CapacityPolicy.decide(user.subject, .actAsHolder(offer.holder)).allowed,
                            text.button(SiteURL.assistanceRequest(.value(request.id), .offer(.value(offer.id), .withdraw)).path, say(nl: "Aanbod intrekken", en: "Withdraw offer"), csrf: csrfToken)))
                }))
    }

    private func commitmentsSection(_ open: Bool) -> Node<HTML.BodyContext> {
        .section(
            .class("card"),
            .h2(.text(say(nl: "Toezeggingen", en: "Commitments"))),
            request.commitments.isEmpty ? .p(.class("empty"), .text(say(nl: "Nog niets toegezegd.", en: "Nothing committed yet.")))
                : .ul(.id("commitments"), .forEach(request.commitments) { commitment in
                    .li(
                        .data(named: "commitment", value: commitment.id.uuidString),
                        .strong(.text("\(commitment.quantity) · \(commitment.holder) ")),
                        .span(.class("badge commitment-\(commitment.status.rawValue)"), .text(commitment.status.label.text(strings.language))),
                        .text(" · " + say(nl: "toegezegd ", en: "committed ") + DisplayFormat.time(commitment.committedAt) + " "),
                        .if(open && commitment.status == .committed
                                && (isRequester || CapacityPolicy.decide(user.subject, .actAsHolder(commitment.holder)).allowed),
                            text.button(SiteURL.assistanceRequest(.value(request.id), .commitment(.value(commitment.id), .deploy)).path, say(nl: "Ingezet", en: "Deployed"), csrf: csrfToken)),
                        .if(open && isRequester && commitment.status != .released,
                            text.button(SiteURL.assistanceRequest(.value(request.id), .commitment(.value(commitment.id), .release)).path, say(nl: "Vrijgeven", en: "Release"), csrf: csrfToken,
                                        id: "release-\(commitment.id)")),
                        .a(.href(SiteURL.api(.commitmentMessage(request: request.id, commitment: commitment.id)).path), .text(" CommitResource")))
                }))
    }

    private func offerForm() -> Node<HTML.BodyContext> {
        .section(
            .class("card"),
            .h2(.text(say(nl: "Aanbieden", en: "Offer"))),
            .form(
                .id("offer-form"), .class("stacked"), .method(.post), .action(SiteURL.assistanceRequest(.value(request.id), .offers).path), text.hidden(csrfToken),
                .label(.for("offer-line"), .text(say(nl: "Uit", en: "From"))),
                .select(.id("offer-line"), .attribute(named: "name", value: "capacityItem"), .forEach(ownLines) { line in
                    .choice(line.id.uuidString, "\(line.label) — \(line.offerable) " + say(nl: "beschikbaar om aan te bieden", en: "available to offer"))
                }),
                text.number("offer-quantity", "quantity", say(nl: "Aantal", en: "Quantity"), value: min(ownLines.first?.offerable ?? 1, request.quantity), min: 1),
                .label(.for("offer-note"), .text(say(nl: "Toelichting (optioneel)", en: "Note (optional)"))),
                .input(.id("offer-note"), .name("note"), .type(.text)),
                .button(.type(.submit), .id("offer-submit"), .text(say(nl: "Aanbieden", en: "Offer")))))
    }
}

/// `/broker`: the national node's matching of open requests with capacity, its proposals, and the
/// record of scarce-resource allocation decisions.
struct BrokerPage: Bilingual {
    let strings: UIStrings
    let csrfToken: String
    let user: CurrentUser
    let types: [CapacityTypeDTO]
    let broker: BrokerDTO
    /// Open requests of other nodes (as `/capacity` lists them): they are matched on their own node, so
    /// they are shown here for the picture, without proposals, and never hidden behind "Geen open aanvragen".
    var remote: [CapacitySharing.RemoteRequest] = []
    var language: KnooppuntCore.Language { strings.language }

    private var text: CapacityText { CapacityText(language: strings.language, types: Dictionary(uniqueKeysWithValues: types.map { ($0.code, $0) })) }

    func render() -> String {
        var layout = Layout(title: say(nl: "Makelaar capaciteit", en: "Capacity broker"), strings: strings, csrfToken: csrfToken, user: user, path: SiteURL.capacity().path)
        layout.scripts = [SiteURL.asset(.value("live.js")).path, SiteURL.asset(.value("live-section.js")).path]
        return layout.render(
            .group(
                .p(.a(.href(SiteURL.capacity().path), .text(say(nl: "← Capaciteit en bijstand", en: "← Capacity and assistance")))),
                .h1(.text(say(nl: "Makelaar capaciteit (LOCC)", en: "Capacity broker (LOCC)"))),
                .p(.class("help"), .text(say(nl: "Per open aanvraag: wat nog nodig is en welke capaciteit van anderen het snelst ter plaatse kan zijn (gereedheid plus reistijd), binnen wat zij kunnen missen. Een voorstel gaat eerst naar de houder ter bevestiging.", en: "For each open request: what is still needed and whose capacity could be there soonest (readiness plus travel), within what they can spare. A proposal goes to the holder to confirm first."))),
                .div(
                    .id("broker-live"), .data(named: "live-stream", value: SiteURL.api(.capacityStream).path),
                    broker.matches.isEmpty ? .p(.class("empty"), .text(remote.isEmpty ? say(nl: "Geen open aanvragen.", en: "No open requests.")
                        : say(nl: "Geen open aanvragen op dit knooppunt.", en: "No open requests on this node.")))
                        : .div(.id("matches"), .forEach(broker.matches) { match in
                            .section(
                                .class("card"), .data(named: "request", value: match.request.id.uuidString),
                                .h2(.a(.href(SiteURL.assistanceRequest(.value(match.request.id)).path),
                                       .text("\(match.request.number) · \(match.request.quantity) × \(text.type(match.request.type)) · \(match.request.requester)"))),
                                .p(.text(say(nl: "Nog nodig: \(match.needed)", en: "Still needed: \(match.needed)") + " · " + match.request.locationText)),
                                match.proposals.isEmpty ? .p(.class("empty"), .text(say(nl: "Geen capaciteit van anderen beschikbaar.", en: "No capacity of others available.")))
                                    : .ul(.forEach(match.proposals) { proposal in
                                        .li(
                                            .text("\(proposal.quantity) × \(proposal.holder) · \(proposal.label) · "
                                                + say(nl: "gereed in \(proposal.readinessMinutes) min", en: "ready in \(proposal.readinessMinutes) min")
                                                + (proposal.distanceKm.map { " · \($0) km" } ?? "")
                                                + (proposal.etaMinutes.map { say(nl: " · ter plaatse in ± \($0) min", en: " · on scene in about \($0) min") } ?? "") + " "),
                                            text.button(SiteURL.assistanceRequest(.value(match.request.id), .proposals).path, say(nl: "Voorstellen", en: "Propose"), csrf: csrfToken,
                                                        fields: [("capacityItem", proposal.capacityItem.uuidString), ("quantity", String(proposal.quantity))]))
                                    }))
                        }),
                    .if(!remote.isEmpty, .section(
                        .id("remote-requests"), .class("card"),
                        .h2(.text(say(nl: "Open aanvragen van andere knooppunten", en: "Open requests of other nodes"))),
                        .p(.class("help"), .text(say(nl: "Deze aanvragen worden afgehandeld op het knooppunt van de aanvrager; hier ziet u wat nog nodig is.", en: "These requests are handled on the requester's node; here you see what is still needed."))),
                        .ul(.forEach(remote) { item in
                            .li(.data(named: "request", value: item.request.id.uuidString),
                                .text("\(item.request.number) · \(item.request.quantity) × \(text.type(item.request.type)) · \(item.request.requester) · "
                                    + say(nl: "toegezegd: ", en: "committed: ") + String(item.request.committedQuantity) + " · "
                                    + say(nl: "bij knooppunt ", en: "at node ") + item.node))
                        }))),
                    .section(
                        .class("card"),
                        .h2(.text(say(nl: "Toewijzingsbesluiten", en: "Allocation decisions"))),
                        broker.decisions.isEmpty ? .p(.class("empty"), .text(say(nl: "Nog geen besluiten.", en: "No decisions yet.")))
                            : .ul(.id("decisions"), .forEach(broker.decisions) { decision in
                                .li(.strong(.text("\(text.type(decision.type)): \(decision.decision)")),
                                    .text(" · \(decision.authority.label.text(strings.language)) · \(DisplayFormat.time(decision.decidedAt)) · "
                                        + say(nl: "reden: ", en: "reason: ") + decision.reason
                                        + (decision.priorities.isEmpty ? "" : " · " + say(nl: "volgorde: ", en: "priority: ") + decision.priorities.joined(separator: ", "))))
                            }))),
                .section(
                    .class("card"),
                    .h2(.text(say(nl: "Besluit over schaarse capaciteit vastleggen", en: "Record a decision on scarce capacity"))),
                    .form(
                        .id("decision-form"), .class("stacked"), .method(.post), .action(SiteURL.brokerDecisions.path), text.hidden(csrfToken),
                        .label(.for("decision-type"), .text(say(nl: "Type", en: "Type"))),
                        .select(.id("decision-type"), .attribute(named: "name", value: "type"), .forEach(types) { .choice($0.code, text.type($0.code)) }),
                        .label(.for("decision-authority"), .text(say(nl: "Bevoegd gezag", en: "Competent authority"))),
                        .select(.id("decision-authority"), .attribute(named: "name", value: "authority"),
                                .forEach(AllocationAuthority.allCases) { .choice($0.rawValue, $0.label.text(strings.language)) }),
                        .label(.for("decision-text"), .text(say(nl: "Besluit", en: "Decision"))),
                        .input(.id("decision-text"), .name("decision"), .type(.text), .required(true)),
                        .label(.for("decision-reason"), .text(say(nl: "Reden", en: "Reason"))),
                        .input(.id("decision-reason"), .name("reason"), .type(.text), .required(true)),
                        .label(.for("decision-priorities"), .text(say(nl: "Volgorde van aanvragen (nummers, komma's)", en: "Requests in order (numbers, commas)"))),
                        .input(.id("decision-priorities"), .name("priorities"), .type(.text)),
                        .button(.type(.submit), .id("decision-submit"), .text(say(nl: "Vastleggen", en: "Record")))))
            ))
    }
}

/// `/capacity/types`: the catalogue, and for administrators the form that extends it.
struct CapacityTypesPage: Bilingual {
    let strings: UIStrings
    let csrfToken: String
    let user: CurrentUser
    let types: [CapacityTypeDTO]
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
