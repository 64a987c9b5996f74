import Fluent
import Foundation
import KnooppuntCore
import Vapor

/// Where an incident's Interregionaal Beleidsteam is kept (C07, decision 0021): the team (one per
/// incident; its members are the voorzitters of the involved regions as they stand), its joint decisions
/// and its alignments with the Rijk. Every change is journaled on the incident. The use cases are
/// `IncidentCommands+IRBT`.
enum IRBTStore {
    /// A joint decision or an alignment, as recorded.
    struct Entry: Sendable {
        /// decision or alignment.
        let kind: String
        let text: String
        let at: Date
        let agreed: [RegionCode]?
        let counterpart: String?
    }

    static func view(_ target: AuthorisedIncident, on db: Database) async throws -> IRBTView {
        let id = try target.incident.requireID()
        let state = try PictureStore.decodeState(target.version)
        let team = try await IRBTModel.query(on: db).filter(\.$incidentID == id).first()
        let records = try await IRBTRecordModel.query(on: db).filter(\.$incidentID == id).sort(\.$at).sort(\.$recordedAt).all()
        return IRBTView(state: state, team: team, records: records, regionNames: try await regionNames(on: db))
    }

    static func regionNames(on db: Database) async throws -> [String: String] {
        Dictionary(try await RegionModel.query(on: db).all().compactMap { model in model.id.map { ($0, model.name) } },
                   uniquingKeysWith: { first, _ in first })
    }

    static func requireTeam(_ id: UUID, on db: Database) async throws -> IRBTModel {
        guard let team = try await IRBTModel.query(on: db).filter(\.$incidentID == id).first() else {
            throw Problem.conflict("this incident has no IRBT yet; form it first (POST /api/v1/incidents/\(id)/irbt)")
        }
        return team
    }

    /// Records a decision or alignment of the incident's IRBT, with the event `event` makes of its id.
    static func record<Event: JournalEvent>(
        _ entry: Entry, in id: UUID, by user: CurrentUser, at now: Date, context: KnooppuntContext, on db: Database,
        event: @escaping @Sendable (UUID) -> Event
    ) async throws {
        let recordedAt = Microseconds.from(now)
        try await context.write(on: db) { db in
            _ = try await requireTeam(id, on: db)
            let row = IRBTRecordModel()
            let recordID = NewID.next()
            row.id = recordID
            row.incidentID = id
            row.kind = entry.kind
            row.text = entry.text
            row.at = Microseconds.from(entry.at)
            row.agreedRegions = entry.agreed.map { "," + $0.map(\.rawValue).joined(separator: ",") + "," }
            row.counterpart = entry.counterpart
            row.recordedAt = recordedAt
            row.recordedBy = user.username
            row.recordedByName = user.displayName
            row.recordedByOrganisation = user.organisationCode
            try await row.create(on: db)
            try await Journal.append(event(recordID), on: db, actor: user.username, organisation: user.organisationCode, incident: id)
        }
    }

    static func insertTeam(
        incident id: UUID, state: IncidentState, origin: IRBTRules.Origin, chosen: RegionCode?, at: Int64, actor: String,
        organisation: String, on db: Database
    ) async throws {
        let team = IRBTModel()
        team.id = NewID.next()
        team.incidentID = id
        team.origin = origin.rawValue
        team.formedAt = at
        team.formedBy = actor
        team.formedByOrganisation = organisation
        team.coordinatingRegion = chosen?.rawValue
        try await team.create(on: db)
        let coordinating = IRBTRules.coordinator(chosen: chosen, involvedRegions: state.involvedRegions, leadRegion: state.leadRegion)
        try await Journal.append(
            IRBTFormed(incident: id, origin: origin, regions: state.involvedRegions, coordinatingRegion: coordinating), on: db,
            actor: actor, organisation: organisation, incident: id)
    }

    /// GRIP 5 implies an IRBT: the version that reaches it forms the team in the same write, journaled.
    struct Reactor: JournalReactor {
        func subscribe(to journal: inout JournalReactions) {
            journal.on([IncidentCreated.self, IncidentUpdated.self]) { change, reaction in
                guard IRBTRules.formsAutomatically(change.state),
                      try await IRBTModel.query(on: reaction.db).filter(\.$incidentID == change.incident).first() == nil
                else { return }
                let at = try await PictureStore.incidentVersion(change.incident, number: change.version, on: reaction.db).validFrom
                try await IRBTStore.insertTeam(
                    incident: change.incident, state: change.state, origin: .grip5, chosen: nil, at: at, actor: reaction.record.actor,
                    organisation: reaction.record.organisation, on: reaction.db)
            }
        }
    }
}

/// The IRBT of an incident as the API and the incident page show it.
struct IRBTView: Content {
    struct Member: Content {
        var office: String
        var region: RegionCode
        /// "de voorzitter van Amsterdam-Amstelland".
        var name: AuthorityView.LabelText
        var coordinating: Bool
    }

    struct Decision: Content {
        var id: UUID
        var text: String
        var decidedAt: Date
        var agreedRegions: [RegionCode]
        /// Every member's voorzitter agreed.
        var allAgreed: Bool
        var recordedBy: String
        var recordedByName: String
        var recordedByOrganisation: String
        var recordedAt: Date
    }

    struct Alignment: Content {
        var id: UUID
        var text: String
        var with: String
        var at: Date
        var recordedBy: String
        var recordedByName: String
        var recordedByOrganisation: String
        var recordedAt: Date
    }

    var formed: Bool
    /// Two or more regions are involved: an IRBT can be formed, or stands.
    var possible: Bool
    var origin: IRBTRules.Origin?
    var formedAt: Date?
    var formedBy: String?
    var coordinatingRegion: RegionCode?
    /// The voorzitters of the involved regions (those who would sit in it while it is not formed).
    var members: [Member]
    var decisions: [Decision]
    var alignments: [Alignment]

    init(state: IncidentState, team: IRBTModel?, records: [IRBTRecordModel], regionNames: [String: String]) {
        formed = team != nil
        possible = Set(state.involvedRegions).count >= 2
        origin = team.flatMap { IRBTRules.Origin(rawValue: $0.origin) }
        formedAt = team.map { Microseconds.date($0.formedAt) }
        formedBy = team?.formedBy
        let chosen = team?.coordinatingRegion.flatMap(RegionCode.init)
        let members = IRBTRules.members(involvedRegions: state.involvedRegions, leadRegion: state.leadRegion, chosen: chosen)
        coordinatingRegion = team == nil ? nil : members.first(where: \.coordinating)?.region
        self.members = members.map { member in
            let name = regionNames[member.region.rawValue] ?? member.region.rawValue
            return Member(
                office: "voorzitter", region: member.region,
                name: .init(nl: "de voorzitter van \(name)", en: "the chair of \(name)"), coordinating: member.coordinating)
        }
        let involved = Set(state.involvedRegions)
        decisions = records.filter { $0.kind == "decision" }.compactMap { row in
            guard let id = row.id else { return nil }
            let agreed = (row.agreedRegions ?? "").split(separator: ",").compactMap { RegionCode(String($0)) }
            return Decision(
                id: id, text: row.text, decidedAt: Microseconds.date(row.at), agreedRegions: agreed,
                allAgreed: involved.isSubset(of: Set(agreed)), recordedBy: row.recordedBy, recordedByName: row.recordedByName,
                recordedByOrganisation: row.recordedByOrganisation, recordedAt: Microseconds.date(row.recordedAt))
        }
        alignments = records.filter { $0.kind == "alignment" }.compactMap { row in
            guard let id = row.id else { return nil }
            return Alignment(
                id: id, text: row.text, with: row.counterpart ?? "", at: Microseconds.date(row.at), recordedBy: row.recordedBy,
                recordedByName: row.recordedByName, recordedByOrganisation: row.recordedByOrganisation,
                recordedAt: Microseconds.date(row.recordedAt))
        }
    }
}

/// `/api/v1/incidents/{id}/irbt`: read it, form it, choose the coördinerend voorzitter, record joint
/// decisions and alignments with the Rijk.
struct IRBTController: RouteCollection {
    func boot(routes: RoutesBuilder) throws {
        let irbt = routes.grouped("incidents", ":incident", "irbt")
        irbt.get(use: show)
        irbt.post(use: form)
        irbt.put("coordinator", use: coordinator)
        irbt.post("decisions", use: decision)
        irbt.post("alignments", use: alignment)
    }

    func show(req: Request) async throws -> IRBTView {
        try await IncidentCommands(req).irbt(try IncidentRequest.incidentID(req))
    }

    func form(req: Request) async throws -> Response {
        let view = try await IncidentCommands(req).formIRBT(
            try IncidentRequest.incidentID(req), try req.decodeStrict(IncidentCommands.IRBTFormInput.self))
        return try await view.encodeResponse(status: .created, for: req)
    }

    func coordinator(req: Request) async throws -> IRBTView {
        try await IncidentCommands(req).setIRBTCoordinator(
            try IncidentRequest.incidentID(req), try req.decodeStrict(IncidentCommands.IRBTCoordinatorInput.self))
    }

    func decision(req: Request) async throws -> Response {
        let view = try await IncidentCommands(req).recordIRBTDecision(
            try IncidentRequest.incidentID(req), try req.decodeStrict(IncidentCommands.IRBTDecisionInput.self))
        return try await view.encodeResponse(status: .created, for: req)
    }

    func alignment(req: Request) async throws -> Response {
        let view = try await IncidentCommands(req).recordIRBTAlignment(
            try IncidentRequest.incidentID(req), try req.decodeStrict(IncidentCommands.IRBTAlignmentInput.self))
        return try await view.encodeResponse(status: .created, for: req)
    }
}
