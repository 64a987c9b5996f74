import Fluent
import Foundation
import KnooppuntCore
import NIOConcurrencyHelpers

/// Reads and writes the versioned picture. Every write makes a new version, closes the previous one,
/// and journals the change, in one transaction; nothing is ever overwritten.
struct PictureStore: Sendable {
    let db: Database
    let context: KnooppuntContext

    /// Who makes a change, for the version rows and the journal.
    struct Author: Sendable {
        let username: String
        let organisation: String
    }

    private func now() -> Int64 { Microseconds.from(context.clock.now()) }

    // MARK: Incidents

    func createIncident(_ state: IncidentState, exercise: Bool, by author: Author) async throws -> IncidentVersionModel {
        try Self.validate(state, replacing: nil)
        let at = now()
        return try await context.write(on: db) { db in
            try await Self.insertIncident(state, exercise: exercise, by: author, at: at, on: db)
        }
    }

    /// Inside the caller's write: a new incident with its first version and reference, journaled. The
    /// caller validated the state.
    static func insertIncident(_ state: IncidentState, exercise: Bool, by author: Author, at: Int64, on db: Database) async throws
        -> IncidentVersionModel
    {
        let stateJSON = try CanonicalJSON.encode(state)
        let year = Calendar(identifier: .gregorian).component(.year, from: Microseconds.date(at))
        let prefix = "\(state.leadRegion)-\(year)-"
        let count = try await IncidentModel.query(on: db).filter(\.$reference, .custom("LIKE"), prefix + "%").count()
        let incident = IncidentModel(
            id: NewID.next(), reference: prefix + String(format: "%04d", count + 1), exercise: exercise, createdAt: at,
            createdBy: author.username, organisation: author.organisation)
        try await incident.create(on: db)
        let version = Self.incidentVersion(
            incidentID: try incident.requireID(), number: 1, state: state, json: stateJSON, at: at, author: author)
        try await version.create(on: db)
        try await Journal.append(
            IncidentCreated(IncidentVersionPayload(version, state: state, exercise: exercise)), on: db,
            actor: author.username, organisation: author.organisation, incident: try incident.requireID())
        return version
    }

    /// Inside a write the caller holds: the next version of the incident, journaled.
    static func changeIncident(
        _ id: UUID, baseVersion: Int, by author: Author, at: Int64, on db: Database, change: (inout IncidentState) -> Void
    ) async throws -> IncidentVersionModel {
        let current = try await Self.currentIncidentVersion(id, on: db)
        try Self.checkBase(baseVersion, current.version, what: "incident")
        let old = try Self.decodeState(current)
        var changed = old
        change(&changed)
        let new = IncidentRules.written(changed, replacing: old)
        try Self.validate(new, replacing: old)
        guard new != old else { throw Problem.invalid("the change leaves the incident as it was") }
        try await current.close(at: at, on: db)
        let next = Self.incidentVersion(
            incidentID: id, number: current.version + 1, state: new, json: try CanonicalJSON.encode(new), at: at,
            author: author)
        try await next.create(on: db)
        let exercise = try await IncidentModel.read(id, on: db)?.exercise ?? false
        try await Journal.append(
            IncidentUpdated(IncidentVersionPayload(next, state: new, exercise: exercise)), on: db,
            actor: author.username, organisation: author.organisation, incident: id)
        return next
    }

    static func currentIncidentVersion(_ id: UUID, on db: Database) async throws -> IncidentVersionModel {
        guard let current = try await IncidentVersionModel.current(of: id, on: db) else {
            throw Problem.notFound("no incident with id \(id)")
        }
        return current
    }

    /// One version of an incident, by its number.
    static func incidentVersion(_ id: UUID, number: Int, on db: Database) async throws -> IncidentVersionModel {
        guard
            let version = try await IncidentVersionModel.query(on: db).filter(\.$incidentID == id)
                .filter(\.$version == number).first()
        else { throw Problem.notFound("no version \(number) of incident \(id)") }
        return version
    }

    /// The incident as it stood at `instant` (microseconds), nil if it did not exist yet.
    func incidentVersion(_ id: UUID, at instant: Int64) async throws -> IncidentVersionModel? {
        try await IncidentVersionModel.query(on: db).filter(\.$incidentID == id).filter(\.$validFrom <= instant)
            .group(.or) { $0.filter(\.$validTo == nil).filter(\.$validTo > instant) }.first()
    }

    func incidentVersions(_ id: UUID) async throws -> [IncidentVersionModel] {
        try await IncidentVersionModel.query(on: db).filter(\.$incidentID == id).sort(\.$version).all()
    }

    /// Current versions of the incidents matching the filter, newest first.
    func currentIncidents(exercise: Bool, region: RegionCode?, grip: GRIPLevel?, phase: IncidentPhase?,
        status: IncidentStatus?) async throws -> [(IncidentModel, IncidentVersionModel)]
    {
        let incidents = try await IncidentModel.query(on: db).filter(\.$exercise == exercise).all()
        let byID = Dictionary(uniqueKeysWithValues: incidents.compactMap { incident in incident.id.map { ($0, incident) } })
        guard !byID.isEmpty else { return [] }
        var query = IncidentVersionModel.query(on: db).filter(\.$validTo == nil).filter(\.$incidentID ~~ Array(byID.keys))
        if let region { query = query.filter(\.$regions, .custom("LIKE"), "%,\(region),%") }
        if let grip { query = query.filter(\.$grip == grip.rawValue) }
        // Versions from before decision 0021 may hold koud, lauw or warm: they count as respons.
        if let phase { query = query.filter(\.$phase ~~ phase.storedValues) }
        if let status { query = query.filter(\.$status == status.rawValue) }
        return try await query.sort(\.$validFrom, .descending).all().compactMap { version in
            byID[version.incidentID].map { ($0, version) }
        }
    }

    // MARK: Entries

    struct NewEntry: Sendable {
        var theme: Theme
        var text: String
        var source: String
        var observedAt: Int64
        var priority: EntryPriority
        var location: String?
        var classification: Classification = .internal
        var awaitingAdmission = false
        var onBehalfOf: String? = nil
    }

    func addEntry(_ entry: NewEntry, to incidentID: UUID, by author: Author) async throws -> EntryVersionModel {
        try Self.checkEntryText(entry.text, source: entry.source)
        let at = now()
        return try await context.write(on: db) { db in
            try await Self.requireOpen(incidentID, on: db)
            return try await Self.insertEntry(entry, to: incidentID, by: author, at: at, on: db)
        }
    }

    static func requireOpen(_ incidentID: UUID, on db: Database) async throws {
        let incident = try decodeState(try await currentIncidentVersion(incidentID, on: db))
        guard incident.status == .open else {
            throw Problem.conflict("the incident is \(incident.status.rawValue); it takes no new entries")
        }
    }

    /// Stores a checked new entry and journals it, inside the caller's write transaction.
    static func insertEntry(
        _ entry: NewEntry, to incidentID: UUID, by author: Author, externalID: String? = nil, at: Int64, on db: Database
    ) async throws -> EntryVersionModel {
        let identity = EntryModel(id: NewID.next(), incidentID: incidentID, createdAt: at, author: author.username, organisation: author.organisation)
        identity.externalID = externalID
        try await identity.insert(on: db)
        let version = EntryVersionModel()
        version.entryID = try identity.requireID()
        version.incidentID = incidentID
        version.version = 1
        version.validFrom = at
        version.author = author.username
        version.authorOrganisation = author.organisation
        version.theme = entry.theme.description
        version.text = entry.text
        version.source = entry.source
        version.observedAt = entry.observedAt
        version.priority = entry.priority.rawValue
        version.location = entry.location
        version.verification = VerificationStatus.unverified.rawValue
        version.classification = entry.classification.rawValue
        version.awaitingAdmission = entry.awaitingAdmission
        version.onBehalfOf = entry.onBehalfOf
        try await version.insert(on: db)
        try await Journal.append(
            EntryCreated(EntryVersionPayload(version)), on: db, actor: author.username, organisation: author.organisation,
            incident: incidentID)
        return version
    }

    /// What an import did.
    struct ImportOutcome: Sendable {
        var created: [EntryVersionModel] = []
        var updated: [EntryVersionModel] = []
        var unchanged = 0
    }

    /// Imports entries from a partner's own netcentric picture in one transaction: new external ids
    /// become entries, known ones a new version when they changed, unchanged ones nothing.
    /// `observedGiven` false: the import did not say when, so a known entry keeps its time.
    func importEntries(_ entries: [(externalID: String, entry: NewEntry, observedGiven: Bool)], to incidentID: UUID, by author: Author)
        async throws -> ImportOutcome
    {
        for (index, item) in entries.enumerated() {
            do { try Self.checkEntryText(item.entry.text, source: item.entry.source) } catch let problem as Problem {
                throw Problem.invalid("entries[\(index)]: \(problem.detail)", field: "entries[\(index)]")
            }
        }
        let at = now()
        return try await context.write(on: db) { db in
            try await Self.requireOpen(incidentID, on: db)
            var outcome = ImportOutcome()
            for (externalID, given, observedGiven) in entries {
                guard
                    let identity = try await EntryModel.query(on: db).filter(\.$incidentID == incidentID)
                        .filter(\.$authorOrganisation == author.organisation).filter(\.$externalID == externalID).first()
                else {
                    outcome.created.append(try await Self.insertEntry(given, to: incidentID, by: author, externalID: externalID, at: at, on: db))
                    continue
                }
                guard
                    let current = try await EntryVersionModel.query(on: db).filter(\.$entryID == identity.requireID())
                        .filter(\.$validTo == nil).first()
                else { continue }
                var entry = given
                if !observedGiven { entry.observedAt = current.observedAt }
                let changed = current.text != entry.text || current.source != entry.source
                    || current.observedAt != entry.observedAt || current.priority != entry.priority.rawValue
                    || current.location != entry.location || current.classification != entry.classification.rawValue
                guard changed else {
                    outcome.unchanged += 1
                    continue
                }
                let next = current.successor(
                    version: current.version + 1, validFrom: at, author: author.username, organisation: author.organisation)
                next.text = entry.text
                next.source = entry.source
                next.observedAt = entry.observedAt
                next.priority = entry.priority.rawValue
                next.location = entry.location
                next.classification = entry.classification.rawValue
                current.validTo = at
                try await current.update(on: db)
                try await next.create(on: db)
                try await Journal.append(
                    EntryUpdated(EntryVersionPayload(next)), on: db, actor: author.username,
                    organisation: author.organisation, incident: incidentID)
                outcome.updated.append(next)
            }
            return outcome
        }
    }

    /// Makes a new version of an entry with `change` applied, if `baseVersion` is still current, journaled
    /// as `kind` (an edit, a verification, an admission).
    func changeEntry(
        _ entryID: UUID, in incidentID: UUID, baseVersion: Int, by author: Author,
        kind: any ShapedJournalEvent<EntryVersionPayload>.Type,
        change: @escaping @Sendable (EntryVersionModel) throws -> Void
    ) async throws -> EntryVersionModel {
        let at = now()
        return try await context.write(on: db) { db in
            let incident = try Self.decodeState(try await Self.currentIncidentVersion(incidentID, on: db))
            guard incident.status == .open else {
                throw Problem.conflict("the incident is \(incident.status.rawValue); its entries can no longer change")
            }
            guard
                let current = try await EntryVersionModel.query(on: db).filter(\.$entryID == entryID)
                    .filter(\.$incidentID == incidentID).filter(\.$validTo == nil).first()
            else { throw Problem.notFound("no entry with id \(entryID) in this incident") }
            return try await Self.supersede(
                current, baseVersion: baseVersion, what: "entry", at: at, by: author, incident: incidentID, on: db,
                change: { next in
                    try change(next)
                    try Self.checkEntryText(next.text, source: next.source)
                }, event: { kind.init(EntryVersionPayload($0)) })
        }
    }

    func entryVersions(_ entryID: UUID, in incidentID: UUID) async throws -> [EntryVersionModel] {
        try await EntryVersionModel.query(on: db).filter(\.$entryID == entryID).filter(\.$incidentID == incidentID)
            .sort(\.$version).all()
    }

    // MARK: Conflicts

    func markConflict(_ a: UUID, _ b: UUID, note: String, in incidentID: UUID, by author: Author) async throws -> ConflictModel {
        guard a != b else { throw Problem.invalid("an entry cannot conflict with itself", field: "entries") }
        let at = now()
        return try await context.write(on: db) { db in
            try await RecordStore.requireOpen(incidentID, on: db)
            for entry in [a, b] {
                guard try await EntryModel.query(on: db).filter(\.$id == entry).filter(\.$incidentID == incidentID).count() == 1
                else { throw Problem.invalid("entry \(entry) is not part of this incident", field: "entries") }
            }
            let open = try await ConflictModel.query(on: db).filter(\.$incidentID == incidentID)
                .filter(\.$resolvedAt == nil).all()
            guard !open.contains(where: { Set([$0.entryA, $0.entryB]) == Set([a, b]) }) else {
                throw Problem.conflict("these two entries are already marked as conflicting")
            }
            let conflict = ConflictModel()
            conflict.incidentID = incidentID
            conflict.entryA = a
            conflict.entryB = b
            conflict.note = note
            conflict.markedBy = author.username
            conflict.markedAt = at
            try await conflict.create(on: db)
            try await Journal.append(
                ConflictMarked(ConflictPayload(conflict)), on: db, actor: author.username,
                organisation: author.organisation, incident: incidentID)
            return conflict
        }
    }

    func resolveConflict(_ id: UUID, resolution: String, in incidentID: UUID, by author: Author) async throws -> ConflictModel {
        let at = now()
        return try await context.write(on: db) { db in
            try await RecordStore.requireOpen(incidentID, on: db)
            guard let conflict = try await ConflictModel.find(id, on: db), conflict.incidentID == incidentID else {
                throw Problem.notFound("no conflict with id \(id) in this incident")
            }
            guard conflict.resolvedAt == nil else { throw Problem.conflict("the conflict was already resolved") }
            conflict.resolvedAt = at
            conflict.resolvedBy = author.username
            conflict.resolution = resolution
            try await conflict.update(on: db)
            try await Journal.append(
                ConflictResolved(ConflictPayload(conflict)), on: db, actor: author.username,
                organisation: author.organisation, incident: incidentID)
            return conflict
        }
    }

    /// Conflicts open at `instant`.
    func openConflicts(of incidentID: UUID, at instant: Int64) async throws -> [ConflictModel] {
        try await ConflictModel.query(on: db).filter(\.$incidentID == incidentID).filter(\.$markedAt <= instant)
            .group(.or) { $0.filter(\.$resolvedAt == nil).filter(\.$resolvedAt > instant) }.sort(\.$markedAt).all()
    }

    // MARK: Logbook

    /// Every change of the incident after `since` and up to `until` (microseconds), oldest first.
    func logbook(of incidentID: UUID, since: Int64?, until: Int64? = nil, limit: Int = 1000) async throws
        -> [JournalEventModel]
    {
        var query = JournalEventModel.query(on: db)
            .join(IncidentJournalModel.self, on: \JournalEventModel.$id == \IncidentJournalModel.$id)
            .filter(IncidentJournalModel.self, \.$incidentID == incidentID)
        if let since { query = query.filter(\.$recordedAt >= JournalTime.string(from: Microseconds.date(since))) }
        if let until { query = query.filter(\.$recordedAt <= JournalTime.string(from: Microseconds.date(until))) }
        return try await query.sort(\.$id).limit(limit).all()
    }

    // MARK: Helpers

    static func incidentVersion(
        incidentID: UUID, number: Int, state: IncidentState, json: String, at: Int64, author: Author
    ) -> IncidentVersionModel {
        let version = IncidentVersionModel()
        version.incidentID = incidentID
        version.version = number
        version.validFrom = at
        version.author = author.username
        version.authorOrganisation = author.organisation
        version.state = json
        version.title = state.title
        version.status = state.status.rawValue
        version.grip = state.grip.rawValue
        version.phase = state.phase.rawValue
        version.leadRegion = state.leadRegion.rawValue
        version.regions = "," + state.involvedRegions.map(\.rawValue).sorted().joined(separator: ",") + ","
        return version
    }

    /// The state a version's JSON holds. A request about an incident decodes its current state several times
    /// (access, scope, whether it is open); the states decoded last are kept by their JSON text, which
    /// determines them, so a text seen before is not decoded again (decision 0035, the write path).
    static func decodeState(_ version: IncidentVersionModel) throws -> IncidentState {
        let json = version.state
        if let known = decodedStates.withLockedValue({ $0[json] }) { return known }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        let state = try decoder.decode(IncidentState.self, from: Data(json.utf8))
        decodedStates.withLockedValue { states in
            if states.count >= 512 { states.removeAll(keepingCapacity: true) }
            states[json] = state
        }
        return state
    }

    private static let decodedStates = NIOLockedValueBox<[String: IncidentState]>([:])

    /// Replaces `current` with its successor after `change`, if `baseVersion` is still current, and
    /// journals it: the one way versioned rows (entries, plots) change.
    static func supersede<Version: SupersedableVersion>(
        _ current: Version, baseVersion: Int, what: String, at: Int64, by author: Author, incident: UUID,
        on db: Database, change: (Version) throws -> Void, event: (Version) -> any JournalEvent
    ) async throws -> Version {
        try checkBase(baseVersion, current.version, what: what)
        let next = current.successor(
            version: current.version + 1, validFrom: at, author: author.username, organisation: author.organisation)
        try change(next)
        current.validTo = at
        try await current.update(on: db)
        try await next.create(on: db)
        try await Journal.append(
            event(next), on: db, actor: author.username, organisation: author.organisation, incident: incident)
        return next
    }

    static func checkBase(_ base: Int, _ current: Int, what: String) throws {
        if case .stale(let currentVersion) = EditCheck.check(baseVersion: base, currentVersion: current) {
            throw Problem(
                status: .conflict,
                detail: "the \(what) was changed since version \(base); the current version is \(currentVersion). "
                    + "Reload, look at the change, and edit that version.",
                headers: ["X-Current-Version": String(currentVersion)], field: "baseVersion")
        }
    }

    static func validate(_ new: IncidentState, replacing old: IncidentState?) throws {
        do {
            try IncidentRules.validate(new, replacing: old)
        } catch {
            throw Problem.invalid(error.message, field: error.field)
        }
    }

    static func checkEntryText(_ text: String, source: String) throws {
        guard (1...5000).contains(text.trimmingCharacters(in: .whitespacesAndNewlines).count) else {
            throw Problem.invalid("field 'text' must be 1 to 5000 characters long", field: "text")
        }
        guard (1...200).contains(source.trimmingCharacters(in: .whitespacesAndNewlines).count) else {
            throw Problem.invalid("field 'source' must say who or what reported it (1 to 200 characters)", field: "source")
        }
    }
}

/// Journal payloads of the picture, from the rows they record.
extension IncidentVersionPayload {
    init(_ model: IncidentVersionModel, state: IncidentState, exercise: Bool) {
        self.init(
            incident: model.incidentID, version: model.version, state: state, exercise: exercise,
            digest: RowDigest.incident(model))
    }
}

extension EntryVersionPayload {
    init(_ model: EntryVersionModel) {
        self.init(
            incident: model.incidentID, entry: model.entryID, version: model.version, theme: model.theme, text: model.text,
            source: model.source, verification: model.verification, admitted: model.admittedAt != nil,
            classification: model.classification, awaitingAdmission: model.awaitingAdmission,
            authorOrganisation: model.authorOrganisation, onBehalfOf: model.onBehalfOf, digest: RowDigest.entry(model))
    }
}

extension ConflictPayload {
    init(_ model: ConflictModel) {
        self.init(
            incident: model.incidentID, conflict: model.id, entries: [model.entryA, model.entryB], note: model.note,
            resolution: model.resolution)
    }
}
