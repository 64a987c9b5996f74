import Fluent
import Foundation
import KnooppuntCore
import Vapor

/// The incident pages and their forms. Forms post here (working without JavaScript) and use the same
/// stores and access rules as the JSON API; the page script submits them in the background.
struct IncidentWebController: RouteCollection {
    func boot(routes: RoutesBuilder) throws {
        routes.get(SiteURL.incidents.pathComponents, use: list)
        routes.post(SiteURL.incidents.pathComponents, use: create)
        routes.get(SiteURL.incident(.key).pathComponents, use: show)
        let posts: [(IncidentResource, @Sendable (Request) async throws -> Response)] = [
            (.update, update), (.proposals, propose),
            (.proposal(.key, .accept), acceptProposal), (.proposal(.key, .reject), rejectProposal),
            (.proposal(.key, .withdraw), withdrawProposal), (.reviews, recordReview),
            (.entries, addEntry), (.entry(.key, .edit), editEntry), (.entry(.key, .verification), verify),
            (.entry(.key, .admission), admit), (.entry(.key, .nationalSharing), shareNationally),
            (.entry(.key, .acknowledgement), acknowledge), (.decisions, addDecision), (.summary(.key), writeSummary),
            (.decisionPoints, raiseDecisionPoint), (.decisionPointWithdrawal(.key), withdrawDecisionPoint),
            (.actions, addAction), (.conflicts, markConflict), (.conflictResolution(.key), resolveConflict),
            (.actionStatus(.key), updateAction), (.decision(.key, .revocation), revokeDecision),
            (.decision(.key, .consultations), recordConsultation), (.access, link),
            (.accessGrant(.key, .admit), admitPartner), (.accessGrant(.key, .revoke), disconnect),
            (.breakGlass, breakGlass), (.accessRequests, requestAccess),
            (.accessRequestDecision(.key), decideAccessRequest),
        ]
        for (resource, handler) in posts {
            routes.post(SiteURL.incident(.key, resource).pathComponents, use: handler)
        }
    }

    /// A partner asks to read an incident in its area; back to the home page, where the request shows.
    func requestAccess(req: Request) async throws -> Response {
        _ = try webUser(req)
        _ = try await IncidentCommands(req).requestAccess(in: try IncidentRequest.incidentID(req), try req.decodeForm(AccessRequestInput.self))
        return req.redirect(to: SiteURL.home.path, redirectType: .normal)
    }

    /// The information manager grants or declines; back to where the form was (home or incident).
    func decideAccessRequest(req: Request) async throws -> Response {
        try await command(req, followNext: true) { commands, id in
            _ = try await commands.decideAccessRequest(try req.pathID("request"), in: id, try req.decodeForm(AccessRequestDecisionInput.self))
        }
    }

    private func webUser(_ req: Request) throws -> CurrentUser { try Self.webUser(req) }

    /// The signed-in user, or a redirect to the login page that comes back here.
    static func webUser(_ req: Request) throws -> CurrentUser {
        guard let user = req.auth.get(CurrentUser.self) else {
            throw Abort.redirect(to: SiteURL.login.url(query: ["next": req.url.path]))
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
        filters.phase = req.query[String.self, at: "phase"].flatMap { text in IncidentPhase.allCases.first { $0.rawValue == text }?.rawValue }
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
            let dto = try IncidentView(incident, version)
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

    func create(req: Request) async throws -> Response {
        _ = try webUser(req)
        let (_, version) = try await IncidentCommands(req).create(try req.decodeForm(CreateIncidentInput.self))
        return req.redirect(to: SiteURL.incident(.value(version.incidentID)).path, redirectType: .normal)
    }

    func show(req: Request) async throws -> Response {
        _ = try webUser(req)
        let (incident, version, user) = try await IncidentAccess.authorised(req, .read)
        // Times as a person types them on the page (25-11-2026 10:00) or as links carry them (RFC 3339).
        let viewingAt = try req.query[String.self, at: "at"].map { try DisplayFormat.requireTime($0, field: "at", req.uiLanguage) }
        let since = try req.query[String.self, at: "since"].flatMap { text -> Date? in
            text.isEmpty ? nil : try DisplayFormat.requireTime(text, field: "since", req.uiLanguage)
        }
        // Read before the picture: the page's stream replays everything after it, so nothing that
        // happens between rendering and connecting is missed.
        let renderedAt = try await Journal.lastSequence(on: req.db)
        let now = req.knooppunt.clock.now()
        let id = try incident.requireID()
        let scope = try IncidentAccess.scope(version)
        let facts = try await AccessService.Facts.load(user.subject, incident: id, scope: scope, on: req.db)
        let reader = facts.reader(at: now)
        let picture = try await IncidentPicture.assemble(
            incident, at: viewingAt ?? now, for: user, reader: reader, context: req.knooppunt, on: req.db)
        let logbook = try await PictureStore(db: req.db, context: req.knooppunt)
            .logbook(of: id, since: since.map(Microseconds.from), until: viewingAt.map(Microseconds.from))
            .filter { reader.sees($0.record) }.map(LogbookLineView.init)
        func may(_ question: AccessService.Question) -> Bool { facts.decide(question, at: now).decision.allowed }
        let permissions = IncidentPage.Permissions(
            editIncident: may(.init(action: .editIncident)),
            // The calamiteitencoördinator adds to the meldkamer theme only (decision 0034).
            addEntry: may(.init(action: .addEntry, theme: user.organisationKind == .meldkamer ? .meldkamer : nil)),
            verify: may(.init(action: .verifyEntry)), admit: may(.init(action: .admitEntry)),
            decide: may(.init(action: .recordDecision)), manageAccess: may(.init(action: .manageAccess)),
            breakGlass: may(.init(action: .breakGlass)), enterOnBehalf: false)
        let choices = try await Self.onBehalfChoices(facts, incident: id, at: now, on: req.db)
        var may = permissions
        may.enterOnBehalf = !choices.isEmpty
        may.draftReport = CouncilReportPolicy.mayDraft(user.subject, incident: scope).allowed
        may.takeOverMeldkamer = MeldkamerPolicy.mayTakeOver(user.subject, incident: scope).allowed
        let hasNationalNode = !(try await NationalSharing.nationalPeers(req.knooppunt, on: req.db)).isEmpty
        may.shareNationally = permissions.verify && !incident.exercise && hasNationalNode
        may.acknowledge = permissions.addEntry && !user.subject.isPartner
        may.summaryThemes = Set(picture.themes.map(\.theme).filter { facts.decide(.init(action: .writeSummary, theme: $0), at: now).decision.allowed })
        let sharedNationally = may.shareNationally ? try await NationalSharing.marked(in: id, on: req.db) : []
        var panel = user.subject.organisationKind == .region ? try await Self.accessPanel(id, scope: scope, at: now, on: req) : nil
        if panel != nil, permissions.manageAccess {
            let open = try await AccessRequestModel.query(on: req.db).filter(\.$incidentID == id)
                .filter(\.$status == AccessRequestModel.Status.open.rawValue).sort(\.$requestedAt).all()
            let names = try await PartnerStore.partnerNames(on: req.db)
            panel?.requests = try open.map {
                HomePage.PendingRequest(request: try AccessRequestDTO($0), incident: picture.incident, organisationName: names[$0.organisationCode] ?? $0.organisationCode)
            }
        }
        let target = AuthorisedIncident(incident: incident, version: version, scope: scope)
        let affected = viewingAt == nil
            ? try await IncidentAuthority.affectedMunicipalities(target, for: user, context: req.knooppunt, on: req.db) : []
        let authority = viewingAt == nil
            ? try await IncidentAuthority.current(target, affected: affected, context: req.knooppunt, on: req.db) : nil
        let authorityHistory = viewingAt == nil
            ? try await IncidentAuthority.history(target, for: user, context: req.knooppunt, on: req.db) : []
        let gemeenten = try await MunicipalityAreas.all(on: req.db)
        let consultations = Dictionary(grouping: try await RecordStore(db: req.db, context: req.knooppunt)
            .records(.consultation, of: id, at: Microseconds.from(viewingAt ?? now)).map(ConsultationView.init), by: \.decision)
        let readsInternal = viewingAt == nil && facts.decide(.init(action: .read, classification: .internal, wholePicture: true), at: now).decision.allowed
        let proposals = readsInternal ? try await IncidentCommands(req).proposals(of: id) : []
        let aanwijzingen = readsInternal ? try await GovernanceCommands(req).aanwijzingen(concerning: id) : []
        let panels = viewingAt == nil
            ? try await GovernanceWebController.incidentPanels(
                target, incident: picture.incident, user: user, csrfToken: req.csrfToken, language: req.uiLanguage, on: req.db)
            : (phase: nil, hint: nil, irbt: nil)
        var page = IncidentPage(
            strings: req.strings, csrfToken: req.csrfToken, user: user, picture: picture, logbook: logbook, since: since,
            viewingAt: viewingAt, createdAt: Microseconds.date(incident.createdAt), now: now, may: may, access: panel,
            onBehalfChoices: choices, leafletAvailable: req.knooppunt.configuration.leafletInstalled,
            tileURL: req.knooppunt.configuration.tileURL, journalPosition: renderedAt, sharedNationally: sharedNationally,
            authority: authority, authorityHistory: authorityHistory, leadRegionPhase: panels.phase, phaseHint: panels.hint,
            irbt: panels.irbt, consultations: consultations,
            gemeenteNames: Dictionary(gemeenten.map { ($0.code, $0.name) }, uniquingKeysWith: { first, _ in first }),
            councilChoices: viewingAt == nil && may.decide ? Self.councilChoices(affected: affected, gemeenten: gemeenten, scope: scope) : [])
        page.proposals = proposals
        page.readScope = facts.readScope(at: now)
        page.readsWholePicture = page.readScope.isWhole
        if viewingAt == nil, user.subject.isPartner, facts.decide(.init(action: .bringInStandby), at: now).decision.allowed {
            page.standbyChoices = try await Self.standbyChoices(id, scope: scope, at: now, on: req.db)
        }
        page.acknowledgements = page.readsWholePicture ? try await UrgentEntries.acknowledgements(in: id, on: req.db) : [:]
        page.aanwijzingen = aanwijzingen
        if page.readsWholePicture {
            let state = try PictureStore.decodeState(version)
            page.whatFollows = (state.category == .digitaleOntwrichting || state.location != nil)
                && (try? DependencyStore.requireReader(user.subject)) != nil
            page.plans = try await Plans.attached(incident: id, now: now, on: req.db)
            if let origin = try await RiskPictureModel.query(on: req.db).filter(\.$incidentID == id).first(),
               RiskPictureRules.read(user.subject, region: origin.regionCode, partners: origin.partnerProfiles, shared: false).allowed {
                page.fromRiskPicture = (try origin.requireID(), origin.title)
            }
        }
        // Everyone the page names — writers, verifiers, those who granted access and the organisations — by name.
        let grants = panel?.grants ?? []
        page.names = try await PeopleNames.load(
            usernames: logbook.map(\.actor) + picture.entries.flatMap { [$0.author] + ($0.verifiedBy.map { [$0] } ?? []) }
                + picture.summaries.map(\.writtenBy) + picture.conflicts.map(\.markedBy) + grants.map(\.grantedBy) + grants.compactMap(\.detachedHIN)
                + (panel?.alerts.compactMap(\.acknowledgedBy) ?? []),
            organisations: logbook.map(\.organisation) + picture.entries.map(\.organisation) + picture.summaries.map(\.writtenByOrganisation)
                + picture.actions.map(\.owner) + grants.flatMap { [$0.organisation, $0.grantedByOrganisation] }
                + (panel?.alerts.map(\.organisation) ?? [])
                + picture.themes.compactMap { theme -> String? in if case .partner(let code) = theme.theme { return code } else { return nil } },
            on: req.db)
        return .html(page.render())
    }

    /// The councils a consultation may name: the affected gemeenten (checked), then the others of the
    /// involved regions, each by name.
    static func councilChoices(affected: [AffectedAreaView.Municipality], gemeenten: [MunicipalityArea], scope: IncidentScope)
        -> [IncidentPage.CouncilChoice]
    {
        let affectedCodes = Set(affected.map(\.code))
        let others = gemeenten.filter { scope.involvedRegions.contains($0.region) && !affectedCodes.contains($0.code) }
            .sorted { $0.name < $1.name }
        return affected.sorted { $0.name < $1.name }.map { .init(code: $0.code, name: $0.name, affected: true) }
            + others.map { .init(code: $0.code, name: $0.name, affected: false) }
    }

    /// The forms below decode the same input types as the API and call the same commands; the page
    /// only redirects back to the incident afterwards.
    /// Runs a form's command and returns to the incident page — or, where the form says `?next=` (the
    /// bestuurlijk overzicht's proposal forms), to that path on this site; anything else there is ignored.
    private func command(_ req: Request, followNext: Bool = false, _ run: (IncidentCommands, UUID) async throws -> Void)
        async throws -> Response
    {
        _ = try webUser(req)
        let id = try IncidentRequest.incidentID(req)
        try await run(try IncidentCommands(req), id)
        let next = followNext ? LanguageRoute.safeLocalPath(req.query[String.self, at: "next"]) : nil
        return req.redirect(to: next ?? SiteURL.incident(.value(id)).path, redirectType: .normal)
    }

    /// A theme's summary, the totaalbeeld among them (decision 0024).
    func writeSummary(req: Request) async throws -> Response {
        try await command(req) { commands, id in
            _ = try await commands.writeSummary(of: try IncidentRequest.theme(req), in: id, try req.decodeForm(SummaryInput.self))
        }
    }

    func raiseDecisionPoint(req: Request) async throws -> Response {
        try await command(req) { commands, id in _ = try await commands.raiseDecisionPoint(in: id, try req.decodeForm(DecisionPointInput.self)) }
    }

    func withdrawDecisionPoint(req: Request) async throws -> Response {
        try await command(req) { commands, id in
            _ = try await commands.withdrawDecisionPoint(try IncidentRequest.recordID(req), in: id, try req.decodeForm(DecisionPointWithdrawalInput.self))
        }
    }

    /// A GRIP level or classification the user may not decide goes to the competent authority as a proposal.
    func update(req: Request) async throws -> Response {
        try await command(req) { commands, id in
            _ = try await commands.update(id, try req.decodeForm(UpdateIncidentInput.self), proposeInstead: true)
        }
    }

    func propose(req: Request) async throws -> Response {
        try await command(req) { commands, id in _ = try await commands.propose(to: id, try req.decodeForm(ProposalInput.self)) }
    }

    func acceptProposal(req: Request) async throws -> Response {
        try await command(req, followNext: true) { commands, id in
            _ = try await commands.acceptProposal(try req.pathID("proposal"), of: id, try req.decodeForm(ProposalDecisionInput.self))
        }
    }

    func rejectProposal(req: Request) async throws -> Response {
        try await command(req, followNext: true) { commands, id in
            _ = try await commands.closeProposal(try req.pathID("proposal"), of: id, as: .rejected, try req.decodeForm(ProposalDecisionInput.self))
        }
    }

    func withdrawProposal(req: Request) async throws -> Response {
        try await command(req) { commands, id in
            _ = try await commands.closeProposal(try req.pathID("proposal"), of: id, as: .withdrawn, try req.decodeForm(ProposalDecisionInput.self))
        }
    }

    func recordReview(req: Request) async throws -> Response {
        try await command(req) { commands, id in _ = try await commands.recordReview(of: id, try req.decodeForm(ScaleReviewInput.self)) }
    }

    func addEntry(req: Request) async throws -> Response {
        try await command(req) { commands, id in
            _ = try await commands.addEntry(to: id, try Self.pageEntry(try req.decodeForm(AddEntryInput.self)))
        }
    }

    /// The page offers a theme and, for a liaison, the partner to enter for; choosing a partner puts the
    /// entry in that partner's theme, whatever the theme list shows.
    static func pageEntry(_ input: AddEntryInput) -> AddEntryInput {
        var input = input
        if let partner = input.onBehalfOf { input.theme = .partner(partner.uppercased()) }
        return input
    }

    func editEntry(req: Request) async throws -> Response {
        try await command(req) { commands, id in
            _ = try await commands.changeEntry(try IncidentRequest.entryID(req), in: id, try req.decodeForm(UpdateEntryInput.self))
        }
    }

    func verify(req: Request) async throws -> Response {
        try await command(req) { commands, id in
            _ = try await commands.verifyEntry(try IncidentRequest.entryID(req), in: id, try req.decodeForm(VerificationInput.self))
        }
    }

    func acknowledge(req: Request) async throws -> Response {
        try await command(req) { commands, id in
            _ = try await commands.acknowledgeEntry(try IncidentRequest.entryID(req), in: id)
        }
    }

    func shareNationally(req: Request) async throws -> Response {
        try await command(req) { commands, id in
            let entry = try IncidentRequest.entryID(req)
            _ = try await commands.shareNationally(try req.decodeForm(NationalSharingInput.self).shared, entry: entry, in: id)
        }
    }

    func admit(req: Request) async throws -> Response {
        try await command(req) { commands, id in
            _ = try await commands.admitEntry(try IncidentRequest.entryID(req), in: id, try req.decodeForm(AdmissionInput.self))
        }
    }

    /// Marks two entries as conflicting; both stay visible until the IM resolves it.
    func markConflict(req: Request) async throws -> Response {
        try await command(req) { commands, id in _ = try await commands.markConflict(in: id, try req.decodeForm(ConflictInput.self)) }
    }

    func resolveConflict(req: Request) async throws -> Response {
        try await command(req) { commands, id in
            _ = try await commands.resolveConflict(try IncidentRequest.conflictID(req), in: id, try req.decodeForm(ResolutionInput.self))
        }
    }

    func addDecision(req: Request) async throws -> Response {
        try await command(req) { commands, id in _ = try await commands.recordDecision(in: id, try req.decodeForm(CreateDecisionInput.self)) }
    }

    func addAction(req: Request) async throws -> Response {
        try await command(req) { commands, id in _ = try await commands.recordAction(in: id, try req.decodeForm(CreateActionInput.self)) }
    }

    func updateAction(req: Request) async throws -> Response {
        try await command(req) { commands, id in
            _ = try await commands.changeAction(try IncidentRequest.recordID(req), in: id, try req.decodeForm(UpdateActionInput.self))
        }
    }

    /// Revokes a decision (the form sends `revoked=true`); it stays in the list, struck through.
    func revokeDecision(req: Request) async throws -> Response {
        try await command(req) { commands, id in
            _ = try await commands.changeDecision(try IncidentRequest.recordID(req), in: id, try req.decodeForm(UpdateDecisionInput.self))
        }
    }

    /// Records the councils consulted on a decision, or that urgency prevented it (C10).
    func recordConsultation(req: Request) async throws -> Response {
        try await command(req) { commands, id in
            _ = try await commands.recordConsultation(
                on: try IncidentRequest.recordID(req), in: id, try req.decodeForm(ConsultationInput.self))
        }
    }

    // MARK: Access

    /// Standby partners a kern partner may bring in: an agreement in effect with the incident's regions, not linked.
    static func standbyChoices(_ id: UUID, scope: IncidentScope, at now: Date, on db: Database) async throws -> [(code: String, name: String)] {
        let linked = Set(try await AccessGrantModel.query(on: db).filter(\.$incidentID == id).filter(\.$kind == "link").all()
            .filter { (try? $0.grant().isActive(at: now)) == true }.map(\.organisationCode))
        let names = try await PartnerStore.partnerNames(on: db)
        return try await PartnerRegistrationModel.query(on: db).all().filter { model in
            guard !linked.contains(model.organisationCode) else { return false }
            return try model.registration().agreement(for: scope.involvedRegions, lead: scope.leadRegion, at: now)?.profile == .standby
        }.map { (code: $0.organisationCode, name: names[$0.organisationCode] ?? $0.organisationCode) }.sorted { $0.name < $1.name }
    }

    static func accessPanel(_ id: UUID, scope: IncidentScope, at now: Date, on req: Request) async throws -> IncidentPage.AccessPanel {
        let grants = try await GrantStore(db: req.db, context: req.knooppunt).grants(of: id).map(AccessGrantDTO.init)
        let linked = Set(grants.filter { $0.kind == "link" && $0.revokedAt == nil && $0.validUntil > now }.map(\.organisation))
        let names = try await PartnerStore.partnerNames(on: req.db)
        let linkable = try await PartnerRegistrationModel.query(on: req.db).all().compactMap { model
            -> (code: String, name: String, profile: CollaborationProfile)? in
            guard !linked.contains(model.organisationCode),
                let agreement = try model.registration().agreement(for: scope.involvedRegions, lead: scope.leadRegion, at: now)
            else { return nil }
            return (model.organisationCode, names[model.organisationCode] ?? model.organisationCode, agreement.profile)
        }.sorted { $0.name < $1.name }
        let others = try await OrganisationModel.query(on: req.db).filter(\.$kind != OrganisationKind.region.rawValue).sort(\.$name).all()
        let organisations = others.map { (code: $0.code, name: $0.name) }
        let alerts = try await PartnerAlertModel.query(on: req.db).filter(\.$incidentID == id).sort(\.$raisedAt).sort(\.$organisationCode).all()
            .map { try PartnerAlertDTO($0) }
        var panel = IncidentPage.AccessPanel(
            grants: grants, linkable: linkable.filter { $0.profile != .adHoc }, organisations: organisations, alerts: alerts)
        // An ad-hoc-aansluiting (decision 0027 §6): whoever has no other agreement in effect, and a HIN to detach.
        let underAgreement = Set(linkable.filter { $0.profile != .adHoc }.map(\.code))
        panel.adHocCandidates = others
            .filter { $0.kind != OrganisationKind.nationalNode.rawValue && !linked.contains($0.code) && !underAgreement.contains($0.code) }
            .map { (code: $0.code, name: $0.name) }
        let regionOrganisations = try await OrganisationModel.query(on: req.db)
            .filter(\.$regionCode ~~ scope.involvedRegions.map(\.description)).filter(\.$kind == OrganisationKind.region.rawValue).all()
        panel.detachableHINs = try await UserModel.query(on: req.db)
            .filter(\.$organisation.$id ~~ regionOrganisations.compactMap(\.id))
            .filter(\.$role ~~ [Role.hinGedetacheerd.rawValue, Role.hoofdInformatie.rawValue]).filter(\.$disabledAt == nil)
            .sort(\.$displayName).all().map { user in
                let role = Role(rawValue: user.role)?.label.text(req.uiLanguage) ?? user.role
                return (username: user.username, name: "\(user.displayName) (\(role))")
            }
        return panel
    }

    /// The partners the user enters information for (decision 0027 §6, §8): for the region's HIN or detached
    /// HIN, the koppel partners linked to this incident and the ad-hoc partners it is detached to; for a
    /// koppel or ad-hoc partner's own liaison, its own organisation. The policy decides each.
    static func onBehalfChoices(
        _ facts: AccessService.Facts, incident id: UUID, at now: Date, on db: Database
    ) async throws -> [(code: String, name: String)] {
        let names = try await PartnerStore.partnerNames(on: db)
        if facts.subject.isPartner {
            let own = facts.subject.organisationCode
            let supply = facts.decide(.init(action: .addEntry, theme: .partner(own)), at: now).decision
            return supply.allowed && supply.obligations.contains(.markViaLiaison) ? [(code: own, name: names[own] ?? own)] : []
        }
        guard facts.subject.organisationKind == .region else { return [] }
        let links = try await AccessGrantModel.query(on: db).filter(\.$incidentID == id).filter(\.$kind == "link")
            .filter(\.$profile ~~ [CollaborationProfile.koppel.rawValue, CollaborationProfile.adHoc.rawValue]).all()
            .map { try $0.grant() }
        return Dictionary(grouping: links, by: \.organisationCode)
            .filter { facts.decide(.init(action: .enterOnBehalf, onBehalfOf: $0.value), at: now).decision.allowed }
            .map { (code: $0.key, name: names[$0.key] ?? $0.key) }
            .sorted { $0.name < $1.name }
    }

    func link(req: Request) async throws -> Response {
        try await command(req) { commands, id in _ = try await commands.link(in: id, try req.decodeForm(LinkInput.self)) }
    }

    struct AdmitForm: Content {
        var readScope: String?
        /// Several themes at once ("Meerdere thema's"): they win over the single choice.
        var themes: [String]?
    }

    /// Admits a standby partner, or changes what it reads (decision 0027 §7); the totaalbeeld unless chosen.
    func admitPartner(req: Request) async throws -> Response {
        try await command(req) { commands, id in
            let form = try? req.content.decode(AdmitForm.self)
            let several = (form?.themes ?? []).filter { !$0.isEmpty }
            let raw = several.isEmpty ? form?.readScope : "themes:" + several.prefix(17).joined(separator: ",")
            let scope = try raw.map { text -> ReadScope in
                guard let scope = ReadScope(text: text) else {
                    var problem = Problem.invalid("not a read scope: \(text.prefix(40))", field: "readScope")
                    problem.dutch = "Onbekende leestoegang."
                    throw problem
                }
                return scope
            }
            _ = try await commands.changeGrant(
                try IncidentRequest.grantID(req), in: id, GrantChangeInput(status: .active, until: nil, readScope: scope))
        }
    }

    func disconnect(req: Request) async throws -> Response {
        try await command(req) { commands, id in _ = try await commands.revokeGrant(try IncidentRequest.grantID(req), in: id) }
    }

    func breakGlass(req: Request) async throws -> Response {
        try await command(req) { commands, id in _ = try await commands.breakGlass(in: id, try req.decodeForm(BreakGlassInput.self)) }
    }
}
