import Fluent
import Foundation
import KnooppuntCore
import Vapor

/// The phase of each region, and of the national level, towards a threat: koud, lauw or warm
/// (decision 0021). Set with a reason by the region's staff (the national phase by the national node's
/// KCR2 analyst), journaled, kept with its history; a regional node sends its region's settings to the
/// national node, which shows every region's phase on the national picture.
enum RegionPhases {
    static let messageKind = "region-phase"

    struct PhaseInput: StrictDecodable {
        var phase: RegionPhase
        var reason: String
        enum CodingKeys: String, CodingKey, CaseIterable { case phase, reason }
    }

    /// One setting, as the API and the pages show it.
    struct SettingDTO: Content, Equatable {
        var phase: RegionPhase
        var reason: String
        var setAt: Date
        var setBy: String
        /// The person's name, as people read it.
        var setByName: String
        var setByOrganisation: String
        /// On the national node: the regional node it came from.
        var sourceNode: String?

        init(_ row: RegionPhaseModel) {
            phase = RegionPhase(rawValue: row.phase) ?? RegionPhase.unrecorded
            reason = row.reason
            setAt = Microseconds.date(row.setAt)
            setBy = row.setBy
            setByName = row.setByName
            setByOrganisation = row.setByOrganisation
            sourceNode = row.sourceNode
        }
    }

    /// A region's or the national level's phase now, with its history (newest first).
    struct PhaseDTO: Content {
        /// "VR13", or "national".
        var scope: String
        /// The region's name, or "Landelijk niveau".
        var name: String
        var phase: RegionPhase
        /// False while nothing was ever recorded: the phase then reads as koud.
        var recorded: Bool
        var current: SettingDTO?
        var history: [SettingDTO]
    }

    /// What a federation message carries: one setting made on the sending regional node.
    struct Message: Codable, Sendable {
        var scope: PhaseScope
        var setting: SettingDTO
    }

    // MARK: Reading

    /// The newest setting per scope.
    static func currentByScope(on db: Database) async throws -> [String: RegionPhaseModel] {
        var newest: [String: RegionPhaseModel] = [:]
        for row in try await RegionPhaseModel.query(on: db).sort(\.$setAt).all() { newest[row.scope] = row }
        return newest
    }

    static func current(_ scope: PhaseScope, on db: Database) async throws -> RegionPhaseModel? {
        try await RegionPhaseModel.query(on: db).filter(\.$scope == scope.rawValue).sort(\.$setAt, .descending).first()
    }

    /// The phase of `scope` for someone the rules let read it.
    static func view(_ scope: PhaseScope, on db: Database) async throws -> PhaseDTO {
        let rows = try await RegionPhaseModel.query(on: db).filter(\.$scope == scope.rawValue).sort(\.$setAt, .descending).all()
        let settings = rows.map(SettingDTO.init)
        return PhaseDTO(
            scope: scope.rawValue, name: try await name(of: scope, on: db), phase: settings.first?.phase ?? RegionPhase.unrecorded,
            recorded: !settings.isEmpty, current: settings.first, history: settings)
    }

    static func name(of scope: PhaseScope, on db: Database) async throws -> String {
        switch scope {
        case .region(let region): try await RegionModel.find(region.rawValue, on: db)?.name ?? region.rawValue
        case .national: "Landelijk niveau"
        }
    }

    static func requireReader(_ user: CurrentUser) throws {
        let decision = RegionPhaseRules.read(user.subject)
        guard decision.allowed else { throw Problem.forbidden(decision.reason) }
    }

    // MARK: Setting

    /// Records a new phase for `scope`, with its reason, if the rules let `user` set it.
    static func set(_ scope: PhaseScope, _ input: @autoclosure () throws -> PhaseInput, by user: CurrentUser, context: KnooppuntContext,
                    on db: Database) async throws -> PhaseDTO {
        let decision = RegionPhaseRules.set(user.subject, scope)
        guard decision.allowed else { throw Problem.forbidden(decision.reason) }
        if scope == .national, case .region = context.configuration.role {
            throw Problem.notFound("the national phase is kept on the national node, not on a regional node")
        }
        let input = try input()
        let at = Microseconds.from(context.clock.now())
        try await context.write(on: db) { db in
            try await record(scope, input.phase, reason: input.reason, by: user, at: at, on: db)
        }
        return try await view(scope, on: db)
    }

    /// Inside the caller's write: the new phase of `scope`, checked and journaled (the caller checked who).
    static func record(_ scope: PhaseScope, _ phase: RegionPhase, reason: String, by user: CurrentUser, at: Int64, on db: Database) async throws {
        let previous = try await current(scope, on: db)
        let before = previous.flatMap { RegionPhase(rawValue: $0.phase) }
        let reason = try IncidentRequest.checked { () throws(PictureRuleViolation) in
            try RegionPhaseRules.validate(phase, reason: reason, current: before ?? RegionPhase.unrecorded)
        }
        let row = RegionPhaseModel()
        row.id = NewID.next()
        row.scope = scope.rawValue
        row.phase = phase.rawValue
        row.reason = reason
        row.setAt = max(at, (previous?.setAt ?? 0) + 1)
        row.setBy = user.username
        row.setByName = user.displayName
        row.setByOrganisation = user.organisationCode
        try await row.create(on: db)
        try await Journal.append(
            RegionPhaseChanged(scope: scope, phase: phase, previous: before, reason: reason), on: db,
            actor: user.username, organisation: user.organisationCode)
    }

    // MARK: Federation

    /// On a regional node: its own region's new phase goes to the national node in the same write.
    struct Reactor: JournalReactor {
        func subscribe(to journal: inout JournalReactions) {
            journal.on(RegionPhaseChanged.self) { change, reaction in
                guard case .region(let own) = reaction.context.configuration.role, change.scope == own.rawValue,
                      let row = try await RegionPhases.current(.region(own), on: reaction.db)
                else { return }
                let message = Message(scope: .region(own), setting: SettingDTO(row))
                let body = Data(try CanonicalJSON.encode(message).utf8)
                for peer in try await NationalSharing.nationalPeers(reaction.context, on: reaction.db) {
                    _ = try await FederationOutbox.enqueue(kind: messageKind, body: body, to: peer.name, on: reaction.db, at: message.setting.setAt)
                }
            }
        }
    }

    /// On the national node, inside the inbox transaction: keeps the setting for the sending node's own
    /// region only (a regional node is named after its region, decision 0012).
    static func apply(_ body: Data, from node: String, at: Int64, on db: Database) async throws {
        let message = try CanonicalJSON.decode(Message.self, from: String(decoding: body, as: UTF8.self))
        guard case .region(let region) = message.scope, region.rawValue.lowercased() == node else {
            try await FederationRefusals.journal(node: node, kind: messageKind, reason: "node '\(node)' sent the phase of \(message.scope); a node reports its own region's phase only", on: db)
            return
        }
        let setting = message.setting
        let row = RegionPhaseModel()
        row.id = NewID.next()
        row.scope = message.scope.rawValue
        row.phase = setting.phase.rawValue
        row.reason = String(setting.reason.prefix(1000))
        row.setAt = Microseconds.from(setting.setAt)
        row.setBy = String(setting.setBy.prefix(100))
        row.setByName = String(setting.setByName.prefix(200))
        row.setByOrganisation = String(setting.setByOrganisation.prefix(40))
        row.sourceNode = node
        try await row.create(on: db)
    }
}

/// `GET/PUT /api/v1/regions/{code}/phase` and `GET/PUT /api/v1/national/phase`.
struct RegionPhaseController: RouteCollection {
    func boot(routes: RoutesBuilder) throws {
        routes.get("regions", ":code", "phase", use: regionPhase)
        routes.put("regions", ":code", "phase", use: setRegionPhase)
        routes.get("national", "phase", use: nationalPhase)
        routes.put("national", "phase", use: setNationalPhase)
    }

    static func scope(_ req: Request) throws -> PhaseScope { .region(try region(req)) }

    /// The region a path names at `:code`; 404 when there is none.
    static func region(_ req: Request) throws -> RegionCode {
        guard let code = req.parameters.get("code"), let region = RegionCode(code) else {
            throw Problem.notFound("no region with that code; use VR01 to VR25")
        }
        return region
    }

    func regionPhase(req: Request) async throws -> RegionPhases.PhaseDTO {
        let user = try req.requireUserExplaining()
        let scope = try Self.scope(req)
        try RegionPhases.requireReader(user)
        return try await RegionPhases.view(scope, on: req.db)
    }

    func setRegionPhase(req: Request) async throws -> RegionPhases.PhaseDTO {
        let user = try req.requireUserExplaining()
        return try await RegionPhases.set(
            try Self.scope(req), try req.decodeStrict(RegionPhases.PhaseInput.self), by: user, context: req.knooppunt, on: req.db)
    }

    func nationalPhase(req: Request) async throws -> RegionPhases.PhaseDTO {
        let user = try req.requireUserExplaining()
        try RegionPhases.requireReader(user)
        return try await RegionPhases.view(.national, on: req.db)
    }

    func setNationalPhase(req: Request) async throws -> RegionPhases.PhaseDTO {
        let user = try req.requireUserExplaining()
        return try await RegionPhases.set(
            .national, try req.decodeStrict(RegionPhases.PhaseInput.self), by: user, context: req.knooppunt, on: req.db)
    }
}
