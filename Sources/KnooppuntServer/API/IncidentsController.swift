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
        incident.get("picture", use: picture)
        incident.get("stream", use: stream)
        incident.post("entries", use: addEntry)
        incident.post("entries", "import", use: importEntries)
        incident.patch("entries", ":entry", use: updateEntry)
        incident.post("entries", ":entry", "verification", use: verifyEntry)
        incident.get("entries", ":entry", "versions", use: entryVersions)
        incident.post("entries", ":entry", "national-sharing", use: shareNationally)
        incident.delete("entries", ":entry", "national-sharing", use: unshareNationally)
        try bootRecords(incident)
    }

    // MARK: Incidents

    func list(req: Request) async throws -> [IncidentDTO] {
        let user = try req.requireUserExplaining()
        let subject = user.subject
        let exercise = try IncidentRequest.flag(req, "exercise") ?? false
        let region = try req.query[String.self, at: "region"].map { text -> RegionCode in
            guard let code = RegionCode(text) else { throw Problem.badRequest("region '\(text)' is not VR01–VR25") }
            return code
        }
        let grip = try IncidentRequest.enumQuery(req, "grip", GRIPLevel.self) { Int($0).flatMap(GRIPLevel.init(rawValue:)) }
        let phase = try IncidentRequest.enumQuery(req, "phase", IncidentPhase.self) { IncidentPhase(rawValue: $0) }
        let status = try IncidentRequest.enumQuery(req, "status", IncidentStatus.self) { IncidentStatus(rawValue: $0) }
        let found = try await PictureStore(db: req.db, context: req.knooppunt).currentIncidents(
            exercise: exercise, region: region, grip: grip, phase: phase, status: status)
        return try await AccessService.readable(subject, found, at: req.knooppunt.clock.now(), on: req.db)
            .map(IncidentDTO.init)
    }

    func create(req: Request) async throws -> Response {
        let user = try req.requireUserExplaining()
        let body = try req.decodeStrict(CreateIncidentRequest.self)
        let decision = AccessPolicy.decide(user.subject, .create, incident: nil, at: req.knooppunt.clock.now())
        guard decision.allowed, let ownRegion = user.subject.regionCode else { throw Problem.forbidden(decision.reason) }
        let involved = body.involvedRegions ?? [ownRegion]
        guard involved.contains(ownRegion) else {
            throw Problem.invalid("your own region \(ownRegion) must be among the involved regions", field: "involvedRegions")
        }
        let state = IncidentState(
            title: body.title.trimmingCharacters(in: .whitespacesAndNewlines), category: body.category,
            location: body.location?.jsonText, startedAt: body.startedAt ?? req.knooppunt.clock.now(),
            classification: body.classification ?? .incident, vitalInterests: body.vitalInterests ?? [],
            grip: body.grip ?? .routine, gripReason: body.gripReason, phase: body.phase ?? .warm,
            involvedRegions: involved, leadRegion: ownRegion)
        let store = PictureStore(db: req.db, context: req.knooppunt)
        let version = try await store.createIncident(state, exercise: body.exercise ?? false, by: user.author)
        let incident = try await IncidentAccess.incident(version.incidentID, on: req.db)
        return try await IncidentDTO(incident, version).encodeResponse(status: .created, for: req)
    }

    func show(req: Request) async throws -> IncidentDTO {
        let (incident, version, _) = try await IncidentAccess.authorised(req, .read)
        return try IncidentDTO(incident, version)
    }

    func update(req: Request) async throws -> IncidentDTO {
        let (incident, _, user) = try await IncidentAccess.authorised(req, .editIncident)
        let body = try req.decodeStrict(UpdateIncidentRequest.self)
        if body.linkedPartners != nil {
            try await Self.requireRegie(req, user)
        }
        let store = PictureStore(db: req.db, context: req.knooppunt)
        let version = try await store.updateIncident(
            try incident.requireID(), baseVersion: body.baseVersion, by: user.author
        ) { body.apply(to: &$0) }
        return try IncidentDTO(incident, version)
    }

    func versions(req: Request) async throws -> [IncidentDTO] {
        let (incident, _, _) = try await IncidentAccess.authorised(req, .read)
        let store = PictureStore(db: req.db, context: req.knooppunt)
        return try await store.incidentVersions(try incident.requireID()).map { try IncidentDTO(incident, $0) }
    }

    /// Every change of GRIP level with who, when and why.
    func gripHistory(req: Request) async throws -> [GRIPChangeDTO] {
        let (incident, _, _) = try await IncidentAccess.authorised(req, .read)
        let store = PictureStore(db: req.db, context: req.knooppunt)
        var previous: GRIPLevel?
        var changes: [GRIPChangeDTO] = []
        for version in try await store.incidentVersions(try incident.requireID()) {
            let state = try PictureStore.decodeState(version)
            if state.grip != previous {
                changes.append(
                    GRIPChangeDTO(
                        version: version.version, from: previous, to: state.grip, reason: state.gripReason,
                        at: Microseconds.date(version.validFrom), by: version.author,
                        organisation: version.authorOrganisation))
            }
            previous = state.grip
        }
        return changes
    }

    /// The picture as it stood at `?at=` (RFC 3339), or now.
    func picture(req: Request) async throws -> PictureDTO {
        let (incident, version, user) = try await IncidentAccess.authorised(req, .read)
        let reader = try await AccessService.reader(
            user.subject, incident: try incident.requireID(), scope: try IncidentAccess.scope(version), at: req.knooppunt.clock.now(), on: req.db)
        return try await Self.picture(of: incident, at: try IncidentRequest.moment(req), for: user, reader: reader, on: req)
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
        let (incident, version, user) = try await IncidentAccess.authorised(req, .read)
        let body = try req.decodeStrict(CreateEntryRequest.self)
        let created = try await Self.addEntry(
            .init(theme: body.theme, text: body.text, source: body.source, observedAt: body.observedAt, priority: body.priority,
                  location: body.location?.jsonText, classification: body.classification, onBehalfOf: body.onBehalfOf),
            to: incident, version: version, by: user, on: req)
        return try await EntryDTO(created).encodeResponse(status: .created, for: req)
    }

    /// A new entry as the writer gives it (API or form), before the policy's terms apply.
    struct EntryDraft: Sendable {
        var theme: Theme
        var text: String
        var source: String
        var observedAt: Date?
        var priority: EntryPriority?
        var location: String?
        var classification: Classification?
        var onBehalfOf: String?
    }

    /// Adds an entry on the policy's terms for this writer: its theme, classification, whether it waits
    /// for admission, and the partner a liaison enters it for.
    static func addEntry(
        _ draft: EntryDraft, to incident: IncidentModel, version: IncidentVersionModel, by user: CurrentUser, on req: Request
    ) async throws -> EntryVersionModel {
        let id = try incident.requireID()
        let now = req.knooppunt.clock.now()
        let terms = try await AccessService.entryTerms(
            user, theme: draft.theme, classification: draft.classification, onBehalfOf: draft.onBehalfOf, incident: id,
            scope: try IncidentAccess.scope(version), at: now, on: req.db)
        let entry = PictureStore.NewEntry(
            theme: terms.theme, text: draft.text, source: draft.source, observedAt: Microseconds.from(draft.observedAt ?? now),
            priority: draft.priority ?? .normaal, location: draft.location, classification: terms.classification,
            awaitingAdmission: terms.awaitingAdmission, onBehalfOf: terms.onBehalfOf)
        return try await PictureStore(db: req.db, context: req.knooppunt).addEntry(entry, to: id, by: user.author)
    }

    /// A kern partner imports entries from its own netcentric picture into its theme; the external id
    /// makes the import repeatable (a changed entry becomes a new version, an unchanged one nothing).
    func importEntries(req: Request) async throws -> Response {
        let (incident, version, user) = try await IncidentAccess.authorised(req, .read)
        let id = try incident.requireID()
        let scope = try IncidentAccess.scope(version)
        guard scope.status != .archived else { throw Problem.conflict("the incident is archived and read-only") }
        let theme = Theme.partner(user.organisationCode)
        try await IncidentAccess.require(req, user, .init(action: .importEntries, theme: theme), incident: id, scope: scope)
        let body = try req.decodeStrict(ImportEntriesRequest.self)
        let now = req.knooppunt.clock.now()
        for (index, item) in body.entries.enumerated() {
            let level = item.classification ?? .internal
            let read = try await AccessService.decide(
                user.subject, .init(action: .read, classification: level), incident: id, scope: scope, at: now, on: req.db)
            guard read.decision.allowed else {
                throw Problem.forbidden("entries[\(index)]: you cannot mark information \(level.rawValue) that you may not read")
            }
        }
        let entries = body.entries.map { item in
            (externalID: item.externalId, entry: PictureStore.NewEntry(
                theme: theme, text: item.text, source: item.source ?? "netcentrisch beeld \(user.organisationCode)",
                observedAt: Microseconds.from(item.observedAt ?? now), priority: item.priority ?? .normaal,
                location: item.location?.jsonText, classification: item.classification ?? .internal),
             observedGiven: item.observedAt != nil)
        }
        let outcome = try await PictureStore(db: req.db, context: req.knooppunt).importEntries(entries, to: id, by: user.author)
        let result = ImportResultDTO(
            created: try outcome.created.map { try EntryDTO($0) }, updated: try outcome.updated.map { try EntryDTO($0) },
            unchanged: outcome.unchanged)
        return try await result.encodeResponse(status: .ok, for: req)
    }

    func updateEntry(req: Request) async throws -> EntryDTO {
        let (incident, version, user) = try await IncidentAccess.authorised(req, .read)
        let body = try req.decodeStrict(UpdateEntryRequest.self)
        let id = try incident.requireID()
        let entryID = try IncidentRequest.entryID(req)
        let store = PictureStore(db: req.db, context: req.knooppunt)
        try await Self.mayChangeEntry(
            entryID, user: user, incident: id, scope: try IncidentAccess.scope(version), theme: body.theme,
            classification: body.classification, on: req)
        let changed = try await store.changeEntry(
            entryID, in: id, baseVersion: body.baseVersion, by: user.author, kind: EntryUpdated.self
        ) { next in
            if let theme = body.theme { next.theme = theme.description }
            if let text = body.text { next.text = text }
            if let source = body.source { next.source = source }
            if let observedAt = body.observedAt { next.observedAt = Microseconds.from(observedAt) }
            if let priority = body.priority { next.priority = priority.rawValue }
            if let location = body.location { next.location = location.jsonText }
            if let classification = body.classification { next.classification = classification.rawValue }
        }
        return try EntryDTO(changed)
    }

    func verifyEntry(req: Request) async throws -> EntryDTO {
        let (incident, _, user) = try await IncidentAccess.authorised(req, .verifyEntry)
        let body = try req.decodeStrict(VerificationRequest.self)
        let version = try await PictureStore(db: req.db, context: req.knooppunt).setVerification(
            body.status, of: try IncidentRequest.entryID(req), in: try incident.requireID(), baseVersion: body.baseVersion, by: user.author)
        return try EntryDTO(version)
    }

    struct NationalShareDTO: Content {
        let entry: UUID
        let sharedAt: Date
        let sharedBy: String
    }

    /// Marks an entry for national sharing: this and every later version go to the national node, while
    /// it stays in the shared picture at internal or lower. The IM (regie) decides.
    func shareNationally(req: Request) async throws -> Response {
        let (incident, _, user) = try await IncidentAccess.authorised(req, .verifyEntry)
        guard let mark = try await NationalSharing.mark(
            true, entry: try IncidentRequest.entryID(req), incident: try incident.requireID(), by: user.author, context: req.knooppunt, on: req.db)
        else { throw Problem.conflict("the entry was not marked") }
        return try await NationalShareDTO(entry: mark.entryID, sharedAt: Microseconds.date(mark.sharedAt), sharedBy: mark.sharedBy)
            .encodeResponse(status: .created, for: req)
    }

    func unshareNationally(req: Request) async throws -> HTTPStatus {
        let (incident, _, user) = try await IncidentAccess.authorised(req, .verifyEntry)
        _ = try await NationalSharing.mark(
            false, entry: try IncidentRequest.entryID(req), incident: try incident.requireID(), by: user.author, context: req.knooppunt, on: req.db)
        return .noContent
    }

    func entryVersions(req: Request) async throws -> [EntryDTO] {
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
        return try versions.map { try EntryDTO($0) }
    }

    /// Checks that the user may write the entry as it is and as it becomes (its theme, its classification).
    static func mayChangeEntry(
        _ entryID: UUID, user: CurrentUser, incident id: UUID, scope: IncidentScope, theme: Theme?,
        classification: Classification?, on req: Request
    ) async throws {
        let now = req.knooppunt.clock.now()
        guard let current = try await PictureStore(db: req.db, context: req.knooppunt).entryVersions(entryID, in: id).last,
            try await AccessService.reader(user.subject, incident: id, scope: scope, at: now, on: req.db).sees(current)
        else { throw Problem.notFound("no entry with id \(entryID) in this incident") }
        let currentTheme = Theme(current.theme) ?? .algemeen
        let currentClassification = Classification(rawValue: current.classification) ?? .confidential
        _ = try await AccessService.entryTerms(
            user, theme: currentTheme, classification: currentClassification, onBehalfOf: current.onBehalfOf, incident: id,
            scope: scope, at: now, on: req.db)
        if theme != nil || classification != nil {
            _ = try await AccessService.entryTerms(
                user, theme: theme ?? currentTheme, classification: classification ?? currentClassification,
                onBehalfOf: current.onBehalfOf, incident: id, scope: scope, at: now, on: req.db)
        }
    }

    // MARK: Helpers

}

private func text(_ date: Date) -> String { JournalTime.string(from: date) }

extension CurrentUser {
    var subject: Subject {
        Subject(
            username: username, role: role, organisationCode: organisationCode, organisationKind: organisationKind,
            regionCode: regionCode.flatMap(RegionCode.init))
    }

    var author: PictureStore.Author { PictureStore.Author(username: username, organisation: organisationCode) }
}
