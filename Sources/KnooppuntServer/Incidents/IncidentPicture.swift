import Fluent
import Foundation
import KnooppuntCore
import Vapor

/// The picture of an incident at one moment, as one reader may see it: what the API, the incident
/// page and the national node's detail request all show.
enum IncidentPicture {
    /// The picture at `at` for the request's user (authorised to read), its reader from the policy.
    static func read(_ target: AuthorisedIncident, at: Date, for user: CurrentUser, context: KnooppuntContext, on db: Database)
        async throws -> PictureView
    {
        let reader = try await AccessService.reader(
            user.subject, incident: try target.incident.requireID(), scope: target.scope, at: context.clock.now(), on: db)
        return try await assemble(target.incident, at: at, for: user, reader: reader, context: context, on: db)
    }

    /// Everything the picture held at `at`: incident, entries, open conflicts, decisions, actions, and
    /// how current each theme is.
    /// `reader` says which entries `user` sees (AccessService); confidential ones read are journaled.
    static func assemble(
        _ incident: IncidentModel, at: Date, for user: CurrentUser, reader: EntryReader, context: KnooppuntContext, on db: Database
    ) async throws -> PictureView {
        let id = try incident.requireID()
        let instant = Microseconds.from(at)
        let store = PictureStore(db: db, context: context)
        let records = RecordStore(db: db, context: context)
        guard let version = try await store.incidentVersion(id, at: instant) else {
            throw Problem.notFound("the incident did not exist yet at \(JournalTime.string(from: at))")
        }
        let currency = context.configuration.currency
        let visible = try await store.entries(of: id, at: instant).filter(reader.sees)
        let entries = try visible.map { try EntryView($0, currency: currency, now: at) }
        let confidential = entries.filter { $0.classification == .confidential }
        if !confidential.isEmpty {
            try await AccessService.journalConfidentialRead(
                user.author, incident: id, what: "picture: \(confidential.count) confidential entries (\(confidential.map(\.id.uuidString).joined(separator: ", ")))",
                context: context, on: db)
        }
        let state = try PictureStore.decodeState(version)
        let partnerThemes = try await themedPartners(id, state: state, entries: entries, on: db)
        // A reader with a limited scope is shown the themes it reads, not empty ones it may not read (0027 §7, §8).
        // The meldkamer theme is there for an incident that came from a meldkamer proposal (decision 0034).
        let meldkamer: [Theme] = state.meldkamer != nil || entries.contains { $0.theme == .meldkamer } ? [.meldkamer] : []
        let readable = (Theme.disciplines + meldkamer + partnerThemes.map(Theme.partner))
            .filter { reader.scope.readsEntries(of: $0) || reader.scope.readsSummary(of: $0) }
        let themes = readable.map { theme in
            let inTheme = entries.filter { $0.theme == theme }
            return ThemeCurrencyView(
                theme: theme, entries: inTheme.count, lastUpdated: inTheme.map(\.updatedAt).max(),
                overdueUnverified: inTheme.filter(\.overdue).count)
        }
        // Decisions, actions and conflicts belong to the whole picture: a standby partner whose IM opened only
        // the totaalbeeld or some themes does not read them (decision 0027 §7).
        let whole = reader.scope.isWhole
        let decisions = whole ? try await records.records(.decision, of: id, at: instant).map(DecisionView.init) : []
        let actions = whole ? try await records.records(.action, of: id, at: instant).map { try ActionView($0, now: at) } : []
        let conflicts = whole ? try await store.openConflicts(of: id, at: instant).map(ConflictView.init) : []
        let summaries = try await summaries(of: id, at: at, reader: reader, records: records)
        let points = try await decisionPoints(of: id, at: at, reader: reader, records: records, decisions: decisions)
        var moments: [Date] = [Microseconds.date(version.validFrom)]
        moments += entries.map(\.updatedAt)
        moments += decisions.map(\.updatedAt)
        moments += actions.map(\.updatedAt)
        moments += conflicts.map(\.markedAt)
        moments += summaries.map(\.updatedAt)
        moments += points.map(\.updatedAt)
        let lastUpdate = moments.max() ?? at
        return PictureView(
            at: at, incident: try IncidentView(incident, version), entries: entries, conflicts: conflicts,
            decisions: decisions.sorted { $0.decidedAt < $1.decidedAt }, actions: actions, themes: themes,
            lastUpdate: lastUpdate, stale: currency.isStale(lastUpdate: lastUpdate, status: state.status, now: at),
            summaries: summaries, decisionPoints: points)
    }

    /// The theme summaries at `at` the reader sees (by classification, like entries), totaalbeeld first.
    static func summaries(of id: UUID, at: Date, reader: EntryReader, records: RecordStore) async throws -> [SummaryView] {
        try await records.records(.summary, of: id, at: Microseconds.from(at))
            .filter { record in
                let body = try? RecordStore.decode(ThemeSummaryBody.self, record.body)
                return reader.sees(
                    classification: body?.classification.rawValue ?? Classification.confidential.rawValue, awaitingAdmission: false,
                    author: record.authorOrganisation, part: body.map { .summary($0.theme) })
            }
            .map(SummaryView.init)
            .sorted { ($0.theme == .algemeen ? 0 : 1, $0.theme.description) < ($1.theme == .algemeen ? 0 : 1, $1.theme.description) }
    }

    /// The besluitpunten at `at`: the crisis team's own deliberation, so none for partners (decision 0024).
    /// Open ones first, by deadline, then the rest newest first.
    static func decisionPoints(
        of id: UUID, at: Date, reader: EntryReader, records: RecordStore, decisions: [DecisionView]? = nil
    ) async throws -> [DecisionPointView] {
        guard !reader.isPartner, reader.ceiling != nil else { return [] }
        let instant = Microseconds.from(at)
        var answers = decisions ?? []
        if decisions == nil { answers = try await records.records(.decision, of: id, at: instant).map(DecisionView.init) }
        let points = try await records.records(.decisionPoint, of: id, at: instant).map {
            try DecisionPointView($0, decisions: answers, now: at)
        }
        let open = points.filter { $0.status == .open }
            .sorted { ($0.deadline ?? .distantFuture, $0.updatedAt) < ($1.deadline ?? .distantFuture, $1.updatedAt) }
        return open + points.filter { $0.status != .open }.sorted { $0.updatedAt > $1.updatedAt }
    }

    /// The partners with a theme on the picture: those the incident lists, those linked to it under a
    /// profile that brings information (not standby, which reads along), and any with entries.
    static func themedPartners(_ id: UUID, state: IncidentState, entries: [EntryView], on db: Database) async throws -> [String] {
        let linked = try await AccessGrantModel.query(on: db).filter(\.$incidentID == id).filter(\.$kind == "link").all()
            .filter { $0.profile != CollaborationProfile.standby.rawValue }.map(\.organisationCode)
        let written = entries.compactMap { entry -> String? in
            if case .partner(let code) = entry.theme { return code }
            return nil
        }
        var seen = Set<String>()
        return (state.linkedPartners + linked.sorted() + written.sorted()).filter { seen.insert($0).inserted }
    }

    /// The plots the user may see on the map at `at`; reading confidential plots is journaled.
    static func visiblePlots(
        _ incident: IncidentModel, scope: IncidentScope, at: Date, user: CurrentUser, context: KnooppuntContext, on db: Database
    ) async throws -> [PlotVersionModel] {
        let id = try incident.requireID()
        let reader = try await AccessService.reader(user.subject, incident: id, scope: scope, at: context.clock.now(), on: db)
        let plots = try await PictureStore(db: db, context: context).plots(of: id, at: Microseconds.from(at))
            .filter { reader.sees(classification: $0.classification, awaitingAdmission: false, author: $0.authorOrganisation) }
        let confidential = plots.filter { $0.classification == Classification.confidential.rawValue }
        if !confidential.isEmpty {
            try await AccessService.journalConfidentialRead(
                user.author, incident: id, what: "map: \(confidential.count) confidential plots", context: context, on: db)
        }
        return plots
    }
}
