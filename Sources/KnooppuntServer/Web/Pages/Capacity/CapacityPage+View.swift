import Foundation
import KnooppuntCore
import KnooppuntInterop
import Plot

/// How `CapacityPage` is drawn: its HTML, from the model's data.
extension CapacityPage {
    var language: KnooppuntCore.Language { strings.language }

    private var text: CapacityText { CapacityText(language: strings.language, types: Dictionary(uniqueKeysWithValues: types.map { ($0.code, $0) })) }

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
