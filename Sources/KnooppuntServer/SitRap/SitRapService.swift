import Fluent
import Foundation
import KnooppuntCore
import KnooppuntInterop

/// Issues situation reports: gathers the picture at a moment as the issuer may read it, composes the
/// report, draws its map, and stores it under the incident's next number, journaled, in one write.
struct SitRapService: Sendable {
    let db: Database
    let context: KnooppuntContext

    struct Order: Sendable {
        var moment: Date?
        var unverified: UnverifiedHandling = .leaveOut
        var ceiling: Classification = .internal
        var summary: String?
        var scheduled = false
        /// For a scheduled SitRap: the schedule, the due time it was found with and the next one. The
        /// issuing write moves it on, and issues nothing when another instance of the node already did.
        var claim: (schedule: UUID, due: Int64, next: Int64)? = nil
    }

    /// Another instance of this node issued the scheduled SitRap first.
    struct ScheduleTaken: Error {}

    /// Issuing writes to the incident's record, so it takes what adding to the shared picture takes.
    static func mayIssue(_ subject: Subject, incident id: UUID, scope: IncidentScope, at now: Date, on db: Database)
        async throws -> AccessDecision
    {
        try await AccessService.decide(subject, .init(action: .addEntry, theme: .algemeen), incident: id, scope: scope, at: now, on: db)
            .decision
    }

    func issue(for incidentID: UUID, _ order: Order, by subject: Subject) async throws -> SitRapModel {
        let now = context.clock.now()
        let current = try await PictureStore.currentIncidentVersion(incidentID, on: db)
        let scope = try IncidentAccess.scope(current)
        let decision = try await Self.mayIssue(subject, incident: incidentID, scope: scope, at: now, on: db)
        guard decision.allowed else { throw Problem.forbidden(decision.reason) }
        let moment = order.moment ?? now
        guard moment <= now else { throw Problem.invalid("a SitRap describes the present or the past; 'at' is in the future", field: "at") }
        let store = PictureStore(db: db, context: context)
        let instant = Microseconds.from(moment)
        guard let version = try await store.incidentVersion(incidentID, at: instant) else {
            throw Problem.invalid("the incident did not exist yet at \(JournalTime.string(from: moment))", field: "at")
        }
        guard let incident = try await IncidentModel.read(incidentID, on: db) else { throw Problem.notFound("no incident \(incidentID)") }
        let reader = try await AccessService.reader(subject, incident: incidentID, scope: scope, at: now, on: db)
        let state = try PictureStore.decodeState(version)
        let history = try await store.incidentVersions(incidentID).filter { $0.validFrom <= instant }
            .map { (Microseconds.date($0.validFrom), try PictureStore.decodeState($0)) }
        let entries = try await store.entries(of: incidentID, at: instant).filter(reader.sees).map { row in
            let dto = try EntryView(row)
            return SitRapComposer.SourceEntry(
                theme: dto.theme, text: dto.text, source: dto.source, observedAt: dto.observedAt, priority: dto.priority,
                verification: dto.verification, classification: dto.classification, inSharedPicture: !dto.awaitingAdmission,
                onBehalfOf: dto.onBehalfOf)
        }
        let records = RecordStore(db: db, context: context)
        let decisions = try await records.records(.decision, of: incidentID, at: instant).map { try RecordStore.decode(DecisionBody.self, $0.body) }
        let actions = try await records.records(.action, of: incidentID, at: instant).map { try RecordStore.decode(ActionBody.self, $0.body) }
        let summaries = try await IncidentPicture.summaries(of: incidentID, at: moment, reader: reader, records: records)
            .map { ThemeSummaryBody(theme: $0.theme, picture: $0.picture, bottlenecks: $0.bottlenecks, outlook: $0.outlook, classification: $0.classification) }
        let openPoints = try await IncidentPicture.decisionPoints(of: incidentID, at: moment, reader: reader, records: records)
            .filter { $0.status == .open }
            .map { var point = DecisionPointBody(text: $0.text, considerations: $0.considerations, team: $0.team); point.deadline = $0.deadline; return point }
        let names = try await PartnerStore.partnerNames(on: db)
        let partnerCodes = Set(state.linkedPartners).union(entries.compactMap { entry -> String? in
            if case .partner(let code) = entry.theme { return code }
            return entry.onBehalfOf
        })
        let partners = partnerCodes.sorted().map { SitRap.Partner(code: $0, name: names[$0] ?? $0) }
        let ceiling = min(order.ceiling, reader.ceiling ?? .public)
        let plots = try await store.plots(of: incidentID, at: instant).filter {
            (Classification(rawValue: $0.classification) ?? .confidential) <= ceiling
        }
        let map = try await Self.map(location: state.location, plots: plots, on: db)
        let mapJSON = try map.map { try CanonicalJSON.encode($0) }
        let reference = incident.reference
        let issuer = order.scheduled ? "\(subject.username) (schema)" : subject.username
        let claim = order.claim
        return try await context.write(on: db) { db in
            if let claim {
                guard let schedule = try await SitRapScheduleModel.find(claim.schedule, on: db), schedule.nextDue == claim.due else {
                    throw ScheduleTaken()
                }
                schedule.nextDue = claim.next
                try await schedule.update(on: db)
            }
            let number = try await SitRapModel.query(on: db).filter(\.$incidentID == incidentID).count() + 1
            var input = SitRapComposer.Input(
                number: number, reference: reference, moment: moment, state: state, history: history, entries: entries,
                decisions: decisions, actions: actions, partners: partners, issuedAt: now, issuedBy: issuer,
                issuedByOrganisation: subject.organisationCode, scheduled: order.scheduled, unverified: order.unverified,
                ceiling: ceiling, summary: order.summary)
            input.summaries = summaries
            input.openDecisionPoints = openPoints
            let report = SitRapComposer.compose(input)
            let model = SitRapModel()
            model.id = NewID.next()
            model.incidentID = incidentID
            model.number = number
            model.moment = instant
            model.issuedAt = Microseconds.from(now)
            model.issuedBy = issuer
            model.organisation = subject.organisationCode
            model.classification = report.classification.rawValue
            model.scheduled = order.scheduled
            model.content = try CanonicalJSON.encode(report)
            model.map = mapJSON
            try await model.create(on: db)
            try await Journal.append(
                SitRapIssued(
                    incident: incidentID, number: number, moment: JournalTime.string(from: moment), scheduled: order.scheduled,
                    entries: report.entryCount, classification: report.classification.rawValue),
                on: db, actor: subject.username, organisation: subject.organisationCode, incident: incidentID)
            return model
        }
    }

    /// The map: the incident's location and its plots, with the municipalities around them.
    static func map(location: String?, plots: [PlotVersionModel], on db: Database) async throws -> SitRapMap? {
        var features: [SitRapMap.Feature] = AffectedAreaView.shapes(incidentLocation: location, plots: []).map {
            .init(kind: .symbol, shape: $0, colour: "#c62828", label: nil, symbol: .incident)
        }
        for plot in plots {
            guard let kind = PlotKind(rawValue: plot.kind) else { continue }
            let style = PlotStyle(kind: kind, symbol: plot.symbol.flatMap(PlotSymbol.init(rawValue:)), label: plot.label,
                                  colour: plot.colour, radius: plot.radius)
            for shape in AffectedAreaView.shapes(of: plot) {
                features.append(.init(kind: kind, shape: shape, colour: style.resolvedColour, label: plot.label, symbol: style.symbol))
            }
        }
        guard !features.isEmpty else { return nil }
        return SitRapMap.draw(features, municipalities: try await MunicipalityAreas.all(on: db))
    }

    // MARK: Schedules

    /// Issues every scheduled SitRap that is due, and moves each schedule on. Closed incidents'
    /// schedules end. A schedule whose setter may no longer issue is ended and journaled.
    func runDueSchedules() async throws -> Int {
        let now = context.clock.now()
        let due = try await SitRapScheduleModel.query(on: db).filter(\.$nextDue <= Microseconds.from(now)).all()
        var issued = 0
        for schedule in due {
            let incidentID = schedule.incidentID
            let state = try PictureStore.decodeState(try await PictureStore.currentIncidentVersion(incidentID, on: db))
            guard state.status == .open,
                  let subject = try? await Subjects.active(schedule.setBy, on: db, at: now)
            else {
                try await end(schedule, reason: state.status == .open ? "the user who set it is no longer active" : "the incident is closed")
                continue
            }
            // The next one is due an interval after this one was, skipping any missed while down.
            let interval = Int64(schedule.intervalMinutes) * 60_000_000
            var next = schedule.nextDue + interval
            let nowInstant = Microseconds.from(now)
            if next <= nowInstant { next = nowInstant + interval }
            do {
                _ = try await issue(for: incidentID, .init(
                    unverified: UnverifiedHandling(rawValue: schedule.unverified) ?? .leaveOut, scheduled: true,
                    claim: (try schedule.requireID(), schedule.nextDue, next)), by: subject)
                issued += 1
            } catch let problem as Problem where problem.status == .forbidden {
                try await end(schedule, reason: "\(schedule.setBy) may no longer issue SitRaps: \(problem.detail)")
            } catch is ScheduleTaken {
                continue
            }
        }
        return issued
    }

    private func end(_ schedule: SitRapScheduleModel, reason: String) async throws {
        let id = try schedule.requireID()
        let incidentID = schedule.incidentID
        try await context.write(on: db) { db in
            try await SitRapScheduleModel.query(on: db).filter(\.$id == id).delete()
            try await Journal.append(
                SitRapScheduleEnded(SitRapSchedulePayload(incident: incidentID, intervalMinutes: nil, reason: reason)), on: db,
                actor: "system", organisation: "system", incident: incidentID)
        }
    }
}
