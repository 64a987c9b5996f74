import Fluent
import Foundation
import KnooppuntCore
import KnooppuntInterop
import Vapor

/// Upward sharing: a regional node queues an incident summary for the national node whenever one of its
/// real (not exercise) incidents changes; the national node keeps the newest summary per source incident,
/// with where it came from and when it arrived.
enum NationalPicture {
    static let summaryKind = "incident-summary"

    /// Follows the incidents: every new version of a real incident sends its summary up.
    struct Reactor: JournalReactor {
        func subscribe(to journal: inout JournalReactions) {
            journal.on([IncidentCreated.self, IncidentUpdated.self]) { change, reaction in
                let at = try await PictureStore.incidentVersion(change.incident, number: change.version, on: reaction.db).validFrom
                try await NationalPicture.share(
                    change.incident, state: change.state, at: at, context: reaction.context, on: reaction.db)
            }
        }
    }

    /// Regional side, inside the write that changed the incident.
    static func share(_ incidentID: UUID, state: IncidentState, at: Int64, context: KnooppuntContext, on db: Database) async throws {
        guard case .region = context.configuration.role else { return }
        let nationals = try await NodePeerModel.query(on: db).filter(\.$role == "national").all()
        guard !nationals.isEmpty, let incident = try await IncidentModel.read(incidentID, on: db), !incident.exercise else { return }
        let summary = IncidentSummary(
            incident: incidentID, reference: incident.reference, state: state, updatedAt: Microseconds.date(at),
            figures: try await figures(incidentID, state: state, at: at, context: context, on: db))
        let body = Data(try CanonicalJSON.encode(summary).utf8)
        for peer in nationals {
            _ = try await FederationOutbox.enqueue(kind: summaryKind, body: body, to: peer.name, on: db, at: Microseconds.date(at))
        }
    }

    /// The key figures of an incident now, counting only what the national node reads (internal or lower).
    static func figures(_ incidentID: UUID, state: IncidentState, at: Int64, context: KnooppuntContext, on db: Database) async throws
        -> IncidentSummary.KeyFigures
    {
        let entries = try await EntryVersionModel.query(on: db).filter(\.$incidentID == incidentID).filter(\.$validTo == nil).all()
            .filter { entry in
                (entry.theme == Theme.algemeen.description || entry.admittedAt != nil)
                    && entry.verification != VerificationStatus.contradicted.rawValue
                    && (Classification(rawValue: entry.classification) ?? .confidential) <= AccessPolicy.nationalCeiling
            }
        let records = RecordStore(db: db, context: context)
        let decisions = try await records.records(.decision, of: incidentID, at: at)
            .map { try RecordStore.decode(DecisionBody.self, $0.body) }.filter { !$0.revoked }
        let actions = try await records.records(.action, of: incidentID, at: at)
            .map { try RecordStore.decode(ActionBody.self, $0.body) }.filter { $0.status == .open || $0.status == .bezig }
        return .init(
            entries: entries.count, verifiedEntries: entries.filter { $0.verification == VerificationStatus.verified.rawValue }.count,
            decisions: decisions.count, openActions: actions.count, partners: state.linkedPartners.count)
    }

    /// National side, inside the write that applies the message.
    static func apply(_ body: Data, from node: String, at: Int64, on db: Database) async throws {
        let summary: IncidentSummary
        do { summary = try CanonicalJSON.decode(IncidentSummary.self, from: String(decoding: body, as: UTF8.self)) } catch {
            throw Problem.invalid("the incident summary from '\(node)' is not readable: \(error)")
        }
        let row = try await NationalIncidentModel.query(on: db).filter(\.$sourceNode == node)
            .filter(\.$sourceIncident == summary.incident).first() ?? NationalIncidentModel()
        row.sourceNode = node
        row.sourceIncident = summary.incident
        row.summary = try CanonicalJSON.encode(summary)
        row.reference = summary.reference
        row.grip = summary.grip.rawValue
        row.status = summary.status.rawValue
        row.leadRegion = summary.leadRegion.rawValue
        row.updatedAt = Microseconds.from(summary.updatedAt)
        row.receivedAt = at
        try await row.save(on: db)
    }

    /// The stored summary as it reads now (a koud, lauw or warm phase from an older node reads as respons).
    static func summary(_ row: NationalIncidentModel) throws -> IncidentSummary {
        var summary = try CanonicalJSON.decode(IncidentSummary.self, from: row.summary)
        summary.phase = summary.phase.current
        return summary
    }
}

/// `GET /api/v1/national/incidents`: the national node's list of incidents from the regional nodes,
/// each with its source node and how old the news is. For the national node's own staff.
struct NationalController: RouteCollection {
    func boot(routes: RoutesBuilder) throws {
        let national = routes.grouped("national")
        national.get("incidents", use: incidents)
        national.get("incidents", ":node", ":incident", use: detail)
        national.get("sitraps", ":item", use: sitrap)
        national.get("groupings", use: groupings)
        national.post("groupings", use: createGrouping)
        national.get("groupings", ":grouping", use: grouping)
        national.put("groupings", ":grouping", "members", use: setMembers)
    }

    static func sourceIncident(_ req: Request) throws -> (node: String, incident: UUID) {
        guard let node = req.parameters.get("node"), let incident = req.parameters.get("incident").flatMap(UUID.init(uuidString:)) else {
            throw Problem.badRequest("give the source node and the incident's UUID: /national/incidents/{node}/{incident}")
        }
        return (node, incident)
    }

    /// Details of one incident, fetched from its source node on the requesting user's behalf.
    func detail(req: Request) async throws -> NationalDetails.DetailDTO {
        let user = try NationalDetails.requireNationalStaff(req)
        let (node, incident) = try Self.sourceIncident(req)
        return try await NationalDetails.detail(node: node, incident: incident, for: user, on: req)
    }

    /// A SitRap a regional node shared, as it composed it.
    func sitrap(req: Request) async throws -> SharedSitRap {
        _ = try NationalDetails.requireNationalStaff(req)
        return try await Self.sharedSitRap(req).shared
    }

    static func sharedSitRap(_ req: Request) async throws -> (shared: SharedSitRap, node: String) {
        guard let id = req.parameters.get("item").flatMap(UUID.init(uuidString:)),
              let row = try await NationalItemModel.find(id, on: req.db), row.kind == "sitrap"
        else { throw Problem.notFound("no shared SitRap with that id") }
        return (try CanonicalJSON.decode(SharedSitRap.self, from: row.body), row.sourceNode)
    }

    func groupings(req: Request) async throws -> [NationalGroupings.GroupingDTO] {
        _ = try NationalDetails.requireNationalStaff(req)
        return try await NationalGroupings.all(on: req.db)
    }

    func grouping(req: Request) async throws -> NationalGroupings.GroupingDTO {
        _ = try NationalDetails.requireNationalStaff(req)
        return try await NationalGroupings.one(try Self.groupingID(req), on: req.db)
    }

    func createGrouping(req: Request) async throws -> Response {
        let user = try NationalDetails.requireNationalStaff(req)
        let body = try req.decodeStrict(NationalGroupings.GroupingRequest.self)
        let id = try await NationalGroupings.create(body, by: user, context: req.knooppunt, on: req.db)
        return try await NationalGroupings.one(id, on: req.db).encodeResponse(status: .created, for: req)
    }

    func setMembers(req: Request) async throws -> NationalGroupings.GroupingDTO {
        let user = try NationalDetails.requireNationalStaff(req)
        let body = try req.decodeStrict(NationalGroupings.MembersRequest.self)
        let id = try Self.groupingID(req)
        try await NationalGroupings.setMembers(id, body.incidents, by: user, context: req.knooppunt, on: req.db)
        return try await NationalGroupings.one(id, on: req.db)
    }

    static func groupingID(_ req: Request) throws -> UUID {
        try req.pathID("grouping")
    }

    /// The national page, `/national` (registered outside /api in `configure`).
    static func page(req: Request) async throws -> Response {
        let user = try IncidentWebController.webUser(req)
        let isNational = req.knooppunt.configuration.role == .national
        let incidents = isNational ? try await NationalController().incidents(req: req) : []
        // The newest message per peer, by aggregate: the stored envelopes themselves are not needed.
        var lastContact: [String: Int64] = [:]
        for peer in try await NodePeerModel.query(on: req.db).all() {
            lastContact[peer.name] = try await NodeInboxModel.query(on: req.db).filter(\.$peer == peer.name).max(\.$receivedAt)
        }
        let peersByRegion = Dictionary(grouping: incidents, by: { $0.summary.leadRegion.rawValue })
        let phases = RegionPhaseRules.read(user.subject).allowed ? try await RegionPhases.currentByScope(on: req.db) : [:]
        let regions = try await RegionModel.query(on: req.db).sort(\.$id).all().map { region -> NationalPicturePage.RegionRow in
            let code = region.id ?? ""
            let own = incidents.filter { $0.summary.involvedRegions.contains { $0.rawValue == code } }
            // A region's node is the peer whose summaries it leads; its last message is its last contact.
            let nodes = Set((peersByRegion[code] ?? []).map(\.sourceNode)).union([code.lowercased()])
            let contact = nodes.compactMap { lastContact[$0] }.max().map(Microseconds.date)
            return .init(code: code, name: region.name, incidents: own.count,
                         highestGRIP: own.map(\.summary.grip).max(), lastContact: contact,
                         phase: phases[code].map(RegionPhases.SettingDTO.init))
        }
        let advisories = isNational ? try await AdvisoriesController.sentAdvisories(req) : []
        let groupings = isNational ? try await NationalGroupings.all(on: req.db) : []
        let config = req.knooppunt.configuration
        var page = NationalPicturePage(strings: req.strings, csrfToken: req.csrfToken, user: user, incidents: incidents,
                                       regions: regions, now: req.knooppunt.clock.now(), isNationalNode: isNational,
                                       advisories: advisories, groupings: groupings, leafletAvailable: config.leafletInstalled,
                                       tileURL: config.tileURL)
        if isNational, user.organisationKind == .nationalNode, !user.role.isAdministrator {
            page.riskPictures = try await RiskPictureSharing.received(on: req.db)
            page.cascades = try await CascadeSharing.received(on: req.db)
        }
        page.nationalPhase = try await GovernanceWebController.nationalPanel(
            user, context: req.knooppunt, csrfToken: req.csrfToken, language: req.uiLanguage, on: req.db)
        return .html(page.render())
    }

    struct NationalIncidentDTO: Content {
        let sourceNode: String
        let summary: IncidentSummary
        let receivedAt: Date
        /// Seconds since the source last changed it.
        let ageSeconds: Int
    }

    func incidents(req: Request) async throws -> [NationalIncidentDTO] {
        _ = try NationalDetails.requireNationalStaff(req)
        let now = req.knooppunt.clock.now()
        return try await NationalIncidentModel.query(on: req.db).sort(\.$grip, .descending).sort(\.$updatedAt, .descending).all()
            .map { row in
                NationalIncidentDTO(
                    sourceNode: row.sourceNode, summary: try NationalPicture.summary(row), receivedAt: Microseconds.date(row.receivedAt),
                    ageSeconds: max(0, Int(now.timeIntervalSince(Microseconds.date(row.updatedAt)))))
            }
    }
}

/// The national node's pages beyond `/national`: an incident's details from its source, groupings, and
/// shared SitRaps.
enum NationalForms {
    static func incident(req: Request) async throws -> Response {
        _ = try IncidentWebController.webUser(req)
        let user = try NationalDetails.requireNationalStaff(req)
        let (node, incident) = try NationalController.sourceIncident(req)
        let detail = try await NationalDetails.detail(node: node, incident: incident, for: user, on: req)
        return .html(NationalIncidentPage(strings: req.strings, csrfToken: req.csrfToken, user: user, detail: detail).render())
    }

    struct GroupingForm: Content {
        var name: String
        var description: String?
        var incidents: [String]?
    }

    /// Checkbox values "node/incident".
    static func memberRefs(_ values: [String]?) throws -> [NationalGroupings.MemberRef] {
        try (values ?? []).map { value -> NationalGroupings.MemberRef in
            let parts = value.split(separator: "/", maxSplits: 1).map(String.init)
            guard parts.count == 2, let id = UUID(uuidString: parts[1]) else {
                throw Problem.invalid("'\(value)' is not node/incident", field: "incidents")
            }
            return .init(node: parts[0], incident: id)
        }
    }

    struct MembersForm: Content {
        var incidents: [String]?
    }

    static func setMembers(req: Request) async throws -> Response {
        _ = try IncidentWebController.webUser(req)
        let user = try NationalDetails.requireNationalStaff(req)
        let id = try NationalController.groupingID(req)
        let refs = try memberRefs(try req.content.decode(MembersForm.self).incidents)
        try await NationalGroupings.setMembers(id, refs, by: user, context: req.knooppunt, on: req.db)
        return req.redirect(to: SiteURL.national(.grouping(.value(id))).path, redirectType: .normal)
    }

    static func createGrouping(req: Request) async throws -> Response {
        _ = try IncidentWebController.webUser(req)
        let user = try NationalDetails.requireNationalStaff(req)
        let form = try req.content.decode(GroupingForm.self)
        let refs = try memberRefs(form.incidents)
        let id = try await NationalGroupings.create(
            .init(name: form.name, description: form.description, incidents: refs), by: user, context: req.knooppunt, on: req.db)
        return req.redirect(to: SiteURL.national(.grouping(.value(id))).path, redirectType: .normal)
    }

    static func grouping(req: Request) async throws -> Response {
        _ = try IncidentWebController.webUser(req)
        let user = try NationalDetails.requireNationalStaff(req)
        let grouping = try await NationalGroupings.one(try NationalController.groupingID(req), on: req.db)
        let config = req.knooppunt.configuration
        let candidates = try await NationalController().incidents(req: req)
        return .html(NationalGroupingPage(strings: req.strings, csrfToken: req.csrfToken, user: user, grouping: grouping,
                                          leafletAvailable: config.leafletInstalled, tileURL: config.tileURL, candidates: candidates).render())
    }

    private static func sitrapDocument(_ req: Request) async throws -> (SitRapDocument, String, CurrentUser) {
        _ = try IncidentWebController.webUser(req)
        let user = try NationalDetails.requireNationalStaff(req)
        let (shared, node) = try await NationalController.sharedSitRap(req)
        let report = try CanonicalJSON.decode(SitRap.self, from: shared.content)
        let map = try shared.map.map { try CanonicalJSON.decode(SitRapMap.self, from: $0) }
        var document = SitRapDocument(report: report, map: map, language: req.uiLanguage)
        // The person who issued it lives on the region's node; here the report names their organisation.
        let names = try await PeopleNames.load(usernames: [], organisations: [report.issuedByOrganisation], on: req.db)
        document.issuer = names.organisation(report.issuedByOrganisation)
        return (document, node, user)
    }

    static func sitrap(req: Request) async throws -> Response {
        let (document, node, user) = try await sitrapDocument(req)
        let id = try req.parameters.require("item", as: UUID.self)
        return .html(NationalSitRapPage(strings: req.strings, csrfToken: req.csrfToken, user: user, document: document, node: node, id: id).render())
    }

    static func sitrapPDF(req: Request) async throws -> Response {
        let (document, _, _) = try await sitrapDocument(req)
        return .pdf(document.pdf)
    }
}
