import Fluent
import Foundation
import KnooppuntCore
import Vapor

struct ProposalInput: StrictDecodable {
    var grip: GRIPLevel?
    var classification: CrisisClassification?
    var reason: String
    enum CodingKeys: String, CodingKey, CaseIterable { case grip, classification, reason }

    func validate() throws {
        guard grip != nil || classification != nil else {
            throw Problem.invalid("a proposal names a GRIP level ('grip') or a classification ('classification')", field: "grip")
        }
        try IncidentRequest.checked { () throws(PictureRuleViolation) in try RecordRules.text(reason, field: "reason", maximum: 2000) }
    }
}

struct ProposalDecisionInput: StrictDecodable {
    var reason: String?
    enum CodingKeys: String, CodingKey, CaseIterable { case reason }

    func validate() throws {
        if let reason { try IncidentRequest.checked { () throws(PictureRuleViolation) in try RecordRules.text(reason, field: "reason", maximum: 2000) } }
    }
}

/// A proposal to the competent authority as the API and the incident page show it.
struct ProposalView: Content {
    var id: UUID
    var incident: UUID
    var grip: GRIPLevel?
    var classification: CrisisClassification?
    /// What it proposes, in words: "GRIP 3 (lokaal)".
    var proposes: AuthorityView.LabelText
    var reason: String
    /// Who decides it, as the authority stood when it was made.
    var addressedTo: [String]
    var proposedBy: String
    var proposedByOrganisation: String
    var proposedAt: Date
    /// open, accepted, rejected or withdrawn.
    var status: String
    var decidedBy: String?
    var decidedAs: String?
    var underMandateOf: String?
    var decisionReason: String?
    var decidedAt: Date?
    /// The incident version an accepted proposal produced.
    var incidentVersion: Int?
    /// Whether the reader may accept or reject it now.
    var mayDecide: Bool
    /// Whether the reader made it (and may withdraw it).
    var mine: Bool
}

/// What an incident change needs from bestuurlijk gezag.
enum GovernanceOutcome {
    case updated(IncidentModel, IncidentVersionModel)
    /// The change was not the user's to decide; it went to the competent authority as a proposal.
    case proposed(ProposalView)
}

extension IncidentCommands {
    /// The decisions of bestuurlijk gezag in the change from `old` to `new` that the user may not take:
    /// each with why, and who decides instead. Empty when the user may make the change.
    func undecidable(_ target: AuthorisedIncident, from old: IncidentState, to new: IncidentState) async throws
        -> [(action: GovernanceAction, verdict: AuthorityVerdict)]
    {
        try await directVerdicts(target, from: old, to: new).filter { !$0.verdict.decides }
    }

    /// The verdict on each decision of bestuurlijk gezag in the change from `old` to `new`; empty when
    /// the change holds none (an operational GRIP change, a title).
    private func directVerdicts(_ target: AuthorisedIncident, from old: IncidentState, to new: IncidentState) async throws
        -> [(action: GovernanceAction, verdict: AuthorityVerdict)]
    {
        let actions = GovernanceAction.decided(from: old, to: new)
        guard !actions.isEmpty else { return [] }
        let (actor, authority) = try await governance(target)
        return try await verdicts(actions, actor: actor, authority: authority, target: target, producing: new)
    }

    /// The one verdict loop for every decision of bestuurlijk gezag on an incident — a direct change, a
    /// proposal accepted or rejected, the proposal list's "may decide": each action's verdict for the
    /// actor. Taking over authority (scaling to the regional level) in the same change: the rest of the
    /// change is decided by the authority it produces, so a voorzitter can scale up and declare a ramp at once.
    func verdicts(
        _ actions: [GovernanceAction], actor: GovernanceActor, authority: CompetentAuthority, target: AuthorisedIncident,
        producing new: IncidentState
    ) async throws -> [(action: GovernanceAction, verdict: AuthorityVerdict)] {
        let verdicts = actions.map { (action: $0, verdict: AuthorityPermission.decide(actor, $0, authority: authority, at: now)) }
        let tookOver = verdicts.contains { $0.verdict.decides && AuthorityPermission.isTakeOver($0.action, authority) }
        guard tookOver, verdicts.contains(where: { !$0.verdict.decides }) else { return verdicts }
        let after = try await IncidentAuthority.forDecisions(target, state: new, context: context, on: db)
        return verdicts.map { item in
            item.verdict.decides ? item : (item.action, AuthorityPermission.decide(actor, item.action, authority: after, at: now))
        }
    }

    /// As whom the actor decides every one of `verdicts` (the first holder) and under whose mandate;
    /// 403 naming the first action they may not decide.
    static func decidedAs(_ verdicts: [(action: GovernanceAction, verdict: AuthorityVerdict)]) throws -> (AuthorityHolder, AuthorityOffice?) {
        var result: (AuthorityHolder, AuthorityOffice?)?
        for (action, verdict) in verdicts {
            switch verdict {
            case .decide(let holder, let obligations):
                var mandate: AuthorityOffice?
                for case .actsUnderMandate(let office) in obligations { mandate = office }
                result = result ?? (holder, mandate)
            case .propose(let reason), .refuse(let reason):
                var problem = Problem.forbidden("only the competent authority decides \(action.label.en): \(reason.en)")
                problem.dutch = "Alleen het bevoegd gezag besluit hierover (\(action.label.nl)): \(reason.nl)"
                throw problem
            }
        }
        guard let result else { throw Problem.forbidden("only the competent authority decides this proposal") }
        return result
    }

    private func governance(_ target: AuthorisedIncident) async throws -> (GovernanceActor, CompetentAuthority) {
        let actor = try await GovernanceDirectory.actor(for: user, on: db, at: now)
        let authority = try await IncidentAuthority.forDecisions(target, context: context, on: db)
        return (actor, authority)
    }

    /// The change refused, naming who decides and how to propose it instead.
    func refusal(_ undecided: [(action: GovernanceAction, verdict: AuthorityVerdict)], incident id: UUID) async throws -> Problem {
        let names = try await GovernanceDirectory.Names.load(on: db)
        let reasons = undecided.map { item -> String in
            switch item.verdict {
            case .propose(let reason), .refuse(let reason): "\(item.action.label.en): \(names.replacing(reason.en))"
            case .decide: ""
            }
        }
        let canPropose = undecided.contains { if case .propose = $0.verdict { true } else { false } }
        return Problem.forbidden(
            reasons.joined(separator: "; ")
                + (canPropose ? " — put it to the competent authority as a proposal: POST /api/v1/incidents/\(id)/proposals" : ""))
    }

    /// Changes the incident; a change the user may not decide (GRIP 3 and up, declaring a crisis or ramp)
    /// is refused, or — from the page, `proposeInstead` — put to the competent authority as a proposal.
    func update(_ id: UUID, _ input: @autoclosure () throws -> UpdateIncidentInput, proposeInstead: Bool) async throws
        -> GovernanceOutcome
    {
        let target = try await open(id, for: .editIncident)
        let input = try input()
        let old = try PictureStore.decodeState(target.version)
        var new = old
        input.apply(to: &new)
        // The incident's own rules first: a change they refuse is refused whoever asks.
        if new != old { try PictureStore.validate(new, replacing: old) }
        let verdicts = try await directVerdicts(target, from: old, to: new)
        let undecided = verdicts.filter { !$0.verdict.decides }
        if !undecided.isEmpty {
            guard proposeInstead, undecided.allSatisfy({ if case .propose = $0.verdict { true } else { false } }) else {
                throw try await refusal(undecided, incident: id)
            }
            let reason = IncidentCommands.given(input.gripReason) ?? ""
            let proposal = ProposalInput(
                grip: new.grip != old.grip ? new.grip : nil,
                classification: new.classification != old.classification ? new.classification : nil, reason: reason)
            try proposal.validate()
            return .proposed(try await propose(to: id, proposal))
        }
        guard !verdicts.isEmpty else {
            let (incident, version) = try await write(input, to: target)
            return .updated(incident, version)
        }
        // A decision of the competent authority: the version and as whom it was decided, in one write.
        let (holder, mandate) = try Self.decidedAs(verdicts)
        let names = try await GovernanceDirectory.Names.load(on: db)
        let decidedAs = names.callName(holder.label).nl
        let decided = verdicts.map(\.action.label.nl)
        let version = try await write(input, to: target) { version, db in
            try await Journal.append(
                IncidentAuthorityExercised(
                    incident: id, incidentVersion: version.version, decided: decided, decidedAs: decidedAs, underMandateOf: mandate?.code),
                on: db, actor: user.username, organisation: user.organisationCode, incident: id)
        }
        return .updated(target.incident, version)
    }

    // MARK: Proposals

    /// The incident's proposals, newest first; they are internal information of the incident.
    func proposals(of id: UUID) async throws -> [ProposalView] {
        let target = try await open(id, for: .read)
        try await IncidentAccess.require(
            user.subject, .init(action: .read, classification: .internal, wholePicture: true), incident: id, scope: target.scope, on: db, at: now)
        let rows = try await ProposalModel.query(on: db).filter(\.$incidentID == id).sort(\.$proposedAt, .descending).all()
        return try await views(rows, target: target)
    }

    /// Puts a GRIP level or a classification to the competent authority.
    func propose(to id: UUID, _ input: @autoclosure () throws -> ProposalInput) async throws -> ProposalView {
        let target = try await open(id, for: .read)
        try await IncidentAccess.require(
            user.subject, .init(action: .read, classification: .internal, wholePicture: true), incident: id, scope: target.scope, on: db, at: now)
        guard target.scope.status == .open else { throw Problem.conflict("the incident is closed; proposals are for open incidents") }
        let input = try input()
        let old = try PictureStore.decodeState(target.version)
        var new = proposed(input.grip, input.classification, on: old)
        if new.grip != old.grip { new.gripReason = input.reason }
        let actions = GovernanceAction.decided(from: old, to: new)
        guard !actions.isEmpty else {
            throw Problem.invalid(
                new == old
                    ? "the incident is at this GRIP level and classification already"
                    : "GRIP 0 to 2 is set by the operational leadership directly; nothing to propose to the bestuur",
                field: input.grip != nil ? "grip" : "classification")
        }
        try PictureStore.validate(new, replacing: old)
        let (actor, authority) = try await governance(target)
        for action in actions {
            if case .refuse(let reason) = AuthorityPermission.decide(actor, action, authority: authority, at: now) {
                throw Problem.forbidden(reason.en)
            }
        }
        let names = try await GovernanceDirectory.Names.load(gemeenten: authority.municipalities.map(\.code.rawValue), on: db)
        let addressedTo = addressees(actions, authority: authority).map { names.callName($0.label).nl }
        let at = now
        let row = try await context.write(on: db) { db in
            let row = ProposalModel()
            row.id = NewID.next()
            row.incidentID = id
            row.baseVersion = target.version.version
            row.grip = input.grip?.rawValue
            row.classification = input.classification?.rawValue
            row.reason = input.reason.trimmingCharacters(in: .whitespacesAndNewlines)
            row.addressedTo = addressedTo.joined(separator: "\n")
            row.proposedBy = user.username
            row.proposedByOrganisation = user.organisationCode
            row.proposedAt = Microseconds.from(at)
            row.status = ProposalModel.Status.open.rawValue
            try await row.create(on: db)
            try await Journal.append(
                ProposalMade(
                    incident: id, proposal: try row.requireID(), grip: row.grip, classification: row.classification,
                    reason: row.reason, addressedTo: addressedTo),
                on: db, actor: user.username, organisation: user.organisationCode, incident: id)
            return row
        }
        return try await views([row], target: target)[0]
    }

    /// The competent authority (or its mandatary) accepts: the incident takes the proposed GRIP level or
    /// classification in the same write that records the acceptance.
    func acceptProposal(_ proposalID: UUID, of id: UUID, _ input: @autoclosure () throws -> ProposalDecisionInput) async throws
        -> (ProposalView, IncidentVersionModel)
    {
        let (target, row) = try await openProposal(proposalID, of: id)
        let input = try input()
        let old = try PictureStore.decodeState(target.version)
        let new = proposed(row.grip.flatMap(GRIPLevel.init(rawValue:)), row.classification.flatMap(CrisisClassification.init(rawValue:)), on: old)
        let actions = GovernanceAction.decided(from: old, to: new)
        guard !actions.isEmpty else {
            throw Problem.conflict("the incident has changed since the proposal: it proposes nothing that is not already so; reject or withdraw it")
        }
        let (actor, authority) = try await governance(target)
        let (decidedAs, mandate) = try Self.decidedAs(
            try await verdicts(actions, actor: actor, authority: authority, target: target, producing: new))
        let names = try await GovernanceDirectory.Names.load(gemeenten: authority.municipalities.map(\.code.rawValue), on: db)
        let decidedAsName: String? = names.callName(decidedAs.label).nl
        let reason = IncidentCommands.given(input.reason)
        let at = now
        let author = user.author
        let usedMandate = mandate
        let (saved, version) = try await context.write(on: db) { db in
            guard let row = try await ProposalModel.find(proposalID, on: db), row.status == ProposalModel.Status.open.rawValue else {
                throw Problem.conflict("the proposal is no longer open")
            }
            let version = try await PictureStore.changeIncident(id, baseVersion: target.version.version, by: author, at: Microseconds.from(at), on: db) { state in
                state = new
                if new.grip != old.grip { state.gripReason = reason.map { "\(row.reason) — \($0)" } ?? row.reason }
            }
            row.status = ProposalModel.Status.accepted.rawValue
            row.decidedBy = user.username
            row.decidedAs = decidedAsName
            row.underMandateOf = usedMandate?.code
            row.decisionReason = reason
            row.decidedAt = Microseconds.from(at)
            row.resultVersion = version.version
            try await row.update(on: db)
            try await Journal.append(
                ProposalDecided(
                    incident: id, proposal: proposalID, outcome: ProposalModel.Status.accepted.rawValue, reason: reason,
                    decidedAs: decidedAsName, underMandateOf: usedMandate?.code, incidentVersion: version.version),
                on: db, actor: user.username, organisation: user.organisationCode, incident: id)
            return (row, version)
        }
        let refreshed = AuthorisedIncident(incident: target.incident, version: version, scope: try IncidentAccess.scope(version))
        return (try await views([saved], target: refreshed)[0], version)
    }

    /// The competent authority rejects a proposal, with a reason; or its maker withdraws it.
    func closeProposal(_ proposalID: UUID, of id: UUID, as outcome: ProposalModel.Status, _ input: @autoclosure () throws -> ProposalDecisionInput)
        async throws -> ProposalView
    {
        let (target, row) = try await openProposal(proposalID, of: id)
        let input = try input()
        let reason = IncidentCommands.given(input.reason)
        var decidedAsName: String?
        var mandate: AuthorityOffice?
        switch outcome {
        case .withdrawn:
            guard row.proposedBy == user.username else { throw Problem.forbidden("only who made a proposal withdraws it") }
        case .rejected:
            guard reason != nil else { throw Problem.invalid("a rejection gives its reason", field: "reason") }
            let (holder, office) = try await decider(for: row, target: target)
            let names = try await GovernanceDirectory.Names.load(on: db)
            decidedAsName = names.callName(holder.label).nl
            mandate = office
        case .open, .accepted:
            throw Problem.invalid("unreachable")
        }
        let at = now
        let (decidedAs, underMandate) = (decidedAsName, mandate)
        let saved = try await context.write(on: db) { db in
            guard let row = try await ProposalModel.find(proposalID, on: db), row.status == ProposalModel.Status.open.rawValue else {
                throw Problem.conflict("the proposal is no longer open")
            }
            row.status = outcome.rawValue
            row.decidedBy = user.username
            row.decidedAs = decidedAs
            row.underMandateOf = underMandate?.code
            row.decisionReason = reason
            row.decidedAt = Microseconds.from(at)
            try await row.update(on: db)
            try await Journal.append(
                ProposalDecided(
                    incident: id, proposal: proposalID, outcome: outcome.rawValue, reason: reason, decidedAs: decidedAs,
                    underMandateOf: underMandate?.code, incidentVersion: nil),
                on: db, actor: user.username, organisation: user.organisationCode, incident: id)
            return row
        }
        return try await views([saved], target: target)[0]
    }

    private func openProposal(_ proposalID: UUID, of id: UUID) async throws -> (AuthorisedIncident, ProposalModel) {
        let target = try await open(id, for: .read)
        try await IncidentAccess.require(
            user.subject, .init(action: .read, classification: .internal, wholePicture: true), incident: id, scope: target.scope, on: db, at: now)
        guard let row = try await ProposalModel.find(proposalID, on: db), row.incidentID == id else {
            throw Problem.notFound("no proposal \(proposalID) in this incident")
        }
        guard row.status == ProposalModel.Status.open.rawValue else {
            throw Problem.conflict("the proposal was \(row.status) already")
        }
        return (target, row)
    }

    /// As whom the user decides every action of the proposal; 403 when they may not.
    private func decider(for row: ProposalModel, target: AuthorisedIncident) async throws -> (AuthorityHolder, AuthorityOffice?) {
        let (actor, authority) = try await governance(target)
        return try await decider(for: row, target: target, actor: actor, authority: authority)
    }

    /// `decider(for:target:)` with the actor and the authority already loaded (one load for a list).
    private func decider(for row: ProposalModel, target: AuthorisedIncident, actor: GovernanceActor, authority: CompetentAuthority)
        async throws -> (AuthorityHolder, AuthorityOffice?)
    {
        let old = try PictureStore.decodeState(target.version)
        let new = proposed(row.grip.flatMap(GRIPLevel.init(rawValue:)), row.classification.flatMap(CrisisClassification.init(rawValue:)), on: old)
        let actions = GovernanceAction.decided(from: old, to: new).ifEmpty(fallback(row))
        return try Self.decidedAs(try await verdicts(actions, actor: actor, authority: authority, target: target, producing: new))
    }

    /// The actions a proposal asked for, when the incident has since moved so that it asks nothing new.
    private func fallback(_ row: ProposalModel) -> [GovernanceAction] {
        var actions: [GovernanceAction] = []
        if let grip = row.grip.flatMap(GRIPLevel.init(rawValue:)) { actions.append(.changeGRIP(to: grip)) }
        if let classification = row.classification.flatMap(CrisisClassification.init(rawValue:)) {
            actions.append(classification == .ramp ? .declareRamp : .declareCrisis)
        }
        return actions
    }

    private func proposed(_ grip: GRIPLevel?, _ classification: CrisisClassification?, on state: IncidentState) -> IncidentState {
        var new = state
        if let grip { new.grip = grip }
        if let classification { new.classification = classification }
        return new
    }

    /// Who decides the actions: the holders each action goes to (a take-over goes to the voorzitter).
    private func addressees(_ actions: [GovernanceAction], authority: CompetentAuthority) -> [AuthorityHolder] {
        var seen: Set<AuthorityHolder> = []
        return actions.flatMap { AuthorityPermission.deciders(of: $0, authority: authority) }.filter { seen.insert($0).inserted }
    }

    func views(_ rows: [ProposalModel], target: AuthorisedIncident) async throws -> [ProposalView] {
        let people = try await PeopleNames.load(
            usernames: rows.flatMap { [$0.proposedBy] + ($0.decidedBy.map { [$0] } ?? []) }, organisations: [], on: db)
        let open = rows.filter { $0.status == ProposalModel.Status.open.rawValue }
        var decidable: Set<UUID> = []
        if !open.isEmpty {
            // The actor and the authority once for the list, not once per open proposal.
            let (actor, authority) = try await governance(target)
            for row in open {
                if let id = row.id, (try? await decider(for: row, target: target, actor: actor, authority: authority)) != nil {
                    decidable.insert(id)
                }
            }
        }
        let names = try await GovernanceDirectory.Names.load(on: db)
        return rows.compactMap { row in
            guard let id = row.id else { return nil }
            let grip = row.grip.flatMap(GRIPLevel.init(rawValue:))
            let classification = row.classification.flatMap(CrisisClassification.init(rawValue:))
            let parts = [grip.map(\.scaleLabel), classification.map(\.label)].compactMap { $0 }
            return ProposalView(
                id: id, incident: row.incidentID, grip: grip, classification: classification,
                proposes: .init(nl: parts.map(\.nl).joined(separator: ", "), en: parts.map(\.en).joined(separator: ", ")),
                reason: row.reason, addressedTo: row.addressedTo.split(separator: "\n").map(String.init),
                proposedBy: people.person(row.proposedBy) ?? row.proposedBy, proposedByOrganisation: row.proposedByOrganisation,
                proposedAt: Microseconds.date(row.proposedAt), status: row.status, decidedBy: row.decidedBy.map { people.person($0) ?? $0 },
                decidedAs: row.decidedAs, underMandateOf: row.underMandateOf.flatMap(AuthorityOffice.init(code:)).map { names.callName($0.label).nl },
                decisionReason: row.decisionReason, decidedAt: row.decidedAt.map(Microseconds.date), incidentVersion: row.resultVersion,
                mayDecide: decidable.contains(id), mine: row.proposedBy == user.username)
        }
    }
}

extension Array {
    /// This array, or `fallback` when it is empty.
    func ifEmpty(_ fallback: @autoclosure () -> [Element]) -> [Element] { isEmpty ? fallback() : self }
}
