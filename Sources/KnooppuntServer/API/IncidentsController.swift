import Fluent
import Foundation
import KnooppuntCore
import Vapor

/// Incidents, their versioned entries, and the picture at any moment. The access policy decides every
/// read and write; an incident the user may not read answers 404, so its existence is not revealed.
struct IncidentsController: RouteCollection {
    func boot(routes: RoutesBuilder) throws {
        routes.get("stream", use: listStream)
        let incidents = routes.grouped("incidents")
        incidents.get(use: list)
        incidents.post(use: create)
        let incident = incidents.grouped(":incident")
        incident.get(use: show)
        incident.patch(use: update)
        incident.get("versions", use: versions)
        incident.get("grip-history", use: gripHistory)
        incident.get("authority", use: authority)
        incident.get("authority", "history", use: authorityHistory)
        incident.get("reviews", use: reviews)
        incident.post("reviews", use: recordReview)
        incident.get("picture", use: picture)
        incident.get("stream", use: stream)
        incident.post("entries", use: addEntry)
        incident.post("entries", "import", use: importEntries)
        incident.patch("entries", ":entry", use: updateEntry)
        incident.post("entries", ":entry", "verification", use: verifyEntry)
        incident.get("entries", ":entry", "versions", use: entryVersions)
        incident.post("entries", ":entry", "national-sharing", use: shareNationally)
        incident.delete("entries", ":entry", "national-sharing", use: unshareNationally)
        incident.get("urgent", use: urgentEntries)
        incident.post("entries", ":entry", "acknowledgement", use: acknowledgeEntry)
        try bootRecords(incident)
    }

    // MARK: Incidents

    func list(req: Request) async throws -> [IncidentView] {
        let user = try req.requireUserExplaining()
        let subject = user.subject
        let exercise = try IncidentRequest.flag(req, "exercise") ?? false
        let region = try req.query[String.self, at: "region"].map { text -> RegionCode in
            guard let code = RegionCode(text) else { throw Problem.badRequest("region '\(text)' is not VR01–VR25") }
            return code
        }
        let grip = try IncidentRequest.enumQuery(req, "grip", GRIPLevel.self) { Int($0).flatMap(GRIPLevel.init(rawValue:)) }
        let phase = try IncidentRequest.enumQuery(req, "phase", IncidentPhase.self) { text in
            IncidentPhase.allCases.first { $0.rawValue == text }
        }
        let status = try IncidentRequest.enumQuery(req, "status", IncidentStatus.self) { IncidentStatus(rawValue: $0) }
        let found = try await PictureStore(db: req.db, context: req.knooppunt).currentIncidents(
            exercise: exercise, region: region, grip: grip, phase: phase, status: status)
        return try await AccessService.readable(subject, found, at: req.knooppunt.clock.now(), on: req.db)
            .map(IncidentView.init)
    }

    func create(req: Request) async throws -> Response {
        let commands = try IncidentCommands(req)
        let (incident, version) = try await commands.create(try req.decodeStrict(CreateIncidentInput.self))
        return try await IncidentView(incident, version).encodeResponse(status: .created, for: req)
    }

    func show(req: Request) async throws -> IncidentView {
        let (incident, version, _) = try await IncidentAccess.authorised(req, .read)
        return try IncidentView(incident, version)
    }

    func update(req: Request) async throws -> IncidentView {
        let (incident, version) = try await IncidentCommands(req).update(try IncidentRequest.incidentID(req), try req.decodeStrict(UpdateIncidentInput.self))
        return try IncidentView(incident, version)
    }

    func versions(req: Request) async throws -> [IncidentView] {
        let (incident, _, _) = try await IncidentAccess.authorised(req, .read)
        let store = PictureStore(db: req.db, context: req.knooppunt)
        return try await store.incidentVersions(try incident.requireID()).map { try IncidentView(incident, $0) }
    }

    /// Every change of GRIP level with who, when and why.
    func gripHistory(req: Request) async throws -> [GRIPChangeView] {
        let (incident, _, _) = try await IncidentAccess.authorised(req, .read)
        let versions = try await PictureStore(db: req.db, context: req.knooppunt).incidentVersions(try incident.requireID())
        return try GRIPChangeView.changes(in: versions)
    }

    /// Who decides now ("wie beslist nu"), derived from the incident's scale, regions and area (decision 0020).
    func authority(req: Request) async throws -> AuthorityView {
        let commands = try IncidentCommands(req)
        let target = try await commands.open(try IncidentRequest.incidentID(req), for: .read)
        return try await IncidentAuthority.current(target, for: commands.user, context: req.knooppunt, on: req.db)
    }

    /// How authority was distributed over time (C13): each change, who made it and why.
    func authorityHistory(req: Request) async throws -> [AuthorityChangeView] {
        let commands = try IncidentCommands(req)
        let target = try await commands.open(try IncidentRequest.incidentID(req), for: .read)
        return try await IncidentAuthority.history(target, for: commands.user, context: req.knooppunt, on: req.db)
    }

    /// The reviews of the scale and authority, and when the next is due.
    func reviews(req: Request) async throws -> ScaleReviewsView {
        let commands = try IncidentCommands(req)
        let target = try await commands.open(try IncidentRequest.incidentID(req), for: .read)
        try await IncidentAccess.requireWholePicture(
            commands.user.subject, incident: try target.incident.requireID(), scope: target.scope, on: req.db, at: commands.now)
        return try await ScaleReviews(db: req.db, context: req.knooppunt).overview(of: try target.incident.requireID(), at: commands.now)
    }

    /// Records a review of the scale and authority (C13); the answer is the reviews and the next due moment.
    func recordReview(req: Request) async throws -> Response {
        let commands = try IncidentCommands(req)
        let id = try IncidentRequest.incidentID(req)
        _ = try await commands.recordReview(of: id, try req.decodeStrict(ScaleReviewInput.self))
        return try await ScaleReviews(db: req.db, context: req.knooppunt).overview(of: id, at: commands.now)
            .encodeResponse(status: .created, for: req)
    }

    /// The picture as it stood at `?at=` (RFC 3339), or now: written by `PictureJSON`, the bytes a `PictureView` encodes to.
    func picture(req: Request) async throws -> Response {
        let user = try req.requireUserExplaining()
        let target = try await IncidentCommands(req).open(try IncidentRequest.incidentID(req), for: .read)
        return try PictureJSON.response(
            try await IncidentPicture.read(target, at: try IncidentRequest.moment(req), for: user, context: req.knooppunt, on: req.db),
            memory: req.knooppunt.entryJSON)
    }

    /// Live changes of this incident as Server-Sent Events; `Last-Event-ID` resumes after that event.
    func stream(req: Request) async throws -> Response {
        let (incident, _, user) = try await IncidentAccess.authorised(req, .read)
        let clock = req.knooppunt.clock
        return LiveSelection(subject: user.subject, scope: .incident(try incident.requireID()), credential: user.tokenID, now: { clock.now() })
            .response(for: req)
    }

    /// Live changes of every incident the user may read (`?exercise=true` for exercises).
    func listStream(req: Request) async throws -> Response {
        let user = try req.requireUserExplaining()
        let exercise = try IncidentRequest.flag(req, "exercise") ?? false
        let clock = req.knooppunt.clock
        return LiveSelection(subject: user.subject, scope: .incidentList(exercise: exercise), credential: user.tokenID, now: { clock.now() })
            .response(for: req)
    }

    // MARK: Entries

    func addEntry(req: Request) async throws -> Response {
        let created = try await IncidentCommands(req).addEntry(to: try IncidentRequest.incidentID(req), try req.decodeStrict(AddEntryInput.self))
        return try await EntryView(created).encodeResponse(status: .created, for: req)
    }

    func importEntries(req: Request) async throws -> Response {
        let outcome = try await IncidentCommands(req).importEntries(
            into: try IncidentRequest.incidentID(req), try req.decodeStrict(ImportEntriesInput.self))
        let result = ImportResultDTO(
            created: try outcome.created.map { try EntryView($0) }, updated: try outcome.updated.map { try EntryView($0) },
            unchanged: outcome.unchanged)
        return try await result.encodeResponse(status: .ok, for: req)
    }

    func updateEntry(req: Request) async throws -> EntryView {
        try EntryView(try await IncidentCommands(req).changeEntry(
            try IncidentRequest.entryID(req), in: try IncidentRequest.incidentID(req), try req.decodeStrict(UpdateEntryInput.self)))
    }

    func verifyEntry(req: Request) async throws -> EntryView {
        try EntryView(try await IncidentCommands(req).verifyEntry(
            try IncidentRequest.entryID(req), in: try IncidentRequest.incidentID(req), try req.decodeStrict(VerificationInput.self)))
    }

    struct NationalShareDTO: Content {
        let entry: UUID
        let sharedAt: Date
        let sharedBy: String
    }

    /// Marks an entry for national sharing: this and every later version go to the national node, while
    /// it stays in the shared picture at internal or lower. The IM (regie) decides.
    /// The urgent entries (spoed, hoog) the caller sees, unacknowledged first (decision 0022).
    func urgentEntries(req: Request) async throws -> UrgentEntriesView {
        try await IncidentCommands(req).urgentEntries(in: try IncidentRequest.incidentID(req))
    }

    func acknowledgeEntry(req: Request) async throws -> Response {
        try await IncidentCommands(req).acknowledgeEntry(try IncidentRequest.entryID(req), in: try IncidentRequest.incidentID(req))
            .encodeResponse(status: .created, for: req)
    }

    func shareNationally(req: Request) async throws -> Response {
        guard let mark = try await IncidentCommands(req).shareNationally(
            true, entry: try IncidentRequest.entryID(req), in: try IncidentRequest.incidentID(req))
        else { throw Problem.conflict("the entry was not marked") }
        return try await NationalShareDTO(entry: mark.entryID, sharedAt: Microseconds.date(mark.sharedAt), sharedBy: mark.sharedBy)
            .encodeResponse(status: .created, for: req)
    }

    func unshareNationally(req: Request) async throws -> HTTPStatus {
        try await IncidentCommands(req).shareNationally(false, entry: try IncidentRequest.entryID(req), in: try IncidentRequest.incidentID(req))
        return .noContent
    }

    func entryVersions(req: Request) async throws -> [EntryView] {
        let (incident, version, user) = try await IncidentAccess.authorised(req, .read)
        let id = try incident.requireID()
        let store = PictureStore(db: req.db, context: req.knooppunt)
        let reader = try await AccessService.reader(user.subject, incident: id, scope: try IncidentAccess.scope(version), at: req.knooppunt.clock.now(), on: req.db)
        let versions = try await store.entryVersions(try IncidentRequest.entryID(req), in: id).filter(reader.sees)
        guard !versions.isEmpty else { throw Problem.notFound("no entry with that id in this incident") }
        if versions.contains(where: { $0.classification == Classification.confidential.rawValue }) {
            try await AccessService.journalConfidentialRead(
                user.author, incident: id, what: "versions of entry \(versions[0].entryID)", context: req.knooppunt, on: req.db)
        }
        return try versions.map { try EntryView($0) }
    }

}

extension CurrentUser {
    var subject: Subject {
        Subject(
            username: username, role: role, organisationCode: organisationCode, organisationKind: organisationKind,
            regionCode: regionCode.flatMap(RegionCode.init), overseenRegions: overseenRegions)
    }

    var author: PictureStore.Author { PictureStore.Author(username: username, organisation: organisationCode) }
}
