import Fluent
import Foundation
import KnooppuntCore

/// Gathers what the access policy needs about an incident and a subject (grants, standing) from the
/// database, and asks the policy. Every incident read and write goes through here.
enum AccessService {
    struct Question: Sendable {
        var action: AccessAction
        var classification: Classification = .public
        var theme: Theme? = nil
        var onBehalfOf: CollaborationProfile? = nil
    }

    /// The answer, and until when it holds at the latest (the end of the grant it rests on).
    struct Answer: Sendable {
        let decision: AccessDecision
        let until: Date?
    }

    static func decide(
        _ subject: Subject, _ question: Question, incident id: UUID?, scope: IncidentScope?, at time: Date, on db: Database
    ) async throws -> Answer {
        var request = AccessRequest(
            subject: subject, action: question.action, incident: scope, classification: question.classification,
            theme: question.theme, onBehalfOf: question.onBehalfOf, time: time)
        // Regions decide on the incident alone; the national node and partners through their grants.
        if subject.organisationKind != .region, !subject.role.isAdministrator, let id, let scope {
            request.grants = try await grants(of: subject.organisationCode, incident: id, on: db)
            if subject.isPartner, question.action == .monitor {
                request.standing = try await standing(of: subject.organisationCode, in: scope.involvedRegions, on: db)
            }
        }
        let decision = AccessPolicy.decide(request)
        let until = decision.allowed ? AccessPolicy.activeGrant(request)?.endsAt : nil
        return Answer(decision: decision, until: until)
    }

    /// The incidents of `found` the subject may read, in the same order.
    static func readable(
        _ subject: Subject, _ found: [(IncidentModel, IncidentVersionModel)], at time: Date, on db: Database
    ) async throws -> [(IncidentModel, IncidentVersionModel)] {
        var visible: [(IncidentModel, IncidentVersionModel)] = []
        for (incident, version) in found {
            let answer = try await decide(
                subject, .init(action: .read), incident: try incident.requireID(), scope: try IncidentsController.scope(version),
                at: time, on: db)
            if answer.decision.allowed { visible.append((incident, version)) }
        }
        return visible
    }

    /// Whether the subject knows of the incident without reading it: a partner that is or was linked to
    /// it, was alerted of it, or sees it in its monitoring list. Denials to such a subject give the reason; to anyone else
    /// the incident does not exist.
    static func knows(_ subject: Subject, incident id: UUID, scope: IncidentScope, at time: Date, on db: Database)
        async throws -> Bool
    {
        guard subject.isPartner else { return false }
        if try await !grants(of: subject.organisationCode, incident: id, on: db).isEmpty { return true }
        if try await PartnerAlertModel.query(on: db).filter(\.$incidentID == id)
            .filter(\.$organisationCode == subject.organisationCode).count() > 0
        {
            return true
        }
        return try await decide(subject, .init(action: .monitor), incident: id, scope: scope, at: time, on: db).decision.allowed
    }

    static func grants(of organisation: String, incident: UUID, on db: Database) async throws -> [AccessGrant] {
        try await AccessGrantModel.query(on: db).filter(\.$incidentID == incident)
            .filter(\.$organisationCode == organisation).all().map { try $0.grant() }
    }

    static func standing(of organisation: String, in regions: Set<RegionCode>, on db: Database) async throws
        -> Set<CollaborationProfile>
    {
        guard let model = try await PartnerRegistrationModel.query(on: db).filter(\.$organisationCode == organisation).first()
        else { return [] }
        return try model.registration().standing(in: regions)
    }
}

extension AccessGrant {
    /// When the grant stops: its end, or its revocation if that comes first.
    var endsAt: Date { revokedAt.map { Swift.min($0, validUntil) } ?? validUntil }
}

extension AccessGrantModel {
    func grant() throws -> AccessGrant {
        let grantKind: AccessGrant.Kind
        switch kind {
        case "link":
            guard let profile = profile.flatMap(CollaborationProfile.init(rawValue:)) else {
                throw Problem(status: .internalServerError, detail: "grant \(id?.uuidString ?? "?") has no valid profile")
            }
            grantKind = .link(profile)
        case "temporary-account":
            grantKind = .temporaryAccount(username: username ?? "")
        default:
            grantKind = .breakGlass
        }
        return AccessGrant(
            kind: grantKind, organisationCode: organisationCode, purpose: purpose, validFrom: Microseconds.date(validFrom),
            validUntil: Microseconds.date(validUntil), revokedAt: revokedAt.map(Microseconds.date),
            status: PartnerStatus(rawValue: status) ?? .monitoring,
            maxClassification: Classification(rawValue: maxClassification) ?? .public)
    }
}

/// Which entries of one incident a subject sees: up to the most sensitive classification the policy
/// lets it read, and entries waiting for admission only when it is a region involved or their author.
struct EntryReader: Sendable {
    let organisation: String
    let isRegion: Bool
    let isPartner: Bool
    /// nil: the subject reads nothing of the incident.
    let ceiling: Classification?

    func sees(classification: String, awaitingAdmission: Bool, author: String) -> Bool {
        let level = Classification(rawValue: classification) ?? .confidential
        guard let ceiling, level <= ceiling else { return false }
        return !awaitingAdmission || isRegion || author == organisation
    }

    func sees(_ model: EntryVersionModel) -> Bool {
        sees(classification: model.classification, awaitingAdmission: model.awaitingAdmission, author: model.authorOrganisation)
    }

    /// For journal records of entries and plots: whether the subject sees the version the record carries. A
    /// partner sees the access events about itself only.
    func sees(_ record: JournalRecord) -> Bool {
        if record.kind.hasPrefix("access.") || record.kind.hasPrefix("alert."), isPartner {
            let about = try? CanonicalJSON.decode(About.self, from: record.payload)
            return (about?.organisation ?? about?.grant?.organisation) == organisation
        }
        guard record.kind.hasPrefix("entry.") || record.kind.hasPrefix("plot.") else { return true }
        guard let fields = try? CanonicalJSON.decode(EntryFields.self, from: record.payload) else { return true }
        return sees(
            classification: fields.classification ?? Classification.internal.rawValue,
            awaitingAdmission: fields.awaitingAdmission ?? false, author: fields.authorOrganisation ?? record.organisation)
    }

    /// Whom an access or alert event is about.
    private struct About: Decodable {
        struct Grant: Decodable { let organisation: String }
        let organisation: String?
        let grant: Grant?
    }

    private struct EntryFields: Decodable {
        let classification: String?
        let awaitingAdmission: Bool?
        let authorOrganisation: String?
    }
}

extension AccessService {
    static func reader(_ subject: Subject, incident id: UUID, scope: IncidentScope, at time: Date, on db: Database)
        async throws -> EntryReader
    {
        var ceiling: Classification?
        for level in Classification.allCases.reversed() {
            let answer = try await decide(subject, .init(action: .read, classification: level), incident: id, scope: scope, at: time, on: db)
            if answer.decision.allowed {
                ceiling = level
                break
            }
        }
        return EntryReader(
            organisation: subject.organisationCode,
            isRegion: subject.organisationKind == .region && ceiling != nil, isPartner: subject.isPartner, ceiling: ceiling)
    }

    /// Journals that `subject` read confidential information of an incident (not on the incident's own
    /// journal, so readers of the incident do not see who read what).
    static func journalConfidentialRead(
        _ author: PictureStore.Author, incident: UUID, what: String, context: KnooppuntContext, on db: Database
    ) async throws {
        try await context.write(on: db) { db in
            try await Journal.append(
                on: db, actor: author.username, organisation: author.organisation, kind: AccessReport.confidentialReadKind,
                payload: AccessReport.ConfidentialRead(incident: incident, what: what))
        }
    }
}

extension AccessService {
    /// How a new entry joins the picture, as the policy decides it for this writer.
    struct EntryTerms: Sendable {
        var theme: Theme
        var classification: Classification
        var awaitingAdmission: Bool
        var onBehalfOf: String?
    }

    /// Checks a new entry (or a change of one) against the policy: partners write their own theme,
    /// structureel entries wait for admission, a liaison writes for a koppel or ad-hoc partner in that
    /// partner's theme, and nobody classifies above what they may read. Throws 403 with the reason.
    static func entryTerms(
        _ user: CurrentUser, theme: Theme, classification: Classification?, onBehalfOf: String?, incident id: UUID,
        scope: IncidentScope, at time: Date, on db: Database
    ) async throws -> EntryTerms {
        guard scope.status != .archived else { throw Problem.conflict("the incident is archived and read-only") }
        let subject = user.subject
        var terms = EntryTerms(theme: theme, classification: classification ?? .internal, awaitingAdmission: false)
        if let onBehalfOf {
            let code = onBehalfOf.uppercased()
            guard theme == .partner(code) else {
                throw Problem.invalid("an entry for \(code) goes in its own theme 'partner:\(code)'", field: "theme")
            }
            guard try await OrganisationModel.query(on: db).filter(\.$code == code).first() != nil else {
                throw Problem.invalid("no organisation with code \(code)", field: "onBehalfOf")
            }
            let profile = try await PartnerRegistrationModel.query(on: db).filter(\.$organisationCode == code).first()
                .flatMap { try $0.registration().agreement(for: scope.involvedRegions, lead: scope.leadRegion)?.profile }
                ?? .adHoc
            let answer = try await decide(subject, .init(action: .enterOnBehalf, onBehalfOf: profile), incident: id, scope: scope, at: time, on: db)
            guard answer.decision.allowed else { throw Problem.forbidden(answer.decision.reason) }
            terms.onBehalfOf = code
        } else {
            let answer = try await decide(subject, .init(action: .addEntry, theme: theme), incident: id, scope: scope, at: time, on: db)
            guard answer.decision.allowed else { throw Problem.forbidden(answer.decision.reason) }
            terms.awaitingAdmission = answer.decision.obligations.contains(.awaitAdmission)
        }
        let read = try await decide(
            subject, .init(action: .read, classification: terms.classification), incident: id, scope: scope, at: time, on: db)
        guard read.decision.allowed else {
            throw Problem.forbidden("you cannot mark information \(terms.classification.rawValue) that you may not read: \(read.decision.reason)")
        }
        return terms
    }
}
