import Foundation
import KnooppuntCore
import Vapor

struct AdmissionInput: StrictDecodable {
    var baseVersion: Int
    var admitted: Bool
    enum CodingKeys: String, CodingKey, CaseIterable { case baseVersion, admitted }
}

/// The web page's "share nationally" / "stop sharing" buttons; the API uses POST and DELETE instead.
struct NationalSharingInput: StrictDecodable {
    var shared: Bool
    enum CodingKeys: String, CodingKey, CaseIterable { case shared }
}

struct ConflictInput: StrictDecodable {
    var entries: [UUID]
    var note: String
    enum CodingKeys: String, CodingKey, CaseIterable { case entries, note }

    func validate() throws {
        guard entries.count == 2 else { throw Problem.invalid("field 'entries' must name exactly two entries", field: "entries") }
        guard (1...1000).contains(note.trimmingCharacters(in: .whitespaces).count) else {
            throw Problem.invalid("field 'note' must say what conflicts (1 to 1000 characters)", field: "note")
        }
    }
}

struct ResolutionInput: StrictDecodable {
    var resolution: String
    enum CodingKeys: String, CodingKey, CaseIterable { case resolution }

    func validate() throws {
        guard (1...1000).contains(resolution.trimmingCharacters(in: .whitespaces).count) else {
            throw Problem.invalid("field 'resolution' must say how it was resolved (1 to 1000 characters)", field: "resolution")
        }
    }
}

struct ConflictView: Content {
    var id: UUID
    var entries: [UUID]
    var note: String
    var markedBy: String
    var markedAt: Date
    var resolvedBy: String?
    var resolvedAt: Date?
    var resolution: String?

    init(_ model: ConflictModel) throws {
        id = try model.requireID()
        entries = [model.entryA, model.entryB]
        note = model.note
        markedBy = model.markedBy
        markedAt = Microseconds.date(model.markedAt)
        resolvedBy = model.resolvedBy
        resolvedAt = model.resolvedAt.map(Microseconds.date)
        resolution = model.resolution
    }
}

struct CreateDecisionInput: StrictDecodable {
    var team: CrisisTeam
    var text: String
    var decidedAt: Date?
    var decidedBy: String
    /// Why (the motivation the councils read in the art. 40 report).
    var reason: String?
    /// The besluitpunt it answers (decision 0024).
    var decisionPoint: UUID?
    enum CodingKeys: String, CodingKey, CaseIterable { case team, text, decidedAt, decidedBy, reason, decisionPoint }
}

struct UpdateDecisionInput: StrictDecodable {
    var baseVersion: Int
    var team: CrisisTeam?
    var text: String?
    var decidedAt: Date?
    var decidedBy: String?
    var revoked: Bool?
    /// A new motivation; blank removes it.
    var reason: String?
    enum CodingKeys: String, CodingKey, CaseIterable { case baseVersion, team, text, decidedAt, decidedBy, revoked, reason }
}

struct CreateActionInput: StrictDecodable {
    var text: String
    var owner: String
    var deadline: Date?
    var decision: UUID?
    enum CodingKeys: String, CodingKey, CaseIterable { case text, owner, deadline, decision }
}

struct UpdateActionInput: StrictDecodable {
    var baseVersion: Int
    var text: String?
    var owner: String?
    var deadline: Date?
    var status: ActionStatus?
    enum CodingKeys: String, CodingKey, CaseIterable { case baseVersion, text, owner, deadline, status }
}

struct DecisionView: Content {
    var id: UUID
    var version: Int
    var team: CrisisTeam
    var text: String
    var decidedAt: Date
    var decidedBy: String
    var reason: String?
    /// The authority it was taken under (C10); absent in older records.
    var authority: String?
    /// Taken by a policy team that did not hold authority then.
    var outsideAuthority: Bool?
    /// The besluitpunt it answers.
    var decisionPoint: UUID?
    var revoked: Bool
    var recordedBy: String
    var updatedAt: Date

    init(_ model: RecordVersionModel) throws {
        let body = try RecordStore.decode(DecisionBody.self, model.body)
        authority = body.authority
        outsideAuthority = body.outsideAuthority
        decisionPoint = body.decisionPoint
        id = model.recordID
        version = model.version
        team = body.team
        text = body.text
        decidedAt = body.decidedAt
        decidedBy = body.decidedBy
        reason = body.reason
        revoked = body.revoked
        recordedBy = model.author
        updatedAt = Microseconds.date(model.validFrom)
    }
}

struct ActionView: Content {
    var id: UUID
    var version: Int
    var text: String
    var owner: String
    var deadline: Date?
    var status: ActionStatus
    var decision: UUID?
    var overdue: Bool
    var updatedBy: String
    var updatedAt: Date

    init(_ model: RecordVersionModel, now: Date) throws {
        let body = try RecordStore.decode(ActionBody.self, model.body)
        id = model.recordID
        version = model.version
        text = body.text
        owner = body.owner
        deadline = body.deadline
        status = body.status
        decision = body.decision
        overdue = [.open, .bezig].contains(body.status) && (body.deadline.map { $0 < now } ?? false)
        updatedBy = model.author
        updatedAt = Microseconds.date(model.validFrom)
    }
}

/// One line of the logbook: a change, who made it, when.
struct LogbookLineView: Content {
    var sequence: Int64
    var at: String
    var actor: String
    var organisation: String
    var kind: String
    var summary: String

    init(_ row: JournalEventModel) {
        sequence = row.id ?? 0
        at = row.recordedAt
        actor = row.actor
        organisation = row.organisation
        kind = row.kind
        summary = LogbookSummary.text(row.record)
    }
}

/// The per-theme currency of a picture.
struct ThemeCurrencyView: Content {
    var theme: Theme
    var entries: Int
    var lastUpdated: Date?
    var overdueUnverified: Int
}

/// A one-line, human summary of a journal event for the logbook (Dutch, as the logbook is kept).
enum LogbookSummary {
    static func text(_ record: JournalRecord) -> String {
        switch try? record.event() {
        case let created as IncidentCreated: return "Incident geopend: \(created.body.state.title)"
        case let updated as IncidentUpdated:
            let state = updated.body.state
            var facts = [state.significance?.label.nl.lowercased(), state.stage == .beheer ? "beheerfase" : nil]
            if let declaration = state.declaration, declaration != .notDeclared { facts.append(declaration.label.nl.lowercased()) }
            return "Incident bijgewerkt (versie \(updated.body.version)): \(state.grip.scaleLabel.nl), "
                + "\(state.phase.label.nl.lowercased()), \(state.status.label.nl.lowercased())" + facts.compactMap { $0.map { ", \($0)" } }.joined()
        case let reviewed as IncidentReviewed:
            let outcome = ReviewOutcome(rawValue: reviewed.outcome)?.label.nl ?? reviewed.outcome
            return "Opschaling en gezag herbeoordeeld (GRIP \(reviewed.grip)): \(outcome.lowercased()). Reden: \(reviewed.reason)"
        case let created as EntryCreated:
            let theme = Theme(created.body.theme).map { DisplayFormat.themeLabel($0, .nl) } ?? created.body.theme
            return "Nieuwe melding (\(theme)): \(created.body.text)"
        case let updated as EntryUpdated: return "Melding bijgewerkt: \(updated.body.text)"
        case let verification as EntryVerification:
            let status = VerificationStatus(rawValue: verification.body.verification)?.label.nl ?? verification.body.verification
            return "Melding beoordeeld: \(status.lowercased()) — \(verification.body.text)"
        case let admission as EntryAdmission:
            return "Melding \(admission.body.admitted ? "opgenomen in" : "verwijderd uit") het gedeelde beeld"
        case let marked as ConflictMarked: return "Tegenstrijdige meldingen gemarkeerd: \(marked.body.note)"
        case let resolved as ConflictResolved: return "Tegenstrijdigheid opgelost: \(resolved.body.resolution ?? "")"
        case let decision as any ShapedJournalEvent<RecordPayload<DecisionBody>>: return "Besluit: \(decision.body.body.text)"
        case let consultation as ConsultationRecorded:
            // The councils by name are with the decision; the logbook keeps to what happened.
            let body = consultation.body.body
            return body.urgent
                ? "Spoed: raden niet geraadpleegd over een besluit: \(body.urgencyReason ?? "")"
                : "Raden geraadpleegd over een besluit: \(body.position ?? "")"
        case let formed as IRBTFormed:
            return "IRBT ingericht \(formed.origin == IRBTRules.Origin.grip5.rawValue ? "bij GRIP 5" : "op verzoek") "
                + "(\(formed.regions.joined(separator: ", "))); coördinerend voorzitter: \(formed.coordinatingRegion)"
        case let changed as IRBTCoordinatorChanged:
            return "Coördinerend voorzitter IRBT: \(changed.coordinatingRegion) (was \(changed.previous))"
        case let decision as IRBTDecisionRecorded:
            return "IRBT-besluit: \(decision.text) (akkoord: \(decision.agreedRegions.joined(separator: ", ")))"
        case let alignment as IRBTAlignmentRecorded: return "Afstemming met het Rijk (\(alignment.with)): \(alignment.text)"
        case let summary as any ShapedJournalEvent<RecordPayload<ThemeSummaryBody>>:
            let body = summary.body.body
            let what = body.theme == .algemeen ? "Totaalbeeld" : "Beeld \(body.theme.label().nl)"
            return "\(what) bijgewerkt (versie \(summary.body.version)): \(body.picture)"
        case let point as DecisionPointRaised:
            return "Besluitpunt voor het \(point.body.body.team.label.nl): \(point.body.body.text)"
        case let point as DecisionPointUpdated:
            let body = point.body.body
            return body.withdrawnReason.map { "Besluitpunt vervallen: \(body.text) — \($0)" } ?? "Besluitpunt gewijzigd: \(body.text)"
        case let action as any ShapedJournalEvent<RecordPayload<ActionBody>>:
            let body = action.body.body
            return "Actie (\(body.owner)): \(body.text) [\(body.status.label.nl.lowercased())]"
        case let change as any ShapedJournalEvent<GrantPayload>:
            let grant = change.body.grant
            let who = grant.organisation
            let until = DisplayFormat.time(grant.validUntil)
            switch change {
            case is AccessGranted:
                return "\(who) gekoppeld (\(grant.profile?.label.nl.lowercased() ?? ""), \(grant.status.label.nl.lowercased())) tot \(until): \(grant.purpose)"
            case is AccessChanged: return "Toegang \(who) gewijzigd: \(grant.status.label.nl.lowercased()), tot \(until)"
            case is AccessRevoked: return "\(who) ontkoppeld"
            case is AccessTemporaryAccount:
                return "Tijdelijk account \(grant.username ?? "") voor \(who) tot \(until): \(grant.purpose)"
            default: return "Glas gebroken: incident opengesteld voor \(who) tot \(until). Reden: \(grant.purpose)"
            }
        case let exercised as IncidentAuthorityExercised:
            let mandate = exercised.underMandateOf == nil ? "" : " (onder mandaat)"
            return "Besloten als \(exercised.decidedAs)\(mandate): \(exercised.decided.joined(separator: ", "))"
        case let raised as AlertRaised: return "\(raised.body.organisation) gealarmeerd: \(raised.body.reason)"
        case let acknowledged as AlertAcknowledged: return "Alarmering bevestigd door \(acknowledged.body.organisation)"
        case let escalated as AlertEscalated:
            return "Alarmering \(escalated.body.organisation) niet bevestigd; opgeschaald naar \(escalated.body.escalatedTo ?? "")"
        case let handled as MeldkamerProposalHandled:
            return handled.action == "promoted"
                ? "Incident gemaakt van een voorstel van de meldkamer (\(handled.messages.count) \(handled.messages.count == 1 ? "bericht" : "berichten"))"
                : "Voorstel van de meldkamer afgehandeld"
        case let takenOver as MeldkamerThemeTakenOver:
            let name = Meldkamers.meldkamer(code: takenOver.meldkamer)?.name ?? "de meldkamer"
            return "Thema Meldkamer overgenomen van de calamiteitencoördinator van \(name)"
        default: return sentences[record.kind] ?? record.kind
        }
    }

    /// Events whose payload adds nothing a reader needs, as a sentence instead of their code.
    static let sentences: [String: String] = [
        "plot.created": "Kaart: plot getekend", "plot.updated": "Kaart: plot gewijzigd", "plot.removed": "Kaart: plot verwijderd",
        "plot.verification": "Kaart: plot beoordeeld", "sitrap.issued": "Situatierapport uitgebracht",
        "sitrap.schedule-set": "Ritme voor situatierapporten vastgelegd", "sitrap.schedule-ended": "Ritme voor situatierapporten beëindigd",
        "assistance.drafted": "Bijstandsaanvraag opgesteld (concept)", "assistance.requested": "Bijstand aangevraagd",
        "assistance.offered": "Bijstand aangeboden", "assistance.proposed": "Bijstand voorgesteld door het LOCC",
        "assistance.offer-confirmed": "Voorstel voor bijstand bevestigd", "assistance.offer-withdrawn": "Aanbod voor bijstand ingetrokken",
        "assistance.offer-declined": "Aanbod voor bijstand afgewezen", "assistance.committed": "Bijstand toegezegd",
        "assistance.deployed": "Bijstand ingezet", "assistance.released": "Bijstand vrijgegeven",
        "assistance.closed": "Bijstandsaanvraag afgesloten", "assistance.withdrawn": "Bijstandsaanvraag ingetrokken",
        "assistance.declined": "Bijstandsaanvraag afgewezen",
        "proposal.made": "Voorstel aan het bevoegd gezag gedaan", "proposal.decided": "Het bevoegd gezag besliste over een voorstel",
        "entry.acknowledged": "Urgente melding gezien en bevestigd", "access.requested": "Partner vroeg toegang",
        "access.request-decided": "Verzoek om toegang beslist", "warning.published": "Publieke waarschuwing uitgegeven",
        "warning.received": "Waarschuwing van buiten ontvangen",
    ]
}
