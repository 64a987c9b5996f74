import Fluent
import Foundation
import KnooppuntCore
import Vapor

/// `/api/v1/meldkamer…` (issue 20, decision 0034): the intake, the proposals, their live stream, the
/// briefing back to the meldkamer, and the IM taking an incident's meldkamer theme over.
struct MeldkamerController: RouteCollection {
    func boot(routes: RoutesBuilder) throws {
        let meldkamer = routes.grouped("meldkamer")
        meldkamer.on(.POST, "messages", body: .collect(maxSize: "1mb"), use: intake)
        meldkamer.get("messages", use: messages)
        meldkamer.get("proposals", use: proposals)
        meldkamer.get("proposals", ":proposal", use: proposal)
        meldkamer.post("proposals", ":proposal", "promote", use: promote)
        meldkamer.post("proposals", ":proposal", "dismiss", use: dismiss)
        meldkamer.post("proposals", ":proposal", "merge", use: merge)
        meldkamer.post("proposals", ":proposal", "split", use: split)
        meldkamer.get("stream", use: stream)
        meldkamer.get("replay", use: replayStatus)
        meldkamer.post("replay", use: startReplay)
        meldkamer.post("replay", "stop", use: stopReplay)
        meldkamer.get("incidents", ":incident", "briefing", use: briefing)
        routes.post("incidents", ":incident", "meldkamer", "takeover", use: takeOver)
    }

    static func service(_ req: Request, _ user: CurrentUser) -> MeldkamerProposals {
        MeldkamerProposals(db: req.db, context: req.knooppunt, user: user, language: req.uiLanguage)
    }

    func intake(req: Request) async throws -> Response {
        let user = try req.requireUserExplaining()
        let decision = MeldkamerPolicy.mayIntake(user.subject)
        guard decision.allowed else { throw Problem.forbidden(decision.reason) }
        guard let buffer = req.body.data, buffer.readableBytes > 0 else {
            throw Problem.badRequest("the body is empty; send a JSON message, a JSON array of messages, or P2000 lines as text/plain")
        }
        let data = Data(buffer.readableBytesView)
        let inputs: [MeldkamerIntake.MessageInput]
        // Media types are case-insensitive (RFC 9110 §8.3.1).
        switch (req.headers.contentType?.type.lowercased(), req.headers.contentType?.subType.lowercased()) {
        case ("text", "plain"):
            guard let text = String(data: data, encoding: .utf8) else { throw Problem.badRequest("the text is not UTF-8") }
            inputs = MeldkamerIntake.inputs(plainText: text)
        case ("application", "json"):
            inputs = try MeldkamerIntake.inputs(json: data)
        default:
            throw Problem(
                status: .unsupportedMediaType,
                detail: "send application/json (a message or an array of messages) or text/plain (one P2000 line per line)")
        }
        let intake = MeldkamerIntake(db: req.db, context: req.knooppunt)
        let result = try await intake.take(
            try intake.check(inputs), meldkamer: user.organisationCode,
            by: .init(username: user.username, organisation: user.organisationCode), threadPool: req.application.threadPool)
        return try await result.encodeResponse(status: result.stored > 0 ? .created : .ok, for: req)
    }

    /// The meldkamer's own messages that formed no proposal (unreadable, announcements, no region), newest
    /// first: so a CaCo sees what the intake could not place.
    func messages(req: Request) async throws -> [MeldkamerProposals.MessageDTO] {
        let user = try req.requireUserExplaining()
        guard user.organisationKind == .meldkamer, user.role == .calamiteitencoordinator else {
            throw Problem.forbidden("the messages a meldkamer sent are read by its calamiteitencoördinator")
        }
        return try await MeldkamerProposals.unplaced(meldkamer: user.organisationCode, limit: 200, on: req.db)
    }

    func proposals(req: Request) async throws -> MeldkamerProposals.ListDTO {
        let user = try req.requireUserExplaining()
        let status = try req.query[String.self, at: "status"].map { raw in
            guard let status = ProposalStatus(rawValue: raw) else {
                throw Problem.invalid("status must be open, promoted, dismissed or merged", field: "status")
            }
            return status
        }
        let region = try req.query[String.self, at: "region"].map { raw in
            guard let region = RegionCode(raw) else { throw Problem.invalid("region must be VR01 to VR25", field: "region") }
            return region
        }
        let exercise = try req.query[String.self, at: "exercise"].map { raw in
            guard raw == "true" || raw == "false" else { throw Problem.invalid("exercise must be true or false", field: "exercise") }
            return raw == "true"
        }
        return try await Self.service(req, user).list(status: status, region: region, exercise: exercise)
    }

    func proposal(req: Request) async throws -> MeldkamerProposals.ProposalDTO {
        let user = try req.requireUserExplaining()
        return try await Self.service(req, user).detail(try req.pathID("proposal"))
    }

    func promote(req: Request) async throws -> Response {
        let user = try req.requireUserExplaining()
        let promoted = try await Self.service(req, user).promote(
            try req.pathID("proposal"), try req.decodeStrict(MeldkamerProposals.PromoteInput.self))
        return try await promoted.encodeResponse(status: .created, for: req)
    }

    func dismiss(req: Request) async throws -> MeldkamerProposals.ProposalDTO {
        let user = try req.requireUserExplaining()
        return try await Self.service(req, user).dismiss(
            try req.pathID("proposal"), try req.decodeStrict(MeldkamerProposals.DismissInput.self))
    }

    func merge(req: Request) async throws -> MeldkamerProposals.ProposalDTO {
        let user = try req.requireUserExplaining()
        return try await Self.service(req, user).merge(
            try req.pathID("proposal"), try req.decodeStrict(MeldkamerProposals.MergeInput.self))
    }

    func split(req: Request) async throws -> [MeldkamerProposals.ProposalDTO] {
        let user = try req.requireUserExplaining()
        return try await Self.service(req, user).split(
            try req.pathID("proposal"), try req.decodeStrict(MeldkamerProposals.SplitInput.self))
    }

    /// Server-Sent Events: that messages came in or a proposal was handled in a region the reader sees.
    func stream(req: Request) async throws -> Response {
        let user = try req.requireUserExplaining()
        let regions = MeldkamerPolicy.visibleRegions(user.subject)
        guard !regions.isEmpty else {
            throw Problem.forbidden(
                "incident proposals are seen by the calamiteitencoördinator of the meldkamer and the region's IM, HIN, AC and operational leader")
        }
        let clock = req.knooppunt.clock
        return LiveSelection(subject: user.subject, scope: .meldkamer(regions: regions), credential: user.tokenID, now: { clock.now() })
            .response(for: req)
    }

    struct ReplayInput: StrictDecodable {
        /// 1 is the original pace; at most 100,000× faster.
        var speed: Double
        /// Only the first this many messages (all 297 by default).
        var limit: Int?
        enum CodingKeys: String, CodingKey, CaseIterable { case speed, limit }
    }

    private func replayer(_ req: Request) throws -> CurrentUser {
        let user = try req.requireUserExplaining()
        let decision = MeldkamerPolicy.mayIntake(user.subject)
        guard decision.allowed else { throw Problem.forbidden("a replay is sent as a meldkamer's messages: \(decision.reason)") }
        return user
    }

    func replayStatus(req: Request) async throws -> Response {
        let user = try replayer(req)
        guard let status = await req.knooppunt.replays.status(user.organisationCode) else { return Response(status: .noContent) }
        return try await status.encodeResponse(for: req)
    }

    /// Starts a replay of the bundled Amsterdam New Year's Eve set as exercise messages of the caller's meldkamer.
    func startReplay(req: Request) async throws -> Response {
        let user = try replayer(req)
        let status = try await Self.startReplay(try req.decodeStrict(ReplayInput.self), user: user, req: req)
        return try await status.encodeResponse(status: .accepted, for: req)
    }

    static func startReplay(_ input: ReplayInput, user: CurrentUser, req: Request) async throws -> MeldkamerReplays.Status {
        guard input.speed.isFinite, (1...100_000).contains(input.speed) else {
            throw Problem.invalid("speed must be 1 (the original pace) to 100000", field: "speed")
        }
        var messages = try MeldkamerReplays.bundledSet()
        if let limit = input.limit {
            guard (1...messages.count).contains(limit) else { throw Problem.invalid("limit must be 1 to \(messages.count)", field: "limit") }
            messages = Array(messages.prefix(limit))
        }
        return try await req.knooppunt.replays.start(
            messages, speed: input.speed, meldkamer: user.organisationCode,
            by: .init(username: user.username, organisation: user.organisationCode), app: req.application)
    }

    func stopReplay(req: Request) async throws -> Response {
        let user = try replayer(req)
        guard let status = await req.knooppunt.replays.stop(user.organisationCode) else {
            throw Problem.notFound("no replay was started for \(user.organisationCode)")
        }
        return try await status.encodeResponse(for: req)
    }

    struct PlotBrief: Content {
        var kind: String
        var symbol: String?
        var label: String?
        /// GeoJSON geometry.
        var geometry: String
    }

    struct BriefingDTO: Content {
        var incident: UUID
        var reference: String
        var title: String
        var grip: Int
        var location: String?
        /// The incident's plots the reader may see.
        var plots: [PlotBrief]
        /// Objects and functions of the dependency model in the incident's area that the reader may see:
        /// what risk management and preparation know is there.
        var inArea: [IncidentCascades.Candidate]
        /// What may follow from what lies in the area (Wat kan volgen), on the reader's view.
        var whatFollows: DependencyStore.CascadeDTO
    }

    /// «De veiligheidsregio, politie en ambulancediensten kunnen de meldkamer op hun beurt voorzien van informatie
    /// die voortkomt uit processen van risicobeheersing en operationele voorbereiding» (000:L454-457): for an
    /// incident the reader may read, what the region knows of its area.
    func briefing(req: Request) async throws -> BriefingDTO {
        let user = try req.requireUserExplaining()
        let id = try IncidentRequest.incidentID(req)
        let target = try await IncidentAccess.authorise(user.subject, incident: id, .read, on: req.db, at: req.knooppunt.clock.now())
        let state = try PictureStore.decodeState(target.version)
        let plots = try await IncidentPicture.visiblePlots(
            target.incident, scope: target.scope, at: req.knooppunt.clock.now(), user: user, context: req.knooppunt, on: req.db)
        let cascade = try await IncidentCascades(db: req.db, context: req.knooppunt, user: user, language: req.uiLanguage)
            .compute(id, failing: nil)
        return BriefingDTO(
            incident: id, reference: target.incident.reference, title: state.title, grip: state.grip.rawValue,
            location: state.location,
            plots: plots.map { PlotBrief(kind: $0.kind, symbol: $0.symbol, label: $0.label, geometry: $0.geometry) },
            inArea: cascade.candidates.filter(\.inArea), whatFollows: cascade.cascade)
    }

    struct TakeOverInput: StrictDecodable {
        /// The incident version the IM saw.
        var version: Int
        enum CodingKeys: String, CodingKey, CaseIterable { case version }
    }

    struct TakeOverDTO: Content {
        var incident: UUID
        var version: Int
        var meldkamer: String
    }

    func takeOver(req: Request) async throws -> TakeOverDTO {
        let user = try req.requireUserExplaining()
        let id = try IncidentRequest.incidentID(req)
        // Reading the incident is the first gate, so a stranger learns nothing of it.
        _ = try await IncidentAccess.authorise(user.subject, incident: id, .read, on: req.db, at: req.knooppunt.clock.now())
        let input = try req.decodeStrict(TakeOverInput.self)
        let next = try await MeldkamerProposals.takeOver(id, version: input.version, user: user, db: req.db, context: req.knooppunt)
        let state = try PictureStore.decodeState(next)
        return TakeOverDTO(incident: id, version: next.version, meldkamer: state.meldkamer?.meldkamer ?? "")
    }
}
