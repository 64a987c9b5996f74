import Fluent
import Foundation
import KnooppuntCore
import Vapor

/// One change in how authority over an incident was distributed (C13): when, by whom, what changed
/// and why, and the authority after it.
struct AuthorityChangeView: Content {
    var at: Date
    /// The incident version in force from then on, and its GRIP level.
    var version: Int
    var grip: GRIPLevel
    /// Who made the change: a display name (absent when the account is unknown here) and an
    /// organisation's name.
    var by: String?
    var organisation: String
    /// opened (the first), grip, significance, stage, declaration, classification, regions, area.
    var changes: [String]
    /// The reason given for the GRIP level, when it changed.
    var gripReason: String?
    /// The reason given for the significance, stage or declaration, when one of them changed.
    var reason: String?
    /// When the change was a decision of bestuurlijk gezag (directly or by accepting a proposal): the
    /// office it was decided as, and the office whose mandate was used (Dutch names).
    var decidedAs: String?
    var underMandateOf: String?
    var authority: AuthorityView
}

extension IncidentAuthority {
    /// Every moment the derived authority (holders, rule, significance, stage, opperbevel) changed, and
    /// every decision of bestuurlijk gezag: at each incident version and each change of a plot `user`
    /// counts towards the area, the authority is derived as it stood then; moments that leave it as it
    /// was and decided nothing are left out.
    static func history(_ target: AuthorisedIncident, for user: CurrentUser, context: KnooppuntContext, on db: Database)
        async throws -> [AuthorityChangeView]
    {
        let id = try target.incident.requireID()
        let versions = try await PictureStore(db: db, context: context).incidentVersions(id)
        let reader = try await AccessService.reader(user.subject, incident: id, scope: target.scope, at: context.clock.now(), on: db)
        let plots = try await visiblePlots(target, for: user, onlyCurrent: false, context: context, on: db, reader: reader)
        let moments = (versions.map { (at: $0.validFrom, author: $0.author, organisation: $0.authorOrganisation) }
            + plots.map { (at: $0.validFrom, author: $0.author, organisation: $0.authorOrganisation) })
            .enumerated().sorted { ($0.element.at, $0.offset) < ($1.element.at, $1.offset) }.map(\.element)
        let names = try await GovernanceDirectory.Names.load(on: db)
        // As whom decisions were taken belongs to the whole picture (decision 0027 §7); the distribution of
        // authority itself is the incident's header.
        let decisions = reader.scope.isWhole ? try await decisions(of: id, on: db) : [:]
        var changes: [(AuthorityChangeView, author: String)] = []
        var previous: (state: IncidentState, gemeenten: [String], view: AuthorityView)?
        var seen = Set<Int64>()
        for moment in moments where seen.insert(moment.at).inserted {
            guard let version = versions.last(where: { $0.validFrom <= moment.at }) else { continue }
            let state = try PictureStore.decodeState(version)
            let inForce = plots.filter { $0.validFrom <= moment.at && ($0.validTo.map { $0 > moment.at } ?? true) && !$0.removed }
            let (view, gemeenten) = try await derive(state, plots: inForce, names: names, on: db, at: Microseconds.date(moment.at))
            let before = previous
            previous = (state, gemeenten, view)
            // A decision of bestuurlijk gezag is kept even when it leaves the distribution as it was (GRIP 3
            // under the burgemeester who held authority at GRIP 1): who decided it, as whom, is the point.
            let decision = version.validFrom == moment.at ? decisions[version.version] : nil
            if let before, before.view.distribution == view.distribution, decision == nil { continue }
            let changed = before.map { what(changed: $0.state, $0.gemeenten, to: state, gemeenten) } ?? ["opened"]
            changes.append((
                AuthorityChangeView(
                    at: Microseconds.date(moment.at), version: version.version, grip: state.grip, by: nil, organisation: moment.organisation,
                    changes: changed, gripReason: changed.contains("grip") ? state.gripReason : nil,
                    reason: changed.contains(where: ["significance", "stage", "declaration"].contains) ? state.authorityReason : nil,
                    decidedAs: decision?.decidedAs,
                    underMandateOf: decision?.underMandateOf.flatMap(AuthorityOffice.init(code:)).map { names.callName($0.label).nl },
                    authority: view),
                moment.author))
        }
        let people = try await PeopleNames.load(usernames: changes.map(\.author), organisations: changes.map(\.0.organisation), on: db)
        return changes.map { change, author in
            var change = change
            change.by = people.person(author)
            change.organisation = people.organisation(change.organisation)
            return change
        }
    }

    /// The incident versions that were decisions of bestuurlijk gezag — a direct change or an accepted
    /// proposal — with the office decided as and the mandate used, from the incident's journal.
    private static func decisions(of incident: UUID, on db: Database) async throws
        -> [Int: (decidedAs: String, underMandateOf: String?)]
    {
        let kinds = [JournalKind.incidentAuthorityExercised, .proposalDecided].map(\.rawValue)
        let rows = try await JournalEventModel.query(on: db)
            .join(IncidentJournalModel.self, on: \JournalEventModel.$id == \IncidentJournalModel.$id)
            .filter(IncidentJournalModel.self, \.$incidentID == incident)
            .filter(\.$kind ~~ kinds).all()
        var decided: [Int: (decidedAs: String, underMandateOf: String?)] = [:]
        for row in rows {
            if let direct = try row.record.event(as: IncidentAuthorityExercised.self) {
                decided[direct.incidentVersion] = (direct.decidedAs, direct.underMandateOf)
            } else if let proposal = try row.record.event(as: ProposalDecided.self), let version = proposal.incidentVersion,
                let decidedAs = proposal.decidedAs
            {
                decided[version] = (decidedAs, proposal.underMandateOf)
            }
        }
        return decided
    }

    /// What differs between two moments, in the terms a reader knows.
    private static func what(changed old: IncidentState, _ oldGemeenten: [String], to new: IncidentState, _ gemeenten: [String])
        -> [String]
    {
        var changed: [String] = []
        if old.grip != new.grip { changed.append("grip") }
        if old.significance != new.significance { changed.append("significance") }
        if old.effectiveStage != new.effectiveStage { changed.append("stage") }
        if old.effectiveDeclaration != new.effectiveDeclaration {
            changed.append("declaration")
        } else if old.classification != new.classification {
            // A declaration brings its classification; only a classification of its own is named.
            changed.append("classification")
        }
        if Set(old.involvedRegions) != Set(new.involvedRegions) || old.leadRegion != new.leadRegion { changed.append("regions") }
        if oldGemeenten != gemeenten { changed.append("area") }
        return changed
    }
}
