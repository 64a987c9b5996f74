import Fluent
import Foundation
import KnooppuntCore
import Vapor

/// The aanwijzingen register (decision 0020): the minister of JenV gives and withdraws aanwijzingen on
/// the national node; each goes over the signed federation to the addressed regions' nodes, where the
/// voorzitter acknowledges it and the acknowledgement comes back. Every write is journaled.
extension GovernanceCommands {
    var isNational: Bool { context.configuration.role == .national }

    /// The national node's staff and the Rijk and province read the register; on a regional node the
    /// region's crisis organisation reads what it received. Partners, liaisons, administrators and
    /// emergency accounts do not: an aanwijzing is the bestuur's business.
    func requireAanwijzingReader() throws {
        let staff = switch user.organisationKind {
        case .nationalNode: isNational
        case .region: !isNational && !user.role.worksForPartner
        default: false
        }
        guard (staff || user.role.isRijkOrProvince), !user.role.isAdministrator, !user.role.isEmergencyAccount else {
            throw Problem.forbidden("aanwijzingen are read by the bestuur and the crisis organisation they concern")
        }
    }

    /// A commissaris van de Koning reads those addressed to a region of their province.
    private func visibleAanwijzing(_ row: AanwijzingModel) -> Bool {
        guard user.role == .commissarisVanDeKoning else { return true }
        return !Set(row.addresseeRegions).isDisjoint(with: user.overseenRegions)
    }

    func aanwijzingen() async throws -> [AanwijzingView] {
        try requireAanwijzingReader()
        let query = AanwijzingModel.query(on: db).sort(\.$givenAt, .descending)
        let rows = try await (isNational ? query.filter(\.$origin == AanwijzingModel.given) : query.filter(\.$origin != AanwijzingModel.given)).all()
        return try await aanwijzingViews(rows.filter(visibleAanwijzing))
    }

    func aanwijzing(_ id: UUID) async throws -> AanwijzingView {
        try await aanwijzingViews([try await findAanwijzing(id)])[0]
    }

    /// The aanwijzingen about an incident of this node (received ones), for its page; none for a reader
    /// of the incident who does not read aanwijzingen.
    func aanwijzingen(concerning incident: UUID) async throws -> [AanwijzingView] {
        guard (try? requireReader()) != nil else { return [] }
        return try await aanwijzingViews(try await Aanwijzingen.concerning(incident, on: db).filter(visibleAanwijzing))
    }

    private func findAanwijzing(_ id: UUID) async throws -> AanwijzingModel {
        try requireAanwijzingReader()
        guard let row = try await AanwijzingModel.find(id, on: db), (row.origin == AanwijzingModel.given) == isNational, visibleAanwijzing(row) else {
            throw Problem.notFound("no aanwijzing \(id) on this node")
        }
        return row
    }


    // MARK: Giving and withdrawing (national node)

    /// What the register's form offers the minister (decision 0020): the open incidents of the national
    /// picture, the voorzitters of the regions and the commissarissen van de Koning of their provinces to
    /// consult. Nil for anyone who may not give an aanwijzing, or on a regional node.
    func aanwijzingFormChoices() async throws -> AanwijzingenPage.GiveChoices? {
        guard isNational, (try? await requireMinister()) != nil else { return nil }
        let names = try await GovernanceDirectory.Names.load(gemeenten: [], on: db)
        let incidents = try await NationalIncidentModel.query(on: db).filter(\.$status == IncidentStatus.open.rawValue)
            .sort(\.$reference).all().map { row in
                let title = (try? CanonicalJSON.decode(IncidentSummary.self, from: row.summary))?.title ?? ""
                return (value: "\(row.sourceNode)/\(row.sourceIncident.uuidString)", label: "\(row.reference) \(title) (\(row.sourceNode))")
            }
        let regions = try await RegionModel.query(on: db).sort(\.$id).all()
        let provinces = Set(regions.compactMap { ProvinceCode($0.provinceCode) }).sorted()
        let offices = RegionCode.all.map { AuthorityOffice.voorzitter(region: $0) } + provinces.map { AuthorityOffice.commissarisVanDeKoning(province: $0) }
        return AanwijzingenPage.GiveChoices(
            incidents: incidents, consulted: offices.map { (value: $0.code, label: names.callName($0.label).nl) })
    }

    /// The minister in person (`AanwijzingRules.refusal`).
    private func requireMinister() async throws {
        try RegionalNodes.requireNational(context)
        let actor = try await GovernanceDirectory.actor(for: user, on: db, at: now)
        if let refusal = AanwijzingRules.refusal(actor) { throw Problem.forbidden(refusal.en) }
    }

    func giveAanwijzing(_ input: GiveAanwijzingInput) async throws -> AanwijzingView {
        try await requireMinister()
        let at = now
        let validFrom = input.validFrom ?? at
        guard validFrom >= at.addingTimeInterval(-300) else {
            throw Problem.invalid("'validFrom' lies in the past: an aanwijzing binds from when it is given", field: "validFrom")
        }
        let (incidents, facts) = try await concernedIncidents(input.incidents ?? [])
        let draft = AanwijzingDraft(
            kind: input.kind, addressees: input.addressees, incidents: facts, matters: input.matters ?? [], direction: input.direction,
            legalBasis: input.legalBasis, justification: input.justification,
            consultation: (input.consultation ?? []).map { .init(party: $0.party.office, at: $0.at, outcome: $0.outcome) },
            urgency: input.urgency, validFrom: max(validFrom, at), validUntil: input.validUntil,
            provinces: try await provinces(of: input.addressees))
        try IncidentRequest.checked { () throws(PictureRuleViolation) in try AanwijzingRules.validate(draft, at: at) }
        let peers = try await RegionalNodes.peers(for: draft.addressees, field: "addressees", on: db)
        let row = AanwijzingModel()
        row.origin = AanwijzingModel.given
        row.kind = draft.kind.rawValue
        row.addressees = Set(draft.addressees).sorted().map(\.rawValue).joined(separator: ",")
        row.incidents = try CanonicalJSON.encode(incidents)
        row.matters = draft.matters.sorted().map(\.rawValue).joined(separator: ",")
        row.direction = draft.direction.trimmingCharacters(in: .whitespacesAndNewlines)
        row.legalBasis = draft.legalBasis.trimmingCharacters(in: .whitespacesAndNewlines)
        row.justification = draft.justification.trimmingCharacters(in: .whitespacesAndNewlines)
        row.consultation = try CanonicalJSON.encode(draft.consultation.map {
            AanwijzingConsultationRecord(party: $0.party.code, at: $0.at, outcome: $0.outcome.trimmingCharacters(in: .whitespacesAndNewlines))
        })
        row.urgency = IncidentCommands.given(draft.urgency)
        row.validFrom = Microseconds.from(draft.validFrom)
        row.validUntil = draft.validUntil.map(Microseconds.from)
        row.givenBy = user.username
        row.givenByName = user.displayName
        row.givenAt = Microseconds.from(at)
        try await context.write(on: db) { db in
            row.id = NewID.next()
            try await row.create(on: db)
            let id = try row.requireID()
            let body = Data(try CanonicalJSON.encode(try Aanwijzingen.message(row)).utf8)
            for peer in peers {
                let queued = try await FederationOutbox.queue(kind: Aanwijzingen.givenKind, body: body, to: peer.name, on: db, at: at)
                let delivery = AanwijzingDeliveryModel()
                delivery.aanwijzingID = id
                delivery.node = peer.name
                delivery.region = peer.name.uppercased()
                delivery.messageID = queued.message
                try await delivery.create(on: db)
            }
            try await Journal.append(
                AanwijzingGiven(
                    aanwijzing: id, type: row.kind, addressees: row.addresseeRegions.map(\.rawValue),
                    incidents: incidents.map { "\($0.node)/\($0.incident)" }, matters: row.governanceMatters.map(\.rawValue),
                    urgency: row.urgency != nil, nodes: peers.map(\.name)),
                on: db, actor: user.username, organisation: user.organisationCode)
        }
        return try await aanwijzingViews([row])[0]
    }

    /// The incidents named, as the national picture holds them, with the facts the rules check.
    private func concernedIncidents(_ refs: [GiveAanwijzingInput.IncidentRef]) async throws -> ([AanwijzingIncident], [AuthorityFacts]) {
        var incidents: [AanwijzingIncident] = []
        var facts: [AuthorityFacts] = []
        for ref in refs {
            guard let row = try await NationalIncidentModel.query(on: db).filter(\.$sourceNode == ref.node)
                .filter(\.$sourceIncident == ref.incident).first()
            else {
                throw Problem.invalid("'incidents': \(ref.node.prefix(40))/\(ref.incident) is not in the national picture", field: "incidents")
            }
            let summary = try NationalPicture.summary(row)
            guard summary.status == .open else {
                throw Problem.invalid("'incidents': \(summary.reference) is \(summary.status.rawValue); an aanwijzing concerns a crisis that runs", field: "incidents")
            }
            guard !incidents.contains(where: { $0.node == ref.node && $0.incident == ref.incident }) else {
                throw Problem.invalid("'incidents': \(summary.reference) is listed twice", field: "incidents")
            }
            incidents.append(AanwijzingIncident(node: ref.node, incident: ref.incident, reference: summary.reference, title: summary.title))
            // The significance as the regional node derives it until it is recorded: GRIP 4–5 more than local.
            facts.append(AuthorityFacts(
                grip: summary.grip, significance: summary.grip >= .four ? .moreThanLocal : .local,
                involvedRegions: summary.involvedRegions, leadRegion: summary.leadRegion, affectedMunicipalities: []))
        }
        return (incidents, facts)
    }

    /// The province of each region, from the reference data.
    private func provinces(of regions: [RegionCode]) async throws -> [RegionCode: ProvinceCode] {
        guard !regions.isEmpty else { return [:] }
        let rows = try await RegionModel.query(on: db).filter(\.$id ~~ regions.map(\.rawValue)).all()
        var provinces: [RegionCode: ProvinceCode] = [:]
        for row in rows {
            if let region = row.id.flatMap(RegionCode.init), let province = ProvinceCode(row.provinceCode) { provinces[region] = province }
        }
        return provinces
    }

    func withdrawAanwijzing(_ id: UUID, _ input: WithdrawAanwijzingInput) async throws -> AanwijzingView {
        try await requireMinister()
        let at = now
        let row = try await context.write(on: db) { db in
            guard let row = try await AanwijzingModel.find(id, on: db), row.origin == AanwijzingModel.given else {
                throw Problem.notFound("no aanwijzing \(id) on this node")
            }
            guard row.withdrawnAt == nil else { throw Problem.conflict("this aanwijzing was withdrawn already") }
            row.withdrawnAt = Microseconds.from(at)
            row.withdrawnByName = user.displayName
            row.withdrawalReason = IncidentCommands.given(input.reason)
            try await row.update(on: db)
            let body = Data(try CanonicalJSON.encode(AanwijzingMessages.Withdrawn(
                aanwijzing: id, withdrawnAt: at, withdrawnByName: user.displayName, reason: row.withdrawalReason)).utf8)
            for delivery in try await AanwijzingDeliveryModel.query(on: db).filter(\.$aanwijzingID == id).sort(\.$node).all() {
                _ = try await FederationOutbox.enqueue(kind: Aanwijzingen.withdrawnKind, body: body, to: delivery.node, on: db, at: at)
            }
            try await Journal.append(
                AanwijzingWithdrawn(aanwijzing: id, reason: row.withdrawalReason), on: db, actor: user.username,
                organisation: user.organisationCode)
            return row
        }
        return try await aanwijzingViews([row])[0]
    }

    // MARK: Acknowledging (regional node)

    /// The region this node serves, when its voorzitter may acknowledge `row`.
    func acknowledgingRegion(_ row: AanwijzingModel, offices: Set<AuthorityOffice>) -> RegionCode? {
        guard case .region(let region) = context.configuration.role, row.origin != AanwijzingModel.given,
            row.addresseeRegions.contains(region), offices.contains(.voorzitter(region: region))
        else { return nil }
        return region
    }

    /// The voorzitter of the addressed region acknowledges receipt; the acknowledgement goes back up.
    func acknowledgeAanwijzing(_ id: UUID) async throws -> AanwijzingView {
        let row = try await findAanwijzing(id)
        let offices = try await GovernanceDirectory.actor(for: user, on: db, at: now).offices
        guard let region = acknowledgingRegion(row, offices: offices) else {
            throw Problem.forbidden("an aanwijzing is acknowledged by the voorzitter of the addressed region, on that region's node")
        }
        guard row.acknowledgedAt == nil else { return try await aanwijzingViews([row])[0] }
        guard row.withdrawnAt == nil else { throw Problem.conflict("the minister withdrew this aanwijzing; there is nothing to acknowledge") }
        let at = now
        try await context.write(on: db) { db in
            row.acknowledgedAt = Microseconds.from(at)
            row.acknowledgedBy = user.username
            row.acknowledgedByName = user.displayName
            try await row.update(on: db)
            let body = Data(try CanonicalJSON.encode(AanwijzingMessages.Acknowledged(
                aanwijzing: id, region: region.rawValue, acknowledgedAt: at, acknowledgedByName: user.displayName)).utf8)
            _ = try await FederationOutbox.enqueue(kind: Aanwijzingen.acknowledgedKind, body: body, to: row.origin, on: db, at: at)
            try await Aanwijzingen.journal(
                AanwijzingAcknowledged(aanwijzing: id, region: region.rawValue, acknowledgedBy: user.displayName), about: row, on: db,
                actor: user.username, organisation: user.organisationCode)
        }
        return try await aanwijzingViews([row])[0]
    }
}

/// What the aanwijzingen register needs outside a request: the federation message kinds, the messages,
/// journaling with the incidents concerned, and the aanwijzingen about an incident for its authority.
enum Aanwijzingen {
    /// The received aanwijzingen naming `incident`, withdrawn and lapsed ones included (the Core checks time).
    static func concerning(_ incident: UUID, on db: Database) async throws -> [AanwijzingModel] {
        try await AanwijzingModel.query(on: db).filter(\.$origin != AanwijzingModel.given).filter(\.$incidents ~~ incident.uuidString)
            .sort(\.$givenAt, .descending).all()
            .filter { try $0.concerned().contains { $0.incident == incident } }
    }

    /// Journals `event` with each incident of this node the aanwijzing concerns, or once without one.
    static func journal(_ event: some JournalEvent, about row: AanwijzingModel, on db: Database, actor: String, organisation: String)
        async throws
    {
        var local: [UUID] = []
        for ref in try row.concerned() where try await IncidentModel.read(ref.incident, on: db) != nil { local.append(ref.incident) }
        if local.isEmpty {
            try await Journal.append(event, on: db, actor: actor, organisation: organisation)
        }
        for incident in local {
            try await Journal.append(event, on: db, actor: actor, organisation: organisation, incident: incident)
        }
    }

    static func message(_ row: AanwijzingModel) throws -> AanwijzingMessages.Given {
        AanwijzingMessages.Given(
            aanwijzing: try row.requireID(), kind: row.kind, addressees: row.addresseeRegions.map(\.rawValue), incidents: try row.concerned(),
            matters: row.governanceMatters.map(\.rawValue), direction: row.direction, legalBasis: row.legalBasis,
            justification: row.justification, consultation: try row.consulted(), urgency: row.urgency,
            validFrom: Microseconds.date(row.validFrom), validUntil: row.validUntil.map(Microseconds.date), givenByName: row.givenByName,
            givenAt: Microseconds.date(row.givenAt))
    }

    static let givenKind = "aanwijzing"
    static let withdrawnKind = "aanwijzing-withdrawal"
    static let acknowledgedKind = "aanwijzing-ack"
}
