import Fluent
import Foundation
import KnooppuntCore
import Vapor

/// Use cases of one signed-in person: the person, the database and the node's context.
protocol UserUseCases {
    init(user: CurrentUser, db: Database, context: KnooppuntContext)
}

extension UserUseCases {
    /// The use cases of the request's signed-in user.
    init(_ req: Request) throws {
        self.init(user: try req.requireUserExplaining(), db: req.db, context: req.knooppunt)
    }
}

/// The incident use cases, one method each: the access it needs, its rules, and the write. The JSON API
/// (`decodeStrict`) and the web forms (`decodeForm`) decode the same input type and call the same
/// method, so both entrances ask the policy the same question and apply the same rules. The input is read after
/// the incident is authorised (an `@autoclosure`), so a user who may not see the incident learns
/// nothing from the answer to a malformed body.
struct IncidentCommands: UserUseCases {
    let user: CurrentUser
    let db: Database
    let context: KnooppuntContext

    var now: Date { context.clock.now() }
    private var pictures: PictureStore { PictureStore(db: db, context: context) }
    var records: RecordStore { RecordStore(db: db, context: context) }

    /// Loads the incident and checks `action` for this user (404/403 as `IncidentAccess` answers).
    func open(_ id: UUID, for action: AccessAction) async throws -> AuthorisedIncident {
        try await IncidentAccess.authorise(user.subject, incident: id, action, on: db, at: now)
    }

    // MARK: Incidents

    /// Opens an incident led by the user's own region.
    func create(_ input: CreateIncidentInput) async throws -> (IncidentModel, IncidentVersionModel) {
        let decision = AccessPolicy.decide(user.subject, .create, incident: nil, at: now)
        guard decision.allowed, let ownRegion = user.subject.regionCode else { throw Problem.forbidden(decision.reason) }
        let involved = input.involvedRegions ?? [ownRegion]
        guard involved.contains(ownRegion) else {
            throw Problem.invalid("your own region \(ownRegion) must be among the involved regions", field: "involvedRegions")
        }
        let state = IncidentState(
            title: input.title.trimmingCharacters(in: .whitespacesAndNewlines), category: input.category,
            location: input.location?.jsonText, startedAt: input.startedAt ?? now,
            classification: input.classification ?? .incident, vitalInterests: input.vitalInterests ?? [],
            grip: input.grip ?? .routine, gripReason: IncidentCommands.given(input.gripReason), phase: input.phase ?? .respons,
            involvedRegions: involved, leadRegion: ownRegion)
        // Opening an incident at GRIP 3 or higher, or as a crisis or ramp, is that decision (decision 0020).
        let baseline = IncidentState(
            title: state.title, category: state.category, location: state.location, startedAt: state.startedAt,
            involvedRegions: state.involvedRegions, leadRegion: state.leadRegion)
        let actions = GovernanceAction.decided(from: baseline, to: state)
        if !actions.isEmpty {
            try PictureStore.validate(state, replacing: nil)
            let actor = try await GovernanceDirectory.actor(for: user, on: db, at: now)
            let authority = try await IncidentAuthority.derive(state, plots: [], on: db, at: now)
            for action in actions {
                switch AuthorityPermission.decide(actor, action, authority: authority, at: now) {
                case .decide: continue
                case .propose(let reason):
                    let names = try await GovernanceDirectory.Names.load(on: db)
                    var problem = Problem.forbidden(
                        "\(action.label.en): \(names.replacing(reason.en)) — open the incident at GRIP 0 to 2 and put the rest as a proposal")
                    problem.dutch = "\(action.label.nl): \(names.replacing(reason.nl)). Open het incident op GRIP 0 tot 2 en leg de rest voor als voorstel."
                    throw problem
                case .refuse(let reason):
                    var problem = Problem.forbidden(reason.en)
                    problem.dutch = reason.nl
                    throw problem
                }
            }
        }
        let version = try await pictures.createIncident(state, exercise: input.exercise ?? false, by: user.author)
        return (try await IncidentAccess.incident(version.incidentID, on: db), version)
    }

    /// Changes the incident: GRIP (with its reason), phase, status, area, regions, and the recorded
    /// significance, stage and declaration. Linking partner themes to the picture is regie (the IM or HIN).
    /// A change of GRIP (3 and up) or classification must be the user's to decide (decision 0020):
    /// otherwise 403 naming who decides, and how to propose it.
    func update(_ id: UUID, _ input: @autoclosure () throws -> UpdateIncidentInput) async throws
        -> (IncidentModel, IncidentVersionModel)
    {
        switch try await update(id, try input(), proposeInstead: false) {
        case .updated(let incident, let version): return (incident, version)
        case .proposed: throw Problem.forbidden("the change was put as a proposal")
        }
    }

    /// The change, once bestuurlijk gezag allows it.
    func write(_ input: UpdateIncidentInput, to target: AuthorisedIncident) async throws -> (IncidentModel, IncidentVersionModel) {
        (target.incident, try await write(input, to: target) { _, _ in })
    }

    /// `write`, with `also` appending to the journal in the same transaction as the new version.
    func write(
        _ input: UpdateIncidentInput, to target: AuthorisedIncident,
        also: @escaping @Sendable (IncidentVersionModel, Database) async throws -> Void
    ) async throws -> IncidentVersionModel {
        let id = try target.incident.requireID()
        if input.linkedPartners != nil {
            try await IncidentAccess.require(user.subject, .init(action: .admitEntry), incident: id, scope: target.scope, on: db, at: now)
        }
        let (author, at) = (user.author, Microseconds.from(now))
        return try await context.write(on: db) { db in
            let version = try await PictureStore.changeIncident(id, baseVersion: input.baseVersion, by: author, at: at, on: db) {
                input.apply(to: &$0)
            }
            try await also(version, db)
            return version
        }
    }

    /// Records a review of the incident's scale and distribution of authority (C13, 002:L845-848): the
    /// next one is due an interval after it.
    func recordReview(of id: UUID, _ input: @autoclosure () throws -> ScaleReviewInput) async throws -> ScaleReviewModel {
        let target = try await open(id, for: .editIncident)
        let input = try input()
        return try await ScaleReviews(db: db, context: context).record(input, for: target, by: user.author)
    }

    /// A text field as given: blank counts as not given.
    static func given(_ text: String?) -> String? {
        guard let trimmed = text?.trimmingCharacters(in: .whitespacesAndNewlines), !trimmed.isEmpty else { return nil }
        return trimmed
    }

    // MARK: Entries

    /// Adds an entry on the policy's terms for this writer: its theme, classification, whether it waits
    /// for admission, and the partner a liaison enters it for.
    func addEntry(to id: UUID, _ input: @autoclosure () throws -> AddEntryInput) async throws -> EntryVersionModel {
        let target = try await open(id, for: .read)
        return try await addEntry(try input(), to: target)
    }

    /// `addEntry` for an incident already authorised for reading (a SitRap entered for a partner).
    func addEntry(_ input: AddEntryInput, to target: AuthorisedIncident) async throws -> EntryVersionModel {
        let id = try target.incident.requireID()
        let terms = try await AccessService.entryTerms(
            user, theme: input.theme, classification: input.classification, onBehalfOf: input.onBehalfOf, incident: id,
            scope: target.scope, at: now, on: db)
        let entry = PictureStore.NewEntry(
            theme: terms.theme, text: input.text, source: input.source, observedAt: Microseconds.from(input.observedAt ?? now),
            priority: input.priority ?? .normaal, location: input.location?.jsonText, classification: terms.classification,
            awaitingAdmission: terms.awaitingAdmission, onBehalfOf: terms.onBehalfOf)
        return try await pictures.addEntry(entry, to: id, by: user.author)
    }

    /// A kern partner imports entries from its own netcentric picture into its theme; the external id
    /// makes the import repeatable (a changed entry becomes a new version, an unchanged one nothing).
    func importEntries(into id: UUID, _ input: @autoclosure () throws -> ImportEntriesInput) async throws -> PictureStore.ImportOutcome {
        let target = try await open(id, for: .read)
        let theme = Theme.partner(user.organisationCode)
        try await IncidentAccess.require(user.subject, .init(action: .importEntries, theme: theme), incident: id, scope: target.scope, on: db, at: now)
        let input = try input()
        let now = self.now
        for (index, item) in input.entries.enumerated() {
            let level = item.classification ?? .internal
            let read = try await AccessService.decide(
                user.subject, .init(action: .read, classification: level), incident: id, scope: target.scope, at: now, on: db)
            guard read.decision.allowed else {
                throw Problem.forbidden("entries[\(index)]: you cannot mark information \(level.rawValue) that you may not read")
            }
        }
        let entries = input.entries.map { item in
            (externalID: item.externalId, entry: PictureStore.NewEntry(
                theme: theme, text: item.text, source: item.source ?? "netcentrisch beeld \(user.organisationCode)",
                observedAt: Microseconds.from(item.observedAt ?? now), priority: item.priority ?? .normaal,
                location: item.location?.jsonText, classification: item.classification ?? .internal),
             observedGiven: item.observedAt != nil)
        }
        return try await pictures.importEntries(entries, to: id, by: user.author)
    }

    /// Changes an entry the user may write, as it is and as it becomes (its theme, its classification).
    /// A change that leaves the entry as it was is refused: it would only add a version that says nothing.
    func changeEntry(_ entryID: UUID, in id: UUID, _ input: @autoclosure () throws -> UpdateEntryInput) async throws -> EntryVersionModel {
        let target = try await open(id, for: .read)
        let input = try input()
        let terms = try await mayChangeEntry(entryID, in: id, scope: target.scope, theme: input.theme, classification: input.classification)
        return try await pictures.changeEntry(entryID, in: id, baseVersion: input.baseVersion, by: user.author, kind: EntryUpdated.self) { next in
            let before = EntryContent(next)
            // A writer whose entries wait for the IM (structureel, a liaison) changes one: the change waits
            // again, out of the shared picture and unverified, until the IM admits it (decision 0027 §8).
            if terms.awaitingAdmission {
                next.awaitingAdmission = true
                next.admittedBy = nil
                next.admittedAt = nil
                next.verification = VerificationStatus.unverified.rawValue
                next.verifiedBy = nil
                next.verifiedAt = nil
            }
            if let theme = input.theme { next.theme = theme.description }
            if let text = input.text { next.text = text }
            if let source = input.source { next.source = source }
            if let observedAt = input.observedAt { next.observedAt = Microseconds.from(observedAt) }
            if let priority = input.priority { next.priority = priority.rawValue }
            if let location = input.location { next.location = location.jsonText }
            if let classification = input.classification { next.classification = classification.rawValue }
            guard EntryContent(next) != before else { throw Problem.invalid("nothing changes: the entry already reads so") }
        }
    }

    /// Whether the user may change the entry, as it is and as it becomes; the terms of the entry as it becomes.
    private func mayChangeEntry(_ entryID: UUID, in id: UUID, scope: IncidentScope, theme: Theme?, classification: Classification?)
        async throws -> AccessService.EntryTerms
    {
        let now = self.now
        guard let current = try await pictures.entryVersions(entryID, in: id).last,
            try await AccessService.reader(user.subject, incident: id, scope: scope, at: now, on: db).sees(current)
        else { throw Problem.notFound("no entry with id \(entryID) in this incident") }
        let currentTheme = Theme(current.theme) ?? .algemeen
        let currentClassification = Classification(rawValue: current.classification) ?? .confidential
        let terms = try await AccessService.entryTerms(
            user, theme: currentTheme, classification: currentClassification, onBehalfOf: current.onBehalfOf, incident: id,
            scope: scope, at: now, on: db)
        guard theme != nil || classification != nil else { return terms }
        return try await AccessService.entryTerms(
            user, theme: theme ?? currentTheme, classification: classification ?? currentClassification,
            onBehalfOf: current.onBehalfOf, incident: id, scope: scope, at: now, on: db)
    }

    func verifyEntry(_ entryID: UUID, in id: UUID, _ input: @autoclosure () throws -> VerificationInput) async throws -> EntryVersionModel {
        _ = try await open(id, for: .verifyEntry)
        let input = try input()
        return try await pictures.setVerification(input.status, of: entryID, in: id, baseVersion: input.baseVersion, by: user.author)
    }

    /// The IM admits an entry into the shared summary, or takes it out again.
    func admitEntry(_ entryID: UUID, in id: UUID, _ input: @autoclosure () throws -> AdmissionInput) async throws -> EntryVersionModel {
        _ = try await open(id, for: .admitEntry)
        let input = try input()
        return try await pictures.setAdmission(input.admitted, of: entryID, in: id, baseVersion: input.baseVersion, by: user.author)
    }

    /// Marks an entry for national sharing (or ends it): this and every later version go to the national
    /// node, while it stays in the shared picture at internal or lower. The IM (regie) decides.
    @discardableResult
    func shareNationally(_ shared: Bool, entry entryID: UUID, in id: UUID) async throws -> NationalShareModel? {
        _ = try await open(id, for: .verifyEntry)
        return try await NationalSharing.mark(shared, entry: entryID, incident: id, by: user.author, context: context, on: db)
    }

    // MARK: Regie: conflicts

    /// Marks two entries as conflicting; both stay visible until the IM resolves it.
    func markConflict(in id: UUID, _ input: @autoclosure () throws -> ConflictInput) async throws -> ConflictModel {
        _ = try await open(id, for: .addEntry)
        let input = try input()
        return try await pictures.markConflict(input.entries[0], input.entries[1], note: input.note, in: id, by: user.author)
    }

    func resolveConflict(_ conflictID: UUID, in id: UUID, _ input: @autoclosure () throws -> ResolutionInput) async throws -> ConflictModel {
        _ = try await open(id, for: .admitEntry)
        let input = try input()
        return try await pictures.resolveConflict(conflictID, resolution: input.resolution, in: id, by: user.author)
    }

    // MARK: Decisions and actions

    func recordDecision(in id: UUID, _ input: @autoclosure () throws -> CreateDecisionInput) async throws -> RecordVersionModel {
        let target = try await open(id, for: .recordDecision)
        let input = try input()
        var decision = DecisionBody(
            team: input.team, text: input.text, decidedAt: input.decidedAt ?? now, decidedBy: input.decidedBy,
            reason: IncidentCommands.given(input.reason))
        decision.decisionPoint = input.decisionPoint
        try IncidentRequest.checked { () throws(PictureRuleViolation) in try RecordRules.validate(decision) }
        // A decision that answers a besluitpunt answers an open one (decision 0024).
        if let point = input.decisionPoint { try await requireOpenPoint(point, in: id) }
        // The authority it was taken under, as it stands when it is recorded (C10, decision 0020).
        let authority = try await IncidentAuthority.forDecisions(target, context: context, on: db)
        let assessment = DecisionAuthority.assess(input.team, authority: authority)
        let names = try await GovernanceDirectory.Names.load(gemeenten: authority.municipalities.map(\.code.rawValue), on: db)
        decision.authority = assessment.operational
            ? "operationele leiding (\(input.team.label.nl))"
            : assessment.holders.isEmpty ? "geen bevoegd gezag vastgelegd" : assessment.holders.map { names.callName($0.label).nl }.joined(separator: ", ")
        decision.outsideAuthority = assessment.outside
        return try await records.create(decision, in: id, by: user.author)
    }

    /// Changes a decision; revoking it keeps it in the list, struck through, and in every earlier picture.
    func changeDecision(_ recordID: UUID, in id: UUID, _ input: @autoclosure () throws -> UpdateDecisionInput) async throws
        -> RecordVersionModel
    {
        _ = try await open(id, for: .recordDecision)
        let input = try input()
        return try await records.update(
            recordID, in: id, baseVersion: input.baseVersion, by: user.author, as: DecisionBody.self,
            validate: { decision in try IncidentRequest.checked { () throws(PictureRuleViolation) in try RecordRules.validate(decision) } }
        ) { decision in
            if let team = input.team { decision.team = team }
            if let text = input.text { decision.text = text }
            if let decidedAt = input.decidedAt { decision.decidedAt = decidedAt }
            if let decidedBy = input.decidedBy { decision.decidedBy = decidedBy }
            if let revoked = input.revoked { decision.revoked = revoked }
            if let reason = input.reason { decision.reason = IncidentCommands.given(reason) }
        }
    }

    func recordAction(in id: UUID, _ input: @autoclosure () throws -> CreateActionInput) async throws -> RecordVersionModel {
        _ = try await open(id, for: .addEntry)
        let input = try input()
        let action = ActionBody(text: input.text, owner: input.owner.uppercased(), deadline: input.deadline, decision: input.decision)
        try IncidentRequest.checked { () throws(PictureRuleViolation) in try RecordRules.validate(action) }
        try await IncidentRequest.requireOrganisation(action.owner, on: db)
        return try await records.create(action, in: id, by: user.author)
    }

    func changeAction(_ recordID: UUID, in id: UUID, _ input: @autoclosure () throws -> UpdateActionInput) async throws -> RecordVersionModel {
        _ = try await open(id, for: .addEntry)
        let input = try input()
        if let owner = input.owner { try await IncidentRequest.requireOrganisation(owner.uppercased(), on: db) }
        return try await records.update(
            recordID, in: id, baseVersion: input.baseVersion, by: user.author, as: ActionBody.self,
            validate: { action in try IncidentRequest.checked { () throws(PictureRuleViolation) in try RecordRules.validate(action) } }
        ) { action in
            if let text = input.text { action.text = text }
            if let owner = input.owner { action.owner = owner.uppercased() }
            if let deadline = input.deadline { action.deadline = deadline }
            if let status = input.status { action.status = status }
        }
    }
}

/// What a writer can change in an entry, to tell a change from a repetition.
private struct EntryContent: Equatable {
    let theme, text, source, priority, classification: String
    let observedAt: Int64
    let location: String?

    init(_ entry: EntryVersionModel) {
        (theme, text, source, priority, classification) = (entry.theme, entry.text, entry.source, entry.priority, entry.classification)
        (observedAt, location) = (entry.observedAt, entry.location)
    }
}
