import Fluent
import Foundation
import KnooppuntCore
import Vapor

/// Drafts the art. 40 report from what the incident records, as its reader may see it: the reads are
/// those of the incident picture (decisions, actions, GRIP versions and public warnings go to every
/// reader of the incident; the affected gemeenten count only plots the reader sees, up to internal).
/// Only staff of an involved region draft it (`CouncilReportPolicy`).
enum CouncilReportService {
    static func draft(_ target: AuthorisedIncident, for user: CurrentUser, context: KnooppuntContext, on db: Database)
        async throws -> CouncilReportView
    {
        let permission = CouncilReportPolicy.mayDraft(user.subject, incident: target.scope)
        guard permission.allowed else { throw Problem.forbidden(permission.reason) }
        let id = try target.incident.requireID()
        let now = context.clock.now()
        let instant = Microseconds.from(now)
        let state = try PictureStore.decodeState(target.version)
        let affected = try await IncidentAuthority.affectedMunicipalities(target, for: user, context: context, on: db)
        let authority = try await IncidentAuthority.current(target, affected: affected, context: context, on: db)
        let versions = try await PictureStore(db: db, context: context).incidentVersions(id)
        let records = RecordStore(db: db, context: context)
        let decisions = try await records.records(.decision, of: id, at: instant)
        let consultations = try await records.records(.consultation, of: id, at: instant)
        let actions = try await records.records(.action, of: id, at: instant).map { try ActionView($0, now: now) }
            .filter { [.open, .bezig].contains($0.status) }
        let warnings = try await PublicWarningModel.query(on: db).filter(\.$incidentID == id).sort(\.$number).all()
        let scale = try GRIPChangeView.changes(in: versions)

        let names = try await Names.load(
            usernames: Set(decisions.map(\.author) + consultations.map(\.author) + scale.map(\.by) + [user.username]), on: db)
        let councils = affected.compactMap { names.council($0.code) }
        let consultationsByDecision = Dictionary(grouping: try consultations.map { version in
            (version, try RecordStore.decode(ConsultationBody.self, version.body))
        }, by: { $0.1.decision })

        let reportDecisions = try decisions.map { version -> CouncilReportView.Decision in
            let body = try RecordStore.decode(DecisionBody.self, version.body)
            let consulted = (consultationsByDecision[version.recordID] ?? []).map { version, consultation in
                CouncilReportView.Consultation(
                    id: version.recordID, councils: consultation.councils.compactMap { names.council($0.rawValue) },
                    consultedAt: consultation.consultedAt, afterDecision: consultation.consultedAt.map { $0 > body.decidedAt } ?? false,
                    position: consultation.position, urgent: consultation.urgent, urgencyReason: consultation.urgencyReason,
                    recordedAt: Microseconds.date(version.validFrom),
                    recordedBy: names.person(version.author, organisation: version.authorOrganisation))
            }
            // Older decisions do not record the authority they were taken under: the documents leave the line out.
            return CouncilReportView.Decision(
                id: version.recordID, decidedAt: body.decidedAt, team: body.team, text: body.text, reason: body.reason,
                decidedBy: body.decidedBy, recordedBy: names.person(version.author, organisation: version.authorOrganisation),
                authority: body.authority, outsideAuthority: body.outsideAuthority, revoked: body.revoked,
                consultations: consulted.sorted { ($0.consultedAt ?? $0.recordedAt) < ($1.consultedAt ?? $1.recordedAt) })
        }.sorted { $0.decidedAt < $1.decidedAt }

        return CouncilReportView(
            incident: id, reference: target.incident.reference, title: state.title, exercise: target.incident.exercise,
            startedAt: state.startedAt, endedAt: try endedAt(versions), status: state.status,
            regions: state.involvedRegions.map { .init(code: $0, name: names.region($0), lead: $0 == state.leadRegion) },
            councils: councils, authority: authority, decisions: reportDecisions,
            scaleHistory: scale.map { change in
                .init(at: change.at, from: change.from, to: change.to, reason: change.reason,
                      by: names.person(change.by, organisation: change.organisation))
            },
            publicWarnings: warnings.map { warning in
                .init(number: warning.number, publishedAt: Microseconds.date(warning.publishedAt), headline: warning.headline,
                      msgType: warning.msgType, cancelled: warning.cancelledAt != nil)
            },
            openActions: actions.map { action in
                .init(text: action.text, owner: names.organisation(action.owner), deadline: action.deadline, status: action.status,
                      overdue: action.overdue)
            },
            draftedAt: now, draftedBy: names.person(user.username, organisation: user.organisationCode),
            formats: [
                "html": SiteURL.incident(.value(id), .report).path, "pdf": SiteURL.incident(.value(id), .reportPDF).path,
                "markdown": SiteURL.incident(.value(id), .reportMarkdown).path, "json": SiteURL.api(.councilReport(id)).path,
            ])
    }

    /// When the incident last stopped being open; nil while it is open.
    static func endedAt(_ versions: [IncidentVersionModel]) throws -> Date? {
        var ended: Date?
        var wasOpen = true
        for version in versions {
            let open = try PictureStore.decodeState(version).status == .open
            if wasOpen && !open { ended = Microseconds.date(version.validFrom) }
            if open { ended = nil }
            wasOpen = open
        }
        return ended
    }

    /// The names a reader knows people, organisations, regions and gemeenten by.
    struct Names {
        let people: [String: CouncilReportView.Person]
        let organisations: [String: String]
        let regions: [String: String]
        let gemeenten: [String: (name: String, region: RegionCode)]

        static func load(usernames: Set<String>, on db: Database) async throws -> Names {
            let organisations = try await OrganisationModel.query(on: db).all()
            let organisationNames = Dictionary(organisations.map { ($0.code, $0.name) }, uniquingKeysWith: { first, _ in first })
            let byID = Dictionary(
                organisations.compactMap { model in model.id.map { ($0, model.name) } }, uniquingKeysWith: { first, _ in first })
            let users = usernames.isEmpty ? [] : try await UserModel.query(on: db).filter(\.$username ~~ Array(usernames)).all()
            let people = Dictionary(users.map { user in
                (user.username, CouncilReportView.Person(
                    name: user.displayName, role: Role(rawValue: user.role), organisation: byID[user.$organisation.id] ?? ""))
            }, uniquingKeysWith: { first, _ in first })
            let regions = try await RegionModel.query(on: db).field(\.$id).field(\.$name).all()
            return Names(
                people: people, organisations: organisationNames,
                regions: Dictionary(
                    regions.compactMap { model in model.id.map { ($0, model.name) } }, uniquingKeysWith: { first, _ in first }),
                gemeenten: Dictionary(try await MunicipalityAreas.all(on: db).map { ($0.code, ($0.name, $0.region)) },
                                      uniquingKeysWith: { first, _ in first }))
        }

        /// A person by their account; an account this node does not know shows as its organisation.
        func person(_ username: String, organisation code: String) -> CouncilReportView.Person {
            people[username] ?? CouncilReportView.Person(name: organisation(code), role: nil, organisation: organisation(code))
        }

        func organisation(_ code: String) -> String { organisations[code] ?? code }

        func region(_ code: RegionCode) -> String { regions[code.rawValue] ?? code.rawValue }

        func council(_ code: String) -> CouncilReportView.Council? {
            guard let gemeente = gemeenten[code], let municipality = MunicipalityCode(code) else { return nil }
            return CouncilReportView.Council(code: municipality, name: gemeente.name, region: gemeente.region)
        }
    }
}
