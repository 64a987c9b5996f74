import Fluent
import KnooppuntCore
import Vapor

/// The HTML pages: login, logout, home and the language switch.
struct WebController: RouteCollection {
    func boot(routes: RoutesBuilder) throws {
        routes.get(SiteURL.login.pathComponents, use: loginForm)
        routes.post(SiteURL.login.pathComponents, use: login)
        routes.post(SiteURL.logout.pathComponents, use: logout)
        routes.get(SiteURL.home.pathComponents, use: home)
        routes.get(SiteURL.regions.pathComponents, use: regions)
        routes.get(SiteURL.language(.key).pathComponents, use: LanguageRoute.switchLanguage)
    }

    func loginForm(req: Request) async throws -> Response {
        if req.auth.has(CurrentUser.self) { return req.redirect(to: SiteURL.home.path) }
        let expired = req.storage[SessionRejectionKey.self] != nil || req.query[String.self, at: "expired"] != nil
        let next = LanguageRoute.safeLocalPath(req.query[String.self, at: "next"]) ?? SiteURL.home.path
        let page = LoginPage(
            strings: req.strings, csrfToken: req.csrfToken, next: next,
            message: expired ? req.strings.sessionExpired : nil)
        return .html(page.render())
    }

    struct LoginForm: Content {
        var username: String?
        var password: String?
        var next: String?
    }

    func login(req: Request) async throws -> Response {
        let form = try req.content.decode(LoginForm.self)
        let next = LanguageRoute.safeLocalPath(form.next) ?? SiteURL.home.path
        guard let username = form.username, let password = form.password, !username.isEmpty, !password.isEmpty else {
            return .html(
                LoginPage(strings: req.strings, csrfToken: req.csrfToken, next: next, message: req.strings.loginFailed)
                    .render(), status: .badRequest)
        }
        let issued: SessionService.Issued
        do {
            issued = try await SessionService(request: req).login(
                username: username, password: password, address: req.clientAddress, kind: .webSession)
        } catch let problem as Problem where problem.status == .unauthorized || problem.status == .tooManyRequests {
            let message = problem.status == .tooManyRequests
                ? ErrorPage.message(status: problem.status, detail: problem.detail, field: nil, language: req.strings.language)
                : req.strings.loginFailed
            return .html(
                LoginPage(strings: req.strings, csrfToken: req.csrfToken, next: next, message: message).render(),
                status: problem.status, headers: problem.headers)
        }
        let response = req.redirect(to: next, redirectType: .normal)
        let config = req.knooppunt.configuration
        response.cookies[AuthenticationMiddleware.sessionCookie] = AuthenticationMiddleware.cookie(
            issued.token, secure: config.secureCookies, maxAge: Int(config.sessionLifetime))
        return response
    }

    func logout(req: Request) async throws -> Response {
        if let user = req.auth.get(CurrentUser.self) {
            try await SessionService(request: req).revoke(tokenID: user.tokenID, by: user, event: SessionClosed.self)
        }
        let response = req.redirect(to: SiteURL.login.path, redirectType: .normal)
        response.cookies[AuthenticationMiddleware.sessionCookie] = .expired
        return response
    }

    func home(req: Request) async throws -> Response {
        guard let user = req.auth.get(CurrentUser.self) else {
            let expired = req.storage[SessionRejectionKey.self] != nil
            return req.redirect(to: expired ? SiteURL.login.url(query: ["expired": "1"]) : SiteURL.login.path)
        }
        let language = req.uiLanguage
        let now = req.knooppunt.clock.now()
        // The open incidents the access policy lets this user read: nothing else is listed or counted.
        let found = try await PictureStore(db: req.db, context: req.knooppunt).currentIncidents(
            exercise: false, region: nil, grip: nil, phase: nil, status: .open)
        let readable = try await AccessService.readable(user.subject, found, at: now, on: req.db).map(IncidentView.init)
        let ids = readable.map(\.id)
        let schedules = ids.isEmpty ? [] : try await SitRapScheduleModel.query(on: req.db).filter(\.$incidentID ~~ ids).all()
        let own = user.regionCode.flatMap(RegionCode.init)
        var rows: [HomePage.IncidentRow] = []
        for incident in readable {
            var row = HomePage.IncidentRow(
                incident: incident,
                ownRegion: own.map { incident.leadRegion == $0 || incident.involvedRegions.contains($0) } ?? false,
                sitRapDue: schedules.first { $0.incidentID == incident.id }.map { Microseconds.date($0.nextDue) })
            (row.toVerify, row.toAdmit) = try await queues(user, of: incident, now: now, on: req.db)
            if user.subject.isPartner, row.sitRapDue != nil {
                // A SitRap schedule belongs to the whole picture (decision 0027 §7).
                let scope = IncidentScope(involvedRegions: Set(incident.involvedRegions), leadRegion: incident.leadRegion, status: incident.status)
                if try await !AccessService.reader(user.subject, incident: incident.id, scope: scope, at: now, on: req.db).scope.isWhole {
                    row.sitRapDue = nil
                }
            }
            rows.append(row)
        }
        rows.sort { a, b in
            // Own region first, then the highest GRIP, then the most recently changed.
            (a.ownRegion ? 1 : 0, a.incident.grip.rawValue, a.incident.updatedAt) > (b.ownRegion ? 1 : 0, b.incident.grip.rawValue, b.incident.updatedAt)
        }
        if user.bearsAuthority { rows = try await bestuurRows(rows, for: user, now: now, on: req) }
        let alerts = user.subject.isPartner
            ? try await PartnerAccess.alerts(of: user, on: req.db).filter { $0.acknowledgedAt == nil } : []
        var page = HomePage(
            strings: req.strings, csrfToken: req.csrfToken, user: user, incidents: rows, alerts: alerts, now: now)
        if user.subject.isPartner {
            page.askable = try await askable(user, among: found, readable: Set(ids), now: now, on: req.db)
        } else {
            page.accessRequests = try await openRequests(user, among: readable, now: now, on: req.db)
        }
        if let own, user.organisationKind == .region, AccessPolicy.evaluators.contains(user.role) {
            var deadlines: [HomePage.PartnerDeadline] = []
            for entry in try await PartnerStore(db: req.db, context: req.knooppunt).all() where entry.registration.adoptionRegion == own {
                for agreement in entry.registration.agreements {
                    for deadline in agreement.deadlines(at: now) {
                        deadlines.append(.init(partner: entry.registration.organisationCode, name: entry.name, profile: agreement.profile, deadline: deadline))
                    }
                }
            }
            page.partnerDeadlines = deadlines.sorted { $0.deadline.flag.date < $1.deadline.flag.date }
        }
        if AccessPolicy.assessors.contains(user.role) {
            page.toetsingWork = Self.toetsingWork(for: user.role, in: try await PartnerStore(db: req.db, context: req.knooppunt).all(), at: now)
        }
        if let region = user.subject.regionCode, req.knooppunt.configuration.role != .national,
           RiskProfileRules.keep(user.subject, region: region, careProfile: false).allowed
            || RiskProfileRules.keep(user.subject, region: region, careProfile: true).allowed {
            let risks = try await RiskProfiles(db: req.db, context: req.knooppunt).list(region: region)
            page.riskWork = .init(region: region.rawValue, risks: risks.count, due: risks.filter(\.reviewDue),
                                  notAdopted: risks.filter { $0.adoptedBy == nil && !$0.careProfile }.count,
                                  plansToReview: try await Plans(user: user, db: req.db, context: req.knooppunt).list(region: region).filter { $0.review != .later })
        }
        let proposalRegions = MeldkamerPolicy.visibleRegions(user.subject)
        if !proposalRegions.isEmpty {
            func count(exercise: Bool) async throws -> Int {
                try await MeldkamerProposalModel.query(on: req.db).filter(\.$region ~~ proposalRegions.map(\.rawValue))
                    .filter(\.$status == ProposalStatus.open.rawValue).filter(\.$exercise == exercise).count()
            }
            let counts = (open: try await count(exercise: false), exercise: try await count(exercise: true))
            // Nothing waiting is nothing to show: the menu leads to the page.
            if counts.open + counts.exercise > 0 { page.proposals = counts }
        }
        if !user.role.isAdministrator, !user.role.isRijkOrProvince {
            let service = RiskPictures(user: user, db: req.db, context: req.knooppunt)
            for row in try await RiskPictureModel.query(on: req.db).filter(\.$status == RiskPictureStatus.open.rawValue)
                .sort(\.$expectedFrom).all() where RiskPictureRules.read(user.subject, region: row.regionCode, partners: row.partnerProfiles, shared: false).allowed {
                page.riskPictures.append(try await service.view(row))
            }
        }
        page.regionPhase = try await GovernanceWebController.ownRegionPanel(
            user, context: req.knooppunt, csrfToken: req.csrfToken, language: language, on: req.db)
        page.nationalPhase = try await GovernanceWebController.nationalPanel(
            user, context: req.knooppunt, csrfToken: req.csrfToken, language: language, on: req.db)
        return .html(page.render())
    }

    /// Where it is the toetser's turn (a toetsing under way without its advice, or a re-test near or past)
    /// or the chair's (an advice without a standpoint), decision 0027 §3.
    static func toetsingWork(for role: Role, in entries: [PartnerStore.Entry], at now: Date) -> [HomePage.ToetsingItem] {
        var items: [HomePage.ToetsingItem] = []
        for entry in entries {
            for (index, agreement) in entry.registration.agreements.enumerated() {
                let test = agreement.test
                let step: LocalizedLabel?
                switch role {
                case .toetser:
                    if test?.advice == nil, test?.standpoint == nil, [.uitvoering, .toetsing].contains(agreement.stage) {
                        step = test?.partsComplete == true
                            ? LocalizedLabel(nl: "Advies geven", en: "Give the advice")
                            : LocalizedLabel(nl: "Onderdelen vastleggen", en: "Record the parts")
                    } else if let flag = agreement.retestFlag(at: now) {
                        step = AgreementDeadline.retest(flag).label
                    } else {
                        step = nil
                    }
                case .voorzitterRegiegroep:
                    step = test?.advice != nil && test?.standpoint == nil
                        ? LocalizedLabel(nl: "Standpunt innemen op het advies", en: "Take the standpoint on the advice") : nil
                default: step = nil
                }
                if let step {
                    items.append(.init(partner: entry.registration.organisationCode, name: entry.name, profile: agreement.profile, agreement: index, step: step))
                }
            }
        }
        return items
    }

    /// For the bestuur (decision 0024): which incidents are under the user's own authority, each one's
    /// totaalbeeld and open besluitpunten as the user may read them, and its latest SitRap.
    private func bestuurRows(_ rows: [HomePage.IncidentRow], for user: CurrentUser, now: Date, on req: Request) async throws
        -> [HomePage.IncidentRow]
    {
        let under = Set((try? await IncidentCommands(req).bestuurOverview().underAuthority.map(\.incident)) ?? [])
        let records = RecordStore(db: req.db, context: req.knooppunt)
        var result: [HomePage.IncidentRow] = []
        for var row in rows {
            let incident = row.incident
            let scope = IncidentScope(involvedRegions: Set(incident.involvedRegions), leadRegion: incident.leadRegion, status: incident.status)
            let reader = try await AccessService.reader(user.subject, incident: incident.id, scope: scope, at: now, on: req.db)
            row.underAuthority = under.contains(incident.id)
            row.totaalbeeld = try await IncidentPicture.summaries(of: incident.id, at: now, reader: reader, records: records)
                .first { $0.theme == .algemeen }
            row.openPoints = try await IncidentPicture.decisionPoints(of: incident.id, at: now, reader: reader, records: records)
                .filter { $0.status == .open }
            let ceiling = reader.ceiling ?? .public
            row.latestSitRap = try await SitRapModel.query(on: req.db).filter(\.$incidentID == incident.id)
                .sort(\.$number, .descending).all()
                .first { (Classification(rawValue: $0.classification) ?? .confidential) <= ceiling }
                .map { (number: $0.number, issuedAt: Microseconds.date($0.issuedAt)) }
            result.append(row)
        }
        // Under the user's own authority first; the order within stays.
        return result.filter(\.underAuthority) + result.filter { !$0.underAuthority }
    }

    /// What waits for the user on an incident: current entries unverified and awaiting admission, for
    /// those the access policy lets verify and admit there; confidential entries are not counted.
    private func queues(_ user: CurrentUser, of incident: IncidentView, now: Date, on db: Database) async throws -> (Int, Int) {
        guard !user.subject.isPartner else { return (0, 0) }
        let scope = IncidentScope(involvedRegions: Set(incident.involvedRegions), leadRegion: incident.leadRegion, status: incident.status)
        let verify = try await AccessService.decide(user.subject, .init(action: .verifyEntry), incident: incident.id, scope: scope, at: now, on: db)
        guard verify.decision.allowed else { return (0, 0) }
        func current() -> QueryBuilder<EntryVersionModel> {
            EntryVersionModel.query(on: db).filter(\.$incidentID == incident.id).filter(\.$validTo == nil)
                .filter(\.$classification != Classification.confidential.rawValue)
        }
        let unverified = try await current().filter(\.$verification == VerificationStatus.unverified.rawValue).count()
        let awaiting = try await current().filter(\.$awaitingAdmission == true).count()
        return (unverified, awaiting)
    }

    /// Open incidents a partner may not read but may ask access to, with its own latest request for each;
    /// only the minimal facts (decision 0023).
    private func askable(_ user: CurrentUser, among found: [(IncidentModel, IncidentVersionModel)], readable: Set<UUID>, now: Date, on db: Database)
        async throws -> [HomePage.Askable]
    {
        var result: [HomePage.Askable] = []
        for (incident, version) in found {
            let id = try incident.requireID()
            guard !readable.contains(id) else { continue }
            let scope = try IncidentAccess.scope(version)
            guard try await IncidentCommands.mayAskAccess(user.subject, scope: scope, version: version, at: now, on: db) else { continue }
            let view = try IncidentView(incident, version)
            let latest = try await AccessRequestModel.query(on: db).filter(\.$incidentID == id)
                .filter(\.$organisationCode == user.organisationCode).sort(\.$requestedAt, .descending).first()
            result.append(.init(
                id: id, reference: view.reference, category: view.category, grip: view.grip, regions: view.involvedRegions,
                request: try latest.map(AccessRequestDTO.init)))
        }
        return result
    }

    /// Open access requests for the incidents whose access this user manages.
    private func openRequests(_ user: CurrentUser, among readable: [IncidentView], now: Date, on db: Database) async throws
        -> [HomePage.PendingRequest]
    {
        let ids = readable.map(\.id)
        guard !ids.isEmpty else { return [] }
        let open = try await AccessRequestModel.query(on: db).filter(\.$incidentID ~~ ids)
            .filter(\.$status == AccessRequestModel.Status.open.rawValue).sort(\.$requestedAt).all()
        var result: [HomePage.PendingRequest] = []
        for request in open {
            guard let incident = readable.first(where: { $0.id == request.incidentID }) else { continue }
            let scope = IncidentScope(involvedRegions: Set(incident.involvedRegions), leadRegion: incident.leadRegion, status: incident.status)
            let answer = try await AccessService.decide(user.subject, .init(action: .manageAccess), incident: incident.id, scope: scope, at: now, on: db)
            guard answer.decision.allowed else { continue }
            let organisation = try await OrganisationModel.query(on: db).filter(\.$code == request.organisationCode).first()?.name
            result.append(.init(request: try AccessRequestDTO(request), incident: incident, organisationName: organisation ?? request.organisationCode))
        }
        return result
    }

    /// `/regios`: the 25 regions as reference data, for every signed-in user.
    func regions(req: Request) async throws -> Response {
        let user = try IncidentWebController.webUser(req)
        let language = req.uiLanguage
        // Every region's phase for those who read phases (decision 0021); nobody else sees the column.
        let phases = RegionPhaseRules.read(user.subject).allowed ? try await RegionPhases.currentByScope(on: req.db) : nil
        let regions = try await RegionModel.query(on: req.db).sort(\.$id).all().map { model in
            let code = model.id ?? ""
            return RegionsPage.RegionRow(
                code: code, name: model.name, province: model.provinceName,
                phase: phases.map { phases in
                    (phases[code].flatMap { RegionPhase(rawValue: $0.phase) } ?? RegionPhase.unrecorded).label.text(language)
                })
        }
        let config = req.knooppunt.configuration
        let page = RegionsPage(
            strings: req.strings, csrfToken: req.csrfToken, user: user, regions: regions,
            leafletAvailable: config.leafletInstalled, tileURL: config.tileURL)
        return .html(page.render())
    }
}

/// `/lang/{nl|en}?next=/path` stores the language choice in a cookie and returns to the page.
enum LanguageRoute {
    static func link(to language: Language, returningTo path: String) -> String {
        SiteURL.language(.value(language.rawValue)).url(query: ["next": path])
    }

    @Sendable static func switchLanguage(req: Request) async throws -> Response {
        guard let language = req.parameters.get("language").flatMap(Language.init(rawValue:)) else {
            throw Problem.notFound("unknown language; choose nl or en")
        }
        let response = req.redirect(to: safeLocalPath(req.query[String.self, at: "next"]) ?? SiteURL.home.path)
        response.cookies[Request.languageCookie] = HTTPCookies.Value(
            string: language.rawValue, maxAge: 365 * 24 * 3600, path: SiteURL.home.path,
            isSecure: req.knooppunt.configuration.secureCookies, isHTTPOnly: true, sameSite: .strict)
        return response
    }

    /// A redirect target only if it is a path on this site, so links cannot send users elsewhere and
    /// nothing can break out of the `Location` header: visible ASCII only (no CR, LF, TAB, NUL, space or
    /// anything a browser strips before resolving), one leading slash, no backslash, no scheme, bounded.
    static func safeLocalPath(_ candidate: String?) -> String? {
        guard let candidate, (1...2048).contains(candidate.utf8.count),
            candidate.utf8.allSatisfy({ (0x21...0x7e).contains($0) }),
            candidate.hasPrefix("/"), !candidate.hasPrefix("//"), !candidate.contains("\\"), !candidate.contains("://")
        else { return nil }
        // Once more after percent-decoding: "/%09/host" or "/%2f%2fhost" is refused too, whatever a
        // browser or proxy on the way would make of it.
        if let decoded = candidate.removingPercentEncoding, decoded != candidate {
            guard decoded.utf8.allSatisfy({ (0x20...0x7e).contains($0) }), !decoded.hasPrefix("//"), !decoded.contains("\\"),
                  !decoded.contains("://")
            else { return nil }
        }
        return candidate
    }
}

extension Request {
    /// The client's address, for the login throttle and refusal limits. Behind a trusted proxy it is
    /// the right-most `X-Forwarded-For` entry that is not itself a trusted proxy; otherwise the
    /// connection's peer (the header is then ignored: anyone can write it).
    var clientAddress: String {
        let peer = remoteAddress?.ipAddress ?? "unknown"
        return Self.clientAddress(peer: peer, forwardedFor: headers[.xForwardedFor],
                                  trusted: application.knooppunt.configuration.trustedProxies)
    }

    static func clientAddress(peer: String, forwardedFor: [String], trusted: Set<String>) -> String {
        guard trusted.contains(peer) else { return peer }
        let hops = forwardedFor.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }
        for hop in hops.reversed() where !trusted.contains(hop) {
            return KnooppuntConfiguration.isIPAddress(hop) ? hop : peer
        }
        return peer
    }
}
