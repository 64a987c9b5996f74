import Fluent
import Foundation
import KnooppuntCore
import Vapor

/// The incident pages and their forms. Forms post here (working without JavaScript) and use the same
/// stores and access rules as the JSON API; the page script submits them in the background.
struct IncidentWebController: RouteCollection {
    func boot(routes: RoutesBuilder) throws {
        let incidents = routes.grouped("incidents")
        incidents.get(use: list)
        incidents.post(use: create)
        incidents.get(":incident", use: show)
        incidents.post(":incident", "update", use: update)
        incidents.post(":incident", "entries", use: addEntry)
        incidents.post(":incident", "entries", ":entry", "edit", use: editEntry)
        incidents.post(":incident", "entries", ":entry", "verification", use: verify)
        incidents.post(":incident", "entries", ":entry", "admission", use: admit)
        incidents.post(":incident", "entries", ":entry", "national-sharing", use: shareNationally)
        incidents.post(":incident", "decisions", use: addDecision)
        incidents.post(":incident", "actions", use: addAction)
        incidents.post(":incident", "entries", ":entry", "conflicts", use: markConflict)
        incidents.post(":incident", "conflicts", ":conflict", "resolution", use: resolveConflict)
        incidents.post(":incident", "actions", ":record", "status", use: updateAction)
        incidents.post(":incident", "decisions", ":record", "revocation", use: revokeDecision)
        incidents.post(":incident", "access", use: link)
        incidents.post(":incident", "access", ":grant", "admit", use: admitPartner)
        incidents.post(":incident", "access", ":grant", "revoke", use: disconnect)
        incidents.post(":incident", "break-glass", use: breakGlass)
    }

    private func webUser(_ req: Request) throws -> CurrentUser { try Self.webUser(req) }

    /// The signed-in user, or a redirect to the login page that comes back here.
    static func webUser(_ req: Request) throws -> CurrentUser {
        guard let user = req.auth.get(CurrentUser.self) else {
            let next = req.url.path.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? "/"
            throw Abort.redirect(to: "/login?next=\(next)")
        }
        return user
    }

    func list(req: Request) async throws -> Response {
        let user = try webUser(req)
        let renderedAt = try await Journal.lastSequence(on: req.db)
        var filters = IncidentListPage.Filters()
        filters.exercise = req.query[String.self, at: "exercise"] == "true"
        filters.region = req.query[String.self, at: "region"].flatMap { RegionCode($0)?.rawValue }
        filters.grip = req.query[String.self, at: "grip"].flatMap(Int.init).flatMap { GRIPLevel(rawValue: $0)?.rawValue }
        filters.phase = req.query[String.self, at: "phase"].flatMap { IncidentPhase(rawValue: $0)?.rawValue }
        filters.status = req.query[String.self, at: "status"].flatMap { IncidentStatus(rawValue: $0)?.rawValue }
        let store = PictureStore(db: req.db, context: req.knooppunt)
        let found = try await store.currentIncidents(
            exercise: filters.exercise, region: filters.region.flatMap(RegionCode.init),
            grip: filters.grip.flatMap(GRIPLevel.init(rawValue:)), phase: filters.phase.flatMap(IncidentPhase.init(rawValue:)),
            status: filters.status.flatMap(IncidentStatus.init(rawValue:)))
        let now = req.knooppunt.clock.now()
        let currency = req.knooppunt.configuration.currency
        var rows: [IncidentListPage.Row] = []
        for (incident, version) in try await AccessService.readable(user.subject, found, at: now, on: req.db) {
            let dto = try IncidentDTO(incident, version)
            let last = try await store.logbook(of: try incident.requireID(), since: nil).last
            let lastUpdate = last.flatMap { RFC3339.parse($0.recordedAt) } ?? dto.updatedAt
            rows.append(.init(incident: dto, stale: currency.isStale(lastUpdate: lastUpdate, status: dto.status, now: now)))
        }
        let page = IncidentListPage(
            strings: req.strings, csrfToken: req.csrfToken, user: user, rows: rows, filters: filters,
            mayCreate: AccessPolicy.decide(user.subject, .create, incident: nil, at: req.knooppunt.clock.now()).allowed,
            journalPosition: renderedAt)
        return .html(page.render())
    }

    struct IncidentForm: Content {
        var title: String
        var category: String
        var grip: Int?
        var exercise: String?
    }

    func create(req: Request) async throws -> Response {
        let user = try webUser(req)
        let form = try req.content.decode(IncidentForm.self)
        let decision = AccessPolicy.decide(user.subject, .create, incident: nil, at: req.knooppunt.clock.now())
        guard decision.allowed, let region = user.subject.regionCode else { throw Problem.forbidden(decision.reason) }
        guard let category = IncidentCategory(rawValue: form.category) else {
            throw Problem.invalid("unknown category '\(form.category)'", field: "category")
        }
        let state = IncidentState(
            title: form.title.trimmingCharacters(in: .whitespacesAndNewlines), category: category,
            startedAt: req.knooppunt.clock.now(), grip: form.grip.flatMap(GRIPLevel.init(rawValue:)) ?? .routine,
            involvedRegions: [region], leadRegion: region)
        let version = try await PictureStore(db: req.db, context: req.knooppunt).createIncident(
            state, exercise: form.exercise == "true", by: user.author)
        return req.redirect(to: "/incidents/\(version.incidentID)", redirectType: .normal)
    }

    func show(req: Request) async throws -> Response {
        _ = try webUser(req)
        let (incident, version, user) = try await IncidentAccess.authorised(req, .read)
        let viewingAt = try req.query[String.self, at: "at"].map { text -> Date in
            guard let date = RFC3339.parse(text) else { throw Problem.badRequest("'at' must be an RFC 3339 date-time") }
            return date
        }
        let since = try req.query[String.self, at: "since"].flatMap { text -> Date? in
            guard !text.isEmpty else { return nil }
            guard let date = RFC3339.parse(text) else { throw Problem.badRequest("'since' must be an RFC 3339 date-time") }
            return date
        }
        // Read before the picture: the page's stream replays everything after it, so nothing that
        // happens between rendering and connecting is missed.
        let renderedAt = try await Journal.lastSequence(on: req.db)
        let now = req.knooppunt.clock.now()
        let id = try incident.requireID()
        let scope = try IncidentAccess.scope(version)
        let facts = try await AccessService.Facts.load(user.subject, incident: id, scope: scope, on: req.db)
        let reader = facts.reader(at: now)
        let picture = try await IncidentsController.picture(of: incident, at: viewingAt ?? now, for: user, reader: reader, on: req)
        let logbook = try await PictureStore(db: req.db, context: req.knooppunt)
            .logbook(of: id, since: since.map(Microseconds.from), until: viewingAt.map(Microseconds.from))
            .filter { reader.sees($0.record) }.map(LogbookLineDTO.init)
        func may(_ question: AccessService.Question) -> Bool { facts.decide(question, at: now).decision.allowed }
        let permissions = IncidentPage.Permissions(
            editIncident: may(.init(action: .editIncident)), addEntry: may(.init(action: .addEntry)),
            verify: may(.init(action: .verifyEntry)), admit: may(.init(action: .admitEntry)),
            decide: may(.init(action: .recordDecision)), manageAccess: may(.init(action: .manageAccess)),
            breakGlass: may(.init(action: .breakGlass)), enterOnBehalf: may(.init(action: .enterOnBehalf, onBehalfOf: .koppel)))
        var may = permissions
        let hasNationalNode = !(try await NationalSharing.nationalPeers(req.knooppunt, on: req.db)).isEmpty
        may.shareNationally = permissions.verify && !incident.exercise && hasNationalNode
        let sharedNationally = may.shareNationally ? try await NationalSharing.marked(in: id, on: req.db) : []
        let panel = user.subject.organisationKind == .region ? try await Self.accessPanel(id, scope: scope, at: now, on: req) : nil
        let choices = may.enterOnBehalf ? try await Self.onBehalfChoices(scope: scope, on: req.db) : []
        let page = IncidentPage(
            strings: req.strings, csrfToken: req.csrfToken, user: user, picture: picture, logbook: logbook, since: since,
            viewingAt: viewingAt, createdAt: Microseconds.date(incident.createdAt), now: now, may: may, access: panel,
            onBehalfChoices: choices, leafletAvailable: req.knooppunt.configuration.leafletInstalled,
            tileURL: req.knooppunt.configuration.tileURL, journalPosition: renderedAt, sharedNationally: sharedNationally)
        return .html(page.render())
    }

    struct UpdateForm: Content {
        var baseVersion: Int
        var grip: Int
        var gripReason: String?
        var phase: String
        var status: String
    }

    func update(req: Request) async throws -> Response {
        _ = try webUser(req)
        let (incident, _, user) = try await IncidentAccess.authorised(req, .editIncident)
        let form = try req.content.decode(UpdateForm.self)
        guard let grip = GRIPLevel(rawValue: form.grip), let phase = IncidentPhase(rawValue: form.phase),
            let status = IncidentStatus(rawValue: form.status)
        else { throw Problem.invalid("GRIP, phase or status is not valid") }
        let reason = form.gripReason?.trimmingCharacters(in: .whitespacesAndNewlines)
        _ = try await PictureStore(db: req.db, context: req.knooppunt).updateIncident(
            try incident.requireID(), baseVersion: form.baseVersion, by: user.author
        ) { state in
            if state.grip != grip { state.gripReason = reason }
            state.grip = grip
            state.phase = phase
            state.status = status
        }
        return back(req, incident)
    }

    struct EntryForm: Content {
        var theme: String
        var text: String
        var source: String
        var priority: String?
        var classification: String?
        /// Set by a liaison entering information for a koppel or ad-hoc partner.
        var onBehalfOf: String?
    }

    func addEntry(req: Request) async throws -> Response {
        _ = try webUser(req)
        let (incident, version, user) = try await IncidentAccess.authorised(req, .read)
        let form = try req.content.decode(EntryForm.self)
        guard let theme = Theme(form.theme) else { throw Problem.invalid("unknown theme '\(form.theme)'", field: "theme") }
        let classification = try form.classification.flatMap { $0.isEmpty ? nil : $0 }.map { text in
            guard let level = Classification(rawValue: text) else {
                throw Problem.invalid("unknown classification '\(text)'", field: "classification")
            }
            return level
        }
        let onBehalfOf = form.onBehalfOf.flatMap { $0.isEmpty ? nil : $0 }
        _ = try await IncidentsController.addEntry(
            .init(theme: onBehalfOf.map { Theme.partner($0.uppercased()) } ?? theme, text: form.text, source: form.source,
                  priority: form.priority.flatMap(EntryPriority.init(rawValue:)), classification: classification, onBehalfOf: onBehalfOf),
            to: incident, version: version, by: user, on: req)
        return back(req, incident)
    }

    struct EditForm: Content {
        var baseVersion: Int
        var text: String
    }

    func editEntry(req: Request) async throws -> Response {
        _ = try webUser(req)
        let (incident, version, user) = try await IncidentAccess.authorised(req, .read)
        let form = try req.content.decode(EditForm.self)
        try await IncidentsController.mayChangeEntry(
            try IncidentRequest.entryID(req), user: user, incident: try incident.requireID(),
            scope: try IncidentAccess.scope(version), theme: nil, classification: nil, on: req)
        _ = try await PictureStore(db: req.db, context: req.knooppunt).changeEntry(
            try IncidentRequest.entryID(req), in: try incident.requireID(), baseVersion: form.baseVersion,
            by: user.author, kind: "entry.updated"
        ) { next in
            guard next.text != form.text else { throw Problem.invalid("the text is unchanged", field: "text") }
            next.text = form.text
        }
        return back(req, incident)
    }

    struct VerificationForm: Content {
        var baseVersion: Int
        var status: String
    }

    func verify(req: Request) async throws -> Response {
        _ = try webUser(req)
        let (incident, _, user) = try await IncidentAccess.authorised(req, .verifyEntry)
        let form = try req.content.decode(VerificationForm.self)
        guard let status = VerificationStatus(rawValue: form.status) else {
            throw Problem.invalid("unknown verification status '\(form.status)'", field: "status")
        }
        _ = try await PictureStore(db: req.db, context: req.knooppunt).setVerification(
            status, of: try IncidentRequest.entryID(req), in: try incident.requireID(), baseVersion: form.baseVersion,
            by: user.author)
        return back(req, incident)
    }

    struct NationalSharingForm: Content {
        var shared: String
    }

    func shareNationally(req: Request) async throws -> Response {
        _ = try webUser(req)
        let (incident, _, user) = try await IncidentAccess.authorised(req, .verifyEntry)
        let form = try req.content.decode(NationalSharingForm.self)
        _ = try await NationalSharing.mark(
            form.shared == "true", entry: try IncidentRequest.entryID(req), incident: try incident.requireID(), by: user.author,
            context: req.knooppunt, on: req.db)
        return back(req, incident)
    }

    struct AdmissionForm: Content {
        var baseVersion: Int
        var admitted: String
    }

    func admit(req: Request) async throws -> Response {
        _ = try webUser(req)
        let (incident, _, user) = try await IncidentAccess.authorised(req, .admitEntry)
        let form = try req.content.decode(AdmissionForm.self)
        _ = try await PictureStore(db: req.db, context: req.knooppunt).setAdmission(
            form.admitted == "true", of: try IncidentRequest.entryID(req), in: try incident.requireID(),
            baseVersion: form.baseVersion, by: user.author)
        return back(req, incident)
    }

    struct ConflictForm: Content {
        var other: UUID
        var note: String
    }

    /// Marks this entry and another as conflicting; both stay visible until the IM resolves it.
    func markConflict(req: Request) async throws -> Response {
        _ = try webUser(req)
        let (incident, _, user) = try await IncidentAccess.authorised(req, .addEntry)
        let form = try req.content.decode(ConflictForm.self)
        let request = ConflictRequest(entries: [try IncidentRequest.entryID(req), form.other], note: form.note)
        try request.validate()
        _ = try await PictureStore(db: req.db, context: req.knooppunt).markConflict(
            request.entries[0], request.entries[1], note: request.note, in: try incident.requireID(), by: user.author)
        return back(req, incident)
    }

    func resolveConflict(req: Request) async throws -> Response {
        _ = try webUser(req)
        let (incident, _, user) = try await IncidentAccess.authorised(req, .admitEntry)
        let request = ResolutionRequest(resolution: try req.content.get(String.self, at: "resolution"))
        try request.validate()
        guard let id = req.parameters.get("conflict").flatMap(UUID.init(uuidString:)) else {
            throw Problem.badRequest("the conflict id must be a UUID")
        }
        _ = try await PictureStore(db: req.db, context: req.knooppunt).resolveConflict(
            id, resolution: request.resolution, in: try incident.requireID(), by: user.author)
        return back(req, incident)
    }

    struct DecisionForm: Content {
        var team: String
        var text: String
        var decidedBy: String
    }

    func addDecision(req: Request) async throws -> Response {
        _ = try webUser(req)
        let (incident, _, user) = try await IncidentAccess.authorised(req, .recordDecision)
        let form = try req.content.decode(DecisionForm.self)
        guard let team = CrisisTeam(rawValue: form.team) else { throw Problem.invalid("unknown team '\(form.team)'", field: "team") }
        let decision = DecisionBody(team: team, text: form.text, decidedAt: req.knooppunt.clock.now(), decidedBy: form.decidedBy)
        try IncidentRequest.checked { () throws(PictureRuleViolation) in try RecordRules.validate(decision) }
        _ = try await RecordStore(db: req.db, context: req.knooppunt).create(
            .decision, body: decision, in: try incident.requireID(), by: user.author)
        return back(req, incident)
    }

    struct ActionForm: Content {
        var text: String
        var owner: String
    }

    func addAction(req: Request) async throws -> Response {
        _ = try webUser(req)
        let (incident, _, user) = try await IncidentAccess.authorised(req, .addEntry)
        let form = try req.content.decode(ActionForm.self)
        let action = ActionBody(text: form.text, owner: form.owner.uppercased())
        try IncidentRequest.checked { () throws(PictureRuleViolation) in try RecordRules.validate(action) }
        try await IncidentRequest.requireOrganisation(action.owner, on: req.db)
        _ = try await RecordStore(db: req.db, context: req.knooppunt).create(
            .action, body: action, in: try incident.requireID(), by: user.author)
        return back(req, incident)
    }

    struct ActionStatusForm: Content {
        var baseVersion: Int
        var status: String
    }

    func updateAction(req: Request) async throws -> Response {
        _ = try webUser(req)
        let (incident, _, user) = try await IncidentAccess.authorised(req, .addEntry)
        let form = try req.content.decode(ActionStatusForm.self)
        guard let status = ActionStatus(rawValue: form.status) else {
            throw Problem.invalid("unknown action status '\(form.status)'", field: "status")
        }
        _ = try await RecordStore(db: req.db, context: req.knooppunt).update(
            .action, try IncidentRequest.recordID(req), in: try incident.requireID(), baseVersion: form.baseVersion,
            by: user.author, as: ActionBody.self, validate: { _ in }
        ) { action in action.status = status }
        return back(req, incident)
    }

    struct RevokeForm: Content {
        var baseVersion: Int
    }

    /// Revokes a decision; it stays in the list, struck through, and in every earlier picture.
    func revokeDecision(req: Request) async throws -> Response {
        _ = try webUser(req)
        let (incident, _, user) = try await IncidentAccess.authorised(req, .recordDecision)
        let form = try req.content.decode(RevokeForm.self)
        _ = try await RecordStore(db: req.db, context: req.knooppunt).update(
            .decision, try IncidentRequest.recordID(req), in: try incident.requireID(), baseVersion: form.baseVersion,
            by: user.author, as: DecisionBody.self, validate: { _ in }
        ) { decision in decision.revoked = true }
        return back(req, incident)
    }

    // MARK: Access

    static func accessPanel(_ id: UUID, scope: IncidentScope, at now: Date, on req: Request) async throws -> IncidentPage.AccessPanel {
        let grants = try await GrantStore(db: req.db, context: req.knooppunt).grants(of: id).map(AccessGrantDTO.init)
        let linked = Set(grants.filter { $0.kind == "link" && $0.revokedAt == nil && $0.validUntil > now }.map(\.organisation))
        let names = try await PartnerStore.partnerNames(on: req.db)
        let linkable = try await PartnerRegistrationModel.query(on: req.db).all().compactMap { model
            -> (code: String, name: String, profile: CollaborationProfile)? in
            guard !linked.contains(model.organisationCode),
                let agreement = try model.registration().agreement(for: scope.involvedRegions, lead: scope.leadRegion)
            else { return nil }
            return (model.organisationCode, names[model.organisationCode] ?? model.organisationCode, agreement.profile)
        }.sorted { $0.name < $1.name }
        let organisations = try await OrganisationModel.query(on: req.db).filter(\.$kind != OrganisationKind.region.rawValue)
            .sort(\.$name).all().map { (code: $0.code, name: $0.name) }
        let alerts = try await PartnerAlertModel.query(on: req.db).filter(\.$incidentID == id).sort(\.$raisedAt).sort(\.$organisationCode).all()
            .map { try PartnerAlertDTO($0) }
        return IncidentPage.AccessPanel(grants: grants, linkable: linkable, organisations: organisations, alerts: alerts)
    }

    /// Partners a liaison enters information for: koppel partners of these regions, and unregistered
    /// organisations (ad hoc).
    static func onBehalfChoices(scope: IncidentScope, on db: Database) async throws -> [(code: String, name: String)] {
        let registrations = try await PartnerRegistrationModel.query(on: db).all()
        let registered = Set(registrations.map(\.organisationCode))
        let koppel = Set(try registrations.filter {
            try $0.registration().agreement(for: scope.involvedRegions, lead: scope.leadRegion)?.profile == .koppel
        }.map(\.organisationCode))
        return try await OrganisationModel.query(on: db)
            .filter(\.$kind ~~ [OrganisationKind.partner.rawValue, OrganisationKind.ministry.rawValue, OrganisationKind.other.rawValue])
            .sort(\.$name).all()
            .filter { koppel.contains($0.code) || !registered.contains($0.code) }
            .map { (code: $0.code, name: $0.name) }
    }

    struct LinkForm: Content {
        var organisation: String
        var purpose: String
        var hours: Int
    }

    func link(req: Request) async throws -> Response {
        _ = try webUser(req)
        let (incident, version, user) = try await IncidentAccess.authorised(req, .manageAccess)
        let form = try req.content.decode(LinkForm.self)
        let until = req.knooppunt.clock.now().addingTimeInterval(TimeInterval(form.hours) * 3600)
        let new = try await AccessController.newLink(
            LinkRequest(organisation: form.organisation, purpose: form.purpose, until: until),
            scope: try IncidentAccess.scope(version), on: req.db)
        _ = try await GrantStore(db: req.db, context: req.knooppunt).create(
            new, incident: try incident.requireID(), by: user.author, kind: "access.granted")
        return back(req, incident)
    }

    func admitPartner(req: Request) async throws -> Response {
        _ = try webUser(req)
        let (incident, _, user) = try await IncidentAccess.authorised(req, .manageAccess)
        _ = try await GrantStore(db: req.db, context: req.knooppunt).change(
            try AccessController.grantID(req), incident: try incident.requireID(), status: .active, until: nil, by: user.author)
        return back(req, incident)
    }

    func disconnect(req: Request) async throws -> Response {
        _ = try webUser(req)
        let (incident, version, user) = try await IncidentAccess.authorised(req, .read)
        _ = try await AccessController.revoke(try AccessController.grantID(req), of: incident, version, by: user, on: req)
        return back(req, incident)
    }

    struct BreakGlassForm: Content {
        var organisation: String
        var reason: String
        var hours: Int
    }

    func breakGlass(req: Request) async throws -> Response {
        _ = try webUser(req)
        let (incident, _, user) = try await IncidentAccess.authorised(req, .breakGlass)
        let form = try req.content.decode(BreakGlassForm.self)
        let until = req.knooppunt.clock.now().addingTimeInterval(TimeInterval(form.hours) * 3600)
        _ = try await AccessController.breakGlass(
            BreakGlassRequest(organisation: form.organisation, reason: form.reason, until: until),
            incident: try incident.requireID(), by: user, on: req)
        return back(req, incident)
    }

    private func back(_ req: Request, _ incident: IncidentModel) -> Response {
        req.redirect(to: "/incidents/\(incident.id?.uuidString ?? "")", redirectType: .normal)
    }
}
