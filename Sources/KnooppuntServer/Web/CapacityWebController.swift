import Fluent
import Foundation
import KnooppuntCore
import Vapor

/// The capacity and assistance pages and their forms. Forms post here (working without JavaScript) and
/// use the same services and policy as the JSON API.
struct CapacityWebController: RouteCollection {
    func boot(routes: RoutesBuilder) throws {
        routes.get(SiteURL.capacity().pathComponents, use: overview)
        routes.get(SiteURL.capacity(.types).pathComponents, use: types)
        routes.post(SiteURL.capacity(.types).pathComponents, use: addType)
        routes.post(SiteURL.capacity(.lines).pathComponents, use: addLine)
        routes.post(SiteURL.capacity(.line(.key)).pathComponents, use: changeLine)
        routes.post(SiteURL.capacity(.csvImport).pathComponents, use: importCSV)
        routes.post(SiteURL.assistance.pathComponents, use: request)
        routes.get(SiteURL.assistanceRequest(.key).pathComponents, use: show)
        for step in AssistanceStep.allCases {
            routes.post(SiteURL.assistanceRequest(.key, .step(step)).pathComponents) { req in try await self.step(req, step.rawValue) }
        }
        routes.post(SiteURL.assistanceRequest(.key, .offers).pathComponents, use: offer)
        routes.post(SiteURL.assistanceRequest(.key, .proposals).pathComponents, use: propose)
        for answer in OfferAnswer.allCases {
            routes.post(SiteURL.assistanceRequest(.key, .offer(.key, answer)).pathComponents) { req in
                try await self.answer(req, answer.rawValue)
            }
        }
        for step in CommitmentStep.allCases {
            routes.post(SiteURL.assistanceRequest(.key, .commitment(.key, step)).pathComponents) { req in
                try await self.commitment(req, release: step == .release)
            }
        }
        routes.get(SiteURL.broker.pathComponents, use: broker)
        routes.post(SiteURL.brokerDecisions.pathComponents, use: decide)
    }

    private func user(_ req: Request) throws -> CurrentUser { try IncidentWebController.webUser(req) }
    private func services(_ req: Request) -> (CapacityService, AssistanceService) {
        (CapacityService(db: req.db, context: req.knooppunt), AssistanceService(db: req.db, context: req.knooppunt))
    }

    /// `datetime-local` values are Dutch local time; what a person types is read as `DisplayFormat` reads it.
    static func localTime(_ text: String?, field: String, _ language: KnooppuntCore.Language) throws -> Date? {
        guard let text, !text.isEmpty else { return nil }
        return try DisplayFormat.requireTime(text, field: field, language)
    }

    func overview(req: Request) async throws -> Response {
        let user = try user(req)
        let subject = user.subject
        try CapacityService.require(subject, .read)
        let (capacity, _) = services(req)
        let found = try await PictureStore(db: req.db, context: req.knooppunt).currentIncidents(
            exercise: false, region: nil, grip: nil, phase: nil, status: .open)
        let incidents = try await AccessService.readable(subject, found, at: req.knooppunt.clock.now(), on: req.db).map { incident, version in
            (try incident.requireID(), incident.reference, try PictureStore.decodeState(version).title)
        }
        let config = req.knooppunt.configuration
        let registry = try await CapacityController.Registry.load(on: req)
        let page = CapacityPage(
            strings: req.strings, csrfToken: req.csrfToken, user: user, types: try await capacity.types(),
            overview: try await CapacityController.overview(subject: subject, registry: registry, on: req), lines: registry.allLines,
            mayEditOwn: CapacityPolicy.decide(subject, .editHolder(subject.organisationCode)).allowed,
            mayRequest: CapacityPolicy.decide(subject, .request(requester: subject.organisationCode)).allowed,
            isBroker: CapacityPolicy.decide(subject, .broker).allowed, incidents: incidents,
            leafletAvailable: config.leafletInstalled, tileURL: config.tileURL)
        return .html(page.render())
    }

    struct LineForm: Content {
        var type: String?
        var label: String?
        var count: Int
        var unavailable: Int?
        var keepForOwn: Int?
        var readinessMinutes: Int?
        var longitude: String?
        var latitude: String?
        var baseVersion: Int?

        /// An empty coordinate field means none.
        func degrees(_ text: String?, _ name: String) throws -> Double? {
            guard let text = text?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
            guard let value = UntrustedNumber.decimal(text, in: -180...180) else {
                throw Problem.invalid("'\(text.prefix(40))' is not a number of degrees", field: name)
            }
            return value
        }
    }

    func types(req: Request) async throws -> Response {
        let user = try user(req)
        let types = try await services(req).0.types()
        return .html(CapacityTypesPage(strings: req.strings, csrfToken: req.csrfToken, user: user, types: types).render())
    }

    func addType(req: Request) async throws -> Response {
        let user = try user(req)
        let form = try req.content.decode([String: String].self)
        guard let category = CapacityCategory(rawValue: form["category"] ?? "") else {
            throw Problem.invalid("unknown category '\(form["category"] ?? "")'", field: "category")
        }
        let body = NewCapacityType(code: form["code"] ?? "", nl: form["nl"] ?? "", en: form["en"] ?? "", category: category)
        try body.validate()
        _ = try await services(req).0.addType(body, by: user.subject)
        return req.redirect(to: SiteURL.capacity(.types).path, redirectType: .normal)
    }

    func addLine(req: Request) async throws -> Response {
        let user = try user(req)
        let form = try req.content.decode(LineForm.self)
        let input = CapacityItemInput(
            holder: nil, type: form.type ?? "", label: form.label ?? "", count: form.count, unavailable: form.unavailable,
            keepForOwn: form.keepForOwn, readinessMinutes: form.readinessMinutes, longitude: try form.degrees(form.longitude, "longitude"),
            latitude: try form.degrees(form.latitude, "latitude"), baseVersion: nil)
        try input.validate()
        _ = try await services(req).0.create(input, by: user.subject)
        return req.redirect(to: SiteURL.capacity().url(anchor: "own-registry"), redirectType: .normal)
    }

    func changeLine(req: Request) async throws -> Response {
        let user = try user(req)
        let form = try req.content.decode(LineForm.self)
        let id = try CapacityController.uuid(req, "item")
        guard let line = try await CapacityItemModel.find(id, on: req.db) else { throw Problem.notFound("no capacity line \(id)") }
        let home = line.home.flatMap(CapacityService.point)
        let input = CapacityItemInput(
            holder: line.holder, type: line.typeCode, label: line.label, count: form.count, unavailable: form.unavailable ?? line.unavailable,
            keepForOwn: form.keepForOwn ?? line.keepForOwn, readinessMinutes: form.readinessMinutes ?? line.readinessMinutes,
            longitude: home?.0, latitude: home?.1, baseVersion: form.baseVersion)
        try input.validate()
        _ = try await services(req).0.update(id, input, by: user.subject)
        return req.redirect(to: SiteURL.capacity().url(anchor: "own-registry"), redirectType: .normal)
    }

    struct ImportForm: Content { var csv: String }

    func importCSV(req: Request) async throws -> Response {
        let user = try user(req)
        let form = try req.content.decode(ImportForm.self)
        _ = try await services(req).0.importCSV(form.csv, holder: nil, by: user.subject)
        return req.redirect(to: SiteURL.capacity().url(anchor: "own-registry"), redirectType: .normal)
    }

    struct RequestForm: Content {
        var type: String
        var quantity: Int
        var incident: String?
        var locationText: String
        var from: String?
        var until: String?
        var reason: String
    }

    func request(req: Request) async throws -> Response {
        let user = try user(req)
        let form = try req.content.decode(RequestForm.self)
        let incident = try form.incident.flatMap { text -> UUID? in
            guard !text.isEmpty else { return nil }
            guard let id = UUID(uuidString: text) else { throw Problem.invalid("'\(text)' is not an incident id", field: "incident") }
            return id
        }
        // Whoever may not submit it drafts a proposal for the competent authority (decision 0020).
        let assistance = services(req).1
        let submit = try await assistance.submission(incident: incident, by: user.subject).decides
        let body = NewAssistanceRequest(
            type: form.type, typeNote: nil, quantity: form.quantity, incident: incident, locationText: form.locationText, longitude: nil,
            latitude: nil, from: try Self.localTime(form.from, field: "from", req.uiLanguage),
            until: try Self.localTime(form.until, field: "until", req.uiLanguage), reason: form.reason, submit: submit)
        try body.validate()
        let created = try await assistance.create(body, by: user.subject)
        return req.redirect(to: SiteURL.assistanceRequest(.value(created.id)).path, redirectType: .normal)
    }

    func show(req: Request) async throws -> Response {
        let user = try user(req)
        let (capacity, assistance) = services(req)
        let request = try await assistance.show(try CapacityController.uuid(req, "request"), subject: user.subject)
        let own = CapacityPolicy.decide(user.subject, .editHolder(user.organisationCode)).allowed
            ? try await capacity.items(holder: user.organisationCode, type: request.type).filter { $0.offerable > 0 } : []
        let events = try await JournalEventModel.query(on: req.db).filter(\.$kind =~ "assistance.")
            .filter(\.$payload ~~ request.id.uuidString).sort(\.$id).all()
        let names = try await PeopleNames.load(usernames: events.map(\.actor), organisations: events.map(\.organisation), on: req.db)
        let history = events.map { event in
            (RFC3339.parse(event.recordedAt) ?? Date(), "\(names.person(event.actor) ?? event.actor) (\(names.organisation(event.organisation)))",
             Self.stepLabel(event.kind, req.uiLanguage))
        }
        var page = AssistancePage(strings: req.strings, csrfToken: req.csrfToken, user: user, types: try await capacity.types(),
                                  request: request, ownLines: own, history: history)
        if request.status == .draft, request.requester == user.organisationCode {
            let names = try await GovernanceDirectory.Names.load(on: req.db)
            page.submission = switch try await assistance.submission(incident: request.incident, by: user.subject) {
            case .decide(let holder, let obligations): .decide(as: holder, obligations: obligations)
            case .propose(let reason): .propose(names.callName(reason))
            case .refuse(let reason): .refuse(names.callName(reason))
            }
        }
        return .html(page.render())
    }

    static func stepLabel(_ kind: String, _ language: KnooppuntCore.Language) -> String {
        switch kind {
        case "assistance.drafted": return language.say(nl: "concept opgesteld", en: "drafted")
        case "assistance.requested": return language.say(nl: "aangevraagd", en: "requested")
        case "assistance.offered": return language.say(nl: "aangeboden", en: "offered")
        case "assistance.proposed": return language.say(nl: "voorgesteld door de makelaar", en: "proposed by the broker")
        case "assistance.offer-confirmed": return language.say(nl: "voorstel bevestigd", en: "proposal confirmed")
        case "assistance.offer-withdrawn": return language.say(nl: "aanbod ingetrokken", en: "offer withdrawn")
        case "assistance.offer-declined": return language.say(nl: "aanbod afgewezen", en: "offer declined")
        case "assistance.committed": return language.say(nl: "toegezegd", en: "committed")
        case "assistance.deployed": return language.say(nl: "ingezet", en: "deployed")
        case "assistance.released": return language.say(nl: "vrijgegeven", en: "released")
        case "assistance.closed": return language.say(nl: "afgesloten", en: "closed")
        case "assistance.withdrawn": return language.say(nl: "ingetrokken", en: "withdrawn")
        case "assistance.declined": return language.say(nl: "afgewezen", en: "declined")
        case "assistance.rm-received": return language.say(nl: "EDXL-RM-bericht ontvangen", en: "EDXL-RM message received")
        default: return kind
        }
    }

    private func back(_ req: Request) throws -> Response {
        req.redirect(to: SiteURL.assistanceRequest(.value(try CapacityController.uuid(req, "request"))).path, redirectType: .normal)
    }

    struct ReasonForm: Content { var reason: String? }

    func step(_ req: Request, _ step: String) async throws -> Response {
        let user = try user(req)
        let id = try CapacityController.uuid(req, "request")
        let assistance = services(req).1
        let reason = (try? req.content.decode(ReasonForm.self))?.reason
        switch step {
        case "submit": _ = try await assistance.submit(id, by: user.subject)
        case "close": _ = try await assistance.end(id, as: .closed, reason: nil, by: user.subject)
        case "withdraw": _ = try await assistance.end(id, as: .withdrawn, reason: reason, by: user.subject)
        default:
            guard let reason, !reason.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw Problem.invalid("say why the request is declined", field: "reason")
            }
            _ = try await assistance.end(id, as: .declined, reason: reason, by: user.subject)
        }
        return try back(req)
    }

    struct OfferForm: Content {
        var capacityItem: UUID
        var quantity: Int
        var note: String?
    }

    func offer(req: Request) async throws -> Response {
        let user = try user(req)
        let form = try req.content.decode(OfferForm.self)
        let body = OfferRequest(capacityItem: form.capacityItem, quantity: form.quantity, note: form.note)
        try body.validate()
        _ = try await services(req).1.offer(try CapacityController.uuid(req, "request"), body, by: user.subject)
        return try back(req)
    }

    func propose(req: Request) async throws -> Response {
        let user = try user(req)
        let form = try req.content.decode(OfferForm.self)
        let body = OfferRequest(capacityItem: form.capacityItem, quantity: form.quantity, note: form.note)
        try body.validate()
        _ = try await services(req).1.offer(try CapacityController.uuid(req, "request"), body, by: user.subject, proposal: true)
        return req.redirect(to: SiteURL.broker.path, redirectType: .normal)
    }

    func answer(_ req: Request, _ answer: String) async throws -> Response {
        let user = try user(req)
        let id = try CapacityController.uuid(req, "request")
        let offer = try CapacityController.uuid(req, "offer")
        let assistance = services(req).1
        switch answer {
        case "accept": _ = try await assistance.accept(id, offer: offer, by: user.subject)
        case "decline": _ = try await assistance.decline(id, offer: offer, by: user.subject)
        case "confirm": _ = try await assistance.holderAnswers(id, offer: offer, confirm: true, by: user.subject)
        default: _ = try await assistance.holderAnswers(id, offer: offer, confirm: false, by: user.subject)
        }
        return try back(req)
    }

    func commitment(_ req: Request, release: Bool) async throws -> Response {
        let user = try user(req)
        let id = try CapacityController.uuid(req, "request")
        let commitment = try CapacityController.uuid(req, "commitment")
        let assistance = services(req).1
        if release {
            _ = try await assistance.release(id, commitment: commitment, by: user.subject)
        } else {
            _ = try await assistance.deploy(id, commitment: commitment, by: user.subject)
        }
        return try back(req)
    }

    func broker(req: Request) async throws -> Response {
        let user = try user(req)
        try CapacityService.require(user.subject, .broker)
        var page = BrokerPage(strings: req.strings, csrfToken: req.csrfToken, user: user, types: try await services(req).0.types(),
                              broker: try await CapacityController.broker(subject: user.subject, on: req))
        // The same other nodes' requests `/capacity` lists (issue 16, point 9).
        page.remote = try await CapacityController.overview(subject: user.subject, on: req).remoteRequests
        return .html(page.render())
    }

    struct DecisionForm: Content {
        var type: String
        var authority: String
        var decision: String
        var reason: String
        var priorities: String?
    }

    func decide(req: Request) async throws -> Response {
        let user = try user(req)
        let form = try req.content.decode(DecisionForm.self)
        guard let authority = AllocationAuthority(rawValue: form.authority) else {
            throw Problem.invalid("unknown authority '\(form.authority)'", field: "authority")
        }
        let body = AllocationDecisionRequest(
            type: form.type, authority: authority, decision: form.decision, reason: form.reason,
            priorities: (form.priorities ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty })
        try body.validate()
        _ = try await CapacityController.recordDecision(body, by: user.subject, on: req)
        return req.redirect(to: SiteURL.broker.path, redirectType: .normal)
    }
}
